import type { TSESTree } from '@typescript-eslint/utils';

/**
 * Caches of per-file work (the check context, the node index, the scope index, per-file facts), keyed by the
 * file's Program node.
 *
 * Keyed weakly, each entry lives as long as the file's tree. The ESLint front end lets go of a file as soon as
 * its rules are done with it (`releaseFile`): ESLint keeps each file's tree alive well past its lint (V8 holds
 * the rule contexts' shared prototype, and with it the SourceCode, until the next full collection), and whatever
 * is cached against the tree would be copied through the young generation with it. The analyzer, which checks
 * files against each other, keeps them as long as it keeps the trees.
 */
const caches: WeakMap<TSESTree.Program, unknown>[] = [];

/** A new per-file cache, emptied for a file by `releaseFile`. */
export function perFileCache<T>(): WeakMap<TSESTree.Program, T> {
  const cache = new WeakMap<TSESTree.Program, T>();
  caches.push(cache);
  return cache;
}

/** Forgets everything cached for the file: the next use recomputes it. */
export function releaseFile(ast: TSESTree.Program): void {
  for (const cache of caches) cache.delete(ast);
}

/** Does any per-file cache hold something for the file? (For tests.) */
export function isFileCached(ast: TSESTree.Program): boolean {
  return caches.some((cache) => cache.has(ast));
}
