import { relative, sep } from 'node:path';
import type { Catalog } from '../core/catalog/types.js';
import type { CheckContext, Finding, Node, PathStep } from '../core/types.js';
import { loadProgram } from './program.js';
import { FileSkipped, ProgramContexts } from './program-resolver.js';

/** A rule as the analyzer runs it: the core checker and the rule's message texts. */
export interface AnalyzerRule {
  id: string;
  check(ctx: CheckContext, options: unknown): readonly Finding[];
  messages: Readonly<Record<string, string>>;
  defaultOptions: unknown;
}

export type Severity = 'error' | 'warn';

export interface AnalyzeOptions {
  cwd: string;
  paths?: readonly string[];
  project?: string;
  rules: readonly AnalyzerRule[];
  /** Per rule: severity and options (default: error, the rule's defaults). `off` rules are not run. */
  ruleSettings?: Readonly<Record<string, { level: Severity | 'off'; options?: unknown }>>;
  catalog?: Partial<Catalog>;
  /** Files larger than this are skipped and reported incomplete. Default 1 MiB. */
  maxFileBytes?: number;
  /** Wall-clock budget for the whole run; files not reached are reported incomplete. Default none. */
  timeBudgetMs?: number;
  /** Called after each file (for progress lines). */
  onProgress?: (done: number, total: number, file: string) => void;
}

export interface AnalyzedStep {
  file: string;
  line: number;
  column: number;
  note: string;
}

export interface AnalyzedFinding {
  ruleId: string;
  messageId: string;
  message: string;
  severity: Severity;
  /** POSIX path relative to cwd. */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The finding's first source line, trimmed (for fingerprints that survive line shifts). */
  snippet: string;
  path: AnalyzedStep[];
}

export interface IncompleteFile {
  file: string;
  reason: string;
}

export interface AnalyzeResult {
  findings: AnalyzedFinding[];
  incomplete: IncompleteFile[];
  stats: { files: number; analyzed: number; durationMs: number };
}

export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

/** Runs every enabled rule over every file of the program, following calls across files. */
export function analyze(options: AnalyzeOptions): AnalyzeResult {
  const started = performance.now();
  const program = loadProgram({ cwd: options.cwd, paths: options.paths, project: options.project });
  const contexts = new ProgramContexts({ project: program.project, catalog: options.catalog, maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES });
  const rules = options.rules.filter((r) => (options.ruleSettings?.[r.id]?.level ?? 'error') !== 'off');
  const seen = new Set<string>();
  const findings: AnalyzedFinding[] = [];
  const incomplete: IncompleteFile[] = [];
  let analyzed = 0;
  const toRelative = (file: string) => relative(options.cwd, file).split(sep).join('/');
  for (let i = 0; i < program.files.length; i++) {
    const file = program.files[i];
    if (options.timeBudgetMs !== undefined && performance.now() - started > options.timeBudgetMs) {
      for (const rest of program.files.slice(i)) incomplete.push({ file: toRelative(rest), reason: 'not analyzed: time budget exhausted' });
      break;
    }
    let ctx: CheckContext;
    try {
      ctx = contexts.contextOf(file);
    } catch (error) {
      incomplete.push({ file: toRelative(file), reason: error instanceof FileSkipped ? error.reason : String(error) });
      continue;
    }
    let crashed = false;
    for (const rule of rules) {
      const setting = options.ruleSettings?.[rule.id];
      let produced: readonly Finding[];
      try {
        produced = rule.check(ctx, setting?.options ?? rule.defaultOptions);
      } catch (error) {
        crashed = true;
        incomplete.push({ file: toRelative(file), reason: `rule ${rule.id} crashed: ${error instanceof Error ? error.message : String(error)}` });
        continue;
      }
      for (const finding of produced) {
        const owner = contexts.resolver.contextOf?.(finding.node) ?? ctx;
        const at = finding.node.loc.start;
        const key = `${rule.id}\0${owner.file.path}\0${at.line}:${at.column}\0${finding.messageId}`;
        if (seen.has(key)) continue;
        seen.add(key);
        findings.push({
          ruleId: rule.id,
          messageId: finding.messageId,
          message: formatMessage(rule.messages[finding.messageId] ?? finding.messageId, finding.data),
          severity: setting?.level === 'warn' ? 'warn' : 'error',
          file: toRelative(owner.file.path),
          line: at.line,
          column: at.column + 1,
          endLine: finding.node.loc.end.line,
          endColumn: finding.node.loc.end.column + 1,
          snippet: lineOf(owner.file.text, finding.node.range[0]),
          path: (finding.path ?? []).map((step) => stepOf(contexts, ctx, step, toRelative)),
        });
      }
    }
    if (!crashed) analyzed++;
    options.onProgress?.(i + 1, program.files.length, toRelative(file));
  }
  findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  incomplete.sort((a, b) => a.file.localeCompare(b.file));
  return { findings, incomplete, stats: { files: program.files.length, analyzed, durationMs: Math.round(performance.now() - started) } };
}

function stepOf(contexts: ProgramContexts, ctx: CheckContext, step: PathStep, toRelative: (f: string) => string): AnalyzedStep {
  const owner = contexts.resolver.contextOf?.(step.node as Node) ?? ctx;
  return { file: toRelative(step.file ?? owner.file.path), line: step.node.loc.start.line, column: step.node.loc.start.column + 1, note: step.note };
}

/** ESLint's `{{ name }}` placeholders. */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>> | undefined): string {
  if (!data) return template;
  return template.replace(/\{\{\s*([^{}\s]+)\s*\}\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}

/** The trimmed text of the line holding offset `at`. */
function lineOf(text: string, at: number): string {
  const start = text.lastIndexOf('\n', at - 1) + 1;
  const end = text.indexOf('\n', at);
  return text.slice(start, end < 0 ? undefined : end).trim().slice(0, 500);
}
