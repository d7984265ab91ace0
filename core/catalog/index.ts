import { ackEntries } from './acks.js';
import { clockEntries } from './clocks.js';
import { frameworks, typeRoles } from './frameworks.js';
import { parserEntries } from './parsers.js';
import { timeoutEntries } from './timeouts.js';
import type { Catalog, CatalogEntry } from './types.js';
import { bestEffortEntries, deferralEntries, writeEntries } from './writes.js';

/**
 * Every built-in catalog entry. Each area keeps its data in its own file; add the file's export here.
 */
const entries: readonly CatalogEntry[] = [
  ...ackEntries,
  ...writeEntries,
  ...bestEffortEntries,
  ...deferralEntries,
  ...parserEntries,
  ...clockEntries,
  ...timeoutEntries,
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
