#!/usr/bin/env node
// `npm run bench`: what assume-lint costs, against the bars of the issues.
//
//   untyped           (a) ESLint with zero rules vs `assume.configs.recommended`, untyped, 2,000 generated files,
//                         in this process, interleaved by chunks, medians of passes (bar: +25% at most)
//   typed             (a') the same with type information (typescript-eslint's projectService)
//   scaling           (d) the same at 500, 2,000 and 8,000 files: the rules' cost per file must stay flat
//   growth            one file of 5k, 10k, 20k lines: the rules' time must double per doubling
//   analyzer          (b) `assume check` cold and warm (--cache, one file changed) vs `tsc --noEmit`, child
//                         processes, wall time and peak memory (bars: 2x tsc, 2x tsc, warm < 25% of cold)
//   staged            (c) `assume check --staged --cache` on a 10-file change in a git copy (bar: 2 s warm)
//   analyzer-scaling  (d) the analyzer's cold time per file at 500, 2,000 and 8,000 files
//
// Prints every section and writes docs/benchmarks.md (a full run; --quick and --files only print unless
// --write). With --only, the sections measured replace theirs in docs/benchmarks.md and the others stay.
//
// usage: node bench/run.mjs [--quick] [--only a,b,...] [--files N] [--reps N] [--sizes a,b,c]
//                           [--no-scaling] [--no-growth] [--write | --no-write] [--placeholder] [--process-rounds N]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { clearCaches } from '@typescript-eslint/typescript-estree';
import { generateCorpus, generatedFiles } from './generate.mjs';
import { growthSummary, MAX_FACTOR_PER_DOUBLING, runGrowth } from './growth.mjs';
import { benchDir, fmt, lintOnce, loadRulesConfig, makeEslint, median, noopRuleConfig, pct, processRounds, repoRoot, roundRatios, RULE_IDS } from './lib.mjs';
import { analyzerRow, CLI, describeTimeTool, measureAnalyzerAt, measureCheck, measureStaged, snapshotBuild, timeTool } from './project.mjs';
import { optionOf } from './args.mjs';

const BAR = 0.25; // the rules may add at most 25% to an ESLint run (issue 2)
const FLAT = 1.25; // per-file cost counts as flat when it changes by at most this from the smallest to the largest corpus
const CHUNK = 20; // files per interleaved run (see measure())
/** Every order of three sides (see measure()). */
const ORDERS3 = [
  ['base', 'noop', 'rules'],
  ['rules', 'base', 'noop'],
  ['noop', 'rules', 'base'],
  ['base', 'rules', 'noop'],
  ['noop', 'base', 'rules'],
  ['rules', 'noop', 'base'],
];
const CHECK_TIME_BAR = 2; // assume check: at most 2x the wall time of tsc --noEmit (issue 3)
const CHECK_MEMORY_BAR = 2; // ... and at most 2x its peak memory
const WARM_BAR = 0.25; // a warm --cache run with one changed file: under 25% of a cold run
const STAGED_BAR_S = 2; // --staged on a 10-file change, warm: within 2 s (issue 5)

export const SECTIONS = ['untyped', 'typed', 'scaling', 'growth', 'analyzer', 'staged', 'analyzer-scaling'];

const args = process.argv.slice(2);
const opt = (name, dflt) => optionOf(args, name, dflt);
function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}
const quick = args.includes('--quick');
const mainFiles = Number(opt('--files', quick ? '500' : '2000'));
const reps = Number(opt('--reps', quick ? '2' : '3'));
const sizes = opt('--sizes', quick ? '250,500,1000' : '500,2000,8000').split(',').map(Number);
if (!Number.isInteger(mainFiles) || mainFiles < 20) fail('--files takes a whole number of at least 20.');
if (!Number.isInteger(reps) || reps < 1) fail('--reps takes a whole number of at least 1.');
if (sizes.some((n) => !Number.isInteger(n) || n < 20)) fail('--sizes takes whole numbers of at least 20, separated by commas.');
const only = opt('--only', undefined);
const wanted = new Set(only === undefined ? SECTIONS : only.split(',').map((s) => s.trim()).filter(Boolean));
for (const s of wanted) if (!SECTIONS.includes(s)) fail(`unknown section "${s}" in --only (sections: ${SECTIONS.join(', ')}).`);
if (args.includes('--no-scaling')) wanted.delete('scaling');
if (args.includes('--no-growth')) wanted.delete('growth');
const partial = only !== undefined || args.includes('--no-scaling') || args.includes('--no-growth');
const write = args.includes('--write') || (!args.includes('--no-write') && !quick && !args.includes('--files') && !args.includes('--sizes'));

const log = (...a) => console.log(...a);

function git(...a) {
  return execFileSync('git', a, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}
/** The commit measured, and whether the work tree differed from it in what is measured (read-only git queries). */
function gitDescribe(paths) {
  try {
    const head = git('rev-parse', '--short', 'HEAD');
    const dirty = git('status', '--porcelain', '--', ...paths) !== '';
    return `commit ${head}${dirty ? ` plus uncommitted changes to ${paths.map((p) => (p.includes('.') ? p : `${p}/`)).join(', ')}` : ''}`;
  } catch {
    return 'unknown (no git)';
  }
}
// What is measured is the build loaded (ESLint sections) or copied (child processes) at the start of the
// run; the commit and work tree are described as they were then.
const RULES_CODE = gitDescribe(['index.ts', 'core', 'rules']);
const CHECK_CODE = gitDescribe(['index.ts', 'core', 'rules', 'analyzer', 'cli']);

const started = performance.now();
const load0 = loadavg();
const loadStr = (l) => l.map((n) => n.toFixed(2)).join(' ');

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
  typescript: pkgVersion('typescript'),
};
const needsCli = ['analyzer', 'staged', 'analyzer-scaling'].some((s) => wanted.has(s));
if (needsCli && !existsSync(CLI)) fail(`${relative(repoRoot, CLI)} not found: run \`npm run build\` first (the sections ${[...wanted].join(', ')} run the built binary).`);

log(`assume-lint benchmark (${quick ? 'quick' : 'full'}): ${[...wanted].join(', ')}`);
log(`machine: ${machine.nproc} cores (${machine.cpu}), ${machine.memGiB} GiB, node ${machine.node}, eslint ${machine.eslint}, @typescript-eslint/parser ${machine.parser}, typescript ${machine.typescript}`);
log(`load average at start: ${loadStr(load0)}`);
if (rules.placeholder) log(`PLACEHOLDER: zero rules against zero rules (${rules.reason})`);
else log(`rules: ${rules.ruleIds.join(', ')} (assume.configs.recommended, plugin ${rules.version})`);
if (needsCli) {
  try {
    const snap = snapshotBuild(join(benchDir, '.out'));
    log(`assume ${snap.version}: the build copied to ${relative(repoRoot, snap.root)} for the child processes, measured with ${timeTool() === 'gnu-time' ? '/usr/bin/time' : 'bench/rss-probe.mjs'}`);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}

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

/** The corpus's generated files (not its shared modules), sorted, in chunks of `size` (absolute paths). */
function chunksOf(dir, size) {
  const files = generatedFiles(dir);
  const out = [];
  for (let i = 0; i < files.length; i += size) out.push(files.slice(i, i + size));
  return { files, chunks: out };
}

/**
 * Passes over the corpus, each one a full run with zero rules and a full run with the rules,
 * interleaved by chunks of CHUNK files in ABBA order (zero rules first in even chunks, the rules
 * first in odd ones): on a shared machine the load drifts over minutes, and interleaving at the
 * scale of a second puts the same drift on both sides. A pass's figure is the sum over its
 * chunks; the result is the median over passes. `typed`: both sides with type information.
 */
async function measure(n, pairs, { warmup = false, typed = false, noop = false } = {}) {
  const c = corpus(n);
  const { files, chunks } = chunksOf(c.dir, CHUNK);
  if (files.length !== n) throw new Error(`found ${files.length} files in ${c.dir}, expected ${n}`);
  let firstChunkMs;
  if (warmup) {
    log(`  warm-up (${Math.min(n, 10 * CHUNK)} files each way) ...`);
    for (const [i, chunk] of chunks.slice(0, 10).entries()) {
      const first = await lintOnce(c.dir, chunk, null, makeEslint(c.dir, null, { typed }));
      if (i === 0) firstChunkMs = first.cpuMs;
      await lintOnce(c.dir, chunk, rules.config, makeEslint(c.dir, rules.config, { typed }));
      if (noop) await lintOnce(c.dir, chunk, noopRuleConfig, makeEslint(c.dir, noopRuleConfig, { typed }));
    }
    if (typed) log(`  the first ${CHUNK} files with type information took ${fmt(firstChunkMs / 1000, 2)} s CPU (the TypeScript program is created then)`);
  }
  const base = [];
  const withRules = [];
  const inRules = [];
  const baseWall = [];
  const rulesWall = [];
  const baseGc = [];
  const rulesGc = [];
  const perRule = {};
  const programMs = [];
  const withNoop = [];
  const noopGc = [];
  let findings = {};
  for (let pass = 0; pass < pairs; pass++) {
    if (typed) {
      // A fresh TypeScript program each pass: its checker caches the types it computes, so a program
      // kept from an earlier pass would hand the rules' side types already computed. The program is
      // created here, by linting one file with zero rules, outside the measured chunks.
      clearCaches();
      programMs.push((await lintOnce(c.dir, chunks[0].slice(0, 1), null, makeEslint(c.dir, null, { typed }))).cpuMs);
    }
    const sum = { base: 0, rules: 0, noop: 0, inRules: 0, baseWall: 0, rulesWall: 0, baseGc: 0, rulesGc: 0, noopGc: 0, perRule: {}, findings: {}, files: 0 };
    // One ESLint per side for the whole pass, as one CLI run would have (config resolved once).
    const eslints = { base: makeEslint(c.dir, null, { typed }), rules: makeEslint(c.dir, rules.config, { typed }) };
    if (noop) eslints.noop = makeEslint(c.dir, noopRuleConfig, { typed });
    for (const [i, chunk] of chunks.entries()) {
      // Two sides: ABBA. Three: every order in turn, so each side runs first, last and after each other side
      // equally often (garbage one side leaves is partly collected during the next side's run).
      const order = noop ? ORDERS3[(i + pass) % ORDERS3.length] : (i + pass) % 2 === 0 ? ['base', 'rules'] : ['rules', 'base'];
      for (const which of order) {
        const res = await lintOnce(c.dir, chunk, null, eslints[which]);
        if (res.fatal.length) throw new Error(`generated corpus does not parse: ${res.fatal.slice(0, 3).join('; ')}`);
        if (which === 'base') {
          sum.base += res.cpuMs;
          sum.baseWall += res.wallMs;
          sum.baseGc += res.gcMs;
          sum.files += res.files;
        } else if (which === 'noop') {
          sum.noop += res.cpuMs;
          sum.noopGc += res.gcMs;
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
    withNoop.push(sum.noop);
    noopGc.push(sum.noopGc);
    for (const [k, v] of Object.entries(sum.perRule)) (perRule[k] ??= []).push(v);
    findings = sum.findings;
    log(
      `  ${n} files${typed ? ', typed' : ''}, pass ${pass + 1}/${pairs}: CPU zero rules ${fmt(sum.base / 1000, 2)} s, with rules ${fmt(sum.rules / 1000, 2)} s ` +
        `(x${fmt(sum.rules / sum.base, 3)}; inside the rules ${fmt(sum.inRules / 1000, 2)} s); wall ${fmt(sum.baseWall / 1000, 1)} s / ${fmt(sum.rulesWall / 1000, 1)} s`,
    );
  }
  // Figures are CPU time of this process (user + system): on a shared machine, other processes
  // stretch wall time but hardly the CPU time a run needs. Wall time is kept for reference.
  const m = {
    files: n,
    lines: c.lines,
    pairs,
    typed,
    firstChunkMs,
    programMs: median(programMs),
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
  if (noop) {
    m.noopMs = median(withNoop);
    m.noopGcMs = median(noopGc);
    m.noopRatio = median(withNoop.map((v, i) => v / base[i]));
    // The rules' cost over ESLint's charge for having any rule: recommended against the no-op rule, per pass.
    m.overNoopRatio = median(withRules.map((v, i) => v / withNoop[i]));
  }
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
// Rendering: each section is a block of markdown plus its bars; docs/benchmarks.md is the blocks in
// SECTIONS order with a bars table on top.

const stamp = (code) => {
  const l = loadavg();
  return `_Measured ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}; load average ${loadStr(l)} (1, 5, 15 min) at the end of the section; code: the build in \`dist/\` at the start of the run, when the checkout was at ${code}._`;
};
const bar = (issue, what, figure, met) => ({ issue, bar: what, figure, verdict: met === null ? 'no bar' : met ? 'met' : '**NOT met**' });
const na = (issue, what, why) => ({ issue, bar: what, figure: '-', verdict: why });

function eslintTables(m) {
  const label = m.typed ? 'typed' : 'untyped';
  const mainTable = [
    '| run | median CPU time | per file | ratio | median wall time | GC pauses (wall) |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    `| ESLint ${label}, zero rules | ${fmt(m.baseMs / 1000, 2)} s | ${fmt(m.basePerFileMs, 2)} ms | 1.00 | ${fmt(m.baseWallMs / 1000, 2)} s | ${fmt(m.baseGcMs / 1000, 2)} s |`,
    ...(m.noopMs === undefined
      ? []
      : [`| ESLint ${label} + one rule that does nothing | ${fmt(m.noopMs / 1000, 2)} s | ${fmt(m.noopMs / m.files, 2)} ms | ${fmt(m.noopRatio, 3)} (${pct(m.noopRatio)}) | | ${fmt(m.noopGcMs / 1000, 2)} s |`]),
    `| ESLint ${label} + recommended (${rules.ruleIds.length} rules) | ${fmt(m.rulesMs / 1000, 2)} s | ${fmt(m.rulesMs / m.files, 2)} ms | ${fmt(m.ratio, 3)} (${pct(m.ratio)}) | ${fmt(m.rulesWallMs / 1000, 2)} s | ${fmt(m.rulesGcMs / 1000, 2)} s |`,
    `| of which inside the rules | ${fmt(m.ruleMs / 1000, 2)} s | ${fmt(m.rulePerFileMs, 3)} ms | ${fmt(m.ruleMs / m.baseMs + 1, 3)} (${pct(m.ruleMs / m.baseMs + 1)}) | | |`,
  ];
  const perRuleTable = [
    '| rule | CPU time inside the rule | per file | findings on the corpus |',
    '| --- | ---: | ---: | ---: |',
    ...[...new Set([...RULE_IDS.map((id) => `assume/${id}`), ...rules.ruleIds])].map((ruleId) => {
      const id = ruleId.replace(/^assume\//, '');
      const ms = m.perRule[ruleId];
      return `| ${id} | ${ms === undefined ? '-' : `${fmt(ms, 0)} ms`} | ${ms === undefined ? '-' : `${fmt((ms / m.files) * 1000, 0)} µs`} | ${m.findings[ruleId] ?? 0} |`;
    }),
  ];
  return { mainTable, perRuleTable };
}

function corpusLine(c) {
  return `Corpus: \`bench/generate.mjs\`, seed 42: ${c.files} generated service files, ${c.lines} lines, ${c.ts} TypeScript and the rest JavaScript (ESM and CommonJS), 30-400 lines each: Express/Fastify/Koa handlers, pg/knex/Prisma/TypeORM/Mongoose repositories, kafkajs/amqplib/BullMQ consumers, axios/got/fetch clients, services and utilities (kinds: ${Object.entries(c.kinds).map(([k, n]) => `${k} ${n}`).join(', ')}), plus the ${c.shared ?? 0} shared modules of the folders they import (\`./db.js\`, \`./logger.js\`, repositories, stores, models: ${c.sharedLines ?? 0} lines; every project import resolves, so the analyzer follows calls across files), with a \`tsconfig.json\` (allowJs, noEmit, skipLibCheck, \`types: []\`, every file) and a \`package.json\`; no \`node_modules\`, so imports of packages stay unresolved for every tool alike.`;
}

function renderUntyped(m) {
  const { mainTable, perRuleTable } = eslintTables(m);
  const p = m.processes;
  // The bar is about a user's ESLint run: one process. The interleaved figure (three ESLint instances sharing one
  // heap) is reported too: it is the only one that can time the inside of the rules.
  const within = (p ? p.ratio : m.ratio) - 1 <= BAR;
  const verdict = within ? `within the bar (+${BAR * 100}% at most)` : `OVER the bar (+${BAR * 100}% at most)`;
  const processTable = p
    ? [
        '| run (a process each, the whole corpus) | median CPU time of the process | per file | ratio (median of rounds) |',
        '| --- | ---: | ---: | ---: |',
        `| ESLint untyped, zero rules | ${fmt(p.medianMs.zero / 1000, 2)} s | ${fmt(p.medianMs.zero / m.files, 2)} ms | 1.00 |`,
        `| ESLint untyped + one rule that does nothing | ${fmt(p.medianMs.noop / 1000, 2)} s | ${fmt(p.medianMs.noop / m.files, 2)} ms | ${fmt(p.noopRatio, 3)} (${pct(p.noopRatio)}) |`,
        `| ESLint untyped + recommended (${rules.ruleIds.length} rules) | ${fmt(p.medianMs.recommended / 1000, 2)} s | ${fmt(p.medianMs.recommended / m.files, 2)} ms | ${fmt(p.ratio, 3)} (${pct(p.ratio)}) |`,
        `| the same, ESLint's charge for any rule taken away (\`FileContext#extend\` patched) | ${fmt(p.medianMs['recommended-patched'] / 1000, 2)} s | ${fmt(p.medianMs['recommended-patched'] / m.files, 2)} ms | ${fmt(p.patchedRatio, 3)} (${pct(p.patchedRatio)}) |`,
      ]
    : [];
  return {
    title: `(a) ESLint untyped, ${m.files} files: zero rules vs recommended`,
    md: [
      stamp(RULES_CODE),
      '',
      `- ${corpusLine(corpora.get(m.files))}`,
      '- ESLint Node API in one process, untyped (`@typescript-eslint/parser` without a project), no cache, one thread. Zero rules means the same config with no rules: parse, scope analysis and traversal only.',
      '- With rules: `assume.configs.recommended` from `dist/`. Each rule is wrapped to time its own `create()` and listeners ("inside the rules"); the rules listen to `Program:exit` and the engine walks the file itself, so that is a few timer reads per file. The engine\'s per-file index is shared by the rules and built by the first one that needs it, so the per-rule split charges it to that rule.',
      '- Figures are **CPU time of the process** (user + system, `process.cpuUsage()`), not wall time: this machine is shared with other work (see the load average), which stretches wall time far more than the CPU a run needs. Median wall times are shown for reference, and so are garbage-collection pauses (`perf_hooks` `gc` entries, wall time): what the rules allocate is partly collected outside their listeners, which is why the added CPU time exceeds the time inside the rules.',
      `- Interleaved runs: one \`ESLint\` per side and pass; the one with zero rules lints ${CHUNK} files, the one with the rules the same ${CHUNK}${m.noopMs === undefined ? '' : ', and the one with one rule that does nothing the same ' + CHUNK}, chunk after chunk, ${m.noopMs === undefined ? 'in ABBA order' : 'each order of the three sides in turn (each runs first, last and after each other side equally often)'}; a pass over the corpus sums its chunks, and the figures are medians of ${m.pairs} pass${m.pairs === 1 ? '' : 'es'} after a warm-up. Interleaving at the scale of a second puts the machine's drifting load on both sides equally.`,
      '',
      ...(p
        ? [
            `**A user's run.** Each side as its own process (\`bench/eslint-process.mjs\`: load ESLint, the parser and the plugin, lint the ${m.files} files once, as \`npx eslint\` does), ${p.rounds} rounds in a rotating order, CPU time of the whole process:`,
            '',
            ...processTable,
            '',
            `**Rules add ${pct(p.ratio)} to a user's ESLint run: ${verdict}.** Ratio of each round: ${p.roundRatios.map((r) => fmt(r, 3)).join(', ')}; the lint alone (without loading): ${pct(p.lintRatio)}.${p.mainRatio === undefined ? '' : ` The main thread's CPU time alone: ${pct(p.mainRatio)} (V8's helper threads compile optimized code and collect garbage alongside it).`}${p.wallRatio === undefined ? '' : ` Wall time of the process: ${pct(p.wallRatio)} (for reference only, on this shared machine).`}`,
            '',
            `**Without ESLint's charge for any rule.** The fourth side runs the same rules in an ESLint whose \`FileContext#extend\` is patched to copy the file context's fields into each rule's context instead of making the file context its prototype (\`patchFileContextExtend\` in bench/lib.mjs; the change [eslint-any-rule.md](eslint-any-rule.md) proposes to ESLint; the findings are the same): recommended then adds ${pct(p.patchedRatio)} (each round: ${p.patchedRoundRatios.map((r) => fmt(r, 3)).join(', ')}). That is what assume-lint's rules cost; the rest of the ${pct(p.ratio)} is what ESLint 10 on this Node charges for enabling any rule at all (one rule that does nothing: ${pct(p.noopRatio)}). The bar is judged on the run as installed, above.`,
            '',
            `**In one process, interleaved** (below): ${pct(m.ratio)}, and the charge for any rule ${m.noopRatio === undefined ? '-' : pct(m.noopRatio)} (${pct(p.noopRatio)} in processes of their own). Three ESLint instances share one heap there; it is the only run that can time the inside of the rules. On this shared machine both figures move by 10-20% from one run to the next; [instructions.md](instructions.md) counts the same comparison in instructions, which do not move.`,
            '',
          ]
        : []),
      ...mainTable,
      '',
      p
        ? `Interleaved in one process, rules add ${pct(m.ratio)}. Ratio of each pass: ${m.passRatios.map((r) => fmt(r, 3)).join(', ')}.`
        : `**Rules add ${pct(m.ratio)} to the run: ${verdict}.** Ratio of each pass: ${m.passRatios.map((r) => fmt(r, 3)).join(', ')}.`,
      '',
      ...(m.noopMs === undefined
        ? []
        : [
            `**What ESLint charges for any rule.** The third side lints with one rule that does nothing (it returns at \`Program:exit\`), in the same interleaving: ${pct(m.noopRatio)} over zero rules, and its garbage-collection pauses are ${fmt(m.noopGcMs / 1000, 2)} s against ${fmt(m.baseGcMs / 1000, 2)} s. The recommended rules cost ${pct(m.overNoopRatio)} over that rule. The charge comes from ESLint, not from a rule: for every enabled rule ESLint makes the rule's context with \`Object.create(fileContext)\` (\`FileContext#extend\`, lib/linter/file-context.js), so each file's FileContext becomes a prototype, which (as we read it) V8 keeps reachable from the old generation until the next full collection; the file's SourceCode (tree, tokens, scopes) then survives young-generation collections and is copied and promoted instead of dying young. With \`FileContext#extend\` patched to copy the file context's fields instead, one rule costs what zero rules cost: see [eslint-any-rule.md](eslint-any-rule.md) (\`node bench/eslint-any-rule.mjs --write\`). [eslint-sides.md](eslint-sides.md) splits the whole difference into steps, each side a process of its own: one rule that does nothing, five, assume's rules with a \`create()\` that does nothing, and recommended (\`node bench/eslint-sides.mjs --write\`).`,
            '',
          ]),
      ...(rules.placeholder ? [] : ['Per rule (median run):', '', ...perRuleTable]),
    ],
    bars: rules.placeholder
      ? [na(2, 'recommended adds at most +25% to an untyped ESLint run (CPU time)', 'not applicable (no built rules)')]
      : [
          bar(
            2,
            `recommended adds at most +25% to an untyped ESLint run (CPU time, ${m.files} files)`,
            p ? `${pct(p.ratio)} (a process each, ${p.rounds} rounds; interleaved in one process: ${pct(m.ratio)})` : pct(m.ratio),
            within,
          ),
        ],
  };
}

function renderTyped(m) {
  const { mainTable, perRuleTable } = eslintTables(m);
  return {
    title: `(a') ESLint typed, ${m.files} files: zero rules vs recommended`,
    md: [
      stamp(RULES_CODE),
      '',
      `- Same corpus (all ${m.files} files: it runs in a few minutes) and the same method as (a), with type information on both sides: \`parserOptions: { projectService: true, tsconfigRootDir: <corpus> }\`, typescript-eslint's project service reading the corpus's \`tsconfig.json\`. With a program the rules also read declared types (typed linting sharpens them), which is the extra work measured here.`,
      `- Each pass starts from a fresh TypeScript program (typescript-estree's \`clearCaches()\`), created by linting one file with zero rules before the measured chunks (median ${fmt(m.programMs / 1000, 2)} s CPU) and shared by both sides. That one-time cost, which a real typed run pays on top, is in neither side, so the ratio is the rules' share of the per-file work. The types the rules ask for are computed by the checker on demand and charged to the rules' side; in a setup that already runs typescript-eslint's type-checked rules, part of that work would be shared with them.`,
      '',
      ...mainTable,
      '',
      `**With type information, rules add ${pct(m.ratio)} to the run** (issue 2's bar of +${BAR * 100}% is for untyped runs; by it this would be ${m.ratio - 1 <= BAR ? 'within' : 'over'}). Ratio of each pass: ${m.passRatios.map((r) => fmt(r, 3)).join(', ')}.`,
      '',
      ...(rules.placeholder ? [] : ['Per rule (median run):', '', ...perRuleTable]),
    ],
    bars: rules.placeholder
      ? [na(6, 'typed: the ratio of recommended to zero rules', 'not applicable (no built rules)')]
      : [bar(6, `typed (projectService): the ratio of recommended to zero rules, ${m.files} files (no bar of its own; +25% would be ${m.ratio - 1 <= BAR ? 'met' : 'NOT met'})`, pct(m.ratio), null)],
  };
}

function renderScaling(scaling) {
  const trendOf = (xs) => (xs.length > 1 && xs[0] > 0 ? xs[xs.length - 1] / xs[0] : NaN);
  const spreadOf = (xs) => (xs.length > 1 && Math.min(...xs) > 0 ? Math.max(...xs) / Math.min(...xs) : NaN);
  // Files are linted independently, so a per-file cost that grows with the corpus means state that
  // grows across files (a cache, a leak). The trend is smallest -> largest corpus; the spread over
  // all sizes (noise of a shared machine included) is reported next to it.
  const flatRatio = trendOf(scaling.map((s) => s.rulePerKLineMs));
  const flatSpread = spreadOf(scaling.map((s) => s.rulePerKLineMs));
  const addedFlatRatio = trendOf(scaling.map((s) => s.addedPerKLineMs));
  const flat = Math.max(flatRatio, 1 / flatRatio) <= FLAT;
  const first = scaling[0];
  const last = scaling[scaling.length - 1];
  const linearity = rules.placeholder
    ? 'not applicable (placeholder: no rules)'
    : `${flat ? 'flat' : 'NOT flat'}: the time inside the rules per 1,000 lines goes x${fmt(flatRatio, 2)} from ${first.files} to ${last.files} files (bar: within x${FLAT}; spread over all sizes x${fmt(flatSpread, 2)})${flat ? ', so their cost is linear in the code linted' : ''}; the added CPU time per 1,000 lines, which also carries GC, goes x${fmt(addedFlatRatio, 2)}`;
  return {
    title: '(d) Scaling: ESLint rules',
    md: [
      stamp(RULES_CODE),
      '',
      `Method of (a) on corpora of ${scaling.map((s) => s.files).join(', ')} files (each the first files of the next); corpora of more than ${2 * mainFiles} files: one pass.`,
      '',
      '| files | lines | passes | CPU, zero rules | CPU, with rules | ratio | added CPU time per file | inside the rules per file | inside the rules per 1,000 lines |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...scaling.map(
        (s) =>
          `| ${s.files} | ${s.lines} | ${s.pairs} | ${fmt(s.baseMs / 1000, 2)} s | ${fmt(s.rulesMs / 1000, 2)} s | ${fmt(s.ratio, 3)} | ${fmt(s.addedPerFileMs, 3)} ms | ${fmt(s.rulePerFileMs, 3)} ms | ${fmt(s.rulePerKLineMs, 2)} ms |`,
      ),
      '',
      `**Linearity:** ${linearity}.`,
    ],
    bars: rules.placeholder
      ? [na(6, 'ESLint rules: time per file flat as the corpus grows (linear)', 'not applicable (no built rules)')]
      : [bar(6, `ESLint rules: time per 1,000 lines flat from ${first.files} to ${last.files} files (within x${FLAT})`, `x${fmt(flatRatio, 2)}`, flat)],
  };
}

function renderGrowth(growth) {
  const verdict = rules.placeholder
    ? 'not applicable (placeholder: no rules)'
    : growth.ok
      ? `linear: worst x${fmt(growth.worst, 2)} per doubling of the file (linear is ~2, quadratic ~4; bar: <= ${MAX_FACTOR_PER_DOUBLING})`
      : `SUPERLINEAR: x${fmt(growth.worst, 2)} per doubling of the file (bar: <= ${MAX_FACTOR_PER_DOUBLING})`;
  return {
    title: 'Quadratic-growth guard',
    md: [
      stamp(RULES_CODE),
      '',
      'One generated file (`generateBigFile`: many modules, each in its own block) linted alone; `node bench/growth.mjs --check` runs it by itself and exits 1 above the bar.',
      '',
      '| lines in the file | CPU, ESLint with zero rules | CPU, with rules | CPU inside the rules |',
      '| ---: | ---: | ---: | ---: |',
      ...growth.rows.map((r) => `| ${r.lines} | ${fmt(r.baseMs, 0)} ms | ${fmt(r.rulesMs, 0)} ms | ${fmt(r.ruleMs, 1)} ms |`),
      '',
      ...growthSummary(growth).split('\n').map((l) => `- ${l}`),
      '',
      `**Growth:** ${verdict}.`,
    ],
    bars: rules.placeholder
      ? [na(2, 'no rule does per-node work that grows with the square of the file', 'not applicable (no built rules)')]
      : [bar(2, `no per-node work that grows with the square of the file: at most x${MAX_FACTOR_PER_DOUBLING} per doubling`, `x${fmt(growth.worst, 2)}`, growth.ok)],
  };
}

const childMethod = () =>
  `Each run is a child process: \`node dist/cli/index.js check ...\` (the built binary, run from a copy of the build taken at the start, \`bench/.out/build\`, so that a rebuild cannot change it mid-run) or \`node node_modules/typescript/bin/tsc --noEmit -p tsconfig.json\`, with the project as its working directory, stdout captured (not a terminal: no colors, no progress). Measured with ${describeTimeTool()}. Wall time is what the bars are about; on this shared machine it carries other load too (see the load average), so CPU time (user + system) is shown next to it.`;
const sec = (s) => `${fmt(s, 2)} s`;
const mib = (m) => `${fmt(m, 0)} MiB`;

function renderAnalyzer(b) {
  const timeOk = b.coldTime <= CHECK_TIME_BAR;
  const memOk = b.coldMemory <= CHECK_MEMORY_BAR;
  const warmOk = b.warmTime < WARM_BAR;
  const codes = (s) => s.codes.join(', ');
  return {
    title: `(b) \`assume check\` vs \`tsc --noEmit\`, ${b.files} files`,
    md: [
      stamp(CHECK_CODE),
      '',
      `- The corpus of (a), loaded by both tools from its \`tsconfig.json\`. tsc exits 2 on it (the package imports do not resolve: there is no \`node_modules\`), after checking every file as usual.`,
      `- ${childMethod()}`,
      `- Cold: \`assume check --cache\` with no cache on disk (the run that fills \`node_modules/.cache/assume/analyzer.json\`). Warm: the same command right after, with one file changed (\`${b.touched}\`: a comment appended before the run, removed after). ${b.reps} reps, interleaved: \`tsc\` before the cold/warm pair in odd reps, after it in even ones; medians per kind.`,
      '',
      '| run | median wall time | median CPU time | median peak memory | ratio | exit codes | problems reported |',
      '| --- | ---: | ---: | ---: | --- | --- | ---: |',
      `| \`tsc --noEmit\` | ${sec(b.tsc.wallS)} | ${sec(b.tsc.cpuS)} | ${mib(b.tsc.maxRssMiB)} | 1.00 | ${codes(b.tsc)} | |`,
      `| \`assume check --cache\`, cold | ${sec(b.cold.wallS)} | ${sec(b.cold.cpuS)} | ${mib(b.cold.maxRssMiB)} | time x${fmt(b.coldTime, 2)}, memory x${fmt(b.coldMemory, 2)} of tsc (CPU x${fmt(b.coldCpu, 2)}) | ${codes(b.cold)} | ${b.cold.problems ?? '-'} |`,
      `| \`assume check --cache\`, warm, 1 file changed | ${sec(b.warm.wallS)} | ${sec(b.warm.cpuS)} | ${mib(b.warm.maxRssMiB)} | ${fmt(b.warmTime * 100, 1)}% of the cold run's time (CPU ${fmt(b.warmCpu * 100, 1)}%) | ${codes(b.warm)} | ${b.warm.problems ?? '-'} |`,
      '',
      `Per rep, cold/tsc wall time: ${b.repColdTime.map((r) => `x${fmt(r, 2)}`).join(', ')}; warm/cold: ${b.repWarmTime.map((r) => `${fmt(r * 100, 1)}%`).join(', ')}.${b.cold.incomplete || b.warm.incomplete ? ' **Some runs were incomplete (exit 3)**: a file was skipped, so the figures cover less than the whole project.' : ''}`,
      '',
      `**Cold: time x${fmt(b.coldTime, 2)} of tsc (bar: at most x${CHECK_TIME_BAR}): ${timeOk ? 'met' : 'NOT met'}; peak memory x${fmt(b.coldMemory, 2)} (bar: at most x${CHECK_MEMORY_BAR}): ${memOk ? 'met' : 'NOT met'}. Warm with one changed file: ${fmt(b.warmTime * 100, 1)}% of cold (bar: under ${WARM_BAR * 100}%): ${warmOk ? 'met' : 'NOT met'}.**`,
    ],
    bars: [
      bar(3, `\`assume check\` cold: wall time at most x${CHECK_TIME_BAR} of \`tsc --noEmit\` (${b.files} files)`, `x${fmt(b.coldTime, 2)} (${sec(b.cold.wallS)} vs ${sec(b.tsc.wallS)}; CPU time x${fmt(b.coldCpu, 2)})`, timeOk),
      bar(3, `\`assume check\` cold: peak memory at most x${CHECK_MEMORY_BAR} of \`tsc --noEmit\``, `x${fmt(b.coldMemory, 2)} (${mib(b.cold.maxRssMiB)} vs ${mib(b.tsc.maxRssMiB)})`, memOk),
      bar(3, `\`assume check --cache\` warm, one file changed: under ${WARM_BAR * 100}% of cold`, `${fmt(b.warmTime * 100, 1)}% (${sec(b.warm.wallS)})`, warmOk),
    ],
  };
}

function renderStaged(c) {
  const ok = c.warm.wallS <= STAGED_BAR_S;
  return {
    title: `(c) \`assume check --staged\` on a ${c.changed}-file change, ${c.files} files`,
    md: [
      stamp(CHECK_CODE),
      '',
      `- A copy of the corpus of (a) in \`${c.dir}\`, a fresh git repository with every file committed. The cache is filled by one \`assume check --cache\` (${sec(c.fill.wallS)} wall, ${mib(c.fill.maxRssMiB)}); then ${c.changed} files spread over the project each get a small function appended and are staged (\`git add\`).`,
      `- Warm: \`assume check --staged --cache\`, ${c.warm.runs.length} runs, median. Cold: the same with the cache deleted before each run, ${c.cold.runs.length} run${c.cold.runs.length === 1 ? '' : 's'}. A \`--staged\` run reads the staged blobs and does not write the cache, so every warm run starts from the same state.${c.analyzed === undefined ? '' : ` With \`--verbose\`, a staged run says it analyzed ${c.analyzed} file(s).`}`,
      `- ${childMethod()}`,
      '',
      '| run | median wall time | median CPU time | median peak memory | each run (wall) | exit codes |',
      '| --- | ---: | ---: | ---: | --- | --- |',
      `| \`--staged --cache\`, warm | ${sec(c.warm.wallS)} | ${sec(c.warm.cpuS)} | ${mib(c.warm.maxRssMiB)} | ${c.warm.runs.map((r) => fmt(r.wallS, 2)).join(', ')} | ${c.warm.codes.join(', ')} |`,
      `| \`--staged\`, cold (no cache) | ${sec(c.cold.wallS)} | ${sec(c.cold.cpuS)} | ${mib(c.cold.maxRssMiB)} | ${c.cold.runs.map((r) => fmt(r.wallS, 2)).join(', ')} | ${c.cold.codes.join(', ')} |`,
      '',
      `**Warm \`--staged\` on a ${c.changed}-file change: ${sec(c.warm.wallS)} (bar: within ${STAGED_BAR_S} s): ${ok ? 'met' : 'NOT met'}.** A cold one costs ${sec(c.cold.wallS)}.`,
    ],
    bars: [bar(5, `\`assume check --staged\` on a ${c.changed}-file change in ${c.files} files, warm: within ${STAGED_BAR_S} s`, `${sec(c.warm.wallS)}, CPU ${sec(c.warm.cpuS)} (cold: ${sec(c.cold.wallS)})`, ok)],
  };
}

function renderAnalyzerScaling(rows) {
  const good = rows.filter((r) => !r.failure && Number.isFinite(r.cold.cpuS));
  const first = good[0];
  const last = good[good.length - 1];
  const trend = good.length > 1 ? last.cpuPerKLineMs / first.cpuPerKLineMs : NaN;
  const wallTrend = good.length > 1 ? last.perFileMs / first.perFileMs : NaN;
  // Marginal cost per file between consecutive sizes: a fixed start-up cost (node, loading TypeScript)
  // drops out, so growing marginal costs are what superlinear work shows as.
  const marginal = [];
  for (let i = 1; i < good.length; i++) {
    const a = good[i - 1];
    const b = good[i];
    marginal.push({ from: a.files, to: b.files, cpuMs: ((b.cold.cpuS - a.cold.cpuS) / (b.files - a.files)) * 1000, kLineMs: ((b.cold.cpuS - a.cold.cpuS) / (b.lines - a.lines)) * 1e6 });
  }
  const margTrend = marginal.length > 1 ? marginal[marginal.length - 1].kLineMs / marginal[0].kLineMs : NaN;
  const failed = rows.filter((r) => r.failure);
  const flat = !failed.length && good.length > 1 && trend <= FLAT;
  const verdict = failed.length
    ? `NOT measured at ${failed.map((r) => `${r.files} files (${r.failure})`).join('; ')}`
    : `${flat ? (trend < 1 / FLAT ? 'no worse than linear (the fixed start-up cost is spread over more files)' : 'linear') : 'NOT linear'}: the analyzer's CPU time per 1,000 lines goes x${fmt(trend, 2)} from ${first?.files} to ${last?.files} files (bar: at most x${FLAT}; wall time per file x${fmt(wallTrend, 2)})${marginal.length > 1 ? `; the marginal CPU time per 1,000 lines, start-up excluded, goes x${fmt(margTrend, 2)} from ${marginal[0].from}->${marginal[0].to} to ${marginal[marginal.length - 1].from}->${marginal[marginal.length - 1].to}` : ''}`;
  return {
    title: '(d) Scaling: the analyzer (`assume check`, cold)',
    md: [
      stamp(CHECK_CODE),
      '',
      `- \`assume check --cache\` with no cache, and \`tsc --noEmit\` for comparison, on corpora of ${rows.map((r) => r.files).join(', ')} files (each the first files of the next; every one a project with its tsconfig). Runs per size: ${rows.map((r) => `${r.files}: ${r.reps}`).join(', ')} (medians; a size measured in (b) is taken from there).`,
      `- ${childMethod()}`,
      '',
      '| files | lines | runs | wall time | per file | CPU time | CPU per 1,000 lines | peak memory | tsc wall time | tsc peak memory | time / tsc | memory / tsc |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...rows.map((r) =>
        r.failure && !Number.isFinite(r.cold.wallS)
          ? `| ${r.files} | ${r.lines} | ${r.reps} | failed: ${r.failure} | | | | | ${sec(r.tsc.wallS)} | ${mib(r.tsc.maxRssMiB)} | | |`
          : `| ${r.files} | ${r.lines} | ${r.reps} | ${sec(r.cold.wallS)} | ${fmt(r.perFileMs, 2)} ms | ${sec(r.cold.cpuS)} | ${fmt(r.cpuPerKLineMs, 1)} ms | ${mib(r.cold.maxRssMiB)} | ${sec(r.tsc.wallS)} | ${mib(r.tsc.maxRssMiB)} | x${fmt(r.cold.wallS / r.tsc.wallS, 2)} | x${fmt(r.cold.maxRssMiB / r.tsc.maxRssMiB, 2)} |`,
      ),
      '',
      ...(marginal.length ? ['Marginal cost between sizes (CPU time the extra files added, divided by them):', '', ...marginal.map((m) => `- ${m.from} -> ${m.to} files: ${fmt(m.cpuMs, 2)} ms per file, ${fmt(m.kLineMs, 1)} ms per 1,000 lines`), ''] : []),
      `**Linearity:** ${verdict}.`,
    ],
    bars: [
      failed.length
        ? bar(6, 'the analyzer: time per file flat as the project grows (linear)', `failed at ${failed.map((r) => r.files).join(', ')} files`, false)
        : bar(6, `the analyzer: CPU time per 1,000 lines flat from ${first?.files} to ${last?.files} files (at most x${FLAT})`, `x${fmt(trend, 2)}`, flat),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Run the sections

const done = new Map(); // section -> { title, md, bars }
const measured = new Map(); // main-size ESLint measurement, reused by scaling
let checkResult = null;

function section(name, fn) {
  return (async () => {
    if (!wanted.has(name)) return;
    try {
      const r = await fn();
      if (!r) return;
      done.set(name, r);
      log(`\n### ${r.title}\n\n${r.md.join('\n')}`);
    } catch (error) {
      log(`\n${name}: FAILED: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    }
  })();
}

/**
 * What a user's `eslint` run costs: each side in a process of its own (bench/eslint-process.mjs), linting the
 * whole corpus once, as `npx eslint` does. Rounds run the three sides in a rotating order (each first, second and
 * last in turn), so drifting load falls on all of them; the ratio is the median of each round's ratio.
 */
function measureProcesses(n, rounds) {
  // `recommended-patched`: the same rules in an ESLint whose per-rule charge is taken away (see eslint-process.mjs).
  const sides = ['zero', 'noop', 'recommended', 'recommended-patched'];
  const runs = processRounds({
    dir: corpus(n).dir,
    files: n,
    sides,
    rounds,
    onRun: (round, side, run) => log(`  round ${round + 1}: ${side} ${fmt(run.processMs / 1000, 2)} s CPU (lint ${fmt(run.lintMs / 1000, 2)} s), ${run.findings} findings`),
  });
  const ratioOf = (side, key) => median(roundRatios(runs, side, key));
  // The patch must not change what the rules find.
  const found = new Set(sides.filter((side) => side.startsWith('recommended')).flatMap((side) => runs[side].map((run) => run.findings)));
  if (found.size > 1) throw new Error(`recommended found ${[...found].join(' / ')} in different runs`);
  return {
    rounds,
    runs,
    medianMs: Object.fromEntries(sides.map((side) => [side, median(runs[side].map((run) => run.processMs))])),
    ratio: ratioOf('recommended', 'processMs'),
    noopRatio: ratioOf('noop', 'processMs'),
    patchedRatio: ratioOf('recommended-patched', 'processMs'),
    patchedRoundRatios: roundRatios(runs, 'recommended-patched'),
    lintRatio: ratioOf('recommended', 'lintMs'),
    // Where the child could tell (older children print neither): the main thread's CPU time, and wall time.
    mainRatio: runs.zero.every((run) => run.mainMs) ? ratioOf('recommended', 'mainMs') : undefined,
    wallRatio: runs.zero.every((run) => run.wallMs) ? ratioOf('recommended', 'wallMs') : undefined,
    roundRatios: roundRatios(runs, 'recommended'),
  };
}

await section('untyped', async () => {
  log(`\n(a) ${mainFiles} files, untyped: zero rules vs recommended, ${reps} interleaved passes after a warm-up`);
  const m = await measure(mainFiles, reps, { warmup: true, noop: !rules.placeholder });
  measured.set(mainFiles, m);
  if (!rules.placeholder) {
    const rounds = Number(opt('--process-rounds', quick ? '2' : '6'));
    log(`  separate processes: ${rounds} rounds of zero rules, one rule that does nothing, recommended, recommended in an ESLint without its per-rule charge`);
    m.processes = measureProcesses(mainFiles, rounds);
  }
  return renderUntyped(m);
});

await section('scaling', async () => {
  log(`\n(d) scaling, ESLint: ${sizes.join(', ')} files`);
  const rows = [];
  if (!measured.size) {
    // Run alone (--only scaling), the smallest corpus would be measured while the rules' code is still being
    // optimized (it takes some 1,500 files), which a full run's (a) has done before: do it untimed first.
    log(`  warm-up: one untimed pass over the ${mainFiles}-file corpus, as (a) does in a full run ...`);
    await measure(mainFiles, 1, { warmup: true });
  }
  for (const n of sizes) {
    if (measured.has(n)) {
      rows.push(measured.get(n));
      log(`  ${n} files: taken from (a)`);
      continue;
    }
    // Big corpora get one pass: it is long, and its chunks already interleave the two sides.
    rows.push(await measure(n, n > 2 * mainFiles ? 1 : reps));
  }
  return renderScaling(rows);
});

await section('growth', async () => {
  const gSizes = quick ? [2500, 5000, 10000] : [5000, 10000, 20000];
  log(`\nquadratic-growth guard: one file of ${gSizes.join(', ')} lines`);
  return renderGrowth(await runGrowth({ sizes: gSizes, reps: quick ? 2 : 3, rules, log }));
});

await section('typed', async () => {
  log(`\n(a') ${mainFiles} files, typed: zero rules vs recommended, ${reps} interleaved passes after a warm-up`);
  const m = await measure(mainFiles, reps, { warmup: true, typed: true });
  // Drop typescript-eslint's program and project service before the next sections.
  clearCaches();
  globalThis.gc?.();
  return renderTyped(m);
});

await section('analyzer', () => {
  const c = corpus(mainFiles);
  log(`\n(b) ${mainFiles} files: assume check cold and warm (--cache) vs tsc --noEmit, ${reps} interleaved reps`);
  checkResult = measureCheck({ dir: c.dir, reps, log });
  return renderAnalyzer(checkResult);
});

await section('staged', () => {
  const c = corpus(mainFiles);
  log(`\n(c) ${mainFiles} files: assume check --staged on a 10-file change`);
  return renderStaged(measureStaged({ corpusDir: c.dir, outDir, changed: 10, reps: quick ? 3 : 5, coldReps: quick ? 1 : 3, log }));
});

await section('analyzer-scaling', () => {
  log(`\n(d) scaling, analyzer: ${sizes.join(', ')} files, cold`);
  const rows = [];
  for (const n of sizes) {
    const c = corpus(n);
    if (checkResult && checkResult.files === n) {
      rows.push(analyzerRow({ files: n, lines: c.lines, reps: checkResult.reps, tsc: checkResult.tsc, cold: checkResult.cold }));
      log(`  ${n} files: taken from (b)`);
      continue;
    }
    rows.push(measureAnalyzerAt({ dir: c.dir, lines: c.lines, reps: n > mainFiles ? 1 : quick ? 1 : reps, log }));
  }
  return renderAnalyzerScaling(rows);
});

// ---------------------------------------------------------------------------------------------
// Report

const elapsedS = (performance.now() - started) / 1000;
const allBars = [...done.values()].flatMap((s) => s.bars);
if (allBars.length) {
  log('\nBars:');
  for (const b of allBars) log(`  [issue ${b.issue}] ${b.bar}: ${b.figure}: ${b.verdict.replace(/\*/g, '')}`);
}
log(`\nload average at end: ${loadStr(loadavg())}; took ${fmt(elapsedS, 0)} s`);

if (write && done.size) {
  const docPath = join(repoRoot, 'docs', 'benchmarks.md');
  const old = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '';
  writeFileSync(docPath, renderDoc(old));
  log(`wrote docs/benchmarks.md (${[...done.keys()].join(', ')}${partial ? '; other sections kept as they were' : ''})`);
}

/** The blocks of an earlier docs/benchmarks.md, by section, with their bars. */
function parseDoc(text) {
  const blocks = new Map();
  for (const m of text.matchAll(/<!-- bench:section ([\w-]+) -->\n([\s\S]*?)<!-- \/bench:section \1 -->/g)) {
    let bars = [];
    const data = /<!-- bench:bars (.*) -->/.exec(m[2]);
    try {
      if (data) bars = JSON.parse(data[1]);
    } catch {
      bars = [];
    }
    blocks.set(m[1], { text: m[0], bars });
  }
  return blocks;
}

function block(name, s) {
  // `--` cannot appear inside an HTML comment.
  const json = JSON.stringify(s.bars).replace(/--/g, '-\\u002d');
  return [`<!-- bench:section ${name} -->`, `## ${s.title}`, '', ...s.md, '', `<!-- bench:bars ${json} -->`, `<!-- /bench:section ${name} -->`].join('\n');
}

function renderDoc(oldText) {
  const oldBlocks = partial ? parseDoc(oldText) : new Map();
  const blocks = SECTIONS.map((name) => {
    if (done.has(name)) return { name, text: block(name, done.get(name)), bars: done.get(name).bars, fresh: true };
    const kept = oldBlocks.get(name);
    if (kept) return { name, ...kept, fresh: false };
    return { name, text: `<!-- bench:section ${name} -->\n## ${name}\n\nNot measured yet: \`node bench/run.mjs --only ${name}\`.\n<!-- /bench:section ${name} -->`, bars: [], fresh: false };
  });
  const barRows = blocks.flatMap((b) => b.bars.map((x) => ({ ...x, section: b.name })));
  return [
    '# Benchmarks',
    '',
    rules.placeholder
      ? `> **PLACEHOLDER figures** for the ESLint sections: zero rules against zero rules (${rules.reason}). Rerun \`npm run build && npm run bench\` once the rules exist.`
      : '> What assume-lint costs: the `recommended` ESLint rules on top of an ESLint run (untyped and typed), `assume check` against `tsc --noEmit`, `--staged` in a pre-commit hook, and how both grow with the project. Regenerate with `npm run build && npm run bench` (writes this file; `node bench/run.mjs --only <sections>` replaces just those sections). See `bench/README.md`.',
    '',
    '## Bars',
    '',
    '| issue | bar | figure | verdict | section |',
    '| ---: | --- | --- | --- | --- |',
    ...barRows.map((b) => `| #${b.issue} | ${b.bar} | ${b.figure} | ${b.verdict} | [${b.section}](#${anchorOf(blocks.find((x) => x.name === b.section)?.text)}) |`),
    '',
    '## Machine',
    '',
    `- cores (\`nproc\`): ${machine.nproc} (${machine.cpu}), memory ${machine.memGiB} GiB; shared with other work, so each section records the load average`,
    `- node ${machine.node}, eslint ${machine.eslint}, @typescript-eslint/parser ${machine.parser}, typescript ${machine.typescript}${rules.placeholder ? '' : `, assume-lint ${rules.version}`}`,
    `- last run: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}, ${partial ? `sections ${[...done.keys()].join(', ')}` : 'every section'}, ${fmt(elapsedS, 0)} s; load average at its start ${loadStr(load0)}`,
    '',
    ...blocks.flatMap((b) => [b.text, '']),
  ].join('\n');
}

/** GitHub's anchor of a block's `## ` heading. */
function anchorOf(text) {
  const title = /^## (.*)$/m.exec(text ?? '')?.[1] ?? '';
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}
