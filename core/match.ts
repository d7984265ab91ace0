import type { CatalogEntry, Role } from './catalog/types.js';
import { propertyName, specifierMatches, traceOf, unwrap, type Trace } from './origin.js';
import { SpecifierIndex } from './spec-index.js';
import type { CheckContext, Node } from './types.js';

const byRoleCache = new WeakMap<readonly CatalogEntry[], Map<string, CatalogEntry[]>>();

/** Catalog entries of one role (indexed once per catalog). */
export function entriesOf(ctx: CheckContext, role: Role): readonly CatalogEntry[] {
  let byRole = byRoleCache.get(ctx.catalog.entries);
  if (!byRole) {
    byRole = new Map();
    for (const entry of ctx.catalog.entries) {
      const list = byRole.get(entry.role) ?? [];
      list.push(entry);
      byRole.set(entry.role, list);
    }
    byRoleCache.set(ctx.catalog.entries, byRole);
  }
  return byRole.get(role) ?? [];
}

const targetIndex = new SpecifierIndex<CatalogEntry>((entry) => entry.target);

/**
 * The entries of `role` whose target could match a trace with the root of `t` (a package entry only a module
 * root of its package, ...), in catalog order: what `matchTrace` need look at.
 */
export function candidateEntriesOf(ctx: CheckContext, role: Role, t: Trace): readonly CatalogEntry[] {
  return targetIndex.candidates(entriesOf(ctx, role), t.root);
}

/** The first entry of `role` whose target the trace matches. */
export function matchTrace(ctx: CheckContext, t: Trace, role: Role): CatalogEntry | undefined {
  for (const entry of candidateEntriesOf(ctx, role, t)) {
    if (specifierMatches(entry.target, t)) return entry;
  }
  return undefined;
}

/**
 * The first entry of `role` that a node matches. For a call `a.b(x)` the node's trace ends in `()`, so
 * call entries are written with a trailing `()` (`['**', 'ack', '()']`); a member or value entry without it.
 */
export function matchNode(ctx: CheckContext, node: Node, role: Role): CatalogEntry | undefined {
  // Fast path: `a.b.c()` can only match an entry whose path ends in `c` (before the call); most calls of a
  // file match no entry of a role, and this skips tracing them. Only a syntactically present member name is
  // used: an identifier callee may be an alias and is always traced.
  const names = finalNamesOf(ctx, role);
  if (names !== null) {
    const name = memberName(node);
    if (name !== undefined && !names.has(name)) return undefined;
  }
  return matchTrace(ctx, traceOf(ctx, node), role);
}

/** Steps that say how a value is used, not what it is named. */
const SHAPE_STEPS = new Set(['()', 'new', '#', '[]', '@']);
const finalNamesCache = new WeakMap<readonly CatalogEntry[], Map<string, ReadonlySet<string> | null>>();

/**
 * The names the entries of a role end with (ignoring call/new/instance steps), or null when some entry can end
 * with any name (a wildcard). A member callee (`a.b()`) whose name is not among them cannot match.
 */
function finalNamesOf(ctx: CheckContext, role: Role): ReadonlySet<string> | null {
  let perRole = finalNamesCache.get(ctx.catalog.entries);
  if (!perRole) {
    perRole = new Map();
    finalNamesCache.set(ctx.catalog.entries, perRole);
  }
  const hit = perRole.get(role);
  if (hit !== undefined) return hit;
  let names: Set<string> | null = new Set<string>();
  for (const entry of entriesOf(ctx, role)) {
    const path = entry.target.path;
    let i = path.length - 1;
    while (i >= 0 && SHAPE_STEPS.has(path[i])) i--;
    // No name (`dayjs()`: the module itself is called, or a role value is): such an entry is reached through an
    // identifier, which the fast path never filters.
    if (i < 0 && entry.target.from !== 'lib') continue;
    const step = i >= 0 ? path[i] : undefined;
    if (step === undefined || step.includes('*')) {
      names = null;
      break;
    }
    for (const alt of step.split('|')) names.add(alt);
  }
  perRole.set(role, names);
  return names;
}

/** The member name a call, construction or member access ends with, when it is written out (`a.b()` -> `b`). */
function memberName(node: Node): string | undefined {
  let target = unwrap(node);
  if (target.type === 'CallExpression' || target.type === 'NewExpression') target = unwrap(target.callee);
  return target.type === 'MemberExpression' ? propertyName(target) : undefined;
}

/** Is the trace rooted in something a module, a global or a framework gave us (as opposed to unknown)? */
export function isKnownOrigin(t: Trace): boolean {
  return t.root.kind === 'module' || t.root.kind === 'global' || t.root.kind === 'role';
}
