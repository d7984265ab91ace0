#!/usr/bin/env node
// What ESLint charges for linting with any rule at all, and where the charge comes from (not part of
// `npm run bench`, whose untyped section measures the charge next to the rules).
//
// Two child processes each lint the generated corpus with zero rules and with one rule that does nothing (its
// create() returns {}), interleaved by chunks of 20 files in ABBA order, and print the ratio of their CPU time
// and their garbage-collection pauses:
//
//   eslint    ESLint as installed
//   patched   ESLint with FileContext#extend (lib/linter/file-context.js) changed to copy the file context's
//             fields into each rule's context, instead of making the file context its prototype
//             (`Object.create(this)`); nothing else differs
//
//   node bench/eslint-any-rule.mjs [--files 2000] [--reps 2] [--write]    (--write: docs/eslint-any-rule.md)
//
// Ratios within one process are robust against the machine's load; CPU times across processes are not.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus, generatedFiles } from './generate.mjs';
import { benchDir, fmt, median, patchFileContextExtend } from './lib.mjs';
import { optionOf } from './args.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => optionOf(args, name, dflt);
const self = fileURLToPath(import.meta.url);

if (args[0] === '--child') {
  const [, variant, dir, passes] = args;
  const { PerformanceObserver } = await import('node:perf_hooks');
  const { ESLint } = await import('eslint');
  const tsParser = (await import('@typescript-eslint/parser')).default;
  let gcMs = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcMs += e.duration;
  }).observe({ entryTypes: ['gc'] });
  if (variant === 'patched') patchFileContextExtend();
  const files = generatedFiles(dir);
  const base = { files: ['**/*.{ts,js,cjs}'], languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module' } };
  const rule = { meta: { type: 'problem', schema: [] }, create: () => ({}) };
  const make = (withRule) =>
    new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: withRule ? [base, { plugins: { probe: { rules: { rule } } }, rules: { 'probe/rule': 'error' } }] : [base],
      cache: false,
      warnIgnored: false,
    });
  const sides = { zero: make(false), rule: make(true) };
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
  for (let i = 0; i < Math.min(200, files.length); i += 20) for (const s of Object.values(sides)) await s.lintFiles(files.slice(i, i + 20));
  const sum = { zero: { cpuMs: 0, gcMs: 0 }, rule: { cpuMs: 0, gcMs: 0 } };
  for (let pass = 0; pass < Number(passes); pass++) {
    for (let i = 0; i < files.length; i += 20) {
      const order = (i / 20 + pass) % 2 === 0 ? ['zero', 'rule'] : ['rule', 'zero'];
      for (const side of order) {
        await flush();
        gcMs = 0;
        const c0 = cpu();
        await sides[side].lintFiles(files.slice(i, i + 20));
        sum[side].cpuMs += cpu() - c0;
        await flush();
        sum[side].gcMs += gcMs;
      }
    }
  }
  console.log(JSON.stringify(sum));
  process.exit(0);
}

const nFiles = Number(opt('--files', '2000'));
const reps = Number(opt('--reps', '2'));
const dir = join(benchDir, '.out', `corpus-${nFiles}`);
generateCorpus({ dir, count: nFiles, seed: 42 });
const eslintVersion = createRequire(join(benchDir, '..', 'package.json'))('eslint/package.json').version;
console.log(`eslint ${eslintVersion}, node ${process.version}, ${nFiles} files, ${reps} rep(s) of 2 interleaved passes per variant`);
const variants = ['eslint', 'patched'];
const results = Object.fromEntries(variants.map((v) => [v, []]));
for (let rep = 0; rep < reps; rep++) {
  for (const variant of rep % 2 === 0 ? variants : [...variants].reverse()) {
    const out = JSON.parse(execFileSync(process.execPath, [self, '--child', variant, dir, '2'], { encoding: 'utf8', maxBuffer: 1 << 20 }).trim().split('\n').at(-1));
    results[variant].push(out);
    console.log(
      `${variant} (rep ${rep + 1}): zero rules ${fmt(out.zero.cpuMs / 1000, 2)} s CPU (GC ${fmt(out.zero.gcMs / 1000, 2)} s), one empty rule ${fmt(out.rule.cpuMs / 1000, 2)} s (GC ${fmt(out.rule.gcMs / 1000, 2)} s): x${fmt(out.rule.cpuMs / out.zero.cpuMs, 3)}`,
    );
  }
}
const table = [
  '| ESLint | one empty rule / zero rules (CPU time, median) | each rep | GC pauses: zero rules / one empty rule (median) |',
  '| --- | ---: | --- | ---: |',
  ...variants.map((v) => {
    const ratios = results[v].map((o) => o.rule.cpuMs / o.zero.cpuMs);
    const gc = (side) => fmt(median(results[v].map((o) => o[side].gcMs)) / 1000, 2);
    return `| ${v === 'eslint' ? 'as installed' : '`FileContext#extend` copying the fields'} | x${fmt(median(ratios), 3)} | ${ratios.map((r) => fmt(r, 3)).join(', ')} | ${gc('zero')} s / ${gc('rule')} s |`;
  }),
];
console.log(`\n${table.join('\n')}`);
if (args.includes('--write')) {
  const doc = [
    '# What ESLint charges for any rule',
    '',
    `_Measured ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')} by \`node bench/eslint-any-rule.mjs --files ${nFiles} --reps ${reps} --write\`; eslint ${eslintVersion}, node ${process.version}; load average at the end ${loadavg().map((n) => n.toFixed(2)).join(' ')}._`,
    '',
    `Linting with one rule that does nothing (its \`create()\` returns \`{}\`) costs more than linting with zero rules, and the difference is garbage collection. Each row is a child process that lints the ${nFiles}-file generated corpus (\`bench/generate.mjs\`) with both configurations, interleaved by chunks of 20 files (ABBA), two passes after a warm-up; the ratio of the two sides is taken within the process, so the machine's load hits both alike.`,
    '',
    ...table,
    '',
    'The one difference between the rows: for every enabled rule, ESLint makes the rule\'s `context` with `Object.create(fileContext)` (`FileContext#extend`, `lib/linter/file-context.js`), so each file\'s `FileContext` becomes a prototype. Our reading of why that costs (the experiment below shows that it does, not how): V8 keeps an object used as a prototype reachable from the old generation (through the map it makes for objects created from it) until the next full collection, and the `FileContext` holds the file\'s `SourceCode`: the tree, tokens, comments and scopes of every file linted since the last full collection survive young-generation collections and are copied and promoted, instead of dying young. The experiment: in the second row ESLint is patched to build the rule context from `FileContext.prototype` with the file context\'s fields copied in (same properties, same freezing), and the charge is gone.',
    '',
    'What it means for assume-lint: issue #2\'s bar (the rules add at most +25% to an untyped ESLint run with zero rules) includes this charge, which any plugin with one enabled rule pays on this Node and ESLint; the untyped section of [benchmarks.md](benchmarks.md) shows it next to the rules (a third side with one rule that does nothing) and the rules\' cost over it. The fix belongs in ESLint:',
    '',
    '```js',
    '// lib/linter/file-context.js',
    'extend(extension) {',
    '\treturn Object.freeze(Object.assign(Object.create(FileContext.prototype), this, extension));',
    '}',
    '```',
    '',
  ].join('\n');
  writeFileSync(join(benchDir, '..', 'docs', 'eslint-any-rule.md'), doc);
  console.log('wrote docs/eslint-any-rule.md');
}
