/**
 * `assume hooks install` (also `assume init --hooks`): adds a pre-commit step running `assume check --staged`
 * to the hook manager the repository already uses: husky, lefthook, simple-git-hooks, the pre-commit
 * framework, or plain git hooks (honouring `core.hooksPath` and worktrees).
 *
 * Never clobbers: an existing hook or config keeps every byte it had, and only the step is added (appended to
 * a shell hook; inserted as text into lefthook's YAML or simple-git-hooks' JSON at the place the YAML
 * Document API / a JSON scan locates, then re-parsed to check that the only change is the step). Where the
 * step cannot be added safely (a non-shell hook, one that ends in `exit`, a JS or TOML config, a command that
 * cannot take `&& ...`), nothing is written and the result says exactly what to add. Idempotent: a config that
 * already runs `assume check --staged` is left alone. `prepare` scripts are never edited, only advised on.
 */
import * as nodeFs from 'node:fs';
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode, type YAMLMap } from 'yaml';
import type { Colors } from '../color.js';
import { UsageError } from '../errors.js';
import { readTextIfExists } from '../fs/read.js';
import { writeFileAtomic, type WriterFs } from '../fs/atomic-write.js';
import { gitRepoOf, isInsideDir, type GitRepo } from '../git-info.js';

/** What the hook runs: the project's own assume (a devDependency); `--no` so npx never downloads anything. */
export const HOOK_COMMAND = 'npx --no -- assume check --staged';

/** A config or hook that already runs assume's staged check, in any spelling of the command. */
const INSTALLED = /\bassume(?:-lint)?(?:\.js)?\s+check\b[^\n"']*--staged\b/;

export const hookManagers = ['husky', 'lefthook', 'simple-git-hooks', 'pre-commit', 'git'] as const;
export type HookManager = (typeof hookManagers)[number];

export type HookAction = 'create' | 'append' | 'keep' | 'manual';

/** One file the install creates, extends, keeps, or leaves for the user to edit. */
export interface HookStep {
  /** Absolute path. */
  file: string;
  action: HookAction;
  /** Why this action. */
  note: string;
  /** Exactly what to add by hand (action `manual`). */
  snippet?: string;
  /** The whole new content (create / append). */
  content?: string;
  /** The content read when planning (append): the file is re-read before writing and must still hold it. */
  before?: string;
  /** Permission bits of the written file: 0o755 for a new shell hook, the old mode for an extended one. */
  mode?: number;
}

export interface HooksOptions {
  /** Where the command runs: any folder of the repository (a worktree, a subfolder). */
  cwd: string;
  dryRun?: boolean;
  /** Use this hook manager instead of detecting one. */
  manager?: string;
}

export interface HooksResult {
  root: string;
  manager: HookManager;
  /** What gave the manager away (`.husky/ found`, `lefthook.yml found`, ...). */
  evidence: string;
  command: string;
  dryRun: boolean;
  steps: HookStep[];
  /** Things assume does not do itself (enable husky, edit `prepare`, re-sync simple-git-hooks). */
  advice: string[];
}

const COMMENT = '# assume-lint: refuse a commit whose staged changes add findings (assume hooks install)';
const SHELL_SHEBANG = /^#!.*\b(?:sh|bash|zsh|dash|ksh|ash)\b/;
const HUSKY8_HEADER = '#!/usr/bin/env sh\n. "$(dirname -- "$0")/_/husky.sh"\n\n';

const LEFTHOOK_CONFIGS = ['lefthook.yml', 'lefthook.yaml', '.lefthook.yml', '.lefthook.yaml', 'lefthook.json', '.lefthook.json', 'lefthook.toml', '.lefthook.toml'];
const SIMPLE_GIT_HOOKS_FILES = ['.simple-git-hooks.json', 'simple-git-hooks.json', '.simple-git-hooks.cjs', 'simple-git-hooks.cjs', '.simple-git-hooks.js', 'simple-git-hooks.js', '.simple-git-hooks.mjs', 'simple-git-hooks.mjs'];
const PRE_COMMIT_CONFIG = '.pre-commit-config.yaml';

interface PackageJson {
  text: string;
  data: {
    scripts?: Record<string, unknown>;
    dependencies?: Record<string, unknown>;
    devDependencies?: Record<string, unknown>;
    'simple-git-hooks'?: unknown;
  };
}

function readPackageJson(root: string): PackageJson | undefined {
  const text = readTextIfExists(path.join(root, 'package.json'), 'use');
  if (text === undefined) return undefined;
  try {
    const data: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    return data !== null && typeof data === 'object' && !Array.isArray(data) ? { text, data } : undefined;
  } catch {
    return undefined; // not ours to judge; detection just cannot use it
  }
}

function dependencyVersion(pkg: PackageJson | undefined, name: string): string | undefined {
  const version = pkg?.data.devDependencies?.[name] ?? pkg?.data.dependencies?.[name];
  return typeof version === 'string' ? version : undefined;
}

function prepareScript(pkg: PackageJson | undefined): string | undefined {
  const prepare = pkg?.data.scripts?.prepare;
  return typeof prepare === 'string' ? prepare : undefined;
}

/** Which hook manager the repository uses, by the strongest evidence, in a fixed order. */
function detect(root: string, pkg: PackageJson | undefined): { manager: HookManager; evidence: string } {
  if (existsSync(path.join(root, '.husky'))) return { manager: 'husky', evidence: '.husky/ found' };
  if (dependencyVersion(pkg, 'husky') !== undefined) return { manager: 'husky', evidence: 'husky in package.json' };
  if (prepareScript(pkg)?.includes('husky')) return { manager: 'husky', evidence: 'husky in the prepare script' };
  const lefthook = LEFTHOOK_CONFIGS.find((name) => existsSync(path.join(root, name)));
  if (lefthook !== undefined) return { manager: 'lefthook', evidence: `${lefthook} found` };
  if (pkg?.data['simple-git-hooks'] !== undefined) return { manager: 'simple-git-hooks', evidence: '"simple-git-hooks" in package.json' };
  const sgh = SIMPLE_GIT_HOOKS_FILES.find((name) => existsSync(path.join(root, name)));
  if (sgh !== undefined) return { manager: 'simple-git-hooks', evidence: `${sgh} found` };
  if (existsSync(path.join(root, PRE_COMMIT_CONFIG))) return { manager: 'pre-commit', evidence: `${PRE_COMMIT_CONFIG} found` };
  return { manager: 'git', evidence: 'no hook manager found' };
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** A step for a shell hook file: created, appended to, kept, or left to the user when appending is unsafe. */
function shellStep(file: string, fresh: string): HookStep {
  const existing = readTextIfExists(file, 'use');
  if (existing === undefined) return { file, action: 'create', note: 'new hook', content: fresh, mode: 0o755 };
  // A commented-out step is not an installed one.
  if (existing.split(/\r?\n/).some((line) => !line.trimStart().startsWith('#') && INSTALLED.test(line))) return { file, action: 'keep', note: 'already installed' };
  const firstLine = existing.split(/\r?\n/, 1)[0] ?? '';
  if (firstLine.startsWith('#!') && !SHELL_SHEBANG.test(firstLine)) {
    return { file, action: 'manual', note: `not a shell script (${firstLine}); make it run the command below`, snippet: HOOK_COMMAND };
  }
  const meaningful = existing.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  const last = meaningful.at(-1) ?? '';
  if (/^(?:exit|exec)\b/.test(last)) {
    return { file, action: 'manual', note: `it ends with \`${last}\`, so an appended line would never run; add the command below before that line`, snippet: HOOK_COMMAND };
  }
  const eol = eolOf(existing);
  const lead = existing === '' || existing.endsWith('\n') ? '' : eol;
  const block = `${existing.trim() === '' ? '' : eol}${COMMENT}${eol}${HOOK_COMMAND}${eol}`;
  return { file, action: 'append', note: 'step appended; the rest of the hook is unchanged', content: existing + lead + block, before: existing, mode: statSync(file).mode & 0o7777 };
}

function huskySteps(root: string, repo: GitRepo, pkg: PackageJson | undefined): { steps: HookStep[]; advice: string[] } {
  const dir = path.join(root, '.husky');
  const version = dependencyVersion(pkg, 'husky');
  const isV8 = existsSync(path.join(dir, '_', 'husky.sh')) || (version !== undefined && /^[~^>=\s]*[4-8]\./.test(version));
  const fresh = `${isV8 ? HUSKY8_HEADER : ''}${COMMENT}\n${HOOK_COMMAND}\n`;
  const advice: string[] = [];
  const hooksPath = repo.hooksPath?.replace(/\\/g, '/');
  if (hooksPath === undefined || !/(?:^|\/)\.husky(?:\/_)?\/?$/.test(hooksPath)) {
    advice.push('husky is not active in this clone (core.hooksPath does not point into .husky): run `npx husky` (husky 9; `npx husky install` for husky 8) once.');
  }
  const prepare = prepareScript(pkg);
  if (pkg !== undefined && !prepare?.includes('husky')) {
    advice.push(
      prepare === undefined
        ? 'package.json has no `prepare` script, so a fresh clone will not enable husky: add `"prepare": "husky"` to its scripts (assume never edits scripts).'
        : `package.json's \`prepare\` script does not run husky, so a fresh clone will not enable it: add \`&& husky\` to it yourself (assume never edits scripts).`,
    );
  }
  return { steps: [shellStep(path.join(dir, 'pre-commit'), fresh)], advice };
}

function gitSteps(root: string, repo: GitRepo): { steps: HookStep[]; advice: string[] } {
  const file = path.join(repo.hooksDir, 'pre-commit');
  if (!isInsideDir(root, repo.hooksDir) && !isInsideDir(repo.commonDir, repo.hooksDir)) {
    return {
      steps: [{ file, action: 'manual', note: `core.hooksPath (${repo.hooksPath ?? repo.hooksDir}) is outside this repository and may be shared by others; add the command below to its pre-commit hook yourself`, snippet: HOOK_COMMAND }],
      advice: [],
    };
  }
  const step = shellStep(file, `#!/bin/sh\n${COMMENT}\n${HOOK_COMMAND}\n`);
  const advice: string[] = [];
  if (step.action !== 'create' && step.action !== 'manual' && process.platform !== 'win32' && (statSync(file).mode & 0o111) === 0) {
    const shownFile = path.relative(root, file).split(path.sep).join('/');
    advice.push(`${shownFile} is not executable, so git ignores it: run \`chmod +x ${shownFile}\` (from the repository root).`);
  }
  return { steps: [step], advice };
}

// ---------------------------------------------------------------------------------------------- lefthook

const LEFTHOOK_YAML_SNIPPET = `pre-commit:\n  commands:\n    assume:\n      run: ${HOOK_COMMAND}`;

function lefthookSnippet(name: string): string {
  if (name.endsWith('.toml')) return `[pre-commit.commands.assume]\nrun = ${JSON.stringify(HOOK_COMMAND)}`;
  if (name.endsWith('.json')) return JSON.stringify({ 'pre-commit': { commands: { assume: { run: HOOK_COMMAND } } } }, null, 2);
  return LEFTHOOK_YAML_SNIPPET;
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

function keyOf(item: { key: unknown }): unknown {
  return isScalar(item.key) ? item.key.value : item.key;
}

function pairIn(map: YAMLMap, key: string): { key: unknown; value: unknown } | undefined {
  return map.items.find((item) => keyOf(item) === key);
}

/** Offset where lines can be inserted right after a node's content ends (the start of the next line). */
function afterNode(text: string, end: number): { at: number; lead: boolean } {
  if (end > 0 && text[end - 1] === '\n') return { at: end, lead: false };
  const newline = text.indexOf('\n', end);
  return newline === -1 ? { at: text.length, lead: true } : { at: newline + 1, lead: false };
}

/** Indentation step of a block YAML document: the first nested mapping's offset, else 2. */
function yamlStep(text: string, root: YAMLMap): number {
  for (const item of root.items) {
    const value = item.value;
    if (isMap(value) && !value.flow && value.items.length > 0 && isScalar(value.items[0].key) && isScalar(item.key)) {
      const inner = value.items[0].key.range?.[0];
      const outer = item.key.range?.[0];
      if (inner !== undefined && outer !== undefined) {
        const step = columnOf(text, inner) - columnOf(text, outer);
        if (step > 0) return step;
      }
    }
  }
  return 2;
}

type Edit = { content: string } | { installed: true } | { reason: string };

/**
 * Adds `pre-commit.commands.assume` (or, for a hook written with lefthook's `jobs:` list, a job named `assume`)
 * to a lefthook YAML config as an insertion of text, placed where the
 * Document API says the map ends; the result is re-parsed and must equal the original data plus the step.
 */
export function addToLefthookYaml(text: string): Edit {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return { reason: `it does not parse as YAML (${doc.errors[0].message.split('\n')[0]})` };
  const data: unknown = doc.toJS();
  if (data !== null && data !== undefined && (typeof data !== 'object' || Array.isArray(data))) return { reason: 'its top level is not a mapping' };
  const pre = (data as Record<string, unknown> | null | undefined)?.['pre-commit'];
  if (pre !== null && typeof pre === 'object') {
    const commands = (pre as { commands?: unknown }).commands;
    const jobs = (pre as { jobs?: unknown }).jobs;
    const hasJob = Array.isArray(jobs) && jobs.some((job) => job !== null && typeof job === 'object' && (job as { name?: unknown }).name === 'assume');
    if ((commands !== null && typeof commands === 'object' && 'assume' in commands) || hasJob || INSTALLED.test(JSON.stringify(pre))) return { installed: true };
  }
  const eol = eolOf(text);
  const root = doc.contents;
  const lines = (column: number, step: number, keys: string[]): string =>
    keys.map((line, depth) => `${' '.repeat(column + depth * step)}${line}${eol}`).join('');
  const leaf = ['assume:', `run: ${HOOK_COMMAND}`];
  let content: string;
  let asJob = false;
  if (root === null || (isScalar(root) && root.value === null)) {
    const lead = text === '' || text.endsWith('\n') ? '' : eol;
    content = `${text}${lead}${lines(0, 2, ['pre-commit:', 'commands:', ...leaf])}`;
  } else if (!isMap(root) || root.flow) {
    return { reason: 'its top level is not a block mapping' };
  } else {
    const step = yamlStep(text, root);
    const firstKey = root.items[0]?.key as YamlNode | undefined;
    const rootColumn = firstKey?.range ? columnOf(text, firstKey.range[0]) : 0;
    const prePair = pairIn(root, 'pre-commit');
    let insert: { at: number; lead: boolean; text: string };
    if (prePair === undefined) {
      const lead = text.endsWith('\n') ? '' : eol;
      insert = { at: text.length, lead: lead !== '', text: lines(rootColumn, step, ['pre-commit:', 'commands:', ...leaf]) };
    } else {
      const preKey = prePair.key as YamlNode;
      const preColumn = preKey.range ? columnOf(text, preKey.range[0]) : rootColumn;
      const value = prePair.value as YamlNode | null;
      if (value === null || (isScalar(value) && value.value === null)) {
        insert = { ...afterNode(text, preKey.range?.[1] ?? 0), text: lines(preColumn + step, step, ['commands:', ...leaf]) };
      } else if (!isMap(value) || value.flow || !value.range) {
        return { reason: '`pre-commit` is not a block mapping' };
      } else {
        const first = value.items[0]?.key as YamlNode | undefined;
        const column = first?.range ? columnOf(text, first.range[0]) : preColumn + step;
        const cmdPair = pairIn(value, 'commands');
        const jobsPair = pairIn(value, 'jobs');
        if (cmdPair === undefined && jobsPair !== undefined) {
          // lefthook 1.10+ `jobs:` (a list): add a job in the same style rather than a second `commands:`.
          const jobs = jobsPair.value as YamlNode | null;
          const first = isSeq(jobs) && !jobs.flow ? (jobs.items[0] as YamlNode | undefined) : undefined;
          if (!isSeq(jobs) || !jobs.range || !isMap(first) || first.flow || !first.range) return { reason: '`pre-commit.jobs` is not a block list of mappings' };
          const keyColumn = columnOf(text, first.range[0]);
          const dash = text.lastIndexOf('-', first.range[0]);
          const dashColumn = columnOf(text, dash);
          const job = `${' '.repeat(dashColumn)}-${' '.repeat(Math.max(1, keyColumn - dashColumn - 1))}name: assume${eol}${' '.repeat(keyColumn)}run: ${HOOK_COMMAND}${eol}`;
          insert = { ...afterNode(text, jobs.range[1]), text: job };
          asJob = true;
        } else if (cmdPair === undefined) {
          insert = { ...afterNode(text, value.range[1]), text: lines(column, step, ['commands:', ...leaf]) };
        } else {
          const cmdKey = cmdPair.key as YamlNode;
          const commands = cmdPair.value as YamlNode | null;
          if (commands === null || (isScalar(commands) && commands.value === null)) {
            insert = { ...afterNode(text, cmdKey.range?.[1] ?? 0), text: lines(column + step, step, leaf) };
          } else if (!isMap(commands) || commands.flow || !commands.range) {
            return { reason: '`pre-commit.commands` is not a block mapping' };
          } else {
            const firstCommand = commands.items[0]?.key as YamlNode | undefined;
            const commandColumn = firstCommand?.range ? columnOf(text, firstCommand.range[0]) : column + step;
            insert = { ...afterNode(text, commands.range[1]), text: lines(commandColumn, step, leaf) };
          }
        }
      }
    }
    content = text.slice(0, insert.at) + (insert.lead ? eol : '') + insert.text + text.slice(insert.at);
  }
  // The insertion must mean exactly "the same config plus the step"; otherwise the user edits it.
  const expected = (data ?? {}) as Record<string, unknown>;
  const preCommit = (expected['pre-commit'] ??= {}) as Record<string, unknown>;
  if (asJob) (preCommit.jobs as unknown[]).push({ name: 'assume', run: HOOK_COMMAND });
  else ((preCommit.commands ??= {}) as Record<string, unknown>).assume = { run: HOOK_COMMAND };
  const after = parseDocument(content);
  if (after.errors.length > 0 || !isDeepStrictEqual(after.toJS(), expected)) return { reason: 'the step could not be inserted without changing the rest of the file' };
  return { content };
}

function lefthookSteps(root: string, repo: GitRepo): { steps: HookStep[]; advice: string[] } {
  const name = LEFTHOOK_CONFIGS.find((n) => existsSync(path.join(root, n))) ?? 'lefthook.yml';
  const file = path.join(root, name);
  const text = readTextIfExists(file, 'use');
  // lefthook writes a git hook only for the hooks its config names: a config that had no pre-commit section has
  // no pre-commit hook in the clone until lefthook installs (or syncs) again, and the commits before that run
  // nothing (tried with lefthook 2.2: the hook appeared after the first commit, which went unchecked).
  const gitHook = readTextIfExists(path.join(repo.hooksDir, 'pre-commit'), 'use');
  const advice =
    gitHook !== undefined && /lefthook/i.test(gitHook)
      ? []
      : ['lefthook has not written a pre-commit hook in this clone yet: run `npx lefthook install` now, or the next commit is not checked.'];
  if (text === undefined) return { steps: [{ file, action: 'create', note: 'new lefthook config', content: `${LEFTHOOK_YAML_SNIPPET}\n` }], advice };
  if (!name.endsWith('.yml') && !name.endsWith('.yaml')) {
    if (INSTALLED.test(text)) return { steps: [{ file, action: 'keep', note: 'already installed' }], advice: [] };
    return { steps: [{ file, action: 'manual', note: `${name.endsWith('.toml') ? 'TOML' : 'JSON'} configs are not edited automatically; add this`, snippet: lefthookSnippet(name) }], advice: [] };
  }
  const edit = addToLefthookYaml(text);
  if ('installed' in edit) return { steps: [{ file, action: 'keep', note: 'already installed' }], advice: [] };
  if ('reason' in edit) return { steps: [{ file, action: 'manual', note: `${edit.reason}; add this`, snippet: LEFTHOOK_YAML_SNIPPET }], advice: [] };
  return { steps: [{ file, action: 'append', note: 'the assume step added to pre-commit; the rest of the file is unchanged', content: edit.content, before: text, mode: statSync(file).mode & 0o7777 }], advice };
}

// ------------------------------------------------------------------------------------- simple-git-hooks

interface JsonNode {
  start: number;
  end: number;
  kind: 'object' | 'array' | 'string' | 'other';
  members: { key: string; keyStart: number; value: JsonNode }[];
}

/** Positions of the values of a JSON text already known to be valid (JSON.parse succeeded). */
function scanJson(text: string): JsonNode {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && ' \t\r\n\uFEFF'.includes(text[i])) i++;
  };
  const str = (): number => {
    const start = i++;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return start;
  };
  const value = (): JsonNode => {
    ws();
    const start = i;
    const c = text[i];
    if (c === '{' || c === '[') {
      i++;
      const members: JsonNode['members'] = [];
      ws();
      while (text[i] !== '}' && text[i] !== ']') {
        if (c === '{') {
          const keyStart = str();
          const key = JSON.parse(text.slice(keyStart, i)) as string;
          ws();
          i++; // ':'
          members.push({ key, keyStart, value: value() });
        } else {
          value();
        }
        ws();
        if (text[i] === ',') i++;
        ws();
      }
      i++;
      return { start, end: i, kind: c === '{' ? 'object' : 'array', members };
    }
    if (c === '"') {
      str();
      return { start, end: i, kind: 'string', members: [] };
    }
    while (i < text.length && !',}] \t\r\n'.includes(text[i])) i++;
    return { start, end: i, kind: 'other', members: [] };
  };
  return value();
}

/** Can `command && assume ...` be written without changing what `command` does? */
function mergeable(command: string): boolean {
  const trimmed = command.trim();
  return trimmed !== '' && !/[\n#]/.test(trimmed) && !/(?:;|&|\||\\)$/.test(trimmed);
}

/**
 * Adds the step to simple-git-hooks' config: `pre-commit` appended with `&& ...`, or a new `pre-commit` key.
 * `at` is the path of the config object (`['simple-git-hooks']` in package.json, `[]` in its own JSON file).
 */
export function addToSimpleGitHooksJson(text: string, at: readonly string[]): Edit {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { reason: `it is not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  let node = scanJson(text);
  let config: unknown = data;
  for (const key of at) {
    const member = node.kind === 'object' ? node.members.find((m) => m.key === key) : undefined;
    if (member === undefined) return { reason: `it has no "${key}" object` };
    node = member.value;
    config = (config as Record<string, unknown>)[key];
  }
  if (node.kind !== 'object') return { reason: `its ${at.length > 0 ? `"${at.join('.')}" value` : 'top level'} is not an object` };
  const hooks = config as Record<string, unknown>;
  const existing = hooks['pre-commit'];
  const expected = structuredClone(data) as Record<string, unknown>;
  let target = expected;
  for (const key of at) target = target[key] as Record<string, unknown>;
  let content: string;
  if (existing === undefined) {
    target['pre-commit'] = HOOK_COMMAND;
    const first = node.members[0] as JsonNode['members'][number] | undefined;
    const entry = `"pre-commit": ${JSON.stringify(HOOK_COMMAND)}`;
    if (first === undefined) content = `${text.slice(0, node.start + 1)}${entry}${text.slice(node.start + 1)}`;
    else content = `${text.slice(0, first.keyStart)}${entry},${text.slice(node.start + 1, first.keyStart)}${text.slice(first.keyStart)}`;
  } else {
    if (typeof existing !== 'string') return { reason: 'its "pre-commit" value is not a string' };
    if (INSTALLED.test(existing)) return { installed: true };
    if (!mergeable(existing)) return { reason: `its "pre-commit" command (${JSON.stringify(existing)}) cannot take \`&& ...\` safely` };
    const value = node.members.find((m) => m.key === 'pre-commit')?.value;
    if (value?.kind !== 'string') return { reason: 'its "pre-commit" value could not be located' };
    target['pre-commit'] = `${existing} && ${HOOK_COMMAND}`;
    content = `${text.slice(0, value.end - 1)} && ${HOOK_COMMAND}${text.slice(value.end - 1)}`;
  }
  let after: unknown;
  try {
    after = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch {
    return { reason: 'the step could not be inserted without breaking the file' };
  }
  return isDeepStrictEqual(after, expected) ? { content } : { reason: 'the step could not be inserted without changing the rest of the file' };
}

function simpleGitHooksSteps(root: string, pkg: PackageJson | undefined): { steps: HookStep[]; advice: string[] } {
  const advice = ['simple-git-hooks writes .git/hooks only when it runs: run `npx simple-git-hooks` once to apply the change.'];
  const inPackage = pkg?.data['simple-git-hooks'] !== undefined;
  const name = inPackage ? 'package.json' : (SIMPLE_GIT_HOOKS_FILES.find((n) => existsSync(path.join(root, n))) ?? '.simple-git-hooks.json');
  const file = path.join(root, name);
  const text = inPackage ? pkg.text : readTextIfExists(file, 'use');
  const merged = (existing: string | undefined): string => (typeof existing === 'string' && existing.trim() !== '' ? `${existing} && ${HOOK_COMMAND}` : HOOK_COMMAND);
  if (text === undefined) {
    return { steps: [{ file, action: 'create', note: 'new simple-git-hooks config', content: `${JSON.stringify({ 'pre-commit': HOOK_COMMAND }, null, 2)}\n` }], advice };
  }
  if (!name.endsWith('.json')) {
    if (INSTALLED.test(text)) return { steps: [{ file, action: 'keep', note: 'already installed' }], advice: [] };
    return { steps: [{ file, action: 'manual', note: 'a JavaScript config is not edited automatically; make its pre-commit entry run the command (after any command already there, joined with &&)', snippet: `'pre-commit': '${HOOK_COMMAND}',` }], advice: [] };
  }
  const at = inPackage ? ['simple-git-hooks'] : [];
  const edit = addToSimpleGitHooksJson(text, at);
  if ('installed' in edit) return { steps: [{ file, action: 'keep', note: 'already installed' }], advice: [] };
  if ('reason' in edit) {
    const config = (inPackage ? pkg.data['simple-git-hooks'] : undefined) as Record<string, unknown> | undefined;
    const current = config?.['pre-commit'];
    return { steps: [{ file, action: 'manual', note: `${edit.reason}; set${inPackage ? ' "simple-git-hooks".' : ' '}"pre-commit" to`, snippet: `"pre-commit": ${JSON.stringify(merged(typeof current === 'string' ? current : undefined))}` }], advice: [] };
  }
  return { steps: [{ file, action: 'append', note: `"pre-commit" ${inPackage ? 'in "simple-git-hooks" ' : ''}runs the step; the rest of the file is unchanged`, content: edit.content, before: text, mode: statSync(file).mode & 0o7777 }], advice };
}

// ------------------------------------------------------------------------------------- pre-commit (framework)

const PRE_COMMIT_SNIPPET = `  - repo: local\n    hooks:\n      - id: assume-check\n        name: assume check --staged\n        entry: ${HOOK_COMMAND}\n        language: system\n        pass_filenames: false\n        require_serial: true`;

function preCommitSteps(root: string): { steps: HookStep[]; advice: string[] } {
  const file = path.join(root, PRE_COMMIT_CONFIG);
  const text = readTextIfExists(file, 'use');
  if (text === undefined) return { steps: [{ file, action: 'create', note: 'new pre-commit config', content: `repos:\n${PRE_COMMIT_SNIPPET}\n` }], advice: ['Run `pre-commit install` once so git runs it.'] };
  if (INSTALLED.test(text) || /\bid:\s*assume-check\b/.test(text)) return { steps: [{ file, action: 'keep', note: 'already installed' }], advice: [] };
  return { steps: [{ file, action: 'manual', note: 'the pre-commit framework\'s config is yours to edit; add this entry under `repos:`', snippet: PRE_COMMIT_SNIPPET }], advice: [] };
}

// ---------------------------------------------------------------------------------------------- the command

/** Computes what installing the hook would do, without writing anything. */
export function planHooks(options: HooksOptions): HooksResult {
  const repo = gitRepoOf(options.cwd);
  if (repo === undefined) throw new UsageError(`${options.cwd} is not inside a git work tree (or git is not installed): run \`git init\` first.`);
  const root = repo.root;
  const pkg = readPackageJson(root);
  let found: { manager: HookManager; evidence: string };
  if (options.manager !== undefined) {
    if (!(hookManagers as readonly string[]).includes(options.manager)) throw new UsageError(`Unknown hook manager "${options.manager}": choose one of ${hookManagers.join(', ')}.`);
    found = { manager: options.manager as HookManager, evidence: 'chosen with --manager' };
  } else {
    found = detect(root, pkg);
  }
  const { steps, advice } =
    found.manager === 'husky'
      ? huskySteps(root, repo, pkg)
      : found.manager === 'lefthook'
        ? lefthookSteps(root, repo)
        : found.manager === 'simple-git-hooks'
          ? simpleGitHooksSteps(root, pkg)
          : found.manager === 'pre-commit'
            ? preCommitSteps(root)
            : gitSteps(root, repo);
  return { root, manager: found.manager, evidence: found.evidence, command: HOOK_COMMAND, dryRun: options.dryRun ?? false, steps, advice };
}

/** The writer's file system, with the temp file given `mode` before it takes the hook's name (no window without +x). */
function fsWithMode(mode: number): WriterFs {
  const base: WriterFs = nodeFs;
  return {
    ...base,
    openSync(file: string, flags: string, fileMode?: number): number {
      const fd = nodeFs.openSync(file, flags, fileMode);
      if (flags === 'wx' && /^\..*\.\d+\.[0-9a-f]+\.tmp$/.test(path.basename(file))) nodeFs.fchmodSync(fd, mode);
      return fd;
    },
  };
}

/** Writes a plan's creates and appends (re-reading every file it extends first). */
export function applyHooks(result: HooksResult): HooksResult {
  if (result.dryRun) return result;
  const repo = gitRepoOf(result.root);
  for (const step of result.steps) {
    if ((step.action !== 'create' && step.action !== 'append') || step.content === undefined) continue;
    // Write under the work tree, or under the common git folder for a worktree's hooks; never elsewhere.
    const base = isInsideDir(result.root, step.file) ? result.root : repo && isInsideDir(repo.commonDir, step.file) ? repo.commonDir : undefined;
    if (base === undefined) throw new UsageError(`Refusing to write ${step.file}: it is outside the repository.`);
    if (step.action === 'append' && readTextIfExists(step.file, 'use') !== step.before) {
      throw new UsageError(`${path.relative(result.root, step.file)} changed while assume was reading it; nothing was written to it. Run the command again.`);
    }
    const outcome = writeFileAtomic(base, path.relative(base, step.file), step.content, { mode: step.action === 'create' ? 'create' : 'replace', fs: step.mode === undefined ? undefined : fsWithMode(step.mode) });
    if (outcome === 'exists') {
      step.action = 'manual';
      step.note = 'appeared while assume ran; kept as it is. Run the command again';
      step.snippet = HOOK_COMMAND;
    }
  }
  return result;
}

/** `assume hooks install`: plan, then write. */
export function installHooks(options: HooksOptions): HooksResult {
  return applyHooks(planHooks(options));
}

function shown(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return (rel === '' ? '.' : rel).split(path.sep).join('/');
}

/** Text report of an install (or of its plan with --dry-run). */
export function formatHooks(result: HooksResult, colors: Colors, cwd: string): string {
  const lines: string[] = [];
  lines.push(`${result.dryRun ? 'Plan for the pre-commit hook' : 'Pre-commit hook'} (${result.manager}: ${result.evidence})`);
  const paint = (action: HookAction, text: string): string =>
    action === 'create' || action === 'append' ? colors.green(text) : action === 'manual' ? colors.yellow(text) : colors.dim(text);
  for (const step of result.steps) {
    lines.push(`  ${paint(step.action, step.action.padEnd(8))}  ${shown(step.file, cwd)}${colors.dim(`  (${step.note})`)}`);
    if (step.snippet !== undefined) for (const line of step.snippet.split('\n')) lines.push(`      ${line}`);
  }
  for (const advice of result.advice) lines.push(`  note: ${advice}`);
  const changed = result.steps.filter((s) => s.action === 'create' || s.action === 'append').length;
  const manual = result.steps.filter((s) => s.action === 'manual').length;
  if (result.dryRun) lines.push(`Dry run: would ${changed > 0 ? `write ${changed} file(s)` : 'write nothing'}${manual > 0 ? `; ${manual} to edit by hand` : ''}. Nothing was written.`);
  else if (manual > 0) lines.push('Nothing was written to a file that could not be merged safely: add the lines shown above yourself.');
  else if (changed === 0) lines.push(`Nothing to do: the pre-commit step is already installed (\`${result.command}\`).`);
  else lines.push(`Installed: each commit now runs \`${result.command}\` and is refused when the staged changes have findings.`);
  return `${lines.join('\n')}\n`;
}
