/**
 * Loading assume.config.json and validating it against the published JSON Schema
 * (schema/assume.config.schema.json). An unknown key or a wrong type is a ConfigError naming the key and
 * the file: never ignored. The validator covers the subset of JSON Schema the schema uses, so the schema
 * stays the single source of truth as keys are added.
 */
import { existsSync, readFileSync } from 'node:fs';
import { cosmiconfig } from 'cosmiconfig';
import YAML from 'yaml';
import * as path from 'node:path';
import { ConfigError } from './errors.js';
import { packageRoot } from './package-info.js';
import type { RegisterPaths } from '../register/load.js';
import type { DirectiveOptions } from '../register/directives.js';
import type { Catalog } from '../core/catalog/types.js';
import { validateAgainstSchema, type SchemaNode } from '../core/json-schema.js';

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


let schemaCache: SchemaNode | undefined;
function configSchema(): SchemaNode {
  schemaCache ??= JSON.parse(readFileSync(path.join(packageRoot(), 'schema', 'assume.config.schema.json'), 'utf8')) as SchemaNode;
  return schemaCache;
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
  const relOf = (abs: string) => path.relative(options.cwd, abs).split(path.sep).join('/') || path.basename(abs);
  let explorer: ReturnType<typeof cosmiconfig>;
  try {
    // cosmiconfig reads its own meta config (package.json#cosmiconfig) from cwd when it is created.
    explorer = cosmiconfig('assume', { searchPlaces: SEARCH_PLACES, searchStrategy: 'none', cache: false, loaders: { '.json': loadJsonText, '.yaml': loadYamlText, '.yml': loadYamlText, noExt: loadYamlText } });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const file = /Error in (.+?):\s*$/m.exec(message)?.[1];
    const rel = file ? relOf(file) : 'package.json';
    throw new ConfigError(`${rel} is not valid JSON: ${message.split('\n')[1] ?? message}`, rel);
  }
  let found: string | undefined;
  if (options.file !== undefined) {
    found = path.resolve(options.cwd, options.file);
  } else {
    search: for (const dir of searchDirs(options.cwd)) {
      for (const place of SEARCH_PLACES) {
        const abs = path.join(dir, place);
        if (!existsSync(abs)) continue;
        if (place === 'package.json' && !packageJsonHasKey(abs, relOf(abs))) continue;
        found = abs;
        break search;
      }
    }
  }
  if (found === undefined) return { config: {} };
  const rel = relOf(found);
  let result: { config: unknown; isEmpty?: boolean } | null;
  try {
    result = await withDeadline(explorer.load(found), CONFIG_LOAD_MS);
  } catch (error) {
    throw new ConfigError(describeLoadError(error, rel), rel);
  }
  // An empty file (or one holding only comments) is an empty config; `null` or a JS config exporting nothing is a mistake.
  const empty = (result === null || result.isEmpty === true) && !/\.[cm]?js$/.test(rel) && isBlank(readFileSync(found, 'utf8'));
  const data = empty ? {} : result?.config;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ConfigError(`${rel}: the config must be an object of settings, not ${data === null || data === undefined ? 'null or nothing' : Array.isArray(data) ? 'an array' : typeof data}.`, rel);
  }
  let errors: { key: string; message: string }[];
  try {
    errors = validateAgainstSchema(data, configSchema());
  } catch (error) {
    throw new ConfigError(`${rel}: reading the settings failed: ${describeThrown(error)}`, rel);
  }
  if (errors.length > 0) {
    throw new ConfigError(`${rel}: ${errors.map((e) => e.message).join(' ')}`, rel, errors[0].key);
  }
  return { config: data, file: rel };
}

/** How long a JS config may take to load (it runs user code): past this, a config error, not a hang. */
const CONFIG_LOAD_MS = 10_000;

/** `promise`, or a rejection after `ms`; the pending timer also keeps Node from exiting on a promise that never settles. */
async function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new ConfigLoadError(`it did not finish loading within ${ms / 1000} s (a JS config that never settles?)`));
    }, ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** A config file's own problem, described for the user (no stack, no absolute path). */
class ConfigLoadError extends Error {}

function isBlank(text: string): boolean {
  return text.replace(/^\uFEFF/, '').split(/\r?\n/).every((line) => /^\s*(?:#.*)?$/.test(line));
}

/** Is this package.json carrying an `assume` key? A package.json that is not JSON is a config error naming it. */
function packageJsonHasKey(abs: string, rel: string): boolean {
  let value: unknown;
  try {
    value = loadJsonText(abs, readFileSync(abs, 'utf8'));
  } catch (error) {
    throw new ConfigError(describeLoadError(error, rel), rel);
  }
  return typeof value === 'object' && value !== null && Object.hasOwn(value, 'assume');
}

/** JSON (a BOM allowed), with the line and column of a syntax error. */
function loadJsonText(_file: string, content: string): unknown {
  const text = content.replace(/^\uFEFF/, '');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const at = yamlPosition(text);
    throw new ConfigLoadError(`${at ? `${at}: ` : ''}${describeThrown(error)}`);
  }
}

/** YAML (a BOM allowed), with the line and column of the first error. */
function loadYamlText(_file: string, content: string): unknown {
  const doc = YAML.parseDocument(content.replace(/^\uFEFF/, ''));
  const first = doc.errors[0] as YAML.YAMLError | undefined;
  if (first) throw new ConfigLoadError(first.message.split('\n')[0].replace(/:\s*$/, ''));
  return doc.toJS() as unknown;
}

/** Where YAML, which reads most JSON, first stumbles in this text: `line L, column C`, if anywhere. */
function yamlPosition(text: string): string | undefined {
  const first = YAML.parseDocument(text).errors[0] as YAML.YAMLError | undefined;
  const pos = first?.linePos?.[0];
  return pos ? `line ${pos.line}, column ${pos.col}` : undefined;
}

/** A thrown value as one line: an Error's message, else its JSON (a JS config may throw anything). */
function describeThrown(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] ?? error.name;
  try {
    const json = JSON.stringify(error) as string | undefined;
    return `threw ${json ?? String(error)}`.slice(0, 200);
  } catch {
    return 'threw a value that cannot be shown';
  }
}

function describeLoadError(error: unknown, rel: string): string {
  if ((error as { code?: string } | null)?.code === 'ENOENT') return `Cannot read the config file ${rel}: it does not exist.`;
  const kind = /\.ya?ml$|\.assumerc$/.test(rel) ? 'YAML' : /\.[cm]?js$/.test(rel) ? 'JavaScript' : 'JSON';
  if (error instanceof ConfigLoadError) return `${rel}${error.message.startsWith('it did not') ? ': ' : ` is not valid ${kind}: `}${error.message}`;
  const message = describeThrown(error);
  if (error instanceof SyntaxError) return `${rel} is not valid ${kind}: ${message}`;
  return `Cannot load the config file ${rel}: ${message}`;
}
