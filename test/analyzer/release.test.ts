/**
 * The analyzer drops parsed files from memory between files (ProgramContexts.release) and parses them again
 * when a later check needs them. That must never change a finding: every cross-file fixture project gives the
 * same findings, value paths included, when nothing is kept (every dependency parsed again) as when all is kept.
 */
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyzer/analyze.js';
import { analyzerRules, resolveRuleOptions } from '../../analyzer/rules.js';
import type { RuleId } from '../../core/checkers/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/analyzer');
const rules = analyzerRules();
const ruleSettings = Object.fromEntries(rules.map((r) => [r.id, { level: 'error' as const, options: resolveRuleOptions(r.id as RuleId, undefined) }]));

const cases = readdirSync(root)
  .filter((d) => statSync(join(root, d)).isDirectory())
  .flatMap((rule) => readdirSync(join(root, rule)).filter((c) => statSync(join(root, rule, c)).isDirectory()).map((c) => join(rule, c)))
  .sort();

describe('releasing parsed files between files', () => {
  let reparsed = 0;
  for (const name of cases) {
    it(`${name}: same findings when no parsed file is kept`, () => {
      const cwd = join(root, name);
      const kept = analyze({ cwd, rules, ruleSettings, retainBytes: Infinity });
      const dropped = analyze({ cwd, rules, ruleSettings, retainBytes: 0 });
      expect(dropped.findings).toEqual(kept.findings);
      expect(dropped.incomplete).toEqual(kept.incomplete);
      expect(kept.stats.parses).toBeGreaterThanOrEqual(kept.stats.files);
      reparsed += dropped.stats.parses - kept.stats.parses;
    });
  }
  it('parsed some files again (the cases above exercised release)', () => {
    expect(cases.length).toBeGreaterThanOrEqual(32);
    expect(reparsed).toBeGreaterThan(10);
  });
});
