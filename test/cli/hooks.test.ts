// `assume hooks install` / `assume init --hooks`: the built binary in temp git repositories. A real commit
// is refused by the installed hook, existing hooks and configs keep every byte, a second run changes nothing.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { addToLefthookYaml, addToSimpleGitHooksJson, HOOK_COMMAND } from '../../cli/commands/hooks.js';
import { ACK_AFTER, ACK_FIRST, cleanup, repoRoot, runCli, snapshot, tempDir } from './helpers.js';

afterAll(cleanup);

/** git with no user or system config of the machine running the tests. */
const GIT_ENV = { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
const STEP = `\n# assume-lint: refuse a commit whose staged changes add findings (assume hooks install)\n${HOOK_COMMAND}\n`;


function git(dir: string, ...args: string[]): { status: number | null; output: string } {
  const r = spawnSync('git', args, { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, NO_COLOR: '1', ...GIT_ENV } });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/**
 * A git repository with assume-lint installed as a dependency would be: node_modules/assume-lint is this
 * repository, and node_modules/.bin/assume runs its built binary (a shim, as npm makes on Windows, so that
 * the build output need not be executable).
 */
function repo(files: Record<string, string> = {}): string {
  const dir = tempDir('assume-hooks-');
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'Test');
  git(dir, 'config', 'user.email', 'test@example.com');
  git(dir, 'config', 'commit.gpgsign', 'false');
  mkdirSync(join(dir, 'node_modules/.bin'), { recursive: true });
  symlinkSync(repoRoot, join(dir, 'node_modules/assume-lint'));
  writeFileSync(join(dir, 'node_modules/.bin/assume'), '#!/bin/sh\nexec node "$(dirname "$0")/../assume-lint/dist/cli/index.js" "$@"\n', { mode: 0o755 });
  writeFileSync(join(dir, '.gitignore'), 'node_modules/\n');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const assume = (args: string[], cwd: string) => runCli(args, cwd, GIT_ENV);

describe('assume hooks install: plain git hooks', () => {
  it('a commit that adds a finding is refused with the rule named; the fix and a partially staged file commit', () => {
    const dir = repo({ 'src/app.ts': ACK_AFTER });
    expect(git(dir, 'add', '.').status).toBe(0);
    expect(git(dir, 'commit', '-qm', 'base').status).toBe(0);

    const install = assume(['hooks', 'install'], dir);
    expect(install.status).toBe(0);
    expect(install.stdout).toContain('create    .git/hooks/pre-commit');
    const hook = join(dir, '.git/hooks/pre-commit');
    expect(readFileSync(hook, 'utf8')).toBe(`#!/bin/sh${STEP}`);
    expect(statSync(hook).mode & 0o777).toBe(0o755);

    // The finding is real: `assume check` reports it first.
    writeFileSync(join(dir, 'src/app.ts'), ACK_FIRST);
    const check = assume(['check'], dir);
    expect(check.status).toBe(1);
    expect(check.stdout).toContain('assume/no-ack-before-durable-write');

    git(dir, 'add', 'src/app.ts');
    const refused = git(dir, 'commit', '-m', 'ack first');
    expect(refused.status).not.toBe(0);
    expect(refused.output).toContain('assume/no-ack-before-durable-write');
    expect(refused.output).toContain('src/app.ts');
    expect(git(dir, 'log', '--format=%s').output.trim()).toBe('base');

    // Stage the fix: the commit passes.
    writeFileSync(join(dir, 'src/app.ts'), ACK_AFTER.replace('export const app', '// orders\nexport const app'));
    git(dir, 'add', 'src/app.ts');
    expect(git(dir, 'commit', '-qm', 'fix').status).toBe(0);

    // Partially staged: the good version is staged, the bad code is only in the working tree.
    writeFileSync(join(dir, 'src/app.ts'), ACK_AFTER.replace('export const app', '// orders, v2\nexport const app'));
    git(dir, 'add', 'src/app.ts');
    writeFileSync(join(dir, 'src/app.ts'), ACK_FIRST);
    const partial = git(dir, 'commit', '-qm', 'partial');
    expect(partial.output).not.toContain('no-ack-before-durable-write');
    expect(partial.status).toBe(0);
    expect(git(dir, 'log', '--format=%s').output.trim().split('\n')).toEqual(['partial', 'fix', 'base']);

    // A second install changes nothing.
    const before = snapshot(join(dir, '.git/hooks'));
    const again = assume(['hooks', 'install'], dir);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('already installed');
    expect(snapshot(join(dir, '.git/hooks'))).toEqual(before);
  }, 60_000);

  it('appends to an existing hook byte-for-byte and keeps its mode; --dry-run writes nothing', () => {
    const dir = repo();
    const hook = join(dir, '.git/hooks/pre-commit');
    const original = '#!/usr/bin/env bash\nset -euo pipefail\n# later: npx assume check --staged\nnpm run lint --silent'; // no final newline; a commented-out step does not count
    writeFileSync(hook, original, { mode: 0o700 });
    chmodSync(hook, 0o700);

    const dry = assume(['hooks', 'install', '--dry-run'], dir);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain('append');
    expect(dry.stdout).toContain('Nothing was written');
    expect(readFileSync(hook, 'utf8')).toBe(original);

    const r = assume(['hooks', 'install'], dir);
    expect(r.status).toBe(0);
    expect(readFileSync(hook, 'utf8')).toBe(`${original}\n${STEP}`);
    expect(statSync(hook).mode & 0o777).toBe(0o700);
    const before = snapshot(join(dir, '.git/hooks'));
    expect(assume(['hooks', 'install'], dir).stdout).toContain('Nothing to do');
    expect(snapshot(join(dir, '.git/hooks'))).toEqual(before);
  });

  it('a hook that ends in exit, or is not a shell script, is left alone and the line to add is printed (exit 0)', () => {
    for (const original of ['#!/bin/sh\nnpm test\nexit 0\n', '#!/usr/bin/env python3\nprint("hi")\n']) {
      const dir = repo();
      const hook = join(dir, '.git/hooks/pre-commit');
      writeFileSync(hook, original, { mode: 0o755 });
      const r = assume(['hooks', 'install'], dir);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('manual');
      expect(r.stdout).toContain(HOOK_COMMAND);
      expect(r.stdout).toContain('add the lines shown above yourself');
      expect(readFileSync(hook, 'utf8')).toBe(original);
    }
  });

  it('honours core.hooksPath, and works from a subfolder', () => {
    const dir = repo({ 'src/lib/a.ts': 'export const a = 1;\n' });
    git(dir, 'config', 'core.hooksPath', '.githooks');
    const r = assume(['hooks', 'install'], join(dir, 'src/lib'));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('../../.githooks/pre-commit');
    expect(readFileSync(join(dir, '.githooks/pre-commit'), 'utf8')).toBe(`#!/bin/sh${STEP}`);
    expect(statSync(join(dir, '.githooks/pre-commit')).mode & 0o111).not.toBe(0);
    expect(existsSync(join(dir, '.git/hooks/pre-commit'))).toBe(false);
  });

  it('in a linked worktree, installs into the hooks folder git uses (the common git folder)', () => {
    const dir = repo({ 'a.ts': 'export const a = 1;\n' });
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'base');
    const wt = join(tempDir('assume-wt-'), 'wt');
    expect(git(dir, 'worktree', 'add', '-q', wt).status).toBe(0);
    const r = assume(['hooks', 'install'], wt);
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, '.git/hooks/pre-commit'), 'utf8')).toContain(HOOK_COMMAND);
    expect(existsSync(join(wt, '.git/hooks'))).toBe(false); // .git is a file in a worktree
  });

  it('outside a git repository: a usage error, exit 2', () => {
    const r = assume(['hooks', 'install'], tempDir('assume-nogit-'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^assume: usage error: .*not inside a git work tree/);
  });

  it('init --hooks is the same install', () => {
    const dir = repo();
    const r = assume(['init', '--hooks'], dir);
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, '.git/hooks/pre-commit'), 'utf8')).toBe(`#!/bin/sh${STEP}`);
    expect(existsSync(join(dir, 'docs/assumptions'))).toBe(false); // --hooks sets up the hook only
    expect(assume(['init', '--hooks'], dir).stdout).toContain('already installed');
    expect(assume(['init', '--hooks', '--template', 'library'], dir).status).toBe(2);
  });
});

describe('assume hooks install: hook managers', () => {
  it('husky: appends to .husky/pre-commit byte-for-byte, never edits package.json, advises on prepare', () => {
    const pkg = `{\n  "name": "svc",\n  "scripts": { "test": "vitest" },\n  "devDependencies": { "husky": "^9.1.7" }\n}\n`;
    const dir = repo({ 'package.json': pkg, '.husky/pre-commit': 'npx lint-staged\n' });
    const r = assume(['hooks', 'install'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('husky: .husky/ found');
    expect(readFileSync(join(dir, '.husky/pre-commit'), 'utf8')).toBe(`npx lint-staged\n${STEP}`);
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe(pkg);
    expect(r.stdout).toContain('"prepare": "husky"');
    const before = snapshot(dir);
    expect(assume(['hooks', 'install'], dir).stdout).toContain('already installed');
    expect(snapshot(dir)).toEqual(before);
  });

  it('husky in devDependencies without a hook yet: creates an executable .husky/pre-commit', () => {
    const pkg = '{ "devDependencies": { "husky": "^9.0.0" }, "scripts": { "prepare": "husky" } }\n';
    const dir = repo({ 'package.json': pkg });
    const r = assume(['hooks', 'install'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('husky in package.json');
    expect(r.stdout).not.toContain('"prepare": "husky"');
    expect(readFileSync(join(dir, '.husky/pre-commit'), 'utf8')).toBe(STEP.slice(1));
    expect(statSync(join(dir, '.husky/pre-commit')).mode & 0o777).toBe(0o755);
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe(pkg);
  });

  it('lefthook: adds pre-commit.commands.assume and keeps every other byte (comments, spacing, 4-space indent)', () => {
    const config = [
      '# lefthook: shared hooks',
      'pre-push:',
      '    commands:',
      '        test:',
      '            run: npm test   # all of them',
      '',
      'pre-commit:',
      '    parallel: true',
      '    commands:',
      '        lint:',
      '            glob: "*.{js,ts}"',
      "            run: npx eslint {staged_files}",
      '        # formatting last',
      '        fmt:',
      '            run: npx prettier --check {staged_files}',
      '',
      'output: [summary]   # quiet',
      '',
    ].join('\n');
    const dir = repo({ 'lefthook.yml': config });
    const r = assume(['hooks', 'install'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('lefthook: lefthook.yml found');
    const after = readFileSync(join(dir, 'lefthook.yml'), 'utf8');
    const added = `        assume:\n            run: ${HOOK_COMMAND}\n`;
    expect(after).toBe(config.replace('{staged_files}\n\noutput', `{staged_files}\n${added}\noutput`));
    const data = parse(after) as { 'pre-commit': { commands: Record<string, { run: string }> } };
    expect(data['pre-commit'].commands.assume.run).toBe(HOOK_COMMAND);
    expect(Object.keys(data['pre-commit'].commands)).toEqual(['lint', 'fmt', 'assume']);
    const before = snapshot(dir);
    expect(assume(['hooks', 'install'], dir).stdout).toContain('already installed');
    expect(snapshot(dir)).toEqual(before);
  });

  it('lefthook: says to run `lefthook install` while the clone has no pre-commit hook of lefthook, and not once it has', () => {
    const config = 'pre-push:\n  commands:\n    test:\n      run: npm test\n';
    const bare = repo({ 'lefthook.yml': config });
    const first = assume(['hooks', 'install'], bare);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('run `npx lefthook install` now, or the next commit is not checked');

    // What `lefthook install` writes for a config with a pre-commit section (lefthook 2.2).
    const wired = repo({ 'lefthook.yml': config });
    mkdirSync(join(wired, '.git', 'hooks'), { recursive: true });
    writeFileSync(join(wired, '.git', 'hooks', 'pre-commit'), '#!/bin/sh\n\nif [ "$LEFTHOOK_VERBOSE" = "1" ]; then set -x; fi\ncall_lefthook run "pre-commit" "$@"\n', { mode: 0o755 });
    const second = assume(['hooks', 'install'], wired);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('lefthook: lefthook.yml found');
    expect(second.stdout).not.toContain('lefthook install');
  });

  it('lefthook TOML: printed, not edited', () => {
    const toml = '[pre-commit.commands.lint]\nrun = "npx eslint"\n';
    const dir = repo({ 'lefthook.toml': toml });
    const r = assume(['hooks', 'install'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('[pre-commit.commands.assume]');
    expect(readFileSync(join(dir, 'lefthook.toml'), 'utf8')).toBe(toml);
  });

  it('simple-git-hooks in package.json: appends `&& ...` to the command, every other byte kept', () => {
    const pkg = '{\n\t"name": "svc",\n\t"simple-git-hooks": {\n\t\t"pre-commit": "npx lint-staged",\n\t\t"pre-push": "npm test"\n\t}\n}\n';
    const dir = repo({ 'package.json': pkg });
    const r = assume(['hooks', 'install'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('npx simple-git-hooks');
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe(pkg.replace('"npx lint-staged"', `"npx lint-staged && ${HOOK_COMMAND}"`));
    const before = snapshot(dir);
    expect(assume(['hooks', 'install'], dir).stdout).toContain('already installed');
    expect(snapshot(dir)).toEqual(before);
  });

  it('simple-git-hooks: a command that cannot take `&&`, or a JS config, is printed, not edited (exit 0)', () => {
    const pkg = '{ "simple-git-hooks": { "pre-commit": "npx lint-staged; npm test # fast" } }\n';
    const dir = repo({ 'package.json': pkg });
    const r = assume(['hooks', 'install'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('manual');
    expect(r.stdout).toContain(`&& ${HOOK_COMMAND}`);
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe(pkg);

    const js = "module.exports = { 'pre-commit': 'npx lint-staged' };\n";
    const dir2 = repo({ '.simple-git-hooks.cjs': js });
    const r2 = assume(['hooks', 'install'], dir2);
    expect(r2.status).toBe(0);
    expect(r2.stdout).toContain(`'pre-commit': '${HOOK_COMMAND}'`);
    expect(readFileSync(join(dir2, '.simple-git-hooks.cjs'), 'utf8')).toBe(js);
  });

  it('the pre-commit framework: the entry to add is printed, the config is not edited', () => {
    const config = 'repos:\n  - repo: https://github.com/pre-commit/pre-commit-hooks\n    rev: v5.0.0\n    hooks:\n      - id: trailing-whitespace\n';
    const dir = repo({ '.pre-commit-config.yaml': config });
    const r = assume(['hooks', 'install'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('id: assume-check');
    expect(readFileSync(join(dir, '.pre-commit-config.yaml'), 'utf8')).toBe(config);
    expect(existsSync(join(dir, '.git/hooks/pre-commit'))).toBe(false);
  });
});

describe('the config editors (in process)', () => {
  const block = (indent: string, step = '  ') => `${indent}assume:\n${indent}${step}run: ${HOOK_COMMAND}\n`;

  it('lefthook YAML: each shape gets the step as an insertion, or a reason', () => {
    expect(addToLefthookYaml('')).toEqual({ content: `pre-commit:\n  commands:\n${block('    ')}` });
    expect(addToLefthookYaml('# only a comment')).toEqual({ content: `# only a comment\npre-commit:\n  commands:\n${block('    ')}` });
    expect(addToLefthookYaml('pre-push:\n  commands:\n    t:\n      run: x\n')).toEqual({ content: `pre-push:\n  commands:\n    t:\n      run: x\npre-commit:\n  commands:\n${block('    ')}` });
    expect(addToLefthookYaml('pre-commit:\n  parallel: true\nx: 1\n')).toEqual({ content: `pre-commit:\n  parallel: true\n  commands:\n${block('    ')}x: 1\n` });
    expect(addToLefthookYaml('pre-commit:\n  commands:\nx: 1\n')).toEqual({ content: `pre-commit:\n  commands:\n${block('    ')}x: 1\n` });
    expect(addToLefthookYaml('pre-commit:\r\n  commands:\r\n    a:\r\n      run: |\r\n        one\r\n        two\r\n')).toEqual({ content: `pre-commit:\r\n  commands:\r\n    a:\r\n      run: |\r\n        one\r\n        two\r\n${block('    ').replace(/\n/g, '\r\n')}` });
    // lefthook 1.10+ jobs: a job in the list's own style.
    expect(addToLefthookYaml('pre-commit:\n  jobs:\n    - name: lint\n      run: x\n    -   run: y\npre-push: {}\n')).toEqual({
      content: `pre-commit:\n  jobs:\n    - name: lint\n      run: x\n    -   run: y\n    - name: assume\n      run: ${HOOK_COMMAND}\npre-push: {}\n`,
    });
    expect(addToLefthookYaml(`pre-commit:\n  jobs:\n    - name: assume\n      run: npm run assume\n`)).toEqual({ installed: true });
    expect(addToLefthookYaml('pre-commit:\n  jobs: [{ run: x }]\n')).toHaveProperty('reason');
    expect(addToLefthookYaml('pre-commit: { commands: {} }\n')).toHaveProperty('reason');
    expect(addToLefthookYaml('- a\n- b\n')).toHaveProperty('reason');
    expect(addToLefthookYaml('pre-commit:\n  commands: [\n')).toHaveProperty('reason');
    expect(addToLefthookYaml(`pre-commit:\n  commands:\n    x:\n      run: npx assume check --staged\n`)).toEqual({ installed: true });
  });

  it('simple-git-hooks JSON: a new key before the first, or `&&` inside the string; the rest untouched', () => {
    expect(addToSimpleGitHooksJson('{"pre-push":"npm test"}', [])).toEqual({ content: `{"pre-commit": "${HOOK_COMMAND}","pre-push":"npm test"}` });
    expect(addToSimpleGitHooksJson('{\n  "pre-push": "x"\n}\n', [])).toEqual({ content: `{\n  "pre-commit": "${HOOK_COMMAND}",\n  "pre-push": "x"\n}\n` });
    expect(addToSimpleGitHooksJson('{}', [])).toEqual({ content: `{"pre-commit": "${HOOK_COMMAND}"}` });
    expect(addToSimpleGitHooksJson('{"a":[1,{"b":"}"}],"simple-git-hooks":{"pre-commit":"say \\"hi\\""}}', ['simple-git-hooks'])).toEqual({
      content: `{"a":[1,{"b":"}"}],"simple-git-hooks":{"pre-commit":"say \\"hi\\" && ${HOOK_COMMAND}"}}`,
    });
    expect(addToSimpleGitHooksJson('{"simple-git-hooks":{"pre-commit":["x"]}}', ['simple-git-hooks'])).toHaveProperty('reason');
    expect(addToSimpleGitHooksJson('{"simple-git-hooks":"./hooks.json"}', ['simple-git-hooks'])).toHaveProperty('reason');
    expect(addToSimpleGitHooksJson('{"pre-commit":"npx lint-staged &"}', [])).toHaveProperty('reason');
    expect(addToSimpleGitHooksJson('{"pre-commit":"npx assume check --staged"}', [])).toEqual({ installed: true });
    expect(addToSimpleGitHooksJson('{ not json', [])).toHaveProperty('reason');
  });
});
