/**
 * The whole-program analyzer as a finding source of `assume check`: the four core rules over the project,
 * following calls across files. Loaded lazily: `assume init` never pays for ts-morph.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Minimatch } from 'minimatch';
import { isAnalyzerCache, type AnalyzerCache, type AnalyzedFinding } from '../../analyzer/analyze.js';
import { analyze } from '../../analyzer/api.js';
import type { AssumeConfig } from '../config.js';
import { ConfigError, UsageError } from '../errors.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { packageVersion } from '../package-info.js';
import type { FindingSource, ReportFinding } from '../commands/check.js';

export interface CodeSourceOptions {
  config: AssumeConfig;
  /** The config file the settings came from (for error messages). */
  configFile?: string;
  project?: string;
  /** `--rule id=level` overrides. */
  ruleOverrides: Readonly<Record<string, 'off' | 'warn' | 'error'>>;
  /** Only these files (absolute): `--staged` / `--changed`. */
  only?: readonly string[];
  /** Staged contents by absolute path (`--staged`). */
  overlay?: ReadonlyMap<string, string>;
  cache: boolean;
  onProgress?: (done: number, total: number) => void;
}

const CACHE_FILE = 'node_modules/.cache/assume/analyzer.json';


function compileGlobs(globs: readonly string[] | undefined, key: string, file: string | undefined): Minimatch[] {
  return (globs ?? []).map((glob, i) => {
    const m = new Minimatch(glob, { dot: true });
    const problem = globProblem(glob);
    if (problem) throw new ConfigError(`${file ?? 'config'}: "${key}[${i}]" is not a valid glob (${problem}): ${JSON.stringify(glob)}.`, file, `${key}[${i}]`);
    if (m.makeRe() === false) throw new ConfigError(`${file ?? 'config'}: "${key}[${i}]" is not a valid glob: ${JSON.stringify(glob)}.`, file, `${key}[${i}]`);
    return m;
  });
}

/** Why a glob is unusable: unbalanced brackets or braces, or a path that leaves the project. */
function globProblem(glob: string): string | undefined {
  let square = 0;
  let curly = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') square++;
    else if (c === ']' && square > 0) square--;
    else if (c === '{') curly++;
    else if (c === '}') curly--;
    if (curly < 0) return 'unbalanced braces';
  }
  if (square > 0) return 'unclosed [';
  if (curly !== 0) return 'unbalanced braces';
  if (glob.startsWith('/') || /^[A-Za-z]:[\\/]/.test(glob)) return 'globs are relative to the project root';
  if (glob.split('/').includes('..')) return 'globs cannot leave the project root';
  return undefined;
}

export function codeSource(options: CodeSourceOptions): FindingSource {
  return {
    name: 'code',
    run(context) {
      const { config } = options;
      const include = compileGlobs(config.include, 'include', options.configFile);
      const exclude = compileGlobs(config.exclude, 'exclude', options.configFile);
      const toRel = (abs: string) => path.relative(context.cwd, abs).split(path.sep).join('/');
      let paths: string[] | undefined = options.only ? [...options.only] : context.paths.length > 0 ? [...context.paths] : undefined;
      if (paths === undefined && include.length > 0) paths = ['.'];
      const selected = (file: string) => {
        const rel = toRel(file);
        if (include.length > 0 && !include.some((m) => m.match(rel))) return false;
        return !exclude.some((m) => m.match(rel));
      };
      let previous: AnalyzerCache | undefined;
      if (options.cache) {
        try {
          const parsed: unknown = JSON.parse(readFileSync(path.join(context.cwd, CACHE_FILE), 'utf8'));
          if (isAnalyzerCache(parsed)) previous = parsed;
        } catch {
          // No cache, or a corrupt one: it is discarded, never trusted.
        }
      }
      let result;
      try {
        result = analyze({
          cwd: context.cwd,
          paths,
          project: options.project,
          config: { rules: config.rules, catalog: config.catalog, maxFileBytes: config.maxFileBytes, timeBudgetMs: config.timeBudgetMs },
          ruleLevels: options.ruleOverrides,
          overlay: options.overlay,
          cache: previous,
          cacheSalt: packageVersion(),
          filter: selected,
          onProgress: options.onProgress ? (done, total) => options.onProgress?.(done, total) : undefined,
        });
      } catch (error) {
        if (error instanceof RangeError) throw new UsageError(`--rule: ${error.message}.`);
        throw error;
      }
      if (options.cache && !options.overlay) {
        try {
          writeFileAtomic(context.cwd, CACHE_FILE, JSON.stringify(result.cache), { mode: 'replace' });
        } catch {
          // A cache that cannot be written costs speed, not correctness.
        }
      }
      return Promise.resolve({
        findings: result.findings.map(toReportFinding),
        incomplete: result.incomplete,
        analyzedFiles: result.analyzedFiles,
      });
    },
  };
}

function toReportFinding(f: AnalyzedFinding): ReportFinding {
  return {
    ruleId: `assume/${f.ruleId}`,
    severity: f.severity === 'warn' ? 'warning' : 'error',
    message: f.message,
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    messageId: f.messageId,
    snippet: f.snippet,
    identity: f.identity,
    path: f.path,
  };
}
