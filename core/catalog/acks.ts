import type { CatalogEntry } from './types.js';

/**
 * Acknowledgements: the calls (and one assignment) that tell a client, a broker or a job runner that the
 * work is done. Used by `no-ack-before-durable-write`.
 *
 * Facts read by the checker:
 * - `success`: how to tell a success ack from a failure reply. `'http-status'`: a failure when the chain sets
 *   a literal status >= 400 (`res.status(500).json()`); `'no-error-arg'`: a success only when the first
 *   argument is absent, `null` or `undefined` (`done(null, r)`, `callback(null, r)`).
 * - `via: 'send'`: the target is a command object (`new DeleteMessageCommand(...)`); the ack is the
 *   `client.send(command)` call that sends it.
 * - `on: 'assign'`: the ack is an assignment to the member (Koa `ctx.body = ...`); Koa replies when the
 *   middleware resolves, so the finding is about writes still pending when it returns.
 */
export const ackEntries: readonly CatalogEntry[] = [
  {
    id: 'ack.http.response.send',
    role: 'ack',
    target: { from: 'role', role: 'http.response', path: ['**', 'send|json|jsonp|end|sendStatus|redirect|sendFile|download|render', '()'] },
    facts: { success: 'http-status' },
    description: 'an HTTP response sent with res.send/json/end/sendStatus/redirect (express, node:http)',
  },
  {
    id: 'ack.fastify.reply.send',
    role: 'ack',
    target: { from: 'role', role: 'fastify.reply', path: ['**', 'send|redirect', '()'] },
    facts: { success: 'http-status' },
    description: 'a Fastify reply sent with reply.send()',
  },
  {
    id: 'ack.koa.context.body',
    role: 'ack',
    target: { from: 'role', role: 'koa.context', path: ['body'] },
    facts: { on: 'assign' },
    description: 'a Koa response body assigned with ctx.body = ... (sent when the middleware resolves)',
  },
  {
    id: 'ack.koa.context.response.body',
    role: 'ack',
    target: { from: 'role', role: 'koa.context', path: ['response', 'body'] },
    facts: { on: 'assign' },
    description: 'a Koa response body assigned with ctx.response.body = ...',
  },
  {
    id: 'ack.amqplib.channel.ack',
    role: 'ack',
    target: { from: 'package', package: ['amqplib', 'amqplib/callback_api', 'amqp-connection-manager'], path: ['**', 'ack|ackAll', '()'] },
    description: 'a RabbitMQ delivery acknowledged with channel.ack(msg)',
  },
  {
    id: 'ack.amqplib.callback.channel.ack',
    role: 'ack',
    target: { from: 'role', role: 'amqplib.channel', path: ['ack|ackAll', '()'] },
    description: 'a RabbitMQ delivery acknowledged with channel.ack(msg) on a channel of the callback API',
  },
  {
    id: 'ack.kafkajs.resolve-offset',
    role: 'ack',
    target: { from: 'role', role: 'kafkajs.eachBatch.payload', path: ['resolveOffset|commitOffsetsIfNecessary', '()'] },
    description: 'a Kafka offset resolved (eachBatch resolveOffset / commitOffsetsIfNecessary)',
  },
  {
    id: 'ack.kafkajs.consumer.commit-offsets',
    role: 'ack',
    target: { from: 'package', package: ['kafkajs'], path: ['**', 'consumer|Consumer', '()|#', 'commitOffsets', '()'] },
    description: 'Kafka offsets committed with consumer.commitOffsets()',
  },
  {
    id: 'ack.sqs.delete-message.command',
    role: 'ack',
    target: { from: 'package', package: ['@aws-sdk/client-sqs'], path: ['DeleteMessageCommand|DeleteMessageBatchCommand', 'new'] },
    facts: { via: 'send' },
    description: 'an SQS message deleted with DeleteMessageCommand',
  },
  {
    id: 'ack.sqs.delete-message.method',
    role: 'ack',
    target: { from: 'package', package: ['@aws-sdk/client-sqs', 'aws-sdk', 'aws-sdk/clients/sqs'], path: ['**', 'deleteMessage|deleteMessageBatch', '()'] },
    description: 'an SQS message deleted with sqs.deleteMessage()',
  },
  {
    id: 'ack.bull.done',
    role: 'ack',
    target: { from: 'role', role: 'bull.done', path: ['()'] },
    facts: { success: 'no-error-arg' },
    description: 'a Bull job completed with done(null, result)',
  },
  {
    id: 'ack.lambda.callback',
    role: 'ack',
    target: { from: 'role', role: 'lambda.callback', path: ['()'] },
    facts: { success: 'no-error-arg' },
    description: 'a Lambda invocation completed with callback(null, result)',
  },
  {
    id: 'ack.lambda.context.succeed',
    role: 'ack',
    target: { from: 'role', role: 'lambda.context', path: ['succeed', '()'] },
    description: 'a Lambda invocation completed with context.succeed()',
  },
  {
    id: 'ack.nats.jetstream.ack',
    role: 'ack',
    target: { from: 'package', package: ['nats', '@nats-io/jetstream'], path: ['**', 'ack|ackAck', '()'] },
    description: 'a NATS JetStream message acknowledged with m.ack()',
  },
  {
    id: 'ack.azure-service-bus.complete',
    role: 'ack',
    target: { from: 'package', package: ['@azure/service-bus'], path: ['**', 'completeMessage', '()'] },
    description: 'an Azure Service Bus message completed with receiver.completeMessage()',
  },
  {
    id: 'ack.redis.stream.xack',
    role: 'ack',
    target: { from: 'package', package: ['ioredis', 'redis', '@redis/client'], path: ['**', 'xack|xAck', '()'] },
    description: 'a Redis stream entry acknowledged with XACK',
  },
  {
    id: 'ack.nestjs.rmq-context.ack',
    role: 'ack',
    target: { from: 'package', package: ['@nestjs/microservices'], path: ['RmqContext', '#', 'getChannelRef', '()', 'ack', '()'] },
    description: 'a RabbitMQ message acknowledged from a NestJS microservice handler (context.getChannelRef().ack())',
  },
  {
    id: 'ack.nestjs.kafka-context.commit',
    role: 'ack',
    target: { from: 'package', package: ['@nestjs/microservices'], path: ['KafkaContext', '#', 'getConsumer', '()', 'commitOffsets', '()'] },
    description: 'Kafka offsets committed from a NestJS microservice handler',
  },
  {
    id: 'ack.pubsub.message.ack',
    role: 'ack',
    target: { from: 'role', role: 'pubsub.message', path: ['ack', '()'] },
    description: 'a Pub/Sub message acknowledged with message.ack()',
  },
];

/**
 * Handlers whose return (or resolved promise) is the acknowledgement. `frameworks` are ids of
 * `core/catalog/frameworks.ts`. Conditions narrow when the return acknowledges.
 */
export interface ImplicitAck {
  id: string;
  frameworks: readonly string[];
  /** Words for messages: "the BullMQ processor". */
  label: string;
  /** Returning acknowledges only when the handler declares fewer parameters (Bull `done`, Lambda `callback`)... */
  maxParams?: number;
  /** ...or is async (an async Lambda handler with a callback parameter still replies on resolve). */
  asyncAlways?: boolean;
  /** Only when the handler takes no response parameter (NestJS `@Res()`). */
  noResponseParam?: boolean;
  /** Only returns of a value acknowledge (Fastify async handlers), and only in async handlers. */
  returnsValue?: boolean;
  /** Options of the registering call's object argument that turn the implicit ack off. */
  disabledBy?: readonly { property: string; value: boolean }[];
  /** Report at the response-body assignment (Koa) rather than at the pending write. */
  reportAtAssignment?: boolean;
}

export const implicitAcks: readonly ImplicitAck[] = [
  { id: 'bullmq.processor', frameworks: ['bullmq.worker'], label: 'the BullMQ processor' },
  { id: 'bull.processor', frameworks: ['bull.process'], label: 'the Bull processor', maxParams: 1 },
  {
    id: 'kafkajs.each-message',
    frameworks: ['kafkajs.each-message'],
    label: 'kafkajs eachMessage (autoCommit)',
    disabledBy: [{ property: 'autoCommit', value: false }],
  },
  {
    id: 'kafkajs.each-batch',
    frameworks: ['kafkajs.each-batch'],
    label: 'kafkajs eachBatch (eachBatchAutoResolve)',
    disabledBy: [
      { property: 'autoCommit', value: false },
      { property: 'eachBatchAutoResolve', value: false },
    ],
  },
  { id: 'aws-lambda.handler', frameworks: ['aws-lambda.handler'], label: 'the Lambda handler', maxParams: 2, asyncAlways: true },
  { id: 'nestjs.controller-method', frameworks: ['nestjs.controller-method'], label: 'the NestJS controller method', noResponseParam: true },
  { id: 'fetch.route-handler', frameworks: ['next.route-handler', 'hono.route'], label: 'the route handler (its returned Response)' },
  { id: 'sqs-consumer.handle-message', frameworks: ['sqs-consumer.handle-message'], label: 'the sqs-consumer handler' },
  {
    id: 'fastify.async-handler',
    frameworks: ['fastify.route', 'fastify.route.handler', 'fastify.plugin.route', 'fastify.plugin.route.handler'],
    label: 'the async Fastify handler (its returned value)',
    returnsValue: true,
  },
  { id: 'koa.middleware', frameworks: ['koa.middleware', 'koa.router'], label: 'Koa (it replies when the middleware resolves)', reportAtAssignment: true },
];
