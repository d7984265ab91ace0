/**
 * Options the `audit` config sets per rule: broader heuristics for reviews (may be noisier than
 * `recommended`). Each rule owner lists here the options that widen what the rule flags.
 */
export const auditOptions: Partial<Record<string, Record<string, unknown>>> = {
  'no-ack-before-durable-write': { checkUnknownSql: true },
  'no-unbounded-parse': { checkQueuePayloads: true, checkGatewayEvents: true },
  'no-wall-clock-at-boundary': { checkRateLimitWindows: true, checkSignatureTolerances: true },
};
