// Which path of an error handler a timeout takes: branches for one named non-timeout error, error-first callbacks
// that call their own function again, timers built from an async helper, SQL run on a connection nothing is
// known about. Each invalid case asserts the position of the call whose timeout outcome is mishandled.
import rule from '../../rules/no-unhandled-timeout.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();

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
  ],
  invalid: [
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
  ],
});
