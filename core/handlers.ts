import { registrationOf, type Registration } from './origin.js';
import type { CheckContext, FunctionNode } from './types.js';

export type { Registration } from './origin.js';

/**
 * Which framework calls this function: an express route, a kafkajs `eachMessage`, a BullMQ processor, a
 * Lambda `handler` export, a NestJS controller method... `framework.kind` says what sort of handler it is and
 * `framework.facts` what the framework does with its return (e.g. `implicitAck`).
 */
export function handlerOf(ctx: CheckContext, fn: FunctionNode): Registration | undefined {
  return registrationOf(ctx, fn);
}
