import type { TSESTree } from '@typescript-eslint/utils';
import { createRule } from './utils/create-rule.js';
import { uncitedSuppressions, type CommentLike, type DirectiveOptions } from '../register/directives.js';

export interface RequireAssumptionForDisableOptions {
  /** Rule-name prefixes whose disables must cite an assumption (default `['assume/']`). */
  prefixes?: string[];
  /** Also require a citation on disables that name no rule (they silence assume rules too). */
  checkBlanketDisables?: boolean;
}

export type Options = [RequireAssumptionForDisableOptions];
export type MessageIds = 'missingAssumption';

interface Located extends CommentLike {
  loc: TSESTree.SourceLocation;
}

export default createRule<Options, MessageIds>({
  name: 'require-assumption-for-disable',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require a suppression of an assume rule to cite the assumption that makes it safe',
      recommended: true,
    },
    messages: {
      missingAssumption:
        'This `{{directive}}` silences {{rules}} without citing an assumption, so the decision behind it is recorded nowhere and nobody re-checks it. Add `-- A-<slug> why`, naming an assumption from docs/assumptions/.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          prefixes: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            description: 'Rule-name prefixes whose eslint-disable comments must cite an assumption (the plugin name you registered, with a slash).',
          },
          checkBlanketDisables: {
            type: 'boolean',
            description: 'Also report eslint-disable-line / eslint-disable-next-line comments that name no rule: they silence assume rules too.',
          },
        },
      },
    ],
    defaultOptions: [{ prefixes: ['assume/'], checkBlanketDisables: false }],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const directiveOptions: DirectiveOptions = { prefixes: options.prefixes, checkBlanketDisables: options.checkBlanketDisables };
    return {
      Program() {
        // A suppression is a comment starting `eslint-...` or `assume-ignore`: most files have none.
        if (!sourceCode.text.includes('eslint-') && !sourceCode.text.includes('assume-ignore')) return;
        const directives = sourceCode.getAllComments().filter((comment) => comment.value.includes('eslint-') || comment.value.includes('assume-ignore'));
        const comments: Located[] = directives.map((comment) => ({
          type: comment.type,
          value: comment.value,
          line: comment.loc.start.line,
          endLine: comment.loc.end.line,
          // Only `assume-ignore` needs to know whether code precedes it; ask only then.
          trailing: comment.value.includes('assume-ignore') && isTrailing(comment),
          loc: comment.loc,
        }));
        for (const { comment, suppression } of uncitedSuppressions(comments, directiveOptions)) {
          context.report({
            loc: comment.loc,
            messageId: 'missingAssumption',
            data: {
              directive: suppression.kind,
              rules: suppression.rules.includes('*') ? 'every rule' : suppression.rules.join(', '),
            },
          });
        }
      },
    };

    function isTrailing(comment: TSESTree.Comment): boolean {
      const before = sourceCode.getTokenBefore(comment, { includeComments: false });
      return before !== null && before.loc.end.line === comment.loc.start.line;
    }
  },
});
