import { createHash } from 'node:crypto';
import { fingerprints } from './fingerprint.js';
import { qualifiedRuleId, type Report } from './types.js';

/** GitLab's Code Quality severities, mildest first. */
export type GitlabSeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

/** One issue of a GitLab Code Quality report (the subset of the Code Climate spec GitLab reads). */
export interface GitlabIssue {
  description: string;
  check_name: string;
  /** Unique within the report; the same finding keeps it when lines shift, so merge requests diff by it. */
  fingerprint: string;
  severity: GitlabSeverity;
  location: { path: string; lines: { begin: number } };
}

/**
 * GitLab Code Quality report (`artifacts: reports: codequality:`): a JSON array of issues. Every finding is
 * listed, baselined ones included (GitLab compares the merge request's report with the target branch's by
 * fingerprint). Errors are `major` (`critical` for a rule whose security severity is 7.0 or more), warnings
 * `minor`. A file that could not be analyzed is an `info` issue, so an incomplete run never looks clean.
 */
export function formatGitlab(report: Report): string {
  const prints = fingerprints(report.findings);
  const securityOf = new Map(report.rules.map((r) => [r.id, Number(r.securitySeverity)]));
  const issues: GitlabIssue[] = report.findings.map((f, i) => {
    const checkName = qualifiedRuleId(f.ruleId);
    const severity: GitlabSeverity = f.severity === 'warn' ? 'minor' : (securityOf.get(checkName) ?? 0) >= 7 ? 'critical' : 'major';
    return { description: f.message, check_name: checkName, fingerprint: prints[i], severity, location: { path: f.file, lines: { begin: Math.max(1, f.line) } } };
  });
  for (const skipped of report.incomplete) {
    issues.push({
      description: `Not analyzed: ${skipped.reason}`,
      check_name: 'assume/incomplete',
      fingerprint: createHash('sha256').update(`assume/incomplete\0${skipped.file}`).digest('hex').slice(0, 32),
      severity: 'info',
      location: { path: skipped.file, lines: { begin: 1 } },
    });
  }
  return `${JSON.stringify(issues, null, 2)}\n`;
}
