/** Turns the result of `assume check` into the reporters' input (SARIF, GitHub): plain data, sorted. */
import type { AnalyzedFinding } from '../analyzer/analyze.js';
import { registerRuleDescriptions, registerRuleIds } from '../register/types.js';
import type { CheckResult, ReportFinding } from './commands/check.js';
import type { Report, ReportedRule } from './reporters/types.js';

const REPO = 'https://github.com/assume-lint/assume-lint';

/** GitHub code scanning's severity score per core rule: how bad the incident it predicts usually is. */
const securitySeverity: Record<string, string> = {
  'no-ack-before-durable-write': '7.5',
  'no-unbounded-parse': '7.5',
  'no-unhandled-timeout': '6.5',
  'no-wall-clock-at-boundary': '6.0',
};

export interface CoreRuleInfo {
  id: string;
  description: string;
  url: string;
}

export function reportedRules(coreRules: readonly CoreRuleInfo[]): ReportedRule[] {
  const core = coreRules.map((r) => ({
    id: `assume/${r.id}`,
    shortDescription: r.description,
    fullDescription: `${r.description} (assume-lint core rule; the analyzer follows calls across files.)`,
    helpUri: r.url,
    defaultLevel: 'error' as const,
    tags: ['security', 'correctness', 'reliability'],
    securitySeverity: securitySeverity[r.id] ?? '5.0',
  }));
  const register = registerRuleIds.map((id) => ({
    id,
    shortDescription: registerRuleDescriptions[id],
    fullDescription: `${registerRuleDescriptions[id]} (assumption register check.)`,
    helpUri: `${REPO}/blob/main/docs/cli.md`,
    defaultLevel: 'warning' as const,
    tags: ['maintainability', 'assumptions'],
    securitySeverity: '2.0',
  }));
  return [...core, ...register];
}

export function reportOf(result: CheckResult, options: { root: string; version: string; rules: readonly ReportedRule[]; files: number; durationMs: number }): Report {
  // With a baseline, the baselined findings are reported too (marked `unchanged`), in the same order as the rest.
  const all = result.baseline
    ? [...result.findings.map((f) => ({ f, state: 'new' as const })), ...result.baseline.unchanged.map((f) => ({ f, state: 'unchanged' as const }))].sort((a, b) => compareFindings(a.f, b.f))
    : result.findings.map((f) => ({ f, state: 'new' as const }));
  const findings: AnalyzedFinding[] = all.map(({ f }) => ({
    ruleId: f.ruleId,
    messageId: f.messageId ?? f.ruleId,
    message: f.message,
    severity: f.severity === 'warning' ? 'warn' : 'error',
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine ?? f.line,
    endColumn: f.endColumn ?? f.column,
    snippet: f.snippet ?? f.message,
    ...(f.identity !== undefined ? { identity: f.identity } : {}),
    path: f.path ?? [],
  }));
  return {
    tool: { name: 'assume', version: options.version, informationUri: REPO },
    root: options.root,
    rules: options.rules,
    findings,
    incomplete: result.incomplete,
    stats: { files: options.files, analyzed: options.files - result.incomplete.length, durationMs: options.durationMs },
    ...(result.baseline ? { baseline: { file: result.baseline.file, states: all.map((a) => a.state), fixed: result.baseline.fixed.length } } : {}),
  };
}

/** The order of the reports: file, line, column, rule. */
function compareFindings(a: ReportFinding, b: ReportFinding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.column !== b.column) return a.column - b.column;
  return a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0;
}
