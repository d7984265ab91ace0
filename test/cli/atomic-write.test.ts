// The atomic writer: a write that fails at any step leaves no partial file and no temp file; paths that
// resolve outside the root are refused.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../cli/errors.js';
import { resolveInside, writeFileAtomic, type WriterFs, type WriteStep } from '../../cli/fs/atomic-write.js';
import { cleanup, listFiles, tempDir } from './helpers.js';

afterAll(cleanup);

const steps: WriteStep[] = ['open', 'write', 'fsync', 'close', 'commit'];
const big = 'x'.repeat(256 * 1024);

describe('writeFileAtomic', () => {
  it('creates a new file with exactly the content, and nothing else in the folder', () => {
    const dir = tempDir();
    expect(writeFileAtomic(dir, 'a/b/c.txt', 'hello\n', { mode: 'create' })).toBe('written');
    expect(fs.readFileSync(join(dir, 'a/b/c.txt'), 'utf8')).toBe('hello\n');
    expect(listFiles(dir)).toEqual(['a/b/c.txt']);
  });

  it('create is exclusive: an existing target is left alone and reported', () => {
    const dir = tempDir();
    fs.writeFileSync(join(dir, 'c.txt'), 'theirs');
    expect(writeFileAtomic(dir, 'c.txt', 'ours', { mode: 'create' })).toBe('exists');
    expect(fs.readFileSync(join(dir, 'c.txt'), 'utf8')).toBe('theirs');
    expect(listFiles(dir)).toEqual(['c.txt']);
  });

  it('replace swaps the whole file', () => {
    const dir = tempDir();
    fs.writeFileSync(join(dir, 'c.txt'), 'old');
    expect(writeFileAtomic(dir, 'c.txt', 'new', { mode: 'replace' })).toBe('written');
    expect(fs.readFileSync(join(dir, 'c.txt'), 'utf8')).toBe('new');
  });

  for (const mode of ['create', 'replace'] as const) {
    for (const step of steps) {
      it(`${mode}: a fault at "${step}" leaves the target as it was and no temp file`, () => {
        const dir = tempDir();
        if (mode === 'replace') fs.writeFileSync(join(dir, 'c.txt'), 'old');
        const fault = (at: WriteStep): void => {
          if (at === step) throw new Error(`injected fault at ${at}`);
        };
        expect(() => writeFileAtomic(dir, 'c.txt', big, { mode, fault })).toThrow(`injected fault at ${step}`);
        expect(listFiles(dir)).toEqual(mode === 'replace' ? ['c.txt'] : []);
        if (mode === 'replace') expect(fs.readFileSync(join(dir, 'c.txt'), 'utf8')).toBe('old');
      });
    }
  }

  it('a disk that fills up halfway through the write leaves no partial file', () => {
    const dir = tempDir();
    let written = 0;
    const fullDisk: WriterFs = {
      ...(fs as unknown as WriterFs),
      writeSync(fd, buffer, offset, length, position) {
        if (written > 0) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        const half = Math.floor(length / 2);
        written += fs.writeSync(fd, buffer, offset, half, position);
        return half;
      },
    };
    expect(() => writeFileAtomic(dir, 'c.txt', big, { mode: 'create', fs: fullDisk })).toThrow('ENOSPC');
    expect(listFiles(dir)).toEqual([]);
  });

  it('falls back to an exclusive open + rename where hard links are not supported', () => {
    const dir = tempDir();
    const noLinks: WriterFs = {
      ...(fs as unknown as WriterFs),
      linkSync() {
        throw Object.assign(new Error('EPERM: operation not permitted, link'), { code: 'EPERM' });
      },
    };
    expect(writeFileAtomic(dir, 'c.txt', 'content', { mode: 'create', fs: noLinks })).toBe('written');
    expect(fs.readFileSync(join(dir, 'c.txt'), 'utf8')).toBe('content');
    expect(writeFileAtomic(dir, 'c.txt', 'again', { mode: 'create', fs: noLinks })).toBe('exists');
    expect(listFiles(dir)).toEqual(['c.txt']);
  });
});

describe('stale temp files of killed writes', () => {
  /** The pid of a process that has exited (a kill's victim is one). */
  const deadPid = (): number => {
    const child = spawnSync(process.execPath, ['-e', '']);
    expect(child.pid).toBeGreaterThan(0);
    return child.pid;
  };

  for (const mode of ['create', 'replace'] as const) {
    it(`${mode}: the next write of the target removes its temp files whose process is gone, and nothing else`, () => {
      const dir = tempDir();
      const dead = deadPid();
      const stale = [`.c.txt.${dead}.0123456789ab.tmp`, `reports/.c.txt.${dead}.ba9876543210.tmp`];
      const kept = [
        `.c.txt.${process.ppid}.0123456789ab.tmp`, // a write in a process that still runs (the test's parent)
        `.c.txt.${process.pid}.0123456789ab.tmp`, // this process's own: never a leftover of a killed run
        `.d.txt.${dead}.0123456789ab.tmp`, // another target's
        `.c.txt.${dead}.0123456789ab.tmp.bak`, // not named exactly like ours
        `.c.txt.${dead}.xyz.tmp`,
        `c.txt.${dead}.0123456789ab.tmp`,
      ];
      for (const f of [...stale, ...kept]) {
        fs.mkdirSync(join(dir, f, '..'), { recursive: true });
        fs.writeFileSync(join(dir, f), 'half');
      }
      expect(writeFileAtomic(dir, 'c.txt', 'new', { mode })).toBe('written');
      expect(fs.readFileSync(join(dir, 'c.txt'), 'utf8')).toBe('new');
      // Only the target's own folder is swept: `reports/` holds the temp file of `reports/c.txt`, not of `c.txt`.
      expect(listFiles(dir).sort()).toEqual(['c.txt', stale[1], ...kept].sort());
      expect(writeFileAtomic(dir, 'reports/c.txt', 'new', { mode })).toBe('written');
      expect(listFiles(dir).sort()).toEqual(['c.txt', 'reports/c.txt', ...kept].sort());
    });
  }

  it('create that finds the target taken still sweeps, and writes nothing', () => {
    const dir = tempDir();
    const stale = `.c.txt.${deadPid()}.0123456789ab.tmp`;
    fs.writeFileSync(join(dir, 'c.txt'), 'theirs');
    fs.writeFileSync(join(dir, stale), 'half');
    expect(writeFileAtomic(dir, 'c.txt', 'ours', { mode: 'create' })).toBe('exists');
    expect(listFiles(dir)).toEqual(['c.txt']);
    expect(fs.readFileSync(join(dir, 'c.txt'), 'utf8')).toBe('theirs');
  });

  it('a folder that cannot be listed or a temp file that cannot be removed does not fail the write', () => {
    const dir = tempDir();
    const stale = `.c.txt.${deadPid()}.0123456789ab.tmp`;
    fs.writeFileSync(join(dir, stale), 'half');
    const unlistable: WriterFs = {
      ...(fs as unknown as WriterFs),
      readdirSync() {
        throw Object.assign(new Error('EACCES: permission denied, scandir'), { code: 'EACCES' });
      },
    };
    expect(writeFileAtomic(dir, 'c.txt', 'one', { mode: 'replace', fs: unlistable })).toBe('written');
    const stubborn: WriterFs = {
      ...(fs as unknown as WriterFs),
      unlinkSync(file) {
        if (file.endsWith(stale)) throw Object.assign(new Error('EPERM: operation not permitted, unlink'), { code: 'EPERM' });
        fs.unlinkSync(file);
      },
    };
    expect(writeFileAtomic(dir, 'c.txt', 'two', { mode: 'replace', fs: stubborn })).toBe('written');
    expect(fs.readFileSync(join(dir, 'c.txt'), 'utf8')).toBe('two');
    expect(listFiles(dir).sort()).toEqual([stale, 'c.txt'].sort());
  });
});

describe('resolveInside', () => {
  it('refuses absolute names, `..` that climbs out and NUL bytes', () => {
    const dir = tempDir();
    for (const bad of ['/etc/passwd', '../x', 'a/../../x', '..', '.', 'C:\\x', 'a\0b']) {
      expect(() => resolveInside(dir, bad), bad).toThrow(UsageError);
    }
  });

  it('accepts `..` that stays inside', () => {
    const dir = tempDir();
    expect(resolveInside(dir, 'a/../b.txt')).toBe(join(dir, 'b.txt'));
  });

  it('refuses a symlinked folder or file that points outside; accepts one that points inside', () => {
    const dir = tempDir();
    const outside = tempDir('assume-outside-');
    fs.symlinkSync(outside, join(dir, 'out'));
    fs.mkdirSync(join(dir, 'real'));
    fs.symlinkSync(join(dir, 'real'), join(dir, 'in'));
    fs.writeFileSync(join(outside, 'f'), '');
    fs.symlinkSync(join(outside, 'f'), join(dir, 'file-out'));
    fs.symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling'));
    expect(() => resolveInside(dir, 'out/x.md')).toThrow(/symlink pointing outside/);
    expect(() => resolveInside(dir, 'file-out')).toThrow(/symlink pointing outside/);
    expect(() => resolveInside(dir, 'dangling')).toThrow(/does not resolve/);
    expect(resolveInside(dir, 'in/x.md')).toBe(join(dir, 'in/x.md'));
    expect(() => writeFileAtomic(dir, 'out/x.md', 'no', { mode: 'create' })).toThrow(UsageError);
    expect(fs.readdirSync(outside)).toEqual(['f']);
  });
});
