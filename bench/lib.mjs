// Shared by the bench scripts (run.mjs, growth.mjs, eslint-sides.mjs, ...): loads the built plugin, times its rules, lints, runs ESLint processes.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PerformanceObserver } from 'node:perf_hooks';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import tsParser from '@typescript-eslint/parser';

export const benchDir = dirname(fileURLToPath(import.meta.url));
export const repoRoot = join(benchDir, '..');
export const RULE_IDS = ['no-wall-clock-at-boundary', 'no-unhandled-timeout', 'no-ack-before-durable-write', 'no-unbounded-parse'];

/**
 * Time spent inside the plugin's rules (create() and every listener), per rule, in ms: wall time
 * (`ms`) and CPU time of the process (`cpuMs`, user + system, which other load on the machine
 * does not inflate).
 */
export const ruleClock = { ms: Object.create(null), cpuMs: Object.create(null), calls: 0 };

export function resetRuleClock() {
  for (const k of Object.keys(ruleClock.ms)) delete ruleClock.ms[k];
  for (const k of Object.keys(ruleClock.cpuMs)) delete ruleClock.cpuMs[k];
  ruleClock.calls = 0;
}

const sum = (o) => Object.values(o).reduce((a, b) => a + b, 0);

/** CPU time of this process so far (user + system), in ms. */
export function cpuNow() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function charge(id, t0, c0) {
  ruleClock.ms[id] = (ruleClock.ms[id] ?? 0) + (performance.now() - t0);
  ruleClock.cpuMs[id] = (ruleClock.cpuMs[id] ?? 0) + (cpuNow() - c0);
}

/**
 * Wraps a rule so its own time is measured: create() and each listener. The cost is a
 * performance.now() and a process.cpuUsage() pair per listener call; the rules listen to few
 * nodes (the engine walks the file once itself), so this is a handful of calls per file.
 */
function timedRule(id, rule) {
  return {
    ...rule,
    create(context) {
      const t0 = performance.now();
      const c0 = cpuNow();
      const listeners = rule.create(context);
      charge(id, t0, c0);
      const wrapped = {};
      for (const [selector, fn] of Object.entries(listeners)) {
        if (typeof fn !== 'function') {
          wrapped[selector] = fn;
          continue;
        }
        wrapped[selector] = function timedListener(...args) {
          const s = performance.now();
          const c = cpuNow();
          try {
            return fn.apply(this, args);
          } finally {
            charge(id, s, c);
            ruleClock.calls++;
          }
        };
      }
      return wrapped;
    },
  };
}

/**
 * Loads the built plugin from ../dist/index.js and returns the config to benchmark:
 * `assume.configs.recommended`, with the plugin's rules wrapped in place for timing.
 * When the plugin is not built or has no rules yet, returns a zero-rule config instead
 * (`placeholder: true`): the harness then measures zero rules against zero rules.
 */
export async function loadRulesConfig({ forcePlaceholder = false } = {}) {
  const entry = join(repoRoot, 'dist', 'index.js');
  let reason = 'forced by --placeholder';
  if (!forcePlaceholder) {
    if (!existsSync(entry)) reason = 'dist/index.js not found (run `npm run build`)';
    else {
      try {
        const mod = await import(pathToFileURL(entry).href);
        const plugin = mod.default ?? mod;
        const recommended = plugin?.configs?.recommended;
        const ruleIds = Object.keys(recommended?.rules ?? {});
        if (plugin?.rules && recommended && ruleIds.length > 0) {
          for (const [id, rule] of Object.entries(plugin.rules)) plugin.rules[id] = timedRule(`assume/${id}`, rule);
          return { config: recommended, placeholder: false, ruleIds, version: plugin.meta?.version ?? '?' };
        }
        reason = 'the built plugin has no recommended rules';
      } catch (err) {
        reason = `dist/index.js failed to load: ${err.message.split('\n')[0]}`;
      }
    }
  }
  return { config: { name: 'placeholder/zero-rules' }, placeholder: true, reason, ruleIds: [], version: '-' };
}

/**
 * One rule that does nothing (it listens to \`Program:exit\` and returns): what ESLint charges for linting with any
 * rule at all, over zero rules.
 */
/**
 * Patches this process's ESLint so that a rule's context no longer has the file's context as its prototype:
 * `FileContext#extend` (lib/linter/file-context.js) copies the file context's fields into a new object instead
 * (same properties, same freezing). Nothing else changes. That prototype is what ESLint charges for any enabled
 * rule (docs/eslint-any-rule.md); with the patch, a run's extra time is the rules' own. Call it before linting.
 */
export function patchFileContextExtend() {
  const require = createRequire(join(benchDir, '..', 'package.json'));
  const eslintDir = join(require.resolve('eslint'), '..', '..');
  const { FileContext } = require(join(eslintDir, 'lib', 'linter', 'file-context.js'));
  FileContext.prototype.extend = function extend(extension) {
    return Object.freeze(Object.assign(Object.create(FileContext.prototype), this, extension));
  };
}

export const noopRuleConfig = {
  plugins: {
    'bench-noop': {
      meta: { name: 'bench-noop' },
      rules: {
        'program-exit': {
          meta: { type: 'problem', schema: [] },
          create() {
            return { 'Program:exit'() {} };
          },
        },
      },
    },
  },
  rules: { 'bench-noop/program-exit': 'error' },
};

/** Garbage-collection pauses (wall ms), summed while a run is measured. */
const gcClock = { ms: 0 };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcClock.ms += e.duration;
}).observe({ entryTypes: ['gc'] });
const flushObservers = () => new Promise((resolve) => setTimeout(resolve, 0));

const baseConfig = {
  files: ['**/*.{ts,js,cjs,mjs}'],
  languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module' },
};
const cjsConfig = { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } };

/**
 * Typed linting: typescript-eslint's project service (`parserOptions.projectService`, as in its
 * type-checked configs), rooted at the corpus, which has a tsconfig.json listing every file.
 */
const typedConfig = (cwd) => ({
  files: ['**/*.{ts,js,cjs,mjs}'],
  languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: cwd } },
});

/**
 * A fresh ESLint (@typescript-eslint/parser, no cache, one thread) with or without the rules;
 * untyped unless `typed` (then with type information from the corpus's tsconfig.json).
 */
export function makeEslint(cwd, rulesConfig, { typed = false } = {}) {
  const parse = typed ? [baseConfig, cjsConfig, typedConfig(cwd)] : [baseConfig, cjsConfig];
  return new ESLint({
    cwd,
    overrideConfigFile: true,
    overrideConfig: rulesConfig ? [...parse, rulesConfig] : parse,
    cache: false,
    warnIgnored: false,
  });
}

/**
 * Lints `targets` once, with a fresh ESLint unless one is given. Returns wall and CPU time, GC
 * pauses, time inside the rules, findings per rule and fatal (parse) errors.
 */
export async function lintOnce(cwd, targets, rulesConfig, eslint = makeEslint(cwd, rulesConfig)) {
  resetRuleClock();
  // Collect the previous run's garbage outside the timed part when node runs with --expose-gc.
  globalThis.gc?.();
  await flushObservers();
  gcClock.ms = 0;
  const t0 = performance.now();
  const c0 = cpuNow();
  const results = await eslint.lintFiles(targets);
  const wallMs = performance.now() - t0;
  const cpuMs = cpuNow() - c0;
  await flushObservers();
  const gcMs = gcClock.ms;
  const findings = Object.create(null);
  const fatal = [];
  for (const r of results) {
    for (const m of r.messages) {
      if (m.fatal || !m.ruleId) fatal.push(`${r.filePath}:${m.line} ${m.message}`);
      else findings[m.ruleId] = (findings[m.ruleId] ?? 0) + 1;
    }
  }
  return {
    wallMs,
    cpuMs,
    gcMs,
    ruleMs: sum(ruleClock.ms),
    ruleCpuMs: sum(ruleClock.cpuMs),
    perRule: { ...ruleClock.cpuMs },
    calls: ruleClock.calls,
    files: results.length,
    findings,
    fatal,
  };
}

/**
 * Each side's `eslint` run in a process of its own (bench/eslint-process.mjs over the corpus in `dir`), `rounds`
 * times, the sides in a rotating order (each first, in the middle and last in turn), so that the machine's drifting
 * load falls on all of them. Returns each side's runs, in round order; `onRun(round, side, run)` sees each one.
 */
export function processRounds({ dir, files, sides, rounds, pluginDir = join(repoRoot, 'dist'), onRun = () => {} }) {
  const runs = Object.fromEntries(sides.map((side) => [side, []]));
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < sides.length; k++) {
      const side = sides[(round + k) % sides.length];
      const out = execFileSync(process.execPath, [join(benchDir, 'eslint-process.mjs'), side, dir, pluginDir], { encoding: 'utf8', maxBuffer: 1e8 });
      const run = JSON.parse(out.trim().split('\n').at(-1));
      if (run.files !== files || run.fatal > 0) throw new Error(`eslint-process ${side}: ${run.files} files, ${run.fatal} fatal`);
      runs[side].push(run);
      onRun(round, side, run);
    }
  }
  return runs;
}

/** Each round's ratio of a side's figure (`key`) to zero rules' (the runs of `processRounds`). */
export function roundRatios(runs, side, key = 'processMs') {
  return runs[side].map((run, i) => run[key] / runs.zero[i][key]);
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '-');

/** A ratio as the percentage it adds: 1.249 -> `+24.9%`. */
export const pct = (ratio) => `${ratio >= 1 ? '+' : ''}${fmt((ratio - 1) * 100, 1)}%`;
