import { describe, expect, it } from 'vitest';
import type { AnalyzedFinding } from '../../analyzer/analyze.js';
import { finding } from './findings.js';
import { formatGitlab, type GitlabIssue } from '../../cli/reporters/gitlab.js';
import type { Report, ReportedRule } from '../../cli/reporters/types.js';


const rule = (id: string, securitySeverity: string): ReportedRule => ({ id, shortDescription: id, fullDescription: id, helpUri: 'https://example.test', defaultLevel: 'error', tags: ['security'], securitySeverity });

function reportOf(findings: AnalyzedFinding[], incomplete: Report['incomplete'] = []): Report {
  return {
    tool: { name: 'assume', version: '0.1.0', informationUri: 'https://github.com/assume-lint/assume-lint' },
    root: '/repo',
    rules: [rule('assume/no-ack-before-durable-write', '7.5'), rule('assume/no-wall-clock-at-boundary', '6.0'), rule('register/unchecked', '2.0')],
    findings,
    incomplete,
    stats: { files: 3, analyzed: 3, durationMs: 1 },
  };
}

const issuesOf = (report: Report): GitlabIssue[] => JSON.parse(formatGitlab(report)) as GitlabIssue[];

describe('gitlab (Code Quality report)', () => {
  it('is a JSON array of issues with exactly the fields GitLab reads, severities from its scale', () => {
    const text = formatGitlab(
      reportOf(
        [
          finding({}),
          finding({ ruleId: 'no-wall-clock-at-boundary', line: 3, snippet: 'lease.expiresAt = Date.now() + ttl;', message: 'Wall clock decides the lease.' }),
          finding({ ruleId: 'no-wall-clock-at-boundary', severity: 'warn', line: 30, snippet: 'const t = Date.now();' }),
          finding({ ruleId: 'register/unchecked', file: 'docs/assumptions/A-x.md', line: 2, snippet: 'A-x is active but nothing checks it' }),
        ],
        [{ file: 'src/huge.ts', reason: 'larger than maxFileBytes' }],
      ),
    );
    expect(text.endsWith(']\n')).toBe(true);
    const issues = JSON.parse(text) as unknown[];
    expect(Array.isArray(issues)).toBe(true);
    for (const issue of issues as GitlabIssue[]) {
      expect(Object.keys(issue).sort()).toEqual(['check_name', 'description', 'fingerprint', 'location', 'severity']);
      expect(Object.keys(issue.location).sort()).toEqual(['lines', 'path']);
      expect(Object.keys(issue.location.lines)).toEqual(['begin']);
      expect(Number.isInteger(issue.location.lines.begin) && issue.location.lines.begin >= 1).toBe(true);
      expect(['info', 'minor', 'major', 'critical', 'blocker']).toContain(issue.severity);
      expect(issue.fingerprint).toMatch(/^[0-9a-f]{32}$/);
      expect(issue.description).not.toBe('');
      expect(issue.location.path).not.toMatch(/^(\/|\.\/)/);
    }
    expect((issues as GitlabIssue[]).map((i) => [i.check_name, i.location.path, i.location.lines.begin, i.severity])).toEqual([
      ['assume/no-ack-before-durable-write', 'src/orders.controller.ts', 12, 'critical'],
      ['assume/no-wall-clock-at-boundary', 'src/orders.controller.ts', 3, 'major'],
      ['assume/no-wall-clock-at-boundary', 'src/orders.controller.ts', 30, 'minor'],
      ['register/unchecked', 'docs/assumptions/A-x.md', 2, 'major'],
      // A file that was not analyzed is listed, so an incomplete run never looks clean.
      ['assume/incomplete', 'src/huge.ts', 1, 'info'],
    ]);
    // GitLab keeps one issue per fingerprint: they must be unique.
    const prints = (issues as GitlabIssue[]).map((i) => i.fingerprint);
    expect(new Set(prints).size).toBe(prints.length);
  });

  it('keeps fingerprints when lines shift, and tells identical findings apart', () => {
    const before = issuesOf(reportOf([finding({}), finding({ file: 'src/b.ts' })]));
    const shifted = issuesOf(reportOf([finding({ line: 40, endLine: 40 }), finding({ file: 'src/b.ts', line: 2 })]));
    expect(shifted.map((i) => i.fingerprint)).toEqual(before.map((i) => i.fingerprint));
    expect(shifted.map((i) => i.location.lines.begin)).toEqual([40, 2]);
    const twice = issuesOf(reportOf([finding({}), finding({ line: 20 })]));
    expect(twice[0].fingerprint).toBe(before[0].fingerprint);
    expect(twice[1].fingerprint).not.toBe(twice[0].fingerprint);
    // A different rule or message id on the same line is a different issue.
    expect(issuesOf(reportOf([finding({ messageId: 'other' })]))[0].fingerprint).not.toBe(before[0].fingerprint);
  });

  it('writes [] on a clean run', () => {
    expect(formatGitlab(reportOf([]))).toBe('[]\n');
  });
});
