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
  ],
});
