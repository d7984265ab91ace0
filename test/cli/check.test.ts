// The seam issue 3 plugs the analyzer into: a code source's findings meet the register's waivers.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check, formatText, registerSource, type FindingSource, type ReportFinding } from '../../cli/commands/check.js';
import { createColors } from '../../cli/color.js';
import { init } from '../../cli/commands/init.js';
import { cleanup, tempDir } from './helpers.js';

afterAll(cleanup);

const finding = (over: Partial<ReportFinding>): ReportFinding => ({ ruleId: 'no-unbounded-parse', severity: 'error', message: 'unbounded', file: 'src/a.ts', line: 5, column: 3, ...over });

function codeSource(findings: ReportFinding[], analyzedFiles: string[], incomplete: { file: string; reason: string }[] = []): FindingSource {
  return { name: 'fake-analyzer', run: () => Promise.resolve({ findings, analyzedFiles, incomplete }) };
}

async function project(): Promise<string> {
  const dir = tempDir();
  await init({ dir, cwd: dir });
  mkdirSync(join(dir, 'src'));
  writeFileSync(
    join(dir, 'src/a.ts'),
    ['a();', 'b();', 'c();', '// eslint-disable-next-line assume/no-unbounded-parse -- A-example the proxy caps it', 'app.use(express.json({ limit: Infinity }));', '// eslint-disable-next-line assume/no-wall-clock-at-boundary -- A-example stale', 'x();', ''].join('\n'),
  );
  return dir;
}

const base = (cwd: string) => ({ cwd, paths: [], register: {}, directives: {}, today: '2026-06-01' });

describe('check: sources and waivers', () => {
  it('a waived code finding is hidden and listed with its waiver; a waiver that hides nothing is suppression/unused', async () => {
    const dir = await project();
    const result = await check({ ...base(dir), sources: [registerSource, codeSource([finding({})], ['src/a.ts'])] });
    expect(result.findings.map((f) => `${f.ruleId}@${f.line}`)).toEqual(['suppression/unused@6']);
    expect(result.exitCode).toBe(0);
    expect(result.waived.map((w) => [w.line, w.findings.map((f) => f.line)])).toEqual([
      [4, [5]],
      [6, []],
    ]);
    expect(formatText(result, createColors(false))).toContain('    hides 5:3  unbounded  no-unbounded-parse');
  });

  it('an unwaived code finding is exit 1; an incomplete run without findings is exit 3, never 0', async () => {
    const dir = await project();
    const failing = await check({ ...base(dir), sources: [registerSource, codeSource([finding({ line: 3, ruleId: 'no-wall-clock-at-boundary' })], ['src/a.ts'])] });
    expect(failing.exitCode).toBe(1);
    const incomplete = await check({ ...base(dir), sources: [registerSource, codeSource([], [], [{ file: 'src/big.ts', reason: 'over maxFileBytes' }])] });
    expect(incomplete.exitCode).toBe(3);
    expect(formatText(incomplete, createColors(false))).toContain('src/big.ts: over maxFileBytes');
  });

  it('without a code source, waivers are listed and never reported unused', async () => {
    const dir = await project();
    const result = await check(base(dir));
    expect(result.findings).toEqual([]);
    expect(result.waived).toHaveLength(2);
  });
});
