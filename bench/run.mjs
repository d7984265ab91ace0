#!/usr/bin/env node
// Benchmark: what the four rules add to an ESLint run (untyped, @typescript-eslint/parser).
//
//   (a) 2,000 generated service files: ESLint with zero rules vs with `assume.configs.recommended`,
//       runs in this process interleaved by chunks of 100 files, medians of passes; the bar is +25% at most.
//   (d) scaling: 500, 2,000 and 8,000 files; the rules' cost per file should stay flat.
//   growth guard: one file of 5k, 10k, 20k lines; the rules' time should double per doubling.
//
// Prints a table and writes docs/benchmarks.md (a full run; --quick or --files only print unless --write).
//
// usage: node bench/run.mjs [--quick] [--files N] [--reps N] [--sizes a,b,c] [--no-scaling] [--no-growth]
//                           [--write | --no-write] [--placeholder]
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { generateCorpus } from './generate.mjs';
import { growthSummary, MAX_FACTOR_PER_DOUBLING, runGrowth } from './growth.mjs';
import { benchDir, fmt, lintOnce, loadRulesConfig, makeEslint, median, repoRoot, RULE_IDS } from './lib.mjs';

const BAR = 0.25; // the rules may add at most 25% to an ESLint run
const FLAT = 1.25; // per-file cost counts as flat when it changes by at most this from the smallest to the largest corpus
const CHUNK = 20; // files per interleaved run (see measure())

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const quick = args.includes('--quick');
const mainFiles = Number(opt('--files', quick ? '500' : '2000'));
const reps = Number(opt('--reps', quick ? '2' : '3'));
const sizes = (opt('--sizes', quick ? '250,500,1000' : '500,2000,8000')).split(',').map(Number);
const doScaling = !args.includes('--no-scaling');
const doGrowth = !args.includes('--no-growth');
const write = args.includes('--write') || (!args.includes('--no-write') && !quick && !args.includes('--files'));

const log = (...a) => console.log(...a);

/** The commit measured, and whether the work tree differed from it (read-only git queries). */
function gitDescribe() {
  try {
    const git = (...a) => execFileSync('git', a, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const head = git('rev-parse', '--short', 'HEAD');
    const dirty = git('status', '--porcelain', '--', 'index.ts', 'core', 'rules') !== '';
    return `commit ${head}${dirty ? ' plus uncommitted changes to index.ts, core/ or rules/' : ''}`;
  } catch {
    return 'unknown (no git)';
  }
}
const started = performance.now();
const load0 = loadavg();

const rules = await loadRulesConfig({ forcePlaceholder: args.includes('--placeholder') });
const pkgVersion = (name) => {
  try {
    return JSON.parse(readFileSync(join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
};
const machine = {
  nproc: availableParallelism(),
  cpu: cpus()[0]?.model?.trim() ?? '?',
  memGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  eslint: pkgVersion('eslint'),
  parser: pkgVersion('@typescript-eslint/parser'),
  date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
};

log(`assume-lint benchmark (${quick ? 'quick' : 'full'})`);
log(`machine: ${machine.nproc} cores (${machine.cpu}), ${machine.memGiB} GiB, node ${machine.node}, eslint ${machine.eslint}, @typescript-eslint/parser ${machine.parser}`);
log(`load average at start: ${load0.map((n) => n.toFixed(2)).join(' ')}`);
if (rules.placeholder) log(`PLACEHOLDER: zero rules against zero rules (${rules.reason})`);
else log(`rules: ${rules.ruleIds.join(', ')} (assume.configs.recommended, plugin ${rules.version})`);

// ---------------------------------------------------------------------------------------------
// Corpora (deterministic; the first N files of a larger corpus equal the smaller corpus)

const outDir = join(benchDir, '.out');
mkdirSync(outDir, { recursive: true });
const corpora = new Map();
function corpus(n) {
  if (!corpora.has(n)) {
    const dir = join(outDir, `corpus-${n}`);
    const info = generateCorpus({ dir, count: n, seed: 42 });
    corpora.set(n, { dir, ...info });
    log(`corpus: ${n} files, ${info.lines} lines (${info.ts} TypeScript) in ${relative(repoRoot, dir)}`);
  }
  return corpora.get(n);
}

/** The corpus's files, sorted, in chunks of `size` (absolute paths). */
function chunksOf(dir, size) {
  const files = readdirSync(dir, { recursive: true })
    .filter((f) => /\.(ts|js|cjs)$/.test(f))
    .sort()
    .map((f) => join(dir, f));
  const out = [];
  for (let i = 0; i < files.length; i += size) out.push(files.slice(i, i + size));
  return { files, chunks: out };
}

/**
 * Passes over the corpus, each one a full run with zero rules and a full run with the rules,
 * interleaved by chunks of CHUNK files in ABBA order (zero rules first in even chunks, the rules
 * first in odd ones): on a shared machine the load drifts over minutes, and interleaving at the
 * scale of a second puts the same drift on both sides. A pass's figure is the sum over its
 * chunks; the result is the median over passes.
 */
async function measure(n, pairs, { warmup = false } = {}) {
  const c = corpus(n);
  const { files, chunks } = chunksOf(c.dir, CHUNK);
  if (files.length !== n) throw new Error(`found ${files.length} files in ${c.dir}, expected ${n}`);
  if (warmup) {
    log(`  warm-up (${Math.min(n, 10 * CHUNK)} files each way) ...`);
    for (const chunk of chunks.slice(0, 10)) {
      await lintOnce(c.dir, chunk, null);
      await lintOnce(c.dir, chunk, rules.config);
    }
  }
  const base = [];
  const withRules = [];
  const inRules = [];
  const baseWall = [];
  const rulesWall = [];
  const baseGc = [];
  const rulesGc = [];
  const perRule = {};
  let findings = {};
  for (let pass = 0; pass < pairs; pass++) {
    const sum = { base: 0, rules: 0, inRules: 0, baseWall: 0, rulesWall: 0, baseGc: 0, rulesGc: 0, perRule: {}, findings: {}, files: 0 };
    // One ESLint per side for the whole pass, as one CLI run would have (config resolved once).
    const eslints = { base: makeEslint(c.dir, null), rules: makeEslint(c.dir, rules.config) };
    for (const [i, chunk] of chunks.entries()) {
      const order = (i + pass) % 2 === 0 ? ['base', 'rules'] : ['rules', 'base'];
      for (const which of order) {
        const res = await lintOnce(c.dir, chunk, null, eslints[which]);
        if (res.fatal.length) throw new Error(`generated corpus does not parse: ${res.fatal.slice(0, 3).join('; ')}`);
        if (which === 'base') {
          sum.base += res.cpuMs;
          sum.baseWall += res.wallMs;
          sum.baseGc += res.gcMs;
          sum.files += res.files;
        } else {
          sum.rules += res.cpuMs;
          sum.rulesWall += res.wallMs;
          sum.rulesGc += res.gcMs;
          sum.inRules += res.ruleCpuMs;
          for (const [k, v] of Object.entries(res.perRule)) sum.perRule[k] = (sum.perRule[k] ?? 0) + v;
          for (const [k, v] of Object.entries(res.findings)) sum.findings[k] = (sum.findings[k] ?? 0) + v;
        }
      }
    }
    if (sum.files !== n) throw new Error(`linted ${sum.files} files, expected ${n}`);
    base.push(sum.base);
    withRules.push(sum.rules);
    inRules.push(sum.inRules);
    baseWall.push(sum.baseWall);
    rulesWall.push(sum.rulesWall);
    baseGc.push(sum.baseGc);
    rulesGc.push(sum.rulesGc);
    for (const [k, v] of Object.entries(sum.perRule)) (perRule[k] ??= []).push(v);
    findings = sum.findings;
    log(
      `  ${n} files, pass ${pass + 1}/${pairs}: CPU zero rules ${fmt(sum.base / 1000, 2)} s, with rules ${fmt(sum.rules / 1000, 2)} s ` +
        `(x${fmt(sum.rules / sum.base, 3)}; inside the rules ${fmt(sum.inRules / 1000, 2)} s); wall ${fmt(sum.baseWall / 1000, 1)} s / ${fmt(sum.rulesWall / 1000, 1)} s`,
    );
  }
  // Figures are CPU time of this process (user + system): on a shared machine, other processes
  // stretch wall time but hardly the CPU time a run needs. Wall time is kept for reference.
  const m = {
    files: n,
    lines: c.lines,
    pairs,
    baseMs: median(base),
    rulesMs: median(withRules),
    ruleMs: median(inRules),
    baseWallMs: median(baseWall),
    rulesWallMs: median(rulesWall),
    baseGcMs: median(baseGc),
    rulesGcMs: median(rulesGc),
    perRule: Object.fromEntries(Object.entries(perRule).map(([k, v]) => [k, median(v)])),
    findings,
    passRatios: withRules.map((r, i) => r / base[i]),
  };
  // Each pass's two sides ran interleaved, so the pass ratio is the robust figure; take its median.
  m.ratio = median(m.passRatios);
  m.addedPerKLineMs = ((m.rulesMs - m.baseMs) / m.lines) * 1000;
  m.addedPerFileMs = (m.rulesMs - m.baseMs) / n;
  m.rulePerFileMs = m.ruleMs / n;
  m.rulePerKLineMs = (m.ruleMs / m.lines) * 1000;
  m.basePerFileMs = m.baseMs / n;
  return m;
}

// ---------------------------------------------------------------------------------------------
// (a) zero rules vs recommended

log(`\n(a) ${mainFiles} files: zero rules vs recommended, ${reps} interleaved passes after a warm-up`);
const main = await measure(mainFiles, reps, { warmup: true });

// (d) scaling
const scaling = [];
if (doScaling) {
  log(`\n(d) scaling: ${sizes.join(', ')} files`);
  for (const n of sizes) {
    if (n === mainFiles) {
      scaling.push(main);
      log(`  ${n} files: taken from (a)`);
      continue;
    }
    // Big corpora get one pass: it is long, and its chunks already interleave the two sides.
    const pairs = n > 2 * mainFiles ? 1 : reps;
    scaling.push(await measure(n, pairs));
  }
}

let growth = null;
if (doGrowth) {
  const gSizes = quick ? [2500, 5000, 10000] : [5000, 10000, 20000];
  log(`\nquadratic-growth guard: one file of ${gSizes.join(', ')} lines`);
  growth = await runGrowth({ sizes: gSizes, reps: quick ? 2 : 3, rules, log });
}

// ---------------------------------------------------------------------------------------------
// Report

const load1 = loadavg();
const elapsedS = (performance.now() - started) / 1000;
const pct = (r) => `${r >= 1 ? '+' : ''}${fmt((r - 1) * 100, 1)}%`;
const verdictA = main.ratio - 1 <= BAR ? `within the bar (+${BAR * 100}% at most)` : `OVER the bar (+${BAR * 100}% at most)`;

const spreadOf = (xs) => (xs.length > 1 && Math.min(...xs) > 0 ? Math.max(...xs) / Math.min(...xs) : NaN);
// Files are linted independently, so a per-file cost that grows with the corpus means state that
// grows across files (a cache, a leak). The trend is smallest -> largest corpus; the spread over
// all sizes (noise of a shared machine included) is reported next to it.
const trendOf = (xs) => (xs.length > 1 && xs[0] > 0 ? xs[xs.length - 1] / xs[0] : NaN);
const flatRatio = trendOf(scaling.map((s) => s.rulePerKLineMs));
const flatSpread = spreadOf(scaling.map((s) => s.rulePerKLineMs));
const addedFlatRatio = trendOf(scaling.map((s) => s.addedPerKLineMs));
const linearity = !scaling.length
  ? 'not measured'
  : rules.placeholder
    ? 'not applicable (placeholder: no rules)'
    : Math.max(flatRatio, 1 / flatRatio) <= FLAT
      ? `flat: the time inside the rules per 1,000 lines goes x${fmt(flatRatio, 2)} from ${scaling[0].files} to ${scaling[scaling.length - 1].files} files (bar: within x${FLAT}; spread over all sizes x${fmt(flatSpread, 2)}), so their cost is linear in the code linted; the added CPU time per 1,000 lines, which also carries GC, goes x${fmt(addedFlatRatio, 2)}`
      : `NOT flat: the time inside the rules per 1,000 lines goes x${fmt(flatRatio, 2)} from ${scaling[0].files} to ${scaling[scaling.length - 1].files} files (bar: within x${FLAT}; spread over all sizes x${fmt(flatSpread, 2)}); the added CPU time per 1,000 lines goes x${fmt(addedFlatRatio, 2)}`;

const mainTable = [
  '| run | median CPU time | per file | ratio | median wall time | GC pauses (wall) |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
  `| ESLint, zero rules | ${fmt(main.baseMs / 1000, 2)} s | ${fmt(main.basePerFileMs, 2)} ms | 1.00 | ${fmt(main.baseWallMs / 1000, 2)} s | ${fmt(main.baseGcMs / 1000, 2)} s |`,
  `| ESLint + recommended (${rules.ruleIds.length} rules) | ${fmt(main.rulesMs / 1000, 2)} s | ${fmt(main.rulesMs / main.files, 2)} ms | ${fmt(main.ratio, 3)} (${pct(main.ratio)}) | ${fmt(main.rulesWallMs / 1000, 2)} s | ${fmt(main.rulesGcMs / 1000, 2)} s |`,
  `| of which inside the rules | ${fmt(main.ruleMs / 1000, 2)} s | ${fmt(main.rulePerFileMs, 3)} ms | ${fmt(main.ruleMs / main.baseMs + 1, 3)} (${pct(main.ruleMs / main.baseMs + 1)}) | | |`,
];
const perRuleTable = [
  '| rule | CPU time inside the rule | per file | findings on the corpus |',
  '| --- | ---: | ---: | ---: |',
  ...[...new Set([...RULE_IDS.map((id) => `assume/${id}`), ...rules.ruleIds])].map((ruleId) => {
    const id = ruleId.replace(/^assume\//, '');
    const ms = main.perRule[ruleId];
    return `| ${id} | ${ms === undefined ? '-' : `${fmt(ms, 0)} ms`} | ${ms === undefined ? '-' : `${fmt((ms / main.files) * 1000, 0)} µs`} | ${main.findings[ruleId] ?? 0} |`;
  }),
];
const scalingTable = [
  '| files | lines | passes | CPU, zero rules | CPU, with rules | ratio | added CPU time per file | inside the rules per file | inside the rules per 1,000 lines |',
  '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...scaling.map(
    (s) =>
      `| ${s.files} | ${s.lines} | ${s.pairs} | ${fmt(s.baseMs / 1000, 2)} s | ${fmt(s.rulesMs / 1000, 2)} s | ${fmt(s.ratio, 3)} | ${fmt(s.addedPerFileMs, 3)} ms | ${fmt(s.rulePerFileMs, 3)} ms | ${fmt(s.rulePerKLineMs, 2)} ms |`,
  ),
];
const growthTable = growth
  ? [
      '| lines in the file | CPU, ESLint with zero rules | CPU, with rules | CPU inside the rules |',
      '| ---: | ---: | ---: | ---: |',
      ...growth.rows.map((r) => `| ${r.lines} | ${fmt(r.baseMs, 0)} ms | ${fmt(r.rulesMs, 0)} ms | ${fmt(r.ruleMs, 1)} ms |`),
    ]
  : [];
const growthVerdict = !growth
  ? 'not measured'
  : rules.placeholder
    ? 'not applicable (placeholder: no rules)'
    : growth.ok
      ? `linear: worst x${fmt(growth.worst, 2)} per doubling of the file (linear is ~2, quadratic ~4; bar: <= ${MAX_FACTOR_PER_DOUBLING})`
      : `SUPERLINEAR: x${fmt(growth.worst, 2)} per doubling of the file (bar: <= ${MAX_FACTOR_PER_DOUBLING})`;

log('\n' + mainTable.join('\n'));
log(`\nrules add ${pct(main.ratio)} to the ESLint run: ${verdictA} (passes: ${main.passRatios.map((r) => fmt(r, 3)).join(', ')})`);
if (!rules.placeholder) log('\n' + perRuleTable.join('\n'));
if (scaling.length) log('\n' + scalingTable.join('\n') + `\n\nlinearity: ${linearity}`);
if (growth) log('\n' + growthTable.join('\n') + '\n' + growthSummary(growth) + `\ngrowth: ${growthVerdict}`);
log(`\nload average at end: ${load1.map((n) => n.toFixed(2)).join(' ')}; took ${fmt(elapsedS, 0)} s`);

if (write) {
  const c = corpora.get(mainFiles);
  const doc = [
    '# Benchmarks',
    '',
    rules.placeholder
      ? `> **PLACEHOLDER figures**: zero rules against zero rules (${rules.reason}). Rerun \`npm run build && npm run bench\` once the rules exist.`
      : `> What the plugin's \`recommended\` rules (${rules.ruleIds.map((r) => r.replace(/^assume\//, '')).join(', ')}) cost on top of an ESLint run. Regenerate with \`npm run build && npm run bench\` (writes this file).`,
    '',
    '## Machine',
    '',
    `- date: ${machine.date}`,
    `- cores (\`nproc\`): ${machine.nproc} (${machine.cpu}), memory ${machine.memGiB} GiB`,
    `- node ${machine.node}, eslint ${machine.eslint}, @typescript-eslint/parser ${machine.parser}${rules.placeholder ? '' : `, assume-lint ${rules.version}`}`,
    `- load average at start ${load0.map((n) => n.toFixed(2)).join(' ')}, at end ${load1.map((n) => n.toFixed(2)).join(' ')} (other work on the machine shows up here; the interleaved runs share it)`,
    `- the whole run took ${fmt(elapsedS, 0)} s; code: ${gitDescribe()}`,
    '',
    '## Method',
    '',
    `- Corpus: \`bench/generate.mjs\`, seed 42: ${c.files} generated service files, ${c.lines} lines, ${c.ts} TypeScript and the rest JavaScript (ESM and CommonJS), 30-400 lines each: Express/Fastify/Koa handlers, pg/knex/Prisma/TypeORM/Mongoose repositories, kafkajs/amqplib/BullMQ consumers, axios/got/fetch clients, services and utilities (kinds: ${Object.entries(c.kinds).map(([k, n]) => `${k} ${n}`).join(', ')}).`,
    '- ESLint Node API in one process, untyped (`@typescript-eslint/parser` without a project), no cache, one thread. Zero rules means the same config with no rules: parse, scope analysis and traversal only.',
    `- With rules: \`assume.configs.recommended\` from \`dist/\`. Each rule is wrapped to time its own \`create()\` and listeners ("inside the rules"); the rules listen to \`Program:exit\` and the engine walks the file itself, so that is a few timer reads per file. The engine's per-file index is shared by the rules and built by the first one that needs it, so the per-rule split charges it to that rule.`,
    '- Figures are **CPU time of the process** (user + system, `process.cpuUsage()`), not wall time: this machine is shared with other work (see the load average), which stretches wall time far more than the CPU a run needs. Median wall times are shown for reference, and so are garbage-collection pauses (`perf_hooks` `gc` entries, wall time): what the rules allocate is partly collected outside their listeners, which is why the added CPU time exceeds the time inside the rules.',
    `- Interleaved runs: one \`ESLint\` per side and pass; the one with zero rules lints ${CHUNK} files, the one with the rules the same ${CHUNK}, chunk after chunk, in ABBA order; a pass over the corpus sums its chunks, and the figures are medians of ${main.pairs} passes after a warm-up (scaling corpora of more than ${2 * mainFiles} files: one pass). Interleaving at the scale of a second puts the machine's drifting load on both sides equally.`,
    '',
    `## (a) ${main.files} files: zero rules vs recommended`,
    '',
    ...mainTable,
    '',
    `**Rules add ${pct(main.ratio)} to the run: ${verdictA}.** Ratio of each pass: ${main.passRatios.map((r) => fmt(r, 3)).join(', ')}.`,
    '',
    ...(rules.placeholder ? [] : ['Per rule (median run):', '', ...perRuleTable, '']),
    '## (d) Scaling',
    '',
    ...(scaling.length ? [...scalingTable, '', `**Linearity:** ${linearity}.`] : ['Not measured.']),
    '',
    '## Quadratic-growth guard',
    '',
    'One generated file (`generateBigFile`: many modules, each in its own block) linted alone; `node bench/growth.mjs --check` runs it by itself and exits 1 above the bar.',
    '',
    ...(growth ? [...growthTable, '', ...growthSummary(growth).split('\n').map((l) => `- ${l}`), '', `**Growth:** ${growthVerdict}.`] : ['Not measured.']),
    '',
  ].join('\n');
  writeFileSync(join(repoRoot, 'docs', 'benchmarks.md'), doc);
  log(`wrote docs/benchmarks.md`);
}
