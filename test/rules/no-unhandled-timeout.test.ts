// Generated from a case list; each invalid case asserts the position of the call whose timeout outcome is mishandled.
import rule from '../../rules/no-unhandled-timeout.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-unhandled-timeout', rule, {
  valid: [
    {
      name: "GET with AbortSignal.timeout under p-retry, cached fallback on a read timeout",
      code: `import pRetry from 'p-retry';

const cache = new Map<string, number>();

export async function priceOf(sku: string): Promise<number> {
  try {
    const price = await pRetry(
      async () => {
        const res = await fetch(\`https://pricing.example.test/v1/prices/\${sku}\`, { signal: AbortSignal.timeout(1_500) });
        if (!res.ok) throw new Error(\`pricing answered \${res.status}\`);
        return ((await res.json()) as { amountMinor: number }).amountMinor;
      },
      { retries: 3 },
    );
    cache.set(sku, price);
    return price;
  } catch (err) {
    const cached = cache.get(sku);
    if (cached !== undefined && err instanceof Error && err.name === 'TimeoutError') return cached;
    throw err;
  }
}
`,
    },
    {
      name: "axios HEAD with a timeout, catch returns false",
      code: `import axios from 'axios';

export async function imageExists(url: string): Promise<boolean> {
  try {
    const res = await axios.head(url, { timeout: 1_000, validateStatus: () => true });
    return res.status === 200;
  } catch {
    return false;
  }
}
`,
    },
    {
      name: "retry loop on ECONNABORTED with an Idempotency-Key derived once before the loop",
      code: `import axios, { isAxiosError } from 'axios';
import { setTimeout as sleep } from 'node:timers/promises';

const http = axios.create({ baseURL: 'https://psp.example.test' });

export async function chargeOrder(order: { id: string; totalMinor: number }) {
  const idempotencyKey = \`order-\${order.id}-charge\`;
  let lastError: unknown;
  for (let attempt = 1; attempt <= 4; attempt++) {
    try {
      const { data } = await http.post(
        '/v1/payment_intents',
        { amount: order.totalMinor, confirm: true },
        { timeout: 8_000, headers: { 'Idempotency-Key': idempotencyKey } },
      );
      return data;
    } catch (err) {
      lastError = err;
      if (!(isAxiosError(err) && err.code === 'ECONNABORTED')) throw err;
      await sleep(250 * 2 ** attempt);
    }
  }
  throw lastError;
}
`,
    },
    {
      name: "got TimeoutError recorded as unknown and queued for reconciliation",
      code: `import { Queue } from 'bullmq';
import got, { HTTPError, TimeoutError } from 'got';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
const reconcile = new Queue('payment-reconciliation', { connection: { host: 'localhost' } });

export async function authorize(paymentId: string, amountMinor: number) {
  try {
    const auth = await got
      .post('https://acquirer.example.test/authorizations', {
        json: { reference: paymentId, amount: amountMinor },
        timeout: { request: 10_000 },
        retry: { limit: 0 },
      })
      .json<{ id: string; approved: boolean }>();
    return { status: auth.approved ? 'authorized' : 'declined' };
  } catch (err) {
    if (err instanceof TimeoutError) {
      await pool.query("UPDATE payments SET status = 'unknown' WHERE id = $1", [paymentId]);
      await reconcile.add('reconcile', { paymentId }, { delay: 60_000, jobId: \`reconcile:\${paymentId}\` });
      return { status: 'pending' };
    }
    if (err instanceof HTTPError && err.response.statusCode === 402) {
      await pool.query("UPDATE payments SET status = 'declined' WHERE id = $1", [paymentId]);
      return { status: 'declined' };
    }
    throw err;
  }
}
`,
    },
    {
      name: "on timeout the transfer is looked up by its idempotency key, else reported unknown",
      filename: "transfers.js",
      code: `import axios from 'axios';
import { randomUUID } from 'node:crypto';

const api = axios.create({ baseURL: 'https://transfers.example.test' });

async function findByKey(idempotencyKey) {
  const { data } = await api.get('/v1/transfers', { params: { idempotency_key: idempotencyKey }, timeout: 4000 });
  return data.items[0] ?? null;
}

export async function createTransfer(request, idempotencyKey = randomUUID()) {
  try {
    const { data } = await api.post('/v1/transfers', request, { timeout: 4000, headers: { 'Idempotency-Key': idempotencyKey } });
    return { status: data.status, transfer: data };
  } catch (err) {
    if (err.code !== 'ECONNABORTED' && err.code !== 'ETIMEDOUT') throw err;
    const existing = await findByKey(idempotencyKey).catch(() => null);
    if (existing) return { status: existing.status, transfer: existing };
    return { status: 'unknown', transfer: null };
  }
}
`,
    },
    {
      name: "AbortError from a timer-aborted POST rethrown as a distinct OutcomeUnknownError",
      code: `export class OutcomeUnknownError extends Error {
  override name = 'OutcomeUnknownError';
}

export async function buyLabel(shipmentId: string): Promise<{ trackingNumber: string }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 12_000);
  try {
    const res = await fetch('https://carrier.example.test/v1/labels', {
      method: 'POST',
      body: JSON.stringify({ shipment: shipmentId }),
      signal: controller.signal,
    });
    return (await res.json()) as { trackingNumber: string };
  } catch (err) {
    if (err instanceof Error && err.name === 'AbortError') throw new OutcomeUnknownError(\`label for \${shipmentId}\`, { cause: err });
    throw err;
  } finally {
    clearTimeout(timer);
  }
}
`,
    },
    {
      name: "knex acquireConnectionTimeout and pg connectionTimeoutMillis are pre-send",
      code: `import { knex, KnexTimeoutError } from 'knex';
import pg from 'pg';

const db = knex({ client: 'pg', connection: process.env.DATABASE_URL, acquireConnectionTimeout: 3_000 });
const auditPool = new pg.Pool({ connectionTimeoutMillis: 2_000 });

export async function accept(order: { customerId: string }) {
  try {
    const [row] = await db('orders').insert({ customer_id: order.customerId }).returning('id');
    return { accepted: true, orderId: row.id };
  } catch (err) {
    if (err instanceof KnexTimeoutError) return { accepted: false, retryAfterSec: 5 };
    throw err;
  }
}

export async function recordAudit(action: string): Promise<boolean> {
  let client: pg.PoolClient;
  try {
    client = await auditPool.connect();
  } catch (err) {
    if (err instanceof Error && /timeout exceeded when trying to connect/i.test(err.message)) return false;
    throw err;
  }
  try {
    await client.query('INSERT INTO audit_events (action) VALUES ($1)', [action]);
    return true;
  } finally {
    client.release();
  }
}
`,
    },
    {
      name: "SELECT on a replica with query_timeout retried with async-retry",
      code: `import retry from 'async-retry';
import pg from 'pg';

const replica = new pg.Pool({ statement_timeout: 5_000, query_timeout: 6_000 });

export async function dailyRevenue(from: string, to: string) {
  return retry(
    async () => {
      const { rows } = await replica.query('SELECT day, sum(total_minor) FROM orders WHERE paid_at >= $1 AND paid_at < $2 GROUP BY 1', [from, to]);
      return rows;
    },
    { retries: 2 },
  );
}
`,
    },
    {
      name: "SQS FIFO send retried with the same MessageDeduplicationId",
      filename: "events.js",
      code: `import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { setTimeout as sleep } from 'node:timers/promises';

const sqs = new SQSClient({ region: 'eu-west-1' });

export async function publishOrderEvent(event) {
  const command = new SendMessageCommand({
    QueueUrl: process.env.QUEUE_URL,
    MessageGroupId: event.orderId,
    MessageDeduplicationId: event.id,
    MessageBody: JSON.stringify(event),
  });
  for (let attempt = 1; attempt <= 4; attempt++) {
    try {
      const out = await sqs.send(command, { abortSignal: AbortSignal.timeout(2000) });
      return out.MessageId;
    } catch (err) {
      if (attempt === 4) throw err;
      await sleep(100 * 2 ** attempt);
    }
  }
}
`,
    },
    {
      name: "BullMQ attempts with an Idempotency-Key built from the job id",
      code: `import axios from 'axios';
import { Queue, Worker, type Job } from 'bullmq';

const connection = { host: 'localhost', port: 6379 };
export const adjustments = new Queue('loyalty-adjustments', { connection, defaultJobOptions: { attempts: 5 } });

export const worker = new Worker(
  'loyalty-adjustments',
  async (job: Job<{ memberId: string; points: number }>) => {
    await axios.post(
      \`https://loyalty.example.test/v1/members/\${job.data.memberId}/adjustments\`,
      { points: job.data.points },
      { timeout: 3_000, headers: { 'Idempotency-Key': \`adjustment-\${job.id}\` } },
    );
  },
  { connection },
);
`,
    },
    {
      name: "p-retry around a same-file capture helper that sends the caller's stable key",
      filename: "capture.js",
      code: `import axios from 'axios';
import pRetry from 'p-retry';

const psp = axios.create({ baseURL: 'https://psp.example.test' });

async function capturePayment(paymentId, amountMinor, idempotencyKey) {
  const { data } = await psp.post(\`/v1/payments/\${paymentId}/capture\`, { amount: amountMinor }, { timeout: 5000, headers: { 'Idempotency-Key': idempotencyKey } });
  return data;
}

export async function captureShippedOrder(payment) {
  const idempotencyKey = \`capture:\${payment.id}\`;
  return pRetry(() => capturePayment(payment.pspPaymentId, payment.amountMinor, idempotencyKey), { retries: 5 });
}
`,
    },
    {
      name: "Stripe SDK create with idempotencyKey and timeout under p-retry",
      code: `import pRetry from 'p-retry';
import Stripe from 'stripe';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? '');

export async function chargeOrder(orderId: string, amountMinor: number) {
  return pRetry(() => stripe.paymentIntents.create({ amount: amountMinor, currency: 'eur', confirm: true }, { idempotencyKey: \`pi-\${orderId}\`, timeout: 8_000 }), { retries: 3 });
}
`,
    },
    {
      name: "timed POST whose rejection propagates to the caller",
      code: `import axios from 'axios';

export async function submitOrder(order: { id: string; lines: unknown[] }) {
  const { data } = await axios.post('https://wms.example.test/v1/orders', order, { timeout: 4_000 });
  return data as { fulfillmentId: string };
}
`,
    },
    {
      name: "catch logs 'charge failed' and rethrows the same error",
      code: `import axios from 'axios';
import pino from 'pino';

const logger = pino();

export async function charge(orderId: string, amountMinor: number) {
  try {
    return await axios.post('https://psp.example.test/v1/charges', { orderId, amountMinor }, { timeout: 7_000 });
  } catch (err) {
    logger.error({ err, orderId }, 'charge failed');
    throw err;
  }
}
`,
    },
    {
      name: "retry loop that rethrows a distinct error on timeout and retries only 503s",
      code: `import axios, { isAxiosError } from 'axios';
import { setTimeout as sleep } from 'node:timers/promises';

class PayoutOutcomeUnknownError extends Error {}

export async function payOut(sellerId: string, amountMinor: number) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await axios.post('https://payouts.example.test/v1/payouts', { sellerId, amountMinor }, { timeout: 5_000 });
    } catch (err) {
      if (isAxiosError(err) && err.code === 'ECONNABORTED') throw new PayoutOutcomeUnknownError(sellerId, { cause: err });
      if (!isAxiosError(err) || err.response?.status !== 503 || attempt >= 3) throw err;
      await sleep(500 * attempt);
    }
  }
}
`,
    },
    {
      name: "Promise.race of two reads with no timer",
      code: `import axios from 'axios';

export async function fastestQuote(symbol: string) {
  try {
    const { data } = await Promise.race([
      axios.get(\`https://quotes-a.example.test/\${symbol}\`),
      axios.get(\`https://quotes-b.example.test/\${symbol}\`),
    ]);
    return data;
  } catch {
    return null;
  }
}
`,
    },
    {
      name: "a state-changing POST with no timeout swallowed is not this rule",
      code: `import axios from 'axios';

export async function trackSignup(userId: string) {
  try {
    await axios.post('https://analytics.example.test/v1/events', { type: 'signup', userId });
  } catch {
    // analytics is best effort
  }
}
`,
    },
    {
      name: "retry loop around a POST with no timeout anywhere",
      filename: "webhooks.js",
      code: `import { setTimeout as sleep } from 'node:timers/promises';

export async function deliverWebhook(url, payload) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const res = await fetch(url, { method: 'POST', body: JSON.stringify(payload) });
      if (res.ok) return true;
    } catch {
      await sleep(1000 * attempt);
    }
  }
  return false;
}
`,
    },
    {
      name: "Playwright click with a timeout option and an empty catch (click is not a mutating verb)",
      code: `import { chromium } from 'playwright';

export async function dismissBanner(url: string) {
  const browser = await chromium.launch();
  const page = await browser.newPage();
  await page.goto(url);
  try {
    await page.click('#cookie-accept', { timeout: 2_000 });
  } catch {
    // no banner
  }
  await browser.close();
}
`,
    },
    {
      name: "a lock acquire with a timeout that returns false on timeout",
      code: `import AsyncLock from 'async-lock';

const lock = new AsyncLock({ timeout: 5_000 });

export async function withInventoryLock<T>(sku: string, work: () => Promise<T>): Promise<T | false> {
  try {
    return await lock.acquire(\`inventory:\${sku}\`, work);
  } catch {
    return false;
  }
}
`,
    },
    {
      name: "ioredis GET with a command timeout swallowed",
      code: `import { Redis } from 'ioredis';

const redis = new Redis({ commandTimeout: 500 });

export async function cachedProfile(userId: string): Promise<string | null> {
  try {
    return await redis.get(\`profile:\${userId}\`);
  } catch {
    return null;
  }
}
`,
    },
    {
      name: "Prisma findMany raced against p-timeout, fallback on timeout",
      code: `import { PrismaClient } from '@prisma/client';
import pTimeout from 'p-timeout';

const prisma = new PrismaClient();

export async function recentOrders(customerId: string) {
  try {
    return await pTimeout(prisma.order.findMany({ where: { customerId }, take: 20 }), { milliseconds: 1_000 });
  } catch {
    return [];
  }
}
`,
    },
    {
      name: "S3 GetObject with an abort signal retried in a loop",
      filename: "reports.js",
      code: `import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';

const s3 = new S3Client({});

export async function loadReport(key) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      const out = await s3.send(new GetObjectCommand({ Bucket: 'reports', Key: key }), { abortSignal: AbortSignal.timeout(3000) });
      return await out.Body.transformToString();
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}
`,
    },
    {
      name: "got POST with retry limit but the default retry methods (POST is not retried)",
      code: `import got from 'got';

export async function createInvoice(customerId: string, amountMinor: number) {
  return got.post('https://billing.example.test/v1/invoices', {
    json: { customerId, amountMinor },
    timeout: { request: 5_000 },
    retry: { limit: 2 },
  }).json<{ id: string }>();
}
`,
    },
    {
      name: "kafkajs idempotent producer retried on a send timeout",
      code: `import { Kafka } from 'kafkajs';

const kafka = new Kafka({ clientId: 'ledger', brokers: ['localhost:9092'] });
const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });

export async function publishEntry(entry: { accountId: string; amountMinor: number }) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      await producer.send({ topic: 'ledger.entries', messages: [{ key: entry.accountId, value: JSON.stringify(entry) }], timeout: 1_500 });
      return;
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}
`,
    },
    {
      name: "BullMQ worker with the default single attempt and a timed POST",
      code: `import axios from 'axios';
import { Worker } from 'bullmq';

export const worker = new Worker(
  'stock-sync',
  async (job) => {
    await axios.post('https://marketplace.example.test/v1/inventory', job.data, { timeout: 3_000 });
  },
  { connection: { host: 'localhost' } },
);
`,
    },
    {
      name: "BullMQ attempts on a worker that only reads",
      code: `import axios from 'axios';
import { Queue, Worker } from 'bullmq';

const connection = { host: 'localhost' };
export const refresh = new Queue('rates-refresh', { connection, defaultJobOptions: { attempts: 4 } });
export const worker = new Worker(
  'rates-refresh',
  async () => {
    const { data } = await axios.get('https://rates.example.test/v1/latest', { timeout: 2_000 });
    return data;
  },
  { connection },
);
`,
    },
    {
      name: "timeout branch records a pending payout and the generic branch rethrows",
      code: `import axios from 'axios';
import pg from 'pg';

const pool = new pg.Pool();

function isTimeout(err: unknown): boolean {
  return axios.isAxiosError(err) && (err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT');
}

export async function requestPayout(payoutId: string, amountMinor: number) {
  try {
    await axios.post('https://payouts.example.test/v1/payouts', { payoutId, amountMinor }, { timeout: 6_000 });
    await pool.query("UPDATE payouts SET status = 'sent' WHERE id = $1", [payoutId]);
  } catch (err) {
    if (isTimeout(err)) {
      await pool.query("UPDATE payouts SET status = 'pending_confirmation' WHERE id = $1", [payoutId]);
      return;
    }
    throw err;
  }
}
`,
    },
    {
      name: "express route whose timed call is a GET and whose catch answers 502",
      code: `import axios from 'axios';
import express from 'express';

export const app = express();

app.get('/shipping-quote', async (req, res) => {
  try {
    const { data } = await axios.get('https://carrier.example.test/v1/quotes', { params: req.query, timeout: 2_000 });
    res.json(data);
  } catch {
    res.status(502).json({ error: 'carrier failed to answer' });
  }
});
`,
    },
    {
      name: "a config object with a timeout field that is never a call option",
      code: `import pino from 'pino';

const logger = pino();
const settings = { timeout: 3_000, retries: 2 };

export function describeSettings(): void {
  try {
    logger.info(settings, 'http client settings');
  } catch {
    // logging must never throw
  }
}
`,
    },
    {
      name: "a debounce timer (not a race) in front of a send swallowed on error",
      code: `const pending: string[] = [];
let timer: NodeJS.Timeout | undefined;

export function queueAuditLine(line: string, sink: { write(lines: string[]): Promise<void> }): void {
  pending.push(line);
  clearTimeout(timer);
  timer = setTimeout(() => {
    sink.write(pending.splice(0)).catch(() => undefined);
  }, 100);
}
`,
    },
    {
      name: "Koa refund route that answers 202 pending on a timeout",
      code: `import Koa from 'koa';
import { request } from 'undici';

export const app = new Koa();

app.use(async (ctx) => {
  const { paymentId, amountMinor } = ctx.request.body as { paymentId: string; amountMinor: number };
  try {
    const res = await request('https://psp.example.test/v1/refunds', {
      method: 'POST',
      body: JSON.stringify({ payment: paymentId, amount: amountMinor }),
      headers: { 'Idempotency-Key': \`refund-\${paymentId}\` },
      signal: AbortSignal.timeout(6_000),
    });
    ctx.body = await res.body.json();
  } catch (err) {
    if ((err as Error).name === 'TimeoutError') {
      ctx.status = 202;
      ctx.body = { status: 'pending', message: 'refund outcome unknown, we will confirm by email' };
      return;
    }
    throw err;
  }
});
`,
    },
    {
      name: "fastify route GET with AbortSignal.timeout and an empty catch",
      code: `import Fastify from 'fastify';

export const app = Fastify();

app.get('/status', async (_req, reply) => {
  let upstream = 'unknown';
  try {
    const res = await fetch('https://upstream.example.test/health', { signal: AbortSignal.timeout(1_000) });
    upstream = res.ok ? 'up' : 'down';
  } catch {
    // stays unknown
  }
  return reply.send({ upstream });
});
`,
    },
    {
      name: "a sleep before each polled GET (not a timeout on a write)",
      filename: "poll.js",
      code: `import { setTimeout as sleep } from 'node:timers/promises';

export async function waitForExport(jobId) {
  while (true) {
    const res = await fetch(\`https://exports.example.test/v1/jobs/\${jobId}\`, { signal: AbortSignal.timeout(2000) });
    const job = await res.json();
    if (job.status === 'done') return job.url;
    await sleep(1000);
  }
}
`,
    },
    {
      name: "a local helper named sendEmail with no timeout, swallowed",
      code: `import nodemailer from 'nodemailer';

const transport = nodemailer.createTransport({ host: 'smtp.example.test' });

async function sendEmail(to: string, subject: string) {
  await transport.sendMail({ from: 'noreply@example.test', to, subject, text: subject });
}

export async function notify(to: string) {
  try {
    await sendEmail(to, 'Your order shipped');
  } catch {
    return false;
  }
  return true;
}
`,
    },
    {
      name: "p-retry with AbortSignal.timeout on a PUT carrying an Idempotency-Key header variable",
      code: `import pRetry from 'p-retry';

export async function upsertProfile(userId: string, profile: Record<string, unknown>, requestId: string) {
  const headers = { 'content-type': 'application/json', 'Idempotency-Key': requestId };
  return pRetry(
    async () => {
      const res = await fetch(\`https://crm.example.test/v1/profiles/\${userId}\`, {
        method: 'PUT',
        headers,
        body: JSON.stringify(profile),
        signal: AbortSignal.timeout(3_000),
      });
      if (!res.ok) throw new Error(\`crm answered \${res.status}\`);
    },
    { retries: 3 },
  );
}
`,
    },
    {
      name: "a timed-out charge with a catch that rethrows a 504 carrying unknown status",
      code: `import { Controller, GatewayTimeoutException, Post, Body } from '@nestjs/common';
import axios from 'axios';

@Controller('payments')
export class PaymentsController {
  @Post()
  async pay(@Body() body: { orderId: string; amountMinor: number }) {
    try {
      const { data } = await axios.post('https://psp.example.test/v1/charges', body, { timeout: 7_000, headers: { 'Idempotency-Key': body.orderId } });
      return data;
    } catch (err) {
      if (axios.isAxiosError(err) && err.code === 'ECONNABORTED') {
        throw new GatewayTimeoutException({ status: 'unknown', message: 'payment status unknown, do not pay again' });
      }
      throw err;
    }
  }
}
`,
    },
    {
      name: "for-of over items with a stable per-item key, timeouts marked pending",
      code: `import axios from 'axios';

const api = axios.create({ baseURL: 'https://erp.example.test', timeout: 4_000 });

export async function pushInvoices(invoices: { id: string; totalMinor: number }[]) {
  const pending: string[] = [];
  for (const invoice of invoices) {
    try {
      await api.post('/v1/invoices', invoice, { headers: { 'Idempotency-Key': \`invoice-\${invoice.id}\` } });
    } catch (err) {
      if (axios.isAxiosError(err) && err.code === 'ECONNABORTED') {
        pending.push(invoice.id);
        continue;
      }
      throw err;
    }
  }
  return { pending };
}
`,
    },
    {
      name: "mongoose write with serverSelectionTimeoutMS (pre-send) swallowed into false",
      code: `import mongoose from 'mongoose';

await mongoose.connect(process.env.MONGO_URL ?? 'mongodb://localhost/app', { serverSelectionTimeoutMS: 2_000 });
const Visit = mongoose.model('Visit', new mongoose.Schema({ path: String }));

export async function recordVisit(path: string): Promise<boolean> {
  try {
    await Visit.create({ path });
    return true;
  } catch {
    return false;
  }
}
`,
    },
    {
      name: "an AbortError from the caller's own cancel signal (no timeout) is ignored",
      code: `import express from 'express';

export const app = express();

app.post('/drafts', async (req, res) => {
  const controller = new AbortController();
  req.on('close', () => controller.abort());
  try {
    await fetch('https://docs.example.test/v1/drafts', { method: 'POST', body: JSON.stringify(req.body), signal: controller.signal });
    res.sendStatus(201);
  } catch (err) {
    if ((err as Error).name === 'AbortError') return;
    throw err;
  }
});
`,
    },
    {
      name: "a timed POST whose catch answers 504 'upstream timed out'",
      code: `import axios from 'axios';
import express from 'express';

export const app = express();

app.post('/orders', async (req, res) => {
  try {
    const { data } = await axios.post('https://oms.example.test/v1/orders', req.body, { timeout: 5_000, headers: { 'Idempotency-Key': String(req.headers['idempotency-key']) } });
    res.status(201).json(data);
  } catch {
    res.status(504).json({ error: 'upstream timed out' });
  }
});
`,
    },
    {
      name: "a timeout recorded as status 'timeout' for follow-up",
      code: `import axios from 'axios';
import pg from 'pg';

const pool = new pg.Pool();

export async function sendPayout(id: string, amountMinor: number) {
  try {
    await axios.post('https://payouts.example.test/v1/payouts', { id, amountMinor }, { timeout: 5_000 });
  } catch (err) {
    if (axios.isAxiosError(err) && err.code === 'ECONNABORTED') {
      await pool.query("UPDATE payouts SET status = 'timeout' WHERE id = $1", [id]);
      return;
    }
    throw err;
  }
}
`,
    },
    {
      name: "a Bull job timeout option is the processing limit, not a timeout of add",
      code: `import Queue from 'bull';

const reports = new Queue('reports', process.env.REDIS_URL ?? 'redis://localhost:6379');

export async function requestReport(accountId: string): Promise<boolean> {
  try {
    await reports.add({ accountId }, { timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}
`,
    },
    {
      name: "got with only DNS and connect timeouts (pre-send) and an empty catch",
      code: `import got from 'got';

export async function ping(url: string, payload: object) {
  try {
    await got.post(url, { json: payload, timeout: { lookup: 200, connect: 500 } });
  } catch {
    // receiver unreachable: nothing was sent
  }
}
`,
    },
    {
      name: "a GraphQL query over POST with a timeout under p-retry",
      code: `import axios from 'axios';
import pRetry from 'p-retry';

const QUERY = \`query Product($id: ID!) { product(id: $id) { id title } }\`;

export async function productTitle(id: string) {
  return pRetry(async () => {
    const { data } = await axios.post('https://shop.example.test/graphql', { query: QUERY, variables: { id } }, { timeout: 2_000 });
    return data.data.product.title as string;
  }, { retries: 3 });
}
`,
    },
    {
      name: "an Elasticsearch _search POST with a timeout, empty result on failure",
      code: `import axios from 'axios';

export async function searchProducts(text: string) {
  try {
    const { data } = await axios.post('https://es.example.test/products/_search', { query: { match: { title: text } } }, { timeout: 1_500 });
    return data.hits.hits;
  } catch {
    return [];
  }
}
`,
    },
    {
      name: "an error-first callback that passes the error on",
      filename: "legacy.js",
      code: `import request from 'request';

export function createCustomer(customer, cb) {
  request.post({ url: 'https://crm.example.test/v1/customers', json: customer, timeout: 5000 }, (err, res) => {
    if (err) return cb(err);
    cb(null, res.body);
  });
}
`,
    },
    {
      name: "express catch hands the error to next()",
      code: `import axios from 'axios';
import express from 'express';

export const router = express.Router();

router.post('/invoices', async (req, res, next) => {
  try {
    const { data } = await axios.post('https://billing.example.test/v1/invoices', req.body, { timeout: 4_000 });
    res.status(201).json(data);
  } catch (err) {
    next(err);
  }
});
`,
    },
    {
      name: "catch wraps the timeout in a new Error with a message and rethrows",
      code: `import axios from 'axios';

export async function createInvoice(customerId: string, amountMinor: number) {
  try {
    const { data } = await axios.post('https://billing.example.test/v1/invoices', { customerId, amountMinor }, { timeout: 5_000 });
    return data;
  } catch (err) {
    throw new Error(\`creating the invoice for \${customerId} failed\`, { cause: err });
  }
}
`,
    },
    {
      name: "Koa answers with ctx.throw(502) on any upstream error",
      code: `import Router from '@koa/router';
import got from 'got';

export const router = new Router();

router.post('/shipments', async (ctx) => {
  try {
    ctx.body = await got.post('https://carrier.example.test/v1/shipments', { json: ctx.request.body, timeout: { request: 5_000 } }).json();
  } catch {
    ctx.throw(502);
  }
});
`,
    },
    {
      name: "on timeout the charge is looked up with the PSP's retrieve call",
      code: `import Stripe from 'stripe';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? '', { timeout: 8_000 });

export async function capture(intentId: string) {
  try {
    return await stripe.paymentIntents.capture(intentId);
  } catch (err) {
    if ((err as { type?: string }).type === 'StripeConnectionError' || (err as Error).name === 'TimeoutError') {
      return stripe.paymentIntents.retrieve(intentId);
    }
    throw err;
  }
}
`,
    },
    {
      name: "a timed-out payout marked processing, to be confirmed by webhook",
      code: `import axios from 'axios';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function startPayout(payoutId: string, amountMinor: number) {
  try {
    await axios.post('https://payouts.example.test/v1/payouts', { payoutId, amountMinor }, { timeout: 5_000 });
    await prisma.payout.update({ where: { id: payoutId }, data: { status: 'SENT' } });
  } catch (err) {
    if (axios.isAxiosError(err) && err.code === 'ECONNABORTED') {
      await prisma.payout.update({ where: { id: payoutId }, data: { status: 'PROCESSING' } });
      return;
    }
    throw err;
  }
}
`,
    },
    {
      name: "a publish wrapper passes the caller's options on; the caller reuses one messageId across attempts",
      filename: "republish.js",
      code: `import { randomUUID } from 'node:crypto';

function publishConfirmed(channel, exchange, routingKey, body, options, timeoutMs) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('broker did not confirm in time')), timeoutMs);
    channel.publish(exchange, routingKey, body, options, (err) => {
      clearTimeout(timer);
      if (err) reject(err);
      else resolve();
    });
  });
}

export async function publishInvoiceIssued(channel, invoice) {
  const body = Buffer.from(JSON.stringify({ type: 'invoice.issued', invoiceId: invoice.id }));
  const options = { persistent: true, messageId: \`invoice-issued-\${invoice.id}\` };
  for (let attempt = 1; ; attempt++) {
    try {
      await publishConfirmed(channel, 'billing', 'invoice.issued', body, options, 1500);
      return;
    } catch (err) {
      if (attempt >= 4) throw err;
    }
  }
}
`,
    },
    {
      name: "the same postJson wrapper with a key made once before the loop",
      code: `import { randomUUID } from 'node:crypto';

async function postJson(url: string, body: unknown, headers: Record<string, string>) {
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(5_000) });
  return res.json();
}

export async function createPayout(sellerId: string, amountMinor: number) {
  const headers = { 'Idempotency-Key': randomUUID() };
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return await postJson('https://payouts.example.test/v1/payouts', { sellerId, amountMinor }, headers);
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}
`,
    },
    {
      name: "inside p-retry, a timeout stops the retry with p-retry's AbortError",
      code: `import axios from 'axios';
import pRetry, { AbortError } from 'p-retry';

export async function submitClaim(claim: { id: string; amountMinor: number }) {
  return pRetry(
    async () => {
      try {
        const { data } = await axios.post('https://insurer.example.test/v1/claims', claim, { timeout: 5_000 });
        return data;
      } catch (err) {
        if (axios.isAxiosError(err) && err.code === 'ECONNABORTED') throw new AbortError('claim outcome unknown');
        throw err;
      }
    },
    { retries: 3 },
  );
}
`,
    },
    {
      name: "inside async-retry, a timeout bails out instead of retrying",
      code: `import retry from 'async-retry';

export async function createOrder(order: { sku: string; qty: number }) {
  return retry(
    async (bail) => {
      try {
        const res = await fetch('https://oms.example.test/v1/orders', { method: 'POST', body: JSON.stringify(order), signal: AbortSignal.timeout(4_000) });
        return await res.json();
      } catch (err) {
        if ((err as Error).name === 'TimeoutError') bail(err as Error);
        throw err;
      }
    },
    { retries: 3 },
  );
}
`,
    },
  ],
  invalid: [
    {
      name: 'a helper races its POST (held in a const through .then) against a timer; BullMQ retries it without a key',
      code: `import { Queue, Worker } from 'bullmq';

const connection = { host: 'localhost', port: 6379 };
const queue = new Queue('payouts', { connection });

async function payout(id: string): Promise<unknown> {
  const pending = fetch('https://payouts.example.test/v1/payouts', { method: 'POST', body: JSON.stringify({ id }) }).then((r) => r.json());
  const timer = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 5_000));
  return Promise.race([pending, timer]);
}

export async function enqueue(id: string): Promise<void> {
  await queue.add('payout', { id }, { attempts: 4 });
}

export const worker = new Worker('payouts', async (job) => {
  await payout(job.data.id);
}, { connection });
`,
      errors: [{ messageId: 'retriedBlindly', line: 17, column: 9 }],
    },
    {
      name: "fetch POST with AbortSignal.timeout; TimeoutError releases the hold and reports failure",
      code: `import pg from 'pg';

export class TransferService {
  constructor(private readonly pool: pg.Pool) {}

  async send(t: { id: string; iban: string; amountMinor: number }) {
    try {
      const res = await fetch('https://bank.example.test/v2/credit-transfers', {
        method: 'POST',
        body: JSON.stringify({ creditorIban: t.iban, amount: t.amountMinor }),
        signal: AbortSignal.timeout(10_000),
      });
      return { status: res.ok ? 'sent' : 'rejected' };
    } catch (err) {
      if (err instanceof Error && err.name === 'TimeoutError') {
        await this.pool.query("UPDATE ledger_holds SET state = 'released' WHERE transfer_id = $1", [t.id]);
        return { status: 'failed', reason: 'bank did not answer in time' };
      }
      throw err;
    }
  }
}
`,
      errors: [
        { messageId: 'treatedAsFailure', line: 8, column: 25 },
      ],
    },
    {
      name: "axios instance with a timeout, credit POST swallowed by an empty catch",
      filename: "loyalty.js",
      code: `import axios from 'axios';

const loyalty = axios.create({ baseURL: process.env.LOYALTY_API_URL, timeout: 2500 });

export async function onOrderCompleted(order, db) {
  let creditId = null;
  try {
    const { data } = await loyalty.post('/v1/credits', {
      memberId: order.customerId,
      points: Math.floor(order.totalMinor / 100),
    });
    creditId = data.id;
  } catch {
    // best effort
  }
  await db.query('UPDATE orders SET loyalty_credit_id = $2 WHERE id = $1', [order.id, creditId]);
}
`,
      errors: [
        { messageId: 'swallowed', line: 8, column: 28 },
      ],
    },
    {
      name: "got POST with a request timeout and retry.methods including POST",
      code: `import got from 'got';

const wms = got.extend({ prefixUrl: 'https://wms.example.test' });

export class FulfillmentClient {
  async submit(order: { orderId: string }) {
    return await wms.post('v1/fulfillment-orders', {
      json: { reference: order.orderId },
      timeout: { request: 4_000 },
      retry: { limit: 3, methods: ['POST'], errorCodes: ['ETIMEDOUT'] },
    }).json<{ fulfillmentId: string }>();
  }
}
`,
      errors: [
        {
          messageId: 'retriedBlindly',
          line: 7,
          column: 18,
          suggestions: [
            {
              messageId: 'stopRetryingMethod',
              data: { method: 'POST' },
              output: `import got from 'got';

const wms = got.extend({ prefixUrl: 'https://wms.example.test' });

export class FulfillmentClient {
  async submit(order: { orderId: string }) {
    return await wms.post('v1/fulfillment-orders', {
      json: { reference: order.orderId },
      timeout: { request: 4_000 },
      retry: { limit: 3, methods: [], errorCodes: ['ETIMEDOUT'] },
    }).json<{ fulfillmentId: string }>();
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: "p-retry around an axios POST with a timeout and no key",
      code: `import { Injectable } from '@nestjs/common';
import axios from 'axios';
import pRetry from 'p-retry';

@Injectable()
export class ReceiptMailer {
  async sendReceipt(to: string, html: string) {
    return pRetry(
      async () => {
        const { data } = await axios.post(
          'https://mail.example.test/v3/messages',
          { to, html },
          { timeout: 5_000 },
        );
        return data;
      },
      { retries: 4 },
    );
  }
}
`,
      errors: [
        { messageId: 'retriedBlindly', line: 10, column: 32 },
      ],
    },
    {
      name: "hand-written loop retries a same-file postJson helper aborted by a timer",
      filename: "payouts.js",
      code: `import { setTimeout as sleep } from 'node:timers/promises';

async function postJson(url, body, timeoutMs) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const res = await fetch(url, { method: 'POST', body: JSON.stringify(body), signal: controller.signal });
    return await res.json();
  } finally {
    clearTimeout(timer);
  }
}

export async function payOutSeller(sellerId, amountMinor) {
  let lastError;
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return await postJson('https://payouts.example.test/v1/payouts', { sellerId, amountMinor }, 5000);
    } catch (err) {
      lastError = err;
      if (err.name !== 'AbortError') throw err;
      await sleep(attempt * 500);
    }
  }
  throw lastError;
}
`,
      errors: [
        { messageId: 'retriedBlindly', line: 18, column: 20 },
      ],
    },
    {
      name: "p-timeout around a pg INSERT; TimeoutError becomes credited: false",
      code: `import pTimeout, { TimeoutError } from 'p-timeout';
import pg from 'pg';

export class WalletService {
  constructor(private readonly pool: pg.Pool) {}

  async recordTopUp(walletId: string, amountMinor: number) {
    try {
      await pTimeout(
        this.pool.query('INSERT INTO wallet_ledger (wallet_id, amount_minor) VALUES ($1, $2)', [walletId, amountMinor]),
        { milliseconds: 2_000 },
      );
      return { credited: true };
    } catch (err) {
      if (err instanceof TimeoutError) return { credited: false };
      throw err;
    }
  }
}
`,
      errors: [
        { messageId: 'treatedAsFailure', line: 10, column: 9 },
      ],
    },
    {
      name: "BullMQ queue with attempts and a processor POSTing with a timeout and no key",
      code: `import axios from 'axios';
import { Queue, Worker, type Job } from 'bullmq';

const connection = { host: 'localhost', port: 6379 };
export const stockSync = new Queue('marketplace-stock', { connection, defaultJobOptions: { attempts: 5 } });

async function pushDelta(job: Job<{ sku: string; delta: number }>): Promise<void> {
  await axios.post('https://marketplace.example.test/v1/inventory/adjustments', job.data, { timeout: 3_000 });
}

export const worker = new Worker('marketplace-stock', pushDelta, { connection });
`,
      errors: [
        { messageId: 'retriedBlindly', line: 8, column: 9 },
      ],
    },
    {
      name: "confirm-channel publish raced by a timer in a same-file wrapper, republished with a fresh messageId",
      filename: "invoices.js",
      code: `import { randomUUID } from 'node:crypto';

function publishConfirmed(channel, exchange, routingKey, body, timeoutMs) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('broker did not confirm in time')), timeoutMs);
    channel.publish(exchange, routingKey, body, { persistent: true, messageId: randomUUID() }, (err) => {
      clearTimeout(timer);
      if (err) reject(err);
      else resolve();
    });
  });
}

export async function publishInvoiceIssued(channel, invoice) {
  const body = Buffer.from(JSON.stringify({ type: 'invoice.issued', invoiceId: invoice.id }));
  for (let attempt = 1; ; attempt++) {
    try {
      await publishConfirmed(channel, 'billing', 'invoice.issued', body, 1500);
      return;
    } catch (err) {
      if (attempt >= 4) throw err;
    }
  }
}
`,
      errors: [
        { messageId: 'retriedBlindly', line: 18, column: 13 },
      ],
    },
    {
      name: "Koa refund with undici request and AbortSignal.timeout answers refunded: false",
      code: `import Koa from 'koa';
import { request } from 'undici';

export const app = new Koa();

app.use(async (ctx) => {
  const { paymentId, amountMinor } = ctx.request.body as { paymentId: string; amountMinor: number };
  try {
    const res = await request('https://psp.example.test/v1/refunds', {
      method: 'POST',
      body: JSON.stringify({ payment: paymentId, amount: amountMinor }),
      signal: AbortSignal.timeout(6_000),
    });
    ctx.body = { refunded: true, refund: await res.body.json() };
  } catch (err) {
    const name = (err as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      ctx.status = 502;
      ctx.body = { refunded: false, error: 'payment provider did not answer, please try again' };
      return;
    }
    throw err;
  }
});
`,
      errors: [
        { messageId: 'treatedAsFailure', line: 9, column: 23 },
      ],
    },
    {
      name: "Promise.race of a same-file gateway charge against a rejecting timer; catch marks payment_failed",
      code: `import pg from 'pg';

function rejectAfter(ms: number): Promise<never> {
  return new Promise((_, reject) => {
    setTimeout(() => reject(new Error(\`timed out after \${ms}ms\`)), ms);
  });
}

class CardGateway {
  async createCharge(amount: number, source: string): Promise<{ id: string }> {
    const res = await fetch('https://psp.example.test/v1/charges', { method: 'POST', body: JSON.stringify({ amount, source }) });
    return (await res.json()) as { id: string };
  }
}

export class CheckoutService {
  constructor(private readonly pool: pg.Pool, private readonly gateway: CardGateway) {}

  async pay(orderId: string, amountMinor: number, cardToken: string) {
    try {
      const charge = await Promise.race([
        this.gateway.createCharge(amountMinor, cardToken),
        rejectAfter(8_000),
      ]);
      return { status: 'paid', chargeId: charge.id };
    } catch {
      await this.pool.query("UPDATE orders SET status = 'payment_failed' WHERE id = $1", [orderId]);
      return { status: 'payment_failed' };
    }
  }
}
`,
      errors: [
        { messageId: 'treatedAsFailure', line: 22, column: 9 },
      ],
    },
    {
      name: "NestJS controller singles out ECONNABORTED from an opaque gateway charge and marks the order failed",
      code: `import { Body, Controller, HttpException, HttpStatus, Param, Post } from '@nestjs/common';
import { isAxiosError } from 'axios';
import { PaymentGateway } from './payment-gateway.js';
import { OrdersRepository } from './orders.repository.js';

@Controller('orders')
export class OrdersController {
  constructor(private readonly gateway: PaymentGateway, private readonly orders: OrdersRepository) {}

  @Post(':id/pay')
  async pay(@Param('id') id: string, @Body() body: { cardToken: string }) {
    const order = await this.orders.get(id);
    try {
      const charge = await this.gateway.charge({ amount: order.totalMinor, source: body.cardToken });
      await this.orders.markPaid(id, charge.id);
      return { status: 'paid' };
    } catch (err) {
      if (isAxiosError(err) && (err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT')) {
        await this.orders.markPaymentFailed(id, 'gateway timeout');
        throw new HttpException({ status: 'payment_failed' }, HttpStatus.PAYMENT_REQUIRED);
      }
      throw err;
    }
  }
}
`,
      errors: [
        { messageId: 'treatedAsFailure', line: 14, column: 28 },
      ],
    },
    {
      name: "express route swallows a timed POST with .catch(() => null)",
      code: `import axios from 'axios';
import express from 'express';

export const app = express();
app.use(express.json());

app.post('/subscriptions', async (req, res) => {
  const result = await axios.post('https://billing.example.test/v1/subscriptions', req.body, { timeout: 3_000 }).catch(() => null);
  res.status(201).json({ subscription: result?.data ?? null });
});
`,
      errors: [
        { messageId: 'swallowed', line: 8, column: 24 },
      ],
    },
    {
      name: "fastify handler turns a got timeout into charged: false via .catch",
      code: `import Fastify from 'fastify';
import got from 'got';

export const app = Fastify();

app.post('/charges', async (req, reply) => {
  const body = req.body as { amountMinor: number; token: string };
  const result = await got
    .post('https://psp.example.test/v1/charges', { json: body, timeout: { request: 3_000 } })
    .json<{ id: string }>()
    .catch(() => ({ charged: false }));
  return reply.send(result);
});
`,
      errors: [
        { messageId: 'treatedAsFailure', line: 8, column: 24 },
      ],
    },
    {
      name: "async-retry around a fetch POST with AbortSignal.timeout",
      code: `import retry from 'async-retry';

export async function createShipment(orderId: string, address: string) {
  return retry(
    async () => {
      const res = await fetch('https://carrier.example.test/v1/shipments', {
        method: 'POST',
        body: JSON.stringify({ orderId, address }),
        signal: AbortSignal.timeout(4_000),
      });
      if (!res.ok) throw new Error(\`carrier answered \${res.status}\`);
      return res.json();
    },
    { retries: 3 },
  );
}
`,
      errors: [
        { messageId: 'retriedBlindly', line: 6, column: 25 },
      ],
    },
    {
      name: "kafkajs producer send with a timeout retried in a while loop",
      filename: "ledger.js",
      code: `import { Kafka } from 'kafkajs';

const kafka = new Kafka({ clientId: 'ledger', brokers: ['localhost:9092'] });
const producer = kafka.producer();

export async function publishEntry(entry) {
  let attempt = 0;
  while (attempt < 3) {
    attempt++;
    try {
      await producer.send({ topic: 'ledger.entries', messages: [{ value: JSON.stringify(entry) }], timeout: 1500 });
      return;
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}
`,
      errors: [
        { messageId: 'retriedBlindly', line: 11, column: 13 },
      ],
    },
    {
      name: "SQS standard queue send with an abort signal retried without a dedupe id",
      filename: "notify.js",
      code: `import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';

const sqs = new SQSClient({});

export async function enqueueEmail(email) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      await sqs.send(new SendMessageCommand({ QueueUrl: process.env.EMAIL_QUEUE_URL, MessageBody: JSON.stringify(email) }), {
        abortSignal: AbortSignal.timeout(2000),
      });
      return;
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}
`,
      errors: [
        { messageId: 'retriedBlindly', line: 8, column: 13 },
      ],
    },
    {
      name: "Lambda handler answers 500 'order not saved, try again' after a timed DynamoDB put",
      code: `import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

const ddb = new DynamoDBClient({});

export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const order = JSON.parse(event.body ?? '{}') as { id: string; totalMinor: number };
  try {
    await ddb.send(new PutItemCommand({ TableName: 'orders', Item: { id: { S: order.id }, total: { N: String(order.totalMinor) } } }), {
      abortSignal: AbortSignal.timeout(1_500),
    });
    return { statusCode: 201, body: JSON.stringify({ id: order.id }) };
  } catch {
    return { statusCode: 500, body: JSON.stringify({ error: 'order not saved, try again' }) };
  }
};
`,
      errors: [
        { messageId: 'treatedAsFailure', line: 9, column: 11 },
      ],
    },
    {
      name: "Promise.race with an inline rejecting timer around a Stripe refund",
      code: `import Stripe from 'stripe';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? '');

export async function refundOrder(paymentIntent: string) {
  try {
    await Promise.race([
      stripe.refunds.create({ payment_intent: paymentIntent }),
      new Promise((_, reject) => setTimeout(() => reject(new Error('stripe timeout')), 5_000)),
    ]);
    return { refunded: true };
  } catch {
    return { refunded: false };
  }
}
`,
      errors: [
        { messageId: 'treatedAsFailure', line: 8, column: 7 },
      ],
    },
    {
      name: "ioredis INCRBY with a command timeout swallowed",
      filename: "credits.js",
      code: `import Redis from 'ioredis';

const redis = new Redis({ commandTimeout: 500 });

export async function addCredits(userId, amount) {
  try {
    await redis.incrby(\`credits:\${userId}\`, amount);
  } catch {
    // redis is flaky, ignore
  }
}
`,
      errors: [
        { messageId: 'swallowed', line: 7, column: 11 },
      ],
    },
    {
      name: "pg pool with query_timeout; an INSERT timeout returns saved: false",
      code: `import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, query_timeout: 3_000 });

export async function saveOrder(id: string, totalMinor: number) {
  try {
    await pool.query('INSERT INTO orders (id, total_minor) VALUES ($1, $2)', [id, totalMinor]);
    return { saved: true };
  } catch {
    return { saved: false };
  }
}
`,
      errors: [
        { messageId: 'treatedAsFailure', line: 7, column: 11 },
      ],
    },
    {
      name: "knex insert with .timeout() retried in a loop",
      code: `import { knex } from 'knex';

const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });

export async function recordPayment(row: { id: string; amountMinor: number }) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      await db('payments').insert(row).timeout(2_000, { cancel: true });
      return;
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}
`,
      errors: [
        { messageId: 'retriedBlindly', line: 8, column: 13 },
      ],
    },
    {
      name: "ky POST with a timeout whose catch only logs",
      code: `import ky from 'ky';
import pino from 'pino';

const logger = pino();

export async function registerDevice(userId: string, token: string) {
  try {
    await ky.post('https://push.example.test/v1/devices', { json: { userId, token }, timeout: 5_000 });
  } catch (err) {
    logger.warn({ err }, 'device registration did not complete');
  }
}
`,
      errors: [
        { messageId: 'swallowed', line: 8, column: 11 },
      ],
    },
    {
      name: "p-timeout around a Prisma create; the catch marks the payment failed",
      code: `import { PrismaClient } from '@prisma/client';
import pTimeout from 'p-timeout';

const prisma = new PrismaClient();

export async function recordPayment(orderId: string, amountMinor: number) {
  try {
    return await pTimeout(prisma.payment.create({ data: { orderId, amountMinor } }), { milliseconds: 1_000 });
  } catch {
    await prisma.order.update({ where: { id: orderId }, data: { status: 'failed' } });
    return null;
  }
}
`,
      errors: [
        { messageId: 'treatedAsFailure', line: 8, column: 27 },
      ],
    },
    {
      name: "TypeORM save raced against a same-file timeout helper, catch returns false",
      code: `import { Repository } from 'typeorm';

class Booking {
  id!: string;
  seat!: string;
}

function timeout(ms: number): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), ms));
}

export class BookingService {
  constructor(private readonly bookings: Repository<Booking>) {}

  async book(booking: Booking): Promise<boolean> {
    try {
      await Promise.race([this.bookings.save(booking), timeout(3_000)]);
      return true;
    } catch {
      return false;
    }
  }
}
`,
      errors: [
        { messageId: 'swallowed', line: 17, column: 27 },
      ],
    },
    {
      name: "express route answers 'payment failed' after a timed axios charge",
      code: `import axios from 'axios';
import express from 'express';

export const router = express.Router();

router.post('/checkout', async (req, res) => {
  try {
    const { data } = await axios.post('https://psp.example.test/v1/charges', req.body, { timeout: 7_000 });
    res.json({ chargeId: data.id });
  } catch (err) {
    res.status(502).json({ error: 'payment failed, please try again' });
  }
});
`,
      errors: [
        { messageId: 'treatedAsFailure', line: 8, column: 28 },
      ],
    },
    {
      name: "node:http server answers 'order not placed' after an undici fetch timeout",
      filename: "server.js",
      code: `import { createServer } from 'node:http';
import { fetch } from 'undici';

export const server = createServer(async (req, res) => {
  try {
    const upstream = await fetch('https://orders.example.test/v1/orders', {
      method: 'POST',
      body: JSON.stringify({ sku: 'abc', qty: 1 }),
      signal: AbortSignal.timeout(5000),
    });
    res.writeHead(upstream.status).end();
  } catch {
    res.writeHead(504).end('order not placed, please retry');
  }
});
`,
      errors: [
        { messageId: 'treatedAsFailure', line: 6, column: 28 },
      ],
    },
    {
      name: "async-retry repeats a same-file client method that posts with an axios timeout",
      code: `import retry from 'async-retry';
import axios from 'axios';

class PspClient {
  private readonly http = axios.create({ baseURL: 'https://psp.example.test', timeout: 5_000 });

  async capture(paymentId: string, amountMinor: number) {
    const { data } = await this.http.post(\`/v1/payments/\${paymentId}/capture\`, { amount: amountMinor });
    return data;
  }
}

export class CaptureJob {
  private readonly psp = new PspClient();

  async run(paymentId: string, amountMinor: number) {
    return retry(async () => this.psp.capture(paymentId, amountMinor), { retries: 4 });
  }
}
`,
      errors: [
        { messageId: 'retriedBlindly', line: 17, column: 30 },
      ],
    },
    {
      name: "exponential-backoff backOff around a timed got POST",
      code: `import { backOff } from 'exponential-backoff';
import got from 'got';

export async function openTicket(subject: string, body: string) {
  return backOff(() => got.post('https://helpdesk.example.test/v1/tickets', { json: { subject, body }, timeout: { request: 3_000 } }).json(), {
    numOfAttempts: 4,
  });
}
`,
      errors: [
        { messageId: 'retriedBlindly', line: 5, column: 24 },
      ],
    },
    {
      name: "got instance with timeout and POST in its retry methods",
      code: `import got from 'got';

const api = got.extend({
  prefixUrl: 'https://orders.example.test',
  timeout: { request: 2_000 },
  retry: { limit: 2, methods: ['GET', 'POST'] },
});

export async function placeOrder(order: { sku: string; qty: number }) {
  return api.post('v1/orders', { json: order }).json<{ id: string }>();
}
`,
      errors: [
        {
          messageId: 'retriedBlindly',
          line: 10,
          column: 10,
          suggestions: [
            {
              messageId: 'stopRetryingMethod',
              data: { method: 'POST' },
              output: `import got from 'got';

const api = got.extend({
  prefixUrl: 'https://orders.example.test',
  timeout: { request: 2_000 },
  retry: { limit: 2, methods: ['GET'] },
});

export async function placeOrder(order: { sku: string; qty: number }) {
  return api.post('v1/orders', { json: order }).json<{ id: string }>();
}
`,
            },
          ],
        },
      ],
    },
    {
      name: "Promise.race of a kafkajs send against a timers/promises sleep, retried in a loop",
      filename: "publisher.js",
      code: `import { Kafka } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';

const producer = new Kafka({ clientId: 'orders', brokers: ['localhost:9092'] }).producer();

export async function publishOrderPlaced(order) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await Promise.race([
        producer.send({ topic: 'orders.placed', messages: [{ value: JSON.stringify(order) }] }),
        sleep(2000).then(() => {
          throw new Error('publish timed out');
        }),
      ]);
      return;
    } catch {
      // try again
    }
  }
}
`,
      errors: [
        { messageId: 'retriedBlindly', line: 10, column: 9 },
      ],
    },
    {
      name: "DELETE aborted by a timer in the same function; catch returns deleted: false",
      code: `export async function deleteAccount(accountId: string) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 3_000);
  try {
    await fetch(\`https://identity.example.test/v1/accounts/\${accountId}\`, { method: 'DELETE', signal: controller.signal });
    return { deleted: true };
  } catch {
    return { deleted: false };
  } finally {
    clearTimeout(timer);
  }
}
`,
      errors: [
        { messageId: 'treatedAsFailure', line: 5, column: 11 },
      ],
    },
    {
      name: ".then with a rejection handler that reports status failed",
      code: `import axios from 'axios';

export function submitClaim(claim: { policyId: string; amountMinor: number }) {
  return axios
    .post('https://insurer.example.test/v1/claims', claim, { timeout: 4_000 })
    .then((res) => ({ status: 'submitted', id: res.data.id }), () => ({ status: 'failed' }));
}
`,
      errors: [
        { messageId: 'treatedAsFailure', line: 4, column: 10 },
      ],
    },
    {
      name: "BullMQ add with attempts and an inline processor doing a timed fetch POST",
      code: `import { Queue, Worker } from 'bullmq';

const connection = { host: 'localhost' };
const emails = new Queue('emails', { connection });

export async function scheduleWelcome(userId: string) {
  await emails.add('welcome', { userId }, { attempts: 3, backoff: { type: 'fixed', delay: 5_000 } });
}

export const worker = new Worker(
  'emails',
  async (job) => {
    const res = await fetch('https://mail.example.test/v1/send', {
      method: 'POST',
      body: JSON.stringify({ template: 'welcome', userId: job.data.userId }),
      signal: AbortSignal.timeout(5_000),
    });
    if (!res.ok) throw new Error(\`mail answered \${res.status}\`);
  },
  { connection },
);
`,
      errors: [
        { messageId: 'retriedBlindly', line: 13, column: 23 },
      ],
    },
    {
      name: "a retry loop around an opaque ledger client whose catch singles out ETIMEDOUT",
      code: `import { LedgerClient } from './ledger-client.js';

export class Poster {
  constructor(private readonly ledger: LedgerClient) {}

  async post(entry: { accountId: string; amountMinor: number }) {
    for (let attempt = 1; attempt <= 5; attempt++) {
      try {
        return await this.ledger.postEntry(entry);
      } catch (err) {
        if ((err as { code?: string }).code !== 'ETIMEDOUT') throw err;
      }
    }
    throw new Error('ledger unavailable');
  }
}
`,
      errors: [
        { messageId: 'retriedBlindly', line: 9, column: 22 },
      ],
    },
    {
      name: "fetch POST with AbortSignal.any including a timeout, empty catch",
      code: `export async function createLead(email: string, signal: AbortSignal) {
  try {
    await fetch('https://crm.example.test/v1/leads', {
      method: 'POST',
      body: JSON.stringify({ email }),
      signal: AbortSignal.any([signal, AbortSignal.timeout(5_000)]),
    });
  } catch {}
}
`,
      errors: [
        { messageId: 'swallowed', line: 3, column: 11 },
      ],
    },
    {
      name: "p-timeout with a number around an SNS publish; the catch returns published: false",
      code: `import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import pTimeout from 'p-timeout';

const sns = new SNSClient({});

export async function announce(topicArn: string, message: string) {
  try {
    await pTimeout(sns.send(new PublishCommand({ TopicArn: topicArn, Message: message })), 2_000);
    return { published: true };
  } catch {
    return { published: false };
  }
}
`,
      errors: [
        { messageId: 'treatedAsFailure', line: 8, column: 20 },
      ],
    },
    {
      name: "for-of over refunds, a timed refund POST pushed to failures",
      code: `import axios from 'axios';

const psp = axios.create({ baseURL: 'https://psp.example.test', timeout: 4_000 });

export async function refundAll(chargeIds: string[]) {
  const failures: string[] = [];
  for (const chargeId of chargeIds) {
    try {
      await psp.post('/v1/refunds', { charge: chargeId });
    } catch {
      failures.push(chargeId);
    }
  }
  return { failures };
}
`,
      errors: [
        { messageId: 'treatedAsFailure', line: 9, column: 13 },
      ],
    },
    {
      name: "options extend the mutating verbs: an opaque provision call retried on timeout",
      options: [{"mutatingVerbs":["provision"]}],
      code: `import pRetry from 'p-retry';
import { clusterApi } from './cluster-api.js';

export async function provisionDatabase(tenantId: string) {
  return pRetry(() => clusterApi.provisionDatabase({ tenantId }, { timeout: 30_000 }), { retries: 2 });
}
`,
      errors: [
        { messageId: 'retriedBlindly', line: 5, column: 23 },
      ],
    },
    {
      name: "a recursive retry on any error of a timed POST",
      filename: "events.js",
      code: `import axios from 'axios';

export async function publishEvent(event, attempt = 0) {
  try {
    await axios.post('https://events.example.test/v1/events', event, { timeout: 2000 });
  } catch (err) {
    if (attempt < 3) return publishEvent(event, attempt + 1);
    throw err;
  }
}
`,
      errors: [
        { messageId: 'retriedBlindly', line: 5, column: 11 },
      ],
    },
    {
      name: "an error-first callback that marks the order failed after a timed request",
      filename: "legacy-orders.js",
      code: `import request from 'request';

export function submitOrder(order, done) {
  request.post({ url: 'https://oms.example.test/v1/orders', json: order, timeout: 5000 }, (err, res) => {
    if (err) {
      order.status = 'failed';
      return done(null, order);
    }
    order.status = 'submitted';
    order.remoteId = res.body.id;
    done(null, order);
  });
}
`,
      errors: [
        { messageId: 'treatedAsFailure', line: 4, column: 3 },
      ],
    },
    {
      name: "p-timeout with a fallback that resolves a publish timeout to undefined",
      code: `import pTimeout from 'p-timeout';
import { bus } from './bus.js';

export async function announceShipment(shipmentId: string) {
  await pTimeout(bus.publish('shipments.dispatched', { shipmentId }), { milliseconds: 2_000, fallback: () => undefined });
}
`,
      errors: [
        { messageId: 'swallowed', line: 5, column: 18 },
      ],
    },
    {
      name: "axios.defaults.timeout set globally, a POST swallowed into null",
      code: `import axios from 'axios';

axios.defaults.timeout = 4_000;

export async function enrollMember(memberId: string) {
  try {
    return await axios.post('https://loyalty.example.test/v1/enrollments', { memberId });
  } catch {
    return null;
  }
}
`,
      errors: [
        { messageId: 'swallowed', line: 7, column: 18 },
      ],
    },
    {
      name: "axios-retry with a custom retry condition on a client with a timeout",
      code: `import axios from 'axios';
import axiosRetry from 'axios-retry';

const oms = axios.create({ baseURL: 'https://oms.example.test', timeout: 3_000 });
axiosRetry(oms, { retries: 3, retryCondition: () => true });

export async function placeOrder(order: { sku: string; qty: number }) {
  const { data } = await oms.post('/v1/orders', order);
  return data;
}
`,
      errors: [
        { messageId: 'retriedBlindly', line: 8, column: 26 },
      ],
    },
    {
      name: "a GraphQL mutation over POST retried by p-retry without a key",
      code: `import axios from 'axios';
import pRetry from 'p-retry';

export async function addToCart(cartId: string, sku: string) {
  return pRetry(
    () =>
      axios.post(
        'https://shop.example.test/graphql',
        { query: 'mutation Add($cart: ID!, $sku: String!) { addLine(cart: $cart, sku: $sku) { id } }', variables: { cart: cartId, sku } },
        { timeout: 3_000 },
      ),
    { retries: 2 },
  );
}
`,
      errors: [
        { messageId: 'retriedBlindly', line: 7, column: 7 },
      ],
    },
    {
      name: "mysql2 execute of an UPDATE with a query timeout, error swallowed",
      code: `import mysql from 'mysql2/promise';

const pool = mysql.createPool({ uri: process.env.MYSQL_URL });

export async function reserveSeat(seatId: string, userId: string) {
  try {
    await pool.execute({ sql: 'UPDATE seats SET holder = ? WHERE id = ? AND holder IS NULL', timeout: 2_000 }, [userId, seatId]);
  } catch (err) {
    console.error('reserve failed', err);
  }
}
`,
      errors: [
        { messageId: 'swallowed', line: 7, column: 11 },
      ],
    },
    {
      name: "the catch releases the hold (a compensation) and rethrows",
      code: `import axios from 'axios';
import { HoldService } from './holds.js';

export class TransferService {
  constructor(private readonly holds: HoldService) {}

  async send(transferId: string, amountMinor: number) {
    await this.holds.placeHold(transferId, amountMinor);
    try {
      await axios.post('https://bank.example.test/v1/transfers', { transferId, amountMinor }, { timeout: 10_000 });
    } catch (err) {
      await this.holds.releaseHold(transferId);
      throw err;
    }
  }
}
`,
      errors: [
        { messageId: 'treatedAsFailure', line: 10, column: 13 },
      ],
    },
    {
      name: "a timed refund whose catch sets an enum FAILED status",
      code: `import axios from 'axios';
import { Repository } from 'typeorm';

enum RefundStatus {
  Requested = 'requested',
  Failed = 'failed',
}

class Refund {
  id!: string;
  status!: RefundStatus;
}

export class RefundService {
  constructor(private readonly refunds: Repository<Refund>) {}

  async refund(refund: Refund, chargeId: string) {
    try {
      await axios.post('https://psp.example.test/v1/refunds', { charge: chargeId }, { timeout: 6_000 });
    } catch {
      await this.refunds.update(refund.id, { status: RefundStatus.Failed });
    }
  }
}
`,
      errors: [
        { messageId: 'treatedAsFailure', line: 19, column: 13 },
      ],
    },
    {
      name: "a timed publish whose rejection goes to .catch(console.error)",
      filename: "audit.js",
      code: `import { Kafka } from 'kafkajs';

const producer = new Kafka({ clientId: 'audit', brokers: ['localhost:9092'] }).producer();

export function recordLogin(userId) {
  return producer.send({ topic: 'audit.logins', messages: [{ value: userId }], timeout: 1000 }).catch(console.error);
}
`,
      errors: [
        { messageId: 'swallowed', line: 6, column: 10 },
      ],
    },
    {
      name: "NestJS HttpService POST piped through rxjs timeout and retry",
      code: `import { HttpService } from '@nestjs/axios';
import { Injectable } from '@nestjs/common';
import { firstValueFrom, retry, timeout } from 'rxjs';

@Injectable()
export class SmsSender {
  constructor(private readonly http: HttpService) {}

  async send(to: string, text: string) {
    const res = await firstValueFrom(
      this.http.post('https://sms.example.test/v1/messages', { to, text }).pipe(timeout(5_000), retry(2)),
    );
    return res.data;
  }
}
`,
      errors: [
        { messageId: 'retriedBlindly', line: 11, column: 7 },
      ],
    },
    {
      name: "undici Pool POST with a headers timeout, swallowed",
      code: `import { Pool } from 'undici';

const pool = new Pool('https://ledger.example.test');

export async function appendEntry(entry: { account: string; amountMinor: number }) {
  try {
    await pool.request({ method: 'POST', path: '/v1/entries', body: JSON.stringify(entry), headersTimeout: 3_000 });
  } catch {
    // ledger is eventually consistent
  }
}
`,
      errors: [
        { messageId: 'swallowed', line: 7, column: 11 },
      ],
    },
    {
      name: "a postJson wrapper takes headers from its caller, who makes a new key on every attempt",
      code: `import { randomUUID } from 'node:crypto';

async function postJson(url: string, body: unknown, headers: Record<string, string>) {
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(5_000) });
  return res.json();
}

export async function createPayout(sellerId: string, amountMinor: number) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return await postJson('https://payouts.example.test/v1/payouts', { sellerId, amountMinor }, { 'Idempotency-Key': randomUUID() });
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}
`,
      errors: [
        { messageId: 'retriedBlindly', line: 11, column: 20 },
      ],
    },
    {
      name: "a Mongoose create with a write-concern timeout reported as 'failed'",
      code: `import mongoose from 'mongoose';

const Order = mongoose.model('Order', new mongoose.Schema({ sku: String, qty: Number }));

export async function placeOrder(sku: string, qty: number) {
  try {
    await Order.create([{ sku, qty }], { writeConcern: { w: 'majority', wtimeoutMS: 2_000 } });
    return 'placed';
  } catch {
    return 'failed';
  }
}
`,
      errors: [
        { messageId: 'treatedAsFailure', line: 7, column: 11 },
      ],
    },
    {
      name: "p-retry given a same-file function by name, and a helper called from an inline retry callback",
      code: `import axios from 'axios';
import pRetry from 'p-retry';

async function sendDailyReport() {
  await axios.post('https://erp.example.test/v1/reports', { day: new Date().toISOString().slice(0, 10) }, { timeout: 4_000 });
}

async function sendInvoice(invoice: { id: string; totalMinor: number }) {
  await axios.post('https://erp.example.test/v1/invoices', invoice, { timeout: 4_000 });
}

export async function nightly() {
  await pRetry(sendDailyReport, { retries: 3 });
}

export async function syncInvoice(invoice: { id: string; totalMinor: number }) {
  await pRetry(() => sendInvoice(invoice), { retries: 3 });
}
`,
      errors: [
        { messageId: 'retriedBlindly', line: 5, column: 9 },
        { messageId: 'retriedBlindly', line: 17, column: 22 },
      ],
    },
    {
      name: "a NestJS service answers BadRequestException 'could not be processed' on a timeout",
      code: `import { BadRequestException, Injectable } from '@nestjs/common';
import axios from 'axios';

@Injectable()
export class TopUpService {
  async topUp(walletId: string, amountMinor: number) {
    try {
      const { data } = await axios.post('https://wallet.example.test/v1/top-ups', { walletId, amountMinor }, { timeout: 5_000 });
      return data;
    } catch (err) {
      if (axios.isAxiosError(err) && err.code === 'ECONNABORTED') throw new BadRequestException('Top-up could not be processed, please try again');
      throw err;
    }
  }
}
`,
      errors: [
        { messageId: 'treatedAsFailure', line: 8, column: 30 },
      ],
    },
    {
      name: "a fastify handler answers 409 'Could not complete the transfer' on a timeout",
      code: `import Fastify from 'fastify';

export const app = Fastify();

app.post('/transfers', async (req, reply) => {
  try {
    const res = await fetch('https://bank.example.test/v1/transfers', {
      method: 'POST',
      body: JSON.stringify(req.body),
      signal: AbortSignal.timeout(8_000),
    });
    return reply.code(201).send(await res.json());
  } catch {
    return reply.code(409).send({ message: 'Could not complete the transfer' });
  }
});
`,
      errors: [
        { messageId: 'treatedAsFailure', line: 7, column: 23 },
      ],
    },
    {
      name: "a catch that stores String(err) and answers cancelled: false (converting the error is not passing it on)",
      code: `import { Pool } from 'pg';

const pool = new Pool();

export async function cancelBooking(bookingId: string) {
  try {
    await fetch(\`https://hotel.example.test/v1/bookings/\${bookingId}\`, { method: 'DELETE', signal: AbortSignal.timeout(5_000) });
    return { cancelled: true };
  } catch (err) {
    await pool.query('UPDATE bookings SET cancel_error = $2 WHERE id = $1', [bookingId, String(err)]);
    return { cancelled: false };
  }
}
`,
      errors: [
        { messageId: 'treatedAsFailure', line: 7, column: 11 },
      ],
    },
    {
      name: "a local timeoutSignal() helper and a controller aborted through bind, both swallowed",
      filename: "signals.js",
      code: `function timeoutSignal(ms) {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), ms);
  return controller.signal;
}

export async function subscribe(email) {
  try {
    await fetch('https://news.example.test/v1/subscribers', { method: 'POST', body: JSON.stringify({ email }), signal: timeoutSignal(3000) });
  } catch {}
}

export async function unsubscribe(email) {
  const controller = new AbortController();
  const timer = setTimeout(controller.abort.bind(controller), 3000);
  try {
    await fetch(\`https://news.example.test/v1/subscribers/\${email}\`, { method: 'DELETE', signal: controller.signal });
  } catch {
  } finally {
    clearTimeout(timer);
  }
}
`,
      errors: [
        { messageId: 'swallowed', line: 9, column: 11 },
        { messageId: 'swallowed', line: 17, column: 11 },
      ],
    },
    {
      name: "a catch singling out ETIMEDOUT is about the gateway call, not the audit insert before it",
      code: `import pg from 'pg';
import { PaymentGateway } from './payment-gateway.js';

export class Checkout {
  constructor(private readonly pool: pg.Pool, private readonly gateway: PaymentGateway) {}

  async pay(orderId: string, amountMinor: number) {
    try {
      await this.pool.query('INSERT INTO payment_attempts (order_id, amount_minor) VALUES ($1, $2)', [orderId, amountMinor]);
      const charge = await this.gateway.charge({ orderId, amountMinor });
      return { status: 'paid', chargeId: charge.id };
    } catch (err) {
      if ((err as { code?: string }).code === 'ETIMEDOUT') {
        await this.pool.query("UPDATE orders SET status = 'payment_failed' WHERE id = $1", [orderId]);
        return { status: 'payment_failed' };
      }
      throw err;
    }
  }
}
`,
      errors: [
        { messageId: 'treatedAsFailure', line: 10, column: 28 },
      ],
    },
  ],
});
