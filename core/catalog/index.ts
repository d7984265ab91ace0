import { frameworks, typeRoles } from './frameworks.js';
import { parserEntries } from './parsers.js';
import type { Catalog, CatalogEntry } from './types.js';

/**
 * Every built-in catalog entry. Each area keeps its data in its own file; add the file's export here.
 */
const entries: readonly CatalogEntry[] = [
  ...parserEntries,
];

export const builtinCatalog: Catalog = { entries, frameworks, types: typeRoles };

/** The built-in catalog extended with user entries (settings or rule options); user entries come first. */
export function extendCatalog(base: Catalog, extra: Partial<Catalog> | undefined): Catalog {
  if (!extra) return base;
  return {
    entries: [...(extra.entries ?? []), ...base.entries],
    frameworks: [...(extra.frameworks ?? []), ...base.frameworks],
    types: [...(extra.types ?? []), ...base.types],
  };
}

export type { Catalog, CatalogEntry, FrameworkCallback, Role, Specifier, TypeRole } from './types.js';
