// The benchmarks of `assume check` as users run it, each run a child process of the built binary:
//   (b) cold and warm (`--cache`) runs against `tsc --noEmit` on the same generated project,
//   (c) `--staged` latency on a 10-file change in a git copy of the project,
//   (d) the analyzer's cold time per file as the project grows.
// Wall time, CPU time and peak memory come from `/usr/bin/time -f '%e %M %U %S'` when it is there,
// else from bench/rss-probe.mjs preloaded into the child (`process.resourceUsage()` on exit).
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchDir, fmt, median, repoRoot } from './lib.mjs';

/** The built binary the children run: dist/ itself, or the snapshot of it that snapshotBuild() took. */
export let CLI = join(repoRoot, 'dist', 'cli', 'index.js');
export const TSC = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
export const CACHE_FILE = join('node_modules', '.cache', 'assume', 'analyzer.json');
const TIME = '/usr/bin/time';
const PROBE = pathToFileURL(join(benchDir, 'rss-probe.mjs')).href;
/** The comment a warm run's one changed file gets (removed again after the run, or at the next start). */
const TOUCH = '// bench: touched for a warm run\n';

/**
 * Copies the build (dist/ with package.json, schema/ and templates/, which it reads at run time) to
 * `outDir/build` and runs the children from there: a rebuild of dist/ while the benchmark runs (other
 * work in the same checkout) then cannot hand a child half-written files or a mix of two builds.
 * Packages still resolve from the repository's node_modules, a few folders up.
 */
export function snapshotBuild(outDir) {
  const root = join(outDir, 'build');
  rmSync(root, { recursive: true, force: true });
  for (const part of ['dist', 'schema', 'templates', 'package.json']) {
    if (existsSync(join(repoRoot, part))) cpSync(join(repoRoot, part), join(root, part), { recursive: true });
  }
  CLI = join(root, 'dist', 'cli', 'index.js');
  const r = spawnSync(process.execPath, [CLI, '--version'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the copy of the build does not run (\`assume --version\`: exit ${r.status}): ${(r.stderr || '').trim().split('\n').pop()}`);
  return { root, version: r.stdout.trim() };
}

let timeToolCache;
/** How children are measured: GNU time when `/usr/bin/time -f` works, else the preloaded probe. */
export function timeTool() {
  if (timeToolCache === undefined) {
    const r = existsSync(TIME) ? spawnSync(TIME, ['-f', '%e %M %U %S', 'true'], { encoding: 'utf8' }) : null;
    timeToolCache = r && r.status === 0 && /^[\d.]+ \d+ [\d.]+ [\d.]+\s*$/m.test(r.stderr) ? 'gnu-time' : 'probe';
  }
  return timeToolCache;
}

export function describeTimeTool() {
  return timeTool() === 'gnu-time'
    ? "`/usr/bin/time -f '%e %M %U %S'` around each child (wall time, peak resident memory, user and system CPU)"
    : '`process.resourceUsage()` of the child on exit, reported by `bench/rss-probe.mjs` preloaded with `node --import` (peak resident memory, CPU), wall time measured by the parent';
}

const scratch = mkdtempSync(join(tmpdir(), 'assume-bench-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
let seq = 0;

/**
 * Runs `node script ...args` in `cwd` and measures it. Returns wall and CPU time (s), peak memory
 * (MiB), the exit code or signal, and the tail of stdout and stderr.
 */
export function runNode(script, args, { cwd }) {
  const out = join(scratch, `m-${seq++}.txt`);
  const gnu = timeTool() === 'gnu-time';
  const cmd = gnu ? TIME : process.execPath;
  const argv = gnu ? ['-f', '%e %M %U %S', '-o', out, process.execPath, script, ...args] : ['--import', PROBE, script, ...args];
  const t0 = performance.now();
  const r = spawnSync(cmd, argv, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 512 * 2 ** 20,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', ASSUME_BENCH_PROBE: out },
  });
  const wallS = (performance.now() - t0) / 1000;
  if (r.error) throw r.error;
  let cpuS = NaN;
  let maxRssMiB = NaN;
  try {
    const text = readFileSync(out, 'utf8');
    if (gnu) {
      // GNU time prints "Command exited with non-zero status N" before the figures.
      const m = /([\d.]+) (\d+) ([\d.]+) ([\d.]+)\s*$/.exec(text);
      if (m) {
        maxRssMiB = Number(m[2]) / 1024;
        cpuS = Number(m[3]) + Number(m[4]);
      }
    } else {
      const p = JSON.parse(text);
      maxRssMiB = p.maxRssKiB / 1024;
      cpuS = p.cpuS;
    }
  } catch {
    // killed before it could report: figures stay NaN
  }
  const tail = (s) => (s ?? '').trimEnd().split('\n').slice(-3).join('\n');
  const problems = /(\d+) problems? \((\d+) errors?, (\d+) warnings?\)/.exec(r.stdout ?? '');
  return {
    wallS,
    cpuS,
    maxRssMiB,
    code: r.status,
    signal: r.signal,
    problems: problems ? Number(problems[1]) : r.status === 0 ? 0 : undefined,
    stdoutTail: tail(r.stdout),
    stderr: r.stderr ?? '',
    stderrTail: tail(r.stderr),
  };
}

function describeFailure(what, r) {
  const how = r.signal ? `killed by ${r.signal}` : `exit ${r.code}`;
  const oom = /heap out of memory|Allocation failed/i.test(r.stderr) ? ' (JavaScript heap out of memory)' : '';
  return `${what}: ${how}${oom}${r.stderrTail ? `: ${r.stderrTail.split('\n').pop()}` : ''}`;
}

/** `tsc --noEmit` on the project. Exit 2 only says it found type errors (unresolved imports): it still checked every file. */
export function runTsc(dir) {
  const r = runNode(TSC, ['--noEmit', '-p', 'tsconfig.json'], { cwd: dir });
  r.ok = r.code === 0 || r.code === 2;
  if (!r.ok) r.failure = describeFailure('tsc --noEmit', r);
  return r;
}

/** `assume check ...args`: exit 0 clean, 1 findings, 3 incomplete are runs that finished; 2 or a signal is a failure. */
export function runCheck(dir, args) {
  const r = runNode(CLI, ['check', ...args], { cwd: dir });
  r.ok = r.code === 0 || r.code === 1 || r.code === 3;
  r.incomplete = r.code === 3;
  if (!r.ok) r.failure = describeFailure(`assume check ${args.join(' ')}`, r);
  return r;
}

/** The project's source files, sorted, relative to `dir` with `/` separators. */
export function sourceFiles(dir) {
  return readdirSync(dir, { recursive: true })
    .map((f) => String(f).split(sep).join('/'))
    .filter((f) => /\.(ts|js|cjs|mjs)$/.test(f) && !f.startsWith('node_modules/') && !f.startsWith('.git/'))
    .sort();
}

const dropCache = (dir) => rmSync(join(dir, CACHE_FILE), { force: true });

/** Removes the warm run's comment from `file` if an interrupted run left it there. */
function untouch(file) {
  const text = readFileSync(file, 'utf8');
  if (text.endsWith(TOUCH)) writeFileSync(file, text.slice(0, -TOUCH.length));
}

const summarize = (runs) => ({
  runs,
  wallS: median(runs.map((r) => r.wallS)),
  cpuS: median(runs.map((r) => r.cpuS)),
  maxRssMiB: median(runs.map((r) => r.maxRssMiB)),
  problems: runs.at(-1)?.problems,
  incomplete: runs.some((r) => r.incomplete),
  codes: [...new Set(runs.map((r) => r.code))],
});

const line = (label, r) =>
  `${label} ${fmt(r.wallS, 2)} s wall, ${fmt(r.cpuS, 2)} s CPU, ${fmt(r.maxRssMiB, 0)} MiB peak, exit ${r.code ?? r.signal}`;

/**
 * `reps` reps of `tsc --noEmit` and of `assumeStep(rep)`, interleaved: tsc first in even reps, last in odd ones,
 * so the machine's drifting load falls on both alike. Returns the tsc runs (each logged).
 */
function interleavedWithTsc(dir, reps, prefix, log, assumeStep) {
  const tsc = [];
  for (let rep = 0; rep < reps; rep++) {
    for (const step of rep % 2 === 0 ? ['tsc', 'assume'] : ['assume', 'tsc']) {
      if (step === 'assume') {
        assumeStep(rep);
        continue;
      }
      const r = runTsc(dir);
      if (!r.ok) throw new Error(r.failure);
      tsc.push(r);
      log(`  ${prefix}rep ${rep + 1}/${reps}: ${line('tsc --noEmit:', r)}`);
    }
  }
  return tsc;
}

/**
 * (b) `tsc --noEmit`, a cold `assume check --cache` (no cache on disk) and a warm one (the cache of
 * the cold run, one file changed by an appended comment) on the project in `dir`, `reps` times,
 * interleaved: tsc first in even reps, last in odd ones. Medians per kind.
 */
export function measureCheck({ dir, reps, log }) {
  const files = sourceFiles(dir);
  const touched = files[Math.floor(files.length / 2)];
  const touchedAbs = join(dir, touched);
  untouch(touchedAbs);
  const cold = [];
  const warm = [];
  const tsc = interleavedWithTsc(dir, reps, '', log, (rep) => {
    dropCache(dir);
    const c = runCheck(dir, ['--cache']);
    if (!c.ok) throw new Error(c.failure);
    if (!existsSync(join(dir, CACHE_FILE))) throw new Error(`assume check --cache wrote no ${CACHE_FILE}`);
    cold.push(c);
    log(`  rep ${rep + 1}/${reps}: ${line('assume check --cache, cold:', c)}`);
    appendFileSync(touchedAbs, TOUCH);
    let w;
    try {
      w = runCheck(dir, ['--cache']);
    } finally {
      untouch(touchedAbs);
    }
    if (!w.ok) throw new Error(w.failure);
    warm.push(w);
    log(`  rep ${rep + 1}/${reps}: ${line('assume check --cache, warm, 1 file changed:', w)}`);
  });
  const s = { files: files.length, touched, reps, tsc: summarize(tsc), cold: summarize(cold), warm: summarize(warm) };
  s.coldTime = s.cold.wallS / s.tsc.wallS;
  s.coldMemory = s.cold.maxRssMiB / s.tsc.maxRssMiB;
  s.coldCpu = s.cold.cpuS / s.tsc.cpuS;
  s.warmTime = s.warm.wallS / s.cold.wallS;
  s.warmCpu = s.warm.cpuS / s.cold.cpuS;
  // Per rep, the runs were next to each other: the ratios of each rep show how much the load moved them.
  s.repColdTime = cold.map((c, i) => c.wallS / tsc[i].wallS);
  s.repWarmTime = warm.map((w, i) => w.wallS / cold[i].wallS);
  return s;
}

function git(dir, ...args) {
  return execFileSync('git', ['-c', 'user.name=assume-bench', '-c', 'user.email=bench@example.invalid', '-c', 'commit.gpgsign=false', '-c', 'core.hooksPath=/dev/null', ...args], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The change staged in (c): a small function appended to each of the files (valid TS, ESM and CommonJS). */
const changeFor = (i) =>
  `\nfunction benchStagedChange${i}(input) {\n  const text = String(input ?? '').trim();\n  return text.length > 64 ? text.slice(0, 64) : text;\n}\n`;

/**
 * (c) A git repository holding a copy of the project in `outDir/staged-N` (all committed), the cache
 * filled by one `assume check --cache`, then `changed` files modified and staged; times
 * `assume check --staged --cache` (`reps` runs) and, without a cache, `coldReps` runs.
 */
export function measureStaged({ corpusDir, outDir, changed = 10, reps, coldReps, log }) {
  const files = sourceFiles(corpusDir);
  const dir = join(outDir, `staged-${files.length}`);
  rmSync(dir, { recursive: true, force: true });
  cpSync(corpusDir, dir, {
    recursive: true,
    filter: (src) => {
      const rel = relative(corpusDir, src).split(sep);
      return rel[0] !== 'node_modules' && rel[0] !== '.git';
    },
  });
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'generated corpus');
  log(`  ${relative(repoRoot, dir)}: ${files.length} files committed in a fresh git repository`);
  const fill = runCheck(dir, ['--cache']);
  if (!fill.ok) throw new Error(fill.failure);
  log(`  ${line('filling the cache (assume check --cache):', fill)}`);
  const step = Math.floor(files.length / changed);
  const picked = Array.from({ length: changed }, (_, i) => files[i * step + Math.floor(step / 2)]);
  picked.forEach((f, i) => appendFileSync(join(dir, f), changeFor(i)));
  git(dir, 'add', '--', ...picked);
  const staged = git(dir, 'diff', '--cached', '--name-only').trim().split('\n').filter(Boolean);
  if (staged.length !== changed) throw new Error(`expected ${changed} staged files, git shows ${staged.length}`);
  // One unmeasured run with --verbose: how many files a staged run analyzes.
  const probe = runCheck(dir, ['--staged', '--cache', '--verbose']);
  if (!probe.ok) throw new Error(probe.failure);
  const analyzed = /(\d+) file\(s\) analyzed/.exec(probe.stderr)?.[1];
  const warm = [];
  for (let i = 0; i < reps; i++) {
    const r = runCheck(dir, ['--staged', '--cache']);
    if (!r.ok) throw new Error(r.failure);
    warm.push(r);
    log(`  warm ${i + 1}/${reps}: ${line('assume check --staged --cache:', r)}`);
  }
  const cold = [];
  for (let i = 0; i < coldReps; i++) {
    dropCache(dir);
    const r = runCheck(dir, ['--staged', '--cache']);
    if (!r.ok) throw new Error(r.failure);
    cold.push(r);
    log(`  cold ${i + 1}/${coldReps}: ${line('assume check --staged --cache, no cache:', r)}`);
  }
  return {
    dir: relative(repoRoot, dir),
    files: files.length,
    changed,
    analyzed: analyzed === undefined ? undefined : Number(analyzed),
    fill,
    warm: summarize(warm),
    cold: summarize(cold),
  };
}

/**
 * (d) The analyzer's cold run (`assume check --cache`, no cache on disk) and `tsc --noEmit` on
 * projects of growing size; `reps` runs per size (interleaved with tsc), or a run taken from (b).
 */
export function measureAnalyzerAt({ dir, lines, reps, log }) {
  const files = sourceFiles(dir).length;
  const cold = [];
  const tsc = interleavedWithTsc(dir, reps, `${files} files, `, log, (rep) => {
    dropCache(dir);
    const r = runCheck(dir, ['--cache']);
    cold.push(r);
    log(`  ${files} files, rep ${rep + 1}/${reps}: ${r.ok ? line('assume check --cache, cold:', r) : `FAILED: ${r.failure}`}`);
  });
  return analyzerRow({ files, lines, reps, tsc: summarize(tsc), cold: summarize(cold.filter((r) => r.ok)), failure: cold.find((r) => !r.ok)?.failure });
}

export function analyzerRow({ files, lines, reps, tsc, cold, failure }) {
  return {
    files,
    lines,
    reps,
    tsc,
    cold,
    failure,
    perFileMs: (cold.wallS / files) * 1000,
    cpuPerFileMs: (cold.cpuS / files) * 1000,
    cpuPerKLineMs: (cold.cpuS / lines) * 1e6,
    tscPerFileMs: (tsc.wallS / files) * 1000,
  };
}
