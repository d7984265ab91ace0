import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Absolute path of the repository root (ends without a separator). */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url)).replace(/[\\/]$/, '');

export function repoPath(...parts: string[]): string {
  return join(repoRoot, ...parts);
}

export function readRepoFile(...parts: string[]): string {
  return readFileSync(repoPath(...parts), 'utf8');
}

export function repoFileExists(...parts: string[]): boolean {
  return existsSync(repoPath(...parts));
}

export interface PackageJson {
  name: string;
  version: string;
  scripts: Record<string, string>;
}

export function packageJson(): PackageJson {
  return JSON.parse(readRepoFile('package.json')) as PackageJson;
}

/** Top-level `.ts` files of `rules/` (rule modules and the registry/helpers beside them), without extension. */
export function ruleFolderModules(): string[] {
  return readdirSync(repoPath('rules'), { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => entry.name.slice(0, -'.ts'.length))
    .sort();
}

/** Imports a TypeScript module of this repository by its path (vitest transforms it). */
export async function importRepoModule(...parts: string[]): Promise<Record<string, unknown>> {
  return (await import(pathToFileURL(repoPath(...parts)).href)) as Record<string, unknown>;
}
