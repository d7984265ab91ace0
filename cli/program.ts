/**
 * The command line: commander program, one lazily imported module per command. `run` returns what to
 * print and the exit code, or throws the typed error a command threw; `cli/index.ts` maps errors to exit
 * codes, prints, and sets the code (the only place that does).
 */
import { Command, CommanderError, Option } from 'commander';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { createColors, colorEnabled, type Colors } from './color.js';
import { ExitCode, UsageError } from './errors.js';
import { packageVersion } from './package-info.js';

/** The environment a run sees; injectable for tests. */
export interface Io {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  /** Asks a question on the terminal; only called when the run is interactive. */
  ask(question: string, fallback: string): Promise<string>;
}

export interface Outcome {
  exitCode: ExitCode;
  stdout: string;
  stderr: string;
}

/** A command's output: the report on stdout, notes on stderr. */
interface CommandOutput {
  exitCode: ExitCode;
  stdout: string;
  stderr?: string;
}

/** Today (UTC, `YYYY-MM-DD`) or the hidden `--today` override used by tests. */
function todayOf(given: string | undefined): string {
  if (given !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(given)) throw new UsageError(`--today must be a date YYYY-MM-DD, not ${JSON.stringify(given)}.`);
    return given;
  }
  return new Date().toISOString().slice(0, 10);
}

const todayOption = (): Option => new Option('--today <date>', 'today as YYYY-MM-DD (for reproducible runs)').hideHelp();

function createProgram(io: Io, out: { stdout: string; stderr: string }, done: (output: CommandOutput) => void): Command {
  const program = new Command('assume');
  const colorsOf = (command: Command): Colors => {
    const { color } = command.optsWithGlobals<{ color?: boolean }>();
    return createColors(colorEnabled({ isTTY: io.stdoutIsTTY, env: io.env, flag: color !== false }));
  };
  const interactive = (yes: boolean | undefined): boolean => !yes && io.stdinIsTTY && (io.env.CI === undefined || io.env.CI === '' || io.env.CI === 'false');

  program
    .description('assume-lint: keep the assumptions a Node.js service relies on written down, checked, and cited by the code.')
    .version(packageVersion(), '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .option('--no-color', 'plain output (also when NO_COLOR is set)')
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => {
        out.stdout += text;
      },
      writeErr: (text) => {
        out.stderr += text;
      },
    })
    .exitOverride();
  program.configureHelp({ sortSubcommands: false });

  program
    .command('init')
    .description('write the assumption register, threat-model checklist and rollback template (only what is absent)')
    .argument('[dir]', 'folder to initialize', '.')
    .addOption(new Option('-t, --template <profile>', 'starter assumptions and checklist answers').choices(['http-service', 'queue-worker', 'library']))
    .option('--owner <who>', 'owner written into the starter assumptions')
    .option('--force', 'refresh files that are still byte-identical to what init wrote (never an edited file)', false)
    .option('--dry-run', 'print the plan (create / keep / conflict) and write nothing', false)
    .option('-y, --yes', 'take the defaults without asking', false)
    .action(async (dir: string, opts: { template?: string; owner?: string; force: boolean; dryRun: boolean; yes: boolean }, command: Command) => {
      const { init, formatInit } = await import('./commands/init.js');
      const result = await init({
        dir,
        cwd: io.cwd,
        template: opts.template,
        owner: opts.owner,
        force: opts.force,
        dryRun: opts.dryRun,
        ask: interactive(opts.yes) ? (question, fallback) => io.ask(question, fallback) : undefined,
      });
      done({ exitCode: ExitCode.clean, stdout: formatInit(result, colorsOf(command), dir) });
    });

  program
    .command('add')
    .description('create one assumption file (refuses an existing id)')
    .argument('<statement>', 'what the system relies on, in one sentence')
    .requiredOption('--id <A-slug>', 'assumption id, e.g. A-queue-at-least-once')
    .requiredOption('--owner <who>', 'team or person who owns it')
    .addOption(new Option('--severity <level>', 'how bad it is if false').choices(['low', 'medium', 'high', 'critical']).default('medium'))
    .addOption(todayOption())
    .action(async (statement: string, opts: { id: string; owner: string; severity: string; today?: string }) => {
      const [{ add, formatAdd }, config] = await Promise.all([import('./commands/add.js'), loadConfigOf(io.cwd)]);
      const result = add({ cwd: io.cwd, statement, id: opts.id, owner: opts.owner, severity: opts.severity, today: todayOf(opts.today), paths: config.register });
      done({ exitCode: ExitCode.clean, stdout: formatAdd(result) });
    });

  program
    .command('index')
    .description('regenerate the index in the register README (or verify it with --check)')
    .option('--check', 'exit 1 if the index is out of date; write nothing', false)
    .action(async (opts: { check: boolean }) => {
      const [{ reindex, formatIndex }, config] = await Promise.all([import('./commands/reindex.js'), loadConfigOf(io.cwd)]);
      const result = reindex({ cwd: io.cwd, check: opts.check, paths: config.register });
      done({ exitCode: opts.check && !result.fresh ? ExitCode.findings : ExitCode.clean, stdout: formatIndex(result, opts.check) });
    });

  const rollback = program.command('rollback').description('rollback plans');
  rollback
    .command('new')
    .description('copy the rollback template to docs/rollback/<slug>.md')
    .argument('<slug>', 'name of the change, e.g. orders-v2-schema')
    .action(async (slug: string) => {
      const [{ rollbackNew, formatRollbackNew }, config] = await Promise.all([import('./commands/rollback.js'), loadConfigOf(io.cwd)]);
      done({ exitCode: ExitCode.clean, stdout: formatRollbackNew(rollbackNew({ cwd: io.cwd, slug, paths: config.register })) });
    });

  program
    .command('check')
    .description('check the assumption register and what the code cites (exit 0 clean, 1 findings, 2 error, 3 incomplete)')
    .argument('[paths...]', 'files or folders whose comments are checked (default: the whole project)')
    .addOption(new Option('-f, --format <format>', 'report format').choices(['text', 'json']).default('text'))
    .addOption(todayOption())
    .action(async (paths: string[], opts: { format: 'text' | 'json'; today?: string }, command: Command) => {
      const missing = paths.filter((p) => !existsSync(path.resolve(io.cwd, p)));
      if (missing.length > 0) throw new UsageError(`No such file or folder: ${missing.join(', ')}.`);
      const [{ check, formatJson, formatText }, config] = await Promise.all([import('./commands/check.js'), loadConfigOf(io.cwd)]);
      const result = await check({
        cwd: io.cwd,
        paths: paths.map((p) => path.relative(io.cwd, path.resolve(io.cwd, p)) || '.'),
        register: config.register ?? {},
        directives: config.suppressions ?? {},
        today: todayOf(opts.today),
      });
      done({ exitCode: result.exitCode, stdout: opts.format === 'json' ? formatJson(result) : formatText(result, colorsOf(command)) });
    });

  return program;
}

async function loadConfigOf(cwd: string): Promise<import('./config.js').AssumeConfig> {
  const { loadConfig } = await import('./config.js');
  return loadConfig({ cwd }).config;
}

/** Parses `argv` (without the node and script entries), runs the command, and returns what to print. */
export async function run(argv: readonly string[], io: Io): Promise<Outcome> {
  const out = { stdout: '', stderr: '' };
  let output: CommandOutput | undefined;
  const program = createProgram(io, out, (o) => {
    output = o;
  });
  try {
    if (argv.length === 0) {
      out.stderr += program.helpInformation();
      return { exitCode: ExitCode.error, ...out };
    }
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version were printed by commander; anything else is a usage error it already described.
      const ok = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || (error.code === 'commander.help' && error.exitCode === 0);
      return { exitCode: ok ? ExitCode.clean : ExitCode.error, ...out };
    }
    throw error;
  }
  if (!output) return { exitCode: ExitCode.clean, ...out };
  return { exitCode: output.exitCode, stdout: out.stdout + output.stdout, stderr: out.stderr + (output.stderr ?? '') };
}
