#!/usr/bin/env node
// Child of bench/run.mjs's untyped section (separate processes): lints a corpus once, as a user's `eslint` run
// does, with one configuration, and prints one JSON line: CPU time of the whole process up to the end of the
// lint (ESLint, the parser and the plugin loaded, then every file linted) and of the lint alone.
//
//   node bench/eslint-process.mjs zero|noop|recommended CORPUS_DIR [PLUGIN_DIR]
//
// `recommended` is `configs.recommended` of the plugin built in PLUGIN_DIR (default: dist/), untimed (no wrapper
// around the rules).
const { join } = await import('node:path');
const { pathToFileURL } = await import('node:url');
const { makeEslint, noopRuleConfig, repoRoot } = await import('./lib.mjs');
const { generatedFiles } = await import('./generate.mjs');

const [side, dir, pluginDir = join(repoRoot, 'dist')] = process.argv.slice(2);
let rules = null;
if (side === 'noop') rules = noopRuleConfig;
else if (side === 'recommended') rules = (await import(pathToFileURL(join(pluginDir, 'index.js')).href)).default.configs.recommended;
else if (side !== 'zero') throw new Error(`unknown side ${side}`);
const files = generatedFiles(dir);
const eslint = makeEslint(dir, rules);
const lintStart = process.cpuUsage();
const results = await eslint.lintFiles(files);
const end = process.cpuUsage();
const ms = (from) => (end.user - from.user + end.system - from.system) / 1000;
let findings = 0;
let fatal = 0;
for (const r of results) for (const m of r.messages) (m.fatal ? fatal++ : findings++);
// CPU since the process started (Node's own start included).
const processMs = ms({ user: 0, system: 0 });
console.log(JSON.stringify({ side, files: results.length, processMs, lintMs: ms(lintStart), findings, fatal }));
