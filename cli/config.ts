/**
 * Loading assume.config.json and validating it against the published JSON Schema
 * (schema/assume.config.schema.json). An unknown key or a wrong type is a ConfigError naming the key and
 * the file: never ignored. The validator covers the subset of JSON Schema the schema uses, so the schema
 * stays the single source of truth as keys are added.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ConfigError } from './errors.js';
import { packageRoot } from './package-info.js';
import type { RegisterPaths } from '../register/load.js';
import type { DirectiveOptions } from '../register/directives.js';
import type { Catalog } from '../core/catalog/types.js';

/** The validated configuration (every key optional; defaults are applied by the consumers). */
export interface AssumeConfig {
  register?: Partial<RegisterPaths>;
  suppressions?: DirectiveOptions;
  include?: string[];
  exclude?: string[];
  rules?: Partial<Record<string, RuleSetting>>;
  catalog?: Partial<Catalog>;
  maxFileBytes?: number;
  timeBudgetMs?: number;
}

/** A rule's level, or level and options. */
export type RuleSetting = 'off' | 'warn' | 'error' | { level: 'off' | 'warn' | 'error'; options?: Record<string, unknown> };

export interface LoadedConfig {
  config: AssumeConfig;
  /** The file read, relative to cwd; undefined when there is none (defaults). */
  file?: string;
}

export const CONFIG_FILE = 'assume.config.json';

interface SchemaNode {
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

let schemaCache: SchemaNode | undefined;
function configSchema(): SchemaNode {
  schemaCache ??= JSON.parse(readFileSync(path.join(packageRoot(), 'schema', 'assume.config.schema.json'), 'utf8')) as SchemaNode;
  return schemaCache;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
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
      if (!(name in (value as Record<string, unknown>))) errors.push({ key: key === '' ? name : `${key}.${name}`, message: `"${at}" needs the key "${name}".` });
    }
  }
  if (actual === 'object' && (schema.properties || schema.additionalProperties !== undefined)) {
    const record = value as Record<string, unknown>;
    for (const [name, child] of Object.entries(record)) {
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

/** Reads `assume.config.json` from `cwd` (or the given file) and validates it. No file: defaults. */
export function loadConfig(options: { cwd: string; file?: string }): LoadedConfig {
  const abs = path.resolve(options.cwd, options.file ?? CONFIG_FILE);
  const rel = path.relative(options.cwd, abs).split(path.sep).join('/');
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (error) {
    if (options.file === undefined && (error as { code?: string }).code === 'ENOENT') return { config: {} };
    throw new ConfigError(`Cannot read the config file ${rel}: ${(error as Error).message}`, rel);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${rel} is not valid JSON: ${(error as Error).message}`, rel);
  }
  const errors = validateAgainstSchema(data, configSchema());
  if (errors.length > 0) {
    throw new ConfigError(`${rel}: ${errors.map((e) => e.message).join(' ')}`, rel, errors[0].key);
  }
  return { config: data as AssumeConfig, file: rel };
}
