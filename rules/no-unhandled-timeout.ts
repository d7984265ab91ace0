import { createRule } from './utils/create-rule.js';
import { catalogEntriesSchema } from './utils/schema.js';
import { checkAtProgramExit } from './utils/context.js';
import {
  checkNoUnhandledTimeout,
  type NoUnhandledTimeoutMessageId,
  type NoUnhandledTimeoutOptions,
} from '../core/checkers/no-unhandled-timeout.js';

export type Options = [NoUnhandledTimeoutOptions];
export type MessageIds = NoUnhandledTimeoutMessageId;

const defaults: Required<NoUnhandledTimeoutOptions> = {
  mutatingVerbs: [],
  readOnlyVerbs: [],
  checkOpaqueClients: true,
  idempotencyKeyNames: [],
  timeoutOptionNames: [],
  catalog: [],
};

export default createRule<Options, MessageIds>({
  name: 'no-unhandled-timeout',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow treating a timed-out state-changing call as failed, retrying it without an idempotency key, or swallowing its timeout',
      recommended: true,
    },
    hasSuggestions: true,
    messages: {
      treatedAsFailure:
        '`{{call}}` changes state under a timeout, and its timeout is treated as a failure here (marked failed, compensated, or reported as not done), though the other side may have done it. Record the outcome as unknown and reconcile by an idempotency key instead.',
      retriedBlindly:
        '`{{call}}` changes state under a timeout and is retried without an idempotency key, so an attempt that timed out but succeeded is applied again. Send a key that stays the same across attempts (e.g. an `Idempotency-Key` header), or do not retry on timeouts.',
      swallowed:
        "The timeout of `{{call}}`, which changes state, is swallowed here as if nothing had been sent, though the other side may have done it. Record the outcome as unknown and reconcile, or let the error propagate.",
      stopRetryingMethod: 'Do not let the client retry {{method}} requests (remove it from `retry.methods`).',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          mutatingVerbs: {
            type: 'array',
            items: { type: 'string' },
            description: 'More verbs that make a method of an opaque client state-changing (the first word of the method name), added to the built-in list.',
          },
          readOnlyVerbs: {
            type: 'array',
            items: { type: 'string' },
            description: 'Built-in mutating verbs to treat as reads in this code base (narrows the list).',
          },
          checkOpaqueClients: {
            type: 'boolean',
            description: 'Use the method-name verb for clients the catalog does not know; off: only catalog APIs, HTTP methods and SQL verbs.',
          },
          idempotencyKeyNames: {
            type: 'array',
            items: { type: 'string' },
            description: 'More property or header names that carry an idempotency key (compared without case, dashes or underscores).',
          },
          timeoutOptionNames: {
            type: 'array',
            items: { type: 'string' },
            description: 'More request option names that put a timeout on a call (or on every call of a client built with them).',
          },
          catalog: catalogEntriesSchema(
            'Extra catalog entries for this rule (roles: timeout-source, retry, state-changing, read-only, idempotent-call, fresh-id).',
            'Facts for the role (e.g. `kind` and `arg` of a timeout source, `fnArg` of a retry helper, `http` of a client).',
          ),
        },
      },
    ],
    defaultOptions: [defaults],
  },
  create(context, [options]) {
    return checkAtProgramExit(context, (ctx) => checkNoUnhandledTimeout(ctx, options));
  },
});
