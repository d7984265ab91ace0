import type { FrameworkCallback, TypeRole } from './types.js';

/**
 * Frameworks that call user code, and what they hand to it. Roles used across the catalog:
 * - `http.request`: an incoming HTTP request (a readable stream of hostile bytes plus headers/params).
 * - `http.response`: a Node/express-style response (`res.json()`, `res.end()` acknowledge).
 * - `fastify.reply`, `koa.context`, `hono.context`, `fetch.request`: the framework's own objects.
 * - `amqplib.connection`, `amqplib.channel`: a connection and a channel of amqplib's callback API.
 * - `amqplib.message`, `kafkajs.eachMessage.payload`, `kafkajs.eachBatch.payload`, `bullmq.job`, `bull.job`,
 *   `bull.done`, `sqs.message`, `pubsub.message`: queue deliveries and their acks.
 * - `lambda.event`, `lambda.context`, `lambda.callback`: AWS Lambda handler arguments.
 * - `ws.socket`, `ws.message`: a `ws` connection and one message.
 * - `net.socket`: a TCP/TLS connection accepted by a `net`/`tls` server.
 * - `http.client-response`: the response of an outbound `http(s).get/request` (not client input).
 * - `http2.stream`, `http2.headers`: a stream of an HTTP/2 server's `'stream'` event and its request headers.
 */
const HTTP_METHODS = 'get|post|put|patch|delete|del|all|head|options|use';

export const frameworks: readonly FrameworkCallback[] = [
  {
    id: 'express.route',
    kind: 'http',
    registrar: { from: 'package', package: ['express'], path: ['**', HTTP_METHODS] },
    params: ['http.request', 'http.response', 'express.next'],
    paramsWithError: [undefined, 'http.request', 'http.response', 'express.next'],
  },
  {
    id: 'http.server',
    kind: 'http',
    registrar: { from: 'package', package: ['http', 'https', 'http2'], path: ['createServer|createSecureServer'] },
    params: ['http.request', 'http.response'],
  },
  {
    id: 'http.server.on-request',
    kind: 'http',
    registrar: { from: 'package', package: ['http', 'https', 'http2'], path: ['createServer|createSecureServer|Server', '()|new', 'on|once|addListener'] },
    event: 'request',
    args: [1],
    params: ['http.request', 'http.response'],
  },
  {
    // An outbound request's response (`https.get(url, (res) => ...)`): the peer's bytes, not a client request,
    // even when the callback types it `IncomingMessage`.
    id: 'http.client.response',
    kind: 'http-client',
    registrar: { from: 'package', package: ['http', 'https'], path: ['get|request'] },
    params: ['http.client-response'],
  },
  {
    id: 'http.client.on-response',
    kind: 'http-client',
    registrar: { from: 'package', package: ['http', 'https'], path: ['get|request', '()', 'on|once'] },
    event: 'response',
    args: [1],
    params: ['http.client-response'],
  },
  {
    id: 'http2.on-stream',
    kind: 'http2',
    registrar: { from: 'package', package: ['http2'], path: ['createServer|createSecureServer', '()', 'on|once|addListener'] },
    event: 'stream',
    args: [1],
    params: ['http2.stream', 'http2.headers'],
  },
  {
    id: 'fastify.route',
    kind: 'http',
    registrar: { from: 'package', package: ['fastify'], path: ['**', `${HTTP_METHODS}|route`] },
    params: ['http.request', 'fastify.reply'],
  },
  {
    id: 'fastify.route.handler',
    kind: 'http',
    registrar: { from: 'package', package: ['fastify'], path: ['**', 'route'] },
    property: ['handler', 'preHandler'],
    params: ['http.request', 'fastify.reply'],
  },
  {
    id: 'fastify.plugin.route',
    kind: 'http',
    registrar: { from: 'role', role: 'fastify.instance', path: ['**', `${HTTP_METHODS}|route`] },
    params: ['http.request', 'fastify.reply'],
  },
  {
    id: 'fastify.plugin.route.handler',
    kind: 'http',
    registrar: { from: 'role', role: 'fastify.instance', path: ['**', 'route'] },
    property: ['handler', 'preHandler'],
    params: ['http.request', 'fastify.reply'],
  },
  {
    id: 'fastify.register',
    kind: 'plugin',
    registrar: { from: 'package', package: ['fastify'], path: ['**', 'register'] },
    args: [0],
    params: ['fastify.instance'],
  },
  {
    id: 'fastify.plugin.register',
    kind: 'plugin',
    registrar: { from: 'role', role: 'fastify.instance', path: ['**', 'register'] },
    args: [0],
    params: ['fastify.instance'],
  },
  {
    id: 'fastify.plugin.wrap',
    kind: 'plugin',
    registrar: { from: 'package', package: ['fastify-plugin'], path: [] },
    args: [0],
    params: ['fastify.instance'],
  },
  {
    id: 'fastify.content-type-parser',
    kind: 'http-parser',
    registrar: { from: 'package', package: ['fastify'], path: ['**', 'addContentTypeParser'] },
    params: ['http.request', 'fastify.payload', 'fastify.done'],
  },
  {
    id: 'fastify.plugin.content-type-parser',
    kind: 'http-parser',
    registrar: { from: 'role', role: 'fastify.instance', path: ['**', 'addContentTypeParser'] },
    params: ['http.request', 'fastify.payload', 'fastify.done'],
  },
  {
    id: 'koa.middleware',
    kind: 'http',
    registrar: { from: 'package', package: ['koa'], path: ['**', 'use'] },
    params: ['koa.context', 'koa.next'],
  },
  {
    id: 'koa.router',
    kind: 'http',
    registrar: { from: 'package', package: ['@koa/router', 'koa-router'], path: ['**', HTTP_METHODS] },
    params: ['koa.context', 'koa.next'],
  },
  {
    id: 'hono.route',
    kind: 'http',
    registrar: { from: 'package', package: ['hono'], path: ['**', `${HTTP_METHODS}|on`] },
    params: ['hono.context', 'hono.next'],
  },
  {
    id: 'next.route-handler',
    kind: 'http',
    exportNames: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    params: ['fetch.request'],
    facts: { implicitAck: true },
  },
  // Next.js API routes of the pages router: the default export of a file under `pages/api` (`src/pages/api` too),
  // called with Node's request and response, which Next extends with `status`, `json`, `send` and `redirect`.
  // In TypeScript the `NextApiRequest`/`NextApiResponse` types say as much (below); in JavaScript only the path does.
  {
    id: 'next.api-route',
    kind: 'http',
    exportNames: ['default'],
    files: '**/pages/api/**',
    params: ['http.request', 'http.response'],
  },
  // next-connect, a router for Next.js API routes: `nc().post(handler)` (v0) and `createRouter().post(handler)` (v1).
  {
    id: 'next-connect.route',
    kind: 'http',
    registrar: { from: 'package', package: ['next-connect'], path: ['**', HTTP_METHODS] },
    params: ['http.request', 'http.response', 'express.next'],
  },
  {
    id: 'nestjs.controller-method',
    kind: 'http',
    methodOf: {
      classDecorator: { from: 'package', package: ['@nestjs/common'], path: ['Controller', '()'] },
      methodDecorator: { from: 'package', package: ['@nestjs/common'], path: ['Get|Post|Put|Patch|Delete|All|Head|Options', '()'] },
    },
    params: [],
    facts: { implicitAck: true },
  },
  {
    id: 'aws-lambda.handler',
    kind: 'lambda',
    exportNames: ['handler'],
    params: ['lambda.event', 'lambda.context', 'lambda.callback'],
    facts: { implicitAck: true },
  },
  {
    id: 'amqplib.consume',
    kind: 'queue',
    registrar: { from: 'package', package: ['amqplib', 'amqplib/callback_api', 'amqp-connection-manager'], path: ['**', 'consume'] },
    args: [1],
    params: ['amqplib.message'],
  },
  // amqplib's callback API hands the connection and the channel to callbacks (`amqp.connect(url, (err, conn) => ...)`,
  // `conn.createChannel((err, ch) => ...)`) instead of returning them: these give them their roles.
  {
    id: 'amqplib.callback.connect',
    kind: 'client',
    registrar: { from: 'package', package: ['amqplib/callback_api'], path: ['connect'] },
    params: [undefined, 'amqplib.connection'],
  },
  {
    id: 'amqplib.callback.create-channel',
    kind: 'client',
    registrar: { from: 'role', role: 'amqplib.connection', path: ['createChannel|createConfirmChannel'] },
    params: [undefined, 'amqplib.channel'],
  },
  {
    id: 'amqplib.callback.consume',
    kind: 'queue',
    registrar: { from: 'role', role: 'amqplib.channel', path: ['consume'] },
    args: [1],
    params: ['amqplib.message'],
  },
  {
    id: 'kafkajs.each-message',
    kind: 'queue',
    registrar: { from: 'package', package: ['kafkajs'], path: ['**', 'run'] },
    property: 'eachMessage',
    params: ['kafkajs.eachMessage.payload'],
    facts: { implicitAck: true },
  },
  {
    id: 'kafkajs.each-batch',
    kind: 'queue',
    registrar: { from: 'package', package: ['kafkajs'], path: ['**', 'run'] },
    property: 'eachBatch',
    params: ['kafkajs.eachBatch.payload'],
    facts: { implicitAck: true },
  },
  {
    id: 'bullmq.worker',
    kind: 'job',
    registrar: { from: 'package', package: ['bullmq'], path: ['Worker'] },
    args: [1],
    params: ['bullmq.job', 'bullmq.token'],
    facts: { implicitAck: true },
  },
  {
    id: 'bull.process',
    kind: 'job',
    registrar: { from: 'package', package: ['bull', 'bee-queue'], path: ['**', 'process'] },
    params: ['bull.job', 'bull.done'],
    facts: { implicitAck: true },
  },
  {
    id: 'sqs-consumer.handle-message',
    kind: 'queue',
    registrar: { from: 'package', package: ['sqs-consumer'], path: ['Consumer', 'create|new'] },
    property: ['handleMessage', 'handleMessageBatch'],
    params: ['sqs.message'],
    facts: { implicitAck: true },
  },
  {
    id: 'pubsub.on-message',
    kind: 'queue',
    registrar: { from: 'package', package: ['@google-cloud/pubsub'], path: ['**', 'on'] },
    event: 'message',
    args: [1],
    params: ['pubsub.message'],
  },
  {
    id: 'net.server',
    kind: 'socket',
    registrar: { from: 'package', package: ['net', 'tls'], path: ['createServer'] },
    params: ['net.socket'],
  },
  {
    id: 'ws.on-connection',
    kind: 'socket',
    registrar: { from: 'package', package: ['ws'], path: ['**', 'on|once|addListener'] },
    event: 'connection',
    args: [1],
    params: ['ws.socket', 'http.request'],
  },
  {
    id: 'ws.on-message',
    kind: 'socket',
    registrar: { from: 'role', role: 'ws.socket', path: ['on|once|addListener'] },
    event: 'message',
    args: [1],
    params: ['ws.message', 'ws.is-binary'],
  },
];

/** Declared types (and parameter decorators) that give a value a role. */
export const typeRoles: readonly TypeRole[] = [
  { id: 'express.Request', type: { from: 'package', package: ['express', 'express-serve-static-core'], path: ['Request', '#'] }, role: 'http.request' },
  { id: 'express.Response', type: { from: 'package', package: ['express', 'express-serve-static-core'], path: ['Response', '#'] }, role: 'http.response' },
  { id: 'http.IncomingMessage', type: { from: 'package', package: ['http', 'https', 'http2'], path: ['IncomingMessage|Http2ServerRequest', '#'] }, role: 'http.request' },
  { id: 'http.ServerResponse', type: { from: 'package', package: ['http', 'https', 'http2'], path: ['ServerResponse|Http2ServerResponse', '#'] }, role: 'http.response' },
  { id: 'fastify.FastifyRequest', type: { from: 'package', package: ['fastify'], path: ['FastifyRequest', '#'] }, role: 'http.request' },
  { id: 'fastify.FastifyReply', type: { from: 'package', package: ['fastify'], path: ['FastifyReply', '#'] }, role: 'fastify.reply' },
  { id: 'fastify.FastifyInstance', type: { from: 'package', package: ['fastify'], path: ['FastifyInstance|FastifyPluginAsync|FastifyPluginCallback', '#'] }, role: 'fastify.instance' },
  { id: 'koa.Context', type: { from: 'package', package: ['koa', '@koa/router', 'koa-router'], path: ['**', 'Context|ParameterizedContext|DefaultContext|RouterContext', '#'] }, role: 'koa.context' },
  { id: 'hono.Context', type: { from: 'package', package: ['hono'], path: ['Context', '#'] }, role: 'hono.context' },
  { id: 'fetch.Request', type: { from: 'lib', path: ['Request', '#'] }, role: 'fetch.request' },
  { id: 'undici.Request', type: { from: 'package', package: ['undici-types', 'undici'], path: ['Request', '#'] }, role: 'fetch.request' },
  { id: 'next.NextRequest', type: { from: 'package', package: ['next/server', 'next'], path: ['NextRequest', '#'] }, role: 'fetch.request' },
  { id: 'next.NextApiRequest', type: { from: 'package', package: ['next'], path: ['NextApiRequest', '#'] }, role: 'http.request' },
  { id: 'next.NextApiResponse', type: { from: 'package', package: ['next'], path: ['NextApiResponse', '#'] }, role: 'http.response' },
  { id: 'kafkajs.EachMessagePayload', type: { from: 'package', package: ['kafkajs'], path: ['EachMessagePayload', '#'] }, role: 'kafkajs.eachMessage.payload' },
  { id: 'kafkajs.EachBatchPayload', type: { from: 'package', package: ['kafkajs'], path: ['EachBatchPayload', '#'] }, role: 'kafkajs.eachBatch.payload' },
  { id: 'amqplib.ConsumeMessage', type: { from: 'package', package: ['amqplib'], path: ['ConsumeMessage|Message', '#'] }, role: 'amqplib.message' },
  { id: 'pubsub.Message', type: { from: 'package', package: ['@google-cloud/pubsub'], path: ['Message', '#'] }, role: 'pubsub.message' },
  { id: 'bullmq.Job', type: { from: 'package', package: ['bullmq'], path: ['Job', '#'] }, role: 'bullmq.job' },
  { id: 'bull.Job', type: { from: 'package', package: ['bull'], path: ['**', 'Job', '#'] }, role: 'bull.job' },
  { id: 'aws-lambda.Callback', type: { from: 'package', package: ['aws-lambda'], path: ['Callback|APIGatewayProxyCallback|SQSCallback|Handler', '#'] }, role: 'lambda.callback' },
  { id: 'aws-lambda.Context', type: { from: 'package', package: ['aws-lambda'], path: ['Context', '#'] }, role: 'lambda.context' },
  { id: 'aws-lambda.Event', type: { from: 'package', package: ['aws-lambda'], path: ['APIGatewayProxyEvent|APIGatewayProxyEventV2|SQSEvent|SNSEvent|KinesisStreamEvent', '#'] }, role: 'lambda.event' },
  { id: 'nestjs.Res', type: { from: 'package', package: ['@nestjs/common'], path: ['Res|Response', '()', '@'] }, role: 'http.response' },
  { id: 'nestjs.Req', type: { from: 'package', package: ['@nestjs/common'], path: ['Req|Request', '()', '@'] }, role: 'http.request' },
  { id: 'nestjs.Body', type: { from: 'package', package: ['@nestjs/common'], path: ['Body', '()', '@'] }, role: 'http.parsed-body' },
];
