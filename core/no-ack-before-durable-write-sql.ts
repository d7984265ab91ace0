import { propertyName } from './origin.js';
import { scopeIndex } from './scope.js';
import type { CheckContext, Node } from './types.js';

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
 * constant, a concatenation, a `{ text }` / `{ sql }` query config, a tagged template (`Prisma.sql`).
 */
export function sqlTextOf(ctx: CheckContext, node: Node, depth = 0): string | undefined {
  if (depth > 4) return undefined;
  switch (node.type) {
    case 'Literal':
      return typeof node.value === 'string' ? node.value : undefined;
    case 'TemplateLiteral':
      return node.quasis.map((q) => q.value.cooked ?? '').join(' ? ');
    case 'TaggedTemplateExpression':
      return node.quasi.quasis.map((q) => q.value.cooked ?? '').join(' ? ');
    case 'BinaryExpression':
      if (node.operator !== '+') return undefined;
      return sqlTextOf(ctx, node.left, depth + 1) ?? undefined;
    case 'TSAsExpression':
    case 'TSNonNullExpression':
    case 'TSSatisfiesExpression':
      return sqlTextOf(ctx, node.expression, depth + 1);
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
      if (declarator.parent.kind !== 'const' || !declarator.init || declarator.id.type !== 'Identifier') return undefined;
      return sqlTextOf(ctx, declarator.init, depth + 1);
    }
    default:
      return undefined;
  }
}
