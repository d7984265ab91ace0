// `init` in process: injected faults, and the property that init never changes a file that was there.
import * as fs from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { init } from '../../cli/commands/init.js';
import { AssumeError } from '../../cli/errors.js';
import { cleanup, initFiles, listFiles, snapshot, tempDir } from './helpers.js';

afterAll(cleanup);

const files = initFiles['http-service'];

describe('init with an injected fault', () => {
  for (const failing of ['docs/assumptions/README.md', 'docs/threat-model/checklist.md', '.assume/manifest.json']) {
    it(`a write that fails midway (${failing}) leaves no partial file; a rerun completes`, async () => {
      const dir = tempDir();
      const fault = (step: string, file: string): void => {
        if (file === failing && step === 'fsync') throw new Error('injected: power cut');
      };
      await expect(init({ dir, cwd: dir, fault })).rejects.toThrow('injected: power cut');
      const present = listFiles(dir);
      expect(present).not.toContain(failing);
      // No temp file anywhere, and every file that exists is complete (identical to a clean run's).
      expect(present.every((f) => files.includes(f))).toBe(true);
      const clean = tempDir();
      await init({ dir: clean, cwd: clean });
      for (const f of present) expect(fs.readFileSync(join(dir, f), 'utf8'), f).toBe(fs.readFileSync(join(clean, f), 'utf8'));

      const rerun = await init({ dir, cwd: dir });
      expect(rerun.entries.find((e) => e.path === failing)?.action).toBe('create');
      expect(snapshotContents(dir)).toEqual(snapshotContents(clean));
    });
  }
});

function snapshotContents(dir: string): Record<string, string> {
  return Object.fromEntries(Object.entries(snapshot(dir)).map(([k, v]) => [k, v.replace(/\u0000mtime=.*$/, '')]));
}

describe('init never changes a file that was already there (property)', () => {
  const editable = files;
  it('any subset of the files present, with any content: each is byte-identical afterwards', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.subarray([...editable], { minLength: 0 }),
        fc.array(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constant('')), { minLength: editable.length, maxLength: editable.length }),
        fc.boolean(),
        async (present, contents, force) => {
          const dir = tempDir('assume-prop-');
          const before = new Map<string, Buffer>();
          present.forEach((rel, i) => {
            fs.mkdirSync(dirname(join(dir, rel)), { recursive: true });
            fs.writeFileSync(join(dir, rel), contents[i]);
            before.set(rel, fs.readFileSync(join(dir, rel)));
          });
          try {
            await init({ dir, cwd: dir, force });
          } catch (error) {
            // A manifest that is not one is a config error (exit 2): nothing else may be written then.
            expect(error).toBeInstanceOf(AssumeError);
            expect(present).toContain('.assume/manifest.json');
            expect(listFiles(dir).sort()).toEqual([...present].sort());
          }
          for (const [rel, bytes] of before) {
            expect(fs.readFileSync(join(dir, rel)).equals(bytes), rel).toBe(true);
          }
          fs.rmSync(dir, { recursive: true, force: true });
        },
      ),
      { numRuns: 60 },
    );
  });
});
