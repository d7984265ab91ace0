import { ESLintUtils } from '@typescript-eslint/utils';

/** Docs url of a rule: its page in this repository. */
export function ruleDocsUrl(name: string): string {
  return `https://github.com/assume-lint/assume-lint/blob/main/docs/rules/${name}.md`;
}

/** Extra `meta.docs` fields every assume rule sets. */
export interface AssumeRuleDocs {
  /** In the `recommended` config (high precision, fit to gate CI). */
  recommended?: boolean;
  /** Rule needs type information to work at all (none do; types only sharpen them). */
  requiresTypeChecking?: boolean;
}

export const createRule = ESLintUtils.RuleCreator<AssumeRuleDocs>(ruleDocsUrl);
