import { ESLintUtils, type TSESLint } from '@typescript-eslint/utils';

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

const createNamedRule = ESLintUtils.RuleCreator<AssumeRuleDocs>(ruleDocsUrl);

type RuleSpec<O extends readonly unknown[], M extends string> = Parameters<typeof createNamedRule<O, M>>[0];

/**
 * typescript-eslint's `RuleCreator`, with the options merged once per configuration instead of once per file.
 *
 * `RuleCreator` deep-clones `meta.defaultOptions` and merges the user's options into the clone every time ESLint
 * calls `create()`, that is for every rule on every file; on a 2,000-file run that was a tenth of the rules' time.
 * ESLint hands a rule the same option objects for every file a configuration applies to (`context.options` is a
 * fresh array of the same elements), so the merged options are kept per those objects and reused, frozen (a rule
 * that mutated its options would throw, not leak a change into the next file).
 */
export function createRule<O extends readonly unknown[], M extends string>(spec: RuleSpec<O, M>): TSESLint.RuleModule<M, O, AssumeRuleDocs> {
  const rule = createNamedRule<O, M>(spec);
  const byFirst = new WeakMap<object, { rest: readonly unknown[]; options: O }>();
  let withoutOptions: O | undefined;
  const defaults = (spec.meta.defaultOptions ?? []) as unknown as O;
  // The merge RuleCreator does; on a copy, since it shares arrays with the user's config, which is not ours to freeze.
  const mergeOptions = (context: Readonly<TSESLint.RuleContext<M, O>>): O => deepFreeze(structuredClone(ESLintUtils.applyDefault<O, O>(defaults, context.options)));
  const optionsOf = (context: Readonly<TSESLint.RuleContext<M, O>>): O => {
    const given = context.options as readonly unknown[];
    if (given.length === 0) return (withoutOptions ??= mergeOptions(context));
    const first = given[0];
    if (typeof first !== 'object' || first === null) return mergeOptions(context);
    const hit = byFirst.get(first);
    if (hit && sameRest(hit.rest, given)) return hit.options;
    const options = mergeOptions(context);
    byFirst.set(first, { rest: given.slice(1), options });
    return options;
  };
  return {
    ...rule,
    create(context) {
      return spec.create(context, optionsOf(context));
    },
  };
}

/** Are `given`'s options after the first the same objects as `rest`? (No copy: this runs for every file.) */
function sameRest(rest: readonly unknown[], given: readonly unknown[]): boolean {
  if (rest.length !== given.length - 1) return false;
  for (let i = 0; i < rest.length; i++) if (rest[i] !== given[i + 1]) return false;
  return true;
}

function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const v of Object.values(value)) deepFreeze(v);
  return Object.freeze(value);
}
