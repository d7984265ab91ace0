import { builtinCatalog, extendCatalog } from './catalog/index.js';
import type { Catalog } from './catalog/types.js';
import { perFileCache } from './file-cache.js';
import { indexFile, type FileIndex } from './file-index.js';
import { fileResolver, type Resolver } from './resolver.js';
import type { CheckContext, SourceFile, TypeFacts } from './types.js';

export interface ContextOptions {
  /** Catalog extensions from shared settings (apply to every rule). */
  catalog?: Partial<Catalog>;
  resolver?: Resolver;
  types?: TypeFacts;
}

const cache = perFileCache<{ key: unknown; ctx: CheckContext }>();

const extensions = new WeakMap<Catalog, WeakMap<Partial<Catalog>, Catalog>>();

/**
 * `extendCatalog`, once per base catalog and extension object: the catalog's derived indexes (entries by role,
 * final names, candidates per root) are cached per catalog, so a catalog rebuilt for every file would rebuild
 * them for every file too. Settings and rule options hand the same extension objects to every file.
 */
function extended(base: Catalog, extra: Partial<Catalog> | undefined): Catalog {
  if (!extra) return base;
  let perBase = extensions.get(base);
  if (!perBase) {
    perBase = new WeakMap();
    extensions.set(base, perBase);
  }
  let catalog = perBase.get(extra);
  if (!catalog) {
    catalog = extendCatalog(base, extra);
    perBase.set(extra, catalog);
  }
  return catalog;
}

const ruleExtensions = new WeakMap<object, Partial<Catalog> | undefined>();

/**
 * A rule's catalog extension built from its options, once per options object (rule options are the same object
 * for every file of a configuration).
 */
export function ruleExtension(options: object, build: () => Partial<Catalog> | undefined): Partial<Catalog> | undefined {
  if (ruleExtensions.has(options)) return ruleExtensions.get(options);
  const extra = build();
  ruleExtensions.set(options, extra);
  return extra;
}

/**
 * The check context of a file, built once and shared by every rule that runs on it (keyed by the Program
 * node and the settings object).
 */
export function createCheckContext(file: SourceFile, options: ContextOptions = {}): CheckContext {
  const hit = cachedCheckContext(file.ast, options.catalog);
  if (hit) return hit;
  const ctx = new FileContext(file, extended(builtinCatalog, options.catalog), options.resolver ?? fileResolver, options.types, new Map());
  // Built on first use where the front end has set the parent links (ESLint's traversal): a file every checker's
  // gate skips (core/gate.ts) is never indexed. Elsewhere now, since the index's walk sets them.
  if (!file.eachNode) ctx.buildIndex();
  cache.set(file.ast, { key: options.catalog, ctx });
  return ctx;
}

/**
 * A check context whose index is built on first use. A class, so that every context has the same shape and the
 * accessor sits once on the prototype: the engine reads a context's fields everywhere, and objects each with a
 * getter of their own would make those reads polymorphic.
 */
class FileContext implements CheckContext {
  private built: FileIndex | undefined = undefined;

  constructor(
    readonly file: SourceFile,
    readonly catalog: Catalog,
    readonly resolver: Resolver,
    readonly types: TypeFacts | undefined,
    readonly memo: Map<string, WeakMap<object, unknown>>,
  ) {}

  get index(): FileIndex {
    return this.buildIndex();
  }

  buildIndex(): FileIndex {
    return (this.built ??= indexFile(this.file));
  }
}

/** The check context already built for the file with these settings' catalog extensions, if any. */
export function cachedCheckContext(ast: SourceFile['ast'], catalog: Partial<Catalog> | undefined): CheckContext | undefined {
  const hit = cache.get(ast);
  return hit && hit.key === catalog ? hit.ctx : undefined;
}

/**
 * The same context with a rule's own catalog extensions (rule options). Memoized traces are shared: they
 * depend on frameworks and types, which only settings extend.
 */
export function withCatalog(ctx: CheckContext, extra: Partial<Catalog> | undefined): CheckContext {
  if (!extra || ((extra.entries?.length ?? 0) === 0 && (extra.frameworks?.length ?? 0) === 0 && (extra.types?.length ?? 0) === 0)) return ctx;
  const changesOrigins = (extra.frameworks?.length ?? 0) > 0 || (extra.types?.length ?? 0) > 0;
  // The index is the file's (cached by its tree): the copy finds the same one.
  return new FileContext(ctx.file, extended(ctx.catalog, extra), ctx.resolver, ctx.types, changesOrigins ? new Map<string, WeakMap<object, unknown>>() : ctx.memo);
}
