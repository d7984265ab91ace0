import { createRule } from './utils/create-rule.js';
import { specifierSchema } from './utils/schema.js';
import { checkAtProgramExit } from './utils/context.js';
import {
  checkNoWallClockAtBoundary,
  defaultOptions as checkerDefaults,
  type NoWallClockAtBoundaryMessageId,
  type NoWallClockAtBoundaryOptions,
} from '../core/checkers/no-wall-clock-at-boundary.js';

export type Options = [NoWallClockAtBoundaryOptions];
export type MessageIds = NoWallClockAtBoundaryMessageId;

const defaults: NoWallClockAtBoundaryOptions = { ...checkerDefaults };

export default createRule<Options, MessageIds>({
  name: 'no-wall-clock-at-boundary',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow wall-clock readings that decide lease expiry, ordering, identity or dedupe across processes',
      recommended: true,
    },
    messages: {
      ownership:
        'The wall clock ({{source}}) decides a lease, lock or expiry that other processes rely on; hosts disagree on the time, so a skewed host takes over a lease that is still held. Let the store decide with its own clock (SQL `now()`, a Redis TTL) and guard writes with a fencing token from a counter.',
      ordering:
        'The wall clock ({{source}}) decides order or which write wins; clocks drift and step, so events from different hosts sort wrongly and a newer write loses. Order by a sequence the store assigns (a version counter, a log offset) or a logical clock.',
      identity:
        'The wall clock ({{source}}) becomes a version, sequence, epoch or id; two hosts (or one host in the same millisecond) produce equal or decreasing values, so versions go backwards and ids collide. Use a counter the store increments, a UUID, or a fencing token.',
      dedupe:
        'The wall clock ({{source}}) is part of an idempotency or dedupe key; a retry gets a different key (or lands in the next window), so the work runs twice. Derive the key from stable request data such as the message id or a client-sent Idempotency-Key.',
      rateLimitWindow:
        'The wall clock ({{source}}) keys a rate-limit window shared across hosts; skewed hosts count into different windows, so the limit is looser or tighter than configured. Let the store own the window (a TTL set on first hit, or the store clock).',
      signatureTolerance:
        'The wall clock ({{source}}) checks a signature timestamp tolerance; a host whose clock drifts rejects valid deliveries or accepts replays. Keep hosts NTP-synced and back the tolerance with a replay cache keyed by the signature or event id.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkRateLimitWindows: {
            type: 'boolean',
            description: 'Also flag rate-limit windows keyed by the wall clock (off in `recommended`, on in `audit`).',
          },
          checkSignatureTolerances: {
            type: 'boolean',
            description: 'Also flag webhook-signature timestamp tolerances checked against the wall clock (off in `recommended`, on in `audit`).',
          },
          clocks: { type: 'array', items: specifierSchema, description: 'Extra wall-clock sources, e.g. `{ from: "package", package: "@acme/time", path: ["now", "()"] }`.' },
          sharedStores: {
            type: 'array',
            items: specifierSchema,
            description: 'Extra shared stores whose writes and queries leave the process, e.g. `{ from: "package", package: "@acme/kv", path: ["**"] }`.',
          },
          boundaryWords: {
            type: 'array',
            items: { type: 'string' },
            description: 'Extra words that name a version, sequence or ownership role in field, key, column or table names (e.g. `term`, `ballot`); local variable names never decide.',
          },
          allowWords: {
            type: 'array',
            items: { type: 'string' },
            description: 'Extra words that name an in-process or protocol expiry that is not a boundary (e.g. `preview`).',
          },
        },
      },
    ],
    defaultOptions: [defaults],
  },
  create(context, [options]) {
    return checkAtProgramExit(context, (ctx) => checkNoWallClockAtBoundary(ctx, options));
  },
});
