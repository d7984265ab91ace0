// Commands load lazily: the entry and `assume init` never pull in the analyzer, ts-morph, typescript or
// the ESLint parser. Checked on the import graph of the sources (static imports only for the entry).
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers.js';

const STATIC_IMPORT = /^\s*import\s+(?!type\b)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
const HEAVY = /^(ts-morph|typescript|@typescript-eslint\/|eslint)/;

/** Every module reachable from `entry`, following static imports (and dynamic ones if asked). */
function reachable(entry: string, followDynamic: boolean): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!file.startsWith('/')) return;
    const text = readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(STATIC_IMPORT)].map((m) => m[1]);
    if (followDynamic) specifiers.push(...[...text.matchAll(DYNAMIC_IMPORT)].map((m) => m[1]));
    for (const spec of specifiers) {
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec).replace(/\.js$/, '.ts'));
      else seen.add(spec);
    }
  };
  visit(join(repoRoot, entry));
  return seen;
}

describe('lazy loading', () => {
  it('the entry loads no command module and nothing heavy until a command runs', () => {
    const mods = [...reachable('cli/index.ts', false)];
    expect(mods.filter((m) => HEAVY.test(m))).toEqual([]);
    expect(mods.filter((m) => m.includes('/cli/commands/') || m.includes('/analyzer/'))).toEqual([]);
  });

  it('assume init (everything it can load) never loads the analyzer or a parser', () => {
    const mods = [...reachable('cli/commands/init.ts', true)];
    expect(mods.filter((m) => HEAVY.test(m) || m.includes('/analyzer/') || m.includes('/core/'))).toEqual([]);
  });
});
