import type { CatalogEntry, Role } from './catalog/types.js';
import { specifierMatches, traceOf, type Trace } from './origin.js';
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

/** The first entry of `role` whose target the trace matches. */
export function matchTrace(ctx: CheckContext, t: Trace, role: Role): CatalogEntry | undefined {
  for (const entry of entriesOf(ctx, role)) {
    if (specifierMatches(entry.target, t)) return entry;
  }
  return undefined;
}

/**
 * The first entry of `role` that a node matches. For a call `a.b(x)` the node's trace ends in `()`, so
 * call entries are written with a trailing `()` (`['**', 'ack', '()']`); a member or value entry without it.
 */
export function matchNode(ctx: CheckContext, node: Node, role: Role): CatalogEntry | undefined {
  return matchTrace(ctx, traceOf(ctx, node), role);
}

/** Is the trace rooted in something a module, a global or a framework gave us (as opposed to unknown)? */
export function isKnownOrigin(t: Trace): boolean {
  return t.root.kind === 'module' || t.root.kind === 'global' || t.root.kind === 'role';
}
