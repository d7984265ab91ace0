/**
 * The templates `assume init` writes: `templates/base/**` plus `templates/profiles/<profile>/**`, each
 * shadowed by a file of the same relative path under the project's `.assume/templates/`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { UsageError } from './errors.js';
import { resolveInside } from './fs/atomic-write.js';
import { templatesRoot } from './package-info.js';

export const profiles = ['http-service', 'queue-worker', 'library'] as const;
export type Profile = (typeof profiles)[number];
export const defaultProfile: Profile = 'http-service';

/** Where user templates live in a project; a file there replaces the built-in one of the same path. */
export const USER_TEMPLATES = '.assume/templates';

export function isProfile(value: string): value is Profile {
  return (profiles as readonly string[]).includes(value);
}

function walk(dir: string, prefix = ''): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const rel = prefix === '' ? e.name : `${prefix}/${e.name}`;
    if (e.isDirectory()) return walk(path.join(dir, e.name), rel);
    return e.isFile() ? [rel] : [];
  });
}

/** A user template for `relPath`, if the project has one (read safely: no symlink out of the project). */
export function userTemplate(projectDir: string, relPath: string): string | undefined {
  const rel = `${USER_TEMPLATES}/${relPath}`;
  let abs: string;
  try {
    abs = resolveInside(projectDir, rel);
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(`Refusing to read the user template ${rel}: it resolves outside the project.`);
    throw error;
  }
  try {
    return readFileSync(abs, 'utf8');
  } catch {
    return undefined;
  }
}

/** The raw templates of a profile: relative output path -> text, sorted by path. */
export function profileTemplates(projectDir: string | undefined, profile: Profile): Map<string, string> {
  const root = templatesRoot();
  const files = new Map<string, string>();
  for (const base of [path.join(root, 'base'), path.join(root, 'profiles', profile)]) {
    for (const rel of walk(base)) files.set(rel, readFileSync(path.join(base, rel), 'utf8'));
  }
  if (projectDir === undefined) return sortByPath(files);
  for (const rel of [...files.keys()]) {
    const shadow = userTemplate(projectDir, rel);
    if (shadow !== undefined) files.set(rel, shadow);
  }
  return sortByPath(files);
}

function sortByPath(files: Map<string, string>): Map<string, string> {
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * One template: the project's `.assume/templates/<name>` if present, else the built-in one at
 * `templates/<builtin>` (by default the same name).
 */
export function namedTemplate(projectDir: string, name: string, builtin = name): string {
  return userTemplate(projectDir, name) ?? readFileSync(path.join(templatesRoot(), builtin), 'utf8');
}

/** Fills `{{name}}` placeholders; unknown names are left as written. */
export function render(text: string, vars: Readonly<Record<string, string>>): string {
  return text.replace(/\{\{([a-zA-Z]+)\}\}/g, (whole, name: string) => (Object.hasOwn(vars, name) ? vars[name] : whole));
}

/** A value for a double-quoted YAML scalar (placed between quotes in the template). */
export function yamlQuoted(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}
