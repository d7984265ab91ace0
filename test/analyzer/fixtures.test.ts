/**
 * Cross-file fixture projects for the whole-program analyzer (fixtures/analyzer/<rule>/<case>/).
 * Each case folder is a small project; its labels (`// @expect <rule>` at the end of a line, `// @expect none`
 * at the top of a file with no finding) are the exact set of findings `analyze({ cwd: caseDir })` must report.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyzer/api.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/analyzer');
const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const LABEL = /\/\/\s*@expect\s+([a-z-]+)\s*$/;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (SOURCE.test(name)) out.push(full);
  }
  return out;
}

const key = (rule: string, file: string, line: number) => `${rule} ${file}:${line}`;

function expectedLabels(caseDir: string): string[] {
  const labels: string[] = [];
  for (const file of sourceFiles(caseDir)) {
    const rel = relative(caseDir, file).split(sep).join('/');
    readFileSync(file, 'utf8')
      .split(/\r?\n/)
      .forEach((text, i) => {
        const m = LABEL.exec(text);
        if (m && m[1] !== 'none') labels.push(key(m[1], rel, i + 1));
      });
  }
  return labels.sort();
}

/**
 * Cases the analyzer does not pass yet: each is a gap in the analyzer, written down instead of hidden. They run
 * as `it.fails`, so one that starts passing fails the suite until it is taken off this list.
 */
const KNOWN_GAPS: Readonly<Record<string, string>> = {
};

const rules = readdirSync(root).filter((d) => statSync(join(root, d)).isDirectory()).sort();

describe('whole-program analyzer on cross-file fixture projects', () => {
  it('has fixture projects for the four core rules', () => {
    expect(rules).toEqual(['no-ack-before-durable-write', 'no-unbounded-parse', 'no-unhandled-timeout', 'no-wall-clock-at-boundary']);
  });

  for (const rule of rules) {
    const cases = readdirSync(join(root, rule)).filter((d) => statSync(join(root, rule, d)).isDirectory()).sort();
    for (const name of cases) {
      const test = `${rule}/${name}` in KNOWN_GAPS ? it.fails : it;
      test(`${rule}/${name}`, () => {
        const caseDir = join(root, rule, name);
        const expected = expectedLabels(caseDir);
        if (name.startsWith('neg-')) expect(expected).toEqual([]);
        else expect(expected.length).toBeGreaterThan(0);
        const result = analyze({ cwd: caseDir });
        const actual = result.findings.map((f) => key(f.ruleId, f.file, f.line)).sort();
        expect(actual).toEqual(expected);
        expect(result.incomplete).toEqual([]);
      });
    }
  }
});
