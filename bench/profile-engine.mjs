#!/usr/bin/env node
// Profiling aid (not part of `npm run bench`): the time the plugin's recommended rules take on the generated
// corpus, without the rest of ESLint. Each file is parsed once (untimed) with @typescript-eslint/parser into an
// ESLint SourceCode; then each built plugin given runs its recommended rules on it (create(), `Program`,
// `Program:exit`) with a minimal rule context. Plugins run interleaved per chunk of files, in alternating
// order, and each gets its own parse of the chunk (the engine caches per Program node). Run with
// `node --expose-gc` to start every timed chunk after a full collection, so one plugin's garbage is not
// collected on another's clock.
//
//   node --expose-gc bench/profile-engine.mjs [--files 2000] [--reps 3] [--chunk 20] --plugin before=DIR --plugin after=DIR
//   node bench/profile-engine.mjs --files 500 --only after --plugin after=DIR   (one plugin, for `node --cpu-prof`)
//
// Prints CPU time per plugin (median of passes), per file, and the findings per rule of each (they must agree).
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SourceCode } from 'eslint';
import { parseForESLint } from '@typescript-eslint/parser';
import { generateCorpus, generatedFiles } from './generate.mjs';
import { benchDir, cpuNow, fmt, median, repoRoot } from './lib.mjs';
import { optionOf, optionsOf } from './args.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => optionOf(args, name, dflt);
const many = (name) => optionsOf(args, name);
const nFiles = Number(opt('--files', '2000'));
const reps = Number(opt('--reps', '3'));
const chunkSize = Number(opt('--chunk', '20'));
const only = opt('--only', undefined);

const plugins = [];
for (const spec of many('--plugin').length ? many('--plugin') : [`dist=${join(repoRoot, 'dist')}`]) {
  const [label, dir] = spec.includes('=') ? spec.split('=', 2) : [spec, spec];
  const abs = isAbsolute(dir) ? dir : resolve(dir);
  const mod = await import(pathToFileURL(join(abs, 'index.js')).href);
  const plugin = mod.default ?? mod;
  const rules = Object.entries(plugin.configs.recommended.rules).map(([id]) => [id, plugin.rules[id.replace(/^assume\//, '')]]);
  plugins.push({ label, rules });
}
const active = only ? plugins.filter((p) => p.label === only) : plugins;

const dir = join(benchDir, '.out', `corpus-${nFiles}`);
generateCorpus({ dir, count: nFiles, seed: 42 });
const files = generatedFiles(dir);
const texts = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));

function parse(file) {
  const text = texts.get(file);
  const result = parseForESLint(text, {
    filePath: file,
    ecmaVersion: 'latest',
    sourceType: file.endsWith('.cjs') ? 'script' : 'module',
    range: true,
    loc: true,
    tokens: true,
    comment: true,
  });
  const sourceCode = new SourceCode({ text, ast: result.ast, parserServices: result.services, scopeManager: result.scopeManager, visitorKeys: result.visitorKeys });
  // As ESLint does before any rule runs: the traversal sets every node's `parent` (and runs code-path analysis).
  sourceCode.traverse();
  return sourceCode;
}

/** Runs a plugin's rules on one file as ESLint would (create, then `Program`, then `Program:exit`); CPU time per rule into `perRule`. */
function runRules(rules, sourceCode, file, findings, perRule) {
  const listeners = [];
  for (const [id, rule] of rules) {
    const context = {
      id,
      filename: file,
      physicalFilename: file,
      cwd: dir,
      sourceCode,
      settings: {},
      options: [],
      languageOptions: {},
      report() {
        findings[id] = (findings[id] ?? 0) + 1;
      },
    };
    const c0 = cpuNow();
    listeners.push([id, rule.create(context)]);
    perRule[id] = (perRule[id] ?? 0) + cpuNow() - c0;
  }
  for (const event of ['Program', 'Program:exit']) {
    for (const [id, l] of listeners) {
      if (!l[event]) continue;
      const c0 = cpuNow();
      l[event](sourceCode.ast);
      perRule[id] = (perRule[id] ?? 0) + cpuNow() - c0;
    }
  }
}

const chunks = [];
for (let i = 0; i < files.length; i += chunkSize) chunks.push(files.slice(i, i + chunkSize));
console.log(`load average at start: ${loadavg().map((n) => n.toFixed(2)).join(' ')}; ${files.length} files, ${reps} passes, chunks of ${chunkSize}${globalThis.gc ? ', full GC before each timed chunk' : ''}`);

const perPass = active.map(() => []);
const perRulePass = active.map(() => []);
const findings = active.map(() => ({}));
for (let pass = 0; pass < (only ? 1 : reps); pass++) {
  const cpu = active.map(() => 0);
  const perRule = active.map(() => ({}));
  for (const [i, chunk] of chunks.entries()) {
    const order = active.map((_, j) => j);
    if ((i + pass) % 2) order.reverse();
    for (const j of order) {
      const parsed = chunk.map((f) => [f, parse(f)]);
      globalThis.gc?.();
      const c0 = cpuNow();
      for (const [f, sc] of parsed) runRules(active[j].rules, sc, f, pass === 0 ? findings[j] : {}, perRule[j]);
      cpu[j] += cpuNow() - c0;
    }
  }
  active.forEach((_, j) => {
    perPass[j].push(cpu[j]);
    perRulePass[j].push(perRule[j]);
  });
  console.log(`pass ${pass + 1}: ` + active.map((p, j) => `${p.label} ${fmt(cpu[j], 0)} ms`).join(', '));
}
console.log('\n| plugin | median CPU in the rules | per file | ratio to the first | findings |');
console.log('| --- | ---: | ---: | ---: | --- |');
active.forEach((p, j) => {
  const ratio = median(perPass[j].map((v, k) => v / perPass[0][k]));
  const f = Object.entries(findings[j]).map(([k, v]) => `${k.replace(/^assume\//, '')} ${v}`).join(', ');
  console.log(`| ${p.label} | ${fmt(median(perPass[j]), 0)} ms | ${fmt((median(perPass[j]) / files.length) * 1000, 0)} µs | ${fmt(ratio, 3)} | ${f} |`);
});
const ruleIds = [...new Set(active.flatMap((p) => p.rules.map(([id]) => id)))];
console.log('\nper rule, median CPU (the first rule to run builds the shared per-file context):\n');
console.log(`| rule | ${active.map((p) => p.label).join(' | ')} |`);
console.log(`| --- | ${active.map(() => '---:').join(' | ')} |`);
for (const id of ruleIds) console.log(`| ${id.replace(/^assume\//, '')} | ${active.map((p, j) => `${fmt(median(perRulePass[j].map((r) => r[id] ?? 0)), 0)} ms`).join(' | ')} |`);
console.log(`load average at end: ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
