// Handlers a framework calls because of how they are exported: the default export of a Next.js API route (pages
// router), which only the file's path tells in JavaScript (`pages/api/...`), and exports through wrappers
// (`export default withAuth(handler)`, `export const handler = middy(main).use(...)`). Untyped, like every rule
// case: in these files nothing but the path and the export says that `req` and `res` are a request and a response.
import ackRule from '../../rules/no-ack-before-durable-write.js';
import parseRule from '../../rules/no-unbounded-parse.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();

/** A Next.js API route that answers 201 before the order is written (`export default` of `handler`). */
const answersFirst = `import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export default async function handler(req, res) {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    return res.status(405).end();
  }
  res.status(201).json({ ok: true });
  await prisma.order.create({ data: { sku: req.body.sku, quantity: req.body.quantity } });
}
`;

/** A Next.js API route exported after its declaration (`export default handler`), whose knex insert floats. */
const floatingKnexInsert = `import knex from 'knex';

const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });

const handler = async (req, res) => {
  db('events').insert({ type: req.body.type });
  res.status(202).json({ accepted: true });
};

export default handler;
`;

/** A Lambda handler exported through middy and its middlewares, whose insert floats past the return. */
const middyFloatingInsert = `import middy from '@middy/core';
import jsonBodyParser from '@middy/http-json-body-parser';
import pg from 'pg';

const pool = new pg.Pool();

const main = async (event) => {
  pool.query('INSERT INTO clicks (link_id) VALUES ($1)', [event.body.linkId]);
  return { statusCode: 202, body: '' };
};

export const handler = middy(main).use(jsonBodyParser());
`;

ruleTester.run('no-ack-before-durable-write (export-registered handlers)', ackRule, {
  valid: [
    {
      name: 'Next.js API route: the order is written, then the 201',
      filename: '/srv/shop/pages/api/orders.js',
      code: `import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export default async function handler(req, res) {
  if (req.method !== 'POST') return res.status(405).end();
  const order = await prisma.order.create({ data: { sku: req.body.sku } });
  res.status(201).json(order);
}
`,
    },
    {
      name: 'the same code outside `pages/api`: a default export is not a route, and `res` is a plain parameter',
      filename: '/srv/shop/lib/orders.js',
      code: answersFirst,
    },
    {
      name: 'a folder named `api` that is not under `pages`',
      filename: '/srv/shop/components/api/orders.js',
      code: answersFirst,
    },
    {
      name: '`pages/api-docs`: a page next to the API folder, not in it',
      filename: '/srv/shop/pages/api-docs/orders.js',
      code: answersFirst,
    },
    {
      name: 'under `pages/api`, a helper that is not the default export',
      filename: '/srv/shop/pages/api/orders.js',
      code: `import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function replay(req, res) {
  res.json({ replaying: true });
  await prisma.order.create({ data: req.body });
}

export default async function handler(req, res) {
  const order = await prisma.order.create({ data: req.body });
  res.status(201).json(order);
}
`,
    },
    {
      name: 'next-connect look-alike: `post` on a router made by a function of the project, outside `pages/api`',
      filename: '/srv/shop/lib/routes.js',
      code: `import { PrismaClient } from '@prisma/client';
import { makeRouter } from './router.js';

const prisma = new PrismaClient();
const router = makeRouter();

router.post(async (req, res) => {
  res.status(201).json({ ok: true });
  await prisma.order.create({ data: req.body });
});

export default router;
`,
    },
    {
      name: 'a promise callback in an exported `.then(...)` is not a wrapper of the export',
      filename: '/srv/shop/pages/api/ready.js',
      code: `import pg from 'pg';

const pool = new pg.Pool();

async function warm(req, res) {
  res.json({ warm: true });
  await pool.query('INSERT INTO warmups DEFAULT VALUES');
}

export default Promise.resolve().then(warm);
`,
    },
  ],
  invalid: [
    {
      name: 'Next.js API route (JavaScript, `export default function`): 201 before the Prisma create',
      filename: '/srv/shop/pages/api/orders.js',
      code: answersFirst,
      errors: [{ messageId: 'writeAfterAck', line: 10, column: 3 }],
    },
    {
      name: 'Next.js API route under `src/pages/api`, a dynamic segment, CommonJS `module.exports =` of an arrow',
      filename: '/srv/shop/src/pages/api/webhooks/[provider].js',
      code: `const { Pool } = require('pg');

const pool = new Pool();

module.exports = async (req, res) => {
  res.json({ received: true });
  await pool.query('INSERT INTO webhook_events (provider, payload) VALUES ($1, $2)', [req.query.provider, req.body]);
};
`,
      errors: [{ messageId: 'writeAfterAck', line: 6, column: 3 }],
    },
    {
      name: 'Next.js API route: `export default handler` after the declaration, a knex insert that floats',
      filename: '/srv/shop/pages/api/events.js',
      code: floatingKnexInsert,
      errors: [
        {
          messageId: 'ackBeforeWrite',
          line: 7,
          column: 3,
          suggestions: [{ messageId: 'awaitWrite', output: floatingKnexInsert.replace("  db('events')", "  await db('events')") }],
        },
      ],
    },
    {
      name: 'Next.js API route wrapped for auth: `export default withAuth(handler)`',
      filename: '/srv/shop/pages/api/refunds.js',
      code: `import pg from 'pg';
import { withAuth } from '../../lib/auth.js';

const pool = new pg.Pool();

async function handler(req, res) {
  res.status(202).send('queued');
  await pool.query('INSERT INTO refunds (order_id, user_id) VALUES ($1, $2)', [req.body.orderId, req.user.id]);
}

export default withAuth(handler);
`,
      errors: [{ messageId: 'writeAfterAck', line: 7, column: 3 }],
    },
    {
      name: 'next-connect (v0): a route of `nc()` answers before the insert, wherever the file is',
      filename: '/srv/shop/lib/orders-api.js',
      code: `import nc from 'next-connect';
import pg from 'pg';

const pool = new pg.Pool();
const handler = nc({ onNoMatch: (req, res) => res.status(405).end() });

handler.post(async (req, res) => {
  res.status(201).json({ ok: true });
  await pool.query('INSERT INTO orders (sku) VALUES ($1)', [req.body.sku]);
});

export default handler;
`,
      errors: [{ messageId: 'writeAfterAck', line: 8, column: 3 }],
    },
    {
      name: 'next-connect (v1): `createRouter().post(...)`, exported as `router.handler()`',
      filename: '/srv/shop/pages/api/orders.ts',
      code: `import { createRouter } from 'next-connect';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();
const router = createRouter();

router.post(async (req, res) => {
  res.status(201).json({ ok: true });
  await prisma.order.create({ data: { sku: req.body.sku } });
});

export default router.handler();
`,
      errors: [{ messageId: 'writeAfterAck', line: 8, column: 3 }],
    },
    {
      name: 'Lambda handler wrapped by middy with chained middlewares: returns before the insert settles',
      filename: '/srv/shop/functions/click.js',
      code: middyFloatingInsert,
      errors: [
        {
          messageId: 'pendingAtImplicitAck',
          line: 8,
          column: 3,
          suggestions: [{ messageId: 'awaitWrite', output: middyFloatingInsert.replace('  pool.query(', '  await pool.query(') }],
        },
      ],
    },
  ],
});

ruleTester.run('no-unbounded-parse (export-registered handlers)', parseRule, {
  valid: [
    {
      name: 'a function assigned to a local constant that is not exported is no route handler',
      filename: '/srv/shop/app/api/orders/route.js',
      code: `async function create(request) {
  const body = await request.json();
  return Response.json(body);
}

const POST = create;
export const handlers = [POST];
`,
    },
    {
      name: 'Next.js API route with its body parser off: the raw body is read with a byte cap',
      filename: '/srv/shop/pages/api/webhook.js',
      code: `export const config = { api: { bodyParser: false } };

const LIMIT = 1024 * 1024;

export default async function handler(req, res) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > LIMIT) {
      res.status(413).end();
      return;
    }
    chunks.push(chunk);
  }
  const event = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  res.json({ received: event.id });
}
`,
    },
    {
      name: 'the same unbounded read in a default export outside `pages/api`: `req` is not known to be a request',
      filename: '/srv/shop/scripts/replay.js',
      code: `export default async function replay(req, res) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const event = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  res.json({ replayed: event.id });
}
`,
    },
  ],
  invalid: [
    {
      name: 'Next.js route handler (app router) exported as `export const POST = create`: the body is read whole',
      filename: '/srv/shop/app/api/orders/route.js',
      code: `import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

async function create(request) {
  const body = await request.json();
  return Response.json(await prisma.order.create({ data: body }));
}

export const POST = create;
`,
      errors: [{ messageId: 'unboundedRead', line: 6, column: 22 }],
    },
    {
      name: 'Next.js API route with its body parser off: the raw body is read whole, then parsed',
      filename: '/srv/shop/pages/api/webhook.js',
      code: `export const config = { api: { bodyParser: false } };

export default async function handler(req, res) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const event = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  res.json({ received: event.id });
}
`,
      errors: [{ messageId: 'unboundedAccumulation', line: 5, column: 3 }],
    },
  ],
});
