import { describe, expect, it } from 'vitest';
import { applyWaivers } from '../../register/waivers.js';
import type { Waiver } from '../../register/types.js';

const waiver = (over: Partial<Waiver>): Waiver => ({
  file: 'src/a.ts', line: 4, appliesTo: [5, 5], rules: ['assume/no-unbounded-parse'], assumption: 'A-proxy', reason: '', kind: 'eslint-disable-next-line', ...over,
});

describe('applyWaivers', () => {
  it('hides a finding on a covered line of a named rule, with or without the prefix', () => {
    const w = waiver({});
    const out = applyWaivers([{ ruleId: 'no-unbounded-parse', file: 'src/a.ts', line: 5 }, { ruleId: 'assume/no-unbounded-parse', file: 'src/a.ts', line: 5 }], [w], new Set(['src/a.ts']));
    expect(out.kept).toEqual([]);
    expect(out.hidden.map((h) => h.waiver)).toEqual([w, w]);
    expect(out.unused).toEqual([]);
  });

  it('keeps findings of other rules, other lines and other files', () => {
    const findings = [
      { ruleId: 'no-wall-clock-at-boundary', file: 'src/a.ts', line: 5 },
      { ruleId: 'no-unbounded-parse', file: 'src/a.ts', line: 6 },
      { ruleId: 'no-unbounded-parse', file: 'src/b.ts', line: 5 },
    ];
    const out = applyWaivers(findings, [waiver({})], new Set(['src/a.ts']));
    expect(out.kept).toEqual(findings);
    expect(out.unused).toEqual([expect.objectContaining({ ruleId: 'suppression/unused', file: 'src/a.ts', line: 4, severity: 'warning' })]);
  });

  it('a file-wide disable covers to the end; a blanket one covers every rule', () => {
    const out = applyWaivers(
      [{ ruleId: 'no-ack-before-durable-write', file: 'src/a.ts', line: 900 }],
      [waiver({ appliesTo: [1, null], rules: ['*'], kind: 'eslint-disable' })],
      new Set(['src/a.ts']),
    );
    expect(out.kept).toEqual([]);
  });

  it('a waiver in a file that was not analyzed is never reported unused', () => {
    expect(applyWaivers([], [waiver({})], new Set()).unused).toEqual([]);
  });
});
