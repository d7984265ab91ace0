import type { AnalyzedFinding, IncompleteFile } from '../../analyzer/analyze.js';

/** What a rule looks like to a reporter (from the rule's meta). */
export interface ReportedRule {
  /** Full id as users see it: `assume/no-unbounded-parse`. */
  id: string;
  shortDescription: string;
  fullDescription: string;
  helpUri: string;
  /** Level the rule runs at by default. */
  defaultLevel: 'error' | 'warning' | 'note';
  tags: readonly string[];
  /** GitHub code scanning's 0.0-10.0 severity score. */
  securitySeverity: string;
}

/** The input of every reporter: plain data, normalized and sorted. */
export interface Report {
  tool: { name: string; version: string; informationUri: string };
  /** Absolute POSIX path of the directory findings are relative to. */
  root: string;
  rules: readonly ReportedRule[];
  findings: readonly AnalyzedFinding[];
  incomplete: readonly IncompleteFile[];
  stats: { files: number; analyzed: number; durationMs: number };
  /**
   * Set when a baseline is in use: per finding (same index), `new` (fails the run) or `unchanged` (recorded
   * in the baseline); and how many baseline entries are fixed.
   */
  baseline?: { file: string; states: readonly BaselineState[]; fixed: number };
}

/** SARIF's `baselineState` values this tool reports. */
export type BaselineState = 'new' | 'unchanged';

/** Finding rule id with the plugin prefix. */
export function qualifiedRuleId(ruleId: string): string {
  return ruleId.includes('/') ? ruleId : `assume/${ruleId}`;
}
