import { createRule } from './utils/create-rule.js';
import { catalogEntriesSchema } from './utils/schema.js';
import { checkAtProgramExit } from './utils/context.js';
import {
  checkNoUnboundedParse,
  DEFAULT_MAX_BODY_BYTES,
  type NoUnboundedParseMessageId,
  type NoUnboundedParseOptions,
} from '../core/checkers/no-unbounded-parse.js';

export type Options = [NoUnboundedParseOptions];
export type MessageIds = NoUnboundedParseMessageId;

export default createRule<Options, MessageIds>({
  name: 'no-unbounded-parse',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow reading or parsing attacker-controlled input with no size bound',
      recommended: true,
    },
    hasSuggestions: true,
    messages: {
      unboundedAccumulation:
        'This collects {{source}} chunk by chunk with no byte cap and hands it on to be parsed, so one large or endless request can exhaust memory. Count the bytes and abort past a limit, or read it with a capped reader (raw-body with `limit`, a body parser).',
      unboundedRead:
        '`{{reader}}` reads {{source}} whole with no size limit, so the client decides how much memory it takes (a Content-Length check does not bound a chunked body). Read it through a reader or middleware with a byte limit.',
      unboundedFileRead:
        '`{{reader}}` reads a whole file whose path comes from {{source}} and parses it, so a client can pick a huge file to exhaust memory. Check the file size against a maximum first, or stream it with a limit.',
      unboundedParse:
        '`{{parser}}` parses {{source}} with no length check before it, so an oversized payload costs memory and event-loop time. Reject payloads above a maximum length before parsing.',
      uploadWithoutFileSize:
        '`{{name}}` is configured without a bounded `{{option}}`, so it accepts an upload of any size. Set `{{option}}` to the largest file you accept.',
      bodyLimitTooLarge:
        '`{{option}}: {{value}}` turns the size bound of `{{name}}` off (above {{max}}), so one request can make the parser hold that much in memory. Keep it at what the endpoint needs (the default is {{default}}).',
      socketWithoutMaxPayload:
        '`{{name}}` {{problem}}, so a client can send a message of 100 MiB or more that is buffered and parsed whole. Set `{{option}}` to the largest message you accept.',
      addFileSizeLimit: 'Add `{{option}}` (10 MiB; adjust to the largest file you accept).',
      setBoundedLimit: 'Set `{{option}}` back to the default, {{value}}.',
      addMaxPayload: 'Set `{{option}}` to {{value}} bytes (adjust to the largest message you accept).',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          maxBodyBytes: {
            type: 'number',
            minimum: 1,
            description: 'An explicit body, read or message limit above this many bytes counts as no bound (default 10 MiB).',
          },
          checkQueuePayloads: {
            type: 'boolean',
            description: 'Treat queue payloads (kafkajs, amqplib, SQS, BullMQ, Pub/Sub, Lambda records) as hostile input.',
          },
          checkGatewayEvents: {
            type: 'boolean',
            description: 'Treat an AWS API Gateway `event.body` as hostile input.',
          },
          catalog: catalogEntriesSchema(
            'Extra catalog entries for this rule (roles: parser, unbounded-reader, bounded-reader, upload-parser, body-parser, socket-server, hostile-source).',
            'Facts for the role (e.g. `streamArg`, `limitOption`, `limits`).',
          ),
        },
      },
    ],
    defaultOptions: [{ maxBodyBytes: DEFAULT_MAX_BODY_BYTES, checkQueuePayloads: false, checkGatewayEvents: false, catalog: [] }],
  },
  create(context, [options]) {
    return checkAtProgramExit(context, (ctx) => checkNoUnboundedParse(ctx, options));
  },
});
