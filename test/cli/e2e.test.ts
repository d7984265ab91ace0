// End-to-end: the built binary (dist/cli/index.js) in temp folders, NO_COLOR=1, no TTY.
// Asserts exit codes, stdout/stderr and the files on disk.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, initFiles, listFiles, repoRoot, runCli, snapshot, tempDir } from './helpers.js';

afterAll(cleanup);

const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

describe('assume: the shell', () => {
  it('--help lists the commands on stdout, exit 0', () => {
    const r = runCli(['--help'], tempDir());
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: assume');
    for (const command of ['init', 'add', 'index', 'rollback', 'check']) expect(r.stdout).toContain(command);
    expect(r.stderr).toBe('');
  });

  it('--version prints the version from package.json', () => {
    const r = runCli(['--version'], tempDir());
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(version);
  });

  it('init --help shows the options of init', () => {
    const r = runCli(['init', '--help'], tempDir());
    expect(r.status).toBe(0);
    for (const flag of ['--template', '--force', '--dry-run', '--yes']) expect(r.stdout).toContain(flag);
  });

  it('an unknown command is a usage error: message on stderr, exit 2', () => {
    const r = runCli(['frobnicate'], tempDir());
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown command 'frobnicate'");
    expect(r.stdout).toBe('');
  });

  it('an unknown flag is a usage error: message on stderr, exit 2', () => {
    const r = runCli(['init', '--frobnicate'], tempDir());
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown option '--frobnicate'");
  });

  it('no command: help on stderr, exit 2', () => {
    const r = runCli([], tempDir());
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Usage: assume');
    expect(r.stdout).toBe('');
  });

  it('an unknown template is a usage error naming the choices', () => {
    const r = runCli(['init', '--template', 'mainframe'], tempDir());
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('http-service');
  });

  it('prints no ANSI escapes with NO_COLOR', () => {
    const dir = tempDir();
    const r = runCli(['init', '--yes'], dir, { FORCE_COLOR: '1' });
    expect(r.stdout).not.toContain('\u001b[');
  });
});

describe('an incomplete package', () => {
  it('reads its version from its package.json, and a missing templates folder is an internal error (exit 2)', () => {
    const pkg = tempDir('assume-pkg-');
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'assume-lint', version: '9.9.9', type: 'module' }));
    mkdirSync(join(pkg, 'dist'));
    cpSync(join(repoRoot, 'dist/cli'), join(pkg, 'dist/cli'), { recursive: true });
    cpSync(join(repoRoot, 'dist/register'), join(pkg, 'dist/register'), { recursive: true });
    symlinkSync(join(repoRoot, 'node_modules'), join(pkg, 'node_modules'));
    const bin = join(pkg, 'dist/cli/index.js');
    const version = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
    expect(version.stdout.trim()).toBe('9.9.9');
    const r = spawnSync(process.execPath, [bin, 'init', '--yes'], { cwd: tempDir(), encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^assume: internal error: the templates folder is missing/);
  });
});

describe('assume init', () => {
  for (const [template, files] of Object.entries(initFiles)) {
    it(`--template ${template} creates exactly the documented files, and the result passes assume check`, () => {
      const dir = tempDir();
      const r = runCli(['init', '--template', template], dir);
      expect(r.status).toBe(0);
      expect(listFiles(dir)).toEqual([...files].sort());
      for (const f of files) expect(r.stdout).toMatch(new RegExp(`create\\s+${f.replace(/[.]/g, '\\.')}`));
      const manifest = JSON.parse(readFileSync(join(dir, '.assume/manifest.json'), 'utf8')) as { template: string; files: Record<string, string> };
      expect(manifest.template).toBe(template);
      for (const f of files.filter((name) => name !== '.assume/manifest.json')) expect(manifest.files[f]).toBe(sha256(readFileSync(join(dir, f), 'utf8')));

      const check = runCli(['check'], dir);
      expect(check.stdout).toBe('No problems found.\n');
      expect(check.status).toBe(0);
      const json = runCli(['check', '--format', 'json'], dir);
      expect(json.status).toBe(0);
      expect(JSON.parse(json.stdout)).toMatchObject({ version: 1, findings: [], waived: [], summary: { errors: 0, warnings: 0 } });
      expect(runCli(['index', '--check'], dir).status).toBe(0);
    });
  }

  it('defaults to the http-service template when not interactive, and writes into [dir]', () => {
    const dir = tempDir();
    const r = runCli(['init', 'service'], dir);
    expect(r.status).toBe(0);
    expect(listFiles(join(dir, 'service'))).toEqual([...initFiles['http-service']].sort());
  });

  it('--owner goes into the starter files', () => {
    const dir = tempDir();
    expect(runCli(['init', '--owner', 'payments "core"', '--yes'], dir).status).toBe(0);
    expect(readFileSync(join(dir, 'docs/assumptions/A-example.md'), 'utf8')).toContain('owner: "payments \\"core\\""');
    expect(runCli(['check'], dir).status).toBe(0);
  });

  it('a second run changes nothing (byte-identical, same mtimes) and says so', () => {
    const dir = tempDir();
    expect(runCli(['init', '--template', 'queue-worker'], dir).status).toBe(0);
    const before = snapshot(dir);
    const r = runCli(['init'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Nothing to do');
    expect(r.stdout).toContain('(template queue-worker)');
    expect(snapshot(dir)).toEqual(before);
  });

  it('never overwrites an edited file: it is kept and reported as a conflict', () => {
    const dir = tempDir();
    runCli(['init'], dir);
    const edited = `${readFileSync(join(dir, 'docs/threat-model/checklist.md'), 'utf8')}\nOur notes.\n`;
    writeFileSync(join(dir, 'docs/threat-model/checklist.md'), edited);
    const before = snapshot(dir);
    for (const args of [['init'], ['init', '--force']]) {
      const r = runCli(args, dir);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/conflict\s+docs\/threat-model\/checklist\.md\s+\(edited since init; kept\)/);
      expect(snapshot(dir)).toEqual(before);
    }
  });

  it('a pre-existing file init did not write is kept, never overwritten, even with --force', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'assume.config.json'), '{ "register": { "assumptions": "docs/assumptions" } }\n');
    const r = runCli(['init', '--force'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/conflict\s+assume\.config\.json\s+\(exists and was not written by assume init; kept\)/);
    expect(readFileSync(join(dir, 'assume.config.json'), 'utf8')).toBe('{ "register": { "assumptions": "docs/assumptions" } }\n');
  });

  it('--force refreshes only files still byte-identical to what init wrote', () => {
    const dir = tempDir();
    runCli(['init'], dir);
    // Simulate an older shipped template: the file holds old content and the manifest records it as written.
    const oldShipped = '# Rollback template of an older assume-lint\n';
    writeFileSync(join(dir, 'docs/rollback/TEMPLATE.md'), oldShipped);
    const manifestPath = join(dir, '.assume/manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { files: Record<string, string> };
    manifest.files['docs/rollback/TEMPLATE.md'] = sha256(oldShipped);
    writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    // And the user edited another file.
    const editedExample = `${readFileSync(join(dir, 'docs/assumptions/A-example.md'), 'utf8')}\nEdited.\n`;
    writeFileSync(join(dir, 'docs/assumptions/A-example.md'), editedExample);

    const plain = runCli(['init'], dir);
    expect(plain.stdout).toMatch(/conflict\s+docs\/rollback\/TEMPLATE\.md\s+\(unchanged since init but differs from the current template; kept \(--force refreshes it\)\)/);
    expect(readFileSync(join(dir, 'docs/rollback/TEMPLATE.md'), 'utf8')).toBe(oldShipped);

    const forced = runCli(['init', '--force'], dir);
    expect(forced.status).toBe(0);
    expect(forced.stdout).toMatch(/refresh\s+docs\/rollback\/TEMPLATE\.md/);
    expect(forced.stdout).toMatch(/conflict\s+docs\/assumptions\/A-example\.md/);
    expect(readFileSync(join(dir, 'docs/rollback/TEMPLATE.md'), 'utf8')).toBe(readFileSync(join(repoRoot, 'templates/base/docs/rollback/TEMPLATE.md'), 'utf8').replace('{{owner}}', '@your-team'));
    expect(readFileSync(join(dir, 'docs/assumptions/A-example.md'), 'utf8')).toBe(editedExample);
    const after = JSON.parse(readFileSync(manifestPath, 'utf8')) as { files: Record<string, string> };
    expect(after.files['docs/rollback/TEMPLATE.md']).toBe(sha256(readFileSync(join(dir, 'docs/rollback/TEMPLATE.md'), 'utf8')));
  });

  it('--dry-run prints the plan and touches nothing (fresh folder)', () => {
    const dir = tempDir();
    const before = snapshot(dir);
    const r = runCli(['init', '--dry-run'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/create\s+docs\/assumptions\/README\.md/);
    expect(r.stdout).toContain('Nothing was written.');
    expect(snapshot(dir)).toEqual(before);
  });

  it('--dry-run on a missing folder does not create it', () => {
    const dir = tempDir();
    const r = runCli(['init', 'nested/new', '--dry-run'], dir);
    expect(r.status).toBe(0);
    expect(snapshot(dir)).toEqual({});
  });

  it('--dry-run --force shows create / keep / conflict / refresh and touches nothing', () => {
    const dir = tempDir();
    runCli(['init'], dir);
    writeFileSync(join(dir, 'docs/assumptions/A-example.md'), 'mine\n');
    rmSync(join(dir, 'docs/rollback/TEMPLATE.md'));
    const before = snapshot(dir);
    const r = runCli(['init', '--dry-run', '--force'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/create\s+docs\/rollback\/TEMPLATE\.md/);
    expect(r.stdout).toMatch(/keep\s+assume\.config\.json/);
    expect(r.stdout).toMatch(/conflict\s+docs\/assumptions\/A-example\.md/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('user templates in .assume/templates shadow the built-in ones', () => {
    const dir = tempDir();
    mkdirSync(join(dir, '.assume/templates/docs/rollback'), { recursive: true });
    writeFileSync(join(dir, '.assume/templates/docs/rollback/TEMPLATE.md'), readFileSync(join(repoRoot, 'fixtures/register/rollback-trigger-not-measurable/pass/docs/rollback/orders-v2.md'), 'utf8'));
    expect(runCli(['init'], dir).status).toBe(0);
    expect(readFileSync(join(dir, 'docs/rollback/TEMPLATE.md'), 'utf8')).toContain('Orders table v2 schema');
    expect(runCli(['init'], dir).stdout).toContain('Nothing to do');
  });
});

describe('hostile targets are refused with exit 2 and nothing is written', () => {
  it('a folder on the way that is a symlink pointing outside', () => {
    const dir = tempDir();
    const outside = tempDir('assume-outside-');
    symlinkSync(outside, join(dir, 'docs'));
    const r = runCli(['init'], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/symlink pointing outside/);
    expect(snapshot(outside)).toEqual({});
    expect(listFiles(dir)).toEqual([]);
  });

  it('a target file that is a symlink pointing outside', () => {
    const dir = tempDir();
    const outside = tempDir('assume-outside-');
    writeFileSync(join(outside, 'secret.txt'), 'keep me\n');
    symlinkSync(join(outside, 'secret.txt'), join(dir, 'assume.config.json'));
    const r = runCli(['init', '--force'], dir);
    expect(r.status).toBe(2);
    expect(readFileSync(join(outside, 'secret.txt'), 'utf8')).toBe('keep me\n');
    expect(listFiles(dir)).toEqual([]);
  });

  it('a user-template folder that links outside', () => {
    const dir = tempDir();
    const outside = tempDir('assume-outside-');
    mkdirSync(join(dir, '.assume'));
    symlinkSync(outside, join(dir, '.assume/templates'));
    const r = runCli(['init'], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('.assume/templates');
  });

  it('`..` and absolute names in a rollback slug or an assumption id', () => {
    const dir = tempDir();
    runCli(['init'], dir);
    const before = snapshot(dir);
    for (const args of [
      ['rollback', 'new', '../escape'],
      ['rollback', 'new', '/tmp/escape'],
      ['rollback', 'new', 'a/../../escape'],
      ['add', 'x', '--id', '../A-escape', '--owner', 'me'],
      ['add', 'x', '--id', '/tmp/A-escape', '--owner', 'me'],
    ]) {
      const r = runCli(args, dir);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^assume: usage error: /);
    }
    expect(snapshot(dir)).toEqual(before);
  });

  it('a register folder that links outside makes add and rollback refuse', () => {
    const dir = tempDir();
    const outside = tempDir('assume-outside-');
    runCli(['init'], dir);
    mkdirSync(join(dir, 'docs/elsewhere'));
    rmSync(join(dir, 'docs/rollback'), { recursive: true });
    symlinkSync(outside, join(dir, 'docs/rollback'));
    renameSync(join(dir, 'docs/assumptions'), join(dir, 'docs/assumptions-real'));
    symlinkSync(outside, join(dir, 'docs/assumptions'));
    expect(runCli(['rollback', 'new', 'orders-v2'], dir).status).toBe(2);
    expect(runCli(['add', 'The sky is up', '--id', 'A-sky', '--owner', 'me'], dir).status).toBe(2);
    expect(snapshot(outside)).toEqual({});
  });
});

describe('assume add, index, rollback new', () => {
  it('add creates one assumption file; a second add of the id is refused; index lists it', () => {
    const dir = tempDir();
    runCli(['init'], dir);
    const r = runCli(['add', 'Postgres commits are durable: fsync=on', '--id', 'A-pg-durable', '--owner', 'storage', '--severity', 'high', '--today', '2026-06-01'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('docs/assumptions/A-pg-durable.md');
    const text = readFileSync(join(dir, 'docs/assumptions/A-pg-durable.md'), 'utf8');
    expect(text).toContain('id: A-pg-durable');
    expect(text).toContain('statement: "Postgres commits are durable: fsync=on"');
    expect(text).toContain('last: 2026-06-01');

    const again = runCli(['add', 'Other', '--id', 'A-pg-durable', '--owner', 'x'], dir);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('already exists');
    expect(readFileSync(join(dir, 'docs/assumptions/A-pg-durable.md'), 'utf8')).toBe(text);

    // The README index is now stale: check and index --check say so; index fixes it.
    const stale = runCli(['check', '--today', '2026-06-02'], dir);
    expect(stale.status).toBe(1);
    expect(stale.stdout).toContain('index/stale');
    expect(runCli(['index', '--check'], dir).status).toBe(1);
    const fix = runCli(['index'], dir);
    expect(fix.status).toBe(0);
    expect(fix.stdout).toContain('index regenerated (3 assumptions)');
    expect(readFileSync(join(dir, 'docs/assumptions/README.md'), 'utf8')).toContain('| [A-pg-durable](A-pg-durable.md) | Postgres commits are durable: fsync=on | active | storage | high |');
    expect(runCli(['index', '--check'], dir).status).toBe(0);
    expect(runCli(['check', '--today', '2026-06-02'], dir).status).toBe(0);
    // An id declared inside another file is taken too.
    expect(runCli(['add', 'x', '--id', 'A-example', '--owner', 'x'], dir).status).toBe(2);
  });

  it('add uses .assume/templates/new/assumption.md when the project has one', () => {
    const dir = tempDir();
    mkdirSync(join(dir, '.assume/templates/new'), { recursive: true });
    writeFileSync(join(dir, '.assume/templates/new/assumption.md'), '---\nid: {{id}}\nstatement: {{statement}}\n---\nOur own layout for {{owner}}.\n');
    expect(runCli(['add', 'Disks are fast', '--id', 'A-disks', '--owner', 'ops'], dir).status).toBe(0);
    expect(readFileSync(join(dir, 'docs/assumptions/A-disks.md'), 'utf8')).toBe('---\nid: A-disks\nstatement: "Disks are fast"\n---\nOur own layout for "ops".\n');
  });

  it('rollback new without a project template uses the built-in one', () => {
    const dir = tempDir();
    expect(runCli(['rollback', 'new', 'first-change'], dir).status).toBe(0);
    expect(readFileSync(join(dir, 'docs/rollback/first-change.md'), 'utf8')).toContain('owner: "@your-team"');
    expect(runCli(['check'], dir).status).toBe(0);
  });

  it('add refuses a malformed id', () => {
    const dir = tempDir();
    const r = runCli(['add', 'x', '--id', 'queue-at-least-once', '--owner', 'me'], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('A-<slug>');
  });

  it('add without --id or --owner is a usage error', () => {
    const r = runCli(['add', 'x'], tempDir());
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("required option '--id <A-slug>' not specified");
  });

  it('index without a README is a usage error pointing at init', () => {
    const r = runCli(['index'], tempDir());
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('assume init');
  });

  it('rollback new copies the project template; the copy passes check; an existing slug is refused', () => {
    const dir = tempDir();
    runCli(['init'], dir);
    const r = runCli(['rollback', 'new', 'orders-v2-schema'], dir);
    expect(r.status).toBe(0);
    const text = readFileSync(join(dir, 'docs/rollback/orders-v2-schema.md'), 'utf8');
    expect(text).toContain('# Rollback plan: orders-v2-schema');
    expect(runCli(['check'], dir).status).toBe(0);
    expect(runCli(['rollback', 'new', 'orders-v2-schema'], dir).status).toBe(2);
  });
});

describe('assume check', () => {
  it('reports register problems, code citations and waivers; exit 1; text and json agree', () => {
    const dir = tempDir();
    runCli(['init'], dir);
    mkdirSync(join(dir, 'src'));
    writeFileSync(
      join(dir, 'src/server.ts'),
      [
        "import express from 'express';",
        '// @assumes A-example -- bodies are capped by the proxy',
        'export const app = express();',
        '// eslint-disable-next-line assume/no-unbounded-parse -- A-example the proxy caps bodies',
        'app.use(express.json({ limit: Infinity }));',
        '// eslint-disable-next-line assume/no-wall-clock-at-boundary',
        'export const v = Date.now();',
        '// @assumes A-missing -- typo',
        '',
      ].join('\n'),
    );
    const text = runCli(['check'], dir);
    expect(text.status).toBe(1);
    expect(text.stdout).toContain('src/server.ts');
    expect(text.stdout).toMatch(/6:1\s+error\s+This eslint-disable-next-line of assume\/no-wall-clock-at-boundary cites no assumption/);
    expect(text.stdout).toMatch(/8:1\s+error\s+`@assumes A-missing` cites A-missing, which is not in the register/);
    expect(text.stdout).toContain('2 problems (2 errors, 0 warnings)');
    expect(text.stdout).toContain('Waived (1)');
    expect(text.stdout).toContain('src/server.ts:4  assume/no-unbounded-parse  A-example  the proxy caps bodies');

    const json = JSON.parse(runCli(['check', '--format', 'json'], dir).stdout) as { findings: { ruleId: string; line: number }[]; waived: { line: number; appliesTo: number[]; assumption: string }[] };
    expect(json.findings.map((f) => [f.ruleId, f.line])).toEqual([
      ['suppression/missing-assumption', 6],
      ['annotation/unknown-id', 8],
    ]);
    expect(json.waived).toEqual([expect.objectContaining({ line: 4, appliesTo: [5, 5], assumption: 'A-example' })]);

    // Paths restrict which sources are read; the register is always checked.
    expect(runCli(['check', 'docs'], dir).status).toBe(0);
    expect(runCli(['check', 'src/server.ts'], dir).status).toBe(1);
    const missing = runCli(['check', 'nowhere'], dir);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('No such file or folder: nowhere');
  });

  it('an overdue review is a warning: reported, exit 0', () => {
    const dir = tempDir();
    runCli(['init'], dir);
    runCli(['add', 'Clocks are in sync within 1 s', '--id', 'A-ntp', '--owner', 'infra', '--today', '2025-01-01'], dir);
    runCli(['index'], dir);
    const r = runCli(['check', '--today', '2026-06-01'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('register/review-overdue');
    expect(r.stdout).toContain('1 problem (0 errors, 1 warning)');
  });

  it('a config file with an unknown key, a wrong type or broken JSON is exit 2 naming the key and file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'assume.config.json'), '{ "registr": {} }');
    let r = runCli(['check'], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('assume: config error: assume.config.json: Unknown key "registr"');
    writeFileSync(join(dir, 'assume.config.json'), '{ "register": { "checklist": 3 } }');
    r = runCli(['check'], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('"register.checklist" must be of type string');
    writeFileSync(join(dir, 'assume.config.json'), '{ "register": ');
    r = runCli(['check'], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('assume.config.json is not valid JSON');
  });

  it('the register paths come from the config', () => {
    const dir = tempDir();
    runCli(['init'], dir);
    writeFileSync(join(dir, 'assume.config.json'), JSON.stringify({ register: { assumptions: 'elsewhere' } }));
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src/a.ts'), '// @assumes A-example -- x\n');
    const r = runCli(['check', '--format', 'json'], dir);
    expect(r.status).toBe(1);
    expect((JSON.parse(r.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId)).toContain('annotation/unknown-id');
  });
});
