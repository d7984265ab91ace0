import type { TSESTree } from '@typescript-eslint/utils';
import type { Scope } from '@typescript-eslint/utils/ts-eslint';
import type { SourceFile } from './types.js';
import { perFileCache } from './file-cache.js';

/** Identifier -> the variable it refers to (or null for an unresolved global), built once per file. */
export interface ScopeIndex {
  /** undefined: identifier not a reference; null: unresolved (a global or implicit). */
  variableOf(id: TSESTree.Identifier | TSESTree.JSXIdentifier): Scope.Variable | null | undefined;
}

const cache = perFileCache<ScopeIndex>();

/** What an identifier is: a reference (resolved to a variable or not) or the declaration of a variable. */
type Entry = Scope.Reference | Scope.Variable;

function isReference(entry: Entry): entry is Scope.Reference {
  return (entry as Partial<Scope.Reference>).identifier !== undefined;
}

/** The identifier at `offset` that an entry is about. */
function identifierAt(entry: Entry, offset: number): TSESTree.Node | undefined {
  return isReference(entry) ? entry.identifier : entry.identifiers.find((id) => id.range[0] === offset);
}

export function scopeIndex(file: SourceFile): ScopeIndex {
  const hit = cache.get(file.ast);
  if (hit) return hit;
  // Keyed by where the identifier starts: a number hashes much faster than an object, and two identifiers the
  // scope analysis knows seldom start at the same offset (a shorthand `{ a }` has two nodes, one reference). The
  // few that do go to a map by node. References first (a later one for the same identifier wins), then the
  // declarations of variables not already referenced at that identifier (the first scope wins).
  const byOffset = new Map<number, Entry>();
  let byNode: Map<TSESTree.Node, Entry> | undefined;
  const put = (id: TSESTree.Node, entry: Entry, replace: boolean): void => {
    const offset = id.range[0];
    const taken = byOffset.get(offset);
    if (taken === undefined) {
      byOffset.set(offset, entry);
      return;
    }
    if (identifierAt(taken, offset) === id) {
      if (replace) byOffset.set(offset, entry);
      return;
    }
    byNode ??= new Map();
    if (replace || !byNode.has(id)) byNode.set(id, entry);
  };
  for (const scope of file.scopeManager.scopes) {
    for (const ref of scope.references) put(ref.identifier, ref, true);
    for (const variable of scope.variables) {
      for (const id of variable.identifiers) put(id, variable, false);
    }
  }
  const index: ScopeIndex = {
    variableOf(id) {
      const entry = byNode?.get(id) ?? byOffset.get(id.range[0]);
      if (entry === undefined || (!byNode?.has(id) && identifierAt(entry, id.range[0]) !== id)) return undefined;
      return isReference(entry) ? entry.resolved : entry;
    },
  };
  cache.set(file.ast, index);
  return index;
}

/** Is the variable a global (declared by the environment, not by the file)? */
export function isGlobalVariable(variable: Scope.Variable | null | undefined): boolean {
  return variable === null || (variable !== undefined && variable.defs.length === 0);
}
