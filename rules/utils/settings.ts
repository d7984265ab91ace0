import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Catalog } from '../../core/catalog/types.js';
import { validateAgainstSchema, type SchemaNode } from '../../core/json-schema.js';

/**
 * `settings.assume.catalog` is checked against the catalog part of the package's config schema
 * (schema/assume.config.schema.json, the same shape as the `catalog` of `assume.config.json`): ESLint validates a
 * rule's options, not shared settings, and a malformed extension would otherwise surface as a TypeError deep in a
 * rule. Each settings object is checked once.
 */
const checked = new WeakSet<object>();
let catalogSchema: SchemaNode | undefined;

/** The catalog extension of the settings, checked: a clear error naming the key when it is malformed. */
export function checkedSettingsCatalog(catalog: Partial<Catalog> | undefined): Partial<Catalog> | undefined {
  if (catalog === undefined || checked.has(catalog)) return catalog;
  const errors = validateAgainstSchema(catalog, schemaOfCatalog(), 'settings.assume.catalog');
  if (errors.length > 0) {
    throw new Error(`assume-lint: the ESLint settings are not valid: ${errors.map((e) => e.message).join(' ')}`);
  }
  checked.add(catalog);
  return catalog;
}

/** The `catalog` property of the config schema, read once from the package (from source: ../../; from dist/: ../../../). */
function schemaOfCatalog(): SchemaNode {
  if (catalogSchema) return catalogSchema;
  for (const rel of ['../../schema/assume.config.schema.json', '../../../schema/assume.config.schema.json']) {
    const file = fileURLToPath(new URL(rel, import.meta.url));
    if (!existsSync(file)) continue;
    const schema = JSON.parse(readFileSync(file, 'utf8')) as SchemaNode;
    const catalog = schema.properties?.catalog;
    if (catalog) return (catalogSchema = catalog);
  }
  throw new Error('assume-lint: cannot find schema/assume.config.schema.json in its own package');
}
