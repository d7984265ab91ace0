import type { TSESTree } from '@typescript-eslint/utils';
import type { Scope } from '@typescript-eslint/utils/ts-eslint';
import { propertyName, returnsOf, unwrap } from './origin.js';
import { scopeIndex } from './scope.js';
import type { CheckContext, FunctionNode, Node } from './types.js';

/** How many steps (a constant, a property, a helper's return) the SQL text is followed through. */
const MAX_DEPTH = 6;

/** Statements that change data (or commit it). A `WITH` query writes when it contains one of the first four. */
const WRITE_VERBS = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'UPSERT', 'REPLACE', 'COMMIT', 'CREATE', 'ALTER', 'DROP', 'TRUNCATE', 'COPY', 'CALL', 'EXEC', 'EXECUTE']);

/** Does this SQL text change data? Decided by its first keyword (comments and parentheses skipped). */
export function isWriteSql(text: string): boolean {
  const body = text
    .replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, ' ')
    .replace(/^[\s(]+/, '')
    .toUpperCase();
  const first = /^[A-Z]+/.exec(body)?.[0];
  if (!first) return false;
  if (first === 'WITH') return /\b(INSERT|UPDATE|DELETE|MERGE)\b/.test(body);
  return WRITE_VERBS.has(first);
}

/**
 * The SQL text an argument holds, when it can be read in the file: a string or template literal, a
 * constant, a concatenation, a `{ text }` / `{ sql }` query config, a tagged template (`Prisma.sql`), or what a
 * helper of the file returns. Shared by the rules that ask whether a SQL call writes.
 */
export function sqlTextOf(ctx: CheckContext, raw: Node, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = unwrap(raw);
  switch (node.type) {
    case 'Literal':
      return typeof node.value === 'string' ? node.value : undefined;
    case 'TemplateLiteral':
      return node.quasis.map((q) => q.value.cooked ?? '').join(' ? ');
    case 'TaggedTemplateExpression':
      return node.quasi.quasis.map((q) => q.value.cooked ?? '').join(' ? ');
    case 'BinaryExpression': {
      // `'INSERT ...' + a + b`: the text starts with the leftmost operand (however long the concatenation).
      let left: Node = node;
      while (left.type === 'BinaryExpression') {
        if (left.operator !== '+') return undefined;
        left = left.left;
      }
      return sqlTextOf(ctx, left, depth + 1);
    }
    case 'ObjectExpression':
      for (const prop of node.properties) {
        if (prop.type === 'Property' && (propertyName(prop) === 'text' || propertyName(prop) === 'sql')) return sqlTextOf(ctx, prop.value, depth + 1);
      }
      return undefined;
    case 'Identifier': {
      const variable = scopeIndex(ctx.file).variableOf(node);
      const def = variable?.defs[0];
      if (!def || def.type !== 'Variable') return undefined;
      const declarator = def.node;
      if (!declarator.init || !isConstant(variable)) return undefined;
      if (declarator.id.type === 'Identifier') return sqlTextOf(ctx, declarator.init, depth + 1);
      // `const { text, values } = buildInsert(rows)`: the `text` of what the initializer is.
      const key = destructuredKey(declarator.id, node);
      return key === undefined ? undefined : propertySqlTextOf(ctx, declarator.init, key, depth + 1);
    }
    case 'CallExpression':
      // `pool.query(insertSql(rows))`: what the local helper returns.
      return agreedText(ctx, node, depth, (c, value) => sqlTextOf(c, value, depth + 1));
    default:
      return undefined;
  }
}

/** The SQL text under `key` of an object an expression is (`{ text, values }`), through constants and local helpers. */
function propertySqlTextOf(ctx: CheckContext, raw: Node, key: string, depth: number): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = unwrap(raw);
  switch (node.type) {
    case 'ObjectExpression':
      for (const prop of node.properties) {
        if (prop.type === 'Property' && propertyName(prop) === key) return sqlTextOf(ctx, prop.value, depth + 1);
      }
      return undefined;
    case 'CallExpression':
      return agreedText(ctx, node, depth, (c, value) => propertySqlTextOf(c, value, key, depth + 1));
    case 'Identifier': {
      const variable = scopeIndex(ctx.file).variableOf(node);
      const def = variable?.defs[0];
      if (!variable || def?.type !== 'Variable' || !def.node.init || def.node.id.type !== 'Identifier' || !isConstant(variable)) return undefined;
      return propertySqlTextOf(ctx, def.node.init, key, depth + 1);
    }
    default:
      return undefined;
  }
}

/**
 * The SQL text a call of a function of the project returns, read from each value it returns (in the function's own
 * file): only when every return gives one and they agree on writing or not, so that the text tells what the call does.
 */
function agreedText(ctx: CheckContext, call: TSESTree.CallExpression, depth: number, textOf: (ctx: CheckContext, value: Node) => string | undefined): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const ref = ctx.resolver.callee(ctx, call);
  if (!ref) return undefined;
  let text: string | undefined;
  for (const value of returnedValues(ref.ctx, ref.fn)) {
    const t = textOf(ref.ctx, value);
    if (t === undefined || (text !== undefined && isWriteSql(t) !== isWriteSql(text))) return undefined;
    text ??= t;
  }
  return text;
}

/** What a function returns: its expression body, or the argument of each `return` (none when one returns nothing). */
function returnedValues(ctx: CheckContext, fn: FunctionNode): readonly Node[] {
  if (fn.body.type !== 'BlockStatement') return [fn.body];
  const values: Node[] = [];
  for (const ret of returnsOf(ctx, fn)) {
    if (!ret.argument) return [];
    values.push(ret.argument);
  }
  return values;
}

/** A `const`, or a `let`/`var` written only where it is declared. */
function isConstant(variable: Scope.Variable): boolean {
  const def = variable.defs.at(0);
  if (def?.type !== 'Variable') return false;
  if (def.node.parent.kind === 'const') return true;
  return variable.defs.length === 1 && variable.references.every((ref) => !ref.isWrite() || ref.init === true);
}

/** The key of the property a pattern binds `id` from (`text` in `{ text }` and in `{ text: sql }`), one level deep. */
function destructuredKey(pattern: TSESTree.BindingName, id: TSESTree.Identifier): string | undefined {
  if (pattern.type !== 'ObjectPattern') return undefined;
  for (const prop of pattern.properties) {
    if (prop.type !== 'Property') continue;
    const value = prop.value.type === 'AssignmentPattern' ? prop.value.left : prop.value;
    if (value.type === 'Identifier' && value.name === id.name) return propertyName(prop);
  }
  return undefined;
}
