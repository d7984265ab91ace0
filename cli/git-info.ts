/**
 * What `assume hooks install` and `assume init --ci` need to know about the git repository around a folder:
 * its work-tree root, where git looks for hooks (`core.hooksPath`, worktrees), and its common git folder.
 * Read-only: these helpers never change the repository.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

export interface GitRepo {
  /** The work tree's top folder (`git rev-parse --show-toplevel`), absolute. */
  root: string;
  /** The folder git runs hooks from (`git rev-parse --git-path hooks`: honours `core.hooksPath` and worktrees), absolute. */
  hooksDir: string;
  /** `core.hooksPath` as configured, if it is. */
  hooksPath?: string;
  /** The repository's common git folder (shared by all worktrees), absolute. */
  commonDir: string;
}

/** Runs git read-only; undefined when git fails (not a repository, git missing, key unset). */
function gitOutput(cwd: string, args: readonly string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).replace(/\r?\n$/, '');
  } catch {
    return undefined;
  }
}

/** The git repository `cwd` is in, or undefined when it is in none (or git is not installed). */
export function gitRepoOf(cwd: string): GitRepo | undefined {
  const root = gitOutput(cwd, ['rev-parse', '--show-toplevel']);
  if (root === undefined || root === '') return undefined;
  const absolute = (p: string): string => path.resolve(cwd, p);
  const hooks = gitOutput(cwd, ['rev-parse', '--path-format=absolute', '--git-path', 'hooks']) ?? gitOutput(cwd, ['rev-parse', '--git-path', 'hooks']);
  const common = gitOutput(cwd, ['rev-parse', '--path-format=absolute', '--git-common-dir']) ?? gitOutput(cwd, ['rev-parse', '--git-common-dir']);
  const hooksPath = gitOutput(cwd, ['config', '--get', 'core.hooksPath']);
  const commonDir = absolute(common ?? path.join(root, '.git'));
  let hooksDir = absolute(hooks ?? path.join(commonDir, 'hooks'));
  // Old gits ignore core.hooksPath in --git-path; git itself resolves a relative one from the work-tree root.
  if (hooksPath !== undefined && hooksPath !== '') hooksDir = path.resolve(root, expandHome(hooksPath));
  return { root: path.resolve(root), hooksDir, hooksPath: hooksPath === '' ? undefined : hooksPath, commonDir };
}

function expandHome(p: string): string {
  const home = process.env.HOME;
  return p.startsWith('~/') && home !== undefined ? path.join(home, p.slice(2)) : p;
}

/** Is `child` the folder `parent` or inside it (both absolute)? */
export function isInsideDir(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
