import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe("the programmatic API ('assume-lint/api')", () => {
  it('resolves through the package exports and analyzes a project', async () => {
    // The package name resolves to the build (npm test builds first): the API users import.
    const api = await import('assume-lint/api');
    const dir = mkdtempSync(join(tmpdir(), 'assume-api-'));
    mkdirSync(join(dir, 'src'));
    writeFileSync(
      join(dir, 'src/worker.js'),
      `import amqp from 'amqplib';\nimport pg from 'pg';\nconst pool = new pg.Pool();\nexport async function start() {\n  const ch = await (await amqp.connect('amqp://x')).createChannel();\n  await ch.consume('q', async (msg) => {\n    ch.ack(msg);\n    await pool.query('INSERT INTO t(x) VALUES ($1)', [msg.content.toString()]);\n  });\n}\n`,
    );
    const result = api.analyze({ cwd: dir });
    expect(result.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([['no-ack-before-durable-write', 'src/worker.js', 7]]);
    expect(result.incomplete).toEqual([]);
    expect(result.stats).toMatchObject({ files: 1, analyzed: 1 });

    const off = api.analyze({ cwd: dir, config: { rules: { 'no-ack-before-durable-write': 'off' } } });
    expect(off.findings).toEqual([]);
    expect(() => api.analyze({ cwd: dir, ruleLevels: { 'no-such-rule': 'error' } })).toThrow(/unknown rule "no-such-rule"/);
    expect(api.coreRuleIds().sort()).toEqual(['no-ack-before-durable-write', 'no-unbounded-parse', 'no-unhandled-timeout', 'no-wall-clock-at-boundary']);
  });
});
