import type { CatalogEntry, Role } from './catalog/types.js';
import { propertyName, specifierMatches, traceOf, unwrap, type Trace } from './origin.js';
import { SpecifierIndex } from './spec-index.js';
import type { CheckContext, Node } from './types.js';

/** What matching looks up for one role of a catalog: its entries and the names they end with. */
interface RoleIndex {
  entries: readonly CatalogEntry[];
  /** See `finalNamesOf`; computed on first use. */
  finalNames?: ReadonlySet<string> | null;
}

const byRoleCache = new WeakMap<readonly CatalogEntry[], Map<string, RoleIndex>>();
const NO_ENTRIES: readonly CatalogEntry[] = Object.freeze([]);

/** The role's index in the context's catalog (built once per catalog). */
function roleIndexOf(ctx: CheckContext, role: Role): RoleIndex {
  let byRole = byRoleCache.get(ctx.catalog.entries);
  if (!byRole) {
    const lists = new Map<string, CatalogEntry[]>();
    for (const entry of ctx.catalog.entries) {
      const list = lists.get(entry.role) ?? [];
      list.push(entry);
      lists.set(entry.role, list);
    }
    byRole = new Map([...lists].map(([r, entries]) => [r, { entries }]));
    byRoleCache.set(ctx.catalog.entries, byRole);
  }
  let index = byRole.get(role);
  if (!index) {
    index = { entries: NO_ENTRIES };
    byRole.set(role, index);
  }
  return index;
}

/** Catalog entries of one role (indexed once per catalog). */
export function entriesOf(ctx: CheckContext, role: Role): readonly CatalogEntry[] {
  return roleIndexOf(ctx, role).entries;
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
  return matchIn(roleIndexOf(ctx, role).entries, t);
}

function matchIn(entries: readonly CatalogEntry[], t: Trace): CatalogEntry | undefined {
  if (entries.length === 0) return undefined;
  for (const entry of targetIndex.candidates(entries, t.root)) {
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
  const index = roleIndexOf(ctx, role);
  if (index.entries.length === 0) return undefined;
  const names = index.finalNames === undefined ? (index.finalNames = finalNamesOf(index.entries)) : index.finalNames;
  if (names !== null) {
    const name = memberName(node);
    if (name !== undefined && !names.has(name)) return undefined;
  }
  return matchIn(index.entries, traceOf(ctx, node));
}

/** Steps that say how a value is used, not what it is named. */
const SHAPE_STEPS = new Set(['()', 'new', '#', '[]', '@']);
/**
 * The names the entries of a role end with (ignoring call/new/instance steps), or null when some entry can end
 * with any name (a wildcard). A member callee (`a.b()`) whose name is not among them cannot match.
 */
function finalNamesOf(entries: readonly CatalogEntry[]): ReadonlySet<string> | null {
  let names: Set<string> | null = new Set<string>();
  for (const entry of entries) {
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
