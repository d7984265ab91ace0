/** `assume check --format` repeatable, each with its own `--output`, and `--format gitlab` (built binary). */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ACK_FIRST, cleanup, project, runCli } from './helpers.js';

afterAll(cleanup);


const orders = (): string => project({ 'src/app.ts': ACK_FIRST }, 'assume-formats-');

describe('assume check --format (repeatable)', { timeout: 180_000 }, () => {
  it('writes several reports in one run: the Nth --output takes the Nth --format, the last format may go to stdout', () => {
    const dir = orders();
    const r = runCli(['check', '--format', 'sarif', '--output', 'out/assume.sarif', '--format', 'gitlab', '--output', 'gl-code-quality-report.json', '--format', 'text'], dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('1 problem (1 error, 0 warnings)');
    const sarif = JSON.parse(readFileSync(join(dir, 'out/assume.sarif'), 'utf8')) as { version: string; runs: { results: { ruleId: string }[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.map((x) => x.ruleId)).toEqual(['assume/no-ack-before-durable-write']);
    const gitlab = JSON.parse(readFileSync(join(dir, 'gl-code-quality-report.json'), 'utf8')) as { check_name: string; location: { path: string; lines: { begin: number } } }[];
    expect(gitlab.map((i) => [i.check_name, i.location.path, i.location.lines.begin])).toEqual([['assume/no-ack-before-durable-write', 'src/app.ts', 6]]);

    // Every format to a file: nothing on stdout. The order of a pair's flags does not matter.
    const files = runCli(['check', '-o', 'a.json', '-f', 'json', '-f', 'github', '-o', 'a.txt'], dir);
    expect(files.status).toBe(1);
    expect(files.stdout).toBe('');
    expect((JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8')) as { version: number }).version).toBe(1);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toMatch(/^::error file=src\/app\.ts,line=6,/);
  });

  it('one format and one output behave as before: --output alone writes the text report', () => {
    const dir = orders();
    const r = runCli(['check', '--output', 'report.txt'], dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(readFileSync(join(dir, 'report.txt'), 'utf8')).toContain('assume/no-ack-before-durable-write');
    const gl = runCli(['check', '--format', 'gitlab'], dir);
    expect(gl.status).toBe(1);
    expect((JSON.parse(gl.stdout) as unknown[]).length).toBe(1);
  });

  it('mismatched --format and --output are usage errors (exit 2) that write nothing', () => {
    const dir = orders();
    const cases: [string[], string][] = [
      [['-f', 'json', '-f', 'sarif'], '2 formats would go to stdout (json, sarif)'],
      [['-f', 'json', '-o', 'a.json', '-o', 'b.json'], '2 --output for 1 --format'],
      [['-f', 'text', '-f', 'sarif', '-o', 'x.sarif'], 'text -> x.sarif, sarif -> stdout'],
      [['-f', 'json', '-o', 'same.json', '-f', 'sarif', '-o', 'same.json'], '--output same.json is given twice'],
    ];
    for (const [args, message] of cases) {
      const r = runCli(['check', ...args], dir);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(message);
      expect(r.stdout, args.join(' ')).toBe('');
    }
    const unknown = runCli(['check', '--format', 'xml'], dir);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Allowed choices are text, json, sarif, github, gitlab');
    for (const name of ['a.json', 'b.json', 'x.sarif', 'same.json']) expect(existsSync(join(dir, name)), name).toBe(false);
  });
});
