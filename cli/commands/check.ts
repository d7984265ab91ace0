/**
 * `assume check [paths...]`: gathers findings from several sources and reports them.
 *
 * Today the only source is the assumption register (register/check.ts). Issue 3's whole-program analyzer
 * plugs in as another `FindingSource` (see `defaultSources`): it returns its code findings, the files it
 * could not analyze (`incomplete`), and may use the register's waivers to hide the findings they cover.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { ReadFs, RegisterPaths } from '../../register/load.js';
import type { DirectiveOptions } from '../../register/directives.js';
import type { Severity, Waiver } from '../../register/types.js';
import type { Colors } from '../color.js';
import type { BaselineEntry } from '../baseline.js';
import { ExitCode } from '../errors.js';
import { applyWaivers } from '../../register/waivers.js';

/** A finding in a report, whatever produced it. Paths POSIX, relative to cwd; positions 1-based. */
export interface ReportFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  /** Code findings carry these too (SARIF regions, fingerprints, value paths). */
  endLine?: number;
  endColumn?: number;
  messageId?: string;
  /** The finding's source line, trimmed. */
  snippet?: string;
  /** Code findings: hash of the finding's code and its enclosing function's (baselines; analyzer/identity.ts). */
  identity?: string;
  /** Where the value came from: source -> ... -> sink, across files. */
  path?: { file: string; line: number; column: number; note: string }[];
}

/** A file a source could not analyze, and why: the run is then incomplete (exit 3), never clean. */
export interface SkippedFile {
  file: string;
  reason: string;
}

export interface SourceContext {
  cwd: string;
  /** The paths given on the command line (empty: the whole project). */
  paths: readonly string[];
  register: Partial<RegisterPaths>;
  directives: DirectiveOptions;
  /** Today (`YYYY-MM-DD`), for review dates. */
  today: string;
  /** Waivers found by earlier sources (the register runs first). */
  waived: readonly Waiver[];
  /** `--staged` / `--changed`: only these files (absolute paths); the register reads their comments only. */
  only?: readonly string[];
  /** `--staged`: the staged contents by absolute path, read instead of the working tree. */
  overlay?: ReadonlyMap<string, string>;
}

export interface SourceResult {
  findings: ReportFinding[];
  waived?: Waiver[];
  incomplete?: SkippedFile[];
  /**
   * Files whose code this source analyzed for assume rules (the analyzer). Waivers hide this source's
   * findings on the lines they cover, and a waiver in one of these files that hides nothing is reported
   * as `suppression/unused`.
   */
  analyzedFiles?: string[];
}

/** A producer of findings. Loaded lazily, so a source's heavy modules load only when it runs. */
export interface FindingSource {
  name: string;
  run(context: SourceContext): Promise<SourceResult>;
}

export const registerSource: FindingSource = {
  name: 'register',
  async run(context) {
    const { checkRegister } = await import('../../register/check.js');
    const result = checkRegister({
      cwd: context.cwd,
      files: context.only ?? (context.paths.length > 0 ? context.paths : undefined),
      fs: context.overlay ? overlayFs(context.overlay) : undefined,
      paths: context.register,
      directives: context.directives,
      today: context.today,
    });
    return { findings: result.findings, waived: result.waived };
  },
};

/** The file system with staged contents in place of the working tree's (`--staged`). */
function overlayFs(overlay: ReadonlyMap<string, string>): ReadFs {
  return {
    readFileSync: (file, encoding) => overlay.get(path.resolve(file)) ?? readFileSync(file, encoding),
    readdirSync: (dir, options) => readdirSync(dir, options),
    statSync: (file) => statSync(file),
  };
}

/** The sources `assume check` runs, in order. Issue 3 appends the analyzer here. */
export const defaultSources: readonly FindingSource[] = [registerSource];

export interface CheckCommandOptions extends Omit<SourceContext, 'waived'> {
  sources?: readonly FindingSource[];
}

/** A waiver with the findings it hid (empty until a code source runs). */
export interface WaivedEntry extends Waiver {
  findings: ReportFinding[];
}

export interface CheckResult {
  /** The findings that count: with a baseline, only the new ones. */
  findings: ReportFinding[];
  waived: WaivedEntry[];
  incomplete: SkippedFile[];
  exitCode: ExitCode;
  /** POSIX paths of the files the code source analyzed completely. */
  analyzedFiles?: string[];
  /** Set when a baseline is in use (see cli/baseline.ts). */
  baseline?: BaselineOutcome;
}

/** What a baseline did to a run: the findings it records (not failures) and the entries whose finding is gone. */
export interface BaselineOutcome {
  /** The baseline file, as given or relative to cwd. */
  file: string;
  /** Findings the baseline records: reported, never failures. */
  unchanged: ReportFinding[];
  /** Entries whose finding is gone (only for files this run looked at): `--baseline-prune` drops them. */
  fixed: BaselineEntry[];
}

function compare(a: ReportFinding, b: ReportFinding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.column !== b.column) return a.column - b.column;
  return a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0;
}

/** Runs every source and merges their results. Exit code: 1 on errors, else 3 if incomplete, else 0. */
export async function check(options: CheckCommandOptions): Promise<CheckResult> {
  let findings: ReportFinding[] = [];
  const waivers: Waiver[] = [];
  const incomplete: SkippedFile[] = [];
  const codeFindings: ReportFinding[] = [];
  const analyzed = new Set<string>();
  for (const source of options.sources ?? defaultSources) {
    const result = await source.run({ ...options, waived: waivers });
    if (result.analyzedFiles) {
      for (const f of result.analyzedFiles) analyzed.add(f);
      codeFindings.push(...result.findings);
    } else {
      findings.push(...result.findings);
    }
    waivers.push(...(result.waived ?? []));
    incomplete.push(...(result.incomplete ?? []));
  }
  const { kept, hidden, unused } = applyWaivers(codeFindings, waivers, analyzed);
  findings = [...findings, ...kept, ...unused];
  findings.sort(compare);
  const waived: WaivedEntry[] = waivers.map((w) => ({ ...w, findings: hidden.filter((h) => h.waiver === w).map((h) => h.finding) }));
  const hasErrors = findings.some((f) => f.severity === 'error');
  const exitCode = hasErrors ? ExitCode.findings : incomplete.length > 0 ? ExitCode.incomplete : ExitCode.clean;
  return { findings, waived, incomplete, exitCode, analyzedFiles: [...analyzed].sort() };
}

/** Version of the JSON report's shape; bump on a breaking change. */
export const JSON_REPORT_VERSION = 1;

export function formatJson(result: CheckResult): string {
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const summary = { errors, warnings: result.findings.length - errors, waived: result.waived.length, incomplete: result.incomplete.length };
  const { baseline } = result;
  if (!baseline) return `${JSON.stringify({ version: JSON_REPORT_VERSION, findings: result.findings, waived: result.waived, incomplete: result.incomplete, summary }, null, 2)}\n`;
  // With a baseline every finding is listed, each marked "new" (counts, fails the run) or "unchanged" (baselined).
  const findings = [...result.findings.map((f) => ({ ...f, baseline: 'new' as const })), ...baseline.unchanged.map((f) => ({ ...f, baseline: 'unchanged' as const }))].sort(compare);
  return `${JSON.stringify(
    {
      version: JSON_REPORT_VERSION,
      findings,
      waived: result.waived,
      incomplete: result.incomplete,
      baseline: { file: baseline.file, fixed: baseline.fixed },
      summary: { ...summary, baselined: baseline.unchanged.length, fixed: baseline.fixed.length },
    },
    null,
    2,
  )}\n`;
}

/** ESLint-stylish text: findings grouped by file, a summary line, then the waivers (never hidden). */
export function formatText(result: CheckResult, colors: Colors): string {
  const out: string[] = [];
  let current: string | undefined;
  for (const f of result.findings) {
    if (f.file !== current) {
      if (current !== undefined) out.push('');
      out.push(colors.bold(f.file));
      current = f.file;
    }
    const level = f.severity === 'error' ? colors.red('error') : colors.yellow('warning');
    out.push(`  ${`${f.line}:${f.column}`.padEnd(7)} ${level.padEnd(f.severity === 'error' ? 5 : 7)}  ${f.message}  ${colors.dim(f.ruleId)}`);
    for (const step of f.path ?? []) out.push(`      ${colors.cyan('->')} ${step.file}:${step.line}:${step.column} ${colors.dim(step.note)}`);
  }
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.length - errors;
  if (result.findings.length > 0) out.push('');
  if (result.findings.length === 0) out.push(colors.green(result.baseline ? 'No new problems found.' : 'No problems found.'));
  else out.push(colors.bold(`${errors + warnings} problem${errors + warnings === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})`));
  if (result.baseline) out.push(...baselineLines(result.baseline, colors));
  if (result.incomplete.length > 0) {
    out.push('', colors.yellow(`Incomplete: ${result.incomplete.length} file(s) not analyzed:`));
    for (const s of result.incomplete) out.push(`  ${s.file}: ${s.reason}`);
  }
  if (result.waived.length > 0) {
    out.push('', `Waived (${result.waived.length}): suppressions that cite an assumption`);
    for (const w of result.waived) {
      out.push(`  ${w.file}:${w.line}  ${w.rules.join(', ')}  ${colors.cyan(w.assumption)}${w.reason ? `  ${w.reason}` : ''}`);
      for (const f of w.findings) out.push(colors.dim(`    hides ${f.line}:${f.column}  ${f.message}  ${f.ruleId}`));
    }
  }
  return `${out.join('\n')}\n`;
}

/** The text report's baseline summary: how many findings it holds back, and which entries are fixed. */
function baselineLines(baseline: BaselineOutcome, colors: Colors): string[] {
  const n = baseline.unchanged.length;
  const fixed = baseline.fixed.length;
  const head = `${n} baselined${fixed > 0 ? `, ${fixed} fixed: run --baseline-prune` : ''} (${baseline.file})`;
  return [colors.dim(head), ...baseline.fixed.map((e) => colors.dim(`  fixed  ${e.file}:${e.line}  ${e.ruleId}  ${e.message}`))];
}
