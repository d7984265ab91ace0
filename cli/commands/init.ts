/**
 * `assume init [dir]`: gives a repository its assumption register, threat-model checklist and rollback
 * template. Creates only what is absent, never overwrites an edited file, writes every file atomically,
 * and refuses to write outside the target folder. `--force` refreshes only files still byte-identical to
 * what init wrote (hashes in `.assume/manifest.json`); `--dry-run` prints the plan and writes nothing.
 */
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseAssumption } from '../../register/assumption.js';
import { renderIndex, replaceIndex } from '../../register/index-doc.js';
import { defaultRegisterPaths } from '../../register/load.js';
import type { Assumption } from '../../register/types.js';
import type { Colors } from '../color.js';
import { ConfigError, UsageError } from '../errors.js';
import { readTextIfExists, sha256 } from '../fs/read.js';
import { resolveInside, writeFileAtomic, type WriterFs, type WriteStep } from '../fs/atomic-write.js';
import { defaultProfile, isProfile, profiles, profileTemplates, render, yamlQuoted, type Profile } from '../templates.js';

export const MANIFEST = '.assume/manifest.json';
export const DEFAULT_OWNER = '@your-team';

export type PlanAction = 'create' | 'keep' | 'conflict' | 'refresh';

export interface PlanEntry {
  path: string;
  action: PlanAction;
  /** Why this action (shown next to keep / conflict / refresh). */
  note: string;
}

export interface InitOptions {
  /** The folder to initialize (absolute, or relative to `cwd`). */
  dir: string;
  cwd: string;
  template?: string;
  owner?: string;
  force?: boolean;
  dryRun?: boolean;
  /** Ask questions for values not given (a TTY, not CI, no --yes). */
  ask?: (question: string, fallback: string) => Promise<string>;
  /** Test hooks for the atomic writer. */
  fs?: WriterFs;
  fault?: (step: WriteStep, file: string) => void;
}

export interface InitResult {
  dir: string;
  template: Profile;
  owner: string;
  dryRun: boolean;
  entries: PlanEntry[];
}

/** `.assume/manifest.json`: what init wrote, so `--force` can tell a shipped file from an edited one. */
interface Manifest {
  version: 1;
  template: Profile;
  owner: string;
  /** Relative path -> sha256 of the content init wrote. */
  files: Record<string, string>;
}

function readManifest(dir: string): Manifest | undefined {
  const text = readTextIfExists(resolveInside(dir, MANIFEST));
  if (text === undefined) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ConfigError(`${MANIFEST} is not valid JSON; fix or delete it (init recreates it).`, MANIFEST);
  }
  const m = data as Partial<Manifest> | null;
  if (!m || m.version !== 1 || typeof m.files !== 'object' || typeof m.template !== 'string' || !isProfile(m.template)) {
    throw new ConfigError(`${MANIFEST} is not an assume init manifest (version 1); fix or delete it.`, MANIFEST);
  }
  return { version: 1, template: m.template, owner: typeof m.owner === 'string' ? m.owner : DEFAULT_OWNER, files: m.files };
}

function serializeManifest(m: Manifest): string {
  const files = Object.fromEntries(Object.entries(m.files).sort(([a], [b]) => (a < b ? -1 : 1)));
  return `${JSON.stringify({ version: m.version, template: m.template, owner: m.owner, files }, null, 2)}\n`;
}

/** Assumptions already in the project's register folder (for the README index). */
function existingAssumptions(dir: string, folder: string): Map<string, string> {
  const out = new Map<string, string>();
  let names: string[];
  try {
    names = readdirSync(resolveInside(dir, folder));
  } catch {
    return out;
  }
  for (const name of names) {
    if (!name.toLowerCase().endsWith('.md') || name.toLowerCase() === 'readme.md') continue;
    const text = readTextIfExists(resolveInside(dir, `${folder}/${name}`));
    if (text !== undefined) out.set(`${folder}/${name}`, text);
  }
  return out;
}

/** Computes the plan (and the files' contents) without writing anything. */
async function plan(options: InitOptions): Promise<{ result: InitResult; contents: Map<string, string>; manifest: string }> {
  const dir = path.resolve(options.cwd, options.dir);
  /** Whether the folder exists; when it does not, every file is a `create` and it is made before writing. */
  let exists = false;
  try {
    exists = statSync(dir).isDirectory();
    if (!exists) throw new UsageError(`${options.dir} exists and is not a folder.`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
  }
  const manifest = exists ? readManifest(dir) : undefined;

  let template: Profile;
  if (options.template !== undefined) {
    if (!isProfile(options.template)) throw new UsageError(`Unknown template "${options.template}": choose one of ${profiles.join(', ')}.`);
    template = options.template;
  } else if (manifest) {
    template = manifest.template;
  } else if (options.ask) {
    const answer = (await options.ask(`Kind of project (${profiles.join(' | ')})`, defaultProfile)).trim() || defaultProfile;
    if (!isProfile(answer)) throw new UsageError(`Unknown template "${answer}": choose one of ${profiles.join(', ')}.`);
    template = answer;
  } else {
    template = defaultProfile;
  }
  const owner = options.owner ?? manifest?.owner ?? (options.ask ? (await options.ask('Owner of the assumptions (team or person)', DEFAULT_OWNER)).trim() || DEFAULT_OWNER : DEFAULT_OWNER);
  if (/[\n\r]/.test(owner)) throw new UsageError('The owner must be a single line.');

  const vars = { owner: yamlQuoted(owner) };
  const contents = new Map<string, string>();
  for (const [rel, text] of profileTemplates(exists ? dir : undefined, template)) contents.set(rel, render(text, vars));

  // The README's index lists every assumption the register will hold: those already there and those created.
  const folder = defaultRegisterPaths.assumptions;
  const readmePath = `${folder}/README.md`;
  const readme = contents.get(readmePath);
  if (readme !== undefined) {
    const register = exists ? existingAssumptions(dir, folder) : new Map<string, string>();
    for (const [rel, text] of contents) if (rel.startsWith(`${folder}/`) && rel !== readmePath && rel.endsWith('.md') && !register.has(rel)) register.set(rel, text);
    const assumptions: Assumption[] = [];
    for (const [rel, text] of register) {
      const a = parseAssumption(text, path.basename(rel, '.md')).assumption;
      if (a && !assumptions.some((b) => b.id === a.id)) assumptions.push(a);
    }
    contents.set(readmePath, replaceIndex(readme, renderIndex(assumptions)) ?? readme);
  }

  const entries: PlanEntry[] = [];
  const files: Record<string, string> = {};
  for (const [rel, text] of contents) {
    const existing = exists ? readTextIfExists(resolveInside(dir, rel, options.fs)) : undefined;
    const hash = sha256(text);
    if (existing === undefined) {
      entries.push({ path: rel, action: 'create', note: '' });
      files[rel] = hash;
    } else if (existing === text) {
      entries.push({ path: rel, action: 'keep', note: 'already up to date' });
      files[rel] = hash;
    } else {
      const shipped = manifest?.files[rel];
      if (shipped !== undefined && shipped === sha256(existing)) {
        if (options.force) {
          entries.push({ path: rel, action: 'refresh', note: 'unchanged since init; refreshed from the template' });
          files[rel] = hash;
        } else {
          entries.push({ path: rel, action: 'conflict', note: 'unchanged since init but differs from the current template; kept (--force refreshes it)' });
          files[rel] = shipped;
        }
      } else {
        entries.push({ path: rel, action: 'conflict', note: shipped === undefined ? 'exists and was not written by assume init; kept' : 'edited since init; kept' });
        if (shipped !== undefined) files[rel] = shipped;
      }
    }
  }

  const manifestText = serializeManifest({ version: 1, template, owner, files });
  const oldManifest = exists ? readTextIfExists(resolveInside(dir, MANIFEST, options.fs)) : undefined;
  entries.push(
    oldManifest === undefined
      ? { path: MANIFEST, action: 'create', note: '' }
      : oldManifest === manifestText
        ? { path: MANIFEST, action: 'keep', note: 'already up to date' }
        : { path: MANIFEST, action: 'refresh', note: 'records the hashes of what init wrote' },
  );
  return { result: { dir, template, owner, dryRun: options.dryRun ?? false, entries }, contents, manifest: manifestText };
}

/** Runs `assume init`. Validates every target before writing anything. */
export async function init(options: InitOptions): Promise<InitResult> {
  const { result, contents, manifest } = await plan(options);
  if (result.dryRun) return result;
  mkdirSync(result.dir, { recursive: true });
  const fault = options.fault;
  for (const entry of result.entries) {
    if (entry.action !== 'create' && entry.action !== 'refresh') continue;
    const text = entry.path === MANIFEST ? manifest : contents.get(entry.path);
    if (text === undefined) continue;
    const outcome = writeFileAtomic(result.dir, entry.path, text, {
      mode: entry.action === 'create' ? 'create' : 'replace',
      fs: options.fs,
      fault: fault
        ? (step) => {
            fault(step, entry.path);
          }
        : undefined,
    });
    if (outcome === 'exists') {
      entry.action = 'conflict';
      entry.note = 'appeared while init ran; kept';
    }
  }
  return result;
}

const LABEL: Readonly<Record<PlanAction, string>> = { create: 'create', keep: 'keep', conflict: 'conflict', refresh: 'refresh' };

/** Text report of an init run (or of its plan, with --dry-run). */
export function formatInit(result: InitResult, colors: Colors, shownDir: string): string {
  const counts = { create: 0, keep: 0, conflict: 0, refresh: 0 };
  for (const e of result.entries) counts[e.action]++;
  const lines: string[] = [];
  lines.push(`${result.dryRun ? 'Plan for' : 'assume init in'} ${shownDir} (template ${result.template})`);
  const paint = (action: PlanAction, text: string): string =>
    action === 'create' || action === 'refresh' ? colors.green(text) : action === 'conflict' ? colors.yellow(text) : colors.dim(text);
  for (const e of result.entries) lines.push(`  ${paint(e.action, LABEL[e.action].padEnd(8))}  ${e.path}${e.note ? colors.dim(`  (${e.note})`) : ''}`);
  const changed = counts.create + counts.refresh;
  if (result.dryRun) {
    lines.push(`Dry run: would create ${counts.create}, refresh ${counts.refresh}, keep ${counts.keep}; ${counts.conflict} conflict(s). Nothing was written.`);
  } else if (changed === 0 && counts.conflict === 0) {
    lines.push(`Nothing to do: all ${counts.keep} files are already in place.`);
  } else {
    lines.push(`Created ${counts.create}, refreshed ${counts.refresh}, kept ${counts.keep}; ${counts.conflict} conflict(s) left as they are.`);
    if (counts.conflict > 0) lines.push('Conflicting files are never overwritten; --force refreshes only files unchanged since init.');
    if (counts.create > 0) lines.push('Next: edit docs/assumptions/, answer docs/threat-model/checklist.md, then run `assume check`.');
  }
  return `${lines.join('\n')}\n`;
}
