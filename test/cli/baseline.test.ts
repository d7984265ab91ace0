/**
 * Baselines (`assume check --baseline-write`, `--baseline-prune`): finding identities that survive
 * reformatting and moves, multiset matching, the file's format, and the built binary end to end.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, chmodSync, constants, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../analyzer/api.js';
import { normalizedCode } from '../../analyzer/identity.js';
import { entriesOf, formatBaseline, inScopeOf, matchBaseline, parseBaseline, pruneEntries, readBaseline, writeBaseline, type BaselineEntry, type BaselineFinding } from '../../cli/baseline.js';
import { ConfigError } from '../../cli/errors.js';
import { formatSarif } from '../../cli/reporters/sarif.js';
import type { Report } from '../../cli/reporters/types.js';
import { cleanup, project as makeProject, runCli, tempDir } from './helpers.js';

const project = (files: Record<string, string>): string => makeProject(files, 'assume-baseline-');

afterAll(cleanup);

const HEAD = `import express from 'express';
import pg from 'pg';
const pool = new pg.Pool();
export const app = express();
`;
/** Acknowledges before the write: one no-ack-before-durable-write finding. */
const ORDERS = `app.post('/orders', async (req, res) => {
  res.status(201).json({ ok: true });
  await pool.query('INSERT INTO orders(id) VALUES ($1)', [req.body.id]);
});
`;
const ORDERS_REFORMATTED = `app.post("/orders", async (req, res) => {
    // acknowledged first (known, baselined)
    res.status(201).json({ ok: true, });
    await pool.query(
      "INSERT INTO orders(id) VALUES ($1)",
      [req.body.id],
    )
})
`;
const ORDERS_FIXED = `app.post('/orders', async (req, res) => {
  await pool.query('INSERT INTO orders(id) VALUES ($1)', [req.body.id]);
  res.status(201).json({ ok: true });
});
`;
const REFUNDS = `app.post('/refunds', async (req, res) => {
  res.status(202).json({ ok: true });
  await pool.query('INSERT INTO refunds(id) VALUES ($1)', [req.body.id]);
});
`;
const HELPER = `export function helper(a: number) {
  return a + 1;
}
`;


function write(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
}

/** The identities of the analyzer's findings for one file's text. */
function identities(text: string): string[] {
  const dir = project({ 'src/app.ts': text });
  return analyze({ cwd: dir }).findings.map((f) => {
    expect(f.identity).toMatch(/^[0-9a-f]{32}$/);
    return f.identity ?? '';
  });
}

describe('finding identity (analyzer/identity.ts)', () => {
  it('normalizes white space, comments, quotes, semicolons and trailing commas away, and nothing else', () => {
    const code = (text: string) => normalizedCode(text, [0, text.length]);
    expect(code("f( 'a' ,\n  b, ); // done")).toBe(code('f("a", b)'));
    expect(code('/* c */ x = 1;')).toBe(code('x = 1'));
    expect(code('f(a, b)')).not.toBe(code('f(b, a)'));
    expect(code('a + b')).not.toBe(code('a - b'));
    // A regular expression holding `//` is not a comment, and its spaces are part of it.
    expect(code('x = /\\/\\/ a/; y()')).not.toBe(code('x = /\\/\\/ a/;'));
    expect(code('x = /a b/')).not.toBe(code('x = /a  b/'));
    // Template literals: text is kept as written, substitutions (with nested braces) are tokens.
    expect(code('t = `a ${ {k: 1}.k } b`')).toBe(code('t = `a ${{ k: 1 }.k} b`'));
    expect(code('t = `a ${x} b`')).not.toBe(code('t = `a ${x}  b`'));
  });

  it('survives reformatting, moves within the file and edits of unrelated code', () => {
    const [base] = identities(HEAD + ORDERS);
    expect(base).toBeDefined();
    expect(identities(HEAD + ORDERS_REFORMATTED)).toEqual([base]);
    // Moved below new code, with a helper inserted above it.
    expect(identities(HEAD + HELPER + ORDERS_FIXED.replace('/orders', '/other') + ORDERS)).toEqual([base]);
    // Unrelated code renamed.
    expect(identities(HEAD + HELPER.replace('helper', 'renamedHelper') + ORDERS)).toEqual([base]);
  });

  it('changes when the finding or its enclosing function changes', () => {
    const [base] = identities(HEAD + ORDERS);
    expect(identities(HEAD + ORDERS.replace('201', '200'))).not.toEqual([base]);
    expect(identities(HEAD + ORDERS.replace('orders(id)', 'orders(order_id)'))).not.toEqual([base]);
    // The same code in two places has the same identity: the baseline tells them apart by count (multiset).
    const twice = identities(HEAD + ORDERS + ORDERS);
    expect(twice).toEqual([base, base]);
  });
});

const f = (over: Partial<BaselineFinding>): BaselineFinding => ({ ruleId: 'assume/no-unbounded-parse', file: 'src/a.ts', message: 'unbounded', line: 5, identity: 'i1', ...over });

describe('matchBaseline', () => {
  it('matches by rule, file and identity, not by line; a second identical finding is new', () => {
    const entries = entriesOf([f({})]);
    const moved = matchBaseline([f({ line: 50 })], entries);
    expect(moved.fresh).toEqual([]);
    expect(moved.unchanged).toHaveLength(1);
    expect(moved.fixed).toEqual([]);
    const twice = matchBaseline([f({ line: 5 }), f({ line: 9 })], entries);
    expect(twice.fresh.map((x) => x.line)).toEqual([9]);
    expect(twice.unchanged.map((x) => x.line)).toEqual([5]);
    for (const other of [f({ identity: 'i2' }), f({ file: 'src/b.ts' }), f({ ruleId: 'assume/no-unhandled-timeout' })]) {
      expect(matchBaseline([other], entries).fresh).toHaveLength(1);
    }
  });

  it('reports entries whose finding is gone as fixed, the farthest of identical ones first, and prune drops only them', () => {
    const entries = entriesOf([f({ line: 5 }), f({ line: 40 }), f({ identity: 'i9', line: 7 })]);
    const result = matchBaseline([f({ line: 38 })], entries);
    expect(result.fixed.map((e) => [e.identity, e.line])).toEqual([
      ['i1', 5],
      ['i9', 7],
    ]);
    const kept = pruneEntries(entries, result.fixed);
    expect(kept.map((e) => [e.identity, e.line])).toEqual([['i1', 40]]);
    expect(matchBaseline([f({ line: 38 })], kept)).toMatchObject({ fresh: [], fixed: [] });
  });

  it('register findings are identified by rule, file and message', () => {
    const register = { ruleId: 'register/unchecked', file: 'docs/assumptions/A-x.md', message: 'A-x is active but nothing checks it', line: 2 };
    const entries = entriesOf([register]);
    expect(matchBaseline([{ ...register, line: 9 }], entries).fresh).toEqual([]);
    expect(matchBaseline([{ ...register, message: 'A-y is active but nothing checks it' }], entries).fresh).toHaveLength(1);
  });

  it('counts an entry as fixed only when the run looked at its file', () => {
    const code: BaselineEntry = { ruleId: 'assume/no-unbounded-parse', file: 'src/a.ts', identity: 'i', message: 'm', line: 1 };
    const register: BaselineEntry = { ruleId: 'register/unchecked', file: 'docs/assumptions/A-x.md', identity: 'j', message: 'm', line: 1 };
    const full = inScopeOf({ paths: [], partialCode: false, code: true, analyzedFiles: [], incomplete: [] });
    expect([full(code), full(register)]).toEqual([true, true]);
    const staged = inScopeOf({ paths: [], partialCode: true, code: true, analyzedFiles: ['src/b.ts'], incomplete: [] });
    expect([staged(code), staged(register), staged({ ...code, file: 'src/b.ts' })]).toEqual([false, true, true]);
    const somePaths = inScopeOf({ paths: ['src'], partialCode: false, code: true, analyzedFiles: ['src/a.ts'], incomplete: [] });
    expect([somePaths(code), somePaths(register)]).toEqual([true, false]);
    const skipped = inScopeOf({ paths: [], partialCode: false, code: true, analyzedFiles: [], incomplete: ['src/a.ts'] });
    expect(skipped(code)).toBe(false);
    const noCode = inScopeOf({ paths: [], partialCode: false, code: false, analyzedFiles: [], incomplete: [] });
    expect([noCode(code), noCode(register)]).toEqual([false, true]);
  });
});

describe('the baseline file', () => {
  it('is versioned JSON, sorted, with a newline at the end, whatever the order of the findings', () => {
    const findings = [f({ file: 'src/b.ts', line: 1 }), f({ line: 9, identity: 'z' }), f({ line: 2 })];
    const text = formatBaseline(entriesOf(findings));
    expect(text).toBe(formatBaseline(entriesOf([...findings].reverse())));
    expect(text.endsWith('}\n')).toBe(true);
    const parsed = parseBaseline(text, 'b.json');
    expect(parsed.version).toBe(1);
    expect(parsed.tool).toBe('assume-lint');
    expect(parsed.entries.map((e) => `${e.file}:${e.line}`)).toEqual(['src/a.ts:2', 'src/a.ts:9', 'src/b.ts:1']);
    expect(Object.keys(parsed.entries[0])).toEqual(['ruleId', 'file', 'identity', 'message', 'line']);
  });

  it('a corrupt, foreign or malformed file is a ConfigError naming the file', () => {
    const bad = ['not json', '[]', '{"version":2,"tool":"assume-lint","entries":[]}', '{"version":1,"tool":"eslint","entries":[]}', '{"version":1,"tool":"assume-lint"}', '{"version":1,"tool":"assume-lint","entries":[{"ruleId":"r","file":"f","identity":"i","message":"m"}]}', '{"version":1,"tool":"assume-lint","entries":[{"ruleId":"r","file":"f","identity":"i","message":"m","line":1,"extra":true}]}'];
    for (const text of bad) {
      expect(() => parseBaseline(text, '.assume/baseline.json'), text).toThrow(ConfigError);
      expect(() => parseBaseline(text, '.assume/baseline.json'), text).toThrow('.assume/baseline.json');
    }
  });

  it('is written atomically once; writing the same entries again changes nothing, not even the mtime', () => {
    const dir = tempDir();
    expect(readBaseline(dir, '.assume/baseline.json')).toBeUndefined();
    const entries = entriesOf([f({})]);
    expect(writeBaseline(dir, '.assume/baseline.json', entries)).toBe('written');
    const file = join(dir, '.assume/baseline.json');
    const before = statSync(file).mtimeMs;
    expect(writeBaseline(dir, '.assume/baseline.json', entries)).toBe('unchanged');
    expect(statSync(file).mtimeMs).toBe(before);
    expect(readBaseline(dir, '.assume/baseline.json')?.entries).toEqual(entries);
  });
});

describe('SARIF with a baseline', () => {
  const finding = { ruleId: 'no-unbounded-parse', messageId: 'm', message: 'Unbounded.', severity: 'error' as const, file: 'src/a.ts', line: 3, column: 1, endLine: 3, endColumn: 9, snippet: 'JSON.parse(body)', path: [] };
  const report: Report = {
    tool: { name: 'assume', version: '0.1.0', informationUri: 'https://github.com/assume-lint/assume-lint' },
    root: '/repo',
    rules: [{ id: 'assume/no-unbounded-parse', shortDescription: 'Unbounded parse.', fullDescription: 'Unbounded parse of hostile input.', helpUri: 'https://github.com/assume-lint/assume-lint/blob/main/docs/rules/no-unbounded-parse.md', defaultLevel: 'error', tags: ['security'], securitySeverity: '7.5' }],
    findings: [finding, { ...finding, line: 9, endLine: 9 }],
    incomplete: [],
    stats: { files: 1, analyzed: 1, durationMs: 1 },
    baseline: { file: '.assume/baseline.json', states: ['unchanged', 'new'], fixed: 0 },
  };

  it("sets baselineState on every result and passes Microsoft's SARIF validator", () => {
    const text = formatSarif(report);
    const results = (JSON.parse(text) as { runs: { results: { baselineState?: string }[] }[] }).runs[0].results;
    expect(results.map((r) => r.baselineState)).toEqual(['unchanged', 'new']);
    const bin = createRequire(import.meta.url)('@microsoft/sarif-multitool') as string;
    try {
      accessSync(bin, constants.X_OK);
    } catch {
      chmodSync(bin, 0o755); // npm may skip the package's own chmod when install scripts are off
    }
    const dir = tempDir();
    writeFileSync(join(dir, 'out.sarif'), text);
    execFileSync(bin, ['validate', '--rule-kind', 'Gh;Sarif', '--log', 'ForceOverwrite', '-o', join(dir, 'validation.sarif'), join(dir, 'out.sarif')], { stdio: 'pipe', timeout: 120_000 });
    const validation = JSON.parse(readFileSync(join(dir, 'validation.sarif'), 'utf8')) as { runs: { results?: { level?: string; ruleId: string }[] }[] };
    expect((validation.runs[0].results ?? []).filter((r) => r.level === undefined || r.level === 'error').map((r) => r.ruleId)).toEqual([]);
  }, 120_000);
});

interface JsonReport {
  findings: { ruleId: string; line: number; baseline?: string }[];
  baseline?: { file: string; fixed: { line: number }[] };
  summary: { errors: number; baselined?: number; fixed?: number };
}

// Each run spawns the binary and analyzes a project: seconds each on a busy machine.
describe('assume check with a baseline (built binary)', { timeout: 240_000 }, () => {
  it('write, a new finding fails alone, moves and reformatting pass, a fix is reported and pruned', () => {
    const dir = project({ 'src/app.ts': HEAD + ORDERS, 'src/other.ts': HEAD + REFUNDS });
    expect(runCli(['check'], dir).status).toBe(1);

    const written = runCli(['check', '--baseline-write'], dir);
    expect(written.status).toBe(0);
    expect(written.stdout).toBe('Wrote 2 entries to the baseline .assume/baseline.json.\n');
    const text = readFileSync(join(dir, '.assume/baseline.json'), 'utf8');
    const baseline = parseBaseline(text, 'baseline');
    expect(baseline.entries.map((e) => [e.ruleId, e.file, e.line])).toEqual([
      ['assume/no-ack-before-durable-write', 'src/app.ts', 6],
      ['assume/no-ack-before-durable-write', 'src/other.ts', 6],
    ]);
    // Writing again: byte-identical, not even rewritten.
    const mtime = statSync(join(dir, '.assume/baseline.json')).mtimeMs;
    const again = runCli(['check', '--baseline-write'], dir);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('up to date (2 entries)');
    expect(readFileSync(join(dir, '.assume/baseline.json'), 'utf8')).toBe(text);
    expect(statSync(join(dir, '.assume/baseline.json')).mtimeMs).toBe(mtime);

    // The default baseline is used when present.
    const clean = runCli(['check'], dir);
    expect(clean.status).toBe(0);
    expect(clean.stdout).toBe('No new problems found.\n2 baselined (.assume/baseline.json)\n');

    // A new finding (a second copy of a baselined handler is new too) fails, and only it is reported.
    write(dir, { 'src/app.ts': HEAD + ORDERS + ORDERS });
    const fresh = runCli(['check'], dir);
    expect(fresh.status).toBe(1);
    expect(fresh.stdout.match(/no-ack-before-durable-write/g)).toHaveLength(1);
    expect(fresh.stdout).toMatch(/src\/app\.ts\n {2}10:3 +error/);
    expect(fresh.stdout).toContain('1 problem (1 error, 0 warnings)\n2 baselined (.assume/baseline.json)');
    const json = JSON.parse(runCli(['check', '--format', 'json'], dir).stdout) as JsonReport;
    expect(json.findings.map((x) => [x.line, x.baseline])).toEqual([
      [6, 'unchanged'],
      [10, 'new'],
      [6, 'unchanged'],
    ]);
    expect(json.summary).toMatchObject({ errors: 1, baselined: 2, fixed: 0 });
    expect(runCli(['check', '--no-baseline'], dir).status).toBe(1);
    expect(runCli(['check', '--no-baseline', '--format', 'json'], dir).stdout).not.toContain('"baseline"');

    // Moved (code above it) and reformatted: still baselined.
    write(dir, { 'src/app.ts': HEAD + HELPER + ORDERS_REFORMATTED });
    const moved = runCli(['check'], dir);
    expect(moved.stdout).toBe('No new problems found.\n2 baselined (.assume/baseline.json)\n');
    expect(moved.status).toBe(0);

    // One fixed: reported, exit 0; --baseline-prune drops it and only it.
    write(dir, { 'src/other.ts': HEAD + REFUNDS.replace("  res.status(202).json({ ok: true });\n", '').replace('[req.body.id]);\n', '[req.body.id]);\n  res.status(202).json({ ok: true });\n') });
    const fixed = runCli(['check'], dir);
    expect(fixed.status).toBe(0);
    expect(fixed.stdout).toContain('1 baselined, 1 fixed: run --baseline-prune (.assume/baseline.json)');
    expect(fixed.stdout).toContain('fixed  src/other.ts:6  assume/no-ack-before-durable-write');
    expect((JSON.parse(runCli(['check', '--format', 'json'], dir).stdout) as JsonReport).baseline?.fixed.map((e) => e.line)).toEqual([6]);
    const pruned = runCli(['check', '--baseline-prune'], dir);
    expect(pruned.status).toBe(0);
    expect(pruned.stderr).toContain('pruned 1 fixed entry from the baseline .assume/baseline.json (1 left)');
    expect(parseBaseline(readFileSync(join(dir, '.assume/baseline.json'), 'utf8'), 'b').entries.map((e) => e.file)).toEqual(['src/app.ts']);
    const prunedAgain = runCli(['check', '--baseline-prune'], dir);
    expect(prunedAgain.status).toBe(0);
    expect(prunedAgain.stderr).toContain('no fixed entries; nothing written');
    expect(runCli(['check'], dir).stdout).toBe('No new problems found.\n1 baselined (.assume/baseline.json)\n');
  });

  it('SARIF marks each result new or unchanged; GitHub annotates only new findings', () => {
    const dir = project({ 'src/app.ts': HEAD + ORDERS });
    expect(runCli(['check', '--baseline-write'], dir).status).toBe(0);
    write(dir, { 'src/app.ts': HEAD + ORDERS + REFUNDS });
    const sarifRun = runCli(['check', '--format', 'sarif'], dir);
    expect(sarifRun.status).toBe(1);
    const sarif = JSON.parse(sarifRun.stdout) as { runs: { results: { baselineState?: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
    expect(sarif.runs[0].results.map((r) => [r.locations[0].physicalLocation.region.startLine, r.baselineState])).toEqual([
      [6, 'unchanged'],
      [10, 'new'],
    ]);
    const github = runCli(['check', '--format', 'github'], dir);
    expect(github.stdout.trim().split('\n')).toHaveLength(1);
    expect(github.stdout).toMatch(/^::error file=src\/app\.ts,line=10,/);
    // Without a baseline the SARIF is as before: no baselineState.
    expect(runCli(['check', '--format', 'sarif', '--no-baseline'], dir).stdout).not.toContain('baselineState');
  });

  it('a corrupt or foreign baseline is a config error naming the file (exit 2), never ignored', () => {
    const dir = project({ 'src/app.ts': HEAD + ORDERS, '.assume/baseline.json': '{ "version": 1, "tool": "assume-lint", "entries": [' });
    const corrupt = runCli(['check'], dir);
    expect(corrupt.status).toBe(2);
    expect(corrupt.stderr).toMatch(/^assume: config error: The baseline \.assume\/baseline\.json is not valid JSON/);
    expect(corrupt.stdout).toBe('');
    write(dir, { '.assume/baseline.json': '{ "version": 7, "tool": "assume-lint", "entries": [] }\n' });
    const foreign = runCli(['check', '--format', 'sarif'], dir);
    expect(foreign.status).toBe(2);
    expect(foreign.stderr).toContain('The baseline .assume/baseline.json has version 7');
    // --no-baseline does not read it; --baseline-write replaces it.
    expect(runCli(['check', '--no-baseline'], dir).status).toBe(1);
    expect(runCli(['check', '--baseline-write'], dir).status).toBe(0);
    expect(runCli(['check'], dir).status).toBe(0);
  });

  it('--baseline <file> and the config key "baseline" choose the file; a named file that is missing is exit 2', () => {
    const dir = project({ 'src/app.ts': HEAD + ORDERS });
    const missing = runCli(['check', '--baseline', 'ci/known.json'], dir);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--baseline ci/known.json: no such file');
    expect(runCli(['check', '--baseline-write', '--baseline', 'ci/known.json'], dir).status).toBe(0);
    expect(readFileSync(join(dir, 'ci/known.json'), 'utf8')).toContain('"assume/no-ack-before-durable-write"');
    expect(runCli(['check', '--baseline', 'ci/known.json'], dir).status).toBe(0);
    // Not the default file: without --baseline or the config key, the run fails.
    expect(runCli(['check'], dir).status).toBe(1);
    write(dir, { 'assume.config.json': JSON.stringify({ baseline: 'ci/known.json' }) });
    expect(runCli(['check'], dir).status).toBe(0);
    write(dir, { 'assume.config.json': JSON.stringify({ baseline: 'ci/gone.json' }) });
    const gone = runCli(['check'], dir);
    expect(gone.status).toBe(2);
    expect(gone.stderr).toContain('assume.config.json: "baseline" names ci/gone.json, which does not exist');
    write(dir, { 'assume.config.json': JSON.stringify({ baseline: 3 }) });
    expect(runCli(['check'], dir).stderr).toContain('"baseline" must be of type string');
  });

  it('refuses combinations that would record or prune from a partial run', () => {
    const dir = project({ 'src/app.ts': HEAD + ORDERS });
    for (const args of [
      ['--baseline-write', 'src'],
      ['--baseline-write', '--staged'],
      ['--baseline-prune', '--changed', 'main'],
      ['--baseline-write', '--no-code'],
      ['--baseline-write', '--baseline-prune'],
      ['--baseline-write', '--no-baseline'],
      ['--baseline-write', '--format', 'json'],
      ['--baseline-prune'],
    ]) {
      const r = runCli(['check', ...args], dir);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(/^assume: usage error: /);
    }
    expect(runCli(['check', '--baseline-prune'], dir).stderr).toContain('no baseline at .assume/baseline.json to prune');
  });

  it('a run over some paths reports nothing fixed for the files it did not look at', () => {
    const dir = project({ 'src/app.ts': HEAD + ORDERS, 'lib/other.ts': HEAD + REFUNDS });
    expect(runCli(['check', '--baseline-write'], dir).status).toBe(0);
    const some = runCli(['check', 'src'], dir);
    expect(some.status).toBe(0);
    expect(some.stdout).toBe('No new problems found.\n1 baselined (.assume/baseline.json)\n');
  });
});
