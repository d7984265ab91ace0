import type { TSESTree } from '@typescript-eslint/utils';
import { propertyName, unwrap } from './origin.js';
import { scopeIndex } from './scope.js';
import type { CheckContext, FunctionNode, Node } from './types.js';

/** How a statement (list) can end. */
export type Completion = 'normal' | 'return' | 'throw' | 'break' | 'continue';

export function isFunctionNode(node: Node | null | undefined): node is FunctionNode {
  return node?.type === 'FunctionDeclaration' || node?.type === 'FunctionExpression' || node?.type === 'ArrowFunctionExpression';
}

/** The ways a list of statements (run in order) can complete. */
export function completionsOf(nodes: Node | readonly Node[]): Set<Completion> {
  const list = Array.isArray(nodes) ? (nodes as readonly Node[]) : [nodes as Node];
  const out = new Set<Completion>();
  for (const stmt of list) {
    const c = completionOf(stmt);
    for (const k of c) if (k !== 'normal') out.add(k);
    if (!c.has('normal')) return out;
  }
  out.add('normal');
  return out;
}

function completionOf(stmt: Node): Set<Completion> {
  switch (stmt.type) {
    case 'ThrowStatement':
      return new Set(['throw']);
    case 'ReturnStatement':
      return new Set(['return']);
    case 'BreakStatement':
      return new Set(['break']);
    case 'ContinueStatement':
      return new Set(['continue']);
    case 'BlockStatement':
      return completionsOf(stmt.body);
    case 'IfStatement': {
      const out = completionOf(stmt.consequent);
      for (const k of stmt.alternate ? completionOf(stmt.alternate) : new Set<Completion>(['normal'])) out.add(k);
      return out;
    }
    case 'TryStatement': {
      const out = completionOf(stmt.block);
      if (stmt.handler) for (const k of completionOf(stmt.handler.body)) out.add(k);
      if (stmt.finalizer) {
        const fin = completionOf(stmt.finalizer);
        if (!fin.has('normal')) return fin;
      }
      return out;
    }
    case 'ExpressionStatement': {
      // `process.exit()` never returns; everything else does.
      const expr = unwrap(stmt.expression);
      if (expr.type === 'CallExpression' && expr.callee.type === 'MemberExpression' && propertyName(expr.callee) === 'exit') {
        const obj = unwrap(expr.callee.object);
        if (obj.type === 'Identifier' && obj.name === 'process') return new Set(['throw']);
      }
      return new Set(['normal']);
    }
    default:
      return new Set(['normal']);
  }
}

/** First word of a camelCase, PascalCase or snake_case name, lower-case: `chargeCard` -> `charge`. */
export function firstWord(name: string): string | undefined {
  const m = /^[_$]*([a-z]+|[A-Z][a-z]+|[A-Z]+(?![a-z]))/.exec(name);
  return m ? m[1].toLowerCase() : undefined;
}

/** Header/property names compared without case, dashes or underscores. */
export function normalizeKeyName(name: string): string {
  return name.toLowerCase().replace(/[-_]/g, '');
}

const LOG_METHODS = new Set([
  'log', 'info', 'warn', 'warning', 'error', 'debug', 'trace', 'fatal', 'verbose', 'silly',
  'captureException', 'captureMessage', 'recordException', 'addEvent', 'setAttribute', 'setStatus',
  'inc', 'increment', 'count', 'gauge', 'histogram', 'timing', 'observe', 'distribution',
]);

/** Logging, tracing and metrics calls: what they say is not what the code does. */
export function isLoggingCall(call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  if (callee.type !== 'MemberExpression') return false;
  const name = propertyName(callee);
  if (name && LOG_METHODS.has(name)) return true;
  const obj = unwrap(callee.object);
  return obj.type === 'Identifier' && obj.name === 'console';
}

/**
 * A loop that runs the same work again (`for (let attempt = 1; ...)`, `while (true)`, `do ... while`), as
 * opposed to one that walks a collection (`for (let i = 0; i < items.length; i++)`).
 */
export function isRetryLoop(loop: TSESTree.ForStatement | TSESTree.WhileStatement | TSESTree.DoWhileStatement): boolean {
  if (loop.type !== 'ForStatement') return true;
  const test = loop.test;
  if (!test) return true;
  const stack: Node[] = [test];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (node.type === 'MemberExpression') {
      const name = propertyName(node);
      if (name === 'length' || name === 'size') return false;
      stack.push(node.object);
    } else if (node.type === 'BinaryExpression' || node.type === 'LogicalExpression') {
      stack.push(node.left, node.right);
    } else if (node.type === 'CallExpression') {
      stack.push(node.callee);
    }
  }
  return true;
}

/** SQL that writes: INSERT, UPDATE, DELETE, MERGE, REPLACE, UPSERT, CALL, TRUNCATE (also behind a WITH). */
export function sqlIsWrite(text: string): boolean {
  const sql = text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/--[^\n]*/g, ' ').trim();
  if (/^(insert|update|delete|merge|replace|upsert|call|truncate)\b/i.test(sql)) return true;
  if (/^with\b/i.test(sql)) return /\b(insert\s+into|update\s+\w+\s+set|delete\s+from|merge\s+into)\b/i.test(sql);
  return false;
}

/** The text of a string literal, a template (expressions as blanks) or a constant holding one. */
export function stringValue(ctx: CheckContext, raw: Node, depth = 0): string | undefined {
  const node = unwrap(raw);
  if (node.type === 'Literal') return typeof node.value === 'string' ? node.value : undefined;
  if (node.type === 'TemplateLiteral') return node.quasis.map((q) => q.value.cooked ?? q.value.raw).join(' ');
  if (node.type === 'TaggedTemplateExpression') return stringValue(ctx, node.quasi, depth + 1);
  if (node.type === 'Identifier' && depth < 4) {
    const variable = scopeIndex(ctx.file).variableOf(node);
    const def = variable?.defs[0];
    if (def?.type === 'Variable' && def.node.init) return stringValue(ctx, def.node.init, depth + 1);
  }
  return undefined;
}
