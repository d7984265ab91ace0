/**
 * Loading assume.config.json and validating it against the published JSON Schema
 * (schema/assume.config.schema.json). An unknown key or a wrong type is a ConfigError naming the key and
 * the file: never ignored. The validator covers the subset of JSON Schema the schema uses, so the schema
 * stays the single source of truth as keys are added.
 */
import { existsSync, readFileSync } from 'node:fs';
import { cosmiconfig } from 'cosmiconfig';
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
  /** The baseline file of `assume check` (default `.assume/baseline.json`). */
  baseline?: string;
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

/** Where the config is looked for, in each folder from cwd up to the git root (the first hit wins). */
export const SEARCH_PLACES = [
  'package.json',
  'assume.config.json',
  'assume.config.yaml',
  'assume.config.yml',
  'assume.config.js',
  'assume.config.mjs',
  'assume.config.cjs',
  '.assumerc',
  '.assumerc.json',
  '.assumerc.yaml',
  '.assumerc.yml',
  '.assumerc.js',
  '.assumerc.mjs',
  '.assumerc.cjs',
];

/** The folders searched: cwd and its parents up to the work tree's top (only cwd outside a git work tree). */
function searchDirs(cwd: string): string[] {
  const dirs: string[] = [];
  let dir = path.resolve(cwd);
  for (;;) {
    dirs.push(dir);
    if (existsSync(path.join(dir, '.git'))) return dirs;
    const parent = path.dirname(dir);
    if (parent === dir) return [path.resolve(cwd)];
    dir = parent;
  }
}

/**
 * Finds and validates the config (cosmiconfig formats: JSON, YAML, JS, `package.json#assume`), searching from
 * `cwd` up to the git root, or reads the given file. No file: defaults. A broken file is a ConfigError
 * naming the file and, where known, the key.
 */
export async function loadConfig(options: { cwd: string; file?: string }): Promise<LoadedConfig> {
  const explorer = cosmiconfig('assume', { searchPlaces: SEARCH_PLACES, searchStrategy: 'none', cache: false });
  const relOf = (abs: string) => path.relative(options.cwd, abs).split(path.sep).join('/') || path.basename(abs);
  let result: { config: unknown; filepath: string; isEmpty?: boolean } | null = null;
  if (options.file !== undefined) {
    const abs = path.resolve(options.cwd, options.file);
    try {
      result = await explorer.load(abs);
    } catch (error) {
      throw new ConfigError(describeLoadError(error, relOf(abs)), relOf(abs));
    }
  } else {
    for (const dir of searchDirs(options.cwd)) {
      try {
        result = await explorer.search(dir);
      } catch (error) {
        const file = /(\S+\.(?:json|ya?ml|[cm]?js)|\.assumerc)\b/.exec(error instanceof Error ? error.message : '')?.[1];
        throw new ConfigError(describeLoadError(error, file ? relOf(path.resolve(dir, file)) : relOf(dir)), file);
      }
      if (result) break;
    }
  }
  if (!result) return { config: {} };
  const rel = relOf(result.filepath);
  const data = result.isEmpty ? {} : result.config;
  const errors = validateAgainstSchema(data, configSchema());
  if (errors.length > 0) {
    throw new ConfigError(`${rel}: ${errors.map((e) => e.message).join(' ')}`, rel, errors[0].key);
  }
  return { config: data as AssumeConfig, file: rel };
}

function describeLoadError(error: unknown, rel: string): string {
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  if ((error as { code?: string }).code === 'ENOENT') return `Cannot read the config file ${rel}: it does not exist.`;
  if (error instanceof SyntaxError || /JSON|YAML|Unexpected|parse/i.test(message)) return `${rel} is not valid ${/\.ya?ml$|\.assumerc$/.test(rel) ? 'YAML' : /\.[cm]?js$/.test(rel) ? 'JavaScript' : 'JSON'}: ${message}`;
  return `Cannot load the config file ${rel}: ${message}`;
}
