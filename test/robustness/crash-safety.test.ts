/**
 * Crash safety of everything the tool writes: a child process is SIGKILLed at random points, and every target
 * file is then either exactly the old content or exactly a complete new content (never torn). A killed
 * write may leave its temp file (`.<name>.<pid>.<hex>.tmp`, in the target's folder): the next run must not
 * misread it, so each case runs the command again and checks its result; the next write of the same target
 * removes it.
 *
 * Children: a node script writing big contents in a loop through dist/cli/fs/atomic-write.js (report,
 * baseline-like JSON, create and replace modes), and the real binary: `assume check --output`, `--cache`,
 * and `assume init`. `npm run fuzz` runs more kills.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binary, cleanup, listFiles, repoRoot, runCli, tempDir } from '../cli/helpers.js';
import { renderService, serviceSpec } from './generators.js';

afterAll(cleanup);

const SEED = Number(process.env.FUZZ_SEED ?? 20260601);
/** A temp file of atomic-write: `.<target name>.<pid>.<12 hex>.tmp`. */
const CACHE = 'node_modules/.cache/assume/analyzer.json';
const BASELINE = '.assume/baseline.json';
const TEMP_FILE = /(^|\/)\.[^/]+\.\d+\.[0-9a-f]{12}\.tmp$/;

/** Deterministic delays in [0, max) ms. */
function delays(count: number, max: number, seed: number): number[] {
  return fc.sample(fc.integer({ min: 0, max: max - 1 }), { seed, numRuns: count });
}

interface Killed {
  /** Whether the child was still running when the signal came (false: it had already finished). */
  killed: boolean;
  code: number | null;
}

/** Spawns node with `args` in `cwd`, SIGKILLs it after `delayMs`, resolves when it has exited. */
function runAndKill(args: readonly string[], cwd: string, delayMs: number): Promise<Killed> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd, NO_COLOR: '1', CI: '1' }, stdio: 'ignore' });
    let killed = false;
    const timer = setTimeout(() => {
      killed = child.exitCode === null && child.signalCode === null && child.kill('SIGKILL');
    }, delayMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ killed, code });
    });
  });
}

/** Runs `jobs` with at most `width` at a time (kills are mostly waiting; two cores are enough). */
async function pool<T>(jobs: (() => Promise<T>)[], width = 4): Promise<T[]> {
  const results: T[] = new Array<T>(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return results;
}

/** Files under `dir` other than `expected` must be temp files of a killed write (nothing else appears). */
function expectOnlyTempLeftovers(dir: string, expected: readonly string[]): string[] {
  const extra = listFiles(dir).filter((f) => !expected.includes(f));
  for (const f of extra) expect(f, `unexpected file after a kill: ${f}`).toMatch(TEMP_FILE);
  return extra;
}

describe('writeFileAtomic killed in a loop of big writes', () => {
  /** Content of version k: 1-3 MB with its version in a header, a body and a trailer (a torn file shows). */
  const content = (k: number): string => JSON.stringify({ version: k, body: `v${k} ${'x'.repeat(60)}\n`.repeat(16384 * (1 + (k % 3))), end: k });
  // The child gets the same function as source text (it uses nothing but its argument).
  const childScript = (mode: 'create' | 'replace', target: string) => `
    import { writeFileAtomic } from ${JSON.stringify(pathToFileURL(join(repoRoot, 'dist', 'cli', 'fs', 'atomic-write.js')).href)};
    const content = ${content.toString()};
    const root = process.argv[2];
    for (let k = 1; ; k += 1) {
      const outcome = writeFileAtomic(root, ${JSON.stringify(target)}, content(k), { mode: ${JSON.stringify(mode)} });
      if (${JSON.stringify(mode)} === 'create' && outcome === 'exists') break;
    }`;

  let scripts: string;
  beforeAll(() => {
    scripts = tempDir('assume-crash-scripts-');
    writeFileSync(join(scripts, 'replace-report.mjs'), childScript('replace', 'reports/report.sarif'));
    writeFileSync(join(scripts, 'replace-baseline.mjs'), childScript('replace', '.assume/baseline.json'));
    writeFileSync(join(scripts, 'create.mjs'), childScript('create', 'docs/assumptions/A-new.md'));
  });

  /** The target is absent (never written), the old content, or exactly one complete version. */
  function expectWhole(file: string, old: string | undefined): void {
    if (!existsSync(file)) {
      expect(old).toBeUndefined();
      return;
    }
    const text = readFileSync(file, 'utf8');
    if (text === old) return;
    let parsed: { version?: unknown };
    try {
      parsed = JSON.parse(text) as { version?: unknown };
    } catch {
      throw new Error(`torn file ${file}: ${text.length} bytes, not JSON`);
    }
    expect(typeof parsed.version).toBe('number');
    expect(text === content(parsed.version as number), `version ${String(parsed.version)} is incomplete`).toBe(true);
  }

  for (const [script, target, old] of [
    ['replace-report.mjs', 'reports/report.sarif', '{"old":true}'],
    ['replace-baseline.mjs', '.assume/baseline.json', '{"version":1,"entries":[]}'],
  ] as const) {
    it(`replace ${target}: 12 kills at random points, each leaves the old or a whole new file; the next write cleans up`, async () => {
      const runs = delays(12, 900, SEED + target.length);
      const outcomes = await pool(
        runs.map((delay) => async () => {
          const dir = tempDir('assume-crash-');
          mkdirSync(join(dir, target, '..'), { recursive: true });
          writeFileSync(join(dir, target), old);
          const result = await runAndKill([join(scripts, script), dir], dir, delay);
          expectWhole(join(dir, target), old);
          expectOnlyTempLeftovers(dir, [target]);
          // A later write is not confused by a leftover temp file, and removes it (its writer is gone).
          const { writeFileAtomic } = await import('../../cli/fs/atomic-write.js');
          writeFileAtomic(dir, target, content(99), { mode: 'replace' });
          expect(readFileSync(join(dir, target), 'utf8')).toBe(content(99));
          expect(listFiles(dir).filter((f) => f !== target)).toEqual([]);
          return result;
        }),
      );
      // The kills landed while the child was writing (not all before it started or after it ended). Whether a
      // kill leaves a temp file depends on where it lands; the sweep itself is tested in test/cli/atomic-write.test.ts.
      expect(outcomes.filter((o) => o.killed).length).toBeGreaterThan(8);
    }, 120_000);
  }

  it('create (exclusive) killed at random points: the target is absent or one whole version, never partial', async () => {
    const runs = delays(14, 600, SEED + 3);
    await pool(
      runs.map((delay) => async () => {
        const dir = tempDir('assume-crash-');
        await runAndKill([join(scripts, 'create.mjs'), dir], dir, delay);
        expectWhole(join(dir, 'docs/assumptions/A-new.md'), undefined);
        expectOnlyTempLeftovers(dir, ['docs/assumptions/A-new.md']);
      }),
    );
  }, 120_000);
});

describe('the real binary killed at random points', () => {
  /** A project with 8 generated service files: a report of ~60 KB, and a check short enough to kill often. */
  let project: string;
  let reference: { sarif: string; cache: string; init: Record<string, string>; checkMs: number; baseline: string };

  beforeAll(() => {
    project = tempDir('assume-crash-project-');
    expect(runCli(['init', '--yes'], project).status).toBe(0);
    const specs = fc.sample(serviceSpec, { seed: SEED, numRuns: 8 });
    specs.forEach((spec, i) => {
      mkdirSync(join(project, 'src'), { recursive: true });
      writeFileSync(join(project, 'src', `service-${i}.ts`), renderService(spec).code);
    });
    // One cold run gives the reference report and cache (both are deterministic: the kill tests compare
    // with them byte for byte, and a rerun after a kill must reproduce them).
    const started = Date.now();
    expect(runCli(['check', '--cache', '--format', 'sarif', '--output', 'report.sarif'], project).status).toBe(1);
    const checkMs = Date.now() - started;
    const sarif = readFileSync(join(project, 'report.sarif'), 'utf8');
    const cache = readFileSync(join(project, CACHE), 'utf8');
    const initDir = tempDir('assume-crash-init-ref-');
    expect(runCli(['init', '--yes'], initDir).status).toBe(0);
    const init = Object.fromEntries(listFiles(initDir).map((f) => [f, readFileSync(join(initDir, f), 'utf8')]));
    const baselineDir = copyProject();
    expect(runCli(['check', '--baseline-write'], baselineDir).status).toBe(0);
    const baseline = readFileSync(join(baselineDir, BASELINE), 'utf8');
    reference = { sarif, cache, init, checkMs, baseline };
  }, 120_000);

  function copyProject(): string {
    const dir = tempDir('assume-crash-run-');
    for (const f of listFiles(project)) {
      if (f.startsWith('node_modules/')) continue;
      mkdirSync(join(dir, f, '..'), { recursive: true });
      writeFileSync(join(dir, f), readFileSync(join(project, f)));
    }
    return dir;
  }

  it('check --cache --output report.sarif: 4 kills, the report and the cache are each old or whole; a rerun writes both whole', async () => {
    const runs = delays(4, Math.max(400, Math.round(reference.checkMs * 1.2)), SEED + 11);
    const args = ['check', '--cache', '--format', 'sarif', '--output', 'report.sarif'];
    await pool(
      runs.map((delay) => async () => {
        const dir = copyProject();
        writeFileSync(join(dir, 'report.sarif'), 'OLD REPORT');
        const before = listFiles(dir);
        const cacheFile = join(dir, CACHE);
        await runAndKill([binary, ...args], dir, delay);
        // The report names its project folder (originalUriBaseIds): the copy's, where the reference has its own.
        const expected = reference.sarif.replaceAll(pathToFileURL(`${project}/`).href, pathToFileURL(`${dir}/`).href);
        expect(['OLD REPORT', expected]).toContain(readFileSync(join(dir, 'report.sarif'), 'utf8'));
        if (existsSync(cacheFile)) expect(readFileSync(cacheFile, 'utf8')).toBe(reference.cache);
        expectOnlyTempLeftovers(dir, [...before, CACHE]);
        // The next run is not misled by what the kill left: same report, and a whole cache.
        expect(runCli(args, dir).status).toBe(1);
        expect(readFileSync(join(dir, 'report.sarif'), 'utf8')).toBe(expected);
        expect(readFileSync(cacheFile, 'utf8')).toBe(reference.cache);
      }),
      2,
    );
  }, 180_000);

  it('check --baseline-write (cli/baseline.ts): 4 kills, .assume/baseline.json is absent or whole; a rerun records it whole', async () => {
    const runs = delays(4, Math.max(400, Math.round(reference.checkMs * 1.2)), SEED + 14);
    await pool(
      runs.map((delay, i) => async () => {
        const dir = copyProject();
        const before = listFiles(dir);
        await runAndKill([binary, 'check', '--baseline-write'], dir, delay);
        if (existsSync(join(dir, BASELINE))) expect(readFileSync(join(dir, BASELINE), 'utf8')).toBe(reference.baseline);
        expectOnlyTempLeftovers(dir, [...before, BASELINE]);
        expect(runCli(['check', '--baseline-write'], dir).status).toBe(0);
        expect(readFileSync(join(dir, BASELINE), 'utf8')).toBe(reference.baseline);
        // With the baseline recorded, the same findings no longer fail the run (checked once: it is slow).
        if (i === 0) expect(runCli(['check'], dir).status).toBe(0);
      }),
      2,
    );
  }, 180_000);

  it('init: 4 kills, each scaffolded file is absent or whole; a rerun completes it, and leftovers fool neither check nor index', async () => {
    const runs = delays(4, 500, SEED + 13);
    await pool(
      runs.map((delay) => async () => {
        const dir = tempDir('assume-crash-init-');
        await runAndKill([binary, 'init', '--yes'], dir, delay);
        for (const [file, text] of Object.entries(reference.init)) {
          if (existsSync(join(dir, file))) expect(readFileSync(join(dir, file), 'utf8'), file).toBe(text);
        }
        expectOnlyTempLeftovers(dir, Object.keys(reference.init));
        const rerun = runCli(['init', '--yes'], dir);
        expect(rerun.status, rerun.stderr).toBe(0);
        for (const [file, text] of Object.entries(reference.init)) expect(readFileSync(join(dir, file), 'utf8'), file).toBe(text);
        expect(runCli(['check', '--no-code'], dir).status).toBe(0);
        expect(runCli(['index', '--check'], dir).status).toBe(0);
      }),
      2,
    );
  }, 180_000);
});

describe('leftover temp files are inert', () => {
  it('a stale temp file in every folder the tool writes changes no command\'s result', () => {
    const dir = tempDir('assume-crash-stale-');
    expect(runCli(['init', '--yes'], dir).status).toBe(0);
    const clean = runCli(['check', '--format', 'json'], dir);
    const stale = ['.assume/.manifest.json.123.aaaaaaaaaaaa.tmp', 'docs/assumptions/.A-example.md.123.bbbbbbbbbbbb.tmp', 'docs/threat-model/.checklist.md.1.cccccccccccc.tmp', 'docs/rollback/.TEMPLATE.md.9.dddddddddddd.tmp', '.assume.config.json.5.eeeeeeeeeeee.tmp', 'src/.x.ts.7.ffffffffffff.tmp'];
    for (const f of stale) {
      mkdirSync(join(dir, f, '..'), { recursive: true });
      // Half-written garbage, as a kill mid-write leaves it.
      writeFileSync(join(dir, f), '---\nid: A-torn\nstatement: half');
    }
    const after = runCli(['check', '--format', 'json'], dir);
    expect(after.status).toBe(clean.status);
    expect(after.stdout).toBe(clean.stdout);
    expect(runCli(['index', '--check'], dir).status).toBe(0);
    expect(runCli(['init', '--yes'], dir).stdout).toContain('Nothing to do');
    expect(readdirSync(join(dir, 'docs/assumptions')).filter((f) => f.endsWith('.md')).sort()).toEqual(
      Object.keys(Object.fromEntries(listFiles(dir).filter((f) => f.startsWith('docs/assumptions/') && f.endsWith('.md')).map((f) => [relative('docs/assumptions', f), 1]))).sort(),
    );
  }, 60_000);
});
