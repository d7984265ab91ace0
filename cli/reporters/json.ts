import { fingerprints } from './fingerprint.js';
import { qualifiedRuleId, type Report } from './types.js';

/** Version of the JSON report's shape (docs/cli.md documents it); bumped on any breaking change. */
export const JSON_REPORT_VERSION = 1;

/** A versioned, stable-ordered JSON report. */
export function formatJson(report: Report): string {
  const prints = fingerprints(report.findings);
  return `${JSON.stringify(
    {
      version: JSON_REPORT_VERSION,
      tool: { name: report.tool.name, version: report.tool.version },
      summary: { findings: report.findings.length, files: report.stats.files, analyzed: report.stats.analyzed, incomplete: report.incomplete.length, durationMs: report.stats.durationMs },
      findings: report.findings.map((f, i) => ({
        ruleId: qualifiedRuleId(f.ruleId),
        messageId: f.messageId,
        severity: f.severity,
        file: f.file,
        line: f.line,
        column: f.column,
        endLine: f.endLine,
        endColumn: f.endColumn,
        message: f.message,
        fingerprint: prints[i],
        path: f.path,
      })),
      incomplete: report.incomplete,
    },
    null,
    2,
  )}\n`;
}
