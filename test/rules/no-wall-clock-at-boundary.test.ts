// Valid cases first (every "do not flag" item of the contract, plus look-alikes), then invalid ones; each error
// sits on the wall-clock read, also when the boundary is in another function of the file.
import { createRuleTester } from '../rule-tester.js';
import rule from '../../rules/no-wall-clock-at-boundary.js';

const ruleTester = createRuleTester();

ruleTester.run('no-wall-clock-at-boundary', rule, {
  valid: [
    {
      name: "an audit stamp spread into a list written to a store under a neutral key",
      code: `import { Redis } from 'ioredis';
const redis = new Redis();
export async function audit(name, others) {
  const mine = [{ actor: name, loggedAt: Date.now() }];
  await redis.set('audit:recent', JSON.stringify([...others, ...mine]));
}
`,
    },
    {
      name: "a deadline chosen between local values by a conditional is not a stored value",
      code: `import pg from 'pg';
const pool = new pg.Pool();
export async function poll(opts) {
  const { rows } = await pool.query('SELECT id FROM jobs');
  const deadline = opts.until ? opts.until : opts.start + 1000;
  if (Date.now() > deadline) return [];
  return rows;
}
`,
    },
    {
      name: "an untyped db.collection() client timing its own call (a duration, not a boundary)",
      code: `export async function timedFind(db, id) {
  const started = Date.now();
  const doc = await db.collection('locks').findOne({ _id: id });
  console.log('find took', Date.now() - started);
  return doc;
}
`,
    },
    {
      name: "a column that only starts with an id word (no_show_at) is an audit field, not an id",
      code: `import pg from 'pg';
import { randomUUID } from 'node:crypto';

const pool = new pg.Pool();

export async function markNoShow() {
  await pool.query('INSERT INTO bookings (id, no_show_at) VALUES ($1, $2)', [randomUUID(), new Date()]);
}
`,
    },
    {
      // Local names never decide: a local called `term` written under a key that names no role is not flagged,
      // even with `term` as a boundary word (renaming the local must not change the result).
      name: "boundaryWords option: a local named like a boundary word, stored under a neutral key",
      options: [{"boundaryWords": ["term"]}],
      code: `import { Redis } from 'ioredis';

const redis = new Redis();

export async function startElection(nodeId: string) {
  const term = Date.now();
  await redis.set(\`election:\${nodeId}\`, String(term));
  return term;
}
`,
    },
    {
      name: "a local called version that is only logged",
      code: `export function report(jobName: string) {
  const version = Date.now();
  console.log('finished', jobName, version);
}
`,
    },
    {
      name: "a timestamp written to a plain file (no lock in its path) and compared after reading it back",
      filename: "cache-file.js",
      code: `const fs = require('node:fs/promises');

const STATE_PATH = '/var/tmp/report-state.json';

async function readState() {
  return JSON.parse(await fs.readFile(STATE_PATH, 'utf8'));
}

async function refresh() {
  const state = await readState();
  if (Date.now() - state.savedAt < 60_000) return state;
  await fs.writeFile(STATE_PATH, JSON.stringify({ savedAt: Date.now() }));
  return null;
}

refresh();
`,
    },
    {
      name: "express latency middleware: durations only (histogram and log)",
      code: `import express, { type NextFunction, type Request, type Response } from 'express';

const buckets = [50, 100, 250, 500, 1000];
const counts = new Map<number, number>();

function observe(ms: number): void {
  const bucket = buckets.find((b) => ms <= b) ?? Infinity;
  counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
}

export function timing(req: Request, res: Response, next: NextFunction): void {
  const started = Date.now();
  res.on('finish', () => {
    const ms = Date.now() - started;
    observe(ms);
    console.info(\`\${req.method} \${req.originalUrl} \${res.statusCode} \${ms}ms\`);
  });
  next();
}

export const app = express();
app.use(timing);
`,
    },
    {
      name: "createdAt audit column written with knex and never compared",
      code: `import express from 'express';
import { knex } from 'knex';

const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });
export const app = express();
app.use(express.json());

app.post('/notes', async (req, res) => {
  const [row] = await db('notes')
    .insert({ author_id: req.body.authorId, text: String(req.body.text).slice(0, 2000), created_at: new Date() })
    .returning(['id', 'created_at']);
  await db('audit_log').insert({ action: 'note.create', subject_id: row.id, created_at: new Date() });
  res.status(201).json(row);
});
`,
    },
    {
      name: "JWT exp set and checked against Date.now() (wall clock by protocol)",
      code: `import { createHmac, timingSafeEqual } from 'node:crypto';

const SECRET = process.env.JWT_SECRET ?? 'dev';
const TTL_SEC = 900;

interface Claims { sub: string; iat: number; exp: number }

const b64 = (s: string) => Buffer.from(s).toString('base64url');
const sign = (data: string) => createHmac('sha256', SECRET).update(data).digest();

export function issue(sub: string): string {
  const iat = Math.floor(Date.now() / 1000);
  const claims: Claims = { sub, iat, exp: iat + TTL_SEC };
  const head = \`\${b64(JSON.stringify({ alg: 'HS256' }))}.\${b64(JSON.stringify(claims))}\`;
  return \`\${head}.\${sign(head).toString('base64url')}\`;
}

export function verify(token: string): Claims | null {
  const [h, p, s] = token.split('.');
  if (!h || !p || !s) return null;
  const given = Buffer.from(s, 'base64url');
  const expected = sign(\`\${h}.\${p}\`);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Claims;
  if (claims.exp * 1000 <= Date.now()) return null;
  return claims;
}
`,
    },
    {
      name: "cookie expires from Date.now() in an express handler",
      code: `import express from 'express';

export const router = express.Router();
const REMEMBER_MS = 30 * 24 * 3600 * 1000;

router.post('/login', (req, res) => {
  res.cookie('remember', req.body.userId, {
    httpOnly: true,
    expires: new Date(Date.now() + REMEMBER_MS),
  });
  res.sendStatus(204);
});
`,
    },
    {
      name: "in-process cache TTL (Map) checked against Date.now()",
      filename: "flag-cache.js",
      code: `export class FlagCache {
  constructor(loader, ttlMs = 30000) {
    this.loader = loader;
    this.ttlMs = ttlMs;
    this.entries = new Map();
  }

  async get(flag) {
    const hit = this.entries.get(flag);
    if (hit && hit.expiresAt > Date.now()) return hit.value;
    const value = await this.loader(flag);
    this.entries.set(flag, { value, expiresAt: Date.now() + this.ttlMs });
    return value;
  }

  sweep() {
    const now = Date.now();
    for (const [flag, entry] of this.entries) {
      if (entry.expiresAt <= now) this.entries.delete(flag);
    }
  }
}
`,
    },
    {
      name: "client refreshes its own OAuth token (in-process expiry)",
      code: `import axios, { type AxiosInstance } from 'axios';

interface CachedToken { accessToken: string; expiresAt: number }

export class PartnerClient {
  private token: CachedToken | null = null;
  private readonly http: AxiosInstance;

  constructor(baseURL: string, private readonly clientId: string, private readonly secret: string) {
    this.http = axios.create({ baseURL });
  }

  private async accessToken(): Promise<string> {
    if (this.token && Date.now() < this.token.expiresAt - 60_000) return this.token.accessToken;
    const { data } = await this.http.post('/oauth/token', { client_id: this.clientId, client_secret: this.secret });
    this.token = { accessToken: data.access_token, expiresAt: Date.now() + data.expires_in * 1000 };
    return this.token.accessToken;
  }

  async invoices(customerId: string) {
    const { data } = await this.http.get(\`/customers/\${customerId}/invoices\`, {
      headers: { authorization: \`Bearer \${await this.accessToken()}\` },
    });
    return data;
  }
}
`,
    },
    {
      name: "sorting and picking a winner by timestamps read from the database (no clock read)",
      code: `import pg from 'pg';

export class Timeline {
  constructor(private readonly pool: pg.Pool) {}

  async events(id: string) {
    const { rows } = await this.pool.query('SELECT status, recorded_at FROM shipment_status WHERE shipment_id = $1', [id]);
    return rows
      .map((r) => ({ status: r.status, at: new Date(r.recorded_at) }))
      .sort((a, b) => a.at.getTime() - b.at.getTime());
  }

  pick(a: { updated_at: string }, b: { updated_at: string }) {
    return new Date(a.updated_at) >= new Date(b.updated_at) ? a : b;
  }
}
`,
    },
    {
      name: "lease expiry decided by Postgres now(); Date.now() only times the call",
      code: `import pg from 'pg';

export class DbLeases {
  constructor(private readonly pool: pg.Pool, private readonly ttlSeconds = 30) {}

  async tryAcquire(name: string, holder: string): Promise<boolean> {
    const started = Date.now();
    const { rowCount } = await this.pool.query(
      \`INSERT INTO locks (name, holder, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))
       ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
       WHERE locks.expires_at <= now() OR locks.holder = EXCLUDED.holder\`,
      [name, holder, this.ttlSeconds],
    );
    const took = Date.now() - started;
    if (took > 200) console.warn(\`lease \${name}: acquire took \${took}ms\`);
    return rowCount === 1;
  }
}
`,
    },
    {
      name: "fixed-window rate limit keyed by the clock (not flagged by default)",
      filename: "rate-limit.js",
      code: `import { Redis } from 'ioredis';

const redis = new Redis();

export function rateLimit({ windowSec = 60, max = 100 } = {}) {
  return async (req, res, next) => {
    const window = Math.floor(Date.now() / 1000 / windowSec);
    const key = \`rl:\${req.ip}:\${window}\`;
    const count = await redis.incr(key);
    if (count === 1) await redis.expire(key, windowSec * 2);
    if (count > max) return res.status(429).end();
    next();
  };
}
`,
    },
    {
      name: "BullMQ delay computed from Date.now() (a scheduling delay)",
      code: `import { Queue } from 'bullmq';

export const reminders = new Queue('reminders', { connection: { host: 'localhost' } });

export async function schedule(appt: { id: string; startsAt: string }) {
  const sendAt = new Date(appt.startsAt).getTime() - 24 * 3600 * 1000;
  const delay = Math.max(0, sendAt - Date.now());
  await reminders.add('remind', { id: appt.id }, { delay, jobId: \`reminder:\${appt.id}\`, attempts: 3 });
}
`,
    },
    {
      name: "webhook signature tolerance (not flagged by default)",
      code: `import express from 'express';
import { createHmac, timingSafeEqual } from 'node:crypto';

const SECRET = process.env.WEBHOOK_SECRET ?? '';
const TOLERANCE_SEC = 300;

function verify(raw: Buffer, header: string): boolean {
  const parts = new Map(header.split(',').map((kv) => kv.split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  if (Math.abs(Math.floor(Date.now() / 1000) - t) > TOLERANCE_SEC) return false;
  const expected = createHmac('sha256', SECRET).update(\`\${t}.\`).update(raw).digest();
  const given = Buffer.from(parts.get('v1') ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export const hooks = express.Router();
hooks.post('/hooks', express.raw({ type: 'application/json' }), (req, res) => {
  res.sendStatus(verify(req.body, req.header('signature') ?? '') ? 204 : 400);
});
`,
    },
    {
      name: "performance.now() and process.hrtime for timing",
      code: `import { performance } from 'node:perf_hooks';
import pg from 'pg';

const pool = new pg.Pool();

export async function timedQuery(sql: string, params: unknown[]) {
  const t0 = performance.now();
  const h0 = process.hrtime.bigint();
  const result = await pool.query(sql, params);
  const version = performance.now() - t0;
  console.debug({ ms: version, ns: String(process.hrtime.bigint() - h0) });
  return result;
}
`,
    },
    {
      name: "prom-client histogram of a request duration (koa)",
      code: `import Koa from 'koa';
import client from 'prom-client';

const histogram = new client.Histogram({ name: 'http_seconds', help: 'latency' });
export const app = new Koa();

app.use(async (ctx, next) => {
  const start = Date.now();
  await next();
  const seconds = (Date.now() - start) / 1000;
  histogram.observe(seconds);
  ctx.set('X-Response-Time', \`\${Date.now() - start}ms\`);
});
`,
    },
    {
      name: "a clock injected as a parameter is not the wall clock",
      code: `export interface Clock { now(): number }

export class LeaseChecker {
  constructor(private readonly clock: Clock) {}

  isExpired(lease: { expiresAt: number }): boolean {
    return lease.expiresAt < this.clock.now();
  }
}
`,
    },
    {
      name: "a shadowed Date is not the global clock",
      code: `import { Redis } from 'ioredis';

const redis = new Redis();

export async function acquire(Date: { now(): number }, name: string) {
  const lockUntil = Date.now() + 5000;
  return redis.set(\`lock:\${name}\`, String(lockUntil), 'PX', 5000, 'NX');
}
`,
    },
    {
      name: "new Date(x) with an argument compared in a query",
      code: `import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function staleLeases(asOf: string) {
  return prisma.lease.findMany({ where: { expiresAt: { lt: new Date(asOf) } } });
}
`,
    },
    {
      name: "kafkajs message timestamp metadata",
      code: `import { Kafka } from 'kafkajs';

const kafka = new Kafka({ clientId: 'orders', brokers: ['localhost:9092'] });
const producer = kafka.producer();

export async function publishOrder(order: { id: string; total: number }) {
  await producer.send({
    topic: 'orders',
    messages: [{ key: order.id, value: JSON.stringify(order), timestamp: Date.now().toString() }],
  });
}
`,
    },
    {
      name: "amqplib publish with a timestamp property",
      code: `import amqp from 'amqplib';

export async function publish(payload: object) {
  const conn = await amqp.connect('amqp://localhost');
  const ch = await conn.createChannel();
  ch.publish('events', 'user.created', Buffer.from(JSON.stringify(payload)), {
    persistent: true,
    timestamp: Math.floor(Date.now() / 1000),
  });
}
`,
    },
    {
      name: "SQS sendMessage with a sentAt attribute",
      code: `import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';

const sqs = new SQSClient({});

export async function enqueue(queueUrl: string, body: object) {
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: JSON.stringify(body),
      MessageAttributes: { sentAt: { DataType: 'Number', StringValue: String(Date.now()) } },
    }),
  );
}
`,
    },
    {
      name: "Mongoose createdAt set on create and only displayed",
      filename: "comments.js",
      code: `import mongoose from 'mongoose';

const Comment = mongoose.model('Comment', new mongoose.Schema({ body: String, createdAt: Date }));

export async function addComment(body) {
  const doc = await Comment.create({ body, createdAt: new Date() });
  return { id: doc.id, shownAt: doc.createdAt.toLocaleString() };
}
`,
    },
    {
      name: "Prisma lastLoginAt display field",
      code: `import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function recordLogin(userId: string) {
  await prisma.user.update({ where: { id: userId }, data: { lastLoginAt: new Date() } });
}
`,
    },
    {
      name: "server time returned to the client (fastify)",
      code: `import Fastify from 'fastify';

export const app = Fastify();

app.get('/time', async (_request, reply) => {
  reply.header('date', new Date().toUTCString());
  return { serverTime: Date.now() };
});
`,
    },
    {
      name: "setTimeout wait computed from a deadline",
      code: `export function runAt(deadlineMs: number, fn: () => void) {
  const wait = deadlineMs - Date.now();
  setTimeout(fn, Math.max(0, wait));
}
`,
    },
    {
      name: "database session expiry checked against the clock (protocol expiry)",
      code: `import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function validateSession(id: string) {
  const session = await prisma.session.findUnique({ where: { id } });
  if (!session || session.expiresAt < new Date()) return null;
  return session;
}
`,
    },
    {
      name: "retry loop that gives up after a duration",
      code: `import got from 'got';
import { setTimeout as sleep } from 'node:timers/promises';

export async function fetchWithDeadline(url: string, budgetMs = 10_000) {
  const startedAt = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await got(url).json();
    } catch (err) {
      if (Date.now() - startedAt > budgetMs) throw err;
      await sleep(Math.min(1000 * 2 ** attempt, 5000));
    }
  }
}
`,
    },
    {
      name: "export file name with the time",
      code: `import { writeFile } from 'node:fs/promises';

export async function exportCsv(rows: string[][]) {
  const filename = \`export-\${Date.now()}.csv\`;
  await writeFile(\`/tmp/\${filename}\`, rows.map((r) => r.join(',')).join('\\n'));
  return filename;
}
`,
    },
    {
      name: "S3 object key mixing the time with randomness",
      code: `import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import multer from 'multer';

const s3 = new S3Client({});
export const upload = multer({ limits: { fileSize: 5 * 1024 * 1024 } });

export async function store(file: { buffer: Buffer; originalname: string }) {
  const key = \`uploads/\${Date.now()}-\${randomUUID()}-\${file.originalname}\`;
  await s3.send(new PutObjectCommand({ Bucket: 'media', Key: key, Body: file.buffer }));
  return key;
}
`,
    },
    {
      name: "request id for logs made from time and Math.random",
      code: `import express from 'express';

export const app = express();
app.use((req, res, next) => {
  const requestId = \`\${Date.now().toString(36)}-\${Math.random().toString(36).slice(2)}\`;
  res.setHeader('x-request-id', requestId);
  next();
});
`,
    },
    {
      name: "TypeORM audit row with an at column never compared",
      code: `import { DataSource } from 'typeorm';

export async function audit(ds: DataSource, action: string, actor: string) {
  await ds.getRepository('AuditEntry').save({ action, actor, at: new Date() });
}
`,
    },
    {
      name: "cached payload in Redis stamped with cachedAt",
      code: `import { Redis } from 'ioredis';

const redis = new Redis();

export async function cacheProfile(id: string, profile: object) {
  await redis.set(\`cache:profile:\${id}\`, JSON.stringify({ profile, cachedAt: Date.now() }), 'EX', 60);
}
`,
    },
    {
      name: "Lambda log line with an ISO time",
      code: `import type { APIGatewayProxyEvent, Context } from 'aws-lambda';

export const handler = async (event: APIGatewayProxyEvent, context: Context) => {
  console.log(JSON.stringify({ at: new Date().toISOString(), requestId: context.awsRequestId, path: event.path }));
  return { statusCode: 200, body: 'ok' };
};
`,
    },
    {
      name: "periodic flush interval tracked in-process",
      filename: "flush.js",
      code: `let lastFlush = Date.now();
const FLUSH_INTERVAL_MS = 5000;
const buffer = [];

export function record(item) {
  buffer.push(item);
  if (Date.now() - lastFlush > FLUSH_INTERVAL_MS) {
    console.log(\`flushing \${buffer.splice(0).length} items\`);
    lastFlush = Date.now();
  }
}
`,
    },
    {
      name: "a version field that does not come from the clock",
      code: `import { Redis } from 'ioredis';

const redis = new Redis();
const pkg = { version: '1.4.2' };

export async function announce() {
  await redis.hset('service:info', { version: pkg.version, bootedAt: new Date().toISOString() });
}
`,
    },
    {
      name: "sorting API results by a date parsed from the payload",
      code: `import axios from 'axios';

export async function latestPosts() {
  const { data } = await axios.get('https://blog.example.test/posts.json');
  return data.sort((a, b) => new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime());
}
`,
    },
    {
      name: "dayjs with an argument and moment formatting a report name",
      code: `import dayjs from 'dayjs';
import moment from 'moment';

export function labels(row: { created_at: string }) {
  const created = dayjs(row.created_at).format('YYYY-MM-DD');
  const reportName = \`report-\${moment().format('YYYY-MM-DD')}.pdf\`;
  return { created, reportName };
}
`,
    },
    {
      name: "look-alike names: a local object with set/get and an expiresAt field",
      filename: "memo.js",
      code: `const memo = {
  data: new Map(),
  set(key, value) { this.data.set(key, value); },
  get(key) { return this.data.get(key); },
};

export function remember(key, value, ttlMs) {
  memo.set(key, { value, expiresAt: Date.now() + ttlMs });
}

export function recall(key) {
  const hit = memo.get(key);
  return hit && hit.expiresAt > Date.now() ? hit.value : undefined;
}
`,
    },
    {
      name: "busboy upload timed for a log line",
      code: `import busboy from 'busboy';
import { createServer } from 'node:http';

export const server = createServer((req, res) => {
  const started = Date.now();
  const bb = busboy({ headers: req.headers, limits: { fileSize: 1024 * 1024 } });
  bb.on('close', () => {
    console.log(\`upload took \${Date.now() - started}ms\`);
    res.end('ok');
  });
  req.pipe(bb);
});
`,
    },
    {
      name: "allowWords option: a preview link expiry stored in Redis",
      options: [{"allowWords": ["preview"]}],
      code: `import { Redis } from 'ioredis';

const redis = new Redis();

export async function sharePreview(docId: string) {
  const previewExpiresAt = Date.now() + 3600_000;
  await redis.set(\`preview:\${docId}\`, String(previewExpiresAt));
}
`,
    },
    {
      name: "password reset token expiry in Mongo (protocol-style expiry)",
      filename: "reset.js",
      code: `import mongoose from 'mongoose';

const User = mongoose.model('User', new mongoose.Schema({ email: String, resetPasswordToken: String, resetPasswordExpires: Number }));

export async function forgot(email, token) {
  await User.updateOne({ email }, { $set: { resetPasswordToken: token, resetPasswordExpires: Date.now() + 3600000 } });
}

export async function reset(token) {
  return User.findOne({ resetPasswordToken: token, resetPasswordExpires: { $gt: Date.now() } });
}
`,
    },
    {
      name: "retention purge deletes rows older than a cutoff",
      code: `import mongoose from 'mongoose';
import pg from 'pg';

const Event = mongoose.model('Event', new mongoose.Schema({ createdAt: Date }));
const pool = new pg.Pool();

export async function purge() {
  await Event.deleteMany({ createdAt: { $lt: new Date(Date.now() - 30 * 864e5) } });
  await pool.query('DELETE FROM audit_events WHERE created_at < $1', [new Date(Date.now() - 90 * 864e5)]);
}
`,
    },
    {
      name: "read filter: posts published by now, newest first",
      code: `import mongoose from 'mongoose';

const Post = mongoose.model('Post', new mongoose.Schema({ title: String, publishedAt: Date }));

export async function feed() {
  return Post.find({ publishedAt: { $lte: new Date() } }).sort({ publishedAt: -1 }).limit(20);
}
`,
    },
    {
      name: "shared Redis cache entry with an expiresAt checked on read",
      code: `import { Redis } from 'ioredis';

const redis = new Redis();

export async function cached(key: string, load: () => Promise<unknown>) {
  const raw = await redis.get(\`cache:\${key}\`);
  if (raw) {
    const entry = JSON.parse(raw);
    if (entry.expiresAt > Date.now()) return entry.value;
  }
  const value = await load();
  await redis.set(\`cache:\${key}\`, JSON.stringify({ value, expiresAt: Date.now() + 60000 }));
  return value;
}
`,
    },
    {
      name: "polling until an in-process deadline",
      code: `export async function waitFor(check: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}
`,
    },
    {
      name: "jsonwebtoken sign with an exp claim",
      code: `import jwt from 'jsonwebtoken';

export function issue(sub: string) {
  return jwt.sign({ sub, exp: Math.floor(Date.now() / 1000) + 3600 }, process.env.JWT_SECRET!);
}
`,
    },
    {
      name: "kafkajs consumer skips stale messages by age",
      code: `import { Kafka } from 'kafkajs';

const consumer = new Kafka({ clientId: 'mailer', brokers: ['kafka:9092'] }).consumer({ groupId: 'mailer' });

export async function start() {
  await consumer.run({
    eachMessage: async ({ message }) => {
      if (Date.now() - Number(message.timestamp) > 60_000) return;
      console.log(message.value?.toString());
    },
  });
}
`,
    },
    {
      name: "sliding-window rate limiter in a Redis sorted set (not flagged by default)",
      code: `import { Redis } from 'ioredis';

const redis = new Redis();

export async function allow(ip: string, limit = 100, windowMs = 60_000) {
  const now = Date.now();
  const key = \`rl:\${ip}\`;
  await redis.zremrangebyscore(key, 0, now - windowMs);
  if ((await redis.zcard(key)) >= limit) return false;
  await redis.zadd(key, now, \`\${now}-\${Math.random()}\`);
  await redis.pexpire(key, windowMs);
  return true;
}
`,
    },
    {
      name: "in-process token bucket refilled by elapsed time",
      code: `export class TokenBucket {
  private tokens: number;
  private lastRefill = Date.now();

  constructor(private readonly capacity: number, private readonly perSecond: number) {
    this.tokens = capacity;
  }

  take(): boolean {
    const now = Date.now();
    const elapsed = now - this.lastRefill;
    this.tokens = Math.min(this.capacity, this.tokens + (elapsed / 1000) * this.perSecond);
    this.lastRefill = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
`,
    },
    {
      name: "WebSocket keepalive: lastHeartbeat lives in one process",
      code: `import { WebSocketServer, type WebSocket } from 'ws';

const wss = new WebSocketServer({ port: 8080, maxPayload: 64 * 1024 });
const lastSeen = new WeakMap<WebSocket, number>();

wss.on('connection', (ws) => {
  lastSeen.set(ws, Date.now());
  ws.on('pong', () => lastSeen.set(ws, Date.now()));
});

setInterval(() => {
  for (const ws of wss.clients) {
    const lastHeartbeat = lastSeen.get(ws) ?? 0;
    if (Date.now() - lastHeartbeat > 30_000) ws.terminate();
    else ws.ping();
  }
}, 10_000).unref();
`,
    },
    {
      name: "\"epoch seconds\" meaning Unix time, not a leadership epoch",
      code: `export const nowEpochSeconds = (): number => Math.floor(Date.now() / 1000);

export function stamp<T extends object>(payload: T) {
  return { ...payload, sentAtEpoch: nowEpochSeconds() };
}
`,
    },
    {
      name: "an injected cache (untyped parameter) storing an expiresAt",
      filename: "profile-service.js",
      code: `export class ProfileService {
  constructor(cache, loader) {
    this.cache = cache;
    this.loader = loader;
  }

  async get(id) {
    const value = await this.loader(id);
    await this.cache.set(id, { value, expiresAt: Date.now() + 1000 });
    return value;
  }
}
`,
    },
    {
      name: "a class stamps this.start for a duration; an unrelated module-level sort uses a start field",
      code: `export class Reporter {
  start = 0;

  onInit(): void {
    this.start = Date.now();
  }

  onEnd(write: (line: string) => void): void {
    write(\`done in \${Date.now() - this.start}ms\`);
  }
}

export function byStart<T extends { start: number }>(defs: T[]): T[] {
  return [...defs].sort((a, b) => a.start - b.start);
}
`,
    },
  ],
  invalid: [
    {
      name: "lock expiry inside records spread into the list a store keeps",
      filename: "claim.js",
      code: `import { Redis } from 'ioredis';
const redis = new Redis();
export async function claim(name, others) {
  const mine = [{ owner: name, lockedUntil: Date.now() + 5000 }];
  await redis.set('locks:all', JSON.stringify([...others, ...mine]));
}
`,
      errors: [{ messageId: 'ownership', line: 4, column: 45 }],
    },
    {
      name: "edit stamp compared with a stored stamp read through a conditional default (last write wins)",
      filename: "documents.js",
      code: `import pg from 'pg';
const pool = new pg.Pool();
async function saveIfNewer(id, editedAt) {
  const { rows } = await pool.query('SELECT edited_at_ms FROM documents WHERE id = $1', [id]);
  const stored = rows[0] ? Number(rows[0].edited_at_ms) : -1;
  if (stored >= editedAt) return false;
  await pool.query('UPDATE documents SET edited_at_ms = $2 WHERE id = $1', [id, editedAt]);
  return true;
}
export async function edit(id) {
  const editedAt = Date.now();
  return saveIfNewer(id, editedAt);
}
`,
      errors: [{ messageId: 'ordering', line: 11, column: 20 }],
    },
    {
      name: "lock expiry read through an untyped db.collection() client compared with the local clock",
      filename: "scheduler-lock.js",
      code: `function now() {
  return Date.now();
}

export async function tryTakeSchedulerLock(db, instanceId) {
  const lock = await db.collection('locks').findOne({ _id: 'scheduler' });
  if (lock && lock.owner !== instanceId && now() < lock.expiresAt) return false;
  await db.collection('locks').updateOne({ _id: 'scheduler' }, { $set: { owner: instanceId } }, { upsert: true });
  return true;
}
`,
      errors: [{ messageId: 'ownership', line: 2, column: 10 }],
    },
    {
      name: "Redis SETNX lock whose value is Date.now() + ttl",
      filename: "lock.js",
      code: `import { Redis } from 'ioredis';

const redis = new Redis(process.env.REDIS_URL);

export async function acquireLock(name, ttlMs = 5000) {
  const key = \`lock.\${name}\`;
  const lockUntil = Date.now() + ttlMs + 1;
  if ((await redis.setnx(key, lockUntil)) === 1) return { key, lockUntil };
  return null;
}
`,
      errors: [{ messageId: 'ownership', line: 7, column: 21 }],
    },
    {
      name: "stored lock expiry read from Redis and compared with the local clock",
      filename: "held.js",
      code: `import { Redis } from 'ioredis';

const redis = new Redis();

export async function isHeld(name) {
  const holderUntil = await redis.get(\`lock.\${name}\`);
  return holderUntil !== null && Number(holderUntil) > Date.now();
}
`,
      errors: [{ messageId: 'ownership', line: 7, column: 56 }],
    },
    {
      name: "releasing a lock only while lock.lockUntil > Date.now()",
      filename: "release.js",
      code: `import { Redis } from 'ioredis';

const redis = new Redis();

export async function releaseLock(lock) {
  const stillOurs = lock.lockUntil > Date.now();
  if (stillOurs) await redis.del(lock.key);
}
`,
      errors: [{ messageId: 'ownership', line: 6, column: 38 }],
    },
    {
      name: "pg lease upsert compares expires_at with the app clock",
      code: `import pg from 'pg';

export class LeaseStore {
  constructor(private readonly pool: pg.Pool, private readonly ttlMs = 30_000) {}

  async tryAcquire(resource: string, owner: string): Promise<boolean> {
    const now = Date.now();
    const { rowCount } = await this.pool.query(
      \`INSERT INTO leases (resource, owner, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (resource) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
       WHERE leases.expires_at < $4 OR leases.owner = EXCLUDED.owner\`,
      [resource, owner, new Date(now + this.ttlMs), new Date(now)],
    );
    return rowCount === 1;
  }
}
`,
      errors: [{ messageId: 'ownership', line: 7, column: 17 }],
    },
    {
      name: "same-file helper returns the lease expiry written by UPDATE",
      code: `import pg from 'pg';

export class LeaseRenewer {
  constructor(private readonly pool: pg.Pool, private readonly ttlMs = 30_000) {}

  async renew(resource: string, owner: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('UPDATE leases SET expires_at = $3 WHERE resource = $1 AND owner = $2', [
      resource,
      owner,
      this.leaseExpiry(),
    ]);
    return rowCount === 1;
  }

  private leaseExpiry(): Date {
    return new Date(Date.now() + this.ttlMs);
  }
}
`,
      errors: [{ messageId: 'ownership', line: 16, column: 21 }],
    },
    {
      name: "Mongo job lock: lockedAt stamped and stale cutoff compared with $lte",
      code: `import mongoose from 'mongoose';

const Jobs = mongoose.model('Job', new mongoose.Schema({ name: String, lockedAt: Date, lockedBy: String, nextRunAt: Date }));

export async function lockNext(name: string, workerId: string, lifetimeMs: number) {
  const lockedAt = new Date();
  const abandonedBefore = new Date(Date.now() - lifetimeMs);
  return Jobs.findOneAndUpdate(
    { name, $or: [{ lockedAt: null, nextRunAt: { $lte: lockedAt } }, { lockedAt: { $lte: abandonedBefore } }] },
    { $set: { lockedAt, lockedBy: workerId } },
  );
}
`,
      errors: [{ messageId: 'ownership', line: 6, column: 20 }, { messageId: 'ownership', line: 7, column: 36 }],
    },
    {
      name: "Mongo heartbeat re-stamps lockedAt with $set",
      code: `import mongoose from 'mongoose';

const Jobs = mongoose.model('Job', new mongoose.Schema({ lockedAt: Date, lockedBy: String }));

export async function touch(jobId: string, workerId: string): Promise<boolean> {
  const res = await Jobs.updateOne({ _id: jobId, lockedBy: workerId }, { $set: { lockedAt: new Date() } });
  return res.modifiedCount === 1;
}
`,
      errors: [{ messageId: 'ownership', line: 6, column: 92 }],
    },
    {
      name: "per-field last-write-wins with $lt on a Date.now() stamp",
      filename: "lww.js",
      code: `import mongoose from 'mongoose';

const Profile = mongoose.model('Profile', new mongoose.Schema({ _id: String, fieldClock: { type: Map, of: Number } }));

export async function applyEdit(userId, field, value) {
  const writtenAt = Date.now();
  const clockPath = \`fieldClock.\${field}\`;
  const res = await Profile.updateOne(
    { _id: userId, $or: [{ [clockPath]: { $exists: false } }, { [clockPath]: { $lt: writtenAt } }] },
    { $set: { [field]: value, [clockPath]: writtenAt } },
  );
  return res.modifiedCount === 1;
}
`,
      errors: [{ messageId: 'ordering', line: 6, column: 21 }],
    },
    {
      name: "DynamoDB item version from Date.now() with a conditional write",
      code: `import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';

const ddb = new DynamoDBClient({});

export async function saveCart(cartId: string, lines: unknown[]) {
  const version = Date.now();
  await ddb.send(
    new UpdateItemCommand({
      TableName: 'carts',
      Key: { pk: { S: cartId } },
      UpdateExpression: 'SET #lines = :lines, #v = :v',
      ConditionExpression: 'attribute_not_exists(#v) OR #v < :v',
      ExpressionAttributeNames: { '#lines': 'lines', '#v': 'version' },
      ExpressionAttributeValues: { ':lines': { S: JSON.stringify(lines) }, ':v': { N: String(version) } },
    }),
  );
}
`,
      errors: [{ messageId: 'identity', line: 6, column: 19 }],
    },
    {
      name: "ops stamped with Date.now(), published, and applied in stamp order",
      code: `import { Redis } from 'ioredis';

interface Op { docId: string; text: string; ts: number }

export class Relay {
  private readonly pending: Op[] = [];
  constructor(private readonly pub: Redis) {}

  async submit(docId: string, text: string): Promise<void> {
    const op: Op = { docId, text, ts: Date.now() };
    this.pending.push(op);
    await this.pub.publish('ops', JSON.stringify(op));
  }

  receive(op: Op): void {
    this.pending.push(op);
  }

  flush(): Op[] {
    return this.pending.splice(0).sort((a, b) => a.ts - b.ts);
  }
}
`,
      errors: [{ messageId: 'ordering', line: 10, column: 39 }],
    },
    {
      name: "idempotency key built from Date.now() in a same-file method (fetch)",
      code: `export class PayoutsService {
  async requestPayout(accountId: string, amount: number) {
    const res = await fetch('https://payouts.example.test/v1/payouts', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': this.idempotencyKey(accountId) },
      body: JSON.stringify({ accountId, amount }),
    });
    return res.json();
  }

  private idempotencyKey(accountId: string): string {
    return \`payout-\${accountId}-\${Date.now()}\`;
  }
}
`,
      errors: [{ messageId: 'dedupe', line: 12, column: 35 }],
    },
    {
      name: "dedupe key with a time bucket (SET NX)",
      filename: "dedupe.js",
      code: `import express from 'express';
import { Redis } from 'ioredis';

const redis = new Redis();
const WINDOW_MS = 5 * 60 * 1000;

function dedupeKey(event) {
  const bucket = Math.floor(Date.now() / WINDOW_MS);
  return \`webhook:dedupe:\${event.id}:\${bucket}\`;
}

export const hooks = express.Router();
hooks.post('/hooks/shipping', express.json(), async (req, res) => {
  const first = await redis.set(dedupeKey(req.body), '1', 'PX', WINDOW_MS * 2, 'NX');
  if (first !== 'OK') return res.sendStatus(200);
  res.sendStatus(202);
});
`,
      errors: [{ messageId: 'dedupe', line: 8, column: 29 }],
    },
    {
      name: "fencing token from Date.now() stored in Redis",
      code: `import { Redis } from 'ioredis';

const FENCE_KEY = 'cron:fence';

export class Leader {
  constructor(private readonly redis: Redis, private readonly id: string) {}

  async tryLead(): Promise<number | null> {
    const candidate = Date.now();
    const won = await this.redis.set('cron:leader', this.id, 'EX', 60, 'NX');
    if (won !== 'OK') return null;
    await this.redis.set(FENCE_KEY, String(candidate), 'EX', 60);
    return candidate;
  }
}
`,
      errors: [{ messageId: 'identity', line: 9, column: 23 }],
    },
    {
      name: "TypeORM outbox seq from a same-file helper",
      code: `import { DataSource, MoreThan, type EntityManager } from 'typeorm';

let counter = 0;

function nextSeq(): string {
  counter = (counter + 1) % 1000;
  return String(Date.now() * 1000 + counter);
}

export class Outbox {
  constructor(private readonly ds: DataSource) {}

  async append(em: EntityManager, topic: string, payload: object) {
    await em.insert('outbox', { seq: nextSeq(), topic, payload });
  }

  async readAfter(cursor: string) {
    return this.ds.getRepository('outbox').find({ where: { seq: MoreThan(cursor) }, order: { seq: 'ASC' } });
  }
}
`,
      errors: [{ messageId: 'identity', line: 7, column: 17 }],
    },
    {
      name: "Prisma updateMany steals leases whose leaseUntil < new Date()",
      code: `import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function stealExpired(workerId: string) {
  return prisma.task.updateMany({
    where: { leaseUntil: { lt: new Date() } },
    data: { owner: workerId },
  });
}
`,
      errors: [{ messageId: 'ownership', line: 7, column: 32 }],
    },
    {
      name: "knex where locked_until < new Date()",
      code: `import { knex } from 'knex';

const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });

export async function claim(workerId: string) {
  return db('jobs')
    .where('locked_until', '<', new Date())
    .update({ locked_by: workerId })
    .returning('*');
}
`,
      errors: [{ messageId: 'ownership', line: 7, column: 33 }],
    },
    {
      name: "knex transaction: stale heartbeat cutoff from the app clock",
      code: `import { knex } from 'knex';

const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });

export async function reapWorkers() {
  await db.transaction(async (trx) => {
    const cutoff = new Date(Date.now() - 30_000);
    await trx('workers').where('heartbeat_at', '<', cutoff).del();
  });
}
`,
      errors: [{ messageId: 'ownership', line: 7, column: 29 }],
    },
    {
      name: "Sequelize Op.lt on lockExpiresAt",
      filename: "sequelize-lock.js",
      code: `import { Op, Sequelize, DataTypes } from 'sequelize';

const sequelize = new Sequelize(process.env.DATABASE_URL);
const Job = sequelize.define('Job', { lockExpiresAt: DataTypes.BIGINT, owner: DataTypes.STRING });

export async function takeOver(owner) {
  return Job.update({ owner }, { where: { lockExpiresAt: { [Op.lt]: Date.now() } } });
}
`,
      errors: [{ messageId: 'ownership', line: 7, column: 69 }],
    },
    {
      name: "Mongoose document lockedAt assigned then saved",
      filename: "mongoose-doc.js",
      code: `import mongoose from 'mongoose';

const Job = mongoose.model('Job', new mongoose.Schema({ lockedAt: Date }));

export async function lock(id) {
  const job = await Job.findById(id);
  job.lockedAt = new Date();
  await job.save();
  return job;
}
`,
      errors: [{ messageId: 'ownership', line: 7, column: 18 }],
    },
    {
      name: "kafkajs event version from the clock",
      code: `import { Kafka } from 'kafkajs';

const producer = new Kafka({ clientId: 'inventory', brokers: ['kafka:9092'] }).producer();

export async function publishStock(sku: string, qty: number) {
  const event = { sku, qty, version: Date.now() };
  await producer.send({ topic: 'stock', messages: [{ key: sku, value: JSON.stringify(event) }] });
}
`,
      errors: [{ messageId: 'identity', line: 6, column: 38 }],
    },
    {
      name: "BullMQ jobId made from the time",
      code: `import { Queue } from 'bullmq';

const sync = new Queue('sync', { connection: { host: 'redis' } });

export async function requestSync(userId: string) {
  await sync.add('sync-user', { userId }, { jobId: \`sync-\${userId}-\${Date.now()}\` });
}
`,
      errors: [{ messageId: 'identity', line: 6, column: 70 }],
    },
    {
      name: "payment idempotencyKey option from the clock (axios)",
      code: `import axios from 'axios';

export async function charge(orderId: string, amount: number) {
  const idempotencyKey = \`charge-\${orderId}-\${Date.now()}\`;
  return axios.post('https://pay.example.test/charges', { orderId, amount }, { headers: { 'Idempotency-Key': idempotencyKey } });
}
`,
      errors: [{ messageId: 'dedupe', line: 4, column: 47 }],
    },
    {
      name: "Idempotency-Key header from String(Date.now()) with got",
      code: `import got from 'got';

export async function submitTransfer(body: object) {
  return got.post('https://bank.example.test/transfers', {
    json: body,
    headers: { 'Idempotency-Key': String(Date.now()) },
  }).json();
}
`,
      errors: [{ messageId: 'dedupe', line: 6, column: 42 }],
    },
    {
      name: "SQS FIFO MessageDeduplicationId from the clock",
      code: `import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';

const sqs = new SQSClient({});

export async function enqueueOrder(queueUrl: string, orderId: string) {
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: JSON.stringify({ orderId }),
      MessageGroupId: orderId,
      MessageDeduplicationId: \`\${orderId}:\${Date.now()}\`,
    }),
  );
}
`,
      errors: [{ messageId: 'dedupe', line: 11, column: 45 }],
    },
    {
      name: "optimistic version column from Date.now() in SQL",
      code: `import pg from 'pg';

const pool = new pg.Pool();

export async function saveDoc(id: string, body: string) {
  const stamp = Date.now();
  const { rowCount } = await pool.query('UPDATE docs SET body = $2, version = $3 WHERE id = $1 AND version < $3', [id, body, stamp]);
  return rowCount === 1;
}
`,
      errors: [{ messageId: 'identity', line: 6, column: 17 }],
    },
    {
      name: "leader expiry read from Redis compared with Date.now() in a .then chain",
      filename: "leader.js",
      code: `import { Redis } from 'ioredis';

const redis = new Redis();

export function leaderAlive() {
  return redis.get('leader:until').then((until) => Number(until) > Date.now());
}
`,
      errors: [{ messageId: 'ownership', line: 6, column: 68 }],
    },
    {
      name: "lease expiry kept in a class field and written by a later query",
      code: `import pg from 'pg';

export class LeaseManager {
  private leaseExpiresAt = 0;

  constructor(private readonly pool: pg.Pool, private readonly name: string) {}

  async acquire(): Promise<void> {
    this.leaseExpiresAt = Date.now() + 15_000;
    await this.persist();
  }

  private async persist(): Promise<void> {
    await this.pool.query('INSERT INTO leases (name, expires_at) VALUES ($1, $2)', [this.name, new Date(this.leaseExpiresAt)]);
  }
}
`,
      errors: [{ messageId: 'ownership', line: 9, column: 27 }],
    },
    {
      name: "last-write-wins by updatedAt between the incoming and the stored document",
      filename: "lww-docs.js",
      code: `import { MongoClient } from 'mongodb';

const docs = new MongoClient(process.env.MONGO_URL).db('app').collection('docs');

export async function save(doc) {
  const incoming = { ...doc, updatedAt: Date.now() };
  const current = await docs.findOne({ _id: doc._id });
  const winner = current && current.updatedAt > incoming.updatedAt ? current : incoming;
  await docs.replaceOne({ _id: doc._id }, winner, { upsert: true });
}
`,
      errors: [{ messageId: 'ordering', line: 6, column: 41 }],
    },
    {
      name: "events stamped by an exported factory and replayed in stamp order",
      filename: "events.js",
      code: `import { randomUUID } from 'node:crypto';

export function domainEvent(type, data) {
  return { id: randomUUID(), type, data, at: Date.now() };
}

export function replay(events) {
  return [...events].sort((a, b) => a.at - b.at).reduce((balance, e) => balance + e.data.amount, 0);
}
`,
      errors: [{ messageId: 'ordering', line: 4, column: 46 }],
    },
    {
      name: "epoch from the clock stored as the leader epoch",
      code: `import { Redis } from 'ioredis';

const redis = new Redis();

export async function becomeLeader(nodeId: string) {
  const epoch = Math.floor(Date.now() / 1000);
  await redis.hset('cluster:leader', { nodeId, epoch: String(epoch) });
  return epoch;
}
`,
      errors: [{ messageId: 'identity', line: 6, column: 28 }],
    },
    {
      name: "order number made from the time (Prisma create)",
      code: `import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function placeOrder(customerId: string, total: number) {
  return prisma.order.create({ data: { customerId, total, orderNumber: \`ORD-\${Date.now()}\` } });
}
`,
      errors: [{ messageId: 'identity', line: 6, column: 79 }],
    },
    {
      name: "same-file now() helper used as a document revision",
      filename: "pages.js",
      code: `import mongoose from 'mongoose';

const Page = mongoose.model('Page', new mongoose.Schema({ slug: String, body: String, revision: Number }));

function now() {
  return Date.now();
}

export async function publishPage(slug, body) {
  await Page.updateOne({ slug }, { $set: { body, revision: now() } }, { upsert: true });
}
`,
      errors: [{ messageId: 'identity', line: 6, column: 10 }],
    },
    {
      name: "pg callback API: claim a job with claimed_until from the app clock",
      filename: "claim.cjs",
      code: `const { Pool } = require('pg');

const pool = new Pool();

function claim(jobId, ttlMs, cb) {
  pool.query(
    'UPDATE jobs SET claimed_until = $1 WHERE id = $2 AND claimed_until < $3',
    [new Date(Date.now() + ttlMs), jobId, new Date()],
    (err, res) => cb(err, res && res.rowCount === 1),
  );
}

module.exports = { claim };
`,
      errors: [{ messageId: 'ownership', line: 8, column: 15 }, { messageId: 'ownership', line: 8, column: 43 }],
    },
    {
      name: "express upsert keeps the row with the larger edited_at",
      code: `import express from 'express';
import pg from 'pg';

const pool = new pg.Pool();
export const app = express();
app.use(express.json());

app.put('/notes/:id', async (req, res) => {
  const editedAt = Date.now();
  await pool.query(
    \`INSERT INTO notes (id, body, edited_at) VALUES ($1, $2, $3)
     ON CONFLICT (id) DO UPDATE SET body = EXCLUDED.body, edited_at = EXCLUDED.edited_at
     WHERE notes.edited_at < EXCLUDED.edited_at\`,
    [req.params.id, req.body.body, editedAt],
  );
  res.sendStatus(204);
});
`,
      errors: [{ messageId: 'ordering', line: 9, column: 20 }],
    },
    {
      name: "event stream seq column from the clock",
      code: `import pg from 'pg';

const pool = new pg.Pool();

export async function append(stream: string, data: object) {
  await pool.query('INSERT INTO events (stream, seq, data) VALUES ($1, $2, $3)', [stream, Date.now(), data]);
}

export async function read(stream: string) {
  const { rows } = await pool.query('SELECT data FROM events WHERE stream = $1 ORDER BY seq', [stream]);
  return rows;
}
`,
      errors: [{ messageId: 'identity', line: 6, column: 91 }],
    },
    {
      name: "koa handler compares a pg-promise lease with the local clock",
      code: `import Koa from 'koa';
import pgp from 'pg-promise';

const db = pgp()(process.env.DATABASE_URL);
export const app = new Koa();

app.use(async (ctx) => {
  const lease = await db.oneOrNone('SELECT owner, expires_at FROM leases WHERE name = $1', ['reports']);
  ctx.body = { free: !lease || lease.expires_at.getTime() < Date.now() };
});
`,
      errors: [{ messageId: 'ownership', line: 9, column: 61 }],
    },
    {
      name: "DynamoDB lock: item lockedUntil written and compared through :now",
      code: `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event: { name: string; owner: string }) => {
  await doc.send(
    new PutCommand({
      TableName: 'locks',
      Item: { pk: event.name, owner: event.owner, lockedUntil: Date.now() + 30_000 },
      ConditionExpression: 'attribute_not_exists(pk) OR lockedUntil < :now',
      ExpressionAttributeValues: { ':now': Date.now() },
    }),
  );
  return { statusCode: 200 };
};
`,
      errors: [{ messageId: 'ownership', line: 10, column: 64 }, { messageId: 'ownership', line: 12, column: 44 }],
    },
    {
      name: "a lock record assigned a field, then written to Redis",
      filename: "take-lock.cjs",
      code: `const Redis = require('ioredis');

const redis = new Redis();

async function takeLock(name, owner, ttlMs) {
  const lock = { owner };
  lock.expires = Date.now() + ttlMs;
  await redis.set(\`lock:\${name}\`, JSON.stringify(lock), 'PX', ttlMs, 'NX');
  return lock;
}

module.exports = { takeLock };
`,
      errors: [{ messageId: 'ownership', line: 7, column: 18 }],
    },
    {
      name: "drizzle lt(leases.expiresAt, new Date())",
      code: `import { lt } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { leases } from './schema.js';

const db = drizzle(process.env.DATABASE_URL!);

export async function expired() {
  return db.select().from(leases).where(lt(leases.expiresAt, new Date()));
}
`,
      errors: [{ messageId: 'ownership', line: 8, column: 62 }],
    },
    {
      name: "checkRateLimitWindows: a fixed-window counter keyed by the clock",
      filename: "audit-rate-limit.js",
      options: [{"checkRateLimitWindows": true}],
      code: `import { Redis } from 'ioredis';

const redis = new Redis();

export function rateLimit({ windowSec = 60, max = 100 } = {}) {
  return async (req, res, next) => {
    const bucket = Math.floor(Date.now() / 1000 / windowSec);
    const count = await redis.incr(\`rl:\${req.ip}:\${bucket}\`);
    if (count > max) return res.status(429).end();
    next();
  };
}
`,
      errors: [{ messageId: 'rateLimitWindow', line: 7, column: 31 }],
    },
    {
      name: "checkSignatureTolerances: a webhook timestamp tolerance",
      options: [{"checkSignatureTolerances": true}],
      code: `import { createHmac, timingSafeEqual } from 'node:crypto';

export function verifyWebhook(raw: Buffer, t: number, v1: string, secret: string): boolean {
  if (Math.abs(Math.floor(Date.now() / 1000) - t) > 300) return false;
  const expected = createHmac('sha256', secret).update(\`\${t}.\`).update(raw).digest();
  const given = Buffer.from(v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
`,
      errors: [{ messageId: 'signatureTolerance', line: 4, column: 27 }],
    },
    {
      // The word must be visible in the store (here the key): a local variable's name never decides.
      name: "boundaryWords option: a Raft-style term from the clock",
      options: [{"boundaryWords": ["term"]}],
      code: `import { Redis } from 'ioredis';

const redis = new Redis();

export async function startElection(nodeId: string) {
  const term = Date.now();
  await redis.set(\`election:\${nodeId}:term\`, String(term));
  return term;
}
`,
      errors: [{ messageId: 'identity', line: 6, column: 16 }],
    },
    {
      name: "clocks and sharedStores options: an in-house clock and key-value store",
      options: [{"clocks": [{"from": "package", "package": "@acme/time", "path": ["now", "()"]}], "sharedStores": [{"from": "package", "package": "@acme/kv", "path": ["**"]}]}],
      code: `import { now } from '@acme/time';
import { kv } from '@acme/kv';

export async function holdLease(name: string, ttlMs: number) {
  await kv.put(\`leases/\${name}\`, { holder: process.pid, expiresAt: now() + ttlMs });
}
`,
      errors: [{ messageId: 'ownership', line: 5, column: 68 }],
    },
    {
      name: "NestJS service writes a lease expiry through an injected PrismaService",
      code: `import { Injectable } from '@nestjs/common';
import { PrismaService } from './prisma.service';

@Injectable()
export class LeaseService {
  constructor(private readonly prisma: PrismaService) {}

  async take(name: string, owner: string) {
    return this.prisma.lease.create({ data: { name, owner, expiresAt: new Date(Date.now() + 30_000) } });
  }
}
`,
      errors: [{ messageId: 'ownership', line: 9, column: 80 }],
    },
    {
      name: "last-write-wins in a Redis hash by a Date.now() stamp",
      code: `import { Redis } from 'ioredis';

const redis = new Redis();

export async function put(key: string, value: string) {
  const stamp = Date.now();
  const current = await redis.hget(key, 'stamp');
  if (!current || Number(current) < stamp) await redis.hset(key, { value, stamp });
}
`,
      errors: [{ messageId: 'ordering', line: 6, column: 17 }],
    },
    {
      name: "worker heartbeat written to Redis and compared by the monitor",
      code: `import { Redis } from 'ioredis';

const redis = new Redis();

export function beat(id: string) {
  setInterval(() => void redis.set(\`worker:\${id}:heartbeat\`, Date.now()), 5000);
}

export async function isDead(id: string) {
  return Date.now() - Number(await redis.get(\`worker:\${id}:heartbeat\`)) > 15_000;
}
`,
      errors: [{ messageId: 'ownership', line: 6, column: 62 }, { messageId: 'ownership', line: 10, column: 10 }],
    },
    {
      name: "outbox rows paged by created_at from the app clock",
      code: `import pg from 'pg';

const pool = new pg.Pool();

export async function add(payload: object) {
  await pool.query('INSERT INTO outbox (payload, created_at) VALUES ($1, $2)', [payload, new Date()]);
}

export async function after(cursor: Date) {
  const { rows } = await pool.query('SELECT * FROM outbox WHERE created_at > $1 ORDER BY created_at LIMIT 100', [cursor]);
  return rows;
}
`,
      errors: [{ messageId: 'ordering', line: 6, column: 90 }],
    },
    {
      name: "snowflake-style id from the clock",
      code: `const EPOCH = 1_700_000_000_000;
let seq = 0;

export function nextId(workerId: number): bigint {
  seq = (seq + 1) & 4095;
  const id = (BigInt(Date.now() - EPOCH) << 22n) | (BigInt(workerId) << 12n) | BigInt(seq);
  return id;
}
`,
      errors: [{ messageId: 'identity', line: 6, column: 22 }],
    },
    {
      name: "ledger entries produced to Kafka and folded in stamp order",
      code: `import { Kafka } from 'kafkajs';

const producer = new Kafka({ clientId: 'ledger', brokers: ['kafka:9092'] }).producer();

export async function emit(accountId: string, amount: number) {
  await producer.send({ topic: 'ledger', messages: [{ value: JSON.stringify({ accountId, amount, at: Date.now() }) }] });
}

export function fold(entries: { amount: number; at: number }[]) {
  return entries.sort((a, b) => a.at - b.at).reduce((sum, e) => sum + e.amount, 0);
}
`,
      errors: [{ messageId: 'ordering', line: 6, column: 102 }],
    },
    {
      name: "injected Mongoose model takes over expired job locks",
      code: `import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';

@Injectable()
export class JobLocks {
  constructor(@InjectModel('Job') private readonly jobs: Model<{ lockedBy: string; lockedUntil: Date }>) {}

  async claim(id: string, me: string) {
    return this.jobs.findOneAndUpdate(
      { _id: id, lockedUntil: { $lt: new Date() } },
      { lockedBy: me, lockedUntil: new Date(Date.now() + 60_000) },
    );
  }
}
`,
      errors: [{ messageId: 'ownership', line: 11, column: 38 }, { messageId: 'ownership', line: 12, column: 45 }],
    },
    {
      name: "Firestore transaction lease checked and written with the app clock",
      code: `import { getFirestore } from 'firebase-admin/firestore';

const db = getFirestore();

export async function take(name: string, me: string) {
  return db.runTransaction(async (tx) => {
    const ref = db.collection('leases').doc(name);
    const snap = await tx.get(ref);
    if (snap.exists && snap.get('expiresAt') > Date.now()) return false;
    tx.set(ref, { owner: me, expiresAt: Date.now() + 30_000 });
    return true;
  });
}
`,
      errors: [{ messageId: 'ownership', line: 9, column: 48 }, { messageId: 'ownership', line: 10, column: 41 }],
    },
    {
      name: "chat messages stamped, stored in Redis and ordered with lodash sortBy",
      code: `import { Redis } from 'ioredis';
import sortBy from 'lodash/sortBy.js';

const redis = new Redis();

export async function post(room: string, author: string, text: string) {
  await redis.rpush(\`room:\${room}\`, JSON.stringify({ author, text, sentAt: Date.now() }));
}

export async function history(room: string) {
  const raw = await redis.lrange(\`room:\${room}\`, 0, -1);
  return sortBy(raw.map((r) => JSON.parse(r)), 'sentAt');
}
`,
      errors: [{ messageId: 'ordering', line: 7, column: 76 }],
    },
    {
      name: "Cassandra write-time from the app clock (USING TIMESTAMP)",
      code: `import { Client } from 'cassandra-driver';

const client = new Client({ contactPoints: ['cassandra'], localDataCenter: 'dc1', keyspace: 'app' });

export async function setStatus(id: string, status: string) {
  await client.execute('UPDATE orders USING TIMESTAMP ? SET status = ? WHERE id = ?', [Date.now() * 1000, status, id], { prepare: true });
}
`,
      errors: [{ messageId: 'ordering', line: 6, column: 88 }],
    },
    {
      name: "TypeORM repository takes a lock with LessThan(new Date())",
      code: `import { LessThan, type Repository } from 'typeorm';

interface Lock { name: string; lockedUntil: Date }

export class Locks {
  constructor(private readonly repo: Repository<Lock>) {}

  async take(name: string): Promise<boolean> {
    const res = await this.repo.update({ name, lockedUntil: LessThan(new Date()) }, { lockedUntil: new Date(Date.now() + 60_000) });
    return res.affected === 1;
  }
}
`,
      errors: [{ messageId: 'ownership', line: 9, column: 70 }, { messageId: 'ownership', line: 9, column: 109 }],
    },
    {
      name: "dedupe key with a minute bucket, checked with EXISTS",
      code: `import { Redis } from 'ioredis';

const redis = new Redis();

export async function alreadySeen(hash: string): Promise<boolean> {
  const key = \`dedupe:\${hash}:\${Math.floor(Date.now() / 60_000)}\`;
  if (await redis.exists(key)) return true;
  await redis.set(key, '1', 'EX', 120);
  return false;
}
`,
      errors: [{ messageId: 'dedupe', line: 6, column: 44 }],
    },
    {
      name: "idempotency key hashed from the order id and the time",
      code: `import { createHash } from 'node:crypto';
import axios from 'axios';

export async function pay(orderId: string) {
  const idempotencyKey = createHash('sha256').update(\`\${orderId}:\${Date.now()}\`).digest('hex');
  return axios.post('https://pay.example.test/charges', { orderId }, { headers: { 'Idempotency-Key': idempotencyKey } });
}
`,
      errors: [{ messageId: 'dedupe', line: 5, column: 68 }],
    },
    {
      name: "Mongo cron lock taken when expiresAt < now (now.getTime() for the new expiry)",
      code: `import { MongoClient } from 'mongodb';

const locks = new MongoClient(process.env.MONGO_URL!).db('app').collection<{ _id: string; owner: string; expiresAt: Date }>('locks');

export async function acquire(me: string, ttlMs: number) {
  const now = new Date();
  return locks.findOneAndUpdate(
    { _id: 'cron', $or: [{ expiresAt: { $lt: now } }, { owner: me }] },
    { $set: { owner: me, expiresAt: new Date(now.getTime() + ttlMs) } },
    { upsert: true },
  );
}
`,
      errors: [{ messageId: 'ownership', line: 6, column: 15 }],
    },
    {
      name: "event store appends with a timestamp and loads sorted by it",
      code: `import { MongoClient } from 'mongodb';

const events = new MongoClient(process.env.MONGO_URL!).db('app').collection('events');

export async function append(streamId: string, type: string, data: object) {
  await events.insertOne({ streamId, type, data, timestamp: new Date() });
}

export async function load(streamId: string) {
  return events.find({ streamId }).sort({ timestamp: 1 }).toArray();
}
`,
      errors: [{ messageId: 'ordering', line: 6, column: 61 }],
    },
    {
      name: "invoice number from the clock",
      code: `import pg from 'pg';

const pool = new pg.Pool();

export async function createInvoice(total: number) {
  const invoiceNo = \`INV-\${Date.now() % 1_000_000}\`;
  await pool.query('INSERT INTO invoices (number, total) VALUES ($1, $2)', [invoiceNo, total]);
  return invoiceNo;
}
`,
      errors: [{ messageId: 'identity', line: 6, column: 28 }],
    },
    {
      name: "knex upsert of a lock row with expires_at from the app clock",
      code: `import { knex } from 'knex';

const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });

export async function take(name: string, owner: string) {
  await db('locks')
    .insert({ name, owner, expires_at: new Date(Date.now() + 30_000) })
    .onConflict('name')
    .merge();
}
`,
      errors: [{ messageId: 'ownership', line: 7, column: 49 }],
    },
    {
      name: "injected Redis client (untyped, JS) takes a lock whose value is the expiry",
      filename: "locker.js",
      code: `export class Locker {
  constructor(redis) {
    this.redis = redis;
  }

  async lock(name, ttlMs) {
    return this.redis.set(\`lock:\${name}\`, Date.now() + ttlMs, 'PX', ttlMs, 'NX');
  }
}
`,
      errors: [{ messageId: 'ownership', line: 7, column: 43 }],
    },
    {
      name: "expiry destructured from a lock record read from Redis",
      filename: "is-free.js",
      code: `import { Redis } from 'ioredis';

const redis = new Redis();

export async function isFree(key) {
  const raw = await redis.get(key);
  if (!raw) return true;
  const { expiresAt } = JSON.parse(raw);
  return expiresAt < Date.now();
}
`,
      errors: [{ messageId: 'ownership', line: 9, column: 22 }],
    },
    {
      name: "Redis Lua script compares the stored stamp with ARGV[1] from the app clock",
      code: `import { Redis } from 'ioredis';

const redis = new Redis();
const TAKE_OVER = \`
local current = redis.call('GET', KEYS[1])
if current == false or tonumber(current) < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], ARGV[2])
  return 1
end
return 0\`;

export async function takeOver(key: string, ttlMs: number) {
  return redis.eval(TAKE_OVER, 1, key, Date.now(), Date.now() + ttlMs);
}
`,
      errors: [{ messageId: 'ordering', line: 13, column: 40 }],
    },
    {
      name: "last-write-wins register: exported writer stamps, merge keeps the larger stamp",
      code: `export function write(value: unknown) {
  return { value, ts: Date.now() };
}

export function merge(a: { ts: number }, b: { ts: number }) {
  return a.ts >= b.ts ? a : b;
}
`,
      errors: [{ messageId: 'ordering', line: 2, column: 23 }],
    },
    {
      // Same code with neutral local names: the key `lock.${name}` (not the locals) says it is a lock.
      name: "SETNX lock with neutral local names: the stored key decides ownership",
      filename: "setnx-neutral.js",
      code: `import { Redis } from 'ioredis';

const redis = new Redis();

export async function acquireLock(name, ttlMs = 5000) {
  const k = \`lock.\${name}\`;
  const a = Date.now() + ttlMs + 1;
  if ((await redis.setnx(k, a)) === 1) return true;
  const b = await redis.get(k);
  if (b !== null && Number(b) > Date.now()) return false;
  return (await redis.getset(k, a)) === b;
}
`,
      errors: [
        { messageId: 'ownership', line: 7, column: 13 },
        { messageId: 'ownership', line: 10, column: 33 },
      ],
    },
    {
      name: "SETNX lock with a misleading local name for the holder's expiry",
      filename: "setnx-misleading.js",
      code: `import { Redis } from 'ioredis';

const redis = new Redis();

export async function isHeld(name) {
  const sortKey = await redis.get(\`lock.\${name}\`);
  return sortKey !== null && Number(sortKey) > Date.now();
}
`,
      errors: [{ messageId: 'ownership', line: 7, column: 48 }],
    },
    {
      name: "knex: held_until built per row in .map and inserted; every node deletes expired holds",
      code: `import knexFactory from 'knex';

const knex = knexFactory({ client: 'pg' });
const HOLD_MS = 10 * 60 * 1000;

export async function hold(seatIds: string[], customerId: string) {
  const until = new Date(Date.now() + HOLD_MS);
  const rows = seatIds.map((seatId) => ({ seat_id: seatId, customer_id: customerId, held_until: until }));
  await knex('seat_holds').insert(rows);
}
`,
      errors: [{ messageId: 'ownership', line: 7, column: 26 }],
    },
    {
      name: "knex: rows built in a .map callback with a block body",
      code: `import knexFactory from 'knex';

const knex = knexFactory({ client: 'pg' });

export async function lease(jobIds: string[], ttl: number) {
  await knex('jobs').insert(jobIds.map((id) => {
    return { id, lease_expires_at: Date.now() + ttl };
  }));
}
`,
      errors: [{ messageId: 'ownership', line: 7, column: 36 }],
    },
    {
      name: "lock file on a shared directory: stale check and acquiredAt written back (CommonJS)",
      filename: "lockfile.js",
      code: `const fs = require('node:fs/promises');
const path = require('node:path');

const LOCK_PATH = path.join(process.env.SHARED_DIR || '/mnt/shared', 'nightly-export.lock');
const STALE_MS = 15 * 60 * 1000;

async function readLock() {
  try {
    return JSON.parse(await fs.readFile(LOCK_PATH, 'utf8'));
  } catch {
    return null;
  }
}

async function acquire() {
  const current = await readLock();
  if (current && Date.now() - current.acquiredAt < STALE_MS) return false;
  await fs.writeFile(LOCK_PATH, JSON.stringify({ pid: process.pid, acquiredAt: Date.now() }));
  return true;
}

acquire();
`,
      errors: [
        { messageId: 'ownership', line: 17, column: 18 },
        { messageId: 'ownership', line: 18, column: 80 },
      ],
    },
    {
      name: "lock file read synchronously with a template path: expiry compared",
      filename: "leader-file.ts",
      code: `import { readFileSync } from 'node:fs';

export function leaderAlive(dir: string): boolean {
  const { expiresAt } = JSON.parse(readFileSync(\`\${dir}/leader.lock\`, 'utf8'));
  return expiresAt > Date.now();
}
`,
      errors: [{ messageId: 'ownership', line: 5, column: 22 }],
    },
    {
      name: "order number column filled from the clock (pg, positional parameters)",
      code: `import pg from 'pg';

const pool = new pg.Pool();

export async function placeOrder(total: number) {
  const n = String(Date.now());
  await pool.query('INSERT INTO orders (order_no, total) VALUES ($1, $2)', [n, total]);
}
`,
      errors: [{ messageId: 'identity', line: 6, column: 20 }],
    },
  ],
});
