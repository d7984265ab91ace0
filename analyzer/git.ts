import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/** Thrown when git is missing or the directory is not a work tree. */
export class GitError extends Error {
  override readonly name = 'GitError';
}

function git(cwd: string, args: readonly string[], maxBuffer = 64 * 1024 * 1024): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new GitError(`git ${args[0]} failed: ${stderr.trim().split('\n')[0] || (error as Error).message}`);
  }
}

/** The work tree's top folder. */
export function gitRoot(cwd: string): string {
  return git(cwd, ['rev-parse', '--show-toplevel']).trim();
}

/**
 * Files staged in the index (added, copied, modified, renamed), with their STAGED content (`git show :path`),
 * not the working tree's: a partially staged file is checked as it will be committed.
 */
export function stagedFiles(cwd: string): Map<string, string> {
  const root = gitRoot(cwd);
  const names = git(root, ['diff', '--cached', '--name-only', '--diff-filter=ACMR', '-z']).split('\0').filter(Boolean);
  return indexBlobs(root, names);
}

/**
 * The index's content of tracked files whose working-tree copy differs from it (unstaged edits): a staged file
 * that imports one of them is checked against what will be committed, not against the unstaged edit.
 */
export function unstagedIndexFiles(cwd: string): Map<string, string> {
  const root = gitRoot(cwd);
  const names = git(root, ['diff', '--name-only', '--diff-filter=M', '-z']).split('\0').filter(Boolean);
  return indexBlobs(root, names);
}

/** The index blobs of `names` (paths relative to the work tree's top), read by one `git cat-file --batch`. */
function indexBlobs(root: string, names: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  if (names.length === 0) return out;
  let raw: Buffer;
  try {
    raw = execFileSync('git', ['cat-file', '--batch'], { cwd: root, input: names.map((n) => `:${n}\n`).join(''), stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 1024 * 1024 * 1024 });
  } catch (error) {
    const raw = (error as { stderr?: Buffer | string }).stderr;
    const stderr = raw === undefined ? '' : raw.toString();
    throw new GitError(`git cat-file failed: ${stderr.trim().split('\n')[0] || (error as Error).message}`);
  }
  let at = 0;
  for (const name of names) {
    const eol = raw.indexOf(10, at);
    if (eol < 0) break;
    const header = raw.subarray(at, eol).toString('utf8');
    const size = /^[0-9a-f]+ blob (\d+)$/.exec(header)?.[1];
    if (size === undefined) {
      // `<object> missing` (e.g. a name git quoted differently): skip it, the working tree is read instead.
      at = eol + 1;
      continue;
    }
    const start = eol + 1;
    out.set(resolve(root, name), raw.subarray(start, start + Number(size)).toString('utf8'));
    at = start + Number(size) + 1;
  }
  return out;
}

/** Files changed since the merge-base of HEAD and `ref` (default: the upstream, else `main`), plus uncommitted changes. */
export function changedFiles(cwd: string, ref?: string): string[] {
  const root = gitRoot(cwd);
  const base = ref ?? defaultBase(root);
  const mergeBase = git(root, ['merge-base', 'HEAD', base]).trim();
  const committed = git(root, ['diff', '--name-only', '--diff-filter=ACMR', '-z', mergeBase]).split('\0');
  const untracked = git(root, ['ls-files', '--others', '--exclude-standard', '-z']).split('\0');
  return [...new Set([...committed, ...untracked].filter(Boolean))].map((n) => resolve(root, n)).sort();
}

function defaultBase(root: string): string {
  try {
    return git(root, ['rev-parse', '--abbrev-ref', '--symbolic-full-name', '@{upstream}']).trim();
  } catch {
    for (const candidate of ['main', 'master']) {
      try {
        git(root, ['rev-parse', '--verify', '--quiet', candidate]);
        return candidate;
      } catch {
        // next
      }
    }
    return 'HEAD';
  }
}
