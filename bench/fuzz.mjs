#!/usr/bin/env node
// Fuzzing of the built package (dist/): generated and mutated service code through the ESLint rules and the
// analyzer, malformed configs through the binary, and random SIGKILLs of writes. Seeded; prints the seed and
// the counts; exits 1 on any crash, with the smallest counterexample found saved under bench/.out/fuzz/.
//
//   npm run fuzz                       10,000 inputs, every config case, 200 kills (a few minutes)
//   npm run fuzz -- --seed 42 --inputs 2000 --kills 50 --configs 100 --no-dense
//
// The generators are test/robustness/generators.ts, transpiled on the fly (it imports only fast-check).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { optionOf } from './args.mjs';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(repoRoot, 'bench', '.out', 'fuzz');
const args = process.argv.slice(2);
const opt = (name, dflt) => optionOf(args, name, dflt);
const seed = Number(opt('--seed', String(Date.now() % 2 ** 31)));
const inputs = Number(opt('--inputs', '10000'));
const killCount = Number(opt('--kills', '200'));
const configLimit = Number(opt('--configs', 'Infinity'));
const runDense = !args.includes('--no-dense');
const batchSize = 250;

for (const built of ['dist/index.js', 'dist/analyzer/api.js', 'dist/cli/index.js', 'dist/cli/fs/atomic-write.js']) {
  if (!existsSync(join(repoRoot, built))) {
    console.error(`fuzz: ${built} is missing; run \`npm run build\` first.`);
    process.exit(2);
  }
}

// --- load the generators (TypeScript, self-contained) -------------------------------------------------------
mkdirSync(outDir, { recursive: true });
const source = readFileSync(join(repoRoot, 'test', 'robustness', 'generators.ts'), 'utf8');
const transpiled = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2023 } });
// Inside the repository, so `fast-check` resolves from its node_modules.
const generatorsFile = join(repoRoot, 'bench', '.out', 'generators.mjs');
writeFileSync(generatorsFile, transpiled.outputText);
const g = await import(pathToFileURL(generatorsFile).href);
const fc = (await import('fast-check')).default;
const { Linter } = await import('eslint');
const tsParser = (await import('@typescript-eslint/parser')).default;
const plugin = (await import(pathToFileURL(join(repoRoot, 'dist', 'index.js')).href)).default;
const { analyze } = await import(pathToFileURL(join(repoRoot, 'dist', 'analyzer', 'api.js')).href);

const log = (...a) => console.log(...a);
const counts = {};
const bump = (key, n = 1) => (counts[key] = (counts[key] ?? 0) + n);
const failures = [];
function fail(kind, detail, counterexample) {
  const file = join(outDir, `counterexample-${kind}-${seed}-${failures.length}.json`);
  writeFileSync(file, JSON.stringify({ seed, kind, ...counterexample }, null, 2));
  failures.push({ kind, detail, file });
  log(`  CRASH (${kind}): ${detail.split('\n')[0]}\n    counterexample: ${file}`);
}
const temps = [];
const temp = (prefix) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
};

log(`assume-lint fuzz: seed ${seed}, ${inputs} inputs, ${killCount} kills (node ${process.version})`);
log(`reproduce: npm run fuzz -- --seed ${seed}`);

// --- 1. ESLint rules on generated and mutated inputs --------------------------------------------------------
const linter = new Linter({ configType: 'flat' });
const withRules = [
  { files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } } },
  { files: ['**/*.js'], languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
  plugin.configs.recommended,
];
/** undefined when fine; else the error (a crash of our rules). Counts fatal parses and ESLint's own throws. */
function lintOnce(code, filename, tally = true) {
  try {
    const messages = linter.verify(code, withRules, filename);
    if (tally) bump(messages.some((m) => m.fatal) ? 'eslint: fatal parse error (fine)' : 'eslint: linted');
    if (tally) bump('eslint: findings', messages.filter((m) => m.ruleId?.startsWith('assume/')).length);
    return undefined;
  } catch (error) {
    if (g.isOurCrash(error, repoRoot)) return error;
    if (tally) bump("eslint: ESLint's own limit threw (not ours)");
    return undefined;
  }
}

const all = fc.sample(g.generatedInput, { seed, numRuns: inputs });
let started = performance.now();
let slowest = 0;
for (const [i, input] of all.entries()) {
  const code = g.inputCode(input);
  const t = performance.now();
  const error = lintOnce(code, `gen-${i}.${input.ext}`);
  const ms = performance.now() - t;
  slowest = Math.max(slowest, ms);
  if (ms > 5000) fail('eslint-slow', `input ${i} took ${Math.round(ms)} ms`, { input, code });
  if (error) {
    const small = g.shrinkInput(input, (c) => lintOnce(g.inputCode(c), `gen.${c.ext}`, false) !== undefined);
    fail('eslint-crash', error.stack ?? String(error), { input: small, code: g.inputCode(small), stack: error.stack });
  }
}
bump('eslint: inputs', all.length);
bump('eslint: mutated inputs', all.filter((x) => x.mutations.length > 0).length);
log(`1. ESLint rules: ${all.length} inputs in ${Math.round(performance.now() - started)} ms (slowest ${Math.round(slowest)} ms)`);

// --- 2. The analyzer on the same inputs, in batches -----------------------------------------------------------
started = performance.now();
function analyzeBatch(batch) {
  const dir = temp('assume-fuzz-an-');
  batch.forEach(({ input, name }) => writeFileSync(join(dir, name), g.inputCode(input)));
  try {
    const result = analyze({ cwd: dir });
    if (result.stats.analyzed + result.incomplete.length !== result.stats.files) return new Error(`files unaccounted for: ${JSON.stringify(result.stats)}`);
    if (result.incomplete.some((x) => !x.reason)) return new Error('an incomplete file without a reason');
    return result;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
for (let start = 0; start < all.length; start += batchSize) {
  const batch = all.slice(start, start + batchSize).map((input, j) => ({ input, name: `gen-${start + j}.${input.ext}` }));
  const result = analyzeBatch(batch);
  if (result instanceof Error) {
    // Find the culprit alone, then shrink it.
    const culprit = batch.find((b) => analyzeBatch([b]) instanceof Error);
    const input = culprit ? g.shrinkInput(culprit.input, (c) => analyzeBatch([{ input: c, name: `gen.${c.ext}` }]) instanceof Error) : undefined;
    fail('analyzer-crash', result.stack ?? result.message, { input, code: input ? g.inputCode(input) : undefined, stack: result.stack });
    continue;
  }
  bump('analyzer: files', result.stats.files);
  bump('analyzer: analyzed', result.stats.analyzed);
  bump('analyzer: incomplete (with a reason)', result.incomplete.length);
  bump('analyzer: findings', result.findings.length);
}
log(`2. analyzer: ${all.length} inputs in ${Math.ceil(all.length / batchSize)} batches in ${Math.round(performance.now() - started)} ms`);

// --- 3. Pathological files through both engines --------------------------------------------------------------
started = performance.now();
const hostile = [...g.deepNesting(150), ...g.deepNesting(1000), ...g.deepNesting(10000), ...g.oddSources(), ...g.bigFiles(), ...g.unusualSyntax()];
for (const c of hostile) {
  const code = typeof c.content === 'string' ? c.content : new TextDecoder().decode(c.content);
  const error = lintOnce(code, `${c.name}.${c.ext}`);
  if (error) fail('eslint-crash', error.stack ?? String(error), { case: c.name, ext: c.ext });
}
const hostileDir = temp('assume-fuzz-hostile-');
for (const c of hostile) writeFileSync(join(hostileDir, `${c.name}.${c.ext}`), c.content);
for (const maxFileBytes of [undefined, 8 * 1024 * 1024]) {
  try {
    const r = analyze({ cwd: hostileDir, config: maxFileBytes ? { maxFileBytes } : undefined });
    if (r.stats.analyzed + r.incomplete.length !== r.stats.files) fail('analyzer-crash', 'files unaccounted for', { stats: r.stats });
    bump('hostile files: analyzer incomplete (with a reason)', r.incomplete.length);
  } catch (error) {
    fail('analyzer-crash', error.stack ?? String(error), { dir: hostileDir });
  }
}
bump('hostile files', hostile.length);
log(`3. ${hostile.length} pathological files through both engines in ${Math.round(performance.now() - started)} ms`);

// The dense 5 MB file: ESLint's own cost dominates; the rules' cost is measured against it, in child processes.
if (runDense) {
  const dense = g.denseBigFile();
  const denseFile = join(temp('assume-fuzz-dense-'), `${dense.name}.${dense.ext}`);
  writeFileSync(denseFile, dense.content);
  const probe = (rules) => {
    const script = `
      import { Linter } from 'eslint'; import { readFileSync } from 'node:fs';
      import plugin from ${JSON.stringify(pathToFileURL(join(repoRoot, 'dist', 'index.js')).href)};
      const code = readFileSync(${JSON.stringify(denseFile)}, 'utf8');
      const config = [{ files: ['**/*.js'] }, ${rules ? 'plugin.configs.recommended' : '{}'}];
      const t = performance.now(); let peak = 0; const iv = setInterval(() => { peak = Math.max(peak, process.memoryUsage().heapUsed); }, 50);
      const m = new Linter({ configType: 'flat' }).verify(code, config, 'dense.js'); clearInterval(iv);
      console.log(JSON.stringify({ ms: performance.now() - t, heap: Math.max(peak, process.memoryUsage().heapUsed), fatal: m.some((x) => x.fatal) }));`;
    const file = join(repoRoot, 'bench', '.out', `dense-probe-${rules ? 'rules' : 'zero'}.mjs`);
    writeFileSync(file, script);
    const r = spawnSync(process.execPath, ['--max-old-space-size=8192', file], { encoding: 'utf8', timeout: 600_000 });
    try {
      return JSON.parse(r.stdout.trim().split('\n').pop());
    } catch {
      return { error: `${r.status} ${r.signal ?? ''} ${r.stderr.slice(0, 300)}` };
    }
  };
  const zero = probe(false);
  const rules = probe(true);
  log(`   dense 5 MB line (4M tokens): ESLint alone ${JSON.stringify(zero)}; with the rules ${JSON.stringify(rules)}`);
  if (rules.error && !zero.error) fail('eslint-crash', `dense file: ${rules.error}`, { case: dense.name });
  counts['dense 5 MB: ESLint alone (ms, MB heap)'] = zero.error ?? `${Math.round(zero.ms)} ms, ${Math.round(zero.heap / 2 ** 20)} MB`;
  counts['dense 5 MB: with the rules (ms, MB heap)'] = rules.error ?? `${Math.round(rules.ms)} ms, ${Math.round(rules.heap / 2 ** 20)} MB`;
}

// --- 4. Malformed configs through the binary -----------------------------------------------------------------
started = performance.now();
const binary = join(repoRoot, 'dist', 'cli', 'index.js');
const env = { PATH: process.env.PATH ?? '', NO_COLOR: '1', CI: '1' };
const template = temp('assume-fuzz-cfg-');
spawnSync(process.execPath, [binary, 'init', '--yes'], { cwd: template, env });
rmSync(join(template, 'assume.config.json'));
const schema = JSON.parse(readFileSync(join(repoRoot, 'schema', 'assume.config.schema.json'), 'utf8'));
const configCases = [
  ...g.brokenConfigFiles(),
  ...g.wrongTypeConfigs(schema).map(({ config, key }) => ({ name: `wrong type at ${key}`, file: 'assume.config.json', content: JSON.stringify(config), key })),
  ...fc.sample(g.randomConfigFile, { seed, numRuns: 200 }).map((c) => ({ ...c, random: true })),
].slice(0, configLimit);
const configProblems = {};
for (const c of configCases) {
  const dir = temp('assume-fuzz-cfgrun-');
  spawnSync('cp', ['-R', `${template}/.`, dir]);
  writeFileSync(join(dir, c.file), c.content);
  const r = spawnSync(process.execPath, [binary, 'check'], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
  rmSync(dir, { recursive: true, force: true });
  const problems = [];
  if (/^\s+at /m.test(r.stderr)) problems.push('stack trace');
  if (r.status === 2 && r.stdout !== '') problems.push('stdout not empty');
  if (c.random && r.status === 0) bump('configs: random bytes that were a valid config (exit 0)');
  else if (r.status !== 2) problems.push(`exit ${r.status ?? r.signal}`);
  else if (!r.stderr.startsWith('assume: config error: ')) problems.push(r.stderr.startsWith('assume: internal error') ? 'internal error' : 'not a config error');
  else {
    if (!r.stderr.includes(c.file)) problems.push('file not named');
    if (c.key && !r.stderr.includes(`"${c.key}"`)) problems.push('key not named');
  }
  bump('configs: run through the binary');
  if (problems.length === 0) bump('configs: exit 2 with a config error naming the file');
  for (const p of problems) {
    bump(`configs: ${p}`);
    (configProblems[p] ??= []).push(c.name);
  }
  if (problems.includes('stack trace')) fail('config-stack-trace', `${c.name}: ${r.stderr.slice(0, 300)}`, { case: { ...c, content: String(c.content).slice(0, 2000) } });
}
log(`4. configs: ${configCases.length} through the binary in ${Math.round(performance.now() - started)} ms`);
for (const [p, names] of Object.entries(configProblems)) log(`   ${p}: ${[...new Set(names)].slice(0, 8).join('; ')}${names.length > 8 ? ` (+${names.length - 8})` : ''}`);

// --- 5. Kills ----------------------------------------------------------------------------------------------
started = performance.now();
const kill = (argv, cwd, delay) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, argv, { cwd, env: { ...env, HOME: cwd }, stdio: 'ignore' });
    let killed = false;
    const timer = setTimeout(() => {
      killed = child.exitCode === null && child.kill('SIGKILL');
    }, delay);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve(killed);
    });
  });
const TEMP = /(^|\/)\.[^/]+\.\d+\.[0-9a-f]{12}\.tmp$/;
const listFiles = (dir) => {
  const out = [];
  const walk = (rel) => {
    for (const e of readdirSyncSafe(join(dir, rel))) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk('');
  return out.sort();
};
function readdirSyncSafe(dir) {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}
const content = (k) => JSON.stringify({ version: k, body: `v${k} ${'x'.repeat(60)}\n`.repeat(16384 * (1 + (k % 3))), end: k });
const writer = join(repoRoot, 'bench', '.out', 'fuzz-writer.mjs');
writeFileSync(
  writer,
  `import { writeFileAtomic } from ${JSON.stringify(pathToFileURL(join(repoRoot, 'dist', 'cli', 'fs', 'atomic-write.js')).href)};
   const content = ${content.toString()};
   for (let k = 1; ; k += 1) writeFileAtomic(process.argv[2], process.argv[3], content(k), { mode: 'replace' });`,
);
const delays = fc.sample(fc.integer({ min: 0, max: 1500 }), { seed, numRuns: killCount });
let landed = 0;
const targets = ['report.sarif', 'node_modules/.cache/assume/analyzer.json', '.assume/baseline.json'];
for (const [i, delay] of delays.entries()) {
  const dir = temp('assume-fuzz-kill-');
  const target = targets[i % targets.length];
  mkdirSync(join(dir, dirname(target)), { recursive: true });
  writeFileSync(join(dir, target), 'OLD');
  if (await kill([writer, dir, target], dir, delay)) landed += 1;
  const text = readFileSync(join(dir, target), 'utf8');
  let whole = text === 'OLD';
  if (!whole) {
    try {
      whole = text === content(JSON.parse(text).version);
    } catch {
      whole = false;
    }
  }
  const stray = listFiles(dir).filter((f) => f !== target && !TEMP.test(f));
  bump('kills: atomic writer');
  if (!whole) fail('torn-write', `${target} torn after a kill at ${delay} ms (${text.length} bytes)`, { delay, target });
  if (stray.length > 0) fail('stray-file', `unexpected files after a kill: ${stray.join(', ')}`, { delay, target });
  rmSync(dir, { recursive: true, force: true });
}
counts['kills: atomic writer, landed mid-run'] = landed;
// The binary: init, killed at random points, then rerun: every file whole and equal to an uninterrupted init.
const initRef = temp('assume-fuzz-initref-');
spawnSync(process.execPath, [binary, 'init', '--yes'], { cwd: initRef, env });
const refFiles = Object.fromEntries(listFiles(initRef).map((f) => [f, readFileSync(join(initRef, f), 'utf8')]));
for (const delay of fc.sample(fc.integer({ min: 0, max: 600 }), { seed: seed + 1, numRuns: Math.ceil(killCount / 4) })) {
  const dir = temp('assume-fuzz-init-');
  await kill([binary, 'init', '--yes'], dir, delay);
  for (const f of listFiles(dir)) {
    if (TEMP.test(f)) continue;
    if (refFiles[f] === undefined) fail('stray-file', `init left ${f}`, { delay });
    else if (readFileSync(join(dir, f), 'utf8') !== refFiles[f]) fail('torn-write', `init left ${f} torn`, { delay, file: f });
  }
  const rerun = spawnSync(process.execPath, [binary, 'init', '--yes'], { cwd: dir, env, encoding: 'utf8' });
  const check = spawnSync(process.execPath, [binary, 'check', '--no-code'], { cwd: dir, env, encoding: 'utf8' });
  if (rerun.status !== 0 || check.status !== 0) fail('init-rerun', `after a kill at ${delay} ms: init exit ${rerun.status}, check exit ${check.status}: ${rerun.stderr}${check.stdout}`, { delay });
  bump('kills: assume init');
  rmSync(dir, { recursive: true, force: true });
}
log(`5. kills: ${killCount} of the atomic writer, ${Math.ceil(killCount / 4)} of assume init in ${Math.round(performance.now() - started)} ms`);

// --- summary ---------------------------------------------------------------------------------------------------
for (const dir of temps) rmSync(dir, { recursive: true, force: true });
log('');
log(`seed ${seed}`);
for (const [k, v] of Object.entries(counts).sort()) log(`  ${k}: ${v}`);
log(`crashes: ${failures.length}`);
for (const f of failures) log(`  ${f.kind}: ${f.detail.split('\n')[0]} -> ${f.file}`);
process.exitCode = failures.length > 0 ? 1 : 0;
