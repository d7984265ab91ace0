/**
 * Baselines: adopting `assume check` in a repository that already has findings. `--baseline-write` records
 * the current findings in `.assume/baseline.json`; later runs fail only on findings that are not in it,
 * and report the entries whose finding is gone (fixed) so `--baseline-prune` can drop them.
 *
 * A finding is matched by identity, never by line or count: rule + file + `identity`, a hash of the
 * normalized code of the finding and of its enclosing function (analyzer/identity.ts), so reformatting and
 * moving code keep the match. Register findings (no code) are identified by rule + file + message.
 * Matching is a multiset: each entry matches one finding, so a second identical finding is new.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ConfigError, InternalError, UsageError } from './errors.js';
import { writeFileAtomic } from './fs/atomic-write.js';

/** Where the baseline lives when neither `--baseline` nor the config key `baseline` says otherwise. */
export const BASELINE_FILE = '.assume/baseline.json';
/** Version of the file's shape; a file of another version is refused (regenerate it), never misread. */
export const BASELINE_VERSION = 1;
export const BASELINE_TOOL = 'assume-lint';

/** One recorded finding. `line` and `message` are informational (for humans reading the file and diffs). */
export interface BaselineEntry {
  /** Full rule id: `assume/no-unbounded-parse`, `register/unchecked`. */
  ruleId: string;
  /** POSIX path relative to the working directory. */
  file: string;
  identity: string;
  message: string;
  line: number;
}

export interface Baseline {
  version: typeof BASELINE_VERSION;
  tool: string;
  entries: BaselineEntry[];
}

/** What matching needs of a finding (a ReportFinding has it). */
export interface BaselineFinding {
  ruleId: string;
  file: string;
  message: string;
  line: number;
  /** Set by the analyzer on code findings; absent on register findings. */
  identity?: string;
}

/** A finding's identity: the analyzer's code identity, else (register findings) one from the message. */
export function identityOfFinding(finding: BaselineFinding): string {
  return finding.identity ?? createHash('sha256').update(`message\0${finding.message}`).digest('hex').slice(0, 32);
}

function keyOf(ruleId: string, file: string, identity: string): string {
  return `${ruleId}\0${file}\0${identity}`;
}

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  return cmp(a.file, b.file) || a.line - b.line || cmp(a.ruleId, b.ruleId) || cmp(a.identity, b.identity) || cmp(a.message, b.message);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The entries recording `findings`, sorted (file, line, rule, identity): the same findings give the same list. */
export function entriesOf(findings: readonly BaselineFinding[]): BaselineEntry[] {
  return findings.map((f) => ({ ruleId: f.ruleId, file: f.file, identity: identityOfFinding(f), message: f.message, line: f.line })).sort(compareEntries);
}

/** The file's text: stable key order, sorted entries, two-space indent, newline at the end. */
export function formatBaseline(entries: readonly BaselineEntry[]): string {
  const sorted = [...entries].sort(compareEntries).map((e) => ({ ruleId: e.ruleId, file: e.file, identity: e.identity, message: e.message, line: e.line }));
  return `${JSON.stringify({ version: BASELINE_VERSION, tool: BASELINE_TOOL, entries: sorted }, null, 2)}\n`;
}

/** Parses and validates a baseline file's text. Anything else than this version's shape is a ConfigError naming `file`. */
export function parseBaseline(text: string, file: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`The baseline ${file} is not valid JSON (${(error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ')}): fix it, or delete it and run \`assume check --baseline-write\`.`, file);
  }
  const bad = (what: string, key?: string): ConfigError => new ConfigError(`The baseline ${file} ${what}: regenerate it with \`assume check --baseline-write\`.`, file, key);
  if (!isRecord(data)) throw bad('is not a baseline (expected an object with version, tool and entries)');
  if (data.version !== BASELINE_VERSION) throw bad(`has version ${data.version === undefined ? 'none' : JSON.stringify(data.version)}, and this assume-lint reads version ${BASELINE_VERSION}`, 'version');
  if (data.tool !== BASELINE_TOOL) throw bad(`was not written by ${BASELINE_TOOL} ("tool" is ${data.tool === undefined ? 'missing' : JSON.stringify(data.tool)})`, 'tool');
  if (!Array.isArray(data.entries)) throw bad('has no "entries" list', 'entries');
  const entries: BaselineEntry[] = [];
  data.entries.forEach((entry: unknown, i) => {
    const at = `entries[${i}]`;
    if (!isRecord(entry)) throw bad(`has an entry that is not an object (${at})`, at);
    for (const name of ['ruleId', 'file', 'identity', 'message'] as const) {
      if (typeof entry[name] !== 'string' || entry[name] === '') throw bad(`has an entry without a string "${name}" (${at})`, `${at}.${name}`);
    }
    if (typeof entry.line !== 'number' || !Number.isInteger(entry.line) || entry.line < 0) throw bad(`has an entry whose "line" is not a line number (${at})`, `${at}.line`);
    const known = new Set(['ruleId', 'file', 'identity', 'message', 'line']);
    const unknown = Object.keys(entry).find((k) => !known.has(k));
    if (unknown !== undefined) throw bad(`has an entry with an unknown key "${unknown}" (${at})`, `${at}.${unknown}`);
    entries.push({ ruleId: entry.ruleId as string, file: entry.file as string, identity: entry.identity as string, message: entry.message as string, line: entry.line });
  });
  return { version: BASELINE_VERSION, tool: BASELINE_TOOL, entries };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The baseline at `file` (relative to cwd, or absolute); undefined when there is no such file. */
export function readBaseline(cwd: string, file: string): Baseline | undefined {
  let text: string;
  try {
    text = readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT') return undefined;
    throw new ConfigError(`Cannot read the baseline ${file}: ${code === 'EISDIR' ? 'it is a folder' : error instanceof Error ? error.message : String(error)}.`, file);
  }
  return parseBaseline(text, file);
}

/**
 * Writes the baseline atomically (temp file + fsync + rename). Writes nothing when the file already holds
 * exactly this content, so a second run changes nothing, not even the modification time.
 */
export function writeBaseline(cwd: string, file: string, entries: readonly BaselineEntry[]): 'written' | 'unchanged' {
  const content = formatBaseline(entries);
  const target = path.resolve(cwd, file);
  try {
    if (readFileSync(target, 'utf8') === content) return 'unchanged';
  } catch {
    // Absent or unreadable: written below (an unreadable one fails there with a clear message).
  }
  const rel = path.relative(cwd, target);
  const inside = rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  // A path the user named outside the project (a CI folder) is written with its own folder as the root.
  const root = inside ? cwd : path.dirname(target);
  try {
    if (!inside) mkdirSync(root, { recursive: true });
    writeFileAtomic(root, inside ? rel : path.basename(target), content, { mode: 'replace' });
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new InternalError(`Cannot write the baseline ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return 'written';
}

export interface BaselineMatch<T> {
  /** Findings not in the baseline: these fail the run. */
  fresh: T[];
  /** Findings the baseline records: reported as baselined, never failures. */
  unchanged: T[];
  /** Entries in scope whose finding is gone: fixed, to be dropped with `--baseline-prune`. */
  fixed: BaselineEntry[];
}

/**
 * Matches findings to baseline entries as a multiset on (rule, file, identity): each entry matches at most
 * one finding, the one nearest to its recorded line. An unmatched entry is fixed only when `inScope` says
 * this run looked at its file (a run over some paths cannot tell that the others' findings are gone).
 */
export function matchBaseline<T extends BaselineFinding>(findings: readonly T[], entries: readonly BaselineEntry[], inScope: (entry: BaselineEntry) => boolean = () => true): BaselineMatch<T> {
  const open = new Map<string, BaselineEntry[]>();
  for (const entry of entries) {
    const key = keyOf(entry.ruleId, entry.file, entry.identity);
    const list = open.get(key);
    if (list) list.push(entry);
    else open.set(key, [entry]);
  }
  const fresh: T[] = [];
  const unchanged: T[] = [];
  for (const finding of findings) {
    const list = open.get(keyOf(finding.ruleId, finding.file, identityOfFinding(finding)));
    if (!list || list.length === 0) {
      fresh.push(finding);
      continue;
    }
    let best = 0;
    for (let i = 1; i < list.length; i++) if (Math.abs(list[i].line - finding.line) < Math.abs(list[best].line - finding.line)) best = i;
    list.splice(best, 1);
    unchanged.push(finding);
  }
  const fixed = [...open.values()].flat().filter(inScope).sort(compareEntries);
  return { fresh, unchanged, fixed };
}

/** The entries left after dropping `fixed` (the same objects `matchBaseline` returned). Never adds one. */
export function pruneEntries(entries: readonly BaselineEntry[], fixed: readonly BaselineEntry[]): BaselineEntry[] {
  const drop = new Set(fixed);
  return entries.filter((e) => !drop.has(e));
}

/**
 * `--baseline-write`: records `findings` in `file`. Entries of files this run could not analyze
 * (`incomplete`) are kept from the previous baseline, so a skipped file does not lose its entries.
 */
export function recordBaseline(cwd: string, file: string, findings: readonly BaselineFinding[], incomplete: readonly string[]): { outcome: 'written' | 'unchanged'; entries: number; kept: number } {
  let kept: BaselineEntry[] = [];
  if (incomplete.length > 0) {
    const skipped = new Set(incomplete);
    try {
      kept = (readBaseline(cwd, file)?.entries ?? []).filter((e) => skipped.has(e.file));
    } catch (error) {
      // A broken previous baseline is what --baseline-write replaces; it has nothing to keep.
      if (!(error instanceof ConfigError)) throw error;
    }
  }
  const entries = [...entriesOf(findings), ...kept];
  return { outcome: writeBaseline(cwd, file, entries), entries: entries.length, kept: kept.length };
}

/** What a run looked at, to tell a fixed entry from one this run could not see. */
export interface BaselineScope {
  /** Paths given on the command line (empty: the whole project). */
  paths: readonly string[];
  /** `--staged` or `--changed`: only some files' code was analyzed. */
  partialCode: boolean;
  /** False with `--no-code`. */
  code: boolean;
  analyzedFiles: readonly string[];
  incomplete: readonly string[];
}

/**
 * Is an unmatched entry fixed, as far as this run can tell? Code findings (`assume/*`) only when the code of
 * their file was analyzed in full (or the whole project was, and the file is gone or excluded); register
 * findings when the register check covered their file. Never for a file the run could not analyze.
 */
export function inScopeOf(scope: BaselineScope): (entry: BaselineEntry) => boolean {
  const analyzed = new Set(scope.analyzedFiles);
  const skipped = new Set(scope.incomplete);
  const paths = scope.paths.map((p) => p.split(path.sep).join('/').replace(/\/+$/, ''));
  const under = (file: string) => paths.length === 0 || paths.some((p) => p === '.' || p === '' || file === p || file.startsWith(`${p}/`));
  return (entry) => {
    if (skipped.has(entry.file)) return false;
    // suppression/unused is only reported for files whose code was analyzed.
    if (entry.ruleId.startsWith('assume/') || entry.ruleId === 'suppression/unused') {
      if (!scope.code) return false;
      return scope.partialCode || paths.length > 0 ? analyzed.has(entry.file) : true;
    }
    return under(entry.file);
  };
}
