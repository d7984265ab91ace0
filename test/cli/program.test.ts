// The program in process: interactivity rules and error mapping, with an injected Io.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../cli/errors.js';
import { run, type Io } from '../../cli/program.js';
import { cleanup, tempDir } from './helpers.js';

afterAll(cleanup);

function io(cwd: string, overrides: Partial<Io> = {}, answers: string[] = []): Io & { asked: string[] } {
  const asked: string[] = [];
  return {
    cwd,
    env: {},
    stdinIsTTY: true,
    stdoutIsTTY: false,
    ask(question) {
      asked.push(question);
      return Promise.resolve(answers.shift() ?? '');
    },
    asked,
    ...overrides,
  };
}

describe('interactive init', () => {
  it('on a TTY, asks for the kind of project and the owner', async () => {
    const dir = tempDir();
    const terminal = io(dir, {}, ['queue-worker', 'team-q']);
    const outcome = await run(['init'], terminal);
    expect(outcome.exitCode).toBe(0);
    expect(terminal.asked).toHaveLength(2);
    expect(outcome.stdout).toContain('(template queue-worker)');
    expect(readFileSync(join(dir, 'docs/assumptions/A-example.md'), 'utf8')).toContain('owner: "team-q"');
  });

  it('an empty answer takes the default, an unknown kind is a usage error', async () => {
    const defaults = tempDir();
    const taken = await run(['init'], io(defaults, {}, ['', '']));
    expect(taken.stdout).toContain('(template http-service)');
    expect(readFileSync(join(defaults, 'docs/assumptions/A-example.md'), 'utf8')).toContain('owner: "@your-team"');
    const dir = tempDir();
    await expect(run(['init'], io(dir, {}, ['mainframe']))).rejects.toThrow(new UsageError('Unknown template "mainframe": choose one of http-service, queue-worker, library.'));
  });

  it('--yes, CI, a non-TTY stdin or given flags: no questions', async () => {
    for (const [args, overrides] of [
      [['init', '--yes'], {}],
      [['init'], { env: { CI: 'true' } }],
      [['init'], { stdinIsTTY: false }],
      [['init', '--template', 'library', '--owner', 'me'], {}],
    ] as [string[], Partial<Io>][]) {
      const terminal = io(tempDir(), overrides);
      expect((await run(args, terminal)).exitCode).toBe(0);
      expect(terminal.asked, args.join(' ')).toEqual([]);
    }
  });
});

describe('errors and output', () => {
  it('a command throws typed errors (the entry maps them to exit codes); commander errors are exit 2', async () => {
    await expect(run(['rollback', 'new', '../x'], io(tempDir()))).rejects.toBeInstanceOf(UsageError);
    expect(await run(['init', '--nope'], io(tempDir()))).toEqual({ exitCode: 2, stdout: '', stderr: "error: unknown option '--nope'\n" });
  });

  it('colors only on a TTY without NO_COLOR and without --no-color', async () => {
    const dir = tempDir();
    const colored = await run(['init', '--dry-run'], io(dir, { stdoutIsTTY: true, stdinIsTTY: false }));
    expect(colored.stdout).toContain('\u001b[');
    for (const [args, overrides] of [
      [['--no-color', 'init', '--dry-run'], { stdoutIsTTY: true }],
      [['init', '--dry-run'], { stdoutIsTTY: true, env: { NO_COLOR: '1' } }],
      [['init', '--dry-run'], { stdoutIsTTY: false }],
    ] as [string[], Partial<Io>][]) {
      const plain = await run(args, io(dir, { stdinIsTTY: false, ...overrides }));
      expect(plain.exitCode).toBe(0);
      expect(plain.stdout, args.join(' ')).not.toContain('\u001b[');
    }
  });

  it('check --today must be a date', async () => {
    await expect(run(['check', '--today', 'tomorrow'], io(tempDir()))).rejects.toThrow('--today must be a date');
  });
});
