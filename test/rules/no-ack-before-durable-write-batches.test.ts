// Writes handed to another write as its batch (`prisma.$transaction([a.create(), b.update()])`) settle with it.
import rule from '../../rules/no-ack-before-durable-write.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-ack-before-durable-write (batched writes)', rule, {
  valid: [
    {
      name: 'BullMQ: the processor awaits a Prisma batch transaction before it returns',
      code: `import { Worker } from 'bullmq';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export const worker = new Worker('invoices', async (job) => {
  const [invoice] = await prisma.$transaction([
    prisma.invoice.create({ data: { accountId: job.data.accountId, total: job.data.total } }),
    prisma.usage.update({ where: { id: job.data.usageId }, data: { billed: true } }),
  ]);
  return { invoiceId: invoice.id };
}, { connection: { host: 'localhost' } });
`,
    },
    {
      name: 'express: 201 after the awaited batch transaction',
      code: `import express from 'express';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();
export const app = express();
app.use(express.json());

app.post('/transfers', async (req, res) => {
  await prisma.$transaction([
    prisma.account.update({ where: { id: req.body.from }, data: { balance: { decrement: req.body.amount } } }),
    prisma.account.update({ where: { id: req.body.to }, data: { balance: { increment: req.body.amount } } }),
  ]);
  res.status(201).json({ ok: true });
});
`,
    },
  ],
  invalid: [
    {
      name: 'express: the batch transaction is started but not awaited before the 201',
      code: `import express from 'express';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();
export const app = express();
app.use(express.json());

app.post('/transfers', async (req, res) => {
  const done = prisma.$transaction([
    prisma.account.update({ where: { id: req.body.from }, data: { balance: { decrement: req.body.amount } } }),
    prisma.account.update({ where: { id: req.body.to }, data: { balance: { increment: req.body.amount } } }),
  ]);
  res.status(201).json({ ok: true });
  await done;
});
`,
      errors: [{ messageId: 'ackBeforeWrite', line: 13, column: 3 }],
    },
    {
      name: 'node:http: one finding at the 201; the 500 sent from the rejection handler of the handler is a failure reply',
      filename: 'devices.cjs',
      code: `const http = require('node:http');
const mysql = require('mysql2/promise');

const pool = mysql.createPool({ host: 'db' });

async function register(req, res) {
  pool.execute('INSERT INTO devices (id) VALUES (?)', ['d1']).catch((err) => console.error(err));
  res.writeHead(201);
  res.end('{}');
}

http.createServer((req, res) => {
  register(req, res).catch(() => {
    res.writeHead(500);
    res.end();
  });
}).listen(8080);
`,
      errors: [{ messageId: 'ackBeforeWrite', line: 9, column: 3 }],
    },
  ],
});
