// Generated from a case list; positions are those of the construct each case is about.
import rule from '../../rules/no-ack-before-durable-write.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-ack-before-durable-write', rule, {
  valid: [
    {
      name: "express: the ack follows the awaited Mongoose save",
      code: `import express from 'express';
import mongoose from 'mongoose';

const Order = mongoose.model('Order', new mongoose.Schema({ customerId: String, total: Number }));
export const app = express();
app.use(express.json());

app.post('/orders', async (req, res) => {
  const order = new Order({ customerId: req.body.customerId, total: req.body.total });
  await order.save();
  res.status(201).json({ id: order.id });
});
`,
    },
    {
      name: "express without async/await: the ack is chained inside the .then of the Sequelize create",
      filename: "addresses.js",
      code: `import express from 'express';
import { DataTypes, Sequelize } from 'sequelize';

const sequelize = new Sequelize(process.env.DATABASE_URL);
const Address = sequelize.define('Address', { userId: DataTypes.STRING, city: DataTypes.STRING });
export const router = express.Router();

router.post('/users/:id/addresses', (req, res, next) => {
  Address.create({ userId: req.params.id, city: req.body.city })
    .then((address) => res.status(201).json(address.toJSON()))
    .catch(next);
});
`,
    },
    {
      name: "express: a same-file helper returns the Prisma promise and the route awaits it",
      code: `import express from 'express';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

function persistCustomer(email: string, name: string) {
  return prisma.customer.create({ data: { email, name } });
}

export const router = express.Router();
router.post('/customers', async (req, res) => {
  try {
    const customer = await persistCustomer(req.body.email, req.body.name);
    res.status(201).json(customer);
  } catch (err) {
    res.status(500).json({ error: 'could not create customer' });
  }
});
`,
    },
    {
      name: "express: 202 Accepted after an awaited BullMQ enqueue",
      code: `import express from 'express';
import { Queue } from 'bullmq';

const renders = new Queue('pdf-renders', { connection: { host: '127.0.0.1', port: 6379 } });
export const app = express();

app.post('/reports/:id/pdf', async (req, res, next) => {
  try {
    const job = await renders.add('render', { reportId: req.params.id });
    res.status(202).json({ jobId: job.id });
  } catch (err) {
    next(err);
  }
});
`,
    },
    {
      name: "express: error responses (4xx/5xx) are not success acks, so work after them is not flagged",
      code: `import express from 'express';
import pg from 'pg';

const pool = new pg.Pool();
export const app = express();

app.post('/transfers', async (req, res) => {
  if (!req.body?.amount) {
    res.status(400).json({ error: 'amount is required' });
    await pool.query('INSERT INTO rejected_requests (path, reason) VALUES ($1, $2)', [req.path, 'no amount']);
    return;
  }
  try {
    await pool.query('INSERT INTO transfers (amount) VALUES ($1)', [req.body.amount]);
    res.sendStatus(201);
  } catch (err) {
    res.status(500).json({ error: 'transfer failed' });
    await pool.query('INSERT INTO failed_requests (path) VALUES ($1)', [req.path]);
  }
});
`,
    },
    {
      name: "fetch Response look-alike: res.json() of an outgoing request is a read, not an ack",
      code: `import knexFactory from 'knex';

const db = knexFactory({ client: 'pg', connection: process.env.DATABASE_URL });

export async function syncRates(): Promise<void> {
  const res = await fetch('https://rates.example.com/latest');
  const body = await res.json();
  await db('rates').insert({ base: body.base, payload: JSON.stringify(body.rates) });
}
`,
    },
    {
      name: "axios response look-alike: a res that is not an HTTP response, with a floating write",
      code: `import axios from 'axios';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function importUsers(): Promise<number> {
  const res = await axios.get('https://directory.example.com/users');
  prisma.importRun.create({ data: { count: res.data.length } }).catch(() => undefined);
  return res.data.length;
}
`,
    },
    {
      name: "fastify: after the awaited insert, only a cache fill, a counter and a log run after the reply",
      code: `import Fastify from 'fastify';
import knexFactory from 'knex';
import { Redis } from 'ioredis';
import client from 'prom-client';

const db = knexFactory({ client: 'pg', connection: process.env.DATABASE_URL });
const cache = new Redis();
const created = new client.Counter({ name: 'bookmarks_created_total', help: 'bookmarks created' });
export const app = Fastify({ logger: true });

app.post('/bookmarks', async (request, reply) => {
  const [bookmark] = await db('bookmarks').insert({ url: (request.body as { url: string }).url }).returning('*');
  reply.code(201).send(bookmark);
  cache.set('bookmark:' + bookmark.id, JSON.stringify(bookmark), 'EX', 600).catch(() => undefined);
  created.inc();
  request.log.info({ id: bookmark.id }, 'bookmark created');
  return reply;
});
`,
    },
    {
      name: "express: a read after the ack is not a durable write",
      code: `import express from 'express';
import pg from 'pg';

const pool = new pg.Pool();
export const app = express();

app.get('/accounts/:id', async (req, res) => {
  const { rows } = await pool.query('SELECT id, name FROM accounts WHERE id = $1', [req.params.id]);
  res.json(rows[0] ?? null);
  const stats = await pool.query('SELECT count(*) FROM accounts');
  console.log('accounts', stats.rows[0].count);
});
`,
    },
    {
      name: "amqplib: ack after the awaited insert, nack without requeue on error",
      filename: "consumer.js",
      code: `import amqp from 'amqplib';
import pg from 'pg';

const pool = new pg.Pool();

export async function consumeReadings(url) {
  const connection = await amqp.connect(url);
  const channel = await connection.createChannel();
  await channel.consume('meter.readings', async (msg) => {
    if (!msg) return;
    try {
      const reading = JSON.parse(msg.content.toString());
      await pool.query('INSERT INTO meter_readings (meter_id, kwh) VALUES ($1, $2)', [reading.meterId, reading.kwh]);
      channel.ack(msg);
    } catch (err) {
      channel.nack(msg, false, false);
    }
  });
}
`,
    },
    {
      name: "amqplib: early ack of a duplicate that was already processed, then return",
      code: `import amqp from 'amqplib';
import pg from 'pg';

const pool = new pg.Pool();

async function alreadySeen(id: string): Promise<boolean> {
  const { rowCount } = await pool.query('SELECT 1 FROM processed WHERE id = $1', [id]);
  return (rowCount ?? 0) > 0;
}

export async function start(): Promise<void> {
  const channel = await (await amqp.connect('amqp://localhost')).createChannel();
  await channel.consume('payments', async (msg) => {
    if (!msg) return;
    const payment = JSON.parse(msg.content.toString());
    if (await alreadySeen(payment.id)) {
      channel.ack(msg);
      return;
    }
    await pool.query('INSERT INTO payments (id, amount) VALUES ($1, $2)', [payment.id, payment.amount]);
    await pool.query('INSERT INTO processed (id) VALUES ($1)', [payment.id]);
    channel.ack(msg);
  });
}
`,
    },
    {
      name: "kafkajs eachBatch: early resolveOffset only for duplicates, otherwise after the awaited write",
      code: `import { Kafka, type EachBatchPayload } from 'kafkajs';
import pg from 'pg';

const pool = new pg.Pool();
const kafka = new Kafka({ clientId: 'projector', brokers: ['kafka:9092'] });

async function applied(id: string): Promise<boolean> {
  const { rowCount } = await pool.query('SELECT 1 FROM processed_events WHERE event_id = $1', [id]);
  return (rowCount ?? 0) > 0;
}

async function eachBatch({ batch, resolveOffset, heartbeat }: EachBatchPayload): Promise<void> {
  for (const message of batch.messages) {
    const event = JSON.parse(message.value?.toString() ?? '{}');
    if (await applied(event.id)) {
      resolveOffset(message.offset);
      continue;
    }
    await pool.query('INSERT INTO processed_events (event_id) VALUES ($1)', [event.id]);
    resolveOffset(message.offset);
    await heartbeat();
  }
}

export async function run(): Promise<void> {
  const consumer = kafka.consumer({ groupId: 'projector' });
  await consumer.run({ eachBatchAutoResolve: false, eachBatch });
}
`,
    },
    {
      name: "kafkajs eachMessage awaits the Prisma upsert before returning",
      code: `import { Kafka } from 'kafkajs';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();
const consumer = new Kafka({ clientId: 'billing', brokers: ['kafka:9092'] }).consumer({ groupId: 'billing' });

export async function start(): Promise<void> {
  await consumer.run({
    eachMessage: async ({ message }) => {
      const event = JSON.parse(message.value?.toString() ?? '{}');
      await prisma.payment.upsert({
        where: { id: event.id },
        create: { id: event.id, status: event.status },
        update: { status: event.status },
      });
    },
  });
}
`,
    },
    {
      name: "kafkajs eachMessage with autoCommit off: returning is not an acknowledgement",
      code: `import { Kafka } from 'kafkajs';
import knexFactory from 'knex';

const db = knexFactory({ client: 'pg' });
const consumer = new Kafka({ brokers: ['kafka:9092'] }).consumer({ groupId: 'audit' });

export async function start(): Promise<void> {
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ topic, partition, message }) => {
      const pending = db('audit').insert({ payload: message.value?.toString() });
      await pending;
      await consumer.commitOffsets([{ topic, partition, offset: (Number(message.offset) + 1).toString() }]);
    },
  });
}
`,
    },
    {
      name: "SQS-triggered async Lambda awaits every insert and returns batchItemFailures",
      filename: "clicks.js",
      code: `import pg from 'pg';

const pool = new pg.Pool({ max: 1 });

async function saveClick(record) {
  const click = JSON.parse(record.body);
  await pool.query('INSERT INTO link_clicks (message_id, link_id) VALUES ($1, $2)', [record.messageId, click.linkId]);
}

export const handler = async (event) => {
  const batchItemFailures = [];
  for (const record of event.Records) {
    try {
      await saveClick(record);
    } catch (err) {
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
`,
    },
    {
      name: "SQS poller persists through a same-class method and only then deletes the message",
      code: `import { DeleteMessageCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import type { Repository } from 'typeorm';
import type { Invoice } from './invoice.entity.js';

export class InvoicePoller {
  constructor(private readonly sqs: SQSClient, private readonly invoices: Repository<Invoice>, private readonly queueUrl: string) {}

  async poll(): Promise<void> {
    const { Messages = [] } = await this.sqs.send(new ReceiveMessageCommand({ QueueUrl: this.queueUrl }));
    for (const message of Messages) {
      await this.persist(message);
      await this.sqs.send(new DeleteMessageCommand({ QueueUrl: this.queueUrl, ReceiptHandle: message.ReceiptHandle }));
    }
  }

  private async persist(message: Message): Promise<void> {
    await this.invoices.save(JSON.parse(message.Body ?? '{}'));
  }
}
`,
    },
    {
      name: "Bull processor calls done() after the awaited update, done(err) on failure",
      filename: "plan-changes.js",
      code: `import Queue from 'bull';
import mongoose from 'mongoose';

const Subscription = mongoose.model('Subscription', new mongoose.Schema({ userId: String, plan: String }));
const planChanges = new Queue('plan-changes');

planChanges.process((job, done) => {
  Subscription.updateOne({ userId: job.data.userId }, { $set: { plan: job.data.plan } })
    .exec()
    .then(() => done(null, { ok: true }))
    .catch((err) => done(err));
});
`,
    },
    {
      name: "BullMQ processor returns the knex write promise (the framework awaits it)",
      code: `import { Worker, type Job } from 'bullmq';
import knexFactory from 'knex';

const db = knexFactory({ client: 'pg' });

export const worker = new Worker('exports', (job: Job) => {
  return db('exports').where({ id: job.data.exportId }).update({ status: 'ready' });
}, { connection: { host: '127.0.0.1', port: 6379 } });
`,
    },
    {
      name: "BullMQ processor awaits a Promise.all of writes built with map",
      code: `import { Worker } from 'bullmq';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export const worker = new Worker('imports', async (job) => {
  const rows: Array<{ sku: string; qty: number }> = job.data.rows;
  await Promise.all(rows.map((row) => prisma.stock.update({ where: { sku: row.sku }, data: { qty: row.qty } })));
  return { imported: rows.length };
}, { connection: { host: '127.0.0.1', port: 6379 } });
`,
    },
    {
      name: "async Lambda awaits the DynamoDB put before returning 201",
      code: `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event: APIGatewayProxyEventV2) => {
  const item = JSON.parse(event.body ?? '{}');
  await ddb.send(new PutCommand({ TableName: 'signups', Item: item }));
  return { statusCode: 201, body: JSON.stringify({ ok: true }) };
};
`,
    },
    {
      name: "callback Lambda: callback(null, ...) runs inside the .then of the insert",
      filename: "signup.js",
      code: `import pg from 'pg';

const pool = new pg.Pool({ max: 2 });

export const handler = (event, context, callback) => {
  const signup = JSON.parse(event.body ?? '{}');
  pool
    .query('INSERT INTO newsletter_signups (email) VALUES ($1)', [signup.email])
    .then(() => callback(null, { statusCode: 201, body: '{}' }))
    .catch((err) => callback(err));
};
`,
    },
    {
      name: "Koa: ctx.body first, then an awaited create (Koa replies when the middleware resolves)",
      code: `import Koa from 'koa';
import Router from '@koa/router';
import mongoose from 'mongoose';

const Vote = mongoose.model('Vote', new mongoose.Schema({ pollId: String, choice: String }));
const router = new Router();

router.post('/polls/:id/votes', async (ctx) => {
  ctx.status = 201;
  ctx.body = { pollId: ctx.params.id };
  await Vote.create({ pollId: ctx.params.id, choice: (ctx.request as any).body.choice });
});

export const app = new Koa();
app.use(router.routes());
`,
    },
    {
      name: "NestJS controller returns after the service has awaited, or returned, its TypeORM save",
      code: `import { Body, Controller, Injectable, Param, Patch, Post } from '@nestjs/common';
import type { Repository } from 'typeorm';

interface Project { id: string; name: string; archived: boolean }

@Injectable()
export class ProjectsService {
  constructor(private readonly projects: Repository<Project>) {}

  async create(name: string): Promise<Project> {
    return await this.projects.save({ name, archived: false } as Project);
  }

  archive(project: Project): Promise<Project> {
    return this.projects.save({ ...project, archived: true });
  }
}

@Controller('projects')
export class ProjectsController {
  constructor(private readonly service: ProjectsService) {}

  @Post()
  async create(@Body() body: { name: string }): Promise<Project> {
    return await this.service.create(body.name);
  }

  @Patch(':id/archive')
  archive(@Param('id') id: string): Promise<Project> {
    return this.service.archive({ id, name: '', archived: false });
  }
}
`,
    },
    {
      name: "node:http: the response ends after the awaited UPDATE",
      code: `import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import pg from 'pg';

const pool = new pg.Pool();

async function revoke(req: IncomingMessage, res: ServerResponse): Promise<void> {
  await pool.query('UPDATE sessions SET revoked = true WHERE id = $1', [req.url?.slice(1)]);
  res.statusCode = 204;
  res.end();
}

createServer((req, res) => {
  void revoke(req, res);
}).listen(8080);
`,
    },
    {
      name: "a res parameter of an unknown function is not an HTTP response",
      filename: "sync.js",
      code: `export function flush(res, store) {
  store.save(res.items);
  res.send('done');
}
`,
    },
    {
      name: "an ack() method on an unrelated object is not a queue acknowledgement",
      code: `import pg from 'pg';

const pool = new pg.Pool();
const tracker = {
  seen: new Set<string>(),
  ack(id: string) {
    this.seen.add(id);
  },
};

export async function record(id: string): Promise<void> {
  tracker.ack(id);
  await pool.query('INSERT INTO receipts (id) VALUES ($1)', [id]);
}
`,
    },
    {
      name: "callback(null, ...) after the write's own callback reported success",
      filename: "config.js",
      code: `import fs from 'node:fs';

export function saveConfig(path, config, callback) {
  fs.writeFile(path, JSON.stringify(config), (err) => {
    if (err) return callback(err);
    callback(null, config);
  });
}
`,
    },
    {
      name: "a helper that calls back from its UPDATE's completion callback: the caller's success callback runs after the write",
      filename: "rollout.cjs",
      code: `const mysql = require('mysql2');

const pool = mysql.createPool({ uri: process.env.MYSQL_URL });

function markInstalling(device, done) {
  pool.query('UPDATE device_rollouts SET status = ? WHERE device_id = ?', ['installing', device.id], (err) => done(err || null));
}

function pushWave(devices, done) {
  let pending = devices.length;
  devices.forEach((device) => {
    markInstalling(device, () => {
      pending -= 1;
      if (pending === 0) done(null, devices.length);
    });
  });
}

module.exports = { pushWave };
`,
    },
    {
      name: "a node stream's _write calls back once the chunk is taken: a method, not a success callback",
      filename: "sink.js",
      code: `import fs from 'node:fs';
import { Writable } from 'node:stream';

export class AuditSink extends Writable {
  _write(chunk, encoding, cb) {
    fs.appendFile('/var/log/audit.log', chunk, () => undefined);
    cb(null);
  }
}
`,
    },
    {
      name: "done(null, user) in a passport strategy is not a job acknowledgement",
      filename: "auth.js",
      code: `import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import mongoose from 'mongoose';

const User = mongoose.model('User', new mongoose.Schema({ email: String, lastLoginAt: Date }));

passport.use(new LocalStrategy((email, password, done) => {
  User.findOne({ email }).then((user) => {
    User.updateOne({ email }, { $set: { lastLoginAt: new Date() } }).exec();
    done(null, user);
  });
}));
`,
    },
    {
      name: "express: the callback form of pg query with the ack inside the callback",
      filename: "notes.js",
      code: `import express from 'express';
import pg from 'pg';

const pool = new pg.Pool();
export const app = express();

app.post('/notes', (req, res, next) => {
  pool.query('INSERT INTO notes (body) VALUES ($1) RETURNING id', [req.body.body], (err, result) => {
    if (err) return next(err);
    res.status(201).json({ id: result.rows[0].id });
  });
});
`,
    },
    {
      name: "fastify async handler returns a value after the awaited write",
      code: `import Fastify from 'fastify';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();
export const app = Fastify();

app.post('/tags', async (request) => {
  const tag = await prisma.tag.create({ data: { name: (request.body as { name: string }).name } });
  return { id: tag.id };
});
`,
    },
    {
      name: "express: the write promise is kept in a variable and awaited before the ack",
      code: `import express from 'express';
import mongoose from 'mongoose';

const Order = mongoose.model('Order', new mongoose.Schema({ status: String }));
export const app = express();

app.patch('/orders/:id/cancel', async (req, res) => {
  const pending = Order.updateOne({ _id: req.params.id }, { $set: { status: 'cancelled' } }).exec();
  const audit = { id: req.params.id, at: new Date().toISOString() };
  await pending;
  res.json({ ...audit, status: 'cancelled' });
});
`,
    },
    {
      name: "express: writes pushed into an array and awaited with Promise.all before the ack",
      code: `import express from 'express';
import knexFactory from 'knex';

const db = knexFactory({ client: 'pg' });
export const app = express();

app.post('/batch', async (req, res) => {
  const tasks: Promise<unknown>[] = [];
  for (const item of req.body.items as Array<{ id: string; qty: number }>) {
    tasks.push(db('items').where({ id: item.id }).update({ qty: item.qty }));
  }
  await Promise.all(tasks);
  res.sendStatus(204);
});
`,
    },
    {
      name: "express: a callback file write wrapped in an awaited Promise before the ack",
      code: `import express from 'express';
import fs from 'node:fs';

export const app = express();

app.put('/settings', async (req, res) => {
  await new Promise<void>((resolve, reject) => {
    fs.writeFile('/var/lib/app/settings.json', JSON.stringify(req.body), (err) => (err ? reject(err) : resolve()));
  });
  res.json({ saved: true });
});
`,
    },
    {
      name: "express: an awaited knex transaction before the ack",
      code: `import express from 'express';
import knexFactory from 'knex';

const db = knexFactory({ client: 'pg' });
export const app = express();

app.post('/transfers', async (req, res) => {
  await db.transaction(async (trx) => {
    await trx('accounts').where({ id: req.body.from }).decrement('balance', req.body.amount);
    await trx('accounts').where({ id: req.body.to }).increment('balance', req.body.amount);
  });
  res.status(201).json({ ok: true });
});
`,
    },
    {
      name: "express: an awaited S3 PutObjectCommand before the ack",
      code: `import express from 'express';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

const s3 = new S3Client({});
export const app = express();

app.put('/avatars/:id', express.raw({ type: 'image/png', limit: '2mb' }), async (req, res) => {
  await s3.send(new PutObjectCommand({ Bucket: 'avatars', Key: req.params.id, Body: req.body }));
  res.sendStatus(204);
});
`,
    },
    {
      name: "a local class with a save() method that writes nothing durable",
      code: `import express from 'express';

class Cart {
  items: string[] = [];
  save(): void {
    this.items = [...this.items];
  }
}

export const app = express();
app.post('/cart', (req, res) => {
  const cart = new Cart();
  cart.items.push(req.body.sku);
  res.json({ items: cart.items });
  cart.save();
});
`,
    },
    {
      name: "express: an awaited kafkajs produce before 202 Accepted",
      code: `import express from 'express';
import { Kafka } from 'kafkajs';

const producer = new Kafka({ brokers: ['kafka:9092'] }).producer();
export const app = express();

app.post('/events', async (req, res) => {
  await producer.send({ topic: 'events', messages: [{ value: JSON.stringify(req.body) }] });
  res.sendStatus(202);
});
`,
    },
    {
      name: "Google Pub/Sub: message.ack() after the awaited Firestore write",
      code: `import { PubSub, type Message } from '@google-cloud/pubsub';
import { Firestore } from '@google-cloud/firestore';

const db = new Firestore();
const subscription = new PubSub().subscription('orders-sub');

subscription.on('message', async (message: Message) => {
  const order = JSON.parse(message.data.toString());
  await db.collection('orders').doc(order.id).set(order);
  message.ack();
});
`,
    },
    {
      name: "amqplib: a write in a setImmediate callback with no acknowledgement in the handler",
      filename: "warm.js",
      code: `import amqp from 'amqplib';
import { Redis } from 'ioredis';

const cache = new Redis();

export async function warm(url) {
  const channel = await (await amqp.connect(url)).createChannel();
  await channel.consume('cache.warm', (msg) => {
    if (!msg) return;
    channel.ack(msg);
    setImmediate(() => {
      cache.set('warm:' + msg.content.toString(), '1').catch(() => undefined);
    });
  });
}
`,
    },
    {
      name: "user-configured best-effort call after the ack is not flagged",
      options: [{"bestEffort":[{"from":"package","package":"knex","path":["()","()","insert","()"]}]}],
      code: `import express from 'express';
import knexFactory from 'knex';

const db = knexFactory({ client: 'pg' });
export const app = express();

app.get('/health', (req, res) => {
  res.json({ ok: true });
  db('page_views').insert({ path: req.path }).catch(() => undefined);
});
`,
    },
    {
      name: "checkWritesAfterAck off: a write after the ack is not reported",
      options: [{"checkWritesAfterAck":false}],
      code: `import express from 'express';
import pg from 'pg';

const pool = new pg.Pool();
export const app = express();

app.post('/visits', async (req, res) => {
  res.sendStatus(204);
  await pool.query('INSERT INTO visits (path) VALUES ($1)', [req.path]);
});
`,
    },
    {
      name: "same-file helpers given the response: an error reply in catch, a success reply after the awaited write",
      filename: "replies.js",
      code: `import express from 'express';
import knex from 'knex';

const db = knex({ client: 'pg' });

function sendCreated(res, body) {
  res.status(201).json(body);
}

function fail(res, err) {
  res.status(500).json({ error: String(err) });
}

async function store(conn, row) {
  await conn('orders').insert(row);
}

export const app = express();
app.post('/orders', async (req, res) => {
  try {
    await store(db, req.body);
    sendCreated(res, { ok: true });
  } catch (err) {
    fail(res, err);
  }
});
`,
    },
    {
      name: "a helper given the channel writes and awaits before it acks",
      filename: "handler.js",
      code: `import amqp from 'amqplib';
import knex from 'knex';

const db = knex({ client: 'pg' });

async function handle(channel, msg) {
  await db('events').insert({ body: msg.content.toString() });
  channel.ack(msg);
}

export async function start() {
  const channel = await (await amqp.connect('amqp://localhost')).createChannel();
  await channel.consume('events', (msg) => handle(channel, msg));
}
`,
    },
    {
      name: "Redis stream consumer: XACK after the awaited insert (the cache entry after it is best-effort)",
      code: `import { Redis } from 'ioredis';
import pg from 'pg';

const redis = new Redis();
const pool = new pg.Pool();

export async function consume(): Promise<void> {
  const entries = (await redis.xreadgroup('GROUP', 'writers', 'w1', 'STREAMS', 'orders', '>')) as any[];
  for (const [id, fields] of entries ?? []) {
    await pool.query('INSERT INTO orders (payload) VALUES ($1)', [fields[1]]);
    await redis.xack('orders', 'writers', id);
    await redis.set('last-order', id);
  }
}
`,
    },
    {
      name: "SQS poller: each message deleted after its insert; bookkeeping after the loop is not what an ack reported on",
      code: `import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import pg from 'pg';

const sqs = new SQSClient({});
const pool = new pg.Pool();

export async function poll(queueUrl: string): Promise<void> {
  const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }));
  for (const message of Messages) {
    await pool.query('INSERT INTO inbox (id, body) VALUES ($1, $2)', [message.MessageId, message.Body]);
    await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
  }
  await pool.query('INSERT INTO poll_runs (received) VALUES ($1)', [Messages.length]);
}
`,
    },
    {
      name: "express error middleware and catch clause: a computed error status is a failure reply, logging it after is fine",
      filename: "errors.js",
      code: `import express from 'express';
import mongoose from 'mongoose';

const ErrorLog = mongoose.model('ErrorLog', new mongoose.Schema({ message: String, path: String }));
export const app = express();

app.post('/imports', async (req, res) => {
  try {
    await ErrorLog.db.collection('imports').insertOne(req.body);
    res.sendStatus(201);
  } catch (err) {
    res.status(err.status ?? 500).json({ error: err.message });
    await ErrorLog.create({ message: err.message, path: req.path });
  }
});

app.use(async (err, req, res, next) => {
  res.status(err.status || 500).json({ error: err.message });
  await ErrorLog.create({ message: err.message, path: req.path });
});
`,
    },
  ],
  invalid: [
    {
      name: "express: save() with only a .catch, then 201",
      code: `import express, { type Request, type Response } from 'express';
import mongoose from 'mongoose';

const Order = mongoose.model('Order', new mongoose.Schema({ customerId: String }));
export const router = express.Router();

router.post('/', (req: Request, res: Response) => {
  const order = new Order({ customerId: req.body.customerId });
  order.save().catch((err) => console.error('order save failed', err));
  res.status(201).json({ id: order.id });
});
`,
      errors: [
        {
          messageId: 'ackBeforeWrite',
          line: 10,
          column: 3,
        },
      ],
    },
    {
      name: "express: the ack comes before the awaited knex insert",
      code: `import express from 'express';
import knexFactory from 'knex';

const db = knexFactory({ client: 'pg' });
export const app = express();

app.post('/signups', async (req, res) => {
  res.status(201).json({ email: req.body.email });
  await db('signups').insert({ email: req.body.email });
});
`,
      errors: [
        {
          messageId: 'writeAfterAck',
          line: 8,
          column: 3,
        },
      ],
    },
    {
      name: "express: the Prisma promise is held in a variable and awaited only after the ack",
      code: `import express from 'express';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();
export const app = express();

app.put('/profiles/:id', async (req, res) => {
  const update = prisma.profile.update({ where: { id: req.params.id }, data: { bio: req.body.bio } });
  res.json({ id: req.params.id });
  await update;
});
`,
      errors: [
        {
          messageId: 'ackBeforeWrite',
          line: 9,
          column: 3,
        },
      ],
    },
    {
      name: "express: callback-form pg query with the ack outside its callback",
      filename: "likes.js",
      code: `import express from 'express';
import pg from 'pg';

const pool = new pg.Pool();
export const app = express();

app.post('/posts/:id/likes', (req, res) => {
  pool.query('INSERT INTO likes (post_id, user_id) VALUES ($1, $2)', [req.params.id, req.body.userId], (err) => {
    if (err) console.error('like not stored', err);
  });
  res.sendStatus(201);
});
`,
      errors: [
        {
          messageId: 'ackBeforeWrite',
          line: 11,
          column: 3,
        },
      ],
    },
    {
      name: "fastify: reply.send before the awaited insert",
      code: `import Fastify from 'fastify';
import knexFactory from 'knex';

const db = knexFactory({ client: 'pg' });
export const app = Fastify();

app.post('/comments', async (request, reply) => {
  const body = request.body as { text: string };
  reply.code(201).send({ text: body.text });
  await db('comments').insert({ text: body.text });
});
`,
      errors: [
        {
          messageId: 'writeAfterAck',
          line: 9,
          column: 3,
        },
      ],
    },
    {
      name: "fastify: a same-file helper UPDATE deferred with setImmediate before the reply",
      code: `import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool();
export const app = Fastify();

async function closeAccount(id: string): Promise<void> {
  await pool.query("UPDATE accounts SET status = 'closed' WHERE id = $1", [id]);
}

app.post<{ Params: { id: string } }>('/accounts/:id/close', async (request, reply) => {
  setImmediate(() => {
    closeAccount(request.params.id).catch((err) => request.log.error(err));
  });
  return reply.code(200).send({ status: 'closed' });
});
`,
      errors: [
        {
          messageId: 'ackBeforeWrite',
          line: 15,
          column: 10,
        },
      ],
    },
    {
      name: "fastify: a MongoDB insert deferred with process.nextTick before the reply",
      code: `import Fastify from 'fastify';
import { MongoClient } from 'mongodb';

const events = new MongoClient(process.env.MONGO_URL ?? '').db('app').collection('events');
export const app = Fastify();

app.post('/events', async (request, reply) => {
  process.nextTick(() => {
    void events.insertOne({ payload: request.body, receivedAt: new Date() });
  });
  reply.status(202).send();
});
`,
      errors: [
        {
          messageId: 'ackBeforeWrite',
          line: 11,
          column: 3,
        },
      ],
    },
    {
      name: "node:http: a floating insert with only a .catch, then res.end()",
      code: `import { createServer } from 'node:http';
import pg from 'pg';

const pool = new pg.Pool();

export const server = createServer((req, res) => {
  pool.query('INSERT INTO pings (path) VALUES ($1)', [req.url]).catch((err) => console.error(err));
  res.writeHead(204);
  res.end();
});
`,
      errors: [
        {
          messageId: 'ackBeforeWrite',
          line: 9,
          column: 3,
        },
      ],
    },
    {
      name: "node:http: an un-awaited Promise.all of two writes held in a variable",
      code: `import type { IncomingMessage, ServerResponse } from 'node:http';
import pg from 'pg';

const pool = new pg.Pool();

export async function revoke(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const id = req.url?.split('/')[2];
  const revocation = Promise.all([
    pool.query('UPDATE sessions SET revoked = true WHERE id = $1', [id]),
    pool.query('INSERT INTO session_revocations (session_id) VALUES ($1)', [id]),
  ]);
  revocation.catch((err) => console.error(err));
  res.statusCode = 204;
  res.end();
}
`,
      errors: [
        {
          messageId: 'ackBeforeWrite',
          line: 14,
          column: 3,
        },
      ],
    },
    {
      name: "amqplib: ack first, then the awaited insert",
      filename: "payments.js",
      code: `import amqp from 'amqplib';
import pg from 'pg';

const pool = new pg.Pool();

export async function main() {
  const channel = await (await amqp.connect('amqp://localhost')).createChannel();
  await channel.consume('payments.captured', async (msg) => {
    if (msg === null) return;
    const payment = JSON.parse(msg.content.toString());
    channel.ack(msg);
    try {
      await pool.query('INSERT INTO captured_payments (id, amount) VALUES ($1, $2)', [payment.id, payment.amount]);
    } catch (err) {
      console.error('could not record payment', err);
    }
  });
}
`,
      errors: [
        {
          messageId: 'writeAfterAck',
          line: 11,
          column: 5,
        },
      ],
    },
    {
      name: "amqplib: a Mongoose create left floating in a callback consumer, then ack",
      filename: "signups.js",
      code: `import amqp from 'amqplib';
import mongoose from 'mongoose';

const Signup = mongoose.model('Signup', new mongoose.Schema({ email: String }));

export async function consume() {
  const connection = await amqp.connect(process.env.AMQP_URL);
  const channel = await connection.createChannel();
  channel.consume('signups', (msg) => {
    if (!msg) return;
    Signup.create({ email: msg.content.toString() });
    channel.ack(msg);
  });
}
`,
      errors: [
        {
          messageId: 'ackBeforeWrite',
          line: 12,
          column: 5,
        },
      ],
    },
    {
      name: "amqplib: ack, then forward the message to another durable queue",
      code: `import amqp from 'amqplib';

export async function forward(url: string): Promise<void> {
  const channel = await (await amqp.connect(url)).createChannel();
  await channel.consume('inbound', (msg) => {
    if (!msg) return;
    channel.ack(msg);
    channel.sendToQueue('outbound', msg.content, { persistent: true });
  });
}
`,
      errors: [
        {
          messageId: 'writeAfterAck',
          line: 7,
          column: 5,
        },
      ],
    },
    {
      name: "kafkajs eachMessage (autoCommit) returns with a Prisma upsert never awaited",
      code: `import { Kafka, type EachMessagePayload } from 'kafkajs';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();
const kafka = new Kafka({ clientId: 'billing', brokers: ['kafka:9092'] });

async function onPaymentStatus({ message }: EachMessagePayload): Promise<void> {
  const event = JSON.parse(message.value?.toString() ?? '{}');
  prisma.payment.upsert({
    where: { id: event.id },
    create: { id: event.id, status: event.status },
    update: { status: event.status },
  });
}

export async function start(): Promise<void> {
  const consumer = kafka.consumer({ groupId: 'billing' });
  await consumer.run({ eachMessage: onPaymentStatus });
}
`,
      errors: [
        {
          messageId: 'pendingAtImplicitAck',
          line: 9,
          column: 3,
          suggestions: [
            {
              messageId: 'awaitWrite',
              output: `import { Kafka, type EachMessagePayload } from 'kafkajs';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();
const kafka = new Kafka({ clientId: 'billing', brokers: ['kafka:9092'] });

async function onPaymentStatus({ message }: EachMessagePayload): Promise<void> {
  const event = JSON.parse(message.value?.toString() ?? '{}');
  await prisma.payment.upsert({
    where: { id: event.id },
    create: { id: event.id, status: event.status },
    update: { status: event.status },
  });
}

export async function start(): Promise<void> {
  const consumer = kafka.consumer({ groupId: 'billing' });
  await consumer.run({ eachMessage: onPaymentStatus });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: "kafkajs eachBatch resolves each offset before its knex insert",
      code: `import { Kafka, type EachBatchPayload } from 'kafkajs';
import knexFactory from 'knex';

const ledger = knexFactory({ client: 'pg' });
const kafka = new Kafka({ brokers: ['kafka:9092'] });

async function onBatch({ batch, resolveOffset, heartbeat }: EachBatchPayload): Promise<void> {
  for (const message of batch.messages) {
    const entry = JSON.parse(message.value?.toString() ?? '{}');
    resolveOffset(message.offset);
    await ledger('ledger_entries').insert({ entry_id: entry.id, delta: entry.delta }).onConflict('entry_id').ignore();
    await heartbeat();
  }
}

export async function start(): Promise<void> {
  const consumer = kafka.consumer({ groupId: 'ledger' });
  await consumer.run({ eachBatchAutoResolve: false, eachBatch: onBatch });
}
`,
      errors: [
        {
          messageId: 'writeAfterAck',
          line: 10,
          column: 5,
        },
      ],
    },
    {
      name: "kafkajs eachMessage inline handler publishes with producer.send and does not await it",
      code: `import { Kafka } from 'kafkajs';

const kafka = new Kafka({ brokers: ['kafka:9092'] });
const producer = kafka.producer();
const consumer = kafka.consumer({ groupId: 'enricher' });

export async function start(): Promise<void> {
  await consumer.run({
    eachMessage: async ({ message }) => {
      const enriched = { ...JSON.parse(message.value?.toString() ?? '{}'), enrichedAt: 'now' };
      producer.send({ topic: 'orders.enriched', messages: [{ value: JSON.stringify(enriched) }] });
    },
  });
}
`,
      errors: [
        {
          messageId: 'pendingAtImplicitAck',
          line: 11,
          column: 7,
          suggestions: [
            {
              messageId: 'awaitWrite',
              output: `import { Kafka } from 'kafkajs';

const kafka = new Kafka({ brokers: ['kafka:9092'] });
const producer = kafka.producer();
const consumer = kafka.consumer({ groupId: 'enricher' });

export async function start(): Promise<void> {
  await consumer.run({
    eachMessage: async ({ message }) => {
      const enriched = { ...JSON.parse(message.value?.toString() ?? '{}'), enrichedAt: 'now' };
      await producer.send({ topic: 'orders.enriched', messages: [{ value: JSON.stringify(enriched) }] });
    },
  });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: "kafkajs: commitOffsets before the awaited write",
      code: `import { Kafka } from 'kafkajs';
import pg from 'pg';

const pool = new pg.Pool();
const consumer = new Kafka({ brokers: ['kafka:9092'] }).consumer({ groupId: 'audit' });

export async function start(): Promise<void> {
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ topic, partition, message }) => {
      await consumer.commitOffsets([{ topic, partition, offset: (Number(message.offset) + 1).toString() }]);
      await pool.query('INSERT INTO audit_events (payload) VALUES ($1)', [message.value?.toString()]);
    },
  });
}
`,
      errors: [
        {
          messageId: 'writeAfterAck',
          line: 11,
          column: 13,
        },
      ],
    },
    {
      name: "SQS poller deletes the message before a same-class method saves it",
      code: `import { DeleteMessageCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import type { Repository } from 'typeorm';
import type { Invoice } from './invoice.entity.js';

export class InvoicePoller {
  constructor(private readonly sqs: SQSClient, private readonly invoices: Repository<Invoice>, private readonly queueUrl: string) {}

  async poll(): Promise<void> {
    const { Messages = [] } = await this.sqs.send(new ReceiveMessageCommand({ QueueUrl: this.queueUrl }));
    for (const message of Messages) {
      await this.sqs.send(new DeleteMessageCommand({ QueueUrl: this.queueUrl, ReceiptHandle: message.ReceiptHandle }));
      await this.persist(message);
    }
  }

  private async persist(message: Message): Promise<void> {
    await this.invoices.save(JSON.parse(message.Body ?? '{}'));
  }
}
`,
      errors: [
        {
          messageId: 'writeAfterAck',
          line: 11,
          column: 13,
        },
      ],
    },
    {
      name: "SQS: DeleteMessageCommand sent before the DynamoDB put",
      code: `import { DeleteMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';

const sqs = new SQSClient({});
const ddb = new DynamoDBClient({});

export async function handleMessage(queueUrl: string, message: Message): Promise<void> {
  const order = JSON.parse(message.Body ?? '{}');
  await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
  await ddb.send(new PutItemCommand({ TableName: 'orders', Item: { id: { S: order.id } } }));
}
`,
      errors: [
        {
          messageId: 'writeAfterAck',
          line: 9,
          column: 9,
        },
      ],
    },
    {
      name: "Bull processor calls done() and then fires the Mongoose update",
      filename: "plans.js",
      code: `import Queue from 'bull';
import mongoose from 'mongoose';

const Subscription = mongoose.model('Subscription', new mongoose.Schema({ userId: String, plan: String }));
const planChanges = new Queue('plan-changes');

planChanges.process('apply', 5, (job, done) => {
  const { userId, plan } = job.data;
  if (!userId) {
    done(new Error('userId is required'));
    return;
  }
  done(null, { userId, plan });
  Subscription.updateOne({ userId }, { $set: { plan } }, { upsert: true })
    .exec()
    .catch((err) => console.error(err));
});
`,
      errors: [
        {
          messageId: 'writeAfterAck',
          line: 13,
          column: 3,
        },
      ],
    },
    {
      name: "Bull processor: a knex insert with only a .then, done() outside the chain",
      filename: "emails.js",
      code: `import Queue from 'bull';
import knex from 'knex';

const db = knex({ client: 'pg' });
const emails = new Queue('emails');

emails.process((job, done) => {
  db('sent_emails')
    .insert({ to: job.data.to, template: job.data.template })
    .then(() => console.log('recorded'));
  done();
});
`,
      errors: [
        {
          messageId: 'ackBeforeWrite',
          line: 11,
          column: 3,
        },
      ],
    },
    {
      name: "BullMQ processor builds a knex UPDATE it never awaits",
      code: `import { Worker, type Job } from 'bullmq';
import knexFactory from 'knex';

const db = knexFactory({ client: 'pg' });

async function markExportReady(job: Job) {
  await job.updateProgress(90);
  db('exports').where({ id: job.data.exportId }).update({ status: 'ready' });
  return { exportId: job.data.exportId };
}

export const worker = new Worker('exports', markExportReady, { connection: { host: '127.0.0.1', port: 6379 } });
`,
      errors: [
        {
          messageId: 'pendingAtImplicitAck',
          line: 8,
          column: 3,
          suggestions: [
            {
              messageId: 'awaitWrite',
              output: `import { Worker, type Job } from 'bullmq';
import knexFactory from 'knex';

const db = knexFactory({ client: 'pg' });

async function markExportReady(job: Job) {
  await job.updateProgress(90);
  await db('exports').where({ id: job.data.exportId }).update({ status: 'ready' });
  return { exportId: job.data.exportId };
}

export const worker = new Worker('exports', markExportReady, { connection: { host: '127.0.0.1', port: 6379 } });
`,
            },
          ],
        },
      ],
    },
    {
      name: "BullMQ processor calls an async same-file helper without awaiting it",
      code: `import { Worker } from 'bullmq';
import pg from 'pg';

const pool = new pg.Pool();

async function markShipped(orderId: string): Promise<void> {
  await pool.query("UPDATE orders SET status = 'shipped' WHERE id = $1", [orderId]);
  await pool.query('INSERT INTO order_events (order_id, kind) VALUES ($1, $2)', [orderId, 'shipped']);
}

export const worker = new Worker('shipments', async (job) => {
  markShipped(job.data.orderId);
  return { ok: true };
}, { connection: { host: '127.0.0.1', port: 6379 } });
`,
      errors: [
        {
          messageId: 'pendingAtImplicitAck',
          line: 12,
          column: 3,
          suggestions: [
            {
              messageId: 'awaitWrite',
              output: `import { Worker } from 'bullmq';
import pg from 'pg';

const pool = new pg.Pool();

async function markShipped(orderId: string): Promise<void> {
  await pool.query("UPDATE orders SET status = 'shipped' WHERE id = $1", [orderId]);
  await pool.query('INSERT INTO order_events (order_id, kind) VALUES ($1, $2)', [orderId, 'shipped']);
}

export const worker = new Worker('shipments', async (job) => {
  await markShipped(job.data.orderId);
  return { ok: true };
}, { connection: { host: '127.0.0.1', port: 6379 } });
`,
            },
          ],
        },
      ],
    },
    {
      name: "BullMQ processor enqueues a follow-up job with queue.add and does not await it",
      code: `import { Queue, Worker } from 'bullmq';

const connection = { host: '127.0.0.1', port: 6379 };
const invoices = new Queue('invoices', { connection });

export const worker = new Worker('orders', async (job) => {
  if (!job.data.billable) return { skipped: true };
  invoices.add('issue', { orderId: job.data.orderId });
  return { queued: true };
}, { connection });
`,
      errors: [
        {
          messageId: 'pendingAtImplicitAck',
          line: 8,
          column: 3,
          suggestions: [
            {
              messageId: 'awaitWrite',
              output: `import { Queue, Worker } from 'bullmq';

const connection = { host: '127.0.0.1', port: 6379 };
const invoices = new Queue('invoices', { connection });

export const worker = new Worker('orders', async (job) => {
  if (!job.data.billable) return { skipped: true };
  await invoices.add('issue', { orderId: job.data.orderId });
  return { queued: true };
}, { connection });
`,
            },
          ],
        },
      ],
    },
    {
      name: "async Lambda returns 200 while a Sequelize update is never awaited",
      code: `import type { APIGatewayProxyHandlerV2 } from 'aws-lambda';
import { DataTypes, Model, Sequelize } from 'sequelize';

const sequelize = new Sequelize(process.env.DATABASE_URL ?? '');

class Booking extends Model {
  declare id: string;
  declare status: string;
}
Booking.init({ id: { type: DataTypes.UUID, primaryKey: true }, status: DataTypes.STRING }, { sequelize });

export const handler: APIGatewayProxyHandlerV2 = async (event) => {
  const id = event.pathParameters?.id;
  if (!id) return { statusCode: 400, body: 'missing id' };
  Booking.update({ status: 'cancelled' }, { where: { id } });
  return { statusCode: 200, body: JSON.stringify({ id, status: 'cancelled' }) };
};
`,
      errors: [
        {
          messageId: 'pendingAtImplicitAck',
          line: 15,
          column: 3,
          suggestions: [
            {
              messageId: 'awaitWrite',
              output: `import type { APIGatewayProxyHandlerV2 } from 'aws-lambda';
import { DataTypes, Model, Sequelize } from 'sequelize';

const sequelize = new Sequelize(process.env.DATABASE_URL ?? '');

class Booking extends Model {
  declare id: string;
  declare status: string;
}
Booking.init({ id: { type: DataTypes.UUID, primaryKey: true }, status: DataTypes.STRING }, { sequelize });

export const handler: APIGatewayProxyHandlerV2 = async (event) => {
  const id = event.pathParameters?.id;
  if (!id) return { statusCode: 400, body: 'missing id' };
  await Booking.update({ status: 'cancelled' }, { where: { id } });
  return { statusCode: 200, body: JSON.stringify({ id, status: 'cancelled' }) };
};
`,
            },
          ],
        },
      ],
    },
    {
      name: "async Lambda returns while a DynamoDB PutCommand is still pending",
      code: `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';

const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export async function handler(event: { body?: string }) {
  const item = JSON.parse(event.body ?? '{}');
  ddb.send(new PutCommand({ TableName: 'signups', Item: item })).catch((err) => console.error(err));
  return { statusCode: 201, body: '{}' };
}
`,
      errors: [
        {
          messageId: 'pendingAtImplicitAck',
          line: 8,
          column: 3,
        },
      ],
    },
    {
      name: "callback Lambda: the insert has only a log in its .then and the callback runs outside it",
      filename: "newsletter.js",
      code: `import pg from 'pg';

const pool = new pg.Pool({ max: 2 });

export const handler = (event, context, callback) => {
  context.callbackWaitsForEmptyEventLoop = false;
  const signup = JSON.parse(event.body ?? '{}');
  pool
    .query('INSERT INTO newsletter_signups (email) VALUES ($1)', [signup.email])
    .then(() => console.log('stored'));
  callback(null, { statusCode: 201, body: '{}' });
};
`,
      errors: [
        {
          messageId: 'ackBeforeWrite',
          line: 11,
          column: 3,
        },
      ],
    },
    {
      name: "callback Lambda: callback(null) first, then the S3 upload",
      filename: "archive.js",
      code: `import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

const s3 = new S3Client({});

export const handler = (event, context, callback) => {
  callback(null, { statusCode: 202 });
  s3.send(new PutObjectCommand({ Bucket: 'archive', Key: event.id, Body: JSON.stringify(event) }));
};
`,
      errors: [
        {
          messageId: 'writeAfterAck',
          line: 6,
          column: 3,
        },
      ],
    },
    {
      name: "Koa: ctx.body, then save() without await",
      code: `import Koa from 'koa';
import Router from '@koa/router';
import mongoose from 'mongoose';

const Comment = mongoose.model('Comment', new mongoose.Schema({ postId: String, text: String }));
const router = new Router();

router.post('/posts/:id/comments', async (ctx) => {
  const comment = new Comment({ postId: ctx.params.id, text: 'hi' });
  ctx.status = 201;
  ctx.body = { id: comment.id };
  comment.save();
});

export const app = new Koa();
app.use(router.routes());
`,
      errors: [
        {
          messageId: 'koaBodyBeforeWrite',
          line: 11,
          column: 3,
          suggestions: [
            {
              messageId: 'awaitWrite',
              output: `import Koa from 'koa';
import Router from '@koa/router';
import mongoose from 'mongoose';

const Comment = mongoose.model('Comment', new mongoose.Schema({ postId: String, text: String }));
const router = new Router();

router.post('/posts/:id/comments', async (ctx) => {
  const comment = new Comment({ postId: ctx.params.id, text: 'hi' });
  ctx.status = 201;
  ctx.body = { id: comment.id };
  await comment.save();
});

export const app = new Koa();
app.use(router.routes());
`,
            },
          ],
        },
      ],
    },
    {
      name: "Koa middleware: a floating create before ctx.body",
      filename: "votes.js",
      code: `import Koa from 'koa';
import mongoose from 'mongoose';

const Vote = mongoose.model('Vote', new mongoose.Schema({ choice: String }));
const app = new Koa();

app.use(async (ctx) => {
  Vote.create({ choice: ctx.query.choice }).catch(() => undefined);
  ctx.body = { ok: true };
});

export default app;
`,
      errors: [
        {
          messageId: 'koaBodyBeforeWrite',
          line: 9,
          column: 3,
        },
      ],
    },
    {
      name: "Koa: ctx.response.body, then a knex insert that is never awaited",
      code: `import Koa from 'koa';
import Router from '@koa/router';
import knexFactory from 'knex';

const db = knexFactory({ client: 'pg' });
const router = new Router();

router.put('/flags/:name', async (ctx) => {
  ctx.response.body = { name: ctx.params.name, enabled: true };
  db('flags').insert({ name: ctx.params.name, enabled: true }).onConflict('name').merge();
});

export const app = new Koa().use(router.routes());
`,
      errors: [
        {
          messageId: 'koaBodyBeforeWrite',
          line: 9,
          column: 3,
          suggestions: [
            {
              messageId: 'awaitWrite',
              output: `import Koa from 'koa';
import Router from '@koa/router';
import knexFactory from 'knex';

const db = knexFactory({ client: 'pg' });
const router = new Router();

router.put('/flags/:name', async (ctx) => {
  ctx.response.body = { name: ctx.params.name, enabled: true };
  await db('flags').insert({ name: ctx.params.name, enabled: true }).onConflict('name').merge();
});

export const app = new Koa().use(router.routes());
`,
            },
          ],
        },
      ],
    },
    {
      name: "NestJS controller (no @Res) returns while the TypeORM save is pending",
      code: `import { Body, Controller, Post } from '@nestjs/common';
import type { Repository } from 'typeorm';

interface Ticket { id?: string; subject: string }

@Controller('tickets')
export class TicketsController {
  constructor(private readonly tickets: Repository<Ticket>) {}

  @Post()
  async create(@Body() dto: { subject: string }): Promise<{ status: string }> {
    const ticket: Ticket = { subject: dto.subject.trim() };
    this.tickets.save(ticket);
    return { status: 'open' };
  }
}
`,
      errors: [
        {
          messageId: 'pendingAtImplicitAck',
          line: 13,
          column: 5,
          suggestions: [
            {
              messageId: 'awaitWrite',
              output: `import { Body, Controller, Post } from '@nestjs/common';
import type { Repository } from 'typeorm';

interface Ticket { id?: string; subject: string }

@Controller('tickets')
export class TicketsController {
  constructor(private readonly tickets: Repository<Ticket>) {}

  @Post()
  async create(@Body() dto: { subject: string }): Promise<{ status: string }> {
    const ticket: Ticket = { subject: dto.subject.trim() };
    await this.tickets.save(ticket);
    return { status: 'open' };
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: "NestJS controller with @Res(): the save has only a log in its .then and the 201 is sent outside it",
      code: `import { Body, Controller, Logger, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { DataSource, Repository } from 'typeorm';

interface Ticket { id: string; subject: string }

@Controller('tickets')
export class TicketsController {
  private readonly logger = new Logger('tickets');
  private readonly tickets: Repository<Ticket>;

  constructor(dataSource: DataSource) {
    this.tickets = dataSource.getRepository<Ticket>('Ticket');
  }

  @Post()
  create(@Body() dto: { subject: string }, @Res() res: Response): void {
    this.tickets.save({ subject: dto.subject } as Ticket).then((saved) => this.logger.log('stored ' + saved.id));
    res.status(201).json({ status: 'open' });
  }
}
`,
      errors: [
        {
          messageId: 'ackBeforeWrite',
          line: 19,
          column: 5,
        },
      ],
    },
    {
      name: "Hono: returns c.json while a Prisma create is never awaited",
      code: `import { Hono } from 'hono';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();
export const app = new Hono();

app.post('/posts', async (c) => {
  const body = await c.req.json<{ title: string }>();
  prisma.post.create({ data: { title: body.title } });
  return c.json({ title: body.title }, 201);
});
`,
      errors: [
        {
          messageId: 'pendingAtImplicitAck',
          line: 9,
          column: 3,
          suggestions: [
            {
              messageId: 'awaitWrite',
              output: `import { Hono } from 'hono';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();
export const app = new Hono();

app.post('/posts', async (c) => {
  const body = await c.req.json<{ title: string }>();
  await prisma.post.create({ data: { title: body.title } });
  return c.json({ title: body.title }, 201);
});
`,
            },
          ],
        },
      ],
    },
    {
      name: "Next.js route handler returns a Response while the write is pending",
      code: `import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function POST(request: Request): Promise<Response> {
  const { email } = await request.json();
  prisma.subscriber.create({ data: { email } });
  return new Response(null, { status: 201 });
}
`,
      errors: [
        {
          messageId: 'pendingAtImplicitAck',
          line: 7,
          column: 3,
          suggestions: [
            {
              messageId: 'awaitWrite',
              output: `import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function POST(request: Request): Promise<Response> {
  const { email } = await request.json();
  await prisma.subscriber.create({ data: { email } });
  return new Response(null, { status: 201 });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: "express: a same-file helper returns the Mongoose create promise and the route does not await it",
      filename: "orders.js",
      code: `import express from 'express';
import mongoose from 'mongoose';

const Order = mongoose.model('Order', new mongoose.Schema({ sku: String }));

function persist(order) {
  return Order.create(order);
}

export const app = express();
app.post('/orders', async (req, res) => {
  persist({ sku: req.body.sku });
  res.status(201).json({ sku: req.body.sku });
});
`,
      errors: [
        {
          messageId: 'ackBeforeWrite',
          line: 13,
          column: 3,
          suggestions: [
            {
              messageId: 'awaitWrite',
              output: `import express from 'express';
import mongoose from 'mongoose';

const Order = mongoose.model('Order', new mongoose.Schema({ sku: String }));

function persist(order) {
  return Order.create(order);
}

export const app = express();
app.post('/orders', async (req, res) => {
  await persist({ sku: req.body.sku });
  res.status(201).json({ sku: req.body.sku });
});
`,
            },
          ],
        },
      ],
    },
    {
      name: "express class controller: this.save() is not awaited before res.json",
      code: `import type { Request, Response } from 'express';
import type { Repository } from 'typeorm';

interface Note { body: string }

export class NotesController {
  constructor(private readonly notes: Repository<Note>) {}

  private async save(note: Note): Promise<void> {
    await this.notes.insert(note);
  }

  async create(req: Request, res: Response): Promise<void> {
    this.save({ body: String(req.body.body) });
    res.json({ ok: true });
  }
}
`,
      errors: [
        {
          messageId: 'ackBeforeWrite',
          line: 15,
          column: 5,
          suggestions: [
            {
              messageId: 'awaitWrite',
              output: `import type { Request, Response } from 'express';
import type { Repository } from 'typeorm';

interface Note { body: string }

export class NotesController {
  constructor(private readonly notes: Repository<Note>) {}

  private async save(note: Note): Promise<void> {
    await this.notes.insert(note);
  }

  async create(req: Request, res: Response): Promise<void> {
    await this.save({ body: String(req.body.body) });
    res.json({ ok: true });
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: "express: redirect, then write the file",
      code: `import express from 'express';
import { writeFile } from 'node:fs/promises';

export const app = express();

app.post('/drafts/:id', express.text(), async (req, res) => {
  res.redirect(303, '/drafts/' + req.params.id);
  await writeFile('/srv/drafts/' + req.params.id + '.md', String(req.body));
});
`,
      errors: [
        {
          messageId: 'writeAfterAck',
          line: 7,
          column: 3,
        },
      ],
    },
    {
      name: "express: Promise.all of creates built with map, never awaited, then 201",
      code: `import express from 'express';
import mongoose from 'mongoose';

const Item = mongoose.model('Item', new mongoose.Schema({ sku: String }));
export const app = express();

app.post('/items/bulk', (req, res) => {
  Promise.all((req.body.items as Array<{ sku: string }>).map((item) => Item.create(item)));
  res.sendStatus(201);
});
`,
      errors: [
        {
          messageId: 'ackBeforeWrite',
          line: 9,
          column: 3,
        },
      ],
    },
    {
      name: "express: mysql2 insert with only a .then log, then the ack",
      filename: "audit.js",
      code: `import express from 'express';
import mysql from 'mysql2/promise';

const pool = mysql.createPool({ uri: process.env.DATABASE_URL });
export const app = express();

app.delete('/users/:id', (req, res) => {
  pool.execute('DELETE FROM users WHERE id = ?', [req.params.id]).then(() => console.log('deleted'));
  res.json({ deleted: req.params.id });
});
`,
      errors: [
        {
          messageId: 'ackBeforeWrite',
          line: 9,
          column: 3,
        },
      ],
    },
    {
      name: "express: fs.writeFile with the ack outside its callback",
      filename: "uploads.js",
      code: `import express from 'express';
import fs from 'node:fs';
import multer from 'multer';

const upload = multer({ limits: { fileSize: 1024 * 1024 } });
export const app = express();

app.post('/uploads', upload.single('file'), (req, res) => {
  fs.writeFile('/srv/uploads/' + req.file.originalname, req.file.buffer, (err) => {
    if (err) console.error(err);
  });
  res.status(201).json({ name: req.file.originalname });
});
`,
      errors: [
        {
          messageId: 'ackBeforeWrite',
          line: 12,
          column: 3,
        },
      ],
    },
    {
      name: "fastify: reply.send, then the awaited kafkajs produce",
      code: `import Fastify from 'fastify';
import { Kafka } from 'kafkajs';

const producer = new Kafka({ brokers: ['kafka:9092'] }).producer();
export const app = Fastify();

app.post('/orders', async (request, reply) => {
  reply.send({ accepted: true });
  await producer.send({ topic: 'orders', messages: [{ value: JSON.stringify(request.body) }] });
});
`,
      errors: [
        {
          messageId: 'writeAfterAck',
          line: 8,
          column: 3,
        },
      ],
    },
    {
      name: "express: a route handler declared as a function and passed by reference",
      code: `import express, { type Request, type Response } from 'express';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

async function deleteAccount(req: Request, res: Response): Promise<void> {
  res.status(204).end();
  await prisma.account.delete({ where: { id: req.params.id } });
}

export const router = express.Router();
router.delete('/accounts/:id', deleteAccount);
`,
      errors: [
        {
          messageId: 'writeAfterAck',
          line: 7,
          column: 3,
        },
      ],
    },
    {
      name: "Google Pub/Sub: message.ack() before the Firestore write",
      code: `import { PubSub, type Message } from '@google-cloud/pubsub';
import { Firestore } from '@google-cloud/firestore';

const db = new Firestore();
const subscription = new PubSub().subscription('orders-sub');

subscription.on('message', async (message: Message) => {
  const order = JSON.parse(message.data.toString());
  message.ack();
  await db.collection('orders').doc(order.id).set(order);
});
`,
      errors: [
        {
          messageId: 'writeAfterAck',
          line: 9,
          column: 3,
        },
      ],
    },
    {
      name: "user-configured durable write: a custom client module",
      options: [{"durableWrites":[{"from":"package","package":"@acme/ledger","path":["**","post","()"]}]}],
      code: `import express from 'express';
import { LedgerClient } from '@acme/ledger';

const ledger = new LedgerClient();
export const app = express();

app.post('/entries', async (req, res) => {
  ledger.post(req.body);
  res.sendStatus(201);
});
`,
      errors: [
        {
          messageId: 'ackBeforeWrite',
          line: 9,
          column: 3,
          suggestions: [
            {
              messageId: 'awaitWrite',
              output: `import express from 'express';
import { LedgerClient } from '@acme/ledger';

const ledger = new LedgerClient();
export const app = express();

app.post('/entries', async (req, res) => {
  await ledger.post(req.body);
  res.sendStatus(201);
});
`,
            },
          ],
        },
      ],
    },
    {
      name: "user-configured ack: a custom message type acknowledged before the write",
      options: [{"acks":[{"from":"package","package":"nats","path":["**","ack","()"]}]}],
      code: `import { connect } from 'nats';
import pg from 'pg';

const pool = new pg.Pool();

export async function run(): Promise<void> {
  const nc = await connect({ servers: 'nats://localhost:4222' });
  const consumer = await nc.jetstream().consumers.get('ORDERS', 'writer');
  const messages = await consumer.consume();
  for await (const m of messages) {
    m.ack();
    await pool.query('INSERT INTO orders (payload) VALUES ($1)', [m.string()]);
  }
}
`,
      errors: [
        {
          messageId: 'writeAfterAck',
          line: 11,
          column: 5,
        },
      ],
    },
    {
      name: "a same-file helper sends the reply through the response it is given, while the create floats",
      filename: "orders.js",
      code: `import express from 'express';
import mongoose from 'mongoose';

const Order = mongoose.model('Order', new mongoose.Schema({ sku: String }));

function sendCreated(res, body) {
  res.status(201).json(body);
}

export const app = express();
app.post('/orders', (req, res) => {
  Order.create({ sku: req.body.sku }).catch((err) => console.error(err));
  sendCreated(res, { sku: req.body.sku });
});
`,
      errors: [
        {
          messageId: 'ackBeforeWrite',
          line: 7,
          column: 3,
        },
      ],
    },
    {
      name: "a helper given the channel acks before its own insert",
      filename: "events.js",
      code: `import amqp from 'amqplib';
import knex from 'knex';

const db = knex({ client: 'pg' });

function handle(channel, msg) {
  channel.ack(msg);
  return db('events').insert({ body: msg.content.toString() });
}

export async function start() {
  const channel = await (await amqp.connect('amqp://localhost')).createChannel();
  await channel.consume('events', (msg) => handle(channel, msg));
}
`,
      errors: [
        {
          messageId: 'writeAfterAck',
          line: 7,
          column: 3,
        },
      ],
    },
    {
      name: "a helper writes through the knex instance it is given and the route does not await it",
      filename: "store.js",
      code: `import express from 'express';
import knex from 'knex';

const db = knex({ client: 'pg' });

async function store(conn, row) {
  await conn('orders').insert(row);
}

export const app = express();
app.post('/orders', async (req, res) => {
  store(db, req.body);
  res.json({ ok: true });
});
`,
      errors: [
        {
          messageId: 'ackBeforeWrite',
          line: 13,
          column: 3,
          suggestions: [
            {
              messageId: 'awaitWrite',
              output: `import express from 'express';
import knex from 'knex';

const db = knex({ client: 'pg' });

async function store(conn, row) {
  await conn('orders').insert(row);
}

export const app = express();
app.post('/orders', async (req, res) => {
  await store(db, req.body);
  res.json({ ok: true });
});
`,
            },
          ],
        },
      ],
    },
    {
      name: "async Lambda exported later through module.exports returns with a floating insert",
      filename: "lambda.js",
      code: `const { Pool } = require('pg');

const pool = new Pool();

const handler = async (event) => {
  pool.query('INSERT INTO audit (payload) VALUES ($1)', [event.body]);
  return { statusCode: 200 };
};

module.exports = { handler };
`,
      errors: [
        {
          messageId: 'pendingAtImplicitAck',
          line: 6,
          column: 3,
          suggestions: [
            {
              messageId: 'awaitWrite',
              output: `const { Pool } = require('pg');

const pool = new Pool();

const handler = async (event) => {
  await pool.query('INSERT INTO audit (payload) VALUES ($1)', [event.body]);
  return { statusCode: 200 };
};

module.exports = { handler };
`,
            },
          ],
        },
      ],
    },
    {
      name: "SQS Lambda: forEach with an async callback returns before the inserts finish",
      code: `import type { SQSEvent } from 'aws-lambda';
import pg from 'pg';

const pool = new pg.Pool();

export const handler = async (event: SQSEvent) => {
  event.Records.forEach(async (record) => {
    await pool.query('INSERT INTO clicks (body) VALUES ($1)', [record.body]);
  });
  return { batchItemFailures: [] };
};
`,
      // The contract reports "at the un-awaited call that leaves it pending": the insert is awaited inside its
      // callback, and forEach drops the callback's promise.
      errors: [
        {
          messageId: 'pendingAtImplicitAck',
          line: 7,
          column: 3,
        },
      ],
    },
    {
      // The contract counts "a success callback (callback(null, ...))" as an ack: the caller is told the config is
      // saved while fs.writeFile is still running.
      name: "callback(null, ...) of a node-style helper before its file write completes",
      filename: "config.js",
      code: `import fs from 'node:fs';

export function saveConfig(path, config, callback) {
  fs.writeFile(path, JSON.stringify(config), () => undefined);
  callback(null, config);
}
`,
      errors: [{ messageId: 'ackBeforeWrite', line: 5, column: 3 }],
    },
    {
      name: "mysql2 callback repository: success reported before the UPDATE's own callback",
      filename: "preferences.cjs",
      code: `const mysql = require('mysql2');

const pool = mysql.createPool({ uri: process.env.MYSQL_URL });

function savePreferences(userId, prefs, callback) {
  pool.query(
    'INSERT INTO notification_prefs (user_id, prefs) VALUES (?, ?) ON DUPLICATE KEY UPDATE prefs = VALUES(prefs)',
    [userId, JSON.stringify(prefs)],
    (err) => {
      if (err) console.error('prefs write failed', err.code);
    },
  );
  callback(null, { userId, prefs });
}

module.exports = { savePreferences };
`,
      errors: [{ messageId: 'ackBeforeWrite', line: 13, column: 3 }],
    },
    {
      name: 'Lambda: an un-awaited Promise.all over inserts made in a map callback is reported at the Promise.all',
      code: `import knexFactory from 'knex';

const knex = knexFactory({ client: 'pg', connection: process.env.DATABASE_URL });

export const handler = async (event: { body: string }) => {
  const input = JSON.parse(event.body) as { orderId: string; lines: { sku: string; qty: number }[] };
  await knex('orders').insert({ id: input.orderId, status: 'placed' });
  Promise.all(
    input.lines.map((line, idx) =>
      knex('order_lines').insert({ order_id: input.orderId, line_no: idx + 1, sku: line.sku, qty: line.qty }),
    ),
  ).catch((err) => console.error('line insert failed', err));
  return { statusCode: 201, body: JSON.stringify({ id: input.orderId }) };
};
`,
      errors: [{ messageId: 'pendingAtImplicitAck', line: 8, column: 3 }],
    },
    {
      name: "express: Promise.all over map with a same-file async function, never awaited",
      code: `import express from 'express';
import pg from 'pg';

const pool = new pg.Pool();

async function markDone(item: { id: string }): Promise<void> {
  await pool.query('UPDATE items SET done = true WHERE id = $1', [item.id]);
}

export const app = express();
app.post('/items/done', async (req, res) => {
  Promise.all((req.body.items as Array<{ id: string }>).map(markDone));
  res.json({ ok: true });
});
`,
      errors: [
        {
          messageId: 'ackBeforeWrite',
          line: 13,
          column: 3,
        },
      ],
    },
    {
      name: "Redis stream consumer: XACK before the insert",
      code: `import { Redis } from 'ioredis';
import pg from 'pg';

const redis = new Redis();
const pool = new pg.Pool();

export async function consume(): Promise<void> {
  const entries = (await redis.xreadgroup('GROUP', 'writers', 'w1', 'STREAMS', 'orders', '>')) as any[];
  for (const [id, fields] of entries ?? []) {
    await redis.xack('orders', 'writers', id);
    await pool.query('INSERT INTO orders (payload) VALUES ($1)', [fields[1]]);
  }
}
`,
      errors: [
        {
          messageId: 'writeAfterAck',
          line: 10,
          column: 11,
        },
      ],
    },
    {
      name: "Next.js API route (NextApiResponse): 201 before the Prisma create",
      code: `import type { NextApiRequest, NextApiResponse } from 'next';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  res.status(201).json({ email: req.body.email });
  await prisma.subscriber.create({ data: { email: req.body.email } });
}
`,
      errors: [
        {
          messageId: 'writeAfterAck',
          line: 7,
          column: 3,
        },
      ],
    },
  ],
});
