#!/usr/bin/env node
// Profiling aid for the rules' cost (not part of `npm run bench`): lints the generated corpus with several
// configs interleaved in one process, chunk by chunk in rotating order, and prints CPU time per side and its
// ratio to ESLint with zero rules. Same parser and languageOptions on every side (bench/lib.mjs's base config);
// only the rules differ.
//
// Sides: `zero` (no rules), `noop` (one rule listening to `Program:exit` only: what ESLint charges for any
// rule), and one side per `--plugin LABEL=DIR` (a built plugin: DIR/index.js, its `configs.recommended`).
// With no --plugin, `dist/` is used.
//
//   node bench/profile-rules.mjs [--files 2000] [--reps 3] [--chunk 20] [--plugin before=DIR] [--plugin after=DIR]
//                                [--only LABEL]    (lint every file once with one side: for `node --cpu-prof`)
//
// Run `npm run build` (or build a copy elsewhere) first; the corpus is bench/.out/corpus-N (bench/generate.mjs).
// Every order of the sides is used in turn (each side runs first, last and after each other side equally often),
// since garbage one side leaves is partly collected during the next side's run.
import { loadavg } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateCorpus, generatedFiles } from './generate.mjs';
import { benchDir, fmt, lintOnce, makeEslint, median, noopRuleConfig, repoRoot } from './lib.mjs';
import { optionOf, optionsOf } from './args.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => optionOf(args, name, dflt);
const many = (name) => optionsOf(args, name);
const nFiles = Number(opt('--files', '2000'));
const reps = Number(opt('--reps', '3'));
const chunkSize = Number(opt('--chunk', '20'));
const only = opt('--only', undefined);

const sides = [
  { label: 'zero', config: null },
  { label: 'noop', config: noopRuleConfig },
];
const plugins = many('--plugin').length ? many('--plugin') : [`dist=${join(repoRoot, 'dist')}`];
for (const spec of plugins) {
  const [label, dir] = spec.includes('=') ? spec.split('=', 2) : [spec, spec];
  const abs = isAbsolute(dir) ? dir : resolve(dir);
  const mod = await import(pathToFileURL(join(abs, 'index.js')).href);
  const plugin = mod.default ?? mod;
  sides.push({ label, config: plugin.configs.recommended });
}

const dir = join(benchDir, '.out', `corpus-${nFiles}`);
generateCorpus({ dir, count: nFiles, seed: 42 });
const files = generatedFiles(dir);
const chunks = [];
for (let i = 0; i < files.length; i += chunkSize) chunks.push(files.slice(i, i + chunkSize));

if (only) {
  const side = sides.find((s) => s.label === only);
  if (!side) throw new Error(`no side ${only}`);
  const eslint = makeEslint(dir, side.config);
  let cpu = 0;
  let found = 0;
  for (const chunk of chunks) {
    const r = await lintOnce(dir, chunk, null, eslint);
    cpu += r.cpuMs;
    for (const v of Object.values(r.findings)) found += v;
  }
  console.log(`${only}: ${files.length} files, CPU ${fmt(cpu / 1000, 2)} s, ${found} findings`);
  process.exit(0);
}

console.log(`load average at start: ${loadavg().map((n) => n.toFixed(2)).join(' ')}; ${files.length} files, ${reps} passes, chunks of ${chunkSize}`);
// Warm-up: a few chunks per side.
for (const chunk of chunks.slice(0, 5)) for (const s of sides) await lintOnce(dir, chunk, null, makeEslint(dir, s.config));

/** Every permutation of 0..n-1. */
function permutations(n) {
  if (n === 1) return [[0]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, at) => [...p.slice(0, at), n - 1, ...p.slice(at)]));
}
const orders = permutations(sides.length);
const perPass = sides.map(() => []);
const gcPerPass = sides.map(() => []);
const findings = sides.map(() => 0);
for (let pass = 0; pass < reps; pass++) {
  const eslints = sides.map((s) => makeEslint(dir, s.config));
  const cpu = sides.map(() => 0);
  const gc = sides.map(() => 0);
  for (const [i, chunk] of chunks.entries()) {
    // Cycle through every order of the sides, so each side runs first, last and after each other side
    // equally often (garbage one side leaves is partly collected during the next run).
    for (const j of orders[(i + pass) % orders.length]) {
      const r = await lintOnce(dir, chunk, null, eslints[j]);
      if (r.fatal.length) throw new Error(r.fatal[0]);
      cpu[j] += r.cpuMs;
      gc[j] += r.gcMs;
      if (pass === 0) for (const v of Object.values(r.findings)) findings[j] += v;
    }
  }
  sides.forEach((s, j) => {
    perPass[j].push(cpu[j]);
    gcPerPass[j].push(gc[j]);
  });
  console.log(`pass ${pass + 1}: ` + sides.map((s, j) => `${s.label} ${fmt(cpu[j] / 1000, 2)} s (x${fmt(cpu[j] / cpu[0], 3)})`).join(', '));
}
console.log('\n| side | median CPU | per file | ratio to zero (median of passes) | GC pauses | findings |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
sides.forEach((s, j) => {
  const ratio = median(perPass[j].map((v, p) => v / perPass[0][p]));
  console.log(`| ${s.label} | ${fmt(median(perPass[j]) / 1000, 2)} s | ${fmt(median(perPass[j]) / files.length, 2)} ms | ${fmt(ratio, 3)} (+${fmt((ratio - 1) * 100, 1)}%) | ${fmt(median(gcPerPass[j]) / 1000, 2)} s | ${findings[j]} |`);
});
console.log(`load average at end: ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
