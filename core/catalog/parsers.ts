import type { CatalogEntry } from './types.js';

/**
 * Catalog of the no-unbounded-parse rule: where hostile bytes come from, what reads them whole, what
 * parses them, and which configuration calls set (or fail to set) a size bound.
 *
 * Roles and their facts:
 * - `hostile-source`: a value an attacker controls. `facts.kind`:
 *   - `stream`: the chunks of a readable stream of request/socket bytes (`req`, `ctx.req`, a Fastify raw
 *     payload); the target names a chunk, `[]` being an element read by iteration (`for await (c of req)`);
 *   - `user-input`: a request field that may name a file (`req.params`, `ctx.query`, `c.req.param()`);
 *   - `queue-payload` / `gateway-payload`: broker or API Gateway payloads, hostile only when the rule's
 *     `checkQueuePayloads` / `checkGatewayEvents` option is on.
 *   `facts.label` names the source in messages.
 * - `parser`: parses text or bytes into objects (`JSON.parse`, YAML, XML, query strings, CSV, ...).
 * - `unbounded-reader`: reads a whole stream or file into memory. `facts.kind`: `stream` (the stream is
 *   argument `facts.streamArg`, default 0), `receiver` (the call's receiver is the hostile value, as in
 *   `request.json()`), `file` (the path is argument `facts.pathArg`); `facts.parses` when the reader also
 *   parses what it read (`json()`, `readJson()`). A reader with `facts.limitOption`
 *   is bounded when its options (argument `facts.optionsArg`) set that option to a bounded value;
 *   `facts.defaultBounded` readers are bounded unless that limit is huge.
 * - `bounded-reader`: a middleware that caps the body for every later read (`facts.kind: 'middleware'`).
 * - `upload-parser`: a multipart parser that needs `limits.fileSize` (`facts.optionsArg`,
 *   `facts.limitsOption`, `facts.sizeOption`). `facts.limitsInherited`: options without the limits option
 *   may get it from elsewhere (NestJS's `MulterModule`), so only a limits object written at the call is judged.
 *   `facts.limitsOption: false`: the size is an option of its own (`maxFileSize`), not one inside `limits`.
 *   `facts.defaultBounded`: the library caps the size by default (formidable), so only a size option written at
 *   the call that turns the cap off is reported.
 * - `body-parser`: a body parser or server whose size options must not be turned off.
 *   `facts.optionsArg` (a number or `'last'`) and `facts.limits`: `{ option, default, kind }`, where `kind`
 *   is `bytes` (a byte size: number or `'10mb'`) or `count` (a number of parameters).
 * - `socket-server`: a socket server that needs an explicit message size bound (`facts.optionsArg`,
 *   `facts.limitOption`, `facts.zeroIsUnlimited`).
 */

const BYTES = 'bytes';
const COUNT = 'count';

const hostileSources: readonly CatalogEntry[] = [
  {
    id: 'http.request.stream',
    role: 'hostile-source',
    target: { from: 'role', role: 'http.request', path: ['[]'] },
    facts: { kind: 'stream', label: 'the request body' },
    description: 'An incoming HTTP request (node:http, express, a typed `IncomingMessage`/`Request`) is a stream of client bytes.',
  },
  {
    id: 'http.request.piped',
    role: 'hostile-source',
    target: { from: 'role', role: ['http.request', 'net.socket', 'fastify.payload', 'http2.stream'], path: ['pipe', '()', '[]'] },
    facts: { kind: 'stream', label: 'the request body' },
    description: 'A request piped through a transform (`req.pipe(zlib.createGunzip())`) is still client bytes, possibly decompressed.',
  },
  {
    id: 'fastify.request.raw',
    role: 'hostile-source',
    target: { from: 'role', role: 'http.request', path: ['raw', '[]'] },
    facts: { kind: 'stream', label: 'the raw request body' },
    description: "Fastify's `request.raw` is the Node request stream; `bodyLimit` does not apply to reading it.",
  },
  {
    id: 'fastify.content-type-parser.payload',
    role: 'hostile-source',
    target: { from: 'role', role: 'fastify.payload', path: ['[]'] },
    facts: { kind: 'stream', label: 'the raw request payload' },
    description: 'The payload of a Fastify content-type parser without `parseAs` is the raw stream; `bodyLimit` does not apply to it.',
  },
  {
    id: 'koa.context.req',
    role: 'hostile-source',
    target: { from: 'role', role: 'koa.context', path: ['request', 'req', '[]'] },
    facts: { kind: 'stream', label: 'the request body' },
    description: "Koa's `ctx.req` (also `ctx.request.req`) is the Node request stream.",
  },
  {
    id: 'koa.context.req.direct',
    role: 'hostile-source',
    target: { from: 'role', role: 'koa.context', path: ['req', '[]'] },
    facts: { kind: 'stream', label: 'the request body' },
    description: "Koa's `ctx.req`.",
  },
  {
    id: 'fetch.request.body',
    role: 'hostile-source',
    target: { from: 'role', role: 'fetch.request', path: ['body', '[]'] },
    facts: { kind: 'stream', label: 'the request body' },
    description: 'The body stream of a fetch `Request` received by a handler.',
  },
  {
    id: 'fetch.request.body.reader',
    role: 'hostile-source',
    target: { from: 'role', role: ['fetch.request', 'hono.context'], path: ['**', 'body', 'getReader', '()', '[]'] },
    facts: { kind: 'stream', label: 'the request body' },
    description: 'A reader of a fetch `Request` body (`request.body.getReader()`); its `read()` yields client chunks.',
  },
  {
    id: 'hono.request.body',
    role: 'hostile-source',
    target: { from: 'role', role: 'hono.context', path: ['req', 'raw', 'body', '[]'] },
    facts: { kind: 'stream', label: 'the request body' },
    description: "The body stream of Hono's raw request.",
  },
  {
    id: 'http2.stream',
    role: 'hostile-source',
    target: { from: 'role', role: 'http2.stream', path: ['[]'] },
    facts: { kind: 'stream', label: 'the HTTP/2 request stream' },
    description: "The stream of an HTTP/2 server's `'stream'` event carries the request body.",
  },
  {
    id: 'net.socket.stream',
    role: 'hostile-source',
    target: { from: 'role', role: 'net.socket', path: ['[]'] },
    facts: { kind: 'stream', label: 'the socket stream' },
    description: 'A TCP/TLS socket accepted by a `net`/`tls` server.',
  },
  {
    id: 'fs.user-chosen-file-stream',
    role: 'hostile-source',
    target: { from: 'package', package: ['fs', 'fs-extra'], path: ['createReadStream', '()', '[]'] },
    facts: { kind: 'stream', pathArg: 0, label: 'a file whose path comes from the request' },
    description: 'A file stream opened on a path built from the request (only then: `facts.pathArg` must hold user input).',
  },
  {
    id: 'http.request.user-input',
    role: 'hostile-source',
    target: { from: 'role', role: 'http.request', path: ['params|query|body|headers|cookies|signedCookies|url|originalUrl|path', '**'] },
    facts: { kind: 'user-input', label: 'a request field' },
    description: 'Request fields a client chooses (route params, query, body, headers, cookies, url). Uploaded files are bounded by their upload parser, so `req.file` is not one.',
  },
  {
    id: 'http.request.user-input.getter',
    role: 'hostile-source',
    target: { from: 'role', role: 'http.request', path: ['param|header|get', '()', '**'] },
    facts: { kind: 'user-input', label: 'a request field' },
    description: 'Request fields read through a getter (`req.param(x)`, `req.get(x)`).',
  },
  {
    id: 'koa.context.user-input',
    role: 'hostile-source',
    target: { from: 'role', role: 'koa.context', path: ['params|query|querystring|path|url|originalUrl|headers|header|request', '**'] },
    facts: { kind: 'user-input', label: 'a request field' },
    description: 'Koa request fields a client chooses.',
  },
  {
    id: 'hono.context.user-input',
    role: 'hostile-source',
    target: { from: 'role', role: 'hono.context', path: ['req', 'param|query|queries|header|url|path', '**'] },
    facts: { kind: 'user-input', label: 'a request field' },
    description: 'Hono request fields a client chooses.',
  },
  {
    id: 'fetch.request.user-input',
    role: 'hostile-source',
    target: { from: 'role', role: 'fetch.request', path: ['url|headers|nextUrl', '**'] },
    facts: { kind: 'user-input', label: 'a request field' },
    description: 'Fields of a fetch `Request` a client chooses.',
  },
  {
    id: 'http.parsed-body.user-input',
    role: 'hostile-source',
    target: { from: 'role', role: 'http.parsed-body', path: ['**'] },
    facts: { kind: 'user-input', label: 'a request field' },
    description: 'A parsed request body handed to a handler (NestJS `@Body()`).',
  },
  {
    id: 'kafkajs.message.value',
    role: 'hostile-source',
    target: { from: 'role', role: 'kafkajs.eachMessage.payload', path: ['message', 'value|key', '**'] },
    facts: { kind: 'queue-payload', label: 'a Kafka message' },
    description: 'A kafkajs message value (bounded by the broker; hostile only with `checkQueuePayloads`).',
  },
  {
    id: 'kafkajs.batch.message.value',
    role: 'hostile-source',
    target: { from: 'role', role: 'kafkajs.eachBatch.payload', path: ['batch', 'messages', '*', 'value|key', '**'] },
    facts: { kind: 'queue-payload', label: 'a Kafka message' },
    description: 'A kafkajs batch message value.',
  },
  {
    id: 'amqplib.message.content',
    role: 'hostile-source',
    target: { from: 'role', role: 'amqplib.message', path: ['content', '**'] },
    facts: { kind: 'queue-payload', label: 'a RabbitMQ message' },
    description: 'An amqplib message body.',
  },
  {
    id: 'sqs.message.body',
    role: 'hostile-source',
    target: { from: 'role', role: 'sqs.message', path: ['Body', '**'] },
    facts: { kind: 'queue-payload', label: 'an SQS message' },
    description: 'An SQS message body (sqs-consumer).',
  },
  {
    id: 'bullmq.job.data',
    role: 'hostile-source',
    target: { from: 'role', role: ['bullmq.job', 'bull.job'], path: ['data', '**'] },
    facts: { kind: 'queue-payload', label: 'job data' },
    description: 'BullMQ/Bull job data.',
  },
  {
    id: 'pubsub.message.data',
    role: 'hostile-source',
    target: { from: 'role', role: 'pubsub.message', path: ['data', '**'] },
    facts: { kind: 'queue-payload', label: 'a Pub/Sub message' },
    description: 'A Google Pub/Sub message body.',
  },
  {
    id: 'lambda.event.records',
    role: 'hostile-source',
    target: { from: 'role', role: 'lambda.event', path: ['Records', '*', 'body|Sns|kinesis', '**'] },
    facts: { kind: 'queue-payload', label: 'a queue record' },
    description: 'SQS/SNS/Kinesis records delivered to a Lambda handler.',
  },
  {
    id: 'lambda.event.body',
    role: 'hostile-source',
    target: { from: 'role', role: 'lambda.event', path: ['body', '**'] },
    facts: { kind: 'gateway-payload', label: 'the API Gateway event body' },
    description: 'API Gateway `event.body` (capped by the gateway; hostile only with `checkGatewayEvents`).',
  },
];

const parsers: readonly CatalogEntry[] = [
  { id: 'json.parse', role: 'parser', target: { from: 'lib', path: ['JSON', 'parse', '()'] }, facts: { format: 'JSON' } },
  { id: 'js-yaml.load', role: 'parser', target: { from: 'package', package: 'js-yaml', path: ['load|loadAll|safeLoad|safeLoadAll', '()'] }, facts: { format: 'YAML' } },
  { id: 'yaml.parse', role: 'parser', target: { from: 'package', package: 'yaml', path: ['parse|parseDocument|parseAllDocuments', '()'] }, facts: { format: 'YAML' } },
  { id: 'fast-xml-parser.parse', role: 'parser', target: { from: 'package', package: 'fast-xml-parser', path: ['XMLParser', 'new', 'parse', '()'] }, facts: { format: 'XML' } },
  { id: 'fast-xml-parser.legacy-parse', role: 'parser', target: { from: 'package', package: 'fast-xml-parser', path: ['parse', '()'] }, facts: { format: 'XML' } },
  { id: 'xml2js.parse', role: 'parser', target: { from: 'package', package: 'xml2js', path: ['**', 'parseString|parseStringPromise', '()'] }, facts: { format: 'XML' } },
  { id: 'xmldom.parse', role: 'parser', target: { from: 'package', package: ['@xmldom/xmldom', 'xmldom'], path: ['DOMParser', 'new', 'parseFromString', '()'] }, facts: { format: 'XML' } },
  { id: 'libxmljs.parse', role: 'parser', target: { from: 'package', package: ['libxmljs', 'libxmljs2'], path: ['parseXml|parseXmlString|parseHtml|parseHtmlString', '()'] }, facts: { format: 'XML' } },
  { id: 'xml-js.parse', role: 'parser', target: { from: 'package', package: 'xml-js', path: ['xml2js|xml2json', '()'] }, facts: { format: 'XML' } },
  { id: 'querystring.parse', role: 'parser', target: { from: 'package', package: 'querystring', path: ['parse|decode', '()'] }, facts: { format: 'query string' } },
  { id: 'qs.parse', role: 'parser', target: { from: 'package', package: 'qs', path: ['parse', '()'] }, facts: { format: 'query string' } },
  { id: 'url-search-params', role: 'parser', target: { from: 'lib', path: ['URLSearchParams', 'new'] }, facts: { format: 'query string' } },
  { id: 'csv-parse.parse', role: 'parser', target: { from: 'package', package: ['csv-parse', 'csv-parse/sync'], path: ['parse', '()'] }, facts: { format: 'CSV' } },
  { id: 'papaparse.parse', role: 'parser', target: { from: 'package', package: 'papaparse', path: ['parse', '()'] }, facts: { format: 'CSV' } },
  { id: 'json5.parse', role: 'parser', target: { from: 'package', package: ['json5', 'secure-json-parse', 'destr'], path: ['**', 'parse', '()'] }, facts: { format: 'JSON' } },
  { id: 'toml.parse', role: 'parser', target: { from: 'package', package: ['toml', '@iarna/toml', 'smol-toml', 'ini'], path: ['parse|decode', '()'] }, facts: { format: 'TOML' } },
  { id: 'stripe.construct-event', role: 'parser', target: { from: 'package', package: 'stripe', path: ['**', 'webhooks', 'constructEvent|constructEventAsync', '()'] }, facts: { format: 'JSON' } },
  { id: 'msgpack.decode', role: 'parser', target: { from: 'package', package: ['@msgpack/msgpack', 'msgpackr', 'msgpack-lite'], path: ['**', 'decode|unpack', '()'] }, facts: { format: 'MessagePack' } },
];

const readers: readonly CatalogEntry[] = [
  {
    id: 'stream-consumers.read',
    role: 'unbounded-reader',
    target: { from: 'package', package: 'stream/consumers', path: ['text|buffer|arrayBuffer|blob', '()'] },
    facts: { kind: 'stream', streamArg: 0 },
    description: '`node:stream/consumers` readers buffer the whole stream.',
  },
  {
    id: 'stream-consumers.json',
    role: 'unbounded-reader',
    target: { from: 'package', package: 'stream/consumers', path: ['json', '()'] },
    facts: { kind: 'stream', streamArg: 0, parses: true },
    description: '`node:stream/consumers` `json()` buffers the whole stream and parses it.',
  },
  {
    id: 'readable.to-array',
    role: 'unbounded-reader',
    target: { from: 'role', role: ['http.request', 'net.socket', 'fastify.payload', 'http2.stream'], path: ['toArray', '()'] },
    facts: { kind: 'receiver' },
    description: '`Readable#toArray()` buffers every chunk.',
  },
  {
    id: 'fetch.request.read',
    role: 'unbounded-reader',
    target: { from: 'role', role: 'fetch.request', path: ['json|text|arrayBuffer|formData|blob|bytes', '()'] },
    facts: { kind: 'receiver', fetchStyle: true },
    description: 'A fetch `Request` body read whole (Next.js route handlers, Workers, Deno, Bun).',
  },
  {
    id: 'fetch.event.request.read',
    role: 'unbounded-reader',
    target: { from: 'role', role: 'fetch.request', path: ['request', 'json|text|arrayBuffer|formData|blob|bytes', '()'] },
    facts: { kind: 'receiver', fetchStyle: true },
    description: 'The `request` of a route-handler event (`export async function POST({ request })` in SvelteKit, Astro).',
  },
  {
    id: 'fetch.request.clone.read',
    role: 'unbounded-reader',
    target: { from: 'role', role: 'fetch.request', path: ['clone', '()', 'json|text|arrayBuffer|formData|blob|bytes', '()'] },
    facts: { kind: 'receiver', fetchStyle: true },
  },
  {
    id: 'hono.request.read',
    role: 'unbounded-reader',
    target: { from: 'role', role: 'hono.context', path: ['req', 'json|text|arrayBuffer|formData|blob|parseBody', '()'] },
    facts: { kind: 'receiver', fetchStyle: true },
    description: "Hono's `c.req.json()` and friends read the whole body.",
  },
  {
    id: 'hono.request.raw.read',
    role: 'unbounded-reader',
    target: { from: 'role', role: 'hono.context', path: ['req', 'raw', 'json|text|arrayBuffer|formData|blob|bytes', '()'] },
    facts: { kind: 'receiver', fetchStyle: true },
  },
  {
    id: 'raw-body',
    role: 'unbounded-reader',
    target: { from: 'package', package: 'raw-body', path: ['()'] },
    facts: { kind: 'stream', streamArg: 0, optionsArg: 1, limitOption: 'limit' },
    description: '`raw-body` without `limit` reads the whole stream.',
  },
  {
    id: 'get-stream',
    role: 'unbounded-reader',
    target: { from: 'package', package: 'get-stream', path: ['getStream|getStreamAsBuffer|getStreamAsArray|getStreamAsArrayBuffer|buffer|array', '()'] },
    facts: { kind: 'stream', streamArg: 0, optionsArg: 1, limitOption: 'maxBuffer' },
    description: '`get-stream` without `maxBuffer` reads the whole stream.',
  },
  {
    id: 'get-stream.default',
    role: 'unbounded-reader',
    target: { from: 'package', package: 'get-stream', path: ['()'] },
    facts: { kind: 'stream', streamArg: 0, optionsArg: 1, limitOption: 'maxBuffer' },
  },
  {
    id: 'co-body',
    role: 'unbounded-reader',
    target: { from: 'package', package: 'co-body', path: ['json|form|text', '()'] },
    facts: { kind: 'stream', streamArg: 0, optionsArg: 1, limitOption: 'limit', defaultBounded: true },
    description: '`co-body` is bounded at its defaults (1mb JSON, 56kb form/text) unless the limit is raised.',
  },
  {
    id: 'co-body.default',
    role: 'unbounded-reader',
    target: { from: 'package', package: 'co-body', path: ['()'] },
    facts: { kind: 'stream', streamArg: 0, optionsArg: 1, limitOption: 'limit', defaultBounded: true },
  },
  {
    id: 'micro.read',
    role: 'unbounded-reader',
    target: { from: 'package', package: 'micro', path: ['json|text|buffer', '()'] },
    facts: { kind: 'stream', streamArg: 0, optionsArg: 1, limitOption: 'limit', defaultBounded: true },
    description: "micro's body readers are bounded at 1mb unless the limit is raised.",
  },
  {
    id: 'fs.read-file',
    role: 'unbounded-reader',
    target: { from: 'package', package: 'fs', path: ['readFile|readFileSync', '()'] },
    facts: { kind: 'file', pathArg: 0 },
    description: 'Reads a whole file into memory.',
  },
  {
    id: 'fs.promises.read-file',
    role: 'unbounded-reader',
    target: { from: 'package', package: 'fs', path: ['promises', 'readFile', '()'] },
    facts: { kind: 'file', pathArg: 0 },
  },
  {
    id: 'fs-promises.read-file',
    role: 'unbounded-reader',
    target: { from: 'package', package: ['fs/promises', 'fs-extra'], path: ['readFile|readFileSync', '()'] },
    facts: { kind: 'file', pathArg: 0 },
  },
  {
    id: 'fs-extra.read-json',
    role: 'unbounded-reader',
    target: { from: 'package', package: ['fs-extra', 'jsonfile'], path: ['readJson|readJSON|readJsonSync|readJSONSync|readFile|readFileSync', '()'] },
    facts: { kind: 'file', pathArg: 0, parses: true },
    description: 'Reads a whole file and parses it as JSON.',
  },
];

const boundedReaders: readonly CatalogEntry[] = [
  {
    id: 'hono.body-limit',
    role: 'bounded-reader',
    target: { from: 'package', package: 'hono/body-limit', path: ['bodyLimit', '()'] },
    facts: { kind: 'middleware' },
    description: "Hono's `bodyLimit` middleware caps the body for the routes it guards.",
  },
];

/** A NestJS multer interceptor of `@nestjs/platform-express` whose options are argument `optionsArg`. */
function nestInterceptor(id: string, names: string, optionsArg: number): CatalogEntry {
  return {
    id,
    role: 'upload-parser',
    target: { from: 'package', package: '@nestjs/platform-express', path: [names, '()'] },
    facts: { optionsArg, limitsOption: 'limits', sizeOption: 'fileSize', limitsInherited: true },
    description: `A NestJS \`${names.replaceAll('|', '`/`')}\` whose own \`limits\` (replacing the module's) has no \`fileSize\`.`,
  };
}

const uploadParsers: readonly CatalogEntry[] = [
  {
    id: 'multer',
    role: 'upload-parser',
    target: { from: 'package', package: ['multer', '@koa/multer', 'koa-multer'], path: ['()'] },
    facts: { optionsArg: 0, limitsOption: 'limits', sizeOption: 'fileSize' },
    description: 'multer (and its Koa wrappers) accepts files of any size unless `limits.fileSize` is set.',
  },
  {
    id: 'multiparty',
    role: 'upload-parser',
    target: { from: 'package', package: 'multiparty', path: ['Form', 'new'] },
    facts: { optionsArg: 0, limitsOption: false, sizeOption: 'maxFilesSize' },
    description: 'multiparty accepts files of any total size unless `maxFilesSize` is set.',
  },
  {
    id: 'graphql-upload',
    role: 'upload-parser',
    target: { from: 'package', package: 'graphql-upload', path: ['graphqlUploadExpress|graphqlUploadKoa', '()'] },
    facts: { optionsArg: 0, limitsOption: false, sizeOption: 'maxFileSize' },
    description: 'graphql-upload accepts files of any size unless `maxFileSize` is set.',
  },
  {
    id: 'graphql-upload.module',
    role: 'upload-parser',
    target: {
      from: 'package',
      package: ['graphql-upload/graphqlUploadExpress.js', 'graphql-upload/graphqlUploadExpress.mjs', 'graphql-upload/graphqlUploadKoa.js', 'graphql-upload/graphqlUploadKoa.mjs'],
      path: ['()'],
    },
    facts: { optionsArg: 0, limitsOption: false, sizeOption: 'maxFileSize' },
    description: 'graphql-upload (one module per middleware, v14 and later) accepts files of any size unless `maxFileSize` is set.',
  },
  {
    id: 'formidable',
    role: 'upload-parser',
    target: { from: 'package', package: 'formidable', path: ['()'] },
    facts: { optionsArg: 0, limitsOption: false, sizeOption: 'maxFileSize', defaultBounded: true },
    description: 'formidable caps each file at 200 MB by default; reported when `maxFileSize` turns the cap off.',
  },
  {
    id: 'formidable.named',
    role: 'upload-parser',
    target: { from: 'package', package: 'formidable', path: ['IncomingForm|formidable', '()|new'] },
    facts: { optionsArg: 0, limitsOption: false, sizeOption: 'maxFileSize', defaultBounded: true },
    description: 'formidable caps each file at 200 MB by default; reported when `maxFileSize` turns the cap off.',
  },
  {
    id: 'express-fileupload',
    role: 'upload-parser',
    target: { from: 'package', package: 'express-fileupload', path: ['()'] },
    facts: { optionsArg: 0, limitsOption: 'limits', sizeOption: 'fileSize' },
    description: 'express-fileupload accepts files of any size unless `limits.fileSize` is set.',
  },
  {
    id: 'busboy',
    role: 'upload-parser',
    target: { from: 'package', package: ['busboy', 'connect-busboy'], path: ['()|new'] },
    facts: { optionsArg: 0, limitsOption: 'limits', sizeOption: 'fileSize' },
    description: 'busboy streams files of any size unless `limits.fileSize` is set.',
  },
  // NestJS's interceptors run multer with the module's options (`MulterModule.register(...)`, often in another file)
  // spread with their own: options without `limits` keep the module's, but a `limits` written here replaces them, so
  // it must cap the file size itself.
  nestInterceptor('nestjs.file-interceptor', 'FileInterceptor|FileFieldsInterceptor', 1),
  nestInterceptor('nestjs.files-interceptor', 'FilesInterceptor', 2),
  nestInterceptor('nestjs.any-files-interceptor', 'AnyFilesInterceptor', 0),
];

const bodyParsers: readonly CatalogEntry[] = [
  {
    id: 'express.body-parser',
    role: 'body-parser',
    target: { from: 'package', package: ['express', 'body-parser'], path: ['json|text|raw', '()'] },
    facts: { optionsArg: 0, limits: [{ option: 'limit', default: "'100kb'", kind: BYTES }] },
    description: 'express/body-parser json, text and raw parsers (100kb by default).',
  },
  {
    id: 'express.urlencoded',
    role: 'body-parser',
    target: { from: 'package', package: ['express', 'body-parser'], path: ['urlencoded', '()'] },
    facts: { optionsArg: 0, limits: [{ option: 'limit', default: "'100kb'", kind: BYTES }, { option: 'parameterLimit', default: '1000', kind: COUNT }] },
    description: 'express/body-parser urlencoded parser (100kb and 1000 parameters by default).',
  },
  {
    id: 'nestjs.use-body-parser',
    role: 'body-parser',
    target: { from: 'package', package: '@nestjs/core', path: ['**', 'useBodyParser', '()'] },
    facts: { optionsArg: 1, limits: [{ option: 'limit', default: "'100kb'", kind: BYTES }] },
    description: "NestJS `app.useBodyParser(type, { limit })` (express's body-parser underneath).",
  },
  {
    id: 'body-parser.combined',
    role: 'body-parser',
    target: { from: 'package', package: 'body-parser', path: ['()'] },
    facts: { optionsArg: 0, limits: [{ option: 'limit', default: "'100kb'", kind: BYTES }, { option: 'parameterLimit', default: '1000', kind: COUNT }] },
  },
  {
    id: 'koa-bodyparser',
    role: 'body-parser',
    target: { from: 'package', package: ['koa-bodyparser', '@koa/bodyparser'], path: ['()'] },
    facts: {
      optionsArg: 0,
      limits: [
        { option: 'jsonLimit', default: "'1mb'", kind: BYTES },
        { option: 'formLimit', default: "'56kb'", kind: BYTES },
        { option: 'textLimit', default: "'1mb'", kind: BYTES },
        { option: 'xmlLimit', default: "'1mb'", kind: BYTES },
      ],
    },
    description: 'koa-bodyparser (1mb JSON, 56kb form by default).',
  },
  {
    id: 'koa-bodyparser.named',
    role: 'body-parser',
    target: { from: 'package', package: ['@koa/bodyparser', 'koa-body'], path: ['bodyParser|koaBody', '()'] },
    facts: {
      optionsArg: 0,
      limits: [
        { option: 'jsonLimit', default: "'1mb'", kind: BYTES },
        { option: 'formLimit', default: "'56kb'", kind: BYTES },
        { option: 'textLimit', default: "'56kb'", kind: BYTES },
        { option: 'xmlLimit', default: "'1mb'", kind: BYTES },
      ],
    },
  },
  {
    id: 'koa-body',
    role: 'body-parser',
    target: { from: 'package', package: 'koa-body', path: ['()'] },
    facts: {
      optionsArg: 0,
      limits: [
        { option: 'jsonLimit', default: "'1mb'", kind: BYTES },
        { option: 'formLimit', default: "'56kb'", kind: BYTES },
        { option: 'textLimit', default: "'56kb'", kind: BYTES },
      ],
    },
    description: 'koa-body JSON/form/text limits (multipart limits are not checked).',
  },
  {
    id: 'fastify.body-limit',
    role: 'body-parser',
    target: { from: 'package', package: 'fastify', path: ['()'] },
    facts: { optionsArg: 0, limits: [{ option: 'bodyLimit', default: '1048576', kind: BYTES }] },
    description: 'A Fastify instance (1 MiB `bodyLimit` by default).',
  },
  {
    id: 'fastify.body-limit.named',
    role: 'body-parser',
    target: { from: 'package', package: 'fastify', path: ['fastify|default', '()'] },
    facts: { optionsArg: 0, limits: [{ option: 'bodyLimit', default: '1048576', kind: BYTES }] },
  },
  {
    id: 'socket.io.max-buffer',
    role: 'body-parser',
    target: { from: 'package', package: 'socket.io', path: ['Server', 'new'] },
    facts: { optionsArg: 'last', limits: [{ option: 'maxHttpBufferSize', default: '1e6', kind: BYTES }] },
    description: 'A socket.io server (1 MB `maxHttpBufferSize` by default).',
  },
  {
    id: 'socket.io.max-buffer.call',
    role: 'body-parser',
    target: { from: 'package', package: 'socket.io', path: ['()'] },
    facts: { optionsArg: 'last', limits: [{ option: 'maxHttpBufferSize', default: '1e6', kind: BYTES }] },
  },
];

const socketServers: readonly CatalogEntry[] = [
  {
    id: 'ws.server',
    role: 'socket-server',
    target: { from: 'package', package: 'ws', path: ['WebSocketServer|Server', 'new'] },
    facts: { optionsArg: 0, limitOption: 'maxPayload', zeroIsUnlimited: true, suggested: '1024 * 1024' },
    description: 'A `ws` server: its 100 MiB default `maxPayload` is no bound for a parse.',
  },
];

/** Every entry of the no-unbounded-parse rule. */
export const parserEntries: readonly CatalogEntry[] = [
  ...hostileSources,
  ...parsers,
  ...readers,
  ...boundedReaders,
  ...uploadParsers,
  ...bodyParsers,
  ...socketServers,
];
