// `assume init --ci github|gitlab` and this repository's .pre-commit-hooks.yaml: the generated YAML parses and
// has the keys CI needs; a file that exists is never overwritten; the commands they run exist in the CLI.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { installCi } from '../../cli/commands/ci.js';
import { cleanup, listFiles, repoRoot, runCli, snapshot, tempDir } from './helpers.js';

afterAll(cleanup);

const GIT_ENV = { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
const template = (name: string): string => readFileSync(join(repoRoot, 'templates/ci', name), 'utf8');
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
/** The files of a repository's work tree (not its .git folder). */
const workFiles = (dir: string): string[] => listFiles(dir).filter((f) => !f.startsWith('.git/'));

function gitRepo(): string {
  const dir = tempDir('assume-ci-');
  spawnSync('git', ['init', '-q'], { cwd: dir, env: { PATH: process.env.PATH ?? '', ...GIT_ENV } });
  return dir;
}

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  'continue-on-error'?: unknown;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { permissions: Record<string, string>; steps: Step[] }>;
}

/** `assume <command> --help` from the built binary. */
function help(...command: string[]): string {
  const r = runCli([...command, '--help'], tempDir());
  expect(r.status).toBe(0);
  return r.stdout;
}

describe('assume init --ci github', () => {
  it('writes .github/workflows/assume.yml: SARIF to code scanning whatever the outcome, and annotations, from one run', () => {
    const dir = gitRepo();
    const r = runCli(['init', '--ci', 'github'], dir, GIT_ENV);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('create    .github/workflows/assume.yml');
    expect(workFiles(dir)).toEqual(['.github/workflows/assume.yml']); // --ci sets up CI only
    const text = readFileSync(join(dir, '.github/workflows/assume.yml'), 'utf8');
    expect(text).toBe(template('github/assume.yml'));

    const wf = parse(text) as Workflow;
    expect(Object.keys(wf.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
    const job = wf.jobs.assume;
    expect(job.permissions['security-events']).toBe('write');
    const steps = job.steps;
    const uses = (prefix: string) => steps.find((s) => s.uses?.startsWith(prefix));
    expect(uses('actions/checkout@')?.uses).toBe('actions/checkout@v4');
    expect(uses('actions/setup-node@')).toMatchObject({ uses: 'actions/setup-node@v4', with: { 'node-version': 20, cache: 'npm' } });
    expect(steps.some((s) => s.run?.trim() === 'npm ci')).toBe(true);

    const sarifIndex = steps.findIndex((s) => s.run?.includes('assume check --format sarif --output assume.sarif'));
    expect(sarifIndex).toBeGreaterThan(-1);
    const sarif = steps[sarifIndex];
    // It must not fail the job before the upload: the exit code is kept and acted on after.
    expect(sarif.run).toMatch(/\|\| code=\$\?/);
    expect(sarif.id).toBeDefined();

    const uploadIndex = steps.findIndex((s) => s.uses === 'github/codeql-action/upload-sarif@v3');
    expect(uploadIndex).toBeGreaterThan(sarifIndex);
    const upload = steps[uploadIndex];
    expect(upload.if).toContain('always()');
    expect(upload.with?.sarif_file).toBe('assume.sarif');

    // The same run annotates (stdout): one analysis, two reports.
    expect(sarif.run).toContain('--format github');

    const verdict = steps.at(-1)!;
    expect(verdict.if).toContain(`steps.${sarif.id!}.outputs.exit-code`);
    expect(verdict.run).toContain('exit 1');

    // The commands it runs exist: `assume` is this package's bin, with these options of `check`.
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(pkg.bin.assume).toBeDefined();
    const checkHelp = help('check');
    for (const flag of ['--format', '--output', '--cache', 'sarif', 'github']) expect(checkHelp).toContain(flag);
  });

  it('a second run changes nothing; an existing workflow that differs is kept and the template printed (exit 0)', () => {
    const dir = gitRepo();
    expect(runCli(['init', '--ci', 'github'], dir, GIT_ENV).status).toBe(0);
    const before = snapshot(join(dir, '.github'));
    const again = runCli(['init', '--ci', 'github'], dir, GIT_ENV);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('keep');
    expect(snapshot(join(dir, '.github'))).toEqual(before);

    const edited = `${template('github/assume.yml')}# ours\n`;
    writeFileSync(join(dir, '.github/workflows/assume.yml'), edited);
    for (const args of [['init', '--ci', 'github'], ['init', '--ci', 'github', '--force']]) {
      const r = runCli(args, dir, GIT_ENV);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('conflict');
      expect(r.stdout).toContain('upload-sarif@v3'); // the snippet to merge by hand
      expect(readFileSync(join(dir, '.github/workflows/assume.yml'), 'utf8')).toBe(edited);
    }
  });

  it('--force replaces only a file byte-identical to an earlier template version', () => {
    const dir = gitRepo();
    const old = 'name: assume\n# an earlier template\n';
    mkdirSync(join(dir, '.github/workflows'), { recursive: true });
    writeFileSync(join(dir, '.github/workflows/assume.yml'), old);
    const previousVersions = { github: [sha256(old)] };
    expect(installCi({ dir, cwd: dir, provider: 'github', previousVersions }).action).toBe('conflict');
    expect(readFileSync(join(dir, '.github/workflows/assume.yml'), 'utf8')).toBe(old);
    expect(installCi({ dir, cwd: dir, provider: 'github', previousVersions, force: true }).action).toBe('refresh');
    expect(readFileSync(join(dir, '.github/workflows/assume.yml'), 'utf8')).toBe(template('github/assume.yml'));
  });

  it('--dry-run writes nothing; --ci with --template is a usage error; an unknown provider is refused', () => {
    const dir = gitRepo();
    const dry = runCli(['init', '--ci', 'github', '--dry-run'], dir, GIT_ENV);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain('create');
    expect(dry.stdout).toContain('nothing was written');
    expect(workFiles(dir)).toEqual([]);
    expect(runCli(['init', '--ci', 'github', '--template', 'library'], dir, GIT_ENV).status).toBe(2);
    const unknown = runCli(['init', '--ci', 'jenkins'], dir, GIT_ENV);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('github');
  });
});

describe('assume init --ci gitlab', () => {
  it('writes a Code Quality job, prints the include line, never edits .gitlab-ci.yml', () => {
    const dir = gitRepo();
    const main = 'stages: [build, test]\nbuild:\n  script: [npm ci]\n';
    writeFileSync(join(dir, '.gitlab-ci.yml'), main);
    const r = runCli(['init', '--ci', 'gitlab'], dir, GIT_ENV);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('create    .gitlab/assume.gitlab-ci.yml');
    expect(r.stdout).toContain('include:\n        - local: .gitlab/assume.gitlab-ci.yml');
    expect(readFileSync(join(dir, '.gitlab-ci.yml'), 'utf8')).toBe(main);

    const text = readFileSync(join(dir, '.gitlab/assume.gitlab-ci.yml'), 'utf8');
    expect(text).toBe(template('gitlab/assume.gitlab-ci.yml'));
    const job = (parse(text) as Record<string, { script: string[]; artifacts: { when: string; reports: { codequality: string } } }>).assume;
    expect(job.script.some((line) => line.includes('assume check --format gitlab --output gl-code-quality-report.json'))).toBe(true);
    expect(job.artifacts.when).toBe('always');
    expect(job.artifacts.reports.codequality).toBe('gl-code-quality-report.json');

    // Once the include is there, it is not asked for again; a second run writes nothing.
    writeFileSync(join(dir, '.gitlab-ci.yml'), `include:\n  - local: .gitlab/assume.gitlab-ci.yml\n${main}`);
    const before = snapshot(dir);
    const again = runCli(['init', '--ci', 'gitlab'], dir, GIT_ENV);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('keep');
    expect(again.stdout).not.toContain('include:');
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('.pre-commit-hooks.yaml (for the pre-commit framework)', () => {
  it('declares assume-check with the keys pre-commit needs, running a command the CLI has', () => {
    const hooks = parse(readFileSync(join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')) as Record<string, unknown>[];
    expect(Array.isArray(hooks)).toBe(true);
    const hook = hooks.find((h) => h.id === 'assume-check');
    expect(hook).toMatchObject({ entry: 'assume check --staged', language: 'node', pass_filenames: false, require_serial: true });
    expect(typeof hook?.description).toBe('string');
    expect(typeof hook?.name).toBe('string');

    const [bin, command, ...flags] = (hook!.entry as string).split(' ');
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(Object.keys(pkg.bin)).toContain(bin);
    expect(help()).toContain(command);
    const checkHelp = help(command);
    for (const flag of flags) expect(checkHelp).toContain(flag);
  });
});
