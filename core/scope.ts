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

export function scopeIndex(file: SourceFile): ScopeIndex {
  const hit = cache.get(file.ast);
  if (hit) return hit;
  const map = new Map<TSESTree.Node, Scope.Variable | null>();
  for (const scope of file.scopeManager.scopes) {
    for (const ref of scope.references) {
      map.set(ref.identifier, ref.resolved);
    }
    for (const variable of scope.variables) {
      for (const id of variable.identifiers) {
        if (!map.has(id)) map.set(id, variable);
      }
    }
  }
  const index: ScopeIndex = {
    variableOf(id) {
      return map.get(id);
    },
  };
  cache.set(file.ast, index);
  return index;
}

/** Is the variable a global (declared by the environment, not by the file)? */
export function isGlobalVariable(variable: Scope.Variable | null | undefined): boolean {
  return variable === null || (variable !== undefined && variable.defs.length === 0);
}
