import { execFileSync } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { finding } from './findings.js';
import { fingerprints } from '../../cli/reporters/fingerprint.js';
import { formatGithub, GITHUB_ANNOTATION_LIMIT } from '../../cli/reporters/github.js';
import { formatSarif } from '../../cli/reporters/sarif.js';
import type { Report } from '../../cli/reporters/types.js';


const report: Report = {
  tool: { name: 'assume', version: '0.1.0', informationUri: 'https://github.com/assume-lint/assume-lint' },
  root: '/repo',
  rules: [
    {
      id: 'assume/no-ack-before-durable-write',
      shortDescription: 'Success is acknowledged before the write it reports on is durable.',
      fullDescription: 'Reports acks (HTTP responses, queue acks, offset commits) that run before a durable write settles.',
      helpUri: 'https://github.com/assume-lint/assume-lint/blob/main/docs/rules/no-ack-before-durable-write.md',
      defaultLevel: 'error',
      tags: ['security', 'correctness'],
      securitySeverity: '7.5',
    },
  ],
  findings: [
    finding({ path: [{ file: 'src/order.service.ts', line: 8, column: 5, note: 'INSERT started, not awaited' }] }),
    finding({ file: 'src/worker.ts', line: 3, severity: 'warn', snippet: 'channel.ack(msg);', message: 'Acked before insert: 50% done, "quoted", a|b' }),
  ],
  incomplete: [{ file: 'src/huge.ts', reason: 'larger than maxFileBytes (2000000 > 1048576 bytes)' }],
  stats: { files: 3, analyzed: 2, durationMs: 12 },
};

describe('fingerprints', () => {
  it('survive line shifts and reformatting but tell identical findings apart', () => {
    const a = finding({});
    const moved = finding({ line: 40, snippet: 'res.status( 201 ).json(order);' });
    expect(fingerprints([a])).toEqual(fingerprints([moved]));
    const [first, second] = fingerprints([a, finding({ line: 50 })]);
    expect(first).not.toBe(second);
    expect(fingerprints([finding({ file: 'other.ts' })])[0]).not.toBe(fingerprints([a])[0]);
  });
});

describe('sarif', () => {
  const sarif = JSON.parse(formatSarif(report)) as {
    version: string;
    runs: {
      tool: { driver: { rules: { id: string; helpUri: string; properties: Record<string, unknown> }[] } };
      results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number } } }[]; partialFingerprints: Record<string, string>; codeFlows?: unknown[] }[];
      originalUriBaseIds: Record<string, { uri: string }>;
      automationDetails: { id: string };
      invocations: { executionSuccessful: boolean; toolExecutionNotifications: unknown[] }[];
    }[];
  };

  it('has the fields GitHub code scanning reads', () => {
    const run = sarif.runs[0];
    expect(sarif.version).toBe('2.1.0');
    expect(run.tool.driver.rules[0].properties).toMatchObject({ tags: ['security', 'correctness'], 'security-severity': '7.5' });
    expect(run.results[0]).toMatchObject({ ruleId: 'assume/no-ack-before-durable-write', ruleIndex: 0, level: 'error' });
    expect(run.results[1].level).toBe('warning');
    expect(run.results[0].locations[0].physicalLocation).toMatchObject({ artifactLocation: { uri: 'src/orders.controller.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 12 } });
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe('file:///repo/');
    expect(run.automationDetails.id).toBe('assume/check/');
    expect(run.results[0].codeFlows).toHaveLength(1);
    expect(run.results[1].codeFlows).toBeUndefined();
    expect(run.invocations[0]).toMatchObject({ executionSuccessful: false });
    expect(run.invocations[0].toolExecutionNotifications).toHaveLength(1);
  });

  it('writes an empty results array on a clean run', () => {
    const clean = JSON.parse(formatSarif({ ...report, findings: [], incomplete: [] })) as { runs: { results: unknown[] }[] };
    expect(clean.runs[0].results).toEqual([]);
  });

  it('matches the golden file', async () => {
    await expect(formatSarif(report)).toMatchFileSnapshot('./__snapshots__/report.sarif');
  });

  it("passes Microsoft's SARIF validator with GitHub's rules", () => {
    const require = createRequire(import.meta.url);
    const bin = require('@microsoft/sarif-multitool') as string;
    try {
      accessSync(bin, constants.X_OK);
    } catch {
      chmodSync(bin, 0o755); // npm may skip the package's own chmod when install scripts are off
    }
    const dir = mkdtempSync(join(tmpdir(), 'assume-sarif-'));
    const input = join(dir, 'out.sarif');
    const output = join(dir, 'validation.sarif');
    writeFileSync(input, formatSarif(report));
    execFileSync(bin, ['validate', '--rule-kind', 'Gh;Sarif', '--log', 'ForceOverwrite', '-o', output, input], { stdio: 'pipe', timeout: 120_000 });
    const validation = JSON.parse(readFileSync(output, 'utf8')) as { runs: { results?: { level?: string; ruleId: string; message: { arguments?: string[] } }[] }[] };
    const errors = (validation.runs[0].results ?? []).filter((r) => r.level === undefined || r.level === 'error');
    expect(errors.map((e) => `${e.ruleId}: ${(e.message.arguments ?? []).join(' ')}`)).toEqual([]);
  }, 120_000);
});

describe('github', () => {
  it('annotates with escaped properties and messages, changed lines first', () => {
    const out = formatGithub(report, (file) => file === 'src/worker.ts');
    const lines = out.stdout.trim().split('\n');
    expect(lines[0]).toBe('::warning file=src/worker.ts,line=3,endLine=12,col=5,title=assume/no-ack-before-durable-write::Acked before insert: 50%25 done, "quoted", a|b');
    expect(lines[1]).toMatch(/^::error file=src\/orders.controller.ts,line=12,/);
    expect(lines[2]).toBe('::warning file=src/huge.ts,title=assume (not analyzed)::larger than maxFileBytes (2000000 > 1048576 bytes)');
    expect(out.summary).toContain('| src/worker.ts | 3 | assume/no-ack-before-durable-write | Acked before insert: 50% done, "quoted", a\\|b |');
  });

  it("caps annotations at GitHub's limit with an overflow notice", () => {
    const many = Array.from({ length: GITHUB_ANNOTATION_LIMIT + 5 }, (_, i) => finding({ line: i + 1 }));
    const out = formatGithub({ ...report, findings: many, incomplete: [] });
    const lines = out.stdout.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('::error'))).toHaveLength(GITHUB_ANNOTATION_LIMIT);
    expect(lines.at(-1)).toMatch(/^::notice title=assume::5 more finding/);
  });
});

