#!/usr/bin/env node
// Child of bench/run.mjs's untyped section and of bench/eslint-sides.mjs (separate processes): lints a corpus
// once, as a user's `eslint` run does, with one configuration, and prints one JSON line: CPU time of the whole
// process up to the end of the lint (ESLint, the parser and the plugin loaded, then every file linted) and of
// the lint alone; where /proc tells (Linux), how that CPU time splits between the main thread and V8's helper
// threads (garbage collection, optimizing compilation); the garbage-collection pauses of the main thread; and
// the wall time from the process's start to the end of the lint.
//
//   node bench/eslint-process.mjs SIDE CORPUS_DIR [PLUGIN_DIR]
//
// SIDE: `zero` (no rules), `noop` (one rule that does nothing), `noop5` (five rules that do nothing), `shell`
// (assume's recommended rules with their meta and options, each with a create() that does nothing: the plugin
// loaded and five rules run, no analysis), `recommended` (`configs.recommended` of the plugin built in
// PLUGIN_DIR, default dist/, untimed: no wrapper around the rules). `noop-patched` and `recommended-patched`:
// the same with ESLint's `FileContext#extend` patched (`patchFileContextExtend` in lib.mjs), which takes away
// what ESLint charges for any enabled rule, so that what is left is the rules' own cost.
const { join } = await import('node:path');
const { pathToFileURL } = await import('node:url');
const { readdirSync, readFileSync } = await import('node:fs');
const { PerformanceObserver } = await import('node:perf_hooks');
const { makeEslint, noopRuleConfig, patchFileContextExtend, repoRoot } = await import('./lib.mjs');
const { generatedFiles } = await import('./generate.mjs');

const [sideArg, dir, pluginDir = join(repoRoot, 'dist')] = process.argv.slice(2);
const patched = sideArg.endsWith('-patched');
const side = patched ? sideArg.slice(0, -'-patched'.length) : sideArg;
if (patched) {
  if (side !== 'noop' && side !== 'recommended') throw new Error(`unknown side ${sideArg}`);
  patchFileContextExtend();
}
const loadPlugin = async () => (await import(pathToFileURL(join(pluginDir, 'index.js')).href)).default;
const doNothing = { meta: { type: 'problem', schema: [] }, create: () => ({ 'Program:exit'() {} }) };
let rules = null;
if (side === 'noop') rules = noopRuleConfig;
else if (side === 'noop5') {
  const ids = ['a', 'b', 'c', 'd', 'e'];
  rules = {
    plugins: { 'bench-noop5': { meta: { name: 'bench-noop5' }, rules: Object.fromEntries(ids.map((id) => [id, doNothing])) } },
    rules: Object.fromEntries(ids.map((id) => [`bench-noop5/${id}`, 'error'])),
  };
} else if (side === 'shell') {
  const plugin = await loadPlugin();
  const shells = Object.fromEntries(Object.entries(plugin.rules).map(([id, rule]) => [id, { ...rule, create: doNothing.create }]));
  rules = { ...plugin.configs.recommended, plugins: { assume: { ...plugin, rules: shells } } };
} else if (side === 'recommended') rules = (await loadPlugin()).configs.recommended;
else if (side !== 'zero') throw new Error(`unknown side ${side}`);

let gcPauseMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcPauseMs += entry.duration;
}).observe({ entryTypes: ['gc'] });

const files = generatedFiles(dir);
const eslint = makeEslint(dir, rules);
const lintStart = process.cpuUsage();
const results = await eslint.lintFiles(files);
const end = process.cpuUsage();
const threads = threadSplit();
await new Promise((resolve) => setTimeout(resolve, 0)); // let the gc observer run
const ms = (from) => (end.user - from.user + end.system - from.system) / 1000;
let findings = 0;
let fatal = 0;
for (const r of results) for (const m of r.messages) (m.fatal ? fatal++ : findings++);
// CPU since the process started (Node's own start included).
const processMs = ms({ user: 0, system: 0 });
const wallMs = performance.now(); // since the process started
console.log(JSON.stringify({ side: sideArg, files: results.length, processMs, lintMs: ms(lintStart), wallMs, findings, fatal, ...threads, gcPauseMs: Math.round(gcPauseMs) }));

/** CPU time (ms) of the main thread and of all other threads, from /proc/self/task (null where there is none). */
function threadSplit() {
  try {
    const ticks = 100; // USER_HZ on Linux
    let mainMs = 0;
    let helpersMs = 0;
    for (const task of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${task}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const taskMs = ((Number(fields[11]) + Number(fields[12])) * 1000) / ticks;
      if (Number(task) === process.pid) mainMs += taskMs;
      else helpersMs += taskMs;
    }
    return { mainMs, helpersMs };
  } catch {
    return { mainMs: null, helpersMs: null };
  }
}
