import { relative, resolve as resolvePath, sep } from 'node:path';
import type { Catalog } from '../core/catalog/types.js';
import type { CheckContext, Finding, PathStep } from '../core/types.js';
import { loadProgram } from './program.js';
import { FileSkipped, ProgramContexts } from './program-resolver.js';
import { identityOf } from './identity.js';

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
  /** Contents that replace the disk's (the staged blobs of `--staged`), by absolute path. */
  overlay?: ReadonlyMap<string, string>;
  /** The cache a previous run returned (`result.cache`); entries whose file or dependencies changed are ignored. */
  cache?: AnalyzerCache;
  /** Identity of everything besides file contents that findings depend on (tool version, config); a different key discards the cache. */
  cacheKey?: string;
  /** Only files (absolute paths) this accepts are analyzed (include/exclude globs). */
  filter?: (file: string) => boolean;
  /** Source bytes of parsed files kept in memory between files (see ProgramContexts); default 1 MiB. */
  retainBytes?: number;
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
  /** Hash of the finding's code and its enclosing function's, normalized (baselines; see identity.ts). */
  identity?: string;
  path: AnalyzedStep[];
}

export interface IncompleteFile {
  file: string;
  reason: string;
}

export interface AnalyzeResult {
  findings: AnalyzedFinding[];
  incomplete: IncompleteFile[];
  /** `parses`: files parsed, including dependencies and files parsed again after being released. */
  stats: { files: number; analyzed: number; durationMs: number; cached: number; parses: number };
  /** POSIX paths (relative to cwd) of the files that were analyzed completely. */
  analyzedFiles: string[];
  /** What a later run may reuse (write it with the CLI's atomic writer). */
  cache: AnalyzerCache;
}

/** Per checked file: its content hash, the hashes of every file its check used, and what it found. */
export interface AnalyzerCache {
  version: 2;
  key: string;
  files: Record<string, { hash: string; deps: Record<string, string>; findings: AnalyzedFinding[]; reverse?: [string, string][] }>;
}

/** Is this parsed JSON a cache this version can use? A corrupt or foreign cache is discarded, never trusted. */
export function isAnalyzerCache(value: unknown, key?: string): value is AnalyzerCache {
  if (!isRecord(value) || value.version !== 2 || typeof value.key !== 'string' || (key !== undefined && value.key !== key) || !isRecord(value.files)) return false;
  return Object.values(value.files).every(
    (e) =>
      isRecord(e) &&
      typeof e.hash === 'string' &&
      isRecord(e.deps) &&
      Array.isArray(e.findings) &&
      (e.reverse === undefined || (Array.isArray(e.reverse) && e.reverse.every((r) => Array.isArray(r) && r.length === 2 && r.every((x) => typeof x === 'string')))) && e.findings.every((f) => isRecord(f) && typeof f.file === 'string' && typeof f.line === 'number' && typeof f.ruleId === 'string' && typeof f.message === 'string'),
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

/** Runs every enabled rule over every file of the program, following calls across files. */
export function analyze(options: AnalyzeOptions): AnalyzeResult {
  const started = performance.now();
  const program = loadProgram({ cwd: options.cwd, paths: options.paths, project: options.project });
  if (options.filter) program.files = program.files.filter(options.filter);
  const analyzedFiles: string[] = [];
  const contexts = new ProgramContexts({ project: program.project, catalog: options.catalog, maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, overlay: options.overlay, retainBytes: options.retainBytes, files: program.projectFiles });
  const cacheKey = options.cacheKey ?? '';
  const previous = options.cache && options.cache.key === cacheKey ? options.cache : undefined;
  const nextCache: AnalyzerCache = { version: 2, key: cacheKey, files: {} };
  let cached = 0;
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
    const cacheName = toRelative(file);
    const entry = previous?.files[cacheName];
    if (
      entry &&
      entry.hash === contexts.hashOf(file) &&
      Object.entries(entry.deps).every(([dep, hash]) => contexts.hashOf(resolvePath(options.cwd, dep)) === hash) &&
      // A declared type's importers were looked for: a file that imports it now and did not then (a new file, or
      // one whose imports changed and that the check never reached) is not among the dependencies.
      (entry.reverse ?? []).every(([module, name]) =>
        contexts.importerFiles(resolvePath(options.cwd, module), name).every(({ file: importer }) => importer === file || toRelative(importer) in entry.deps),
      )
    ) {
      for (const f of entry.findings) {
        const key = `${f.ruleId}\0${f.file}\0${f.line}:${f.column - 1}\0${f.messageId}`;
        if (seen.has(key)) continue;
        seen.add(key);
        findings.push(f);
      }
      nextCache.files[cacheName] = entry;
      cached++;
      analyzed++;
      analyzedFiles.push(cacheName);
      options.onProgress?.(i + 1, program.files.length, cacheName);
      continue;
    }
    contexts.release();
    const deps = contexts.track();
    const producedHere: AnalyzedFinding[] = [];
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
        const analyzedFinding: AnalyzedFinding = {
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
          identity: identityOf(owner, finding.node),
          path: (finding.path ?? []).map((step) => stepOf(contexts, ctx, step, toRelative)),
        };
        producedHere.push(analyzedFinding);
        const key = `${rule.id}\0${analyzedFinding.file}\0${at.line}:${at.column}\0${finding.messageId}`;
        if (seen.has(key)) continue;
        seen.add(key);
        findings.push(analyzedFinding);
      }
    }
    if (!crashed) {
      analyzed++;
      analyzedFiles.push(cacheName);
      const hash = contexts.hashOf(file);
      const depHashes: Record<string, string> = {};
      let complete = hash !== null;
      for (const dep of contexts.closure(deps)) {
        if (dep === file) continue;
        const h = contexts.hashOf(dep);
        if (h === null) complete = false;
        else depHashes[toRelative(dep)] = h;
      }
      const reverse = contexts.reverseLookupsIn(contexts.closure([...deps, file])).map(([module, name]): [string, string] => [toRelative(module), name]);
      if (complete && hash !== null) nextCache.files[cacheName] = { hash, deps: depHashes, findings: producedHere, ...(reverse.length > 0 ? { reverse } : {}) };
    }
    options.onProgress?.(i + 1, program.files.length, toRelative(file));
  }
  findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  incomplete.sort((a, b) => a.file.localeCompare(b.file));
  return { findings, incomplete, stats: { files: program.files.length, analyzed, cached, parses: contexts.parses, durationMs: Math.round(performance.now() - started) }, analyzedFiles, cache: nextCache };
}

function stepOf(contexts: ProgramContexts, ctx: CheckContext, step: PathStep, toRelative: (f: string) => string): AnalyzedStep {
  const owner = contexts.resolver.contextOf?.(step.node) ?? ctx;
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
