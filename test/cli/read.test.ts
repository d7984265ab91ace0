import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../cli/errors.js';
import { readTextIfExists, sha256 } from '../../cli/fs/read.js';

describe('readTextIfExists', () => {
  const dir = mkdtempSync(join(tmpdir(), 'assume-read-'));
  writeFileSync(join(dir, 'a.txt'), 'hello\n');
  mkdirSync(join(dir, 'folder'));

  it('reads a file, and says undefined for a missing one or one under a file', () => {
    expect(readTextIfExists(join(dir, 'a.txt'))).toBe('hello\n');
    expect(readTextIfExists(join(dir, 'missing.txt'))).toBeUndefined();
    expect(readTextIfExists(join(dir, 'a.txt', 'below'))).toBeUndefined();
  });

  it('refuses a folder where the file should be, naming it and what was to be done', () => {
    expect(() => readTextIfExists(join(dir, 'folder'))).toThrow(UsageError);
    expect(() => readTextIfExists(join(dir, 'folder'))).toThrow(`Cannot write ${join(dir, 'folder')}: a folder of that name exists.`);
    expect(() => readTextIfExists(join(dir, 'folder'), 'use')).toThrow(`Cannot use ${join(dir, 'folder')}: a folder of that name exists.`);
  });
});

describe('sha256', () => {
  it('is the hex digest of the UTF-8 text', () => {
    expect(sha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256('é')).not.toBe(sha256('e'));
  });
});
