import { pathToFileURL } from 'node:url';
import { fingerprints } from './fingerprint.js';
import { qualifiedRuleId, type Report } from './types.js';

/** SARIF 2.1.0 for GitHub code scanning and other SARIF consumers. */
export function formatSarif(report: Report, automationId = 'assume/check'): string {
  const ruleIndex = new Map(report.rules.map((r, i) => [r.id, i]));
  const prints = fingerprints(report.findings);
  const root = pathToFileURL(report.root.endsWith('/') ? report.root : `${report.root}/`).href;
  const location = (file: string, line: number, column: number, endLine?: number, endColumn?: number) => ({
    physicalLocation: {
      artifactLocation: { uri: encodeURI(file), uriBaseId: '%SRCROOT%' },
      region: { startLine: line, startColumn: column, ...(endLine !== undefined ? { endLine, endColumn } : {}) },
    },
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: report.tool.informationUri,
            rules: report.rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/^assume\//, '').replace(/(^|[-/])([a-z])/g, (_m, _s: string, c: string) => c.toUpperCase()),
              shortDescription: { text: r.shortDescription },
              fullDescription: { text: r.fullDescription },
              helpUri: r.helpUri,
              help: { text: `${r.fullDescription} See ${r.helpUri}`, markdown: `${r.fullDescription} [Rule documentation](${r.helpUri})` },
              defaultConfiguration: { level: r.defaultLevel },
              properties: { tags: [...r.tags], precision: 'high', 'problem.severity': r.defaultLevel === 'note' ? 'recommendation' : r.defaultLevel, 'security-severity': r.securitySeverity },
            })),
          },
        },
        automationDetails: { id: automationId.endsWith('/') ? automationId : `${automationId}/` },
        originalUriBaseIds: { '%SRCROOT%': { uri: root } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: report.incomplete.length === 0,
            toolExecutionNotifications: report.incomplete.map((i) => ({
              level: 'warning',
              message: { text: `Not analyzed: ${i.file}: ${i.reason}` },
              locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(i.file), uriBaseId: '%SRCROOT%' } } }],
            })),
          },
        ],
        results: report.findings.map((f, i) => {
          const id = qualifiedRuleId(f.ruleId);
          const index = ruleIndex.get(id);
          return {
            ruleId: id,
            ...(index !== undefined ? { ruleIndex: index } : {}),
            level: f.severity === 'warn' ? 'warning' : 'error',
            message: { text: f.message },
            locations: [location(f.file, f.line, f.column, f.endLine, f.endColumn)],
            partialFingerprints: { 'assumeFinding/v1': prints[i] },
            ...(report.baseline ? { baselineState: report.baseline.states[i] } : {}),
            ...(f.path.length > 0
              ? {
                  codeFlows: [
                    {
                      threadFlows: [
                        {
                          locations: [...f.path, { file: f.file, line: f.line, column: f.column, note: 'finding' }].map((s) => ({
                            location: { ...location(s.file, s.line, s.column), message: { text: s.note } },
                          })),
                        },
                      ],
                    },
                  ],
                }
              : {}),
          };
        }),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
