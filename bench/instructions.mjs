#!/usr/bin/env node
// What the rules cost in instructions, a count that does not depend on the machine's load (not part of
// `npm run bench`: it needs valgrind, and it runs ~50x slower than ESLint itself).
//
// On a shared machine, CPU time drifts by 10-20% between runs of the same thing, which is as large as what the
// untyped section measures. Here each side is one `eslint` run in its own process (bench/eslint-process.mjs,
// as in the untyped section), executed under valgrind's callgrind, which counts the instructions the process
// executes. Node runs with `--single-threaded`: garbage collection and the JIT compiler work on the main
// thread, so their work is counted too, and the count does not depend on thread scheduling.
//
//   node bench/instructions.mjs [--files 300] [--write]    (--write: docs/instructions.md)
//
// Sides: zero rules, one rule that does nothing, `configs.recommended` of `dist/`, and recommended in an ESLint
// whose `FileContext#extend` is patched (no charge for any rule: docs/eslint-any-rule.md). Their processes run in
// parallel (the counts do not depend on each other's load). A process of each side that lints one file gives
// what loading costs, so the per-file work is shown apart from it.
import { execFile, execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { generateCorpus } from './generate.mjs';
import { benchDir, fmt, repoRoot } from './lib.mjs';
import { optionOf } from './args.mjs';

const args = process.argv.slice(2);
const nFiles = Number(optionOf(args, '--files', '300'));
const write = args.includes('--write');
const run = promisify(execFile);

try {
  await run('valgrind', ['--version']);
} catch {
  console.error('bench/instructions.mjs needs valgrind (callgrind) on the PATH.');
  process.exit(2);
}

// `recommended-patched`: recommended in an ESLint patched not to charge for any rule (bench/eslint-process.mjs).
const sides = ['zero', 'noop', 'recommended', 'recommended-patched'];
const corpusOf = (n) => {
  const dir = join(benchDir, '.out', `corpus-${n}`);
  const info = generateCorpus({ dir, count: n, seed: 42 });
  return { dir, ...info };
};
const corpus = corpusOf(nFiles);
const single = corpusOf(1);

/** Instructions of one `eslint` process of `side` over the corpus in `dir`. */
async function count(side, dir) {
  const { stdout, stderr } = await run(
    'valgrind',
    ['--tool=callgrind', '--callgrind-out-file=/dev/null', '--smc-check=all-non-file', process.execPath, '--single-threaded', join(benchDir, 'eslint-process.mjs'), side, dir, join(repoRoot, 'dist')],
    { maxBuffer: 1e8 },
  );
  const collected = /Collected : (\d+)/.exec(stderr);
  if (!collected) throw new Error(`no instruction count for ${side}: ${stderr.slice(-500)}`);
  const result = JSON.parse(stdout.trim().split('\n').at(-1));
  return { instructions: Number(collected[1]), findings: result.findings, files: result.files };
}

/** Runs the jobs `limit` at a time. */
async function pool(jobs, limit) {
  const results = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}

console.log(`${nFiles} files (${corpus.lines} lines), ${sides.join(', ')}; each also on 1 file (loading); ${availableParallelism()} at a time`);
const started = Date.now();
const jobs = sides.flatMap((side) => [() => count(side, corpus.dir), () => count(side, single.dir)]);
const results = await pool(jobs, availableParallelism());
const bySide = Object.fromEntries(sides.map((side, i) => [side, { full: results[2 * i], one: results[2 * i + 1] }]));
const G = (n) => `${fmt(n / 1e9, 2)} G`;
const zero = bySide.zero;
const rows = sides.map((side) => {
  const s = bySide[side];
  const perFiles = s.full.instructions - s.one.instructions;
  return {
    side,
    total: s.full.instructions,
    load: s.one.instructions,
    perFiles,
    ratio: s.full.instructions / zero.full.instructions,
    lintRatio: perFiles / (zero.full.instructions - zero.one.instructions),
    findings: s.full.findings,
  };
});
const label = {
  zero: 'zero rules',
  noop: 'one rule that does nothing',
  recommended: 'recommended',
  'recommended-patched': "recommended, ESLint's charge for any rule taken away (`FileContext#extend` patched)",
};
const table = [
  `| ESLint untyped, ${nFiles} files | instructions, whole process | of which loading (a 1-file run) | the other ${nFiles - 1} files | ratio, whole process | ratio, the ${nFiles - 1} files | findings |`,
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map((r) => `| ${label[r.side]} | ${G(r.total)} | ${G(r.load)} | ${G(r.perFiles)} | ${fmt(r.ratio, 3)} | ${fmt(r.lintRatio, 3)} | ${r.findings} |`),
];
const rec = rows.find((r) => r.side === 'recommended');
const noop = rows.find((r) => r.side === 'noop');
const patched = rows.find((r) => r.side === 'recommended-patched');
if (patched.findings !== rec.findings) throw new Error(`the patched ESLint found ${patched.findings}, recommended ${rec.findings}`);
const summary = `Recommended adds ${fmt((rec.ratio - 1) * 100, 1)}% to the instructions of a whole \`eslint\` run of ${nFiles} files (${fmt((rec.lintRatio - 1) * 100, 1)}% to the files' part); one rule that does nothing adds ${fmt((noop.ratio - 1) * 100, 1)}% (${fmt((noop.lintRatio - 1) * 100, 1)}%), so the rules' own work is ${fmt(((rec.perFiles - noop.perFiles) / (zero.full.instructions - zero.one.instructions)) * 100, 1)}% of the files' part. In an ESLint that does not charge for any rule, recommended adds ${fmt((patched.ratio - 1) * 100, 1)}% (${fmt((patched.lintRatio - 1) * 100, 1)}%).`;
console.log(['', ...table, '', summary, `took ${fmt((Date.now() - started) / 1000, 0)} s`].join('\n'));

if (write) {
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  const md = [
    '# The rules in instructions',
    '',
    `_Measured ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')} by \`node bench/instructions.mjs --files ${nFiles} --write\`; node ${process.version}, the build in \`dist/\` at commit ${commit}._`,
    '',
    "CPU time on this shared machine drifts by 10-20% between runs of the same thing, as much as what issue #2's bar is about, so the untyped section of [benchmarks.md](benchmarks.md) can land on either side of the bar from one run to the next. This count does not drift: each side is one `eslint` run in a process of its own (`bench/eslint-process.mjs`, as the untyped section's processes), under valgrind's callgrind, which counts the instructions the process executes. Node runs `--single-threaded`, so garbage collection and JIT compilation are on the main thread and counted. A 1-file run of each side gives what loading costs (ESLint, the parser, and for the rules the plugin).",
    '',
    `Corpus: \`bench/generate.mjs\`, seed 42, the first ${nFiles} files of the 2,000-file corpus's generator (${corpus.lines} lines).`,
    '',
    ...table,
    '',
    `**${summary}**`,
    '',
    'Instructions are not time: a cache miss costs more than an add. They answer a narrower question without noise: how much more work the process does.',
    '',
  ].join('\n');
  writeFileSync(join(repoRoot, 'docs', 'instructions.md'), md);
  console.log('wrote docs/instructions.md');
}
