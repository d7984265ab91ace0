/**
 * Scores the rules on the labelled regression corpus (fixtures/corpus), the way the project's scorer does,
 * and holds each rule to the bars: precision >= 0.95, recall >= 0.9.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { checkers } from '../core/checkers/index.js';
import plugin from '../index.js';
import { safetyNet } from '../core/safety-net.js';

// Realistic code: an exception inside a checker is an engine bug, not an odd shape to skip (see core/safety-net.ts).
safetyNet.rethrow = true;

const root = fileURLToPath(new URL('..', import.meta.url));
const casesDir = join(root, 'fixtures', 'corpus', 'cases');
/** The four core rules the corpus is labelled for. */
const RULES = Object.keys(checkers);

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : /\.(ts|js|mjs|cjs)$/.test(name) ? [p] : [];
  });
}

interface Label {
  file: string;
  line: number;
  rule: string;
  analyzerOnly: boolean;
}

const files = walk(casesDir);
const labels: Label[] = files.flatMap((file) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((text, i) => [...text.matchAll(/@expect(-analyzer)?\s+([a-z-]+)/g)].filter((m) => m[2] !== 'none').map((m) => ({ file, line: i + 1, rule: m[2], analyzerOnly: Boolean(m[1]) }))),
);

describe('regression corpus (ESLint engine)', async () => {
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.{ts,js,mjs,cjs}'],
        languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module' },
        plugins: { assume: plugin as unknown as ESLint.Plugin },
        rules: Object.fromEntries(RULES.map((r) => [`assume/${r}`, 'error'])),
      },
    ],
  });
  const results = await eslint.lintFiles(files);
  const found = results.flatMap((r) => r.messages.map((m) => ({ file: r.filePath, line: m.line, rule: m.ruleId?.replace(/^assume\//, '') ?? '', fatal: m.fatal === true, message: m.message })));

  it('parses every file', () => {
    expect(found.filter((f) => f.fatal).map((f) => `${relative(root, f.file)}: ${f.message}`)).toEqual([]);
  });

  for (const rule of RULES) {
    it(`${rule}: precision >= 0.95 and recall >= 0.9`, () => {
      const expected = labels.filter((l) => l.rule === rule && !l.analyzerOnly);
      const ignorable = labels.filter((l) => l.rule === rule && l.analyzerOnly);
      const reported = found.filter((f) => f.rule === rule);
      const used = new Set<number>();
      let tp = 0;
      const missed: string[] = [];
      for (const e of expected) {
        const i = reported.findIndex((f, k) => !used.has(k) && f.file === e.file && Math.abs(f.line - e.line) <= 1);
        if (i >= 0) {
          used.add(i);
          tp++;
        } else missed.push(`${relative(casesDir, e.file)}:${e.line}`);
      }
      const falses = reported.filter((f, k) => !used.has(k) && !ignorable.some((l) => l.file === f.file && Math.abs(l.line - f.line) <= 1)).map((f) => `${relative(casesDir, f.file)}:${f.line}`);
      const precision = tp + falses.length === 0 ? 1 : tp / (tp + falses.length);
      const recall = expected.length === 0 ? 1 : tp / expected.length;
      expect(expected.length, 'the corpus has cases for this rule').toBeGreaterThan(10);
      expect(precision, `false positives: ${falses.join(', ')}`).toBeGreaterThanOrEqual(0.95);
      expect(recall, `missed: ${missed.join(', ')}`).toBeGreaterThanOrEqual(0.9);
    });
  }
});
