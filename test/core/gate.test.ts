import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ackBeforeWriteGate, checkNoAckBeforeDurableWrite } from '../../core/checkers/no-ack-before-durable-write.js';
import { checkNoUnboundedParse, unboundedParseGate } from '../../core/checkers/no-unbounded-parse.js';
import { checkNoUnhandledTimeout } from '../../core/checkers/no-unhandled-timeout.js';
import { checkNoWallClockAtBoundary } from '../../core/checkers/no-wall-clock-at-boundary.js';
import { behindGate, gates, mayFind, vocabularyOf } from '../../core/gate.js';
import type { CheckContext, Finding } from '../../core/types.js';
import { parseForESLint } from '@typescript-eslint/parser';
import { createCheckContext } from '../../core/context.js';
import { contextOf, parseSource } from '../helpers/parse.js';

// test/setup.ts turns verification on for every test; here the gates skip for real.
beforeEach(() => {
  gates.verify = false;
});
afterEach(() => {
  gates.verify = true;
});

/** A context whose tree carries ESLint's token list, as the ESLint rules get it. */
function contextWithTokens(text: string): CheckContext {
  const { ast, scopeManager, visitorKeys } = parseForESLint(text, { range: true, loc: true, tokens: true, comment: true, sourceType: 'module', filePath: 'file.ts' });
  return createCheckContext({ path: 'file.ts', text, ast, scopeManager, visitorKeys });
}

/** A credit POST under a client timeout, its failure swallowed (a no-unhandled-timeout finding). */
const TIMED_WRITE = `
import axios from 'axios';
const loyalty = axios.create({ baseURL: process.env.LOYALTY_API_URL, timeout: 2500 });
export async function onOrderCompleted(order, db) {
  let creditId = null;
  try {
    const { data } = await loyalty.post('/v1/credits', { memberId: order.customerId });
    creditId = data.id;
  } catch {
    // best effort
  }
  await db.query('UPDATE orders SET loyalty_credit_id = $2 WHERE id = $1', [order.id, creditId]);
}`;

describe('gates: vocabularies', () => {
  const ctx = contextOf('');
  const clock = vocabularyOf(ctx, { roles: ['clock'] });
  const writes = vocabularyOf(ctx, { roles: ['durable-write'] });
  const races = vocabularyOf(ctx, { roles: ['timeout-source'] });
  const at = (text: string) => ({ ...ctx, file: { ...ctx.file, text } });

  it('opens on a quoted module of the role, with or without node:, where the names of an entry of it are written', () => {
    expect(mayFind(at(`import { Pool } from 'pg';\nawait pool.query(sql);`), writes)).toBe(true);
    expect(mayFind(at(`const fs = require("node:fs");\nfs.writeFileSync(p, data);`), writes)).toBe(true);
    expect(mayFind(at('const knex = require(`knex`);\nawait db(`orders`).insert(row);'), writes)).toBe(true);
    // The module alone, or a write's name without the module, does not.
    expect(mayFind(at(`import { Pool } from 'pg';`), writes)).toBe(false);
    expect(mayFind(at(`const fs = require("node:fs");\nconst text = fs.readFileSync(p, 'utf8');`), writes)).toBe(false);
    expect(mayFind(at(`import { query } from './db';\nawait query(sql);`), writes)).toBe(false);
    // A module whose name only starts like one, or the name outside quotes, does not.
    expect(mayFind(at(`import x from 'pg-format'; const pg = 1; x.query();`), writes)).toBe(false);
  });

  it('opens on a global entry only when every name of its path is written', () => {
    expect(mayFind(contextOf('const t = Date.now();'), clock)).toBe(true);
    expect(mayFind(contextOf('let now = 0; now++;'), clock)).toBe(false);
    expect(mayFind(contextOf('await Promise.race([a, b]);'), races)).toBe(true);
    expect(mayFind(contextOf('await Promise.all([a, b]);'), races)).toBe(false);
    // Names are whole identifiers: `trace` is not `race`, `Dates` is not `Date`.
    expect(mayFind(contextOf('Promise.resolve(trace); const Dates = [];'), races)).toBe(false);
    expect(mayFind(contextOf('const Dates = [];'), clock)).toBe(false);
  });

  it('opens on a global entry only where the global is referenced as a value, unshadowed', () => {
    const clockOf = (code: string) => mayFind(contextOf(code), clock);
    expect(clockOf('interface Order { id: string; createdAt: Date; updatedAt: Date }')).toBe(false);
    expect(clockOf('export class Lease { expiresAt!: Date; renewedAt: Date | null = null; }')).toBe(false);
    expect(clockOf('export function age(o: { createdAt: Date }) { return o.createdAt; }')).toBe(false);
    expect(clockOf('export const stamp = () => new Date();')).toBe(true);
    expect(clockOf('const Clock = Date; export const now = () => new Clock();')).toBe(true);
    expect(clockOf('const schema = { dueDate: { type: Date } };')).toBe(true);
    // A local `Date` is not the global one.
    expect(clockOf('class Date { static now() { return 0; } } export const t = Date.now();')).toBe(false);
    // Plain JavaScript (no type references at all).
    expect(mayFind(contextOf('module.exports = () => Date.now();', 'clock.cjs'), clock)).toBe(true);
    expect(mayFind(at('const $Date = 1;'), clock)).toBe(false);
  });

  it('with frameworks on, opens where a value with a framework role can exist, and not elsewhere', () => {
    const acks = vocabularyOf(ctx, { roles: ['ack'], frameworks: true });
    const ackOf = (code: string, path?: string) => mayFind(contextOf(code, path), acks);
    // The module of a registrar, a class decorator or a typed role.
    expect(ackOf(`import express from 'express'; export const router = express.Router(); router.post('/orders', create);`)).toBe(true);
    // A router on which nothing is registered hands out no request.
    expect(ackOf(`import express from 'express'; export const router = express.Router();`)).toBe(false);
    expect(ackOf(`import { Controller } from '@nestjs/common';`)).toBe(true);
    // An ack of the catalog on a typed client: its module and its name.
    expect(ackOf(`import type { Channel } from 'amqplib';\nexport const done = (channel: Channel, msg) => channel.ack(msg);`)).toBe(true);
    expect(ackOf(`import type { Channel } from 'amqplib';`)).toBe(false);
    // A name a framework calls when it is exported (Lambda, Next route handlers).
    expect(ackOf('export const handler = async (event) => ({ statusCode: 200 });')).toBe(true);
    expect(ackOf('async function main(event) {}\nexport { main as handler };')).toBe(true);
    expect(ackOf('exports.handler = async (event) => {};', 'h.cjs')).toBe(true);
    expect(ackOf('export async function DELETE(req) { return new Response(null); }')).toBe(true);
    // The same words elsewhere: SQL text, a local function that is not exported, an export under another name.
    expect(ackOf(`import pg from 'pg';\nexport async function remove(c, id) { await c.query('DELETE FROM orders WHERE id = $1', [id]); }`)).toBe(false);
    expect(ackOf('function handler(event) {}\nhandler({});')).toBe(false);
    // The global `Request` as a declared type is the fetch request of a route handler.
    expect(ackOf('export async function create(req: Request) { return req.json(); }')).toBe(true);
    // A repository: durable writes, nothing that acknowledges.
    expect(ackOf(`import { Pool } from 'pg';\nconst pool = new Pool();\nexport const save = (o) => pool.query('INSERT INTO orders VALUES ($1)', [o.id]);`)).toBe(false);
  });

  it('escapes open every gate only where they can spell a name (identifiers and strings, not regular expressions)', () => {
    const clockOf = (code: string) => mayFind(contextWithTokens(code), clock);
    const writesOf = (code: string) => mayFind(contextWithTokens(code), writes);
    expect(clockOf(String.raw`export const slug = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');`)).toBe(false);
    expect(clockOf(String.raw`export const t = () => \u0044ate.now();`)).toBe(true);
    expect(writesOf(String.raw`const pg = require('\x70g');`)).toBe(true);
    expect(writesOf(String.raw`const sep = '\n'; const tab = '\t';`)).toBe(false);
  });

  it('opens on free-text fragments, case-insensitively', () => {
    const timeouts = vocabularyOf(ctx, { roles: ['timeout-source'], words: ['ETIMEDOUT'], fragments: ['time[ d_-]?out', 'timed out'] });
    expect(mayFind(at(`if (err.message.includes('Timed Out')) retry();`), timeouts)).toBe(true);
    expect(mayFind(at(`if (/socket time-out/.test(err.message)) retry();`), timeouts)).toBe(true);
    expect(mayFind(at(`if (err.code === 'ETIMEDOUT') retry();`), timeouts)).toBe(true);
    expect(mayFind(at(`if (err.code === 'ECONNRESET') retry();`), timeouts)).toBe(false);
  });

  it('stays open for an escaped identifier, an entry with no name, and outside the per-file untyped front end', () => {
    expect(mayFind(at('const t = \\u0044ate.now();'), clock)).toBe(true);
    const wildcard = { ...ctx, catalog: { ...ctx.catalog, entries: [...ctx.catalog.entries, { id: 'x', role: 'clock', target: { from: 'lib' as const, path: ['*', '()'] } }] } };
    expect(vocabularyOf(wildcard, { roles: ['clock'] }).alwaysOpen).toBe(true);
    expect(mayFind({ ...at('nothing here'), resolver: { callee: () => undefined } }, clock)).toBe(true);
    expect(mayFind({ ...at('nothing here'), types: {} as NonNullable<CheckContext['types']> }, clock)).toBe(true);
  });
});

describe('gates: checkers behind them', () => {
  it('skips the analysis of a closed gate and runs it behind an open one', () => {
    let runs = 0;
    const run = (): Finding[] => {
      runs++;
      return [];
    };
    const ctx = contextOf('');
    behindGate('r', ctx, false, run);
    expect(runs).toBe(0);
    behindGate('r', ctx, true, run);
    expect(runs).toBe(1);
  });

  it('in verification, a finding behind a closed gate throws instead of being dropped', () => {
    gates.verify = true;
    const ctx = contextOf('Date.now()');
    const finding = { ruleId: 'r', messageId: 'm', node: ctx.file.ast } as Finding;
    expect(() => behindGate('r', ctx, false, () => [finding])).toThrow(/the gate skipped file\.ts, which has 1 finding/);
    expect(behindGate('r', ctx, false, () => [])).toEqual([]);
  });

  it('no-unhandled-timeout: a timeout option named in the rule options opens its gate', () => {
    expect(checkNoUnhandledTimeout(contextOf(TIMED_WRITE))).toHaveLength(1);
    const custom = TIMED_WRITE.replace('timeout: 2500', 'ttlMs: 2500');
    expect(checkNoUnhandledTimeout(contextOf(custom))).toHaveLength(0);
    expect(checkNoUnhandledTimeout(contextOf(custom), { timeoutOptionNames: ['ttlMs'] })).toHaveLength(1);
  });

  it('no-ack-before-durable-write: a durable write named in the rule options opens its gate', () => {
    const code = `
import express from 'express';
import { saveOrder } from '@acme/orders';
const app = express();
app.post('/orders', (req, res) => {
  res.status(201).json({ ok: true });
  saveOrder(req.body);
});`;
    expect(checkNoAckBeforeDurableWrite(contextOf(code))).toHaveLength(0);
    const found = checkNoAckBeforeDurableWrite(contextOf(code), { durableWrites: [{ from: 'package', package: '@acme/orders', path: ['saveOrder', '()'] }] });
    expect(found.map((f) => f.messageId)).toEqual(['writeAfterAck']);
  });

  it('no-ack-before-durable-write: a write with nothing that acknowledges (a repository) is skipped; a handler is not', () => {
    const repository = `
import { Pool } from 'pg';
const pool = new Pool();
export async function save(order) {
  const pending = pool.query('INSERT INTO orders (id) VALUES ($1)', [order.id]);
  return { ok: true, pending };
}`;
    expect(mayFind(contextOf(repository), vocabularyOf(contextOf(repository), { roles: ['ack'], frameworks: true }))).toBe(false);
    expect(checkNoAckBeforeDurableWrite(contextOf(repository))).toHaveLength(0);
    // A node-style helper that tells its caller of success before the write settles: the callback is the ack.
    const helper = `
import { Pool } from 'pg';
const pool = new Pool();
export function save(order, callback) {
  pool.query('INSERT INTO orders (id) VALUES ($1)', [order.id]);
  callback(/* no error */ null, order.id);
}`;
    expect(checkNoAckBeforeDurableWrite(contextOf(helper)).map((f) => f.messageId)).toEqual(['ackBeforeWrite']);
  });

  it('no-unbounded-parse: a reader named in the rule options opens its gate', () => {
    const code = `
import express from 'express';
import { slurp } from '@acme/body';
const app = express();
app.post('/import', async (req, res) => {
  const raw = await slurp(req);
  res.json({ size: raw.length });
});`;
    expect(checkNoUnboundedParse(contextOf(code))).toHaveLength(0);
    const found = checkNoUnboundedParse(contextOf(code), { catalog: [{ id: 'acme.slurp', role: 'unbounded-reader', target: { from: 'package', package: '@acme/body', path: ['slurp', '()'] } }] });
    expect(found.map((f) => f.messageId)).toEqual(['unboundedRead']);
    // A utility that parses its own configuration: nothing hostile, nothing read.
    const util = `export const config = JSON.parse(process.env.APP_CONFIG ?? '{}');`;
    const ctx = contextOf(util);
    const roles = ['body-parser', 'upload-parser', 'socket-server', 'unbounded-reader', 'file-read', 'hostile-source'];
    expect(mayFind(ctx, vocabularyOf(ctx, { roles, frameworks: true }))).toBe(false);
  });

  it('no-unbounded-parse: opens on a parser, upload parser or reader, or on hostile input read chunk by chunk', () => {
    const gate = (code: string, options = {}) => unboundedParseGate(contextOf(code), options);
    const router = (body: string) => `import express from 'express';\nexport const router = express.Router();\nrouter.post('/orders', async (req, res) => {\n${body}\n});`;
    // A handler that uses the parsed body: nothing it does can read or parse without a bound. (Names are not
    // placed: a `res.json()` would open it, as `json` is also the name of express's parser.)
    expect(gate(router('  const order = await save(req.body);\n  res.status(201).send(order);'))).toBe(false);
    // A body parser configured on the route, a reader of the whole stream, an upload parser.
    expect(gate(router('  res.json(req.body);').replace("'/orders', ", "'/orders', express.json({ limit: '64kb' }), "))).toBe(true);
    expect(gate(`import getRawBody from 'raw-body';\n${router('  const raw = await getRawBody(req);\n  res.json({ size: raw.length });')}`)).toBe(true);
    expect(gate(`import multer from 'multer';\nexport const upload = multer({ dest: '/tmp' });`)).toBe(true);
    // The request read chunk by chunk: a 'data' listener, a read() loop, a for await (comments may sit in it).
    expect(gate(router("  let raw = '';\n  req.on('data', (chunk) => { raw += chunk; });"))).toBe(true);
    expect(gate(router('  const chunks = [];\n  for /* each */ await (const chunk of req) chunks.push(chunk);'))).toBe(true);
    expect(gate(router('  let chunk;\n  while ((chunk = req.read()) !== null) parts.push(chunk);'))).toBe(true);
    // The same reads with no hostile input in the file: a child process's output.
    expect(gate(`import { spawn } from 'node:child_process';\nexport function run(cmd) {\n  spawn(cmd).stdout.on('data', (chunk) => process.stdout.write(chunk));\n}`)).toBe(false);
    // A fetch route handler: its request's reader names, not the framework alone.
    expect(gate('export async function POST(req: Request) {\n  const body = await req.json();\n  return Response.json(body);\n}')).toBe(true);
    expect(gate("export async function POST(req: Request) {\n  return new Response('ok');\n}")).toBe(false);
    // With the payload options, hostile input alone keeps it open (a parse of a queue payload).
    const consumer = `import { Kafka } from 'kafkajs';\nconst consumer = new Kafka({ brokers: [] }).consumer({ groupId: 'g' });\nawait consumer.run({ eachMessage: async ({ message }) => handle(message.value) });`;
    expect(gate(consumer)).toBe(false);
    expect(gate(consumer, { checkQueuePayloads: true })).toBe(true);
  });

  it('no-unbounded-parse: a parser opens it only with a limit option, a reader of a file or stream only with hostile input', () => {
    const gate = (code: string) => unboundedParseGate(contextOf(code));
    const found = (code: string) => checkNoUnboundedParse(contextOf(code)).map((f) => f.messageId);
    // A body parser at its defaults is bounded: a finding needs one of its limit options set.
    const app = (parser: string) => `import express from 'express';\nconst app = express();\napp.use(${parser});\napp.post('/orders', (req, res) => res.status(201).send(req.body));`;
    expect(gate(app('express.json()'))).toBe(false);
    expect(gate(app("express.json({ limit: '50mb' })"))).toBe(true);
    expect(found(app("express.json({ limit: '50mb' })"))).toEqual(['bodyLimitTooLarge']);
    const koa = (options: string) => `import Koa from 'koa';\nimport bodyParser from 'koa-bodyparser';\nconst app = new Koa();\napp.use(bodyParser(${options}));`;
    expect(gate(koa(''))).toBe(false);
    expect(found(koa("{ jsonLimit: '500mb' }"))).toEqual(['bodyLimitTooLarge']);
    // A reader bounded by default, and a socket.io server: reported only with their limit option raised.
    const koaRead = (options: string) => `import Koa from 'koa';\nimport parse from 'co-body';\nconst app = new Koa();\napp.use(async (ctx) => {\n  ctx.body = await parse.json(ctx${options});\n});`;
    expect(gate(koaRead(''))).toBe(false);
    expect(found(koaRead(", { limit: '2gb' }"))).toEqual(['unboundedRead']);
    const io = (options: string) => `import { createServer } from 'node:http';\nimport { Server } from 'socket.io';\nexport const io = new Server(createServer()${options});\nio.on('connection', (socket) => socket.on('order', (raw) => handle(JSON.parse(raw))));`;
    expect(gate(io(''))).toBe(false);
    expect(found(io(', { maxHttpBufferSize: 1e9 }'))).toEqual(['bodyLimitTooLarge']);
    // A whole-file read: of a file the code chose (no hostile input in the file), of a file the request chose.
    const config = `import { readFileSync } from 'node:fs';\nexport const config = JSON.parse(readFileSync(new URL('./config.json', import.meta.url), 'utf8'));`;
    expect(gate(config)).toBe(false);
    const report = `import express from 'express';\nimport { readFile } from 'node:fs/promises';\nexport const router = express.Router();\nrouter.get('/reports', async (req, res) => {\n  const report = JSON.parse(await readFile(String(req.query.file), 'utf8'));\n  res.send(report.title);\n});`;
    expect(gate(report)).toBe(true);
    expect(found(report)).toEqual(['unboundedFileRead']);
  });

  it("gates: a framework's values need that framework, and exports count only as exports", () => {
    const gate = (code: string) => unboundedParseGate(contextOf(code));
    // A client that posts with fetch and reads the response: 'POST' is a string here, not a Next.js route's export,
    // and express hands out no fetch Request.
    const client = `export async function createOrder(order: unknown) {\n  const res = await fetch('https://orders.internal/v1', { method: 'POST', body: JSON.stringify(order) });\n  return res.json();\n}`;
    expect(gate(client)).toBe(false);
    expect(gate(`import express from 'express';\nexport const router = express.Router();\nrouter.get('/orders', async (req, res) => res.json(await list()));`)).toBe(false);
    // A route handler exported under its method's name, however it is exported.
    const handler = `async function create(req) {\n  const body = await req.json();\n  return Response.json(body);\n}\n`;
    expect(gate(`${handler}export { create as POST };`)).toBe(true);
    expect(gate(`${handler}export const POST = create;`)).toBe(true);
    expect(gate(`${handler}module.exports = { POST: create };`)).toBe(true);
    expect(gate(`${handler}export { create };`)).toBe(false);
    // A content-type parser on the instance that fastify-plugin hands over: the parser's framework is reached
    // through the one that hands out the instance (its registrar is rooted at the instance).
    const plugin = `import fp from 'fastify-plugin';\nexport default fp(async (app) => {\n  app.addContentTypeParser('application/x-ndjson', async (request, payload) => {\n    const chunks = [];\n    for await (const chunk of payload) chunks.push(chunk);\n    return JSON.parse(Buffer.concat(chunks).toString('utf8'));\n  });\n});`;
    expect(gate(plugin)).toBe(true);
    expect(checkNoUnboundedParse(contextOf(plugin)).map((f) => f.messageId)).toEqual(['unboundedAccumulation']);
  });

  it("gates: a framework of some files only (Next.js API routes) opens on the file's path, and only there", () => {
    // A default export whose `req` is read chunk by chunk: a request only under `pages/api`.
    const route = `export default async function handler(req, res) {\n  const chunks = [];\n  for await (const chunk of req) chunks.push(chunk);\n  res.json(JSON.parse(Buffer.concat(chunks).toString('utf8')));\n}\n`;
    const gate = (path: string) => unboundedParseGate(contextOf(route, path));
    expect(gate('/srv/shop/pages/api/webhook.js')).toBe(true);
    expect(gate('C:\\shop\\src\\pages\\api\\orders\\[id].js')).toBe(true);
    expect(gate('/srv/shop/lib/webhook.js')).toBe(false);
    expect(gate('/srv/shop/pages/api-docs/webhook.js')).toBe(false);
    expect(gate('/srv/shop/pages/orders.js')).toBe(false);
    expect(checkNoUnboundedParse(contextOf(route, '/srv/shop/pages/api/webhook.js')).map((f) => f.messageId)).toEqual(['unboundedAccumulation']);
    // The same route in another file is not one: nothing there makes \`req\` a request.
    gates.verify = true;
    expect(checkNoUnboundedParse(contextOf(route, '/srv/shop/lib/webhook.js'))).toHaveLength(0);
  });

  it('gates: a framework that calls default exports in every file (from settings) opens on `export default` and `module.exports =`', () => {
    const frameworks = [{ id: 'settings.default-handler', kind: 'http', exportNames: ['default'], params: ['http.request', 'http.response'] }];
    const gate = (code: string) => unboundedParseGate(createCheckContext(parseSource(code, 'file.js'), { catalog: { frameworks } }));
    const body = `(req, res) => {\n  const chunks = [];\n  req.on('data', (c) => chunks.push(c));\n  req.on('end', () => res.end(JSON.parse(Buffer.concat(chunks).toString())));\n}`;
    expect(gate(`export default ${body};`)).toBe(true);
    expect(gate(`module.exports = ${body};`)).toBe(true);
    expect(gate(`const handle = ${body};\nexport default handle;`)).toBe(true);
    expect(gate(`export const handle = ${body};`)).toBe(false);
  });

  it('no-wall-clock-at-boundary: a clock named in the rule options opens its gate', () => {
    const code = `
import { Pool } from 'pg';
import { currentTime } from '@acme/clock';
const pool = new Pool();
export async function expire(id: string) {
  await pool.query('UPDATE leases SET expires_at = $1 WHERE id = $2', [currentTime() + 30000, id]);
}`;
    expect(checkNoWallClockAtBoundary(contextOf(code))).toHaveLength(0);
    const found = checkNoWallClockAtBoundary(contextOf(code), { clocks: [{ from: 'package', package: '@acme/clock', path: ['currentTime', '()'] }] });
    expect(found).toHaveLength(1);
  });
});

describe('gates: no-ack-before-durable-write', () => {
  const gate = (code: string, path?: string) => ackBeforeWriteGate(contextOf(code, path), true);

  it("a write rooted at a framework's value needs a framework that hands it out, not only the names of its path", () => {
    // `publish` in a URL of an HTTP client, next to an express response: no channel of amqplib's callback API exists.
    const client = `import express from 'express';
import got from 'got';
export const app = express();
app.post('/carts/:id/publish', async (req, res) => {
  await got.post(\`carts/\${req.params.id}/publish\`).json();
  res.json({ published: true });
});`;
    expect(gate(client)).toBe(false);
    // Where amqplib's callback API hands out a channel, its publish is a write.
    const worker = `const amqp = require('amqplib/callback_api');
amqp.connect(process.env.AMQP_URL, (err, conn) => {
  conn.createChannel((err2, ch) => {
    ch.consume('orders', (msg) => {
      ch.ack(msg);
      ch.publish('events', 'order.accepted', msg.content);
    });
  });
});`;
    expect(gate(worker, 'worker.cjs')).toBe(true);
  });
});

describe('gates: words and fragments', () => {
  const ctx = contextOf('');
  const at = (text: string) => ({ ...ctx, file: { ...ctx.file, text } });

  it('opens on every word, those a fragment also finds and the others', () => {
    const vocabulary = vocabularyOf(ctx, { roles: [], fragments: ['time[ d_-]?out'], words: ['TimeoutError', 'ERR_CANCELED'] });
    expect(mayFind(at('if (err.name === "TimeoutError") retry();'), vocabulary)).toBe(true);
    expect(mayFind(at('if (err.code === "ERR_CANCELED") return;'), vocabulary)).toBe(true);
    expect(mayFind(at('const ERR_CANCELEDX = 1;'), vocabulary)).toBe(false);
  });

  it('keeps a word that a fragment looking around it finds only on its own', () => {
    // `abc(?=$)` finds `zabc` alone, but not in `zabc.`, where the word still stands.
    const vocabulary = vocabularyOf(ctx, { roles: [], fragments: ['abc(?=$)'], words: ['zabc'] });
    expect(mayFind(at('zabc.'), vocabulary)).toBe(true);
  });
});

describe('gates: entries rooted at a role', () => {
  const ctx = contextOf('');
  const at = (text: string, path = 'file.cjs') => ({ ...ctx, file: { ...ctx.file, text, path } });

  it('need a framework that hands out the role, also in a gate that does not ask about frameworks', () => {
    // `roles` only: the channel publish of amqplib's callback API is rooted at the role `amqplib.channel`.
    const writes = vocabularyOf(ctx, { roles: ['durable-write'] });
    expect(mayFind(at("const got = require('got');\ngot.post(`carts/${id}/publish`);"), writes)).toBe(false);
    const worker = `const amqp = require('amqplib/callback_api');
amqp.connect(url, (err, conn) => conn.createChannel((err2, ch) => ch.publish('events', 'k', body)));`;
    expect(mayFind(at(worker), writes)).toBe(true);
  });
});
