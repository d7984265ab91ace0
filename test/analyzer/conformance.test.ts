/**
 * One engine, two front ends: every RuleTester case of the core rules, run through the whole-program
 * analyzer, must give the same findings (rule, messageId, line, column) as the ESLint rule does.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

interface RecordedCase {
  name?: string;
  code: string;
  filename?: string;
  options?: readonly unknown[];
  errors?: readonly { messageId: string; line?: number; column?: number }[];
}
interface Recorded {
  rule: string;
  valid: (RecordedCase | string)[];
  invalid: RecordedCase[];
}

const recorded = vi.hoisted(() => [] as Recorded[]);

vi.mock('../rule-tester.js', () => ({
  createRuleTester: () => ({
    run(rule: string, _module: unknown, tests: { valid: (RecordedCase | string)[]; invalid: RecordedCase[] }) {
      recorded.push({ rule, valid: tests.valid, invalid: tests.invalid });
    },
  }),
}));

const { analyze } = await import('../../analyzer/analyze.js');
const { analyzerRules, resolveRuleOptions } = await import('../../analyzer/rules.js');
const { checkers } = await import('../../core/checkers/index.js');
type RuleId = keyof typeof checkers;

for (const id of Object.keys(checkers)) {
  await import(`../rules/${id}.test.ts`);
}

const rules = analyzerRules();

function run(ruleId: RuleId, c: RecordedCase): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'assume-conf-'));
  const file = c.filename ? c.filename.replace(/^.*[/\\]/, '') : 'file.ts';
  writeFileSync(join(dir, file), c.code);
  const rule = rules.find((r) => r.id === ruleId);
  if (!rule) throw new Error(`no analyzer rule ${ruleId}`);
  const result = analyze({
    cwd: dir,
    paths: [file],
    rules: [rule],
    ruleSettings: { [ruleId]: { level: 'error', options: resolveRuleOptions(ruleId, c.options?.[0]) } },
  });
  expect(result.incomplete).toEqual([]);
  return result.findings.map((f) => `${f.messageId}@${f.line}:${f.column}`);
}

describe('analyzer conformance with the ESLint rules', () => {
  it('recorded the RuleTester cases of every core rule', () => {
    expect(recorded.map((r) => r.rule).sort()).toEqual(Object.keys(checkers).sort());
  });

  for (const { rule, valid, invalid } of recorded) {
    describe(rule, () => {
      valid.forEach((c, i) => {
        const tc = typeof c === 'string' ? { code: c } : c;
        it(`valid ${i}: ${tc.name ?? tc.code.slice(0, 60)}`, () => {
          expect(run(rule as RuleId, tc)).toEqual([]);
        });
      });
      invalid.forEach((c, i) => {
        it(`invalid ${i}: ${c.name ?? c.code.slice(0, 60)}`, () => {
          const expected = (c.errors ?? []).map((e) => `${e.messageId}@${e.line}:${e.column}`);
          expect(run(rule as RuleId, c).sort()).toEqual(expected.sort());
        });
      });
    });
  }
});
