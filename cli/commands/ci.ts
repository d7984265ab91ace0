/**
 * `assume init --ci github|gitlab`: writes a CI job that runs `assume check` and reports to the platform
 * (GitHub code scanning and pull-request annotations; GitLab's Code Quality report). The templates live in
 * `templates/ci/`. A job file is written only when absent; one that exists and differs is kept, and the
 * template is printed instead. `--force` replaces it only when it is byte-identical to a template version
 * assume shipped before (hashes in `templates/ci/previous-versions.json`): a file the user edited is never
 * touched. The user's own `.gitlab-ci.yml` is never edited: the `include:` to add is printed.
 */
import { statSync } from 'node:fs';
import * as path from 'node:path';
import type { Colors } from '../color.js';
import { InternalError, UsageError } from '../errors.js';
import { readTextIfExists, sha256 } from '../fs/read.js';
import { resolveInside, writeFileAtomic } from '../fs/atomic-write.js';
import { gitRepoOf } from '../git-info.js';
import { templatesRoot } from '../package-info.js';

export const ciProviders = ['github', 'gitlab'] as const;
export type CiProvider = (typeof ciProviders)[number];

/** Per provider: the template (under `templates/ci/`) and where it goes in the repository. */
export const CI_TARGETS: Readonly<Record<CiProvider, { template: string; target: string }>> = {
  github: { template: 'github/assume.yml', target: '.github/workflows/assume.yml' },
  gitlab: { template: 'gitlab/assume.gitlab-ci.yml', target: '.gitlab/assume.gitlab-ci.yml' },
};

export const GITLAB_INCLUDE = `include:\n  - local: ${CI_TARGETS.gitlab.target}`;

export type CiAction = 'create' | 'keep' | 'conflict' | 'refresh';

export interface CiOptions {
  /** The folder asked for (init's `[dir]`); the files go to the root of its git work tree, if it is in one. */
  dir: string;
  cwd: string;
  provider: string;
  force?: boolean;
  dryRun?: boolean;
  /** sha256 of earlier template versions, by provider (tests); default `templates/ci/previous-versions.json`. */
  previousVersions?: Partial<Record<CiProvider, readonly string[]>>;
}

export interface CiResult {
  provider: CiProvider;
  /** The folder the job file is written under (absolute). */
  root: string;
  /** The job file, relative to root (POSIX). */
  file: string;
  action: CiAction;
  note: string;
  dryRun: boolean;
  /** The template, printed when the file is kept because it differs. */
  snippet?: string;
  /** What the user still has to do (GitLab's include line; a subfolder project). */
  advice: string[];
}

function isProvider(value: string): value is CiProvider {
  return (ciProviders as readonly string[]).includes(value);
}

/** The shipped template of a provider. */
export function ciTemplate(provider: CiProvider): string {
  const file = path.join(templatesRoot(), 'ci', CI_TARGETS[provider].template);
  const text = readTextIfExists(file);
  if (text === undefined) throw new InternalError(`the CI template ${file} is missing; the package is incomplete.`);
  return text;
}

function previousVersions(provider: CiProvider, given: CiOptions['previousVersions']): readonly string[] {
  if (given) return given[provider] ?? [];
  const text = readTextIfExists(path.join(templatesRoot(), 'ci', 'previous-versions.json'));
  if (text === undefined) return [];
  const data = JSON.parse(text) as Partial<Record<CiProvider, unknown>>;
  const list = data[provider];
  return Array.isArray(list) ? list.filter((h): h is string => typeof h === 'string') : [];
}

/** Computes what `--ci <provider>` would do, without writing anything. */
export function planCi(options: CiOptions): CiResult {
  if (!isProvider(options.provider)) throw new UsageError(`Unknown CI provider "${options.provider}": choose one of ${ciProviders.join(', ')}.`);
  const provider = options.provider;
  const dir = path.resolve(options.cwd, options.dir);
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    // not there yet: init creates it
  }
  // CI reads its config from the repository's root, so that is where the job goes.
  const repo = isDir ? gitRepoOf(dir) : undefined;
  const root = repo?.root ?? dir;
  const { target } = CI_TARGETS[provider];
  const template = ciTemplate(provider);
  const advice: string[] = [];
  if (path.resolve(root) !== path.resolve(dir) && readTextIfExists(path.join(dir, 'package.json')) !== undefined) {
    const rel = path.relative(root, dir).split(path.sep).join('/');
    advice.push(`The job runs at the repository root; for the project in ${rel}/, set its steps' working directory (and the npm cache path) to ${rel}.`);
  }
  const existing = isDir || repo ? readTextIfExists(resolveInside(root, target)) : undefined;
  let result: CiResult;
  if (existing === undefined) {
    result = { provider, root, file: target, action: 'create', note: '', dryRun: options.dryRun ?? false, advice };
  } else if (existing === template) {
    result = { provider, root, file: target, action: 'keep', note: 'already up to date', dryRun: options.dryRun ?? false, advice };
  } else if (previousVersions(provider, options.previousVersions).includes(sha256(existing))) {
    result = options.force
      ? { provider, root, file: target, action: 'refresh', note: 'an unedited earlier version; refreshed from the template', dryRun: options.dryRun ?? false, advice }
      : { provider, root, file: target, action: 'conflict', note: 'an unedited earlier version of the template; kept (--force refreshes it)', dryRun: options.dryRun ?? false, snippet: template, advice };
  } else {
    result = { provider, root, file: target, action: 'conflict', note: 'exists and differs from the template; kept. The template is below: merge what you need', dryRun: options.dryRun ?? false, snippet: template, advice };
  }
  if (provider === 'gitlab') {
    const main = readTextIfExists(path.join(root, '.gitlab-ci.yml'));
    if (main?.includes(target) !== true) advice.push(`Add to .gitlab-ci.yml (assume never edits it):\n${GITLAB_INCLUDE}`);
  }
  return result;
}

/** Writes the job file the plan creates or refreshes. */
export function applyCi(result: CiResult): CiResult {
  if (result.dryRun || (result.action !== 'create' && result.action !== 'refresh')) return result;
  const outcome = writeFileAtomic(result.root, result.file, ciTemplate(result.provider), { mode: result.action === 'create' ? 'create' : 'replace' });
  if (outcome === 'exists') {
    result.action = 'conflict';
    result.note = 'appeared while assume ran; kept';
  }
  return result;
}

export function installCi(options: CiOptions): CiResult {
  return applyCi(planCi(options));
}

/** Text report of `--ci` (or its plan with --dry-run). */
export function formatCi(result: CiResult, colors: Colors, cwd: string): string {
  const lines: string[] = [];
  const file = path.relative(cwd, path.join(result.root, result.file)).split(path.sep).join('/');
  const paint = (text: string): string =>
    result.action === 'create' || result.action === 'refresh' ? colors.green(text) : result.action === 'conflict' ? colors.yellow(text) : colors.dim(text);
  lines.push(`${result.dryRun ? 'Plan for the' : 'The'} ${result.provider === 'github' ? 'GitHub Actions workflow' : 'GitLab CI job'}`);
  lines.push(`  ${paint(result.action.padEnd(8))}  ${file}${result.note ? colors.dim(`  (${result.note})`) : ''}`);
  if (result.snippet !== undefined) for (const line of result.snippet.replace(/\n$/, '').split('\n')) lines.push(`      ${line}`);
  for (const advice of result.advice) {
    const [first, ...rest] = advice.split('\n');
    lines.push(`  note: ${first}`);
    for (const line of rest) lines.push(`      ${line}`);
  }
  if (result.dryRun) lines.push('Dry run: nothing was written.');
  return `${lines.join('\n')}\n`;
}
