import type { TSESLint } from '@typescript-eslint/utils';
import { readFileSync } from 'node:fs';
import noAckBeforeDurableWrite from './rules/no-ack-before-durable-write.js';
import noUnboundedParse from './rules/no-unbounded-parse.js';
import noUnhandledTimeout from './rules/no-unhandled-timeout.js';
import noWallClockAtBoundary from './rules/no-wall-clock-at-boundary.js';
import requireAssumptionForDisable from './rules/require-assumption-for-disable.js';
import { auditOptions } from './rules/audit-options.js';

/** This package's package.json: next to the sources, or one folder up from `dist/`. */
function readPackageJson(): { name: string; version: string } {
  for (const rel of ['./package.json', '../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'assume-lint' && pkg.version) return { name: pkg.name, version: pkg.version };
    } catch {
      // try the next place
    }
  }
  return { name: 'assume-lint', version: '0.0.0' };
}

const pkg = readPackageJson();

export const rules = {
  'no-wall-clock-at-boundary': noWallClockAtBoundary,
  'no-unhandled-timeout': noUnhandledTimeout,
  'no-ack-before-durable-write': noAckBeforeDurableWrite,
  'no-unbounded-parse': noUnboundedParse,
  'require-assumption-for-disable': requireAssumptionForDisable,
};

type RuleName = keyof typeof rules;
const names = Object.keys(rules) as RuleName[];

const plugin = {
  meta: { name: pkg.name, version: pkg.version },
  rules: rules as unknown as Record<RuleName, TSESLint.LooseRuleDefinition>,
  configs: {} as Record<'recommended' | 'audit' | 'all', TSESLint.FlatConfig.Config>,
};

function config(name: string, entries: [RuleName, TSESLint.FlatConfig.RuleEntry][]): TSESLint.FlatConfig.Config {
  return {
    name: `assume/${name}`,
    plugins: { assume: plugin as unknown as TSESLint.FlatConfig.Plugin },
    rules: Object.fromEntries(entries.map(([rule, entry]) => [`assume/${rule}`, entry])),
  };
}

plugin.configs.recommended = config(
  'recommended',
  names.filter((n) => rules[n].meta.docs?.recommended === true).map((n) => [n, 'error']),
);
/** Broader heuristics for reviews, not gates: every rule, with the options that widen what it flags. */
plugin.configs.audit = config(
  'audit',
  names.map((n) => [n, auditOptions[n] ? ['warn', auditOptions[n]] : 'warn']),
);
plugin.configs.all = config(
  'all',
  names.map((n) => [n, 'error']),
);

export default plugin;
