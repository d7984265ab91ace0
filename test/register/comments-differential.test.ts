// extractComments agrees with a real parser (typescript-estree) on every source file of this repository
// and on the corpus of realistic service code: same comments, same positions.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@typescript-eslint/parser';
import { describe, expect, it } from 'vitest';
import { extractComments } from '../../register/comments.js';
import { repoRoot } from '../cli/helpers.js';

function sources(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) sources(full, out);
    else if (/\.(ts|js|mjs|cjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

const files = [
  ...['cli', 'register', 'core', 'rules', 'analyzer', 'test', 'fixtures'].flatMap((d) => sources(join(repoRoot, d))),
  ...sources('/work/shared/corpus/cases'),
];

describe('extractComments matches typescript-estree', () => {
  it(`on ${files.length} files`, () => {
    let compared = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      let expected;
      try {
        expected = parse(text, { comment: true, loc: true, range: true, jsx: false, sourceType: 'module', ecmaVersion: 'latest' }).comments;
      } catch {
        continue; // not parsable as TS without JSX: nothing to compare against
      }
      const actual = extractComments(text).map((c) => ({ type: c.type, value: c.value, line: c.line, column: c.column }));
      const want = expected.map((c) => ({ type: c.type, value: c.value, line: c.loc.start.line, column: c.loc.start.column + 1 }));
      expect(actual, file).toEqual(want);
      compared++;
    }
    expect(compared).toBeGreaterThan(50);
  });
});
