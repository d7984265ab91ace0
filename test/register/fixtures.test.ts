// Every register check has a failing and a passing fixture under fixtures/register/<check>/{fail,pass}/.
// The passing one yields no finding at all; the failing one yields exactly the findings of expected.json.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkRegister } from '../../register/check.js';
import { registerRuleIds } from '../../register/types.js';

const root = fileURLToPath(new URL('../../fixtures/register/', import.meta.url));
const TODAY = '2026-06-01';
const cases = readdirSync(root).sort();

interface Expected {
  ruleId: string;
  file: string;
  line: number;
}

describe('register checks: fixtures', () => {
  it('has a fixture pair for every register check except suppression/unused (needs code findings: see test/register/waivers.test.ts)', () => {
    const covered = new Set(cases.map((name) => name.replace('-', '/')));
    for (const id of registerRuleIds) if (id !== 'suppression/unused') expect(covered, id).toContain(id);
  });

  for (const name of cases) {
    const ruleId = name.replace('-', '/');
    it(`${ruleId}: the passing fixture has no findings`, () => {
      const result = checkRegister({ cwd: `${root}${name}/pass`, today: TODAY });
      expect(result.findings).toEqual([]);
    });
    it(`${ruleId}: the failing fixture has exactly the expected findings`, () => {
      const expected = JSON.parse(readFileSync(`${root}${name}/fail/expected.json`, 'utf8')) as Expected[];
      const result = checkRegister({ cwd: `${root}${name}/fail`, today: TODAY });
      expect(result.findings.map((f) => ({ ruleId: f.ruleId, file: f.file, line: f.line }))).toEqual(expected);
      expect(result.findings.some((f) => f.ruleId === ruleId)).toBe(true);
      for (const f of result.findings) expect(f.message.length).toBeGreaterThan(10);
    });
  }
});
