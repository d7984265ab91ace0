import { qualifiedRuleId, type Report } from './types.js';

/** GitHub shows at most this many annotations of one level per step. */
export const GITHUB_ANNOTATION_LIMIT = 10;

export interface GithubOutput {
  /** Workflow commands for stdout. */
  stdout: string;
  /** Markdown for `$GITHUB_STEP_SUMMARY`. */
  summary: string;
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * `::error file=,line=,col=,title=::` annotations, findings on changed lines first, capped at GitHub's
 * per-level limit with a notice for the rest, and a summary table.
 */
export function formatGithub(report: Report, changed?: (file: string, line: number) => boolean): GithubOutput {
  const ordered = [...report.findings].sort((a, b) => Number(changed?.(b.file, b.line) ?? false) - Number(changed?.(a.file, a.line) ?? false));
  const lines: string[] = [];
  const counts = { error: 0, warning: 0 };
  let overflow = 0;
  for (const f of ordered) {
    const level = f.severity === 'warn' ? 'warning' : 'error';
    if (counts[level] >= GITHUB_ANNOTATION_LIMIT) {
      overflow++;
      continue;
    }
    counts[level]++;
    const props = [`file=${escapeProperty(f.file)}`, `line=${f.line}`, `endLine=${f.endLine}`, `col=${f.column}`, `title=${escapeProperty(qualifiedRuleId(f.ruleId))}`];
    lines.push(`::${level} ${props.join(',')}::${escapeData(f.message)}`);
  }
  if (overflow > 0) lines.push(`::notice title=assume::${overflow} more finding(s) not annotated (GitHub shows ${GITHUB_ANNOTATION_LIMIT} per level); see the job summary or the SARIF report.`);
  for (const i of report.incomplete) lines.push(`::warning file=${escapeProperty(i.file)},title=assume (not analyzed)::${escapeData(i.reason)}`);
  const summary = [
    '## assume check',
    '',
    `${report.findings.length} finding(s) in ${report.stats.files} file(s)${report.incomplete.length ? `, ${report.incomplete.length} file(s) not analyzed` : ''}.`,
    '',
    ...(report.findings.length
      ? ['| File | Line | Rule | Message |', '| --- | --- | --- | --- |', ...report.findings.map((f) => `| ${f.file} | ${f.line} | ${qualifiedRuleId(f.ruleId)} | ${f.message.replace(/\|/g, '\\|')} |`)]
      : []),
    ...(report.incomplete.length ? ['', '### Not analyzed', '', ...report.incomplete.map((i) => `- ${i.file}: ${i.reason}`)] : []),
    '',
  ].join('\n');
  return { stdout: lines.length ? `${lines.join('\n')}\n` : '', summary };
}
