/**
 * Hostile and odd input through both front ends: no crash, no hang; what cannot be analyzed is reported
 * incomplete, never silently skipped.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyzer/api.js';
import plugin from '../../index.js';

const ACK_FIRST = `import express from 'express';\nimport pg from 'pg';\nconst pool = new pg.Pool();\nconst app = express();\napp.post('/x', async (req, res) => {\n  res.json({ ok: true });\n  await pool.query('INSERT INTO t VALUES (1)');\n});\n`;

const odd: Record<string, string | Buffer> = {
  'deep-nesting.ts': `export const x = ${'['.repeat(10_000)}${']'.repeat(10_000)};\n`,
  'deep-calls.ts': `export const y = ${'f('.repeat(3_000)}1${')'.repeat(3_000)};\n`,
  'bom-crlf.ts': `\uFEFF${ACK_FIRST.replace(/\n/g, '\r\n')}`,
  'invalid-utf8.js': Buffer.concat([Buffer.from('export const s = "'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('";\n')]),
  'long-string.js': `export const s = '${'x'.repeat(200_000)}';\n`,
  'syntax.tsx': `import { Controller, Post } from '@nestjs/common';\n@Controller('x')\nexport class C {\n  @Post()\n  async *gen() { outer: for (;;) { yield 1; break outer; } }\n}\nexport const el = <div title="a">{1}</div>;\nexport async function u() { await using r = { async [Symbol.asyncDispose]() {} }; return r; }\n`,
  'broken.ts': 'export const = ;\n',
};

function project(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'assume-hostile-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('hostile input', () => {
  it('the analyzer finishes, reports what it could not analyze, and still finds the rest', () => {
    const dir = project({ ...odd, 'big.ts': `export const big = '${'y'.repeat(5 * 1024 * 1024)}';\n` });
    const started = Date.now();
    const result = analyze({ cwd: dir });
    expect(Date.now() - started).toBeLessThan(60_000);
    const skipped = Object.fromEntries(result.incomplete.map((i) => [i.file, i.reason]));
    expect(skipped['big.ts']).toMatch(/maxFileBytes/);
    expect(skipped['broken.ts']).toMatch(/could not be parsed/);
    // Every file is either analyzed or named with a reason.
    expect(result.stats.analyzed + result.incomplete.length).toBe(result.stats.files);
    expect(result.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`)).toEqual(['no-ack-before-durable-write bom-crlf.ts:6']);
  });

  it('a time budget that runs out reports the rest incomplete', () => {
    const dir = project({ 'a.ts': ACK_FIRST, 'b.ts': ACK_FIRST });
    const result = analyze({ cwd: dir, config: { timeBudgetMs: 1 } });
    expect(result.incomplete.length).toBeGreaterThan(0);
    expect(result.incomplete.every((i) => /time budget/.test(i.reason))).toBe(true);
  });

  it('the ESLint rules never throw on them', () => {
    const linter = new Linter({ configType: 'flat' });
    const config = [{ files: ['**/*.{ts,tsx,js}'], languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } }, ...plugin.configs.recommended }];
    for (const [name, text] of Object.entries(odd)) {
      const messages = linter.verify(String(text), config as Linter.Config[], name);
      // A parse error (fatal) is the parser's business; a rule crash would throw out of verify.
      expect(messages.filter((m) => !m.fatal && !m.ruleId?.startsWith('assume/')), name).toEqual([]);
    }
  });
});
