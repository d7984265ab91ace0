import type { CheckContext, Finding } from '../types.js';
import { checkNoAckBeforeDurableWrite, type NoAckBeforeDurableWriteOptions } from './no-ack-before-durable-write.js';
import { checkNoUnboundedParse, type NoUnboundedParseOptions } from './no-unbounded-parse.js';
import { checkNoUnhandledTimeout, type NoUnhandledTimeoutOptions } from './no-unhandled-timeout.js';
import { checkNoWallClockAtBoundary, type NoWallClockAtBoundaryOptions } from './no-wall-clock-at-boundary.js';

/** Options of each core rule, by rule id. */
export interface CheckerOptions {
  'no-wall-clock-at-boundary': NoWallClockAtBoundaryOptions;
  'no-unhandled-timeout': NoUnhandledTimeoutOptions;
  'no-ack-before-durable-write': NoAckBeforeDurableWriteOptions;
  'no-unbounded-parse': NoUnboundedParseOptions;
}

export type RuleId = keyof CheckerOptions;

/** The one checker of each core rule; both front ends (ESLint rules, analyzer) call these. */
export const checkers: { readonly [K in RuleId]: (ctx: CheckContext, options: CheckerOptions[K]) => Finding[] } = {
  'no-wall-clock-at-boundary': checkNoWallClockAtBoundary,
  'no-unhandled-timeout': checkNoUnhandledTimeout,
  'no-ack-before-durable-write': checkNoAckBeforeDurableWrite,
  'no-unbounded-parse': checkNoUnboundedParse,
};
