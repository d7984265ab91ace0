/**
 * A validator for the subset of JSON Schema the package's schemas use (schema/assume.config.schema.json): types,
 * enums, required and unknown keys, string length and pattern, number bounds, items, anyOf. Shared by the CLI's
 * config and the ESLint rules' `settings.assume.catalog`, which take the same catalog shape.
 */
export interface SchemaNode {
  type?: string;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  enum?: unknown[];
  minLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  anyOf?: SchemaNode[];
  required?: string[];
  description?: string;
  default?: unknown;
}

/** The JSON type of a value; `undefined` (a hole or `undefined` in a JS array of the ESLint settings) counts as null. */
function typeOf(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Errors of `value` against `schema`, each as `{ key, message }` with a dotted key path. */
export function validateAgainstSchema(value: unknown, schema: SchemaNode, key = ''): { key: string; message: string }[] {
  const errors: { key: string; message: string }[] = [];
  const at = key === '' ? '(root)' : key;
  if (schema.anyOf) {
    const branches = schema.anyOf.map((branch) => validateAgainstSchema(value, branch, key));
    if (branches.some((b) => b.length === 0)) return [];
    // Report the branch of the value's own type when there is one (the most useful message).
    const sameType = schema.anyOf.findIndex((b) => b.type === typeOf(value) || (b.type === 'number' && typeOf(value) === 'integer'));
    return sameType >= 0 ? branches[sameType] : [{ key: at, message: `"${at}" has the wrong form: ${schema.description ?? 'see the schema'}` }];
  }
  const actual = typeOf(value);
  if (schema.type !== undefined && !(schema.type === actual || (schema.type === 'number' && actual === 'integer'))) {
    return [{ key: at, message: `"${at}" must be of type ${schema.type}, not ${actual}.` }];
  }
  if (schema.enum && !schema.enum.some((e) => e === value)) errors.push({ key: at, message: `"${at}" must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}.` });
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) errors.push({ key: at, message: `"${at}" must not be empty.` });
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) errors.push({ key: at, message: `"${at}" does not match ${schema.pattern}.` });
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) errors.push({ key: at, message: `"${at}" must be at least ${schema.minimum}.` });
    if (schema.maximum !== undefined && value > schema.maximum) errors.push({ key: at, message: `"${at}" must be at most ${schema.maximum}.` });
  }
  if (Array.isArray(value) && schema.items) {
    const items = schema.items;
    value.forEach((item: unknown, index) => errors.push(...validateAgainstSchema(item, items, `${key}[${index}]`)));
  }
  if (actual === 'object' && schema.required) {
    for (const name of schema.required) {
      if ((value as Record<string, unknown>)[name] === undefined) errors.push({ key: key === '' ? name : `${key}.${name}`, message: `"${at}" needs the key "${name}".` });
    }
  }
  if (actual === 'object' && (schema.properties || schema.additionalProperties !== undefined)) {
    const record = value as Record<string, unknown>;
    for (const [name, child] of Object.entries(record)) {
      // A key set to `undefined` (JS settings) is a key left out.
      if (child === undefined) continue;
      const childKey = key === '' ? name : `${key}.${name}`;
      const prop = schema.properties?.[name];
      if (prop) errors.push(...validateAgainstSchema(child, prop, childKey));
      else if (schema.additionalProperties === false) {
        const known = Object.keys(schema.properties ?? {});
        errors.push({ key: childKey, message: `Unknown key "${childKey}"${known.length > 0 ? ` (known: ${known.join(', ')})` : ''}.` });
      } else if (typeof schema.additionalProperties === 'object') errors.push(...validateAgainstSchema(child, schema.additionalProperties, childKey));
    }
  }
  return errors;
}
