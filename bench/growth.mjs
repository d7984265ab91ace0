#!/usr/bin/env node
// Quadratic-growth guard: one generated file of 5k, 10k and 20k lines, linted with and without the
// rules; the time inside the four rules should about double when the file doubles (linear). A
// factor near 4 per doubling means some per-node work rescans the file (O(n^2)).
//
// usage: node bench/growth.mjs [--quick] [--reps N] [--check] [--placeholder]
//   --check  exit 1 when a doubling costs the rules more than 3x (the guard)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateBigFile } from './generate.mjs';
import { benchDir, fmt, lintOnce, loadRulesConfig, median } from './lib.mjs';
import { optionOf } from './args.mjs';

/** Doubling costs more than this: growth is worse than linear (quadratic gives ~4). */
export const MAX_FACTOR_PER_DOUBLING = 3;

export async function runGrowth({ sizes = [5000, 10000, 20000], reps = 3, rules, log = console.log }) {
  const outDir = join(benchDir, '.out');
  mkdirSync(outDir, { recursive: true });
  const rows = [];
  for (const size of sizes) {
    const { text, lines } = generateBigFile({ lines: size, seed: 7 });
    const file = join(outDir, `big-${size}.ts`);
    writeFileSync(file, text);
    const base = [];
    const withRules = [];
    const inRules = [];
    let findings = {};
    // One unmeasured pass each, then alternate.
    await lintOnce(outDir, [file], null);
    await lintOnce(outDir, [file], rules.config);
    for (let i = 0; i < reps; i++) {
      const b = await lintOnce(outDir, [file], null);
      const r = await lintOnce(outDir, [file], rules.config);
      if (b.fatal.length || r.fatal.length) throw new Error(`parse error in ${file}: ${[...b.fatal, ...r.fatal][0]}`);
      // CPU time of the process: robust to other load on a shared machine.
      base.push(b.cpuMs);
      withRules.push(r.cpuMs);
      inRules.push(r.ruleCpuMs);
      findings = r.findings;
    }
    const row = { size, lines, baseMs: median(base), rulesMs: median(withRules), ruleMs: median(inRules), findings };
    rows.push(row);
    log(
      `  ${String(lines).padStart(6)} lines: CPU time: ESLint ${fmt(row.baseMs, 0)} ms, with rules ${fmt(row.rulesMs, 0)} ms, ` +
        `inside the rules ${fmt(row.ruleMs, 1)} ms`,
    );
  }
  const steps = [];
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1];
    const b = rows[i];
    const linesRatio = b.lines / a.lines;
    const factor = b.ruleMs / a.ruleMs;
    // Normalized to an exact doubling of the line count: 2 = linear, 4 = quadratic.
    const perDoubling = a.ruleMs > 0 ? 2 ** (Math.log(factor) / Math.log(linesRatio)) : NaN;
    steps.push({ from: a.lines, to: b.lines, linesRatio, factor, perDoubling, baseFactor: b.baseMs / a.baseMs });
  }
  const worst = Math.max(...steps.map((s) => s.perDoubling).filter(Number.isFinite));
  const ok = !Number.isFinite(worst) || worst <= MAX_FACTOR_PER_DOUBLING;
  return { rows, steps, worst, ok };
}

export function growthSummary(g) {
  return g.steps
    .map(
      (s) =>
        `${s.from} -> ${s.to} lines (x${fmt(s.linesRatio, 2)}): rules x${fmt(s.factor, 2)} ` +
        `(x${fmt(s.perDoubling, 2)} per doubling; ESLint alone x${fmt(s.baseFactor, 2)})`,
    )
    .join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => optionOf(args, name, dflt);
  const quick = args.includes('--quick');
  const rules = await loadRulesConfig({ forcePlaceholder: args.includes('--placeholder') });
  if (rules.placeholder) console.log(`PLACEHOLDER: zero rules against zero rules (${rules.reason})`);
  const sizes = quick ? [2500, 5000, 10000] : [5000, 10000, 20000];
  console.log(`quadratic-growth guard: one file of ${sizes.join(', ')} lines`);
  const g = await runGrowth({ sizes, reps: Number(opt('--reps', quick ? '2' : '3')), rules });
  console.log(growthSummary(g));
  const verdict = g.ok
    ? `linear: worst x${fmt(g.worst, 2)} per doubling (bar: <= ${MAX_FACTOR_PER_DOUBLING})`
    : `SUPERLINEAR: x${fmt(g.worst, 2)} per doubling (bar: <= ${MAX_FACTOR_PER_DOUBLING})`;
  console.log(verdict);
  if (args.includes('--check') && !g.ok) process.exitCode = 1;
}
