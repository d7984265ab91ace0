/**
 * The command line: commander program, one lazily imported module per command. `run` returns what to
 * print and the exit code, or throws the typed error a command threw; `cli/index.ts` maps errors to exit
 * codes, prints, and sets the code (the only place that does).
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { existsSync } from 'node:fs';
import { appendFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { createColors, colorEnabled, type Colors } from './color.js';
import { ConfigError, ExitCode, UsageError } from './errors.js';
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
    .option('--hooks', 'set up only the pre-commit hook (same as `assume hooks install`)', false)
    .addOption(new Option('--ci <provider>', 'set up only a CI job running assume check').choices(['github', 'gitlab']))
    .action(async (dir: string, opts: { template?: string; owner?: string; force: boolean; dryRun: boolean; yes: boolean; hooks: boolean; ci?: string }, command: Command) => {
      if (opts.hooks || opts.ci !== undefined) {
        // --hooks and --ci set up only what they name; the register is plain `assume init`'s job.
        if (opts.template !== undefined || opts.owner !== undefined) throw new UsageError('--template and --owner set up the register; run `assume init` for it, and --hooks / --ci separately.');
        const target = path.resolve(io.cwd, dir);
        const [hooksModule, ciModule] = await Promise.all([opts.hooks ? import('./commands/hooks.js') : undefined, opts.ci !== undefined ? import('./commands/ci.js') : undefined]);
        // Plan both before writing either: a refusal leaves nothing half done.
        const hooksPlan = hooksModule?.planHooks({ cwd: target, dryRun: opts.dryRun });
        const ciPlan = ciModule?.planCi({ dir, cwd: io.cwd, provider: opts.ci ?? '', force: opts.force, dryRun: opts.dryRun });
        const parts: string[] = [];
        if (hooksModule && hooksPlan) parts.push(hooksModule.formatHooks(hooksModule.applyHooks(hooksPlan), colorsOf(command), io.cwd));
        if (ciModule && ciPlan) parts.push(ciModule.formatCi(ciModule.applyCi(ciPlan), colorsOf(command), io.cwd));
        done({ exitCode: ExitCode.clean, stdout: parts.join('\n') });
        return;
      }
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
    .command('hooks')
    .description('git hooks that run assume check on each commit')
    .command('install')
    .description('add a pre-commit step running `assume check --staged` to husky, lefthook, simple-git-hooks, pre-commit or .git/hooks (never clobbers a hook)')
    .addOption(new Option('--manager <name>', 'use this hook manager instead of detecting one').choices(['husky', 'lefthook', 'simple-git-hooks', 'pre-commit', 'git']))
    .option('--dry-run', 'print the plan and write nothing', false)
    .action(async (opts: { manager?: string; dryRun: boolean }, command: Command) => {
      const { installHooks, formatHooks } = await import('./commands/hooks.js');
      const result = installHooks({ cwd: io.cwd, dryRun: opts.dryRun, manager: opts.manager });
      done({ exitCode: ExitCode.clean, stdout: formatHooks(result, colorsOf(command), io.cwd) });
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

  /** `--format` and `--output` of `check` in the order given, to tell which format goes to stdout. */
  const reportFlagOrder: ('f' | 'o')[] = [];
  program
    .command('check')
    .description('analyze the code (the four core rules, across files) and the assumption register (exit 0 clean, 1 findings, 2 error, 3 incomplete)')
    .argument('[paths...]', 'files or folders to analyze (default: the tsconfig\'s files, or the whole project)')
    .addOption(new Option('-f, --format <format>', `report format: ${REPORT_FORMATS.join(', ')} (default: text); repeatable, the Nth --output goes with the Nth --format`).argParser((value: string, previous?: ReportFormat[]) => collectFormat(value, previous, reportFlagOrder)))
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout; repeatable, one per --format', (value: string, previous?: string[]) => collectOutput(value, previous, reportFlagOrder))
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
    .option('--baseline <file>', 'the baseline: findings it records are reported but do not fail the run (default: .assume/baseline.json, used when present)')
    .option('--no-baseline', 'ignore the baseline: every finding counts')
    .option('--baseline-write', 'record the current findings in the baseline, report nothing, exit 0', false)
    .option('--baseline-prune', 'also drop the baseline entries whose finding is fixed (never adds one)', false)
    .addOption(todayOption())
    .action(async (paths: string[], opts: CheckFlags, command: Command) => {
      const started = Date.now();
      const targets = reportTargets(opts.format, opts.output, reportFlagOrder);
      const [{ check, formatJson, formatText, registerSource }, loaded] = await Promise.all([import('./commands/check.js'), loadConfigFull(io.cwd, opts.config)]);
      const config = loaded.config;
      for (const p of paths) if (!existsSync(path.resolve(io.cwd, p))) throw new UsageError(`No such file or folder: ${p}`);
      const ruleOverrides = parseRuleFlags(opts.rule);
      const maxWarnings = opts.maxWarnings === undefined ? undefined : Number(opts.maxWarnings);
      if (maxWarnings !== undefined && (!Number.isInteger(maxWarnings) || maxWarnings < 0)) throw new UsageError(`--max-warnings takes a whole number, not ${JSON.stringify(opts.maxWarnings)}.`);
      if (opts.staged && opts.changed !== undefined) throw new UsageError('--staged and --changed cannot be used together.');
      // The baseline is read (and a broken one refused) before the analysis, which may take long.
      const baseline = await baselineOf(opts, paths, loaded, io.cwd);
      const sources = [registerSource];
      let files = 0;
      // `--staged` / `--changed`: only these files (absolute), and for `--staged` their staged contents.
      let only: string[] | undefined;
      let overlay: Map<string, string> | undefined;
      if (opts.code !== false) {
        const [{ codeSource }, git] = await Promise.all([import('./sources/code.js'), opts.staged || opts.changed !== undefined ? import('../analyzer/git.js') : undefined]);
        try {
          if (opts.staged && git) {
            const staged = git.stagedFiles(io.cwd);
            only = [...staged.keys()].filter(isSourceFile);
            // Files the staged ones import are read as they are in the index too (not their unstaged edits).
            overlay = new Map([...git.unstagedIndexFiles(io.cwd), ...staged]);
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
      let stderr = '';
      // Zero files is legitimate for a staged or changed set, or a register-only repo; say so rather than pass silently.
      if (opts.code !== false && only === undefined && files === 0) stderr += 'assume: no source files to analyze (check the tsconfig\'s include, the paths given, or the config\'s include/exclude); only the register was checked.\n';
      if (opts.baselineWrite && baseline) {
        const { recordBaseline } = await import('./baseline.js');
        const incomplete = result.incomplete.map((i) => i.file);
        const written = recordBaseline(io.cwd, baseline.file, result.findings, incomplete);
        const entries = `${written.entries} entr${written.entries === 1 ? 'y' : 'ies'}`;
        const stdout = written.outcome === 'written' ? `Wrote ${entries} to the baseline ${baseline.file}.\n` : `The baseline ${baseline.file} is up to date (${entries}); nothing written.\n`;
        // A file that could not be analyzed has unknown findings: its previous entries were kept, and the run is incomplete (3), not clean.
        if (incomplete.length > 0) stderr += `assume: ${incomplete.length} file(s) not analyzed (their previous entries were kept):\n${result.incomplete.map((i) => `  ${i.file}: ${i.reason}\n`).join('')}`;
        done({ exitCode: incomplete.length > 0 ? ExitCode.incomplete : ExitCode.clean, stdout, stderr });
        return;
      }
      if (baseline?.entries) {
        const { inScopeOf, matchBaseline, pruneEntries, writeBaseline } = await import('./baseline.js');
        const scope = inScopeOf({ paths, partialCode: opts.staged || opts.changed !== undefined, code: opts.code !== false, analyzedFiles: result.analyzedFiles ?? [], incomplete: result.incomplete.map((i) => i.file) });
        const matched = matchBaseline(result.findings, baseline.entries, scope);
        result.findings = matched.fresh;
        result.baseline = { file: baseline.file, unchanged: matched.unchanged, fixed: matched.fixed };
        if (opts.baselinePrune) {
          const kept = pruneEntries(baseline.entries, matched.fixed);
          const outcome = writeBaseline(io.cwd, baseline.file, kept);
          stderr += outcome === 'written' ? `assume: pruned ${matched.fixed.length} fixed entr${matched.fixed.length === 1 ? 'y' : 'ies'} from the baseline ${baseline.file} (${kept.length} left).\n` : `assume: the baseline ${baseline.file} has no fixed entries; nothing written.\n`;
          result.baseline.fixed = [];
        }
      }
      if (opts.quiet) {
        result.findings = result.findings.filter((f) => f.severity === 'error');
        if (result.baseline) result.baseline.unchanged = result.baseline.unchanged.filter((f) => f.severity === 'error');
      }
      const errors = result.findings.filter((f) => f.severity === 'error').length;
      const warnings = result.findings.length - errors;
      const failing = opts.failLevel === 'warn' ? errors + warnings : errors;
      let exitCode: ExitCode = failing > 0 ? ExitCode.findings : result.incomplete.length > 0 ? ExitCode.incomplete : ExitCode.clean;
      if (maxWarnings !== undefined && warnings > maxWarnings) {
        exitCode = ExitCode.findings;
        stderr += `assume: ${warnings} warning(s), more than --max-warnings ${maxWarnings}.\n`;
      }
      result.exitCode = exitCode;
      let data: import('./reporters/types.js').Report | undefined;
      if (targets.some((t) => t.format !== 'text' && t.format !== 'json')) {
        const [{ reportOf, reportedRules }, { rules }] = await Promise.all([import('./report.js'), import('../index.js')]);
        const coreRules = Object.entries(rules).filter(([id]) => id !== 'require-assumption-for-disable').map(([id, rule]) => ({ id, description: rule.meta.docs?.description ?? id, url: rule.meta.docs?.url ?? '' }));
        data = reportOf(result, { root: io.cwd, version: packageVersion(), rules: reportedRules(coreRules), files, durationMs: Date.now() - started });
      }
      const reports: { output?: string; text: string }[] = [];
      for (const target of targets) {
        let text: string;
        if (target.format === 'json') text = formatJson(result);
        else if (target.format === 'text') text = formatText(result, colorsOf(command));
        else if (!data) throw new Error('report data missing');
        else if (target.format === 'sarif') text = (await import('./reporters/sarif.js')).formatSarif(data);
        else if (target.format === 'gitlab') text = (await import('./reporters/gitlab.js')).formatGitlab(data);
        else {
          // Annotations for new findings only: a baselined finding is known, not news on a pull request.
          const states = data.baseline?.states;
          const out = (await import('./reporters/github.js')).formatGithub(states ? { ...data, findings: data.findings.filter((_, i) => states[i] !== 'unchanged') } : data);
          text = out.stdout;
          if (io.env.GITHUB_STEP_SUMMARY) appendSummary(io.env.GITHUB_STEP_SUMMARY, out.summary);
        }
        reports.push({ output: target.output, text });
      }
      if (opts.verbose) stderr += `assume: ${files} file(s) analyzed in ${Date.now() - started} ms\n`;
      let stdout = '';
      for (const report of reports) {
        if (report.output === undefined) {
          stdout = report.text;
          continue;
        }
        // The user named this path: it may be outside the project (CI temp folders), so its own folder is the root.
        const target = path.resolve(io.cwd, report.output);
        const { writeFileAtomic } = await import('./fs/atomic-write.js');
        try {
          mkdirSync(path.dirname(target), { recursive: true });
        } catch (error) {
          throw new UsageError(`--output: cannot create the folder of ${report.output}: ${error instanceof Error ? error.message : String(error)}`);
        }
        writeFileAtomic(path.dirname(target), path.basename(target), report.text, { mode: 'replace' });
      }
      done({ exitCode, stdout, stderr });
    });

  return program;
}

const REPORT_FORMATS = ['text', 'json', 'sarif', 'github', 'gitlab'] as const;
type ReportFormat = (typeof REPORT_FORMATS)[number];

/** `--format` (repeatable): checks the choice and records the flag's place in `order`. */
function collectFormat(value: string, previous: ReportFormat[] | undefined, order: ('f' | 'o')[]): ReportFormat[] {
  if (!(REPORT_FORMATS as readonly string[]).includes(value)) throw new InvalidArgumentError(`Allowed choices are ${REPORT_FORMATS.join(', ')}.`);
  order.push('f');
  return [...(previous ?? []), value as ReportFormat];
}

/** `--output` (repeatable): records the flag's place in `order`. */
function collectOutput(value: string, previous: string[] | undefined, order: ('f' | 'o')[]): string[] {
  order.push('o');
  return [...(previous ?? []), value];
}

/**
 * Which report goes where: the Nth `--output` takes the Nth `--format`; at most one format has no output and
 * goes to stdout, and it must be given after every `--output` (so `-f text -f sarif -o x.sarif` is refused,
 * not read as text into x.sarif). No `--format`: text. One format and one output: as given, in any order.
 */
function reportTargets(formats: readonly ReportFormat[] | undefined, outputs: readonly string[] | undefined, order: readonly ('f' | 'o')[]): { format: ReportFormat; output?: string }[] {
  const fs = formats ?? ['text'];
  const os = outputs ?? [];
  if (os.length > fs.length) throw new UsageError(`${os.length} --output for ${fs.length} --format: each --output writes the report of one --format (the Nth --output goes with the Nth --format).`);
  const toStdout = fs.slice(os.length);
  if (toStdout.length > 1) throw new UsageError(`${toStdout.length} formats would go to stdout (${toStdout.join(', ')}): give every --format but one its own --output (the Nth --output goes with the Nth --format).`);
  if (fs.length > 1 && toStdout.length === 1 && order.lastIndexOf('f') < order.lastIndexOf('o')) {
    const pairs = os.map((o, i) => `${fs[i]} -> ${o}`).join(', ');
    throw new UsageError(`The Nth --output goes with the Nth --format (${pairs}, ${toStdout[0]} -> stdout), but --format ${toStdout[0]} comes before an --output: give each --output right after its --format, and the format for stdout last.`);
  }
  const seen = new Set<string>();
  for (const o of os) {
    const key = path.resolve(o);
    if (seen.has(key)) throw new UsageError(`--output ${o} is given twice: each report needs its own file.`);
    seen.add(key);
  }
  return fs.map((format, i) => ({ format, ...(i < os.length ? { output: os[i] } : {}) }));
}

/**
 * The baseline this run uses: its file, and its entries unless it is being written. `--baseline <file>`,
 * else the config's `baseline`, else `.assume/baseline.json` when it exists; none with `--no-baseline`.
 * A named file that does not exist, or a broken one, is an error (exit 2), never silently ignored.
 */
async function baselineOf(opts: CheckFlags, paths: readonly string[], loaded: import('./config.js').LoadedConfig, cwd: string): Promise<{ file: string; entries?: import('./baseline.js').BaselineEntry[] } | undefined> {
  const writing = opts.baselineWrite ? '--baseline-write' : opts.baselinePrune ? '--baseline-prune' : undefined;
  if (opts.baselineWrite && opts.baselinePrune) throw new UsageError('--baseline-write and --baseline-prune cannot be used together: --baseline-write records the current findings, which drops the fixed ones too.');
  if (writing !== undefined) {
    if (opts.baseline === false) throw new UsageError(`--no-baseline cannot be used with ${writing}.`);
    if (paths.length > 0 || opts.staged || opts.changed !== undefined || opts.code === false) throw new UsageError(`${writing} needs the findings of the whole project: it cannot be used with paths, --staged, --changed or --no-code.`);
  }
  if (opts.baselineWrite && (opts.format !== undefined || opts.output !== undefined)) throw new UsageError('--baseline-write prints what it wrote and no report: drop --format and --output.');
  if (opts.baseline === false) return undefined;
  if (opts.baseline === '') throw new UsageError('--baseline takes a file name.');
  const { BASELINE_FILE, readBaseline } = await import('./baseline.js');
  const file = opts.baseline ?? loaded.config.baseline ?? BASELINE_FILE;
  if (opts.baselineWrite) return { file };
  const read = readBaseline(cwd, file);
  if (read) return { file, entries: read.entries };
  if (opts.baseline !== undefined) throw new UsageError(`--baseline ${file}: no such file. Create it with \`assume check --baseline-write --baseline ${file}\`.`);
  if (loaded.config.baseline !== undefined) throw new ConfigError(`${loaded.file ?? 'config'}: "baseline" names ${file}, which does not exist: create it with \`assume check --baseline-write\`, or remove the key.`, loaded.file, 'baseline');
  if (opts.baselinePrune) throw new UsageError(`--baseline-prune: there is no baseline at ${file} to prune.`);
  return undefined;
}

interface CheckFlags {
  format?: ReportFormat[];
  output?: string[];
  baseline?: string | false;
  baselineWrite: boolean;
  baselinePrune: boolean;
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
