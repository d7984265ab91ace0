import type { AnalyzedFinding } from '../../analyzer/analyze.js';

/** A code finding for reporter tests: an ack before its write in an orders controller, with overrides. */
export function finding(over: Partial<AnalyzedFinding>): AnalyzedFinding {
  return {
    ruleId: 'no-ack-before-durable-write',
    messageId: 'ackBeforeWrite',
    message: 'The response is sent before the write settles.',
    severity: 'error',
    file: 'src/orders.controller.ts',
    line: 12,
    column: 5,
    endLine: 12,
    endColumn: 30,
    snippet: 'res.status(201).json(order);',
    path: [],
    ...over,
  };
}
