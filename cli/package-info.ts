/** Files shipped with the package (package.json, templates/, schema/), found from source or from dist/. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InternalError } from './errors.js';

/** The package root: the folder holding this package's package.json (one up from cli/, two from dist/cli/). */
export function packageRoot(): string {
  for (const rel of ['../', '../../']) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    try {
      const pkg = JSON.parse(readFileSync(`${dir}package.json`, 'utf8')) as { name?: string };
      if (pkg.name === 'assume-lint') return dir;
    } catch {
      // try the next place
    }
  }
  throw new InternalError('cannot find its own package.json next to cli/ or dist/cli/.');
}

/** This package's version, from package.json. */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(`${packageRoot()}package.json`, 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

/** The shipped templates folder. */
export function templatesRoot(): string {
  const dir = `${packageRoot()}templates`;
  if (!existsSync(dir)) throw new InternalError(`the templates folder is missing (${dir}); the package is incomplete.`);
  return dir;
}
