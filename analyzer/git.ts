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
  const out = new Map<string, string>();
  for (const name of names) out.set(resolve(root, name), git(root, ['show', `:${name}`]));
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
