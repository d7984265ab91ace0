/**
 * The one way assume-lint writes a file. Every write is atomic: the content goes to a temporary file in the
 * same folder, is fsynced, and only then takes the target's name (a hard link for a new file, which fails
 * if the name exists: exclusive create; a rename for a replacement). A reader sees the old file or the new
 * one, never half of one, and a crash or a full disk leaves the target as it was.
 *
 * Paths are given relative to a root (the folder the command works on) and refused when they would land
 * outside it: absolute names, `..` that climbs out, or a symlink on the way that points out.
 *
 * A write that is killed (SIGKILL, power loss) leaves its temp file, `.<name>.<pid>.<12 hex>.tmp`, next to the
 * target. The next write of the same target removes those whose process is gone; a temp file of a process
 * that still runs (a concurrent write) is left alone, and so is anything not named exactly like ours.
 */
import * as nodeFs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { UsageError } from '../errors.js';

/** The file-system calls the writer makes; injectable so tests can simulate a failure at any step. */
export interface WriterFs {
  openSync(file: string, flags: string, mode?: number): number;
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number | null): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  linkSync(existing: string, target: string): void;
  renameSync(from: string, to: string): void;
  unlinkSync(file: string): void;
  mkdirSync(dir: string, options: { recursive: true }): unknown;
  /** Lists a folder (for the sweep of stale temp files); without it, nothing is swept. */
  readdirSync?(dir: string): string[];
  lstatSync(file: string): { isSymbolicLink(): boolean };
  realpathSync(file: string): string;
}

/** Steps of a write, in order; a fault hook may throw at any of them to simulate a crash or I/O error. */
export type WriteStep = 'open' | 'write' | 'fsync' | 'close' | 'commit';

export interface AtomicWriteOptions {
  /** `create`: the target must not exist (exclusive). `replace`: the target may exist and is replaced whole. */
  mode: 'create' | 'replace';
  /** File-system implementation (tests). Defaults to `node:fs`. */
  fs?: WriterFs;
  /** Called before each step; throwing aborts the write (tests). */
  fault?: (step: WriteStep) => void;
}

/** What happened to a write. `exists`: mode `create` and the target appeared meanwhile; nothing was written. */
export type WriteOutcome = 'written' | 'exists';

const defaultFs: WriterFs = nodeFs;

/** Is `child` the folder `parent` or inside it? Both absolute and normalized. */
function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

/**
 * The absolute path of `relPath` under `root`, after checking it stays there: no absolute name, no `..`
 * that climbs out, no symlink on the way (or at the end) that resolves outside `root`.
 * Throws a UsageError naming the path otherwise.
 */
export function resolveInside(root: string, relPath: string, fs: WriterFs = defaultFs): string {
  if (relPath.includes('\0')) throw new UsageError(`Refusing to write "${relPath}": the name contains a NUL byte.`);
  if (path.isAbsolute(relPath) || path.win32.isAbsolute(relPath)) {
    throw new UsageError(`Refusing to write "${relPath}": an absolute path; files are written inside ${root} only.`);
  }
  const normalized = path.normalize(relPath);
  if (normalized === '..' || normalized.startsWith(`..${path.sep}`) || normalized === '.' || normalized === '') {
    throw new UsageError(`Refusing to write "${relPath}": it resolves outside ${root}.`);
  }
  const rootReal = fs.realpathSync(root);
  let current = rootReal;
  for (const segment of normalized.split(path.sep)) {
    const next = path.join(current, segment);
    let isLink: boolean;
    try {
      isLink = fs.lstatSync(next).isSymbolicLink();
    } catch (error) {
      if (errorCode(error) === 'ENOENT') break; // the rest does not exist yet and will be created inside
      throw error;
    }
    if (isLink) {
      let real: string;
      try {
        real = fs.realpathSync(next);
      } catch {
        throw new UsageError(`Refusing to write "${relPath}": ${path.relative(rootReal, next)} is a symlink that does not resolve.`);
      }
      if (!isInside(rootReal, real)) {
        throw new UsageError(`Refusing to write "${relPath}": ${path.relative(rootReal, next)} is a symlink pointing outside ${root}.`);
      }
      current = real;
    } else {
      current = next;
    }
  }
  return path.join(rootReal, normalized);
}

/** Writes `content` to `relPath` under `root`, atomically. See the module comment. */
export function writeFileAtomic(root: string, relPath: string, content: string | Uint8Array, options: AtomicWriteOptions): WriteOutcome {
  const fs = options.fs ?? defaultFs;
  const fault = options.fault ?? (() => undefined);
  const target = resolveInside(root, relPath, fs);
  const dir = path.dirname(target);
  fs.mkdirSync(dir, { recursive: true });
  // The folders just created could not be links, but re-check in case one appeared meanwhile.
  resolveInside(root, relPath, fs);

  sweepStaleTemps(fs, dir, path.basename(target));

  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  let committed = false;
  try {
    fault('open');
    fd = fs.openSync(temp, 'wx', 0o644);
    fault('write');
    let offset = 0;
    while (offset < bytes.length) offset += fs.writeSync(fd, bytes, offset, bytes.length - offset, null);
    fault('fsync');
    fs.fsyncSync(fd);
    fault('close');
    const toClose = fd;
    fd = undefined;
    fs.closeSync(toClose);
    fault('commit');
    if (options.mode === 'create') {
      if (!commitExclusive(fs, temp, target)) return 'exists';
    } else {
      fs.renameSync(temp, target);
    }
    committed = true;
    syncDirectory(fs, dir);
    return 'written';
  } finally {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // already failing; the original error matters
      }
    }
    if (!committed || options.mode === 'create') {
      try {
        fs.unlinkSync(temp);
      } catch {
        // gone already (renamed) or never created
      }
    }
  }
}

/** The part of a temp file's name after `.<target name>.`: the writer's pid and 12 random hex digits. */
const TEMP_TAIL = /^(\d+)\.[0-9a-f]{12}\.tmp$/;

/**
 * Removes the temp files that earlier writes of `base` (a file name in `dir`) left behind when they were killed:
 * those whose writer process no longer exists. Best effort: a failure to list or remove is not the write's failure.
 */
function sweepStaleTemps(fs: WriterFs, dir: string, base: string): void {
  if (!fs.readdirSync) return;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  const prefix = `.${base}.`;
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const match = TEMP_TAIL.exec(name.slice(prefix.length));
    if (!match) continue;
    const pid = Number(match[1]);
    if (pid === process.pid || isRunning(pid)) continue;
    try {
      fs.unlinkSync(path.join(dir, name));
    } catch {
      // gone meanwhile, or not a file we may remove
    }
  }
}

/** Does a process with this pid exist? (EPERM: it does, as another user's.) */
function isRunning(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

/** Gives the fully written temp file the target's name only if the name is free. False if it is taken. */
function commitExclusive(fs: WriterFs, temp: string, target: string): boolean {
  try {
    fs.linkSync(temp, target);
    return true;
  } catch (error) {
    const code = errorCode(error);
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
  }
  // No hard links on this file system: reserve the name exclusively, then rename the content over it.
  try {
    fs.closeSync(fs.openSync(target, 'wx', 0o644));
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
  fs.renameSync(temp, target);
  return true;
}

/** Makes the new directory entry durable too (best effort: not every platform can fsync a folder). */
function syncDirectory(fs: WriterFs, dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // not supported here
  } finally {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // ignore
      }
    }
  }
}
