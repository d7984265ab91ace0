#!/usr/bin/env node
// Where the extra time of an untyped ESLint run with `recommended` goes, one step at a time (not part of
// `npm run bench`, whose untyped section judges the bar on zero rules against recommended):
//
//   zero          no rules
//   noop          one rule that does nothing (ESLint's charge for enabling any rule: docs/eslint-any-rule.md)
//   noop5         five rules that do nothing (does the charge grow with the number of rules?)
//   shell         assume's recommended rules, with their meta and options, each with a create() that does
//                 nothing: the plugin loaded and its five rules run, no analysis
//   recommended   assume's recommended rules
//   noop-patched, recommended-patched
//                 noop and recommended in an ESLint whose FileContext#extend is patched not to make the file
//                 context a prototype (patchFileContextExtend in lib.mjs): without ESLint's charge for any rule
//
// Each side is its own process (bench/eslint-process.mjs) that lints the generated corpus once, as a user's
// `eslint` run does; rounds run the sides in a rotating order, and each side's ratio to zero rules is the median
// of its ratios within a round. Where /proc tells (Linux), the CPU time is split between the main thread and
// V8's helper threads (garbage collection, optimizing compilation).
//
//   node bench/eslint-sides.mjs [--files 2000] [--rounds 5] [--sides zero,noop,...] [--write]   (--write: docs/eslint-sides.md)
import { renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { generateCorpus } from './generate.mjs';
import { benchDir, fmt, median, pct, processRounds, repoRoot, roundRatios } from './lib.mjs';
import { optionOf } from './args.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => optionOf(args, name, dflt);
const ALL = ['zero', 'noop', 'noop5', 'shell', 'recommended', 'noop-patched', 'recommended-patched'];
const WHAT = {
  zero: 'no rules',
  noop: 'one rule that does nothing',
  noop5: 'five rules that do nothing',
  shell: "assume's five recommended rules, each with a `create()` that does nothing",
  recommended: "assume's recommended rules",
  'noop-patched': "one rule that does nothing, ESLint's `FileContext#extend` patched (no charge for any rule)",
  'recommended-patched': "assume's recommended rules, ESLint's `FileContext#extend` patched (no charge for any rule)",
};
/** The sides run unless `--sides` says otherwise; the patched ones are asked for by name. */
const DEFAULT = ['zero', 'noop', 'noop5', 'shell', 'recommended'];
const nFiles = Number(opt('--files', '2000'));
const rounds = Number(opt('--rounds', '5'));
const sides = opt('--sides', DEFAULT.join(',')).split(',');
for (const side of sides) if (!ALL.includes(side)) throw new Error(`unknown side "${side}" (sides: ${ALL.join(', ')})`);
if (!sides.includes('zero')) throw new Error('the sides must include zero: every ratio is to zero rules');

const dir = join(benchDir, '.out', `corpus-${nFiles}`);
generateCorpus({ dir, count: nFiles, seed: 42 });
const eslintVersion = createRequire(join(repoRoot, 'package.json'))('eslint/package.json').version;
const started = new Date();
console.log(`eslint ${eslintVersion}, node ${process.version}, ${nFiles} files, ${rounds} rounds of ${sides.join(', ')}; load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);

const runs = processRounds({
  dir,
  files: nFiles,
  sides,
  rounds,
  onRun(round, side, run) {
    const split = run.mainMs === null ? '' : `, main thread ${fmt(run.mainMs / 1000, 2)} s, helpers ${fmt(run.helpersMs / 1000, 2)} s`;
    console.log(`round ${round + 1}: ${side} ${fmt(run.processMs / 1000, 2)} s CPU${split}, GC pauses ${fmt(run.gcPauseMs / 1000, 2)} s, ${run.findings} findings`);
  },
});

const ratios = (side) => roundRatios(runs, side);
const med = (side, key) => median(runs[side].map((run) => run[key]));
const seconds = (ms) => (ms === null || Number.isNaN(ms) ? '-' : `${fmt(ms / 1000, 2)} s`);
const rows = sides.map((side, i) => {
  const ratio = median(ratios(side));
  const step = i === 0 ? '' : `${fmt((ratio - median(ratios(sides[i - 1]))) * 100, 1)} points`;
  return `| ${side} | ${WHAT[side]} | ${seconds(med(side, 'processMs'))} | ${side === 'zero' ? '1.00' : `${fmt(ratio, 3)} (${pct(ratio)})`} | ${step} | ${seconds(med(side, 'mainMs'))} | ${seconds(med(side, 'helpersMs'))} | ${seconds(med(side, 'gcPauseMs'))} |`;
});
const table = [
  '| side | what runs | median CPU time of the process | ratio to zero rules (median of rounds) | over the side above | main thread (median) | V8 helper threads (median) | GC pauses of the main thread (median) |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows,
];
const perRound = sides.filter((side) => side !== 'zero').map((side) => `- ${side}: ${ratios(side).map((r) => fmt(r, 3)).join(', ')}`);
console.log(`\n${table.join('\n')}\n\nratio to zero rules in each round:\n${perRound.join('\n')}`);

if (args.includes('--write')) {
  const doc = [
    '# Where the extra time of an untyped run goes',
    '',
    `_Measured ${started.toISOString().replace(/\.\d+Z$/, 'Z')} by \`node bench/eslint-sides.mjs --files ${nFiles} --rounds ${rounds} --write\`; eslint ${eslintVersion}, node ${process.version}; load average at the end ${loadavg().map((n) => n.toFixed(2)).join(' ')}._`,
    '',
    `Issue #2's bar compares an untyped ESLint run with \`recommended\` to the same run with zero rules. This splits the difference into steps. Each side is its own process that lints the ${nFiles}-file generated corpus (\`bench/generate.mjs\`) once, as a user's \`eslint\` run does (\`bench/eslint-process.mjs\`); ${rounds} rounds run the sides in a rotating order, and a side's ratio is the median of its ratios to zero rules within a round. CPU time is of the whole process: the main thread, and V8's helper threads, which collect garbage and compile optimized code alongside it (split from \`/proc/self/task\`).`,
    '',
    ...table,
    '',
    'Ratio to zero rules in each round (this machine is shared, and the same run moves by 10-20% from one round to the next):',
    '',
    ...perRound,
    '',
    'How to read it: `noop` is what ESLint charges for enabling any rule ([eslint-any-rule.md](eslint-any-rule.md)); `noop5` against `noop` tells whether that charge grows with the number of rules; `shell` against `noop5` is what loading assume-lint and running five of its rules costs without any analysis; `recommended` against `shell` is the rules\' analysis itself: their work on the main thread, the optimizing compiler\'s work on their code, and the garbage they leave.',
    '',
  ].join('\n');
  const target = join(repoRoot, 'docs', 'eslint-sides.md');
  writeFileSync(`${target}.tmp`, doc);
  renameSync(`${target}.tmp`, target);
  console.log('wrote docs/eslint-sides.md');
}
