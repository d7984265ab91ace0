// Which path of an error handler a timeout takes: branches for one named non-timeout error, error-first callbacks
// that call their own function again, timers built from an async helper, SQL run on a connection nothing is
// known about. Each invalid case asserts the position of the call whose timeout outcome is mishandled.
import rule from '../../rules/no-unhandled-timeout.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();

/** A node:http request timed by req.setTimeout, whose 'error' listener records `status` for the install. */
const requestWithListener = (status: string) => `const http = require('node:http');
const mysql = require('mysql2');

const pool = mysql.createPool({ uri: process.env.MYSQL_URL });

function sendInstall(host, deviceId) {
  const req = http.request({ host, port: 8080, method: 'POST', path: \`/devices/\${deviceId}/install\` }, (res) => {
    res.resume();
  });
  req.setTimeout(5000, () => {
    req.destroy(new Error('install command timed out'));
  });
  req.on('error', (err) => {
    pool.query('UPDATE device_rollouts SET status = ? WHERE device_id = ?', ['${status}', deviceId], () => {});
  });
  req.end('{}');
}

module.exports = { sendInstall };
`;

/** The same request in a wrapper that hands its error to its callback; the caller picks `status` for an error. */
const requestInWrapper = (status: string) => `const http = require('node:http');
const mysql = require('mysql2');

const pool = mysql.createPool({ uri: process.env.MYSQL_URL });

function sendInstallCommand(host, deviceId, cb) {
  const req = http.request({ host, port: 8080, method: 'POST', path: \`/devices/\${deviceId}/install\` }, (res) => {
    res.resume();
    res.on('end', () => cb(res.statusCode < 300 ? null : new Error('gateway refused')));
  });
  req.setTimeout(5000, () => req.destroy(new Error('install command timed out')));
  req.on('error', cb);
  req.end('{}');
}

function pushToDevice(device, done) {
  sendInstallCommand(device.host, device.id, (err) => {
    const status = err ? '${status}' : 'installing';
    pool.query('UPDATE device_rollouts SET status = ? WHERE device_id = ?', [status, device.id], (dbErr) => done(dbErr || null, status));
  });
}

module.exports = { pushToDevice };
`;

/** A callback wrapper whose own timer calls back with a timeout error, racing the publish's callback. */
const CALLBACK_WRAPPER = `const amqp = require('amqplib/callback_api');
const express = require('express');

let channel;
amqp.connect(process.env.AMQP_URL, (err, conn) => {
  if (err) throw err;
  conn.createConfirmChannel((chErr, ch) => { channel = ch; });
});

function publishOrderPlaced(order, cb) {
  let settled = false;
  const timer = setTimeout(() => {
    settled = true;
    cb(Object.assign(new Error('broker confirm timed out'), { code: 'ETIMEDOUT' }));
  }, 5000);
  channel.publish('orders', 'order.placed', Buffer.from(JSON.stringify(order)), { persistent: true }, (err) => {
    clearTimeout(timer);
    if (!settled) cb(err);
  });
}

const router = express.Router();
`;

ruleTester.run('no-unhandled-timeout (error paths)', rule, {
  valid: [
    {
      name: 'only a card decline becomes "declined"; any other error (a timeout too) is rethrown',
      filename: 'checkout.js',
      code: `import Stripe from 'stripe';
import { pool } from './db.js';

const stripe = new Stripe(process.env.STRIPE_KEY, { timeout: 8000 });

export async function pay(session) {
  try {
    const intent = await stripe.paymentIntents.create({ amount: session.amount, currency: 'eur' });
    await pool.query('UPDATE sessions SET intent_id = $2 WHERE id = $1', [session.id, intent.id]);
    return { status: intent.status };
  } catch (err) {
    if (err.type === 'StripeCardError') {
      await pool.query("UPDATE sessions SET status = 'declined' WHERE id = $1", [session.id]);
      return { status: 'declined' };
    }
    throw err;
  }
}
`,
    },
    {
      name: 'async-retry: a named error bails, and the retried call sends an idempotency key',
      filename: 'submit.js',
      code: `import retry from 'async-retry';
import axios from 'axios';

export function submit(order) {
  return retry(async (bail) => {
    try {
      return await axios.post('https://fulfil.example.test/orders', order, { timeout: 2000, headers: { 'Idempotency-Key': order.id } });
    } catch (err) {
      if (err.code === 'ERR_BAD_REQUEST') {
        bail(err);
        return undefined;
      }
      throw err;
    }
  }, { retries: 3 });
}
`,
    },
    {
      name: 'an error-first callback that only passes a timeout on',
      filename: 'credit.cjs',
      code: `const mysql = require('mysql2');
const pool = mysql.createPool({ host: 'db' });

function credit(id, cents, done) {
  pool.query({ sql: 'UPDATE accounts SET balance = balance + ? WHERE id = ?', values: [cents, id], timeout: 1000 }, (err) => {
    if (err) return done(err);
    done(null);
  });
}
module.exports = { credit };
`,
    },
    {
      name: 'a GraphQL query document handed to a local wrapper that POSTs it is a read',
      filename: 'stock.js',
      code: `import axios from 'axios';

const gql = axios.create({ baseURL: 'https://graph.example.test/graphql', timeout: 2500 });
const STOCK = \`
  query Stock($skus: [ID!]!) { stock(skus: $skus) { sku available } }
\`;

async function runQuery(query, variables) {
  const { data } = await gql.post('', { query, variables });
  return data.data;
}

export async function stockOf(skus) {
  try {
    return (await runQuery(STOCK, { skus })).stock;
  } catch {
    return [];
  }
}
`,
    },
    {
      name: 'a local helper decides the error is a definite HTTP rejection (no response: null); everything else is rethrown',
      filename: 'refunds.ts',
      code: `import axios from 'axios';
import type { Knex } from 'knex';

const provider = axios.create({ baseURL: 'https://psp.example.test', timeout: 8000, headers: { 'Idempotency-Key': 'fixed' } });

function definiteRejection(err: unknown): { status: number } | null {
  if (!axios.isAxiosError(err)) return null;
  const response = err.response;
  if (!response) return null;
  return response.status >= 400 && response.status < 500 ? { status: response.status } : null;
}

export async function refund(knex: Knex, id: string, chargeId: string) {
  try {
    await provider.post(\`/v1/charges/\${chargeId}/refunds\`, { metadata: { id } });
    await knex('refunds').where({ id }).update({ state: 'succeeded' });
  } catch (err) {
    const rejection = definiteRejection(err);
    if (rejection) {
      await knex('refunds').where({ id }).update({ state: 'rejected' });
      return;
    }
    throw err;
  }
}
`,
    },
    {
      name: 'async-retry around a PayPal payout that sends a stable PayPal-Request-Id',
      filename: 'payouts.js',
      code: `import retry from 'async-retry';

export function payout(batch, token) {
  return retry(async () => {
    const res = await fetch('https://api-m.paypal.com/v1/payments/payouts', {
      method: 'POST',
      headers: { authorization: \`Bearer \${token}\`, 'PayPal-Request-Id': batch.id },
      body: JSON.stringify(batch),
      signal: AbortSignal.timeout(10000),
    });
    if (!res.ok) throw new Error(\`paypal answered \${res.status}\`);
    return res.json();
  }, { retries: 3 });
}
`,
    },
    {
      name: "an outcome chosen by a test of the error still counts: a timeout is recorded as 'unknown'",
      filename: 'payments.ts',
      code: `import axios from 'axios';
import { Pool } from 'pg';

const pool = new Pool();

export async function charge(order: { id: string; total: number }) {
  try {
    const { data } = await axios.post('https://psp.example/v1/charges', { amount: order.total }, { timeout: 5000, headers: { 'Idempotency-Key': order.id } });
    return data;
  } catch (err) {
    const status = axios.isAxiosError(err) && err.code === 'ECONNABORTED' ? 'unknown' : 'failed';
    await pool.query('UPDATE orders SET payment_status = $2 WHERE id = $1', [order.id, status]);
    throw err;
  }
}
`,
    },
    {
      name: 'a callback wrapper with its own timer: the caller records the timeout as unconfirmed, not failed',
      filename: 'orders.cjs',
      code: `${CALLBACK_WRAPPER}router.post('/orders', (req, res, next) => {
  publishOrderPlaced(req.body, (err) => {
    if (err) {
      res.status(202).json({ status: 'unconfirmed', message: 'order received; confirmation pending' });
      return;
    }
    res.status(201).json({ status: 'placed' });
  });
});
module.exports = router;
`,
    },
    {
      name: "a read raced against a timer: Object.assign in it is the language's, not a client's 'assign'",
      filename: 'flags.ts',
      code: `const cache = new Map<string, Record<string, boolean>>();

function timeoutAfter(ms: number): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error('flags timed out')), ms));
}

async function readFlags(tenant: string): Promise<Record<string, boolean>> {
  const res = await fetch(\`https://flags.example/v1/\${tenant}\`);
  return Object.assign({}, cache.get(tenant), await res.json());
}

export async function flagsFor(tenant: string) {
  try {
    return await Promise.race([readFlags(tenant), timeoutAfter(300)]);
  } catch {
    return cache.get(tenant) ?? {};
  }
}
`,
    },
    {
      name: 'node:http request with req.setTimeout: its error listener records the install as unconfirmed',
      filename: 'rollout.cjs',
      code: requestWithListener('unconfirmed'),
    },
    {
      name: "a wrapper's timed request hands its error to the callback, which records the install as unconfirmed",
      filename: 'rollout.cjs',
      code: requestInWrapper('unconfirmed'),
    },
  ],
  invalid: [
    {
      name: "an opaque dispatch client's assignDriver raced against a timer: a timeout is answered as not assigned",
      filename: 'dispatch.ts',
      code: `function rejectAfter(ms: number): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error('dispatch timeout')), ms));
}

export class RideAssignmentService {
  constructor(private readonly dispatch: { assignDriver(rideId: string, driverId: string): Promise<{ id: string }> }) {}

  async offerTo(rideId: string, driverId: string) {
    try {
      const result = await Promise.race([this.dispatch.assignDriver(rideId, driverId), rejectAfter(3_000)]);
      return { assigned: true, assignmentId: result.id };
    } catch {
      return { assigned: false };
    }
  }
}
`,
      errors: [{ messageId: 'treatedAsFailure', line: 10, column: 42 }],
    },
    {
      name: 'async-retry: only a named non-timeout error bails; a timeout is rethrown and retried without a key',
      filename: 'submit.js',
      code: `import retry from 'async-retry';
import axios from 'axios';

export function submit(order) {
  return retry(async (bail) => {
    try {
      return await axios.post('https://fulfil.example.test/orders', order, { timeout: 2000 });
    } catch (err) {
      if (err.code === 'ERR_BAD_REQUEST') {
        bail(err);
        return undefined;
      }
      throw err;
    }
  }, { retries: 3 });
}
`,
      errors: [{ messageId: 'retriedBlindly', line: 7, column: 20 }],
    },
    {
      name: 'mysql2 callback: a query timeout calls the function again (a retry without a key)',
      filename: 'credit.cjs',
      code: `const mysql = require('mysql2');
const pool = mysql.createPool({ host: 'db' });

function credit(id, cents, attempt, done) {
  pool.query({ sql: 'UPDATE accounts SET balance = balance + ? WHERE id = ?', values: [cents, id], timeout: 1000 }, (err) => {
    if (err) {
      if (err.code === 'PROTOCOL_SEQUENCE_TIMEOUT' && attempt < 3) return credit(id, cents, attempt + 1, done);
      return done(err);
    }
    done(null);
  });
}
module.exports = { credit };
`,
      errors: [{ messageId: 'retriedBlindly', line: 5, column: 3 }],
    },
    {
      name: 'a connection handed in as a parameter runs an UPDATE under a timeout and is retried on it',
      filename: 'debit.cjs',
      code: `function debit(conn, id, cents, attempt, done) {
  conn.query({ sql: 'UPDATE wallets SET balance = balance - ? WHERE id = ?', values: [cents, id], timeout: 2500 }, (err) => {
    if (err) {
      if (err.code === 'PROTOCOL_SEQUENCE_TIMEOUT' && attempt < 3) return debit(conn, id, cents, attempt + 1, done);
      return done(err);
    }
    done(null);
  });
}
module.exports = { debit };
`,
      errors: [{ messageId: 'retriedBlindly', line: 2, column: 3 }],
    },
    {
      name: 'Promise.race against an async helper that sleeps and then throws; the catch answers false',
      filename: 'ledger.js',
      code: `import { setTimeout as sleep } from 'node:timers/promises';
import { LedgerClient } from '@acme/ledger';

const ledger = new LedgerClient();

async function failAfter(ms) {
  await sleep(ms);
  throw new Error('deadline passed');
}

export async function post(entry) {
  try {
    await Promise.race([ledger.entries.create(entry), failAfter(3000)]);
    return true;
  } catch {
    return false;
  }
}
`,
      errors: [{ messageId: 'swallowed', line: 13, column: 25 }],
    },
    {
      name: 'a timeout is logged to an `outcome` column as failed: a column name is no "unknown outcome"',
      filename: 'plans.js',
      code: `import { pool } from './db.js';

export async function changePlan(accountId, planId) {
  try {
    await fetch('https://billing.example.test/v1/plans', { method: 'PATCH', body: JSON.stringify({ accountId, planId }), signal: AbortSignal.timeout(5000) });
    return { ok: true };
  } catch (err) {
    if (err.name === 'TimeoutError') {
      await pool.query("INSERT INTO plan_log (account_id, outcome) VALUES ($1, 'failed')", [accountId]);
      return { ok: false };
    }
    throw err;
  }
}
`,
      errors: [{ messageId: 'treatedAsFailure', line: 5, column: 11 }],
    },
    {
      name: 'a catch about the timed send in its try is not about the SQL run after it on a connection',
      filename: 'relay.js',
      code: `import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';

const sqs = new SQSClient({});

export async function relay(client, row) {
  try {
    await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: row.body }), { abortSignal: AbortSignal.timeout(3000) });
    await client.query("UPDATE outbox SET status = 'sent' WHERE id = $1", [row.id]);
  } catch (err) {
    if (err.name === 'TimeoutError') {
      await client.query("UPDATE outbox SET status = 'failed' WHERE id = $1", [row.id]);
      return;
    }
    throw err;
  }
}
`,
      errors: [{ messageId: 'treatedAsFailure', line: 7, column: 11 }],
    },
    {
      name: 'the promise is held in a const and handed to p-timeout, whose fallback answers "not sent"',
      filename: 'otp.js',
      code: `import pTimeout from 'p-timeout';
import twilio from 'twilio';

const client = twilio(process.env.SID, process.env.TOKEN);

export async function sendOtp(phone, code) {
  const sending = client.messages.create({ to: phone, body: \`Your code is \${code}\` });
  const outcome = await pTimeout(sending, { milliseconds: 4000, fallback: () => ({ status: 'not_sent' }) });
  return outcome.status !== 'not_sent';
}
`,
      errors: [{ messageId: 'treatedAsFailure', line: 7, column: 19 }],
    },
    {
      name: 'a callback API wrapped in new Promise, raced against a timer; the timeout is recorded as failed',
      filename: 'transfer.ts',
      code: `import * as grpc from '@grpc/grpc-js';
import type { Pool } from 'pg';

const ledger = new (grpc.makeGenericClientConstructor({}, 'Ledger'))('ledger:50051', grpc.credentials.createInsecure()) as any;

export async function transfer(db: Pool, id: string, req: unknown) {
  try {
    await Promise.race([
      new Promise((resolve, reject) => { ledger.createTransfer(req, (err: Error | null, res: unknown) => (err ? reject(err) : resolve(res))); }),
      new Promise((_, reject) => setTimeout(() => reject(new Error('TimeoutError')), 3000)),
    ]);
  } catch (err) {
    await db.query("UPDATE transfers SET state = 'failed' WHERE id = $1", [id]);
    return false;
  }
  return true;
}
`,
      errors: [{ messageId: 'treatedAsFailure', line: 9, column: 42 }],
    },
    {
      name: 'NestJS HttpService POST with rxjs timeout(); catchError answers null',
      filename: 'loyalty.ts',
      code: `import { HttpService } from '@nestjs/axios';
import { firstValueFrom, of } from 'rxjs';
import { catchError, map, timeout } from 'rxjs/operators';

export class LoyaltyClient {
  constructor(private readonly http: HttpService) {}

  async award(memberId: string, points: number) {
    return firstValueFrom(
      this.http.post(\`https://loyalty.example.test/members/\${memberId}/awards\`, { points }).pipe(
        timeout(5000),
        map((res) => res.data),
        catchError(() => of(null)),
      ),
    );
  }
}
`,
      errors: [{ messageId: 'swallowed', line: 10, column: 7 }],
    },
    {
      name: "'unknown' as the default of the error's code is the error's kind, not an unknown outcome: the charge is marked failed",
      filename: 'checkout.ts',
      code: `import express from 'express';
import axios from 'axios';
import { Pool } from 'pg';

const pool = new Pool();
export const checkout = express.Router();

checkout.post('/orders/:id/pay', async (req, res) => {
  const orderId = req.params.id;
  try {
    const { data } = await axios.post(
      'https://psp.example/v1/charges',
      { source: req.body.paymentMethodId, reference: orderId },
      { timeout: 5000 },
    );
    await pool.query("UPDATE orders SET status = 'paid', charge_id = $2 WHERE id = $1", [orderId, data.id]);
    res.json({ status: 'paid' });
  } catch (err) {
    const reason = axios.isAxiosError(err) ? err.code ?? String(err.response?.status) : 'unknown';
    await pool.query("UPDATE orders SET status = 'payment_failed', failure_reason = $2 WHERE id = $1", [orderId, reason]);
    res.status(402).json({ status: 'payment_failed', message: 'Your card was not charged.' });
  }
});
`,
      errors: [{ messageId: 'treatedAsFailure', line: 11, column: 28 }],
    },
    {
      name: 'a callback wrapper whose own timer calls back with a timeout error: the caller marks the order failed',
      filename: 'orders.cjs',
      code: `${CALLBACK_WRAPPER}router.post('/orders', (req, res, next) => {
  publishOrderPlaced(req.body, (err) => {
    if (err) {
      res.status(502).json({ status: 'failed', error: 'order could not be placed, please try again' });
      return;
    }
    res.status(201).json({ status: 'placed' });
  });
});
module.exports = router;
`,
      errors: [{ messageId: 'treatedAsFailure', line: 24, column: 3 }],
    },
    {
      name: "node:http request timed by req.setTimeout: its 'error' listener marks the install failed",
      filename: 'rollout.cjs',
      code: requestWithListener('failed'),
      errors: [{ messageId: 'treatedAsFailure', line: 7, column: 15 }],
    },
    {
      name: "a wrapper's timed request hands its error to the callback, and err ? 'failed' : ... marks the install failed",
      filename: 'rollout.cjs',
      code: requestInWrapper('failed'),
      errors: [{ messageId: 'treatedAsFailure', line: 17, column: 3 }],
    },
  ],
});
