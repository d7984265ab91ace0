// Generated from a case list; positions are those of the construct each case is about.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyzer/analyze.js';
import { checkNoUnboundedParse, type NoUnboundedParseOptions } from '../../core/checkers/no-unbounded-parse.js';
import rule from '../../rules/no-unbounded-parse.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-unbounded-parse', rule, {
  valid: [
    {
      name: 'express.json() at its default, a string field of its output parsed again',
      code: `import express from 'express';

export const app = express();
app.use(express.json());

app.post('/api/widgets/:id/layout', (req, res) => {
  const { layoutJson } = (req.body ?? {}) as { layoutJson?: string };
  const layout = JSON.parse(layoutJson ?? '{}');
  res.json({ id: req.params.id, layout });
});
`,
    },
    {
      name: 'express.text with a 5mb limit (under 10 MiB) and YAML load of the body',
      code: `import express from 'express';
import { load } from 'js-yaml';

export const router = express.Router();
router.put('/manifests/validate', express.text({ type: 'application/yaml', limit: '5mb' }), (req, res) => {
  const manifest = load(String(req.body)) as { kind?: string } | undefined;
  res.json({ kind: manifest?.kind ?? null });
});
`,
    },
    {
      name: 'body-parser limits at exactly 10mb and a bounded parameterLimit',
      filename: 'server.js',
      code: `import express from 'express';
import bodyParser from 'body-parser';

const app = express();
app.use(bodyParser.json({ limit: '10mb' }));
app.use(bodyParser.urlencoded({ extended: false, limit: '100kb', parameterLimit: 5000 }));
app.use(bodyParser.raw({ type: 'application/octet-stream', limit: 1024 * 1024 }));
export default app;
`,
    },
    {
      name: 'express.json with an explicit 1mb limit through a constant',
      code: `import express from 'express';

const JSON_LIMIT = '1mb';
export const app = express();
app.use(express.json({ limit: JSON_LIMIT, strict: true }));
app.post('/orders', (req, res) => res.status(201).json({ sku: req.body.sku }));
`,
    },
    {
      name: 'koa-bodyparser at its defaults, a JSON field of ctx.request.body re-parsed',
      code: `import Koa from 'koa';
import Router from '@koa/router';
import bodyParser from 'koa-bodyparser';

const router = new Router({ prefix: '/searches' });
router.put('/:name', async (ctx) => {
  const { filtersJson } = (ctx.request.body ?? {}) as { filtersJson?: string };
  ctx.body = { name: ctx.params.name, filters: JSON.parse(filtersJson ?? '{}') };
});

export const app = new Koa();
app.use(bodyParser());
app.use(router.routes());
`,
    },
    {
      name: 'koa-bodyparser with limits under the threshold',
      code: `import Koa from 'koa';
import bodyParser from 'koa-bodyparser';

export const app = new Koa();
app.use(bodyParser({ jsonLimit: '2mb', formLimit: '256kb', textLimit: '1mb' }));
`,
    },
    {
      name: 'Fastify at its default bodyLimit with a parseAs string content-type parser',
      code: `import Fastify from 'fastify';
import { load } from 'js-yaml';

export const app = Fastify({ logger: true });
app.addContentTypeParser(['application/yaml', 'text/yaml'], { parseAs: 'string' }, (request, body, done) => {
  try {
    done(null, load(body as string));
  } catch (err) {
    done(err as Error, undefined);
  }
});
app.post('/rules/dry-run', async (request) => ({ received: request.body }));
`,
    },
    {
      name: 'Fastify with a 5 MiB bodyLimit and a parseAs buffer parser',
      code: `import fastify from 'fastify';

const app = fastify({ bodyLimit: 5 * 1024 * 1024 });
app.addContentTypeParser('application/vnd.api+json', { parseAs: 'buffer' }, (req, body, done) => {
  done(null, JSON.parse(body.toString('utf8')));
});
export default app;
`,
    },
    {
      name: 'raw-body with a limit before XML parsing (node:http, JS)',
      filename: 'soap.js',
      code: `import { createServer } from 'node:http';
import getRawBody from 'raw-body';
import { XMLParser } from 'fast-xml-parser';

const parser = new XMLParser({ ignoreAttributes: true });

export const server = createServer(async (req, res) => {
  let xml;
  try {
    xml = await getRawBody(req, { length: req.headers['content-length'], limit: '512kb', encoding: 'utf-8' });
  } catch (err) {
    res.writeHead(err.status ?? 400).end();
    return;
  }
  const doc = parser.parse(xml);
  res.end(JSON.stringify({ symbol: doc?.Envelope?.Body?.Symbol ?? null }));
});
`,
    },
    {
      name: 'ws server with maxPayload, messages parsed in a same-file helper',
      code: `import { WebSocketServer, type RawData } from 'ws';

const MAX_MESSAGE_BYTES = 64 * 1024;
export const wss = new WebSocketServer({ port: 9090, maxPayload: MAX_MESSAGE_BYTES });

function decode(data: RawData): { room: string } | null {
  try {
    return JSON.parse(data.toString()) as { room: string };
  } catch {
    return null;
  }
}

wss.on('connection', (socket) => {
  socket.on('message', (data) => {
    const message = decode(data);
    if (message) socket.send(JSON.stringify({ joined: message.room }));
  });
});
`,
    },
    {
      name: 'multer with limits.fileSize, JSON.parse of req.file.buffer (bounded parser output)',
      code: `import express from 'express';
import multer from 'multer';

const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: 2 * 1024 * 1024, files: 1 },
});

export const router = express.Router();
router.post('/prices/diff', upload.single('prices'), (req, res) => {
  if (!req.file) {
    res.status(400).end();
    return;
  }
  const entries = JSON.parse(req.file.buffer.toString('utf8')) as Array<{ sku: string }>;
  res.json({ total: entries.length });
});
`,
    },
    {
      name: 'multer with disk storage and a fileSize limit through a shared options object',
      filename: 'upload.js',
      code: `import multer from 'multer';

const uploadLimits = { fileSize: 20 * 1024 * 1024, files: 3 };
export const upload = multer({ dest: '/var/lib/app/uploads', limits: uploadLimits });
`,
    },
    {
      name: 'busboy with limits.fileSize; the bounded file stream is collected and parsed',
      code: `import express from 'express';
import busboy from 'busboy';

export const router = express.Router();
router.post('/imports', (req, res) => {
  const bb = busboy({ headers: req.headers, limits: { fileSize: 1024 * 1024, files: 1 } });
  bb.on('file', (_name, file) => {
    const chunks: Buffer[] = [];
    file.on('data', (chunk: Buffer) => chunks.push(chunk));
    file.on('end', () => {
      const rows = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown[];
      res.json({ rows: rows.length });
    });
  });
  req.pipe(bb);
});
`,
    },
    {
      name: 'kafkajs message value parsed (queue payloads are bounded by the broker)',
      code: `import { Kafka } from 'kafkajs';

const latest = new Map<string, number>();
export async function consumeTicks(): Promise<void> {
  const kafka = new Kafka({ clientId: 'tick-cache', brokers: ['localhost:9092'] });
  const consumer = kafka.consumer({ groupId: 'tick-cache' });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const tick = JSON.parse(message.value?.toString('utf8') ?? 'null') as { symbol: string; price: number } | null;
      if (tick) latest.set(tick.symbol, tick.price);
    },
  });
}
`,
    },
    {
      name: 'amqplib message content parsed in a consume callback (JS)',
      filename: 'consumer.js',
      code: `import amqp from 'amqplib';

export async function start(url) {
  const connection = await amqp.connect(url);
  const channel = await connection.createChannel();
  await channel.consume('tick-corrections', (msg) => {
    if (!msg) return;
    const correction = JSON.parse(msg.content.toString('utf8'));
    console.log(correction.symbol);
    channel.ack(msg);
  });
}
`,
    },
    {
      name: 'API Gateway event.body parsed in a Lambda handler',
      code: `import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const { symbols = [] } = JSON.parse(event.body ?? '{}') as { symbols?: string[] };
  return { statusCode: 200, body: JSON.stringify({ count: symbols.length }) };
};
`,
    },
    {
      name: 'SQS records parsed in a Lambda handler (JS, callback style)',
      filename: 'handler.js',
      code: `export const handler = (event, context, callback) => {
  const clicks = event.Records.map((record) => JSON.parse(record.body));
  callback(null, { processed: clicks.length });
};
`,
    },
    {
      name: 'BullMQ job data parsed in a worker',
      code: `import { Worker, type Job } from 'bullmq';
import IORedis from 'ioredis';

const connection = new IORedis(process.env.REDIS_URL ?? 'redis://localhost:6379');
export const worker = new Worker('imports', async (job: Job<{ rowsJson: string }>) => {
  const rows = JSON.parse(job.data.rowsJson) as unknown[];
  return { rows: rows.length };
}, { connection });
`,
    },
    {
      name: 'start-up config file, environment variable and a JSON constant (JS)',
      filename: 'config.js',
      code: `import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import express from 'express';

const serviceConfig = load(readFileSync(new URL('./config/service.yaml', import.meta.url), 'utf8')) ?? {};
const featureFlags = JSON.parse(process.env.FEATURE_FLAGS ?? '{}');
const PAGINATION = JSON.parse('{"pageSize":50}');

export const app = express();
app.get('/internal/config', (req, res) => {
  res.json({ region: serviceConfig.region, flags: Object.keys(featureFlags), pagination: PAGINATION });
});
`,
    },
    {
      name: 'a typed IncomingMessage helper that counts bytes and rejects past a cap (capped reader)',
      code: `import { createServer, type IncomingMessage } from 'node:http';

function readCapped(req: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) {
        req.off('data', onData);
        req.resume();
        reject(new Error('payload too large'));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export const server = createServer(async (req, res) => {
  try {
    const call = JSON.parse(await readCapped(req, 64 * 1024)) as { method: string };
    res.end(call.method);
  } catch {
    res.writeHead(413).end();
  }
});
`,
    },
    {
      name: 'for await over the request with a byte counter that throws (express, JS)',
      filename: 'routes.js',
      code: `import express from 'express';

const MAX_BYTES = 256 * 1024;
export const router = express.Router();

router.post('/ndjson', async (req, res, next) => {
  try {
    const chunks = [];
    let size = 0;
    for await (const chunk of req) {
      size += chunk.length;
      if (size > MAX_BYTES) throw Object.assign(new Error('too large'), { status: 413 });
      chunks.push(chunk);
    }
    const lines = Buffer.concat(chunks).toString('utf8').split('\\n').filter(Boolean).map((l) => JSON.parse(l));
    res.json({ lines: lines.length });
  } catch (err) {
    next(err);
  }
});
`,
    },
    {
      name: 'req.on data with a cap that destroys the request (callback style)',
      code: `import express, { type Request, type Response } from 'express';

export function webhook(req: Request, res: Response): void {
  let raw = '';
  req.setEncoding('utf8');
  req.on('data', function (chunk: string) {
    if (raw.length + chunk.length > 100_000) {
      res.status(413).end();
      req.destroy();
      return;
    }
    raw += chunk;
  });
  req.on('end', () => res.json(JSON.parse(raw)));
}

export const app = express();
app.post('/webhooks/git', webhook);
`,
    },
    {
      name: 'outbound fetch response read whole (not attacker input)',
      code: `import express from 'express';

export const app = express();
app.get('/rates', async (req, res) => {
  const upstream = await fetch('https://rates.example.com/v1/latest', { signal: AbortSignal.timeout(2000) });
  const rates = (await upstream.json()) as Record<string, number>;
  const text = await (await fetch('https://rates.example.com/v1/notes')).text();
  res.json({ rates, notes: text.slice(0, 100) });
});
`,
    },
    {
      name: 'axios and got responses parsed (outbound calls, not hostile)',
      code: `import axios from 'axios';
import got from 'got';

export async function loadCatalog(): Promise<unknown[]> {
  const { data } = await axios.get<string>('https://catalog.example.com/items.json', { responseType: 'text' });
  const items = JSON.parse(data) as unknown[];
  const extra = await got('https://catalog.example.com/extra.json').json<unknown[]>();
  return [...items, ...extra];
}
`,
    },
    {
      name: 'https.get response accumulated and parsed (an outbound response named res, JS)',
      filename: 'client.js',
      code: `import https from 'node:https';

export function fetchProfile(id) {
  return new Promise((resolve, reject) => {
    https.get('https://profiles.internal/users/' + encodeURIComponent(id), (res) => {
      let data = '';
      res.on('data', (chunk) => { data += chunk; });
      res.on('end', () => resolve(JSON.parse(data)));
    }).on('error', reject);
  });
}
`,
    },
    {
      name: 'a local object named request with a json() method is not a fetch Request',
      code: `class ApiRequest {
  constructor(private readonly payload: string) {}
  json(): unknown {
    return JSON.parse(this.payload);
  }
  text(): string {
    return this.payload;
  }
}

export function replay(saved: string): unknown {
  const request = new ApiRequest(saved);
  return { body: request.json(), size: request.text().length };
}
`,
    },
    {
      name: 'stream/consumers text() of a repo-owned file stream',
      code: `import { createReadStream } from 'node:fs';
import { text } from 'node:stream/consumers';
import { load } from 'js-yaml';

export async function loadSeed(): Promise<unknown> {
  return load(await text(createReadStream(new URL('./fixtures/seed.yaml', import.meta.url))));
}
`,
    },
    {
      name: 'readFile of a constant path in a handler',
      code: `import { readFile } from 'node:fs/promises';
import express from 'express';

export const app = express();
app.get('/openapi.json', async (req, res, next) => {
  try {
    const spec = JSON.parse(await readFile(new URL('./openapi.json', import.meta.url), 'utf8'));
    res.json(spec);
  } catch (err) {
    next(err);
  }
});
`,
    },
    {
      name: 'readFile of a user-chosen path after its stat size is checked, then parsed',
      code: `import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import express from 'express';

export const app = express();
app.get('/reports/:name', async (req, res) => {
  const file = path.join('/srv/reports', path.basename(req.params.name));
  const info = await stat(file);
  if (info.size > 1024 * 1024) return res.status(413).end();
  res.json(JSON.parse(await readFile(file, 'utf8')));
});
`,
    },
    {
      name: 'readFile of a user-chosen path that is not parsed (sent back as is)',
      code: `import { readFile } from 'node:fs/promises';
import path from 'node:path';
import express from 'express';

export const app = express();
app.get('/exports/:name', async (req, res, next) => {
  try {
    const data = await readFile(path.join('/var/exports', path.basename(req.params.name)));
    res.type('application/octet-stream').send(data);
  } catch (err) {
    next(err);
  }
});
`,
    },
    {
      name: 'request body hashed and counted chunk by chunk (no accumulation)',
      code: `import { createHash } from 'node:crypto';
import { createServer } from 'node:http';

export const server = createServer((req, res) => {
  const hash = createHash('sha256');
  let bytes = 0;
  req.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    hash.update(chunk);
  });
  req.on('end', () => res.end(JSON.stringify({ bytes, sha256: hash.digest('hex') })));
});
`,
    },
    {
      name: 'request streamed to disk with pipeline (no accumulation)',
      filename: 'upload.js',
      code: `import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import express from 'express';

export const app = express();
app.put('/blobs/:id', async (req, res, next) => {
  try {
    await pipeline(req, createWriteStream('/var/blobs/' + Number(req.params.id)));
    res.sendStatus(201);
  } catch (err) {
    next(err);
  }
});
`,
    },
    {
      name: 'an event bus with on(data) that collects items (not a stream of request bytes)',
      code: `import { EventEmitter } from 'node:events';

const bus = new EventEmitter();
const received: string[] = [];
bus.on('data', (item: string) => received.push(item));
bus.on('end', () => console.log(JSON.parse('[' + received.join(',') + ']')));
export { bus };
`,
    },
    {
      name: 'Hono with bodyLimit middleware on the route',
      code: `import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';

export const app = new Hono();
app.post('/v1/events', bodyLimit({ maxSize: 50 * 1024, onError: (c) => c.text('too large', 413) }), async (c) => {
  const events = await c.req.json<Array<{ type: string }>>();
  return c.json({ accepted: events.length });
});
`,
    },
    {
      name: 'Hono with app-wide bodyLimit middleware',
      code: `import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';

const app = new Hono();
app.use('*', bodyLimit({ maxSize: 100 * 1024 }));
app.post('/v1/notes', async (c) => {
  const note = await c.req.json<{ title: string }>();
  return c.json({ title: note.title });
});
export default app;
`,
    },
    {
      name: 'ws client connection (not a server) parsing messages',
      filename: 'feed.js',
      code: `import WebSocket from 'ws';

export function follow(url, onTick) {
  const socket = new WebSocket(url);
  socket.on('message', (data) => onTick(JSON.parse(data.toString())));
  return socket;
}
`,
    },
    {
      name: 'readline over a local file, each line parsed',
      code: `import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

export async function loadEvents(file = './data/events.ndjson'): Promise<unknown[]> {
  const events: unknown[] = [];
  const rl = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of rl) events.push(JSON.parse(line));
  return events;
}
`,
    },
    {
      name: 'socket.io server at its default buffer size, messages parsed',
      code: `import { createServer } from 'node:http';
import { Server } from 'socket.io';

const httpServer = createServer();
export const io = new Server(httpServer, { cors: { origin: '*' } });
io.on('connection', (socket) => {
  socket.on('cursor', (raw: string) => {
    const position = JSON.parse(raw) as { x: number; y: number };
    socket.broadcast.emit('cursor', position);
  });
});
`,
    },
    {
      name: 'get-stream with maxBuffer (capped reader)',
      code: `import { createServer } from 'node:http';
import getStream from 'get-stream';

export const server = createServer(async (req, res) => {
  const body = await getStream(req, { maxBuffer: 256 * 1024 });
  res.end(JSON.stringify(JSON.parse(body)));
});
`,
    },
    {
      name: 'co-body at its default limit in a Koa handler',
      code: `import Koa from 'koa';
import parse from 'co-body';

export const app = new Koa();
app.use(async (ctx) => {
  const body = await parse.json(ctx);
  ctx.body = { received: Object.keys(body).length };
});
`,
    },
    {
      name: 'queue payload with checkQueuePayloads on, but a length check before the parse',
      code: `import amqp from 'amqplib';

const MAX_MESSAGE_BYTES = 64 * 1024;
export async function start(url: string): Promise<void> {
  const channel = await (await amqp.connect(url)).createChannel();
  await channel.consume('orders', (msg) => {
    if (!msg) return;
    if (msg.content.length > MAX_MESSAGE_BYTES) {
      channel.nack(msg, false, false);
      return;
    }
    const order = JSON.parse(msg.content.toString('utf8')) as { id: string };
    console.log(order.id);
    channel.ack(msg);
  });
}
`,
      options: [{ checkQueuePayloads: true }],
    },
    {
      name: 'a Fastify route reading request.body (bounded by bodyLimit) and a huge limit in the maxBodyBytes option',
      code: `import Fastify from 'fastify';

export const adminApi = Fastify({ bodyLimit: 256 * 1024 * 1024 });
adminApi.post('/admin/tenants/dry-run', async (request) => {
  const body = request.body as { tenantsJson: string };
  return { tenants: (JSON.parse(body.tenantsJson) as unknown[]).length };
});
`,
      options: [{ maxBodyBytes: 536870912 }],
    },
    {
      name: 'an untyped helper that accumulates a stream only called with a local file stream',
      filename: 'collect.js',
      code: `import { createReadStream } from 'node:fs';

function collect(stream) {
  return new Promise((resolve, reject) => {
    const parts = [];
    stream.on('data', (part) => parts.push(part));
    stream.on('end', () => resolve(Buffer.concat(parts)));
    stream.on('error', reject);
  });
}

export async function loadFixtures() {
  return JSON.parse((await collect(createReadStream('./fixtures/all.json'))).toString('utf8'));
}
`,
    },
    {
      name: 'an outbound https.get response typed IncomingMessage is the peer, not client input',
      code: `import https from 'node:https';
import type { IncomingMessage } from 'node:http';

export function fetchRates(): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    https
      .get('https://rates.example.com/latest.json', (res: IncomingMessage) => {
        let raw = '';
        res.on('data', (chunk: Buffer) => { raw += chunk; });
        res.on('end', () => resolve(JSON.parse(raw) as Record<string, number>));
      })
      .on('error', reject);
  });
}
`,
    },
    {
      name: 'accumulated request body written to disk, never parsed',
      code: `import { writeFile } from 'node:fs/promises';
import express from 'express';

export const app = express();
app.put('/blobs/:id', (req, res, next) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    writeFile('/var/blobs/' + Number(req.params.id), Buffer.concat(chunks)).then(() => res.sendStatus(201), next);
  });
});
`,
    },
    {
      name: 'an uploaded file read back from multer disk storage (bounded by its fileSize)',
      code: `import { readFile } from 'node:fs/promises';
import express from 'express';
import multer from 'multer';

const upload = multer({ dest: '/tmp/uploads', limits: { fileSize: 1024 * 1024 } });
export const app = express();
app.post('/import', upload.single('file'), async (req, res) => {
  const rows = JSON.parse(await readFile(req.file!.path, 'utf8')) as unknown[];
  res.json({ rows: rows.length });
});
`,
    },
    {
      name: 'a route handler drains request.body.getReader() with a byte cap',
      code: `const MAX_BYTES = 64 * 1024;

export async function POST(request: Request): Promise<Response> {
  const reader = request.body!.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > MAX_BYTES) {
      await reader.cancel();
      return new Response('payload too large', { status: 413 });
    }
    chunks.push(value);
  }
  const doc = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id: string };
  return Response.json({ id: doc.id });
}
`,
    },
    {
      name: 'a helper typed IncomingMessage that only ever reads outbound https responses',
      code: `import https from 'node:https';
import type { IncomingMessage } from 'node:http';

function readJson(res: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
    res.on('error', reject);
  });
}

export function getUser(id: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    https.get('https://users.internal/v1/' + encodeURIComponent(id), (res) => {
      readJson(res).then(resolve, reject);
    });
  });
}
`,
    },
    {
      name: 'a user-chosen file streamed to the response (never held whole, never parsed)',
      code: `import { createReadStream } from 'node:fs';
import path from 'node:path';
import express from 'express';

export const app = express();
app.get('/downloads/:name', (req, res) => {
  const stream = createReadStream(path.join('/srv/downloads', path.basename(req.params.name)));
  stream.on('error', () => res.status(404).end());
  stream.pipe(res);
});
`,
    },
  ],
  invalid: [
    {
      name: 'Express middleware concatenates req data chunks and loads YAML on end',
      code: `import express, { type NextFunction, type Request, type Response } from 'express';
import { load } from 'js-yaml';

export function yamlBody(req: Request, res: Response, next: NextFunction): void {
  if (!req.is('application/yaml')) {
    next();
    return;
  }
  let data = '';
  req.setEncoding('utf8');
  req.on('data', (chunk: string) => { data += chunk; });
  req.on('end', () => {
    try {
      req.body = load(data);
      next();
    } catch {
      res.status(400).json({ error: 'invalid YAML' });
    }
  });
}

export const app = express();
app.use(yamlBody);
`,
      errors: [
        { messageId: 'unboundedAccumulation', line: 11, column: 3 },
      ],
    },
    {
      name: 'Express route pushes chunks and parses Buffer.concat on end (JS)',
      filename: 'routes.js',
      code: `import express from 'express';

export const router = express.Router();

router.post('/telemetry', (req, res) => {
  const chunks = [];
  req.on('data', (chunk) => {
    chunks.push(chunk);
  });
  req.on('end', () => {
    const batch = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    res.status(202).json({ accepted: batch.length });
  });
});
`,
      errors: [
        { messageId: 'unboundedAccumulation', line: 7, column: 3 },
      ],
    },
    {
      name: 'node:http server collects the body with for await and parses it',
      code: `import { createServer } from 'node:http';

export const server = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(chunk as Buffer);
  }
  const note = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { title: string };
  res.writeHead(201).end(note.title);
});
`,
      errors: [
        { messageId: 'unboundedAccumulation', line: 5, column: 3 },
      ],
    },
    {
      name: 'an untyped same-file helper collects the body for the http server (reported in the helper, JS)',
      filename: 'notes.js',
      code: `import { createServer } from 'node:http';

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

export const server = createServer(async (req, res) => {
  const note = await readJson(req);
  res.writeHead(201, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ title: String(note.title ?? '') }));
});
`,
      errors: [
        { messageId: 'unboundedAccumulation', line: 5, column: 3 },
      ],
    },
    {
      name: 'a helper with an IncomingMessage parameter resolves the whole body (hostile by type, no caller)',
      code: `import type { IncomingMessage } from 'node:http';

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}
`,
      errors: [
        { messageId: 'unboundedAccumulation', line: 7, column: 5 },
      ],
    },
    {
      name: 'stream/consumers json() of the request in a node:http server',
      code: `import { createServer } from 'node:http';
import { json } from 'node:stream/consumers';

export const server = createServer(async (req, res) => {
  const event = (await json(req)) as { id: string };
  res.writeHead(202).end(event.id);
});
`,
      errors: [
        { messageId: 'unboundedRead', line: 5, column: 24 },
      ],
    },
    {
      name: 'read and YAML load in one expression with stream/consumers text() (JS)',
      filename: 'import.js',
      code: `import { createServer } from 'http';
import { text } from 'stream/consumers';
import { load } from 'js-yaml';

export const server = createServer(async (req, res) => {
  try {
    const doc = load(await text(req));
    res.writeHead(201).end(String(Array.isArray(doc) ? doc.length : 0));
  } catch {
    res.writeHead(400).end();
  }
});
`,
      errors: [
        { messageId: 'unboundedRead', line: 7, column: 28 },
      ],
    },
    {
      name: 'stream/consumers buffer() through a namespace import in an express handler, .then chain',
      code: `import express from 'express';
import * as consumers from 'node:stream/consumers';

export const app = express();
app.post('/import', (req, res, next) => {
  consumers
    .buffer(req)
    .then((buf) => JSON.parse(buf.toString('utf8')) as unknown[])
    .then((rows) => res.json({ rows: rows.length }))
    .catch(next);
});
`,
      errors: [
        { messageId: 'unboundedRead', line: 6, column: 3 },
      ],
    },
    {
      name: 'Next.js-style POST(request: Request) reads request.json() whole',
      code: `export async function POST(request: Request): Promise<Response> {
  const payload = (await request.json()) as { type: string };
  return Response.json({ received: payload.type });
}
`,
      errors: [
        { messageId: 'unboundedRead', line: 2, column: 26 },
      ],
    },
    {
      name: 'a Content-Length check is not a bound: request.text() then XML parse',
      code: `import { XMLParser } from 'fast-xml-parser';

const MAX_DECLARED_BYTES = 256 * 1024;
const parser = new XMLParser({ ignoreAttributes: false });

export async function POST(request: Request): Promise<Response> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_DECLARED_BYTES) {
    return new Response('payload too large', { status: 413 });
  }
  const xml = await request.text();
  const doc = parser.parse(xml) as { urlset?: { url?: unknown[] } };
  return Response.json({ count: doc.urlset?.url?.length ?? 0 });
}
`,
      errors: [
        { messageId: 'unboundedRead', line: 11, column: 21 },
      ],
    },
    {
      name: 'Next.js route handler in JS (exported PUT, untyped request)',
      filename: 'route.js',
      code: `export async function PUT(request) {
  const form = await request.formData();
  return Response.json({ fields: [...form.keys()].length });
}
`,
      errors: [
        { messageId: 'unboundedRead', line: 2, column: 22 },
      ],
    },
    {
      name: 'NextRequest parameter reads arrayBuffer whole',
      code: `import { NextResponse, type NextRequest } from 'next/server';

export async function handleUpload(req: NextRequest) {
  const bytes = new Uint8Array(await req.arrayBuffer());
  const manifest = JSON.parse(new TextDecoder().decode(bytes)) as { files: string[] };
  return NextResponse.json({ files: manifest.files.length });
}
`,
      errors: [
        { messageId: 'unboundedRead', line: 4, column: 38 },
      ],
    },
    {
      name: 'Hono c.req.json() with no body-limit middleware',
      code: `import { Hono } from 'hono';

export const app = new Hono();
app.post('/v1/events', async (c) => {
  const events = await c.req.json<Array<{ type: string }>>();
  return c.json({ accepted: events.length });
});
`,
      errors: [
        { messageId: 'unboundedRead', line: 5, column: 24 },
      ],
    },
    {
      name: 'Hono c.req.text() parsed as YAML in a .then chain',
      code: `import { Hono } from 'hono';
import { parse } from 'yaml';

const app = new Hono();
app.put('/v1/pipelines/:id', (c) =>
  c.req.text().then((body) => {
    const spec = parse(body) as { stages?: unknown[] };
    return c.json({ id: c.req.param('id'), stages: spec.stages?.length ?? 0 });
  }),
);
export default app;
`,
      errors: [
        { messageId: 'unboundedRead', line: 6, column: 3 },
      ],
    },
    {
      name: 'a Workers-style fetch handler with a typed Request',
      code: `export default {
  async fetch(request: Request): Promise<Response> {
    if (request.method !== 'POST') return new Response(null, { status: 405 });
    const body = (await request.json()) as { url: string };
    return Response.json({ url: body.url });
  },
};
`,
      errors: [
        { messageId: 'unboundedRead', line: 4, column: 25 },
      ],
    },
    {
      name: 'Koa middleware reads ctx.req with for await and parses it',
      code: `import Koa from 'koa';

export const app = new Koa();
app.use(async (ctx, next) => {
  if (!ctx.is('application/json')) return next();
  let raw = '';
  for await (const chunk of ctx.req) raw += chunk;
  ctx.request.body = JSON.parse(raw);
  await next();
});
`,
      errors: [
        { messageId: 'unboundedAccumulation', line: 7, column: 3 },
      ],
    },
    {
      name: 'raw-body with no limit on a typed Koa Context',
      code: `import type { Context } from 'koa';
import getRawBody from 'raw-body';
import { XMLParser } from 'fast-xml-parser';

const parser = new XMLParser();

export async function importFeed(ctx: Context): Promise<void> {
  const xml = await getRawBody(ctx.req, { encoding: 'utf8' });
  const doc = parser.parse(xml) as { rss?: { channel?: { item?: unknown[] } } };
  ctx.body = { items: doc.rss?.channel?.item?.length ?? 0 };
}
`,
      errors: [
        { messageId: 'unboundedRead', line: 8, column: 21 },
      ],
    },
    {
      name: 'raw-body with limit Infinity in an express handler (JS)',
      filename: 'raw.js',
      code: `import express from 'express';
import getRawBody from 'raw-body';

export const app = express();
app.post('/soap', async (req, res, next) => {
  try {
    const xml = await getRawBody(req, { limit: Infinity, encoding: 'utf-8' });
    res.type('text/plain').send(String(xml.length));
  } catch (err) {
    next(err);
  }
});
`,
      errors: [
        { messageId: 'unboundedRead', line: 7, column: 23 },
      ],
    },
    {
      name: 'get-stream with no maxBuffer in a Fastify raw request read',
      code: `import Fastify from 'fastify';
import getStream from 'get-stream';

const app = Fastify();
app.post('/import', async (request) => {
  const raw = await getStream(request.raw);
  return { rows: (JSON.parse(raw) as unknown[]).length };
});
export default app;
`,
      errors: [
        { messageId: 'unboundedRead', line: 6, column: 21 },
      ],
    },
    {
      name: 'multer with memory storage and no limits',
      code: `import express from 'express';
import multer from 'multer';

const avatarUpload = multer({ storage: multer.memoryStorage() });

export const router = express.Router();
router.put('/users/:id/avatar', avatarUpload.single('avatar'), (req, res) => {
  res.json({ bytes: req.file?.size ?? 0 });
});
`,
      errors: [
        {
          messageId: 'uploadWithoutFileSize',
          line: 4,
          column: 22,
          suggestions: [
            { messageId: 'addFileSizeLimit', output: `import express from 'express';
import multer from 'multer';

const avatarUpload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 10 * 1024 * 1024 } });

export const router = express.Router();
router.put('/users/:id/avatar', avatarUpload.single('avatar'), (req, res) => {
  res.json({ bytes: req.file?.size ?? 0 });
});
` },
          ],
        },
      ],
    },
    {
      name: 'multer with file and field counts but no fileSize, multi-line (reported on the first line)',
      code: `import express from 'express';
import multer from 'multer';

const settingsUpload = multer({
  storage: multer.memoryStorage(),
  limits: { files: 1, fields: 5, fieldSize: 64 * 1024 },
});

export const router = express.Router();
router.post('/settings/preview', settingsUpload.single('settings'), (req, res) => {
  const settings = JSON.parse(req.file!.buffer.toString('utf8')) as { theme?: string };
  res.json({ theme: settings.theme ?? 'system' });
});
`,
      errors: [
        {
          messageId: 'uploadWithoutFileSize',
          line: 4,
          column: 24,
          suggestions: [
            { messageId: 'addFileSizeLimit', output: `import express from 'express';
import multer from 'multer';

const settingsUpload = multer({
  storage: multer.memoryStorage(),
  limits: { files: 1, fields: 5, fieldSize: 64 * 1024, fileSize: 10 * 1024 * 1024 },
});

export const router = express.Router();
router.post('/settings/preview', settingsUpload.single('settings'), (req, res) => {
  const settings = JSON.parse(req.file!.buffer.toString('utf8')) as { theme?: string };
  res.json({ theme: settings.theme ?? 'system' });
});
` },
          ],
        },
      ],
    },
    {
      name: 'multer limits given as a number is ignored by multer (JS)',
      filename: 'upload.js',
      code: `import multer from 'multer';

const MAX_UPLOAD_BYTES = 8 * 1024 * 1024;
export const upload = multer({ storage: multer.memoryStorage(), limits: MAX_UPLOAD_BYTES });
`,
      errors: [
        {
          messageId: 'uploadWithoutFileSize',
          line: 4,
          column: 23,
          suggestions: [
            { messageId: 'addFileSizeLimit', output: `import multer from 'multer';

const MAX_UPLOAD_BYTES = 8 * 1024 * 1024;
export const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_UPLOAD_BYTES } });
` },
          ],
        },
      ],
    },
    {
      name: 'multer() with no options at all, via require (CommonJS)',
      filename: 'upload.cjs',
      code: `const express = require('express');
const multer = require('multer');

const upload = multer();
const app = express();
app.post('/csv', upload.single('file'), (req, res) => {
  res.json({ lines: req.file.buffer.toString('utf8').split('\\n').length });
});
module.exports = app;
`,
      errors: [
        {
          messageId: 'uploadWithoutFileSize',
          line: 4,
          column: 16,
          suggestions: [
            { messageId: 'addFileSizeLimit', output: `const express = require('express');
const multer = require('multer');

const upload = multer({ limits: { fileSize: 10 * 1024 * 1024 } });
const app = express();
app.post('/csv', upload.single('file'), (req, res) => {
  res.json({ lines: req.file.buffer.toString('utf8').split('\\n').length });
});
module.exports = app;
` },
          ],
        },
      ],
    },
    {
      name: 'multer with disk storage and fileSize Infinity',
      code: `import multer from 'multer';

export const upload = multer({ dest: '/var/lib/app/uploads', limits: { fileSize: Infinity } });
`,
      errors: [
        {
          messageId: 'uploadWithoutFileSize',
          line: 3,
          column: 23,
          suggestions: [
            { messageId: 'addFileSizeLimit', output: `import multer from 'multer';

export const upload = multer({ dest: '/var/lib/app/uploads', limits: { fileSize: 10 * 1024 * 1024 } });
` },
          ],
        },
      ],
    },
    {
      name: 'busboy limits without fileSize',
      code: `import express from 'express';
import busboy from 'busboy';

export const router = express.Router();
router.post('/checksums', (req, res) => {
  const bb = busboy({ headers: req.headers, limits: { files: 4, fields: 2 } });
  let files = 0;
  bb.on('file', (_name, file) => {
    files += 1;
    file.resume();
  });
  bb.on('close', () => res.json({ files }));
  req.pipe(bb);
});
`,
      errors: [
        {
          messageId: 'uploadWithoutFileSize',
          line: 6,
          column: 14,
          suggestions: [
            { messageId: 'addFileSizeLimit', output: `import express from 'express';
import busboy from 'busboy';

export const router = express.Router();
router.post('/checksums', (req, res) => {
  const bb = busboy({ headers: req.headers, limits: { files: 4, fields: 2, fileSize: 10 * 1024 * 1024 } });
  let files = 0;
  bb.on('file', (_name, file) => {
    files += 1;
    file.resume();
  });
  bb.on('close', () => res.json({ files }));
  req.pipe(bb);
});
` },
          ],
        },
      ],
    },
    {
      name: 'busboy without limits whose file stream is collected and parsed: one finding, at the configuration',
      filename: 'import.js',
      code: `import { createServer } from 'node:http';
import busboy from 'busboy';

export const server = createServer((req, res) => {
  const bb = busboy({ headers: req.headers });
  bb.on('file', (_name, file) => {
    const chunks = [];
    file.on('data', (chunk) => chunks.push(chunk));
    file.on('end', () => {
      const rows = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      res.end(String(rows.length));
    });
  });
  req.pipe(bb);
});
`,
      errors: [
        {
          messageId: 'uploadWithoutFileSize',
          line: 5,
          column: 14,
          suggestions: [
            { messageId: 'addFileSizeLimit', output: `import { createServer } from 'node:http';
import busboy from 'busboy';

export const server = createServer((req, res) => {
  const bb = busboy({ headers: req.headers, limits: { fileSize: 10 * 1024 * 1024 } });
  bb.on('file', (_name, file) => {
    const chunks = [];
    file.on('data', (chunk) => chunks.push(chunk));
    file.on('end', () => {
      const rows = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      res.end(String(rows.length));
    });
  });
  req.pipe(bb);
});
` },
          ],
        },
      ],
    },
    {
      name: 'body-parser json 50mb and urlencoded parameterLimit Infinity (JS)',
      filename: 'app.js',
      code: `import express from 'express';
import bodyParser from 'body-parser';

export function installBodyParsers(app) {
  app.use(bodyParser.json({ limit: '50mb' }));
  app.use(bodyParser.urlencoded({ extended: true, parameterLimit: Infinity }));
}

const app = express();
installBodyParsers(app);
export default app;
`,
      errors: [
        {
          messageId: 'bodyLimitTooLarge',
          line: 5,
          column: 11,
          suggestions: [
            { messageId: 'setBoundedLimit', output: `import express from 'express';
import bodyParser from 'body-parser';

export function installBodyParsers(app) {
  app.use(bodyParser.json({ limit: '100kb' }));
  app.use(bodyParser.urlencoded({ extended: true, parameterLimit: Infinity }));
}

const app = express();
installBodyParsers(app);
export default app;
` },
          ],
        },
        {
          messageId: 'bodyLimitTooLarge',
          line: 6,
          column: 11,
          suggestions: [
            { messageId: 'setBoundedLimit', output: `import express from 'express';
import bodyParser from 'body-parser';

export function installBodyParsers(app) {
  app.use(bodyParser.json({ limit: '50mb' }));
  app.use(bodyParser.urlencoded({ extended: true, parameterLimit: 1000 }));
}

const app = express();
installBodyParsers(app);
export default app;
` },
          ],
        },
      ],
    },
    {
      name: 'route-level express.text with limit Infinity, YAML loaded from the body',
      code: `import express from 'express';
import { load } from 'js-yaml';

const yamlBody = express.text({ type: ['application/yaml', 'text/yaml'], limit: Infinity });

export const router = express.Router();
router.post('/pipelines/validate', yamlBody, (req, res) => {
  const spec = load(String(req.body)) as { name?: string };
  res.json({ name: spec?.name ?? null });
});
`,
      errors: [
        {
          messageId: 'bodyLimitTooLarge',
          line: 4,
          column: 18,
          suggestions: [
            { messageId: 'setBoundedLimit', output: `import express from 'express';
import { load } from 'js-yaml';

const yamlBody = express.text({ type: ['application/yaml', 'text/yaml'], limit: '100kb' });

export const router = express.Router();
router.post('/pipelines/validate', yamlBody, (req, res) => {
  const spec = load(String(req.body)) as { name?: string };
  res.json({ name: spec?.name ?? null });
});
` },
          ],
        },
      ],
    },
    {
      name: 'express.raw with a numeric 100 MiB limit and express.json with an unparseable limit',
      code: `import express from 'express';

export const app = express();
app.post('/ingest', express.raw({ type: '*/*', limit: 100 * 1024 * 1024 }), (req, res) => {
  res.json({ bytes: (req.body as Buffer).length });
});
app.use(express.json({ limit: 'unlimited' }));
`,
      errors: [
        {
          messageId: 'bodyLimitTooLarge',
          line: 4,
          column: 21,
          suggestions: [
            { messageId: 'setBoundedLimit', output: `import express from 'express';

export const app = express();
app.post('/ingest', express.raw({ type: '*/*', limit: '100kb' }), (req, res) => {
  res.json({ bytes: (req.body as Buffer).length });
});
app.use(express.json({ limit: 'unlimited' }));
` },
          ],
        },
        {
          messageId: 'bodyLimitTooLarge',
          line: 7,
          column: 9,
          suggestions: [
            { messageId: 'setBoundedLimit', output: `import express from 'express';

export const app = express();
app.post('/ingest', express.raw({ type: '*/*', limit: 100 * 1024 * 1024 }), (req, res) => {
  res.json({ bytes: (req.body as Buffer).length });
});
app.use(express.json({ limit: '100kb' }));
` },
          ],
        },
      ],
    },
    {
      name: 'koa-bodyparser limits raised to 64mb through an options variable',
      code: `import Koa from 'koa';
import bodyParser from 'koa-bodyparser';

export const app = new Koa();
const BULK_LIMIT = '64mb';
const parserOptions: bodyParser.Options = {
  enableTypes: ['json', 'form'],
  jsonLimit: BULK_LIMIT,
  formLimit: '1mb',
};

app.use(bodyParser(parserOptions));
`,
      errors: [
        {
          messageId: 'bodyLimitTooLarge',
          line: 12,
          column: 9,
          suggestions: [
            { messageId: 'setBoundedLimit', output: `import Koa from 'koa';
import bodyParser from 'koa-bodyparser';

export const app = new Koa();
const BULK_LIMIT = '64mb';
const parserOptions: bodyParser.Options = {
  enableTypes: ['json', 'form'],
  jsonLimit: '1mb',
  formLimit: '1mb',
};

app.use(bodyParser(parserOptions));
` },
          ],
        },
      ],
    },
    {
      name: 'Fastify instance created with a 256 MiB bodyLimit',
      code: `import Fastify from 'fastify';

export const adminApi = Fastify({ bodyLimit: 256 * 1024 * 1024, logger: true });
adminApi.post('/admin/tenants/dry-run', async (request) => ({ received: Boolean(request.body) }));
`,
      errors: [
        {
          messageId: 'bodyLimitTooLarge',
          line: 3,
          column: 25,
          suggestions: [
            { messageId: 'setBoundedLimit', output: `import Fastify from 'fastify';

export const adminApi = Fastify({ bodyLimit: 1048576, logger: true });
adminApi.post('/admin/tenants/dry-run', async (request) => ({ received: Boolean(request.body) }));
` },
          ],
        },
      ],
    },
    {
      name: 'Fastify content-type parser without parseAs concatenates the raw payload',
      code: `import Fastify from 'fastify';

export const app = Fastify({ bodyLimit: 1024 * 1024 });
app.addContentTypeParser('application/x-ndjson', (request, payload, done) => {
  let raw = '';
  payload.on('data', (chunk) => { raw += chunk; });
  payload.on('end', () => {
    try {
      done(null, raw.split('\\n').filter(Boolean).map((line) => JSON.parse(line)));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
});
`,
      errors: [
        { messageId: 'unboundedAccumulation', line: 6, column: 3 },
      ],
    },
    {
      name: 'ws server without maxPayload parsing every message (JS)',
      filename: 'cursors.js',
      code: `import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

const server = createServer();
const wss = new WebSocketServer({ server, path: '/cursors' });
wss.on('connection', (socket) => {
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString());
    socket.send(JSON.stringify({ x: Number(message.x) || 0 }));
  });
});
server.listen(8080);
`,
      errors: [
        {
          messageId: 'socketWithoutMaxPayload',
          line: 5,
          column: 13,
          suggestions: [
            { messageId: 'addMaxPayload', output: `import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

const server = createServer();
const wss = new WebSocketServer({ server, path: '/cursors', maxPayload: 1024 * 1024 });
wss.on('connection', (socket) => {
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString());
    socket.send(JSON.stringify({ x: Number(message.x) || 0 }));
  });
});
server.listen(8080);
` },
          ],
        },
      ],
    },
    {
      name: 'ws Server through the default export, a length check before the parse does not clear it',
      code: `import WebSocket from 'ws';

export const wss = new WebSocket.Server({ noServer: true });
wss.on('connection', (socket) => {
  socket.on('message', (data: Buffer) => {
    if (data.length > 64 * 1024) return;
    const message = JSON.parse(data.toString('utf8')) as { type: string };
    socket.send(message.type);
  });
});
`,
      errors: [
        {
          messageId: 'socketWithoutMaxPayload',
          line: 3,
          column: 20,
          suggestions: [
            { messageId: 'addMaxPayload', output: `import WebSocket from 'ws';

export const wss = new WebSocket.Server({ noServer: true, maxPayload: 1024 * 1024 });
wss.on('connection', (socket) => {
  socket.on('message', (data: Buffer) => {
    if (data.length > 64 * 1024) return;
    const message = JSON.parse(data.toString('utf8')) as { type: string };
    socket.send(message.type);
  });
});
` },
          ],
        },
      ],
    },
    {
      name: 'ws server with maxPayload 0 (no limit) through require',
      filename: 'ws.cjs',
      code: `const { WebSocketServer } = require('ws');

const wss = new WebSocketServer({ port: 9000, maxPayload: 0 });
wss.on('connection', (ws) => ws.on('message', (data) => ws.send(JSON.stringify(JSON.parse(String(data))))));
module.exports = wss;
`,
      errors: [
        {
          messageId: 'socketWithoutMaxPayload',
          line: 3,
          column: 13,
          suggestions: [
            { messageId: 'addMaxPayload', output: `const { WebSocketServer } = require('ws');

const wss = new WebSocketServer({ port: 9000, maxPayload: 1024 * 1024 });
wss.on('connection', (ws) => ws.on('message', (data) => ws.send(JSON.stringify(JSON.parse(String(data))))));
module.exports = wss;
` },
          ],
        },
      ],
    },
    {
      name: 'readFile of a user-chosen export file, then JSON.parse',
      code: `import { readFile } from 'node:fs/promises';
import path from 'node:path';
import express from 'express';

const EXPORT_DIR = process.env.EXPORT_DIR ?? '/var/lib/app/exports';
export const router = express.Router();

router.get('/exports/:name/summary', async (req, res, next) => {
  try {
    const file = path.join(EXPORT_DIR, path.basename(req.params.name));
    const raw = await readFile(file, 'utf8');
    const rows = JSON.parse(raw) as Array<{ amountCents: number }>;
    res.json({ rows: rows.length });
  } catch (err) {
    next(err);
  }
});
`,
      errors: [
        { messageId: 'unboundedFileRead', line: 11, column: 23 },
      ],
    },
    {
      name: 'readFileSync of a path from the query string, YAML loaded (JS)',
      filename: 'templates.js',
      code: `import fs from 'node:fs';
import yaml from 'js-yaml';
import express from 'express';

export const app = express();
app.get('/templates/preview', (req, res) => {
  const doc = yaml.load(fs.readFileSync('/srv/templates/' + req.query.name, 'utf8'));
  res.json({ keys: Object.keys(doc ?? {}) });
});
`,
      errors: [
        { messageId: 'unboundedFileRead', line: 7, column: 25 },
      ],
    },
    {
      name: 'class controller method with express Request collects the body with Buffer.concat',
      code: `import express, { type Request, type Response } from 'express';

export class WebhookController {
  async receive(req: Request, res: Response): Promise<void> {
    let buffer = Buffer.alloc(0);
    req.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
    });
    req.on('end', () => {
      const event = JSON.parse(buffer.toString('utf8')) as { id: string };
      res.status(202).json({ id: event.id });
    });
  }
}

const controller = new WebhookController();
export const app = express();
app.post('/webhooks', (req, res) => controller.receive(req, res));
`,
      errors: [
        { messageId: 'unboundedAccumulation', line: 6, column: 5 },
      ],
    },
    {
      name: 'function-expression listener with body = body + chunk, via a node:http request event (JS)',
      filename: 'server.js',
      code: `import http from 'node:http';
import querystring from 'node:querystring';

const server = http.createServer();
server.on('request', function (req, res) {
  var body = '';
  req.on('data', function (chunk) {
    body = body + chunk;
  });
  req.on('end', function () {
    var form = querystring.parse(body);
    res.end('hello ' + form.name);
  });
});
server.listen(3000);
`,
      errors: [
        { messageId: 'unboundedAccumulation', line: 7, column: 3 },
      ],
    },
    {
      name: 'a named listener declared elsewhere in the function accumulates with no cap',
      code: `import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

function handle(req: IncomingMessage, res: ServerResponse): void {
  const parts: Buffer[] = [];
  const onData = (part: Buffer) => {
    parts.push(part);
  };
  req.on('data', onData);
  req.once('end', () => {
    const rpc = JSON.parse(Buffer.concat(parts).toString('utf8')) as { method: string };
    res.end(rpc.method);
  });
}

export const server = createServer(handle);
`,
      errors: [
        { messageId: 'unboundedAccumulation', line: 8, column: 3 },
      ],
    },
    {
      name: 'Fastify route reads request.raw with for await into a string (async/await)',
      code: `import Fastify, { type FastifyRequest } from 'fastify';

async function readAll(request: FastifyRequest): Promise<string> {
  let text = '';
  for await (const chunk of request.raw) {
    text += chunk;
  }
  return text;
}

const app = Fastify();
app.post('/ndjson', async (request) => ({
  events: (await readAll(request)).split('\\n').filter(Boolean).map((line) => JSON.parse(line)).length,
}));
export default app;
`,
      errors: [
        { messageId: 'unboundedAccumulation', line: 5, column: 3 },
      ],
    },
    {
      name: 'net server accumulates socket data until a newline and parses it',
      filename: 'line-server.js',
      code: `import net from 'node:net';

export const server = net.createServer((socket) => {
  let pending = '';
  socket.on('data', (data) => {
    pending += data;
    let index;
    while ((index = pending.indexOf('\\n')) >= 0) {
      const line = pending.slice(0, index);
      pending = pending.slice(index + 1);
      socket.write(JSON.stringify(JSON.parse(line)) + '\\n');
    }
  });
});
`,
      errors: [
        { messageId: 'unboundedAccumulation', line: 5, column: 3 },
      ],
    },
    {
      name: 'kafkajs message parsed with checkQueuePayloads on',
      code: `import { Kafka } from 'kafkajs';

export async function consume(): Promise<void> {
  const consumer = new Kafka({ clientId: 'c', brokers: ['localhost:9092'] }).consumer({ groupId: 'g' });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const event = JSON.parse(message.value?.toString('utf8') ?? 'null') as { id: string } | null;
      console.log(event?.id);
    },
  });
}
`,
      options: [{ checkQueuePayloads: true }],
      errors: [
        { messageId: 'unboundedParse', line: 7, column: 21 },
      ],
    },
    {
      name: 'API Gateway event.body parsed with checkGatewayEvents on',
      filename: 'handler.js',
      code: `export const handler = async (event) => {
  const signup = JSON.parse(event.body ?? '{}');
  return { statusCode: 201, body: JSON.stringify({ email: signup.email }) };
};
`,
      options: [{ checkGatewayEvents: true }],
      errors: [
        { messageId: 'unboundedParse', line: 2, column: 18 },
      ],
    },
    {
      name: 'a lower maxBodyBytes makes a 5mb limit huge',
      code: `import express from 'express';

export const app = express();
app.use(express.json({ limit: '5mb' }));
`,
      options: [{ maxBodyBytes: 1048576 }],
      errors: [
        {
          messageId: 'bodyLimitTooLarge',
          line: 4,
          column: 9,
          suggestions: [
            { messageId: 'setBoundedLimit', output: `import express from 'express';

export const app = express();
app.use(express.json({ limit: '100kb' }));
` },
          ],
        },
      ],
    },
    {
      name: 'a user catalog entry adds a whole-body reader',
      code: `import { createServer } from 'node:http';
import { readAll } from '@acme/http';

export const server = createServer(async (req, res) => {
  const order = JSON.parse(await readAll(req)) as { id: string };
  res.end(order.id);
});
`,
      options: [{ catalog: [{ id: 'acme.read-all', role: 'unbounded-reader', target: { from: 'package', package: '@acme/http', path: ['readAll', '()'] } }] }],
      errors: [
        { messageId: 'unboundedRead', line: 5, column: 34 },
      ],
    },
    {
      name: 'chunks.push.bind(chunks) as the data listener',
      filename: 'bind.js',
      code: `import { createServer } from 'node:http';

createServer((req, res) => {
  const chunks = [];
  req.on('data', chunks.push.bind(chunks));
  req.on('end', () => {
    const payload = JSON.parse(Buffer.concat(chunks).toString());
    res.end(String(payload.n));
  });
}).listen(3000);
`,
      errors: [
        { messageId: 'unboundedAccumulation', line: 5, column: 3 },
      ],
    },
    {
      name: 'NestJS body parsers with raised limits',
      code: `import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { json } from 'express';
import { AppModule } from './app.module.js';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: false });
  app.use(json({ limit: '50mb' }));
  app.useBodyParser('text', { limit: '25mb' });
  await app.listen(3000);
}
void bootstrap();
`,
      errors: [
        {
          messageId: 'bodyLimitTooLarge',
          line: 8,
          column: 11,
          suggestions: [
            { messageId: 'setBoundedLimit', output: `import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { json } from 'express';
import { AppModule } from './app.module.js';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: false });
  app.use(json({ limit: '100kb' }));
  app.useBodyParser('text', { limit: '25mb' });
  await app.listen(3000);
}
void bootstrap();
` },
          ],
        },
        {
          messageId: 'bodyLimitTooLarge',
          line: 9,
          column: 3,
          suggestions: [
            { messageId: 'setBoundedLimit', output: `import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { json } from 'express';
import { AppModule } from './app.module.js';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: false });
  app.use(json({ limit: '50mb' }));
  app.useBodyParser('text', { limit: '100kb' });
  await app.listen(3000);
}
void bootstrap();
` },
          ],
        },
      ],
    },
    {
      name: 'fs.readFile with a callback: the data parameter is parsed (JS)',
      filename: 'reports.js',
      code: `import fs from 'node:fs';
import path from 'node:path';
import express from 'express';

const app = express();
app.get('/reports', (req, res) => {
  fs.readFile(path.join('/data/reports', req.query.file), 'utf8', (err, data) => {
    if (err) return res.status(404).end();
    res.json({ title: JSON.parse(data).title });
  });
});
export default app;
`,
      errors: [
        { messageId: 'unboundedFileRead', line: 7, column: 3 },
      ],
    },
    {
      name: 'SvelteKit-style POST({ request }) reads request.json()',
      code: `import { json, type RequestHandler } from '@sveltejs/kit';

export const POST: RequestHandler = async ({ request }) => {
  const data = await request.json();
  return json({ ok: true, name: data.name });
};
`,
      errors: [
        { messageId: 'unboundedRead', line: 4, column: 22 },
      ],
    },
    {
      name: 'a gunzipped request read whole with stream/consumers',
      code: `import { createServer } from 'node:http';
import { createGunzip } from 'node:zlib';
import { text } from 'node:stream/consumers';

export const server = createServer(async (req, res) => {
  const source = req.headers['content-encoding'] === 'gzip' ? req.pipe(createGunzip()) : req;
  const body = JSON.parse(await text(source));
  res.end(String(body.id));
});
`,
      errors: [
        { messageId: 'unboundedRead', line: 7, column: 33 },
      ],
    },
    {
      name: 'a Readable-typed helper called with a NextApiRequest, its Buffer verified by Stripe',
      code: `import type { NextApiRequest, NextApiResponse } from 'next';
import type { Readable } from 'node:stream';
import Stripe from 'stripe';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? '');
export const config = { api: { bodyParser: false } };

async function buffer(readable: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of readable) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  }
  return Buffer.concat(chunks);
}

export default async function handler(req: NextApiRequest, res: NextApiResponse): Promise<void> {
  const event = stripe.webhooks.constructEvent(await buffer(req), String(req.headers['stripe-signature']), process.env.WH ?? '');
  res.json({ received: event.id });
}
`,
      errors: [
        { messageId: 'unboundedAccumulation', line: 10, column: 3 },
      ],
    },
    {
      name: 'raw-body whose limit is the client-declared Content-Length',
      code: `import { createServer } from 'node:http';
import getRawBody from 'raw-body';

export const server = createServer(async (req, res) => {
  const body = await getRawBody(req, { length: req.headers['content-length'], limit: req.headers['content-length'] });
  res.end(String(JSON.parse(body.toString('utf8')).id));
});
`,
      errors: [
        { messageId: 'unboundedRead', line: 5, column: 22 },
      ],
    },
    {
      name: 'a \'readable\' listener drains req.read() into a string with no cap (JS)',
      filename: 'readable.js',
      code: `import http from 'node:http';

http.createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('readable', () => {
    let chunk;
    while ((chunk = req.read()) !== null) {
      body += chunk;
    }
  });
  req.on('end', () => {
    const order = JSON.parse(body);
    res.end(String(order.id));
  });
}).listen(8080);
`,
      errors: [
        { messageId: 'unboundedAccumulation', line: 6, column: 3 },
      ],
    },
    {
      name: 'a route handler drains request.body.getReader() into chunks with no cap',
      code: `export async function POST(request: Request): Promise<Response> {
  const reader = request.body!.getReader();
  const chunks: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  const doc = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id: string };
  return Response.json({ id: doc.id });
}
`,
      errors: [
        { messageId: 'unboundedAccumulation', line: 5, column: 35 },
      ],
    },
    {
      name: 'an HTTP/2 server\'s stream collected and parsed (JS)',
      filename: 'h2.js',
      code: `import http2 from 'node:http2';
import { readFileSync } from 'node:fs';

const server = http2.createSecureServer({ key: readFileSync('key.pem'), cert: readFileSync('cert.pem') });
server.on('stream', (stream, headers) => {
  const chunks = [];
  stream.on('data', (chunk) => chunks.push(chunk));
  stream.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    stream.respond({ ':status': 200 });
    stream.end(JSON.stringify({ path: headers[':path'], id: body.id }));
  });
});
server.listen(8443);
`,
      errors: [
        { messageId: 'unboundedAccumulation', line: 7, column: 3 },
      ],
    },
    {
      name: 'a file stream opened on a path from the route params, read whole and parsed',
      code: `import { createReadStream } from 'node:fs';
import { json } from 'node:stream/consumers';
import path from 'node:path';
import Router from '@koa/router';

export const router = new Router();
router.get('/datasets/:name/stats', async (ctx) => {
  const stream = createReadStream(path.join('/srv/datasets', ctx.params.name + '.json'));
  const rows = (await json(stream)) as unknown[];
  ctx.body = { rows: rows.length };
});
`,
      errors: [
        { messageId: 'unboundedFileRead', line: 9, column: 23 },
      ],
    },
  ],
});

/** Findings of the whole-program analyzer (`assume check`) for a small project: `file:line:column messageId`. */
function analyzeProject(files: Record<string, string>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'assume-nup-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const [defaults] = rule.meta.defaultOptions as [NoUnboundedParseOptions];
  const result = analyze({
    cwd: dir,
    rules: [{ id: 'no-unbounded-parse', check: (ctx, options) => checkNoUnboundedParse(ctx, options as NoUnboundedParseOptions), messages: rule.meta.messages, defaultOptions: defaults }],
  });
  return result.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.messageId}`);
}

describe('no-unbounded-parse across files (analyzer)', () => {
  it('reports a generic collector in another file at its accumulation, not at the call', () => {
    const findings = analyzeProject({
      'collect.ts': `import type { Readable } from 'node:stream';

export function collect(stream: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    stream.on('data', (part: Buffer) => parts.push(part));
    stream.on('end', () => resolve(Buffer.concat(parts)));
    stream.on('error', reject);
  });
}
`,
      'server.ts': `import { createServer } from 'node:http';
import { parse } from 'node:querystring';
import { collect } from './collect.js';

export const server = createServer(async (req, res) => {
  const form = parse((await collect(req)).toString('utf8'));
  res.end(String(form.email ?? ''));
});
`,
    });
    expect(findings).toEqual(['collect.ts:6:5 unboundedAccumulation']);
  });

  it('reports a whole read of a Readable that a Koa route hands ctx.req', () => {
    const findings = analyzeProject({
      'feed.ts': `import type { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { XMLParser } from 'fast-xml-parser';

export async function importFeed(source: Readable): Promise<unknown> {
  const xml = await text(source);
  return new XMLParser().parse(xml);
}
`,
      'routes.ts': `import Router from '@koa/router';
import { importFeed } from './feed.js';

export const router = new Router();
router.post('/feeds', async (ctx) => {
  ctx.body = await importFeed(ctx.req);
});
`,
    });
    expect(findings).toEqual(['feed.ts:6:21 unboundedRead']);
  });

  it('does not report a capped reader in another file, nor the same helper fed a local file', () => {
    const findings = analyzeProject({
      'read-capped.ts': `import type { IncomingMessage } from 'node:http';

export function readCapped(req: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) {
        req.destroy();
        reject(new Error('payload too large'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}
`,
      'collect.ts': `import type { Readable } from 'node:stream';

export async function collect(stream: Readable): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk;
  return text;
}
`,
      'server.ts': `import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { readCapped } from './read-capped.js';
import { collect } from './collect.js';

const seed = collect(createReadStream('./seed.json')).then((text) => JSON.parse(text));

export const server = createServer(async (req, res) => {
  const call = JSON.parse(await readCapped(req, 64 * 1024)) as { method: string };
  res.end(call.method + String(Boolean(await seed)));
});
`,
    });
    expect(findings).toEqual([]);
  });
});
