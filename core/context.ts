import { builtinCatalog, extendCatalog } from './catalog/index.js';
import type { Catalog } from './catalog/types.js';
import { indexFile } from './file-index.js';
import { fileResolver, type Resolver } from './resolver.js';
import type { TSESTree } from '@typescript-eslint/utils';
import type { CheckContext, SourceFile, TypeFacts } from './types.js';

export interface ContextOptions {
  /** Catalog extensions from shared settings (apply to every rule). */
  catalog?: Partial<Catalog>;
  resolver?: Resolver;
  types?: TypeFacts;
}

const cache = new WeakMap<TSESTree.Program, { key: unknown; ctx: CheckContext }>();

/**
 * The check context of a file, built once and shared by every rule that runs on it (keyed by the Program
 * node and the settings object).
 */
export function createCheckContext(file: SourceFile, options: ContextOptions = {}): CheckContext {
  const hit = cache.get(file.ast);
  if (hit && hit.key === options.catalog) return hit.ctx;
  const ctx: CheckContext = {
    file,
    index: indexFile(file),
    catalog: extendCatalog(builtinCatalog, options.catalog),
    resolver: options.resolver ?? fileResolver,
    types: options.types,
    memo: new Map(),
  };
  cache.set(file.ast, { key: options.catalog, ctx });
  return ctx;
}

/**
 * The same context with a rule's own catalog extensions (rule options). Memoized traces are shared: they
 * depend on frameworks and types, which only settings extend.
 */
export function withCatalog(ctx: CheckContext, extra: Partial<Catalog> | undefined): CheckContext {
  if (!extra || ((extra.entries?.length ?? 0) === 0 && (extra.frameworks?.length ?? 0) === 0 && (extra.types?.length ?? 0) === 0)) return ctx;
  const changesOrigins = (extra.frameworks?.length ?? 0) > 0 || (extra.types?.length ?? 0) > 0;
  return { ...ctx, catalog: extendCatalog(ctx.catalog, extra), memo: changesOrigins ? new Map<string, WeakMap<object, unknown>>() : ctx.memo };
}
