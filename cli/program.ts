/**
 * The command line: commander program, one lazily imported module per command. `run` returns what to
 * print and the exit code, or throws the typed error a command threw; `cli/index.ts` maps errors to exit
 * codes, prints, and sets the code (the only place that does).
 */
import { Command, CommanderError, Option } from 'commander';
import { existsSync } from 'node:fs';
import { appendFileSync, mkdirSync } from 'node:fs';
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
  /** Is stderr a terminal (progress lines go there)? */
  stderrIsTTY?: boolean;
  /** Rewrites the progress line on stderr (`''` clears it); only set by the binary. */
  progress?: (line: string) => void;
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
    .description('analyze the code (the four core rules, across files) and the assumption register (exit 0 clean, 1 findings, 2 error, 3 incomplete)')
    .argument('[paths...]', 'files or folders to analyze (default: the tsconfig\'s files, or the whole project)')
    .addOption(new Option('-f, --format <format>', 'report format').choices(['text', 'json', 'sarif', 'github']).default('text'))
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
    .option('-p, --project <tsconfig>', 'the tsconfig.json to load (default: ./tsconfig.json when present)')
    .option('-c, --config <file>', 'the config file (default: assume.config.json)')
    .option('--rule <id=level>', 'set a rule\'s level: off, warn or error (repeatable)', (value: string, previous: string[]) => [...previous, value], [] as string[])
    .option('--max-warnings <n>', 'fail (exit 1) when there are more warnings than this')
    .addOption(new Option('--fail-level <level>', 'lowest severity that fails the run').choices(['error', 'warn']).default('error'))
    .option('-q, --quiet', 'report errors only', false)
    .option('--verbose', 'progress and timing on stderr even when it is not a terminal', false)
    .option('--staged', 'check the content staged in git\'s index (pre-commit), not the working tree', false)
    .option('--changed [ref]', 'check only files changed since the merge-base with ref (default: upstream, else main)')
    .option('--cache', 'reuse results of unchanged files (node_modules/.cache/assume)', false)
    .option('--no-code', 'check the assumption register only')
    .addOption(todayOption())
    .action(async (paths: string[], opts: CheckFlags, command: Command) => {
      const started = Date.now();
      const [{ check, formatJson, formatText, registerSource }, loaded] = await Promise.all([import('./commands/check.js'), loadConfigFull(io.cwd, opts.config)]);
      const config = loaded.config;
      for (const p of paths) if (!existsSync(path.resolve(io.cwd, p))) throw new UsageError(`No such file or folder: ${p}`);
      const ruleOverrides = parseRuleFlags(opts.rule);
      const maxWarnings = opts.maxWarnings === undefined ? undefined : Number(opts.maxWarnings);
      if (maxWarnings !== undefined && (!Number.isInteger(maxWarnings) || maxWarnings < 0)) throw new UsageError(`--max-warnings takes a whole number, not ${JSON.stringify(opts.maxWarnings)}.`);
      if (opts.staged && opts.changed !== undefined) throw new UsageError('--staged and --changed cannot be used together.');
      const sources = [registerSource];
      let files = 0;
      // `--staged` / `--changed`: only these files (absolute), and for `--staged` their staged contents.
      let only: string[] | undefined;
      let overlay: Map<string, string> | undefined;
      if (opts.code !== false) {
        const [{ codeSource }, git] = await Promise.all([import('./sources/code.js'), opts.staged || opts.changed !== undefined ? import('../analyzer/git.js') : undefined]);
        try {
          if (opts.staged && git) {
            overlay = git.stagedFiles(io.cwd);
            only = [...overlay.keys()].filter(isSourceFile);
          } else if (opts.changed !== undefined && git) {
            only = git.changedFiles(io.cwd, typeof opts.changed === 'string' ? opts.changed : undefined).filter(isSourceFile);
          }
        } catch (error) {
          throw new UsageError(error instanceof Error ? error.message : String(error));
        }
        const showProgress = io.stderrIsTTY === true || opts.verbose;
        sources.push(
          codeSource({
            config,
            configFile: loaded.file,
            project: opts.project,
            ruleOverrides,
            only,
            overlay,
            cache: opts.cache,
            onProgress: showProgress && io.progress ? (done, total) => {
              files = total;
              if (Date.now() - started > 1000 || opts.verbose) io.progress?.(`assume: analyzing ${done}/${total} files`);
            } : (_done, total) => {
              files = total;
            },
          }),
        );
        if (only && only.length === 0) sources.pop();
      }
      const result = await check({
        cwd: io.cwd,
        only,
        overlay,
        paths: paths.map((p) => path.relative(io.cwd, path.resolve(io.cwd, p)) || '.'),
        register: config.register ?? {},
        directives: config.suppressions ?? {},
        today: todayOf(opts.today),
        sources,
      });
      io.progress?.('');
      if (opts.quiet) result.findings = result.findings.filter((f) => f.severity === 'error');
      const errors = result.findings.filter((f) => f.severity === 'error').length;
      const warnings = result.findings.length - errors;
      const failing = opts.failLevel === 'warn' ? errors + warnings : errors;
      let exitCode: ExitCode = failing > 0 ? ExitCode.findings : result.incomplete.length > 0 ? ExitCode.incomplete : ExitCode.clean;
      let stderr = '';
      if (maxWarnings !== undefined && warnings > maxWarnings) {
        exitCode = ExitCode.findings;
        stderr += `assume: ${warnings} warning(s), more than --max-warnings ${maxWarnings}.\n`;
      }
      result.exitCode = exitCode;
      let report: string;
      let summary: string | undefined;
      if (opts.format === 'json') report = formatJson(result);
      else if (opts.format === 'text') report = formatText(result, colorsOf(command));
      else {
        const [{ reportOf, reportedRules }, { rules }] = await Promise.all([import('./report.js'), import('../index.js')]);
        const coreRules = Object.entries(rules).filter(([id]) => id !== 'require-assumption-for-disable').map(([id, rule]) => ({ id, description: rule.meta.docs?.description ?? id, url: rule.meta.docs?.url ?? '' }));
        const data = reportOf(result, { root: io.cwd, version: packageVersion(), rules: reportedRules(coreRules), files, durationMs: Date.now() - started });
        if (opts.format === 'sarif') {
          const { formatSarif } = await import('./reporters/sarif.js');
          report = formatSarif(data);
        } else {
          const { formatGithub } = await import('./reporters/github.js');
          const out = formatGithub(data);
          report = out.stdout;
          summary = out.summary;
        }
      }
      if (summary !== undefined && io.env.GITHUB_STEP_SUMMARY) appendSummary(io.env.GITHUB_STEP_SUMMARY, summary);
      if (opts.verbose) stderr += `assume: ${files} file(s) analyzed in ${Date.now() - started} ms\n`;
      if (opts.output !== undefined) {
        // The user named this path: it may be outside the project (CI temp folders), so its own folder is the root.
        const target = path.resolve(io.cwd, opts.output);
        const { writeFileAtomic } = await import('./fs/atomic-write.js');
        try {
          mkdirSync(path.dirname(target), { recursive: true });
        } catch (error) {
          throw new UsageError(`--output: cannot create the folder of ${opts.output}: ${error instanceof Error ? error.message : String(error)}`);
        }
        writeFileAtomic(path.dirname(target), path.basename(target), report, { mode: 'replace' });
        done({ exitCode, stdout: '', stderr });
        return;
      }
      done({ exitCode, stdout: report, stderr });
    });

  return program;
}

interface CheckFlags {
  format: 'text' | 'json' | 'sarif' | 'github';
  output?: string;
  project?: string;
  config?: string;
  rule: string[];
  maxWarnings?: string;
  failLevel: 'error' | 'warn';
  quiet: boolean;
  verbose: boolean;
  staged: boolean;
  changed?: string | boolean;
  cache: boolean;
  code?: boolean;
  today?: string;
}

const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
function isSourceFile(file: string): boolean {
  return SOURCE_FILE.test(file) && !file.endsWith('.d.ts');
}

/** `--rule id=level` flags as a map; a malformed one is a usage error. */
function parseRuleFlags(flags: readonly string[]): Record<string, 'off' | 'warn' | 'error'> {
  const out: Record<string, 'off' | 'warn' | 'error'> = {};
  for (const flag of flags) {
    const match = /^([\w@/-]+)=(off|warn|error)$/.exec(flag);
    if (!match) throw new UsageError(`--rule takes <id>=off|warn|error, not ${JSON.stringify(flag)}.`);
    out[match[1].replace(/^assume\//, '')] = match[2] as 'off' | 'warn' | 'error';
  }
  return out;
}

function appendSummary(file: string, summary: string): void {
  try {
    appendFileSync(file, summary);
  } catch {
    // The job summary is a courtesy; the annotations already went to stdout.
  }
}

async function loadConfigFull(cwd: string, file: string | undefined): Promise<import('./config.js').LoadedConfig> {
  const { loadConfig } = await import('./config.js');
  return loadConfig({ cwd, file });
}

async function loadConfigOf(cwd: string): Promise<import('./config.js').AssumeConfig> {
  const { loadConfig } = await import('./config.js');
  return (await loadConfig({ cwd })).config;
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
