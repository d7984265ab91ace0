/**
 * A finding's identity for baselines (`assume check --baseline`): a hash of the finding's code and of the
 * code of the function around it, as token streams. White space and comments are not tokens, so
 * reformatting keeps the identity; line numbers are not part of it, so moving code within the file keeps
 * it; code outside the enclosing function is not part of it, so editing or renaming unrelated code keeps
 * it. The rule and the file are kept next to the identity by the baseline, not hashed into it.
 */
import { createHash } from 'node:crypto';
import { ts } from 'ts-morph';
import { memoOf } from '../core/memo.js';
import type { CheckContext, Node } from '../core/types.js';

const MEMO = 'analyzer/identity';

/**
 * The identity of a finding reported on `node` (a node of `ctx.file`): normalized code of the node, and of
 * its nearest enclosing function, method or class field (with its name), or, at the top level, of the
 * top-level statement holding it. Whole-file code is never used: any edit in the file would change it.
 */
export function identityOf(ctx: CheckContext, node: Node): string {
  const scope = enclosingOf(node);
  const memo = memoOf<Node, string>(ctx, MEMO);
  let scopeCode = memo.get(scope);
  if (scopeCode === undefined) {
    scopeCode = normalizedCode(ctx.file.text, scope.range, jsxOf(ctx.file.path));
    memo.set(scope, scopeCode);
  }
  const nodeCode = normalizedCode(ctx.file.text, node.range, jsxOf(ctx.file.path));
  return createHash('sha256').update(`${nodeCode}\0${scopeCode}`).digest('hex').slice(0, 32);
}

function jsxOf(file: string): boolean {
  return /\.[jt]sx$/.test(file);
}

/** The node whose code identifies the surroundings of `node` (see identityOf). */
export function enclosingOf(node: Node): Node {
  let current: Node | undefined = node.parent;
  let child: Node = node;
  while (current) {
    switch (current.type) {
      case 'FunctionDeclaration':
      case 'TSDeclareFunction':
      case 'PropertyDefinition':
      case 'AccessorProperty':
      case 'StaticBlock':
        return current;
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        return namedHolderOf(current);
      case 'Program':
        return child;
      default:
        break;
    }
    child = current;
    current = current.parent;
  }
  return child;
}

/** A function with the declaration that names it: a method, an object method, `const f = () => ...`, a field. */
function namedHolderOf(fn: Node): Node {
  const parent = fn.parent;
  if (!parent) return fn;
  if (parent.type === 'MethodDefinition' || parent.type === 'TSAbstractMethodDefinition' || parent.type === 'PropertyDefinition') return parent;
  if (parent.type === 'Property' && parent.value === fn) return parent;
  if (parent.type === 'VariableDeclarator' && parent.init === fn) return parent;
  return fn;
}

const CLOSERS = new Set([ts.SyntaxKind.CloseParenToken, ts.SyntaxKind.CloseBracketToken, ts.SyntaxKind.CloseBraceToken]);
/** Tokens after which `/` divides; anywhere else it starts a regular expression. */
const ENDS_EXPRESSION = new Set([
  ts.SyntaxKind.Identifier,
  ts.SyntaxKind.PrivateIdentifier,
  ts.SyntaxKind.NumericLiteral,
  ts.SyntaxKind.BigIntLiteral,
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.RegularExpressionLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.CloseParenToken,
  ts.SyntaxKind.CloseBracketToken,
  ts.SyntaxKind.CloseBraceToken,
  ts.SyntaxKind.ThisKeyword,
  ts.SyntaxKind.SuperKeyword,
  ts.SyntaxKind.TrueKeyword,
  ts.SyntaxKind.FalseKeyword,
  ts.SyntaxKind.NullKeyword,
  ts.SyntaxKind.PlusPlusToken,
  ts.SyntaxKind.MinusMinusToken,
]);

/**
 * The tokens of `text[range]`, joined by one space: no white space, no comments, string literals by value
 * (quotes do not matter), and without the punctuation formatters add or drop (semicolons, trailing commas).
 */
export function normalizedCode(text: string, range: readonly [number, number], jsx = false): string {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, jsx ? ts.LanguageVariant.JSX : ts.LanguageVariant.Standard, text, undefined, range[0], range[1] - range[0]);
  const out: string[] = [];
  /** Brace depth inside each open template substitution (`${ ... }`), innermost last. */
  const templates: number[] = [];
  let previous: ts.SyntaxKind | undefined;
  let pendingComma = false;
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.OpenBraceToken && templates.length > 0) templates[templates.length - 1]++;
    else if (kind === ts.SyntaxKind.CloseBraceToken && templates.length > 0) {
      if (templates[templates.length - 1] === 0) {
        kind = scanner.reScanTemplateToken(false);
        if (kind === ts.SyntaxKind.TemplateTail) templates.pop();
      } else templates[templates.length - 1]--;
    } else if ((kind === ts.SyntaxKind.SlashToken || kind === ts.SyntaxKind.SlashEqualsToken) && (previous === undefined || !ENDS_EXPRESSION.has(previous))) {
      kind = scanner.reScanSlashToken();
    }
    if (kind === ts.SyntaxKind.TemplateHead) templates.push(0);
    previous = kind;
    if (kind === ts.SyntaxKind.SemicolonToken) continue;
    if (pendingComma && !CLOSERS.has(kind)) out.push(',');
    pendingComma = kind === ts.SyntaxKind.CommaToken;
    if (pendingComma) continue;
    out.push(kind === ts.SyntaxKind.StringLiteral ? JSON.stringify(scanner.getTokenValue()) : scanner.getTokenText());
  }
  if (pendingComma) out.push(',');
  return out.join(' ');
}
