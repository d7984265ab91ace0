import { createRule } from './utils/create-rule.js';
import { specifierSchema } from './utils/schema.js';
import { checkAtProgramExit } from './utils/context.js';
import {
  checkNoAckBeforeDurableWrite,
  defaultOptions as checkerDefaults,
  type AckMessageId,
  type NoAckBeforeDurableWriteOptions,
} from '../core/checkers/no-ack-before-durable-write.js';

export type Options = [NoAckBeforeDurableWriteOptions];
export type MessageIds = AckMessageId;

const defaults: NoAckBeforeDurableWriteOptions = {
  acks: [],
  durableWrites: [],
  bestEffort: [],
  checkWritesAfterAck: checkerDefaults.checkWritesAfterAck,
  checkImplicitAcks: checkerDefaults.checkImplicitAcks,
  checkUnknownSql: checkerDefaults.checkUnknownSql,
  checkSuccessCallbacks: checkerDefaults.checkSuccessCallbacks,
};

export default createRule<Options, MessageIds>({
  name: 'no-ack-before-durable-write',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow acknowledging success before the write it reports on is durable',
      recommended: true,
    },
    hasSuggestions: true,
    messages: {
      ackBeforeWrite:
        'This acknowledges success while the durable write `{{write}}` (line {{line}}) has not completed, so a crash or a failed write loses data the caller or broker already counts as done. Await the write (or ack inside its `.then`) before acknowledging.',
      writeAfterAck:
        'This acknowledges success before the durable write `{{write}}` (line {{line}}) runs, so a crash or failure in between loses work that was already reported done. Do the write first, await it, then acknowledge.',
      pendingAtImplicitAck:
        'This durable write is not awaited, but {{handler}} acknowledges when it returns, so the work counts as done while the write can still fail or never run. Await or return the write before the handler returns.',
      koaBodyBeforeWrite:
        'Koa sends this response when the middleware resolves, but the durable write `{{write}}` (line {{line}}) is not awaited, so the client is told it succeeded before the write is stored. Await the write in the middleware.',
      awaitWrite: 'Await this write before acknowledging.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          acks: {
            type: 'array',
            items: specifierSchema,
            description: 'Extra acknowledgement calls (catalog specifiers ending in "()"), e.g. a message library of your own.',
          },
          durableWrites: {
            type: 'array',
            items: specifierSchema,
            description: 'Extra durable-write calls (catalog specifiers ending in "()"), e.g. your own data-access client.',
          },
          bestEffort: {
            type: 'array',
            items: specifierSchema,
            description: 'Calls that are best-effort (never a durable write, fine after an ack): caches, metrics, analytics.',
          },
          checkWritesAfterAck: {
            type: 'boolean',
            description: 'Report an ack followed (on some path) by a durable write.',
          },
          checkImplicitAcks: {
            type: 'boolean',
            description: 'Report writes still pending when a handler whose return acknowledges returns (BullMQ, kafkajs, Lambda, NestJS, fetch-style, Koa).',
          },
          checkUnknownSql: {
            type: 'boolean',
            description: 'Treat a SQL call whose statement text cannot be read in the file as a write.',
          },
          checkSuccessCallbacks: {
            type: 'boolean',
            description: 'Count an error-first callback told of success (`callback(null, result)`, the last parameter of a function) as an acknowledgement.',
          },
        },
      },
    ],
    defaultOptions: [defaults],
  },
  create(context, [options]) {
    return checkAtProgramExit(context, (ctx) => checkNoAckBeforeDurableWrite(ctx, options));
  },
});
