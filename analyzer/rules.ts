import { applyDefault } from '@typescript-eslint/utils/eslint-utils';
import { checkers, type RuleId } from '../core/checkers/index.js';
import { rules } from '../index.js';
import type { AnalyzerRule } from './analyze.js';

/** The four core rules as the analyzer runs them: the same core checkers, the rules' own messages and defaults. */
export function analyzerRules(): AnalyzerRule[] {
  return (Object.keys(checkers) as RuleId[]).map((id) => {
    const rule = rules[id];
    const defaults = (rule.meta.defaultOptions ?? []) as readonly unknown[];
    return {
      id,
      check: checkers[id],
      messages: rule.meta.messages,
      defaultOptions: defaults[0],
    };
  });
}

/** A rule's options with its defaults filled in, as ESLint's RuleCreator does for the plugin. */
export function resolveRuleOptions(id: RuleId, userOptions: unknown): unknown {
  const defaults = (rules[id].meta.defaultOptions ?? []) as readonly unknown[];
  const merged = applyDefault(defaults as [unknown], (userOptions === undefined ? [] : [userOptions]) as [unknown]);
  return merged[0];
}
