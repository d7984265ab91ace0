import { qualifiedRuleId, type Report } from './types.js';

export interface TextOptions {
  color: boolean;
}

const codes = { red: 31, yellow: 33, dim: 2, bold: 1, underline: 4, cyan: 36 } as const;

/** ESLint-stylish text: grouped by file, each finding with the path its value took, and a summary line. */
export function formatText(report: Report, options: TextOptions): string {
  const paint = (code: keyof typeof codes, s: string) => (options.color ? `\u001b[${codes[code]}m${s}\u001b[0m` : s);
  const out: string[] = [];
  const byFile = new Map<string, Report['findings'][number][]>();
  for (const f of report.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  for (const [file, list] of byFile) {
    out.push('', paint('underline', file));
    for (const f of list) {
      const level = f.severity === 'warn' ? paint('yellow', 'warning') : paint('red', 'error');
      out.push(`  ${paint('dim', `${f.line}:${f.column}`.padEnd(7))} ${level}  ${f.message}  ${paint('dim', qualifiedRuleId(f.ruleId))}`);
      for (const step of f.path) out.push(`      ${paint('cyan', '->')} ${step.file}:${step.line}:${step.column} ${paint('dim', step.note)}`);
    }
  }
  if (report.incomplete.length > 0) {
    out.push('', paint('bold', 'Not analyzed (the result is incomplete):'));
    for (const i of report.incomplete) out.push(`  ${i.file}: ${i.reason}`);
  }
  const errors = report.findings.filter((f) => f.severity !== 'warn').length;
  const warnings = report.findings.length - errors;
  out.push('');
  if (report.findings.length === 0 && report.incomplete.length === 0) {
    out.push(`No findings in ${report.stats.files} file(s).`);
  } else {
    const summary = `${report.findings.length} problem(s) (${errors} error(s), ${warnings} warning(s)) in ${report.stats.files} file(s)${report.incomplete.length ? `; ${report.incomplete.length} file(s) not analyzed` : ''}`;
    out.push(paint(errors > 0 ? 'red' : 'yellow', paint('bold', summary)));
  }
  return `${out.join('\n').replace(/^\n/, '')}\n`;
}
