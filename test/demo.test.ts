import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The demo service (fixtures/demo-service) holds exactly one instance of each bug the four rules
 * catch, each next to its fixed twin. Linting it with its own config (which loads the built
 * plugin, `assume-lint` -> dist/, so run `npm run build` first) must report those four and nothing else.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const demoDir = path.join(root, 'fixtures', 'demo-service');

interface Finding {
  file: string;
  line: number;
  ruleId: string | null;
}

async function lintDemo(): Promise<{ findings: Finding[]; errorCount: number }> {
  const eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(demoDir, 'eslint.config.js') });
  const results = await eslint.lintFiles([demoDir]);
  const findings = results
    .flatMap((r) =>
      r.messages.map((m) => ({
        file: path.relative(demoDir, r.filePath).split(path.sep).join('/'),
        line: m.line,
        ruleId: m.ruleId,
      })),
    )
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return { findings, errorCount: results.reduce((n, r) => n + r.errorCount, 0) };
}

describe('demo service', () => {
  it('reports exactly the four planted bugs, one per rule, and none of their twins', async () => {
    const { findings, errorCount } = await lintDemo();
    expect(findings).toEqual([
      { file: 'src/payments/psp-client.ts', line: 28, ruleId: 'assume/no-unhandled-timeout' },
      { file: 'src/server.ts', line: 83, ruleId: 'assume/no-unbounded-parse' },
      { file: 'src/worker/consumer.ts', line: 25, ruleId: 'assume/no-ack-before-durable-write' },
      { file: 'src/worker/relay-lease.ts', line: 17, ruleId: 'assume/no-wall-clock-at-boundary' },
    ]);
    // `npm run demo` exits 1 because the recommended config reports these as errors.
    expect(errorCount).toBe(4);
  });
});
