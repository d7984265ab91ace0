/**
 * The programmatic API: `import { analyze } from 'assume-lint/api'`. The same analysis `assume check` runs
 * (the CLI is a thin shell over this), without printing or exiting.
 */
import { analyze as analyzeProgram, type AnalyzeResult, type AnalyzerCache } from './analyze.js';
import { analyzerRules, resolveRuleOptions } from './rules.js';
import type { Catalog } from '../core/catalog/types.js';
import type { RuleId } from '../core/checkers/index.js';

export type { AnalyzedFinding, AnalyzedStep, AnalyzeResult, AnalyzerCache, IncompleteFile } from './analyze.js';
export type { Catalog, CatalogEntry, FrameworkCallback, Specifier, TypeRole } from '../core/catalog/types.js';

export type RuleLevel = 'off' | 'warn' | 'error';

/** The part of `assume.config.*` the analysis reads. */
export interface AnalysisConfig {
  /** Per core rule: a level, or a level and the rule's options. Default: every rule at `error`. */
  rules?: Partial<Record<string, RuleLevel | { level: RuleLevel; options?: Record<string, unknown> }>>;
  /** Catalog extensions (acks, durable writes, hostile sources, ...). */
  catalog?: Partial<Catalog>;
  /** Files larger than this are not analyzed (the result is incomplete). Default 1 MiB. */
  maxFileBytes?: number;
  /** Wall-clock budget; files not reached make the result incomplete. */
  timeBudgetMs?: number;
}

export interface AnalyzeApiOptions {
  cwd: string;
  /** Files or folders; default: the tsconfig's files, or every source file under cwd. */
  paths?: readonly string[];
  /** tsconfig.json to load (default: cwd's, when present). */
  project?: string;
  config?: AnalysisConfig;
  /** Level overrides (`--rule id=level`), applied over the config. */
  ruleLevels?: Readonly<Record<string, RuleLevel>>;
  /** Contents that replace the disk's, by absolute path (staged blobs). */
  overlay?: ReadonlyMap<string, string>;
  /** A previous result's `cache`; reused only when its key matches this run's settings. */
  cache?: AnalyzerCache;
  /** Extra identity for the cache key (the tool version). */
  cacheSalt?: string;
  filter?: (file: string) => boolean;
  onProgress?: (done: number, total: number, file: string) => void;
}

/** The ids of the core rules the analyzer runs. */
export function coreRuleIds(): string[] {
  return analyzerRules().map((r) => r.id);
}

/** Runs the four core rules over the project, following calls across files. */
export function analyze(options: AnalyzeApiOptions): AnalyzeResult {
  const rules = analyzerRules();
  const known = new Set(rules.map((r) => r.id));
  for (const id of [...Object.keys(options.config?.rules ?? {}), ...Object.keys(options.ruleLevels ?? {})]) {
    if (!known.has(id)) throw new RangeError(`unknown rule "${id}" (known: ${[...known].join(', ')})`);
  }
  const ruleSettings: Record<string, { level: RuleLevel; options?: unknown }> = {};
  for (const rule of rules) {
    const setting = options.config?.rules?.[rule.id];
    const level = options.ruleLevels?.[rule.id] ?? (setting === undefined ? 'error' : typeof setting === 'string' ? setting : setting.level);
    const userOptions = typeof setting === 'object' ? setting.options : undefined;
    ruleSettings[rule.id] = { level, options: resolveRuleOptions(rule.id as RuleId, userOptions) };
  }
  const cacheKey = JSON.stringify({ salt: options.cacheSalt ?? '', ruleSettings, catalog: options.config?.catalog ?? null, maxFileBytes: options.config?.maxFileBytes ?? null });
  return analyzeProgram({
    cwd: options.cwd,
    paths: options.paths,
    project: options.project,
    rules,
    ruleSettings,
    catalog: options.config?.catalog,
    maxFileBytes: options.config?.maxFileBytes,
    timeBudgetMs: options.config?.timeBudgetMs,
    overlay: options.overlay,
    cache: options.cache,
    cacheKey,
    filter: options.filter,
    onProgress: options.onProgress,
  });
}
