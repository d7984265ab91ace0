/** `assume check` over code: the built binary in temp projects, exit codes, reports, staged mode, cache. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ACK_AFTER, ACK_FIRST, cleanup, project, runCli, tempDir } from './helpers.js';

afterAll(cleanup);


/** A controller in one file, the un-awaited write in the service it calls: only the analyzer sees it. */
const CROSS_FILE = {
  'src/service.ts': `import pg from 'pg';\nconst pool = new pg.Pool();\nexport function place(id: string) {\n  pool.query('INSERT INTO orders(id) VALUES ($1)', [id]);\n}\n`,
  'src/routes.ts': `import express from 'express';\nimport { place } from './service.js';\nexport const app = express();\napp.post('/orders', async (req, res) => {\n  await place(req.body.id);\n  res.status(201).json({ ok: true });\n});\n`,
};


describe('assume check (code)', () => {
  it('exit 0 on clean code, 1 on findings, 3 when a file cannot be analyzed, 2 on a usage error', () => {
    const clean = project({ 'src/app.ts': ACK_AFTER });
    const ok = runCli(['check'], clean);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('No problems found.');

    const bad = project({ 'src/app.ts': ACK_FIRST });
    const found = runCli(['check'], bad);
    expect(found.status).toBe(1);
    expect(found.stdout).toMatch(/src\/app\.ts\n {2}6:3 +error .*assume\/no-ack-before-durable-write/);

    writeFileSync(join(clean, 'src/broken.ts'), 'export const = ;\n');
    const incomplete = runCli(['check'], clean);
    expect(incomplete.status).toBe(3);
    expect(incomplete.stdout).toContain('src/broken.ts: could not be parsed');

    expect(runCli(['check', '--rule', 'nope=error'], bad).status).toBe(2);
    expect(runCli(['check', '--rule', 'no-ack-before-durable-write=loud'], bad).status).toBe(2);
    expect(runCli(['check', '--rule', 'no-ack-before-durable-write=off'], bad).status).toBe(0);
    expect(runCli(['check', '--rule', 'no-ack-before-durable-write=warn'], bad).status).toBe(0);
    expect(runCli(['check', '--rule', 'no-ack-before-durable-write=warn', '--max-warnings', '0'], bad).status).toBe(1);
    expect(runCli(['check', '--rule', 'no-ack-before-durable-write=warn', '--fail-level', 'warn'], bad).status).toBe(1);
  });

  it('never reports an over-size file as clean', () => {
    const dir = project({ 'src/app.ts': ACK_AFTER, 'assume.config.json': JSON.stringify({ maxFileBytes: 100 }) });
    const result = runCli(['check', '--format', 'json'], dir);
    expect(result.status).toBe(3);
    const json = JSON.parse(result.stdout) as { incomplete: { file: string; reason: string }[] };
    expect(json.incomplete.map((i) => i.file)).toEqual(['src/app.ts']);
    expect(json.incomplete[0].reason).toMatch(/maxFileBytes/);
  });

  it('follows the call into another file and shows the path', () => {
    const dir = project(CROSS_FILE);
    const result = runCli(['check'], dir);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('src/routes.ts');
    expect(result.stdout).toContain('assume/no-ack-before-durable-write');
  });

  it('writes SARIF atomically to --output, and nothing to stdout', () => {
    const dir = project({ 'src/app.ts': ACK_FIRST });
    const result = runCli(['check', '--format', 'sarif', '--output', 'reports/assume.sarif'], dir);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const sarif = JSON.parse(readFileSync(join(dir, 'reports/assume.sarif'), 'utf8')) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[]; tool: { driver: { rules: { id: string }[] } } }[] };
    const run = sarif.runs[0];
    expect(run.results.map((r) => [r.ruleId, r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region.startLine])).toEqual([['assume/no-ack-before-durable-write', 'src/app.ts', 6]]);
    expect(run.tool.driver.rules.map((r) => r.id)).toContain('assume/no-unbounded-parse');
  });

  it('github format annotates and appends the job summary', () => {
    const dir = project({ 'src/app.ts': ACK_FIRST });
    const summary = join(dir, 'summary.md');
    const result = runCli(['check', '--format', 'github'], dir, { GITHUB_STEP_SUMMARY: summary });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^::error file=src\/app\.ts,line=6,/);
    expect(readFileSync(summary, 'utf8')).toContain('| src/app.ts | 6 | assume/no-ack-before-durable-write |');
  });

  it('--staged checks the staged blobs, not the working tree', () => {
    const dir = project({ 'src/app.ts': ACK_AFTER, 'src/other.ts': ACK_FIRST });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
    git('init', '-q');
    git('add', 'src/app.ts');
    // Bad code only in the working tree: the staged (good) version passes, and the unstaged other file is not looked at.
    writeFileSync(join(dir, 'src/app.ts'), ACK_FIRST);
    expect(runCli(['check', '--staged'], dir).status).toBe(0);
    // Bad code staged, good code in the working tree: the staged version fails.
    git('add', 'src/app.ts');
    writeFileSync(join(dir, 'src/app.ts'), ACK_AFTER);
    const staged = runCli(['check', '--staged'], dir);
    expect(staged.status).toBe(1);
    expect(staged.stdout).toContain('src/app.ts');
    expect(staged.stdout).not.toContain('src/other.ts');
  });

  it('--staged follows calls into files as they are in the index, not into their unstaged edits', () => {
    const dir = project(CROSS_FILE);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'base');
    // The route is edited and staged; the service's fix (awaiting the write) is only in the working tree.
    writeFileSync(join(dir, 'src/routes.ts'), `// orders\n${CROSS_FILE['src/routes.ts']}`);
    git('add', 'src/routes.ts');
    writeFileSync(join(dir, 'src/service.ts'), CROSS_FILE['src/service.ts'].replace('export function place(id: string) {\n  pool.query', 'export async function place(id: string) {\n  await pool.query'));
    expect(runCli(['check'], dir).status).toBe(0); // the working tree is fixed
    const staged = runCli(['check', '--staged'], dir);
    expect(staged.status).toBe(1); // what would be committed is not
    expect(staged.stdout).toContain('src/routes.ts');
    // Staging the fix too makes the commit clean.
    git('add', 'src/service.ts');
    expect(runCli(['check', '--staged'], dir).status).toBe(0);
  });

  it('--staged reads code annotations from the staged blobs of the staged files only', () => {
    const dir = project({ 'src/app.ts': ACK_AFTER, 'src/other.ts': `// @assumes A-nowhere -- not in the register\n${ACK_AFTER}` });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
    git('init', '-q');
    git('add', 'src/app.ts');
    // An unknown citation only in the working tree of a staged file, and in a file that is not staged: neither is looked at.
    writeFileSync(join(dir, 'src/app.ts'), `// @assumes A-unknown -- not in the register\n${ACK_AFTER}`);
    const clean = runCli(['check', '--staged', '--format', 'json'], dir);
    expect(JSON.parse(clean.stdout)).toMatchObject({ findings: [] });
    // The same citation staged: reported, at its staged line.
    git('add', 'src/app.ts');
    writeFileSync(join(dir, 'src/app.ts'), ACK_AFTER);
    const staged = JSON.parse(runCli(['check', '--staged', '--format', 'json'], dir).stdout) as { findings: { ruleId: string; file: string; line: number }[] };
    expect(staged.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([['annotation/unknown-id', 'src/app.ts', 1]]);
  });

  it('says so on stderr when there is no source file to analyze, and only then', () => {
    const empty = project({ 'tsconfig.json': JSON.stringify({ include: ['src'] }), 'lib/a.ts': ACK_FIRST });
    const none = runCli(['check'], empty);
    expect(none.status).toBe(0);
    expect(none.stderr).toContain('no source files to analyze');
    const some = runCli(['check'], project({ 'src/app.ts': ACK_AFTER }));
    expect(some.status).toBe(0);
    expect(some.stderr).not.toContain('no source files');
  });

  it('--changed checks only the files changed since the merge-base, plus untracked ones', () => {
    const dir = project({ 'src/old.ts': ACK_FIRST, 'src/app.ts': ACK_AFTER });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-qm', 'base');
    git('checkout', '-qb', 'feature');
    // Nothing changed: the old finding in src/old.ts is not looked at.
    expect(runCli(['check', '--changed', 'main'], dir).status).toBe(0);
    writeFileSync(join(dir, 'src/app.ts'), ACK_FIRST);
    git('commit', '-qam', 'regress');
    writeFileSync(join(dir, 'src/new.ts'), 'export const n = 1;\n');
    const result = runCli(['check', '--changed', 'main'], dir);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('src/app.ts');
    expect(result.stdout).not.toContain('src/old.ts');
    expect(runCli(['check', '--changed', 'no-such-ref'], dir).status).toBe(2);
  });

  it('--cache re-analyzes a changed file and ignores a corrupt cache', () => {
    const dir = project({ 'src/app.ts': ACK_FIRST, 'src/b.ts': 'export const b = 1;\n' });
    expect(runCli(['check', '--cache'], dir).status).toBe(1);
    const cacheFile = join(dir, 'node_modules/.cache/assume/analyzer.json');
    const cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as { files: Record<string, unknown> };
    expect(Object.keys(cache.files).sort()).toEqual(['src/app.ts', 'src/b.ts']);
    expect(runCli(['check', '--cache'], dir).status).toBe(1);
    writeFileSync(join(dir, 'src/app.ts'), ACK_AFTER);
    expect(runCli(['check', '--cache'], dir).status).toBe(0);
    writeFileSync(cacheFile, '{"version":1,"key":"garbage","files":{"src/app.ts":');
    writeFileSync(join(dir, 'src/app.ts'), ACK_FIRST);
    expect(runCli(['check', '--cache'], dir).status).toBe(1);
    // The corrupt cache was replaced by a good one.
    expect(() => JSON.parse(readFileSync(cacheFile, 'utf8')) as unknown).not.toThrow();
  });

  it('config errors name the key and the file, exit 2', () => {
    const dir = project({ 'src/app.ts': ACK_AFTER });
    const cases: [unknown, RegExp][] = [
      [{ rulez: {} }, /Unknown key "rulez"/],
      [{ rules: { 'no-unbounded-parse': 'loud' } }, /"rules\.no-unbounded-parse" must be one of/],
      [{ maxFileBytes: 'big' }, /"maxFileBytes" must be of type integer/],
      [{ include: ['src/[unclosed'] }, /"include\[0\]" is not a valid glob/],
      [{ catalog: { entries: [{ id: 'x', role: 'ack' }] } }, /needs the key "target"/],
      [{ catalog: { frameworks: [{ id: 'x', kind: 'http', params: [], exportNames: 5 }] } }, /"catalog\.frameworks\[0\]\.exportNames" must be of type array/],
      [{ catalog: { frameworks: [{ id: 'x', kind: 'http', params: [], file: '**/api/**' }] } }, /Unknown key "catalog\.frameworks\[0\]\.file"/],
    ];
    for (const [config, message] of cases) {
      writeFileSync(join(dir, 'assume.config.json'), JSON.stringify(config));
      const result = runCli(['check'], dir);
      expect(result.status, JSON.stringify(config)).toBe(2);
      expect(result.stderr).toMatch(/assume\.config\.json/);
      expect(result.stderr).toMatch(message);
    }
    writeFileSync(join(dir, 'assume.config.json'), '{ not json');
    const unparsable = runCli(['check'], dir);
    expect(unparsable.status).toBe(2);
    expect(unparsable.stderr).toMatch(/assume\.config\.json is not valid JSON/);
  });

  it('a catalog extension in the config makes an in-house write durable', () => {
    const code = `import express from 'express';\nimport { outbox } from '@acme/outbox';\nexport const app = express();\napp.post('/x', async (req, res) => {\n  res.json({ ok: true });\n  await outbox.append(req.body);\n});\n`;
    const dir = project({ 'src/app.ts': code });
    expect(runCli(['check'], dir).status).toBe(0);
    writeFileSync(join(dir, 'assume.config.json'), JSON.stringify({ catalog: { entries: [{ id: 'acme.outbox.append', role: 'durable-write', target: { from: 'package', package: '@acme/outbox', path: ['outbox', 'append', '()'] } }] } }));
    const result = runCli(['check'], dir);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('assume/no-ack-before-durable-write');
  });
});

describe('assume check: waivers over code findings', () => {
  it('a cited suppression hides its finding and lists it as waived; one that hides nothing is suppression/unused', () => {
    const dir = tempDir('assume-waive-');
    expect(runCli(['init'], dir).status).toBe(0);
    mkdirSync(join(dir, 'src'));
    writeFileSync(
      join(dir, 'src/app.ts'),
      [
        "import express from 'express';",
        'export const app = express();',
        '// eslint-disable-next-line assume/no-unbounded-parse -- A-example the ingress caps bodies at 1 MiB',
        'app.use(express.json({ limit: Infinity }));',
        '// eslint-disable-next-line assume/no-unbounded-parse -- A-example nothing to hide here',
        'app.use(express.urlencoded({ extended: false }));',
        '',
      ].join('\n'),
    );
    const result = runCli(['check', '--format', 'json'], dir);
    const json = JSON.parse(result.stdout) as { findings: { ruleId: string; line: number; severity: string }[]; waived: { line: number; findings: { ruleId: string; line: number }[] }[] };
    expect(json.findings.map((f) => [f.ruleId, f.line, f.severity])).toEqual([['suppression/unused', 5, 'warning']]);
    expect(json.waived.map((w) => [w.line, w.findings.map((f) => [f.ruleId, f.line])])).toEqual([
      [3, [['assume/no-unbounded-parse', 4]]],
      [5, []],
    ]);
    // A warning alone does not fail the run.
    expect(result.status).toBe(0);
  });
});
