#!/usr/bin/env node
// Generates a deterministic, varied corpus of Node.js service code for the benchmark: Express,
// Fastify and Koa handlers, repositories on pg, knex, Prisma, TypeORM and Mongoose, kafkajs,
// amqplib and BullMQ consumers, axios/got/fetch clients, services and utilities; TypeScript and
// JavaScript (ESM and CommonJS); 30-400 lines a file, plus a tsconfig.json and a package.json so that
// `tsc --noEmit` and `assume check` load it as a project. The code parses but is never run: imports of
// 'express', 'pg', ... only need to parse. The project modules the files import from their folder
// (`./db.js`, `./logger.js`, `./order-repository.js`, ...) are written too, so calls cross files.
//
// usage: node bench/generate.mjs [--files N] [--seed S] [--out DIR]
//        node bench/generate.mjs --big-file LINES [--seed S] [--out DIR]
import { mkdirSync, readdirSync, rmSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { join, dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { optionOf } from './args.mjs';

// ---------------------------------------------------------------------------------------------
// Seeded PRNG (mulberry32): the same seed gives the same corpus on every machine.

export function createRng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (arr) => arr[Math.floor(next() * arr.length)];
  const chance = (p) => next() < p;
  const sample = (arr, n) => {
    const copy = [...arr];
    const out = [];
    while (out.length < n && copy.length) out.push(copy.splice(Math.floor(next() * copy.length), 1)[0]);
    return out;
  };
  return { next, int, pick, chance, sample };
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

const ENTITIES = [
  ['order', 'orders'], ['invoice', 'invoices'], ['customer', 'customers'], ['shipment', 'shipments'],
  ['payment', 'payments'], ['refund', 'refunds'], ['subscription', 'subscriptions'], ['product', 'products'],
  ['cart', 'carts'], ['coupon', 'coupons'], ['ticket', 'tickets'], ['booking', 'bookings'],
  ['account', 'accounts'], ['transfer', 'transfers'], ['review', 'reviews'], ['warehouse', 'warehouses'],
  ['notification', 'notifications'], ['member', 'members'], ['device', 'devices'], ['report', 'reports'],
  ['listing', 'listings'], ['driver', 'drivers'], ['route', 'routes'], ['policy', 'policies'],
  ['claim', 'claims'], ['quote', 'quotes'], ['lead', 'leads'], ['campaign', 'campaigns'],
];

const FIELDS = [
  { name: 'customerId', ts: 'string', col: 'customer_id', sample: "'cus_123'", mongo: 'String' },
  { name: 'status', ts: 'string', col: 'status', sample: "'pending'", mongo: 'String' },
  { name: 'amountMinor', ts: 'number', col: 'amount_minor', sample: '1999', mongo: 'Number' },
  { name: 'currency', ts: 'string', col: 'currency', sample: "'EUR'", mongo: 'String' },
  { name: 'email', ts: 'string', col: 'email', sample: "'a@example.test'", mongo: 'String' },
  { name: 'sku', ts: 'string', col: 'sku', sample: "'SKU-1'", mongo: 'String' },
  { name: 'quantity', ts: 'number', col: 'quantity', sample: '2', mongo: 'Number' },
  { name: 'note', ts: 'string | null', col: 'note', sample: 'null', mongo: 'String' },
  { name: 'title', ts: 'string', col: 'title', sample: "'Untitled'", mongo: 'String' },
  { name: 'description', ts: 'string', col: 'description', sample: "''", mongo: 'String' },
  { name: 'priority', ts: 'number', col: 'priority', sample: '3', mongo: 'Number' },
  { name: 'region', ts: 'string', col: 'region', sample: "'eu-west'", mongo: 'String' },
  { name: 'tags', ts: 'string[]', col: 'tags', sample: '[]', mongo: '[String]' },
  { name: 'externalRef', ts: 'string | null', col: 'external_ref', sample: 'null', mongo: 'String' },
  { name: 'ownerId', ts: 'string', col: 'owner_id', sample: "'usr_1'", mongo: 'String' },
  { name: 'score', ts: 'number', col: 'score', sample: '0', mongo: 'Number' },
  { name: 'archived', ts: 'boolean', col: 'archived', sample: 'false', mongo: 'Boolean' },
  { name: 'url', ts: 'string', col: 'url', sample: "'https://example.test'", mongo: 'String' },
  { name: 'dueDate', ts: 'string | null', col: 'due_date', sample: 'null', mongo: 'Date' },
  { name: 'weightGrams', ts: 'number', col: 'weight_grams', sample: '500', mongo: 'Number' },
];

const STATUSES = ['pending', 'active', 'approved', 'rejected', 'cancelled', 'completed', 'failed', 'archived'];
const ACTIONS = ['approve', 'cancel', 'archive', 'restore', 'confirm', 'reopen', 'close', 'assign', 'escalate', 'verify', 'publish', 'suspend'];
const QUEUES = ['created', 'updated', 'deleted', 'settled', 'expired', 'imported', 'synced', 'reconciled'];
const SERVICES = ['billing', 'inventory', 'shipping', 'crm', 'loyalty', 'search', 'fraud', 'tax', 'email', 'ledger'];

const cap = (s) => s[0].toUpperCase() + s.slice(1);
const snake = (s) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function makeEntity(rng) {
  const [name, plural] = rng.pick(ENTITIES);
  const fields = rng.sample(FIELDS, rng.int(4, 9));
  return { name, plural, Name: cap(name), Plural: cap(plural), table: snake(plural), fields };
}

// ---------------------------------------------------------------------------------------------
// Emission context: language (ts/js), module style (esm/cjs), unique local names.

function makeCtx(rng, { lang, cjs, exported = true }) {
  const used = new Set();
  const ctx = {
    rng,
    lang,
    ts: lang === 'ts',
    cjs,
    imports: [],
    importNames: new Set(),
    /** Project modules imported (`./db.js`, `./order-repository.js`): `generateCorpus` writes them. */
    localImports: [],
    /** `: T` in TypeScript, nothing in JavaScript. */
    t: (type) => (lang === 'ts' ? `: ${type}` : ''),
    /** `<T>` generic argument in TypeScript only. */
    g: (type) => (lang === 'ts' ? `<${type}>` : ''),
    as: (type) => (lang === 'ts' ? ` as ${type}` : ''),
    exp: () => (exported && !cjs ? 'export ' : ''),
    exported,
    unique(base) {
      let name = base;
      for (let i = 2; used.has(name); i++) name = `${base}${i}`;
      used.add(name);
      return name;
    },
    /** Adds an import once. `what` is `default`, `{ a, b }` or `* as x`, with the local binding. */
    imp(module, spec) {
      const key = `${module}|${spec}`;
      if (ctx.importNames.has(key)) return;
      ctx.importNames.add(key);
      if (module.startsWith('./')) ctx.localImports.push(module);
      if (cjs) {
        if (spec.startsWith('{')) ctx.imports.push(`const ${spec.replace(/ as /g, ': ')} = require('${module}');`);
        else if (spec.startsWith('* as ')) ctx.imports.push(`const ${spec.slice(5)} = require('${module}');`);
        else ctx.imports.push(`const ${spec} = require('${module}');`);
      } else {
        ctx.imports.push(`import ${spec} from '${module}';`);
      }
    },
    /** Type-only import (TypeScript). */
    impType(module, spec) {
      if (lang !== 'ts') return;
      const key = `type|${module}|${spec}`;
      if (ctx.importNames.has(key)) return;
      ctx.importNames.add(key);
      ctx.imports.push(`import type ${spec} from '${module}';`);
    },
  };
  return ctx;
}

function interfaceFor(ctx, e, name = e.Name) {
  if (!ctx.ts) return [];
  return [
    `${ctx.exp()}interface ${name} {`,
    '  id: string;',
    ...e.fields.map((f) => `  ${f.name}: ${f.ts};`),
    '  createdAt: Date;',
    '  updatedAt: Date;',
    '}',
    '',
  ];
}

/** A log statement in the file's one logging style (pino-style logger, console, or a debug log). */
function logLine(ctx, msg, extra = '') {
  ctx.logStyle ??= ctx.rng.int(0, 2);
  return ([
    `logger.info(${extra ? `{ ${extra} }, ` : ''}'${msg}');`,
    `console.log('${msg}'${extra ? `, { ${extra} }` : ''});`,
    `log.debug(${extra ? `{ ${extra} }, ` : ''}'${msg}');`,
  ])[ctx.logStyle];
}

function ensureLogger(ctx, body) {
  const text = body.join('\n');
  if (text.includes('logger.')) ctx.imp('./logger.js', '{ logger }');
  if (text.includes('log.debug')) ctx.imp('./logger.js', '{ logger as log }');
}

const indent = (lines, n = 2) => lines.map((l) => (l ? ' '.repeat(n) + l : l));

// ---------------------------------------------------------------------------------------------
// Express

function expressFile(ctx, e, target) {
  const { rng } = ctx;
  ctx.imp('express', 'express');
  const repo = `${e.name}Repository`;
  ctx.imp(`./${e.name}-repository.js`, `{ ${repo} }`);
  const body = [...interfaceFor(ctx, e)];
  const router = ctx.unique(`${e.name}Router`);
  body.push(`${ctx.exp()}const ${router} = express.Router();`, '');
  const units = [
    () => [
      `${router}.get('/', async (req, res, next) => {`,
      '  try {',
      '    const limit = Math.min(Number(req.query.limit ?? 20), 100);',
      '    const offset = Math.max(Number(req.query.offset ?? 0), 0);',
      `    const items = await ${repo}.list({ limit, offset${rng.chance(0.5) ? ', status: req.query.status' : ''} });`,
      '    res.json({ items, limit, offset, hasMore: items.length === limit });',
      '  } catch (err) {',
      '    next(err);',
      '  }',
      '});',
    ],
    () => [
      `${router}.get('/:id', async (req, res) => {`,
      `  const ${e.name} = await ${repo}.findById(req.params.id);`,
      `  if (!${e.name}) {`,
      `    res.status(404).json({ error: '${e.name} not found' });`,
      '    return;',
      '  }',
      `  res.json(${e.name});`,
      '});',
    ],
    () => {
      const required = e.fields.slice(0, rng.int(1, Math.min(3, e.fields.length)));
      return [
        `${router}.post('/', express.json(${rng.chance(0.3) ? `{ limit: '${rng.pick(['64kb', '512kb', '1mb'])}' }` : ''}), async (req, res) => {`,
        `  const input = req.body${ctx.as(`Partial<${ctx.ts ? e.Name : 'unknown'}>`)};`,
        ...required.map((f) => `  if (input.${f.name} === undefined) return res.status(400).json({ error: '${f.name} is required' });`),
        `  const created = await ${repo}.create({`,
        ...e.fields.map((f) => `    ${f.name}: input.${f.name} ?? ${f.sample},`),
        '  });',
        `  ${logLine(ctx, `${e.name} created`, 'id: created.id')}`,
        `  res.status(201).location(\`/${e.plural}/\${created.id}\`).json(created);`,
        '});',
      ];
    },
    () => {
      const f = rng.pick(e.fields);
      return [
        `${router}.patch('/:id', express.json(), async (req, res) => {`,
        `  const current = await ${repo}.findById(req.params.id);`,
        "  if (!current) return res.sendStatus(404);",
        '  if (req.body.version !== undefined && req.body.version !== current.version) {',
        "    return res.status(409).json({ error: 'version conflict' });",
        '  }',
        `  const updated = await ${repo}.update(req.params.id, { ${f.name}: req.body.${f.name} ?? current.${f.name} });`,
        '  res.json(updated);',
        '});',
      ];
    },
    () => [
      `${router}.delete('/:id', async (req, res, next) => {`,
      `  ${repo}`,
      '    .remove(req.params.id)',
      '    .then((removed) => (removed ? res.sendStatus(204) : res.sendStatus(404)))',
      '    .catch(next);',
      '});',
    ],
    () => {
      const action = ctx.unique(rng.pick(ACTIONS));
      const svc = rng.pick(SERVICES);
      ctx.imp('axios', 'axios');
      return [
        `${router}.post('/:id/${action}', async (req, res) => {`,
        `  const ${e.name} = await ${repo}.findById(req.params.id);`,
        `  if (!${e.name}) return res.sendStatus(404);`,
        `  await ${repo}.update(${e.name}.id, { status: '${rng.pick(STATUSES)}' });`,
        '  try {',
        `    await axios.post(\`\${process.env.${svc.toUpperCase()}_URL}/events\`, { type: '${e.name}.${action}', id: ${e.name}.id }, {`,
        `      timeout: ${rng.pick([2000, 3000, 5000, 10000])},`,
        `      headers: { 'Idempotency-Key': \`${e.name}-${action}-\${${e.name}.id}\` },`,
        '    });',
        '  } catch (err) {',
        `    ${logLine(ctx, `${svc} notification deferred`, 'err')}`,
        '  }',
        `  res.json({ id: ${e.name}.id, status: '${action}d' });`,
        '});',
      ];
    },
    () => [
      `${router}.use((req, res, next) => {`,
      '  const started = Date.now();',
      "  res.on('finish', () => {",
      `    ${logLine(ctx, 'request', 'method: req.method, path: req.path, status: res.statusCode, ms: Date.now() - started')}`,
      '  });',
      '  next();',
      '});',
    ],
    () => [
      `${router}.get('/:id/export', async (req, res) => {`,
      `  const rows = await ${repo}.list({ limit: 1000, offset: 0, ownerId: req.params.id });`,
      "  res.setHeader('content-type', 'text/csv');",
      `  const header = ['id', ${e.fields.slice(0, 4).map((f) => `'${f.col}'`).join(', ')}].join(',');`,
      `  const lines = rows.map((r) => [r.id, ${e.fields.slice(0, 4).map((f) => `r.${f.name}`).join(', ')}].join(','));`,
      "  res.send([header, ...lines].join('\\n'));",
      '});',
    ],
    () => [
      `${router}.post('/import', express.text({ type: 'text/csv', limit: '${rng.pick(['256kb', '1mb', '2mb'])}' }), async (req, res) => {`,
      "  const [, ...rows] = String(req.body).split(/\\r?\\n/).filter(Boolean);",
      '  let imported = 0;',
      '  for (const row of rows) {',
      "    const cells = row.split(',');",
      `    await ${repo}.create({ ${e.fields.slice(0, 3).map((f, i) => `${f.name}: cells[${i}]`).join(', ')} });`,
      '    imported++;',
      '  }',
      '  res.status(201).json({ imported });',
      '});',
    ],
  ];
  composeUnits(ctx, body, units, target, 10);
  body.push(
    '',
    `${router}.use((err, req, res, _next) => {`,
    `  ${logLine(ctx, 'request failed', 'err')}`,
    "  res.status(err.status ?? 500).json({ error: err.expose ? err.message : 'internal error' });",
    '});',
  );
  if (ctx.cjs) body.push('', `module.exports = { ${router} };`);
  ensureLogger(ctx, body);
  return body;
}

// ---------------------------------------------------------------------------------------------
// Fastify

function fastifyFile(ctx, e, target) {
  const { rng } = ctx;
  const repo = `${e.plural}`;
  ctx.imp(`./${e.name}-store.js`, `{ ${repo} }`);
  if (ctx.ts) ctx.impType('fastify', '{ FastifyInstance }');
  const body = [...interfaceFor(ctx, e)];
  const schemaName = ctx.unique(`${e.name}Schema`);
  body.push(
    `const ${schemaName} = {`,
    "  type: 'object',",
    `  required: [${e.fields.slice(0, 2).map((f) => `'${f.name}'`).join(', ')}],`,
    '  properties: {',
    ...e.fields.map((f) => `    ${f.name}: { type: '${f.ts.startsWith('number') ? 'number' : f.ts.startsWith('boolean') ? 'boolean' : f.ts.endsWith('[]') ? 'array' : 'string'}' },`),
    '  },',
    '  additionalProperties: false,',
    '};',
    '',
  );
  const fn = ctx.unique(`${e.name}Routes`);
  const head = ctx.cjs ? `async function ${fn}(fastify${ctx.t('FastifyInstance')}) {` : `${ctx.exp()}${ctx.exported ? 'default ' : ''}async function ${fn}(fastify${ctx.t('FastifyInstance')}) {`;
  body.push(head);
  const inner = [];
  const units = [
    () => [
      `fastify.get('/${e.plural}', async (request) => {`,
      `  const { limit = 20, cursor } = request.query${ctx.as('{ limit?: number; cursor?: string }')};`,
      `  return ${repo}.page({ limit: Math.min(limit, 100), cursor });`,
      '});',
    ],
    () => [
      `fastify.get('/${e.plural}/:id', async (request, reply) => {`,
      `  const { id } = request.params${ctx.as('{ id: string }')};`,
      `  const found = await ${repo}.get(id);`,
      `  if (!found) return reply.code(404).send({ error: 'not found' });`,
      '  return found;',
      '});',
    ],
    () => [
      `fastify.post('/${e.plural}', { schema: { body: ${schemaName} } }, async (request, reply) => {`,
      `  const created = await ${repo}.insert(request.body${ctx.as(`Omit<${ctx.ts ? e.Name : 'never'}, 'id' | 'createdAt' | 'updatedAt'>`)});`,
      `  ${logLine(ctx, `${e.name} stored`, 'id: created.id')}`,
      '  reply.code(201);',
      '  return created;',
      '});',
    ],
    () => {
      const action = ctx.unique(rng.pick(ACTIONS));
      return [
        `fastify.post('/${e.plural}/:id/${action}', async (request, reply) => {`,
        `  const { id } = request.params${ctx.as('{ id: string }')};`,
        `  const changed = await ${repo}.transition(id, '${rng.pick(STATUSES)}');`,
        "  if (!changed) return reply.code(409).send({ error: 'invalid transition' });",
        '  return reply.send({ ok: true });',
        '});',
      ];
    },
    () => [
      `fastify.delete('/${e.plural}/:id', async (request, reply) => {`,
      `  await ${repo}.remove((request.params${ctx.as('{ id: string }')}).id);`,
      '  return reply.code(204).send();',
      '});',
    ],
    () => [
      "fastify.addHook('onResponse', async (request, reply) => {",
      `  ${logLine(ctx, 'served', "url: request.url, status: reply.statusCode, ms: reply.elapsedTime")}`,
      '});',
    ],
  ];
  composeUnits(ctx, inner, units, target - body.length, 8);
  body.push(...indent(inner), '}');
  if (ctx.cjs) body.push('', `module.exports = ${fn};`);
  ensureLogger(ctx, body);
  return body;
}

// ---------------------------------------------------------------------------------------------
// Koa

function koaFile(ctx, e, target) {
  const { rng } = ctx;
  ctx.imp('@koa/router', 'Router');
  ctx.imp('koa-bodyparser', 'bodyParser');
  ctx.imp(`./models/${e.name}.js`, `{ ${e.Name} }`);
  const body = [...interfaceFor(ctx, e, `${e.Name}Input`)];
  const router = ctx.unique('router');
  body.push(`${ctx.exp()}const ${router} = new Router({ prefix: '/${e.plural}' });`, `${router}.use(bodyParser());`, '');
  const units = [
    () => [
      `${router}.get('/', async (ctx) => {`,
      `  const page = Math.max(1, Number(ctx.query.page ?? 1));`,
      `  ctx.body = await ${e.Name}.find({ archived: false }).skip((page - 1) * 25).limit(25).lean();`,
      '});',
    ],
    () => [
      `${router}.get('/:id', async (ctx) => {`,
      `  const doc = await ${e.Name}.findById(ctx.params.id).lean();`,
      `  ctx.assert(doc, 404, '${e.name} not found');`,
      '  ctx.body = doc;',
      '});',
    ],
    () => [
      `${router}.post('/', async (ctx) => {`,
      `  const input = ctx.request.body${ctx.as(`${e.Name}Input`)};`,
      `  const doc = await ${e.Name}.create(input);`,
      '  ctx.status = 201;',
      '  ctx.body = doc;',
      '});',
    ],
    () => {
      const f = rng.pick(e.fields);
      return [
        `${router}.put('/:id/${f.name}', async (ctx) => {`,
        `  const value = (ctx.request.body${ctx.as('{ value?: unknown }')}).value;`,
        `  ctx.assert(value !== undefined, 400, 'value is required');`,
        `  const res = await ${e.Name}.updateOne({ _id: ctx.params.id }, { $set: { ${f.name}: value } });`,
        '  ctx.status = res.matchedCount ? 204 : 404;',
        '});',
      ];
    },
    () => [
      `${router}.use(async (ctx, next) => {`,
      '  try {',
      '    await next();',
      '  } catch (err) {',
      '    ctx.status = err.status ?? 500;',
      "    ctx.body = { error: ctx.status < 500 ? err.message : 'internal error' };",
      `    ${logLine(ctx, 'koa error', 'err')}`,
      '  }',
      '});',
    ],
  ];
  composeUnits(ctx, body, units, target, 6);
  if (ctx.cjs) body.push('', `module.exports = { ${router} };`);
  ensureLogger(ctx, body);
  return body;
}

// ---------------------------------------------------------------------------------------------
// Repositories

function pgRepositoryFile(ctx, e, target) {
  const { rng } = ctx;
  ctx.imp('pg', 'pg');
  const cols = e.fields.map((f) => f.col);
  const body = [...interfaceFor(ctx, e)];
  const Cls = ctx.unique(`${e.Name}Repository`);
  const row = ctx.ts ? e.Name : '';
  body.push(
    `function toModel(row${ctx.t('Record<string, any>')})${ctx.t(row)} {`,
    '  return {',
    '    id: row.id,',
    ...e.fields.map((f) => `    ${f.name}: row.${f.col},`),
    '    createdAt: row.created_at,',
    '    updatedAt: row.updated_at,',
    '  };',
    '}',
    '',
    `${ctx.exp()}class ${Cls} {`,
    ctx.ts ? '  constructor(private readonly pool: pg.Pool) {}' : '  constructor(pool) {\n    this.pool = pool;\n  }',
    '',
  );
  const inner = [];
  const units = [
    () => [
      `async findById(id${ctx.t('string')})${ctx.t(`Promise<${row} | null>`)} {`,
      `  const { rows } = await this.pool.query('SELECT * FROM ${e.table} WHERE id = $1', [id]);`,
      '  return rows[0] ? toModel(rows[0]) : null;',
      '}',
    ],
    () => [
      `async list(limit = 50, offset = 0)${ctx.t(`Promise<${row}[]>`)} {`,
      '  const { rows } = await this.pool.query(',
      `    'SELECT * FROM ${e.table} WHERE archived IS NOT TRUE ORDER BY id LIMIT $1 OFFSET $2',`,
      '    [limit, offset],',
      '  );',
      '  return rows.map(toModel);',
      '}',
    ],
    () => [
      `async insert(input${ctx.t(`Omit<${row}, 'id' | 'createdAt' | 'updatedAt'>`)})${ctx.t(`Promise<${row}>`)} {`,
      '  const { rows } = await this.pool.query(',
      `    \`INSERT INTO ${e.table} (${cols.join(', ')})`,
      `     VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING *\`,`,
      `    [${e.fields.map((f) => `input.${f.name}`).join(', ')}],`,
      '  );',
      '  return toModel(rows[0]);',
      '}',
    ],
    () => {
      const f = rng.pick(e.fields);
      return [
        `async set${cap(f.name)}(id${ctx.t('string')}, value${ctx.t(f.ts)})${ctx.t('Promise<boolean>')} {`,
        `  const { rowCount } = await this.pool.query('UPDATE ${e.table} SET ${f.col} = $2, updated_at = now() WHERE id = $1', [id, value]);`,
        '  return rowCount === 1;',
        '}',
      ];
    },
    () => [
      `async removeMany(ids${ctx.t('string[]')})${ctx.t('Promise<number>')} {`,
      '  const client = await this.pool.connect();',
      '  try {',
      "    await client.query('BEGIN');",
      `    const { rowCount } = await client.query('DELETE FROM ${e.table} WHERE id = ANY($1)', [ids]);`,
      `    await client.query('INSERT INTO audit_log (entity, action, ids) VALUES ($1, $2, $3)', ['${e.name}', 'delete', ids]);`,
      "    await client.query('COMMIT');",
      '    return rowCount ?? 0;',
      '  } catch (err) {',
      "    await client.query('ROLLBACK');",
      '    throw err;',
      '  } finally {',
      '    client.release();',
      '  }',
      '}',
    ],
    () => [
      `async countBy${cap(rng.pick(['status', 'region', 'owner']))}()${ctx.t('Promise<Map<string, number>>')} {`,
      `  const { rows } = await this.pool.query('SELECT status AS key, count(*)::int AS n FROM ${e.table} GROUP BY status');`,
      '  return new Map(rows.map((r) => [r.key, r.n]));',
      '}',
    ],
  ];
  composeUnits(ctx, inner, units, target - body.length, 8, true);
  body.push(...indent(inner), '}');
  if (ctx.cjs) body.push('', `module.exports = { ${Cls} };`);
  return body;
}

function knexRepositoryFile(ctx, e, target) {
  const { rng } = ctx;
  ctx.imp('./db.js', '{ db }');
  const body = [...interfaceFor(ctx, e)];
  const table = `'${e.table}'`;
  const objName = ctx.unique(`${e.name}Repository`);
  body.push(`${ctx.exp()}const ${objName} = {`);
  const inner = [];
  const units = [
    () => [
      `async findById(id${ctx.t('string')}) {`,
      `  return db${ctx.g(e.Name)}(${table}).where({ id }).first();`,
      '},',
    ],
    () => [
      `async list({ limit = 20, offset = 0, status }${ctx.t('{ limit?: number; offset?: number; status?: string }')} = {}) {`,
      `  const q = db(${table}).select('*').orderBy('id').limit(limit).offset(offset);`,
      '  if (status) q.where({ status });',
      '  return q;',
      '},',
    ],
    () => [
      `async create(input${ctx.t('Record<string, unknown>')}) {`,
      `  const [row] = await db(${table}).insert(input).returning('*');`,
      '  return row;',
      '},',
    ],
    () => [
      `async update(id${ctx.t('string')}, patch${ctx.t('Record<string, unknown>')}) {`,
      `  const [row] = await db(${table}).where({ id }).update({ ...patch, updated_at: db.fn.now() }).returning('*');`,
      '  return row ?? null;',
      '},',
    ],
    () => [
      `async remove(id${ctx.t('string')}) {`,
      `  return (await db(${table}).where({ id }).del()) > 0;`,
      '},',
    ],
    () => {
      const f = rng.pick(e.fields);
      return [
        `async bulkSet${cap(f.name)}(ids${ctx.t('string[]')}, value${ctx.t(f.ts)}) {`,
        '  return db.transaction(async (trx) => {',
        `    const n = await trx(${table}).whereIn('id', ids).update({ ${f.col}: value });`,
        `    await trx('audit_log').insert({ entity: '${e.name}', action: 'bulk-${f.col}', count: n });`,
        '    return n;',
        '  });',
        '},',
      ];
    },
    () => [
      `async search(term${ctx.t('string')}) {`,
      `  return db(${table})`,
      `    .whereILike('${rng.pick(e.fields).col}', \`%\${term.replace(/[%_]/g, '')}%\`)`,
      "    .orderBy('id')",
      '    .limit(50);',
      '},',
    ],
  ];
  composeUnits(ctx, inner, units, target - body.length, 6, true);
  body.push(...indent(inner), '};');
  if (ctx.cjs) body.push('', `module.exports = { ${objName} };`);
  return body;
}

function prismaRepositoryFile(ctx, e, target) {
  const { rng } = ctx;
  ctx.imp('@prisma/client', '{ PrismaClient }');
  const body = [`const prisma = new PrismaClient();`, '', ...interfaceFor(ctx, e, `${e.Name}Filter`)];
  const model = e.name;
  const fns = [];
  const units = [
    () => [
      `${ctx.exp()}async function find${e.Name}(id${ctx.t('string')}) {`,
      `  return prisma.${model}.findUnique({ where: { id } });`,
      '}',
    ],
    () => [
      `${ctx.exp()}async function list${e.Plural}(take = 20, cursor${ctx.t('string | undefined')} = undefined) {`,
      `  const items = await prisma.${model}.findMany({`,
      '    take: take + 1,',
      '    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),',
      "    orderBy: { id: 'asc' },",
      '  });',
      '  return { items: items.slice(0, take), next: items.length > take ? items[take - 1].id : null };',
      '}',
    ],
    () => [
      `${ctx.exp()}async function create${e.Name}(data${ctx.t('Record<string, any>')}) {`,
      `  return prisma.${model}.create({ data });`,
      '}',
    ],
    () => {
      const f = rng.pick(e.fields);
      const name = ctx.unique(`update${e.Name}${cap(f.name)}`);
      fns.push(name);
      return [
        `${ctx.exp()}async function ${name}(id${ctx.t('string')}, value${ctx.t(f.ts)}) {`,
        `  return prisma.${model}.update({ where: { id }, data: { ${f.name}: value } });`,
        '}',
      ];
    },
    () => {
      const name = ctx.unique(`move${e.Name}`);
      return [
        `${ctx.exp()}async function ${name}(id${ctx.t('string')}, ownerId${ctx.t('string')}) {`,
        '  return prisma.$transaction(async (tx) => {',
        `    const current = await tx.${model}.findUniqueOrThrow({ where: { id } });`,
        `    await tx.${model}.update({ where: { id }, data: { ownerId } });`,
        "    await tx.auditEvent.create({ data: { entity: '" + e.name + "', entityId: id, action: 'move', from: current.ownerId, to: ownerId } });",
        '    return current;',
        '  });',
        '}',
      ];
    },
    () => {
      const name = ctx.unique(`count${e.Plural}ByStatus`);
      return [
        `${ctx.exp()}async function ${name}() {`,
        `  const groups = await prisma.${model}.groupBy({ by: ['status'], _count: { _all: true } });`,
        '  return Object.fromEntries(groups.map((g) => [g.status, g._count._all]));',
        '}',
      ];
    },
  ];
  composeUnits(ctx, body, units, target, 6);
  if (ctx.cjs) body.push('', 'module.exports = { prisma };');
  return body;
}

function typeormFile(ctx, e, target) {
  const { rng } = ctx;
  if (!ctx.ts) return knexRepositoryFile(ctx, e, target);
  ctx.imp('typeorm', '{ Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Repository, UpdateDateColumn, VersionColumn }');
  ctx.imp('@nestjs/common', '{ Injectable, NotFoundException }');
  ctx.imp('@nestjs/typeorm', '{ InjectRepository }');
  const Ent = ctx.unique(`${e.Name}Entity`);
  const body = [
    `@Entity({ name: '${e.table}' })`,
    `${ctx.exp()}class ${Ent} {`,
    "  @PrimaryGeneratedColumn('uuid')",
    '  id!: string;',
    '',
    ...e.fields.flatMap((f) => [
      `  @Column({ name: '${f.col}'${f.ts.includes('null') ? ', nullable: true' : ''}${f.ts.endsWith('[]') ? ", type: 'text', array: true" : ''} })`,
      `  ${f.name}!: ${f.ts};`,
      '',
    ]),
    '  @VersionColumn()',
    '  version!: number;',
    '',
    "  @CreateDateColumn({ name: 'created_at' })",
    '  createdAt!: Date;',
    '',
    "  @UpdateDateColumn({ name: 'updated_at' })",
    '  updatedAt!: Date;',
    '}',
    '',
  ];
  const Svc = ctx.unique(`${e.Name}Service`);
  body.push('@Injectable()', `${ctx.exp()}class ${Svc} {`, `  constructor(@InjectRepository(${Ent}) private readonly repo: Repository<${Ent}>) {}`, '');
  const inner = [];
  const units = [
    () => [
      `async get(id: string): Promise<${Ent}> {`,
      '  const found = await this.repo.findOne({ where: { id } });',
      `  if (!found) throw new NotFoundException(\`${e.name} \${id} not found\`);`,
      '  return found;',
      '}',
    ],
    () => [
      `async page(skip = 0, take = 25): Promise<[${Ent}[], number]> {`,
      "  return this.repo.findAndCount({ skip, take, order: { id: 'ASC' } });",
      '}',
    ],
    () => [
      `async create(input: Partial<${Ent}>): Promise<${Ent}> {`,
      '  const entity = this.repo.create(input);',
      '  return this.repo.save(entity);',
      '}',
    ],
    () => {
      const f = rng.pick(e.fields);
      return [
        `async change${cap(f.name)}(id: string, value: ${f.ts}): Promise<${Ent}> {`,
        '  const entity = await this.get(id);',
        `  entity.${f.name} = value;`,
        '  return await this.repo.save(entity);',
        '}',
      ];
    },
    () => [
      'async archiveOlderThan(days: number): Promise<number> {',
      '  const result = await this.repo',
      '    .createQueryBuilder()',
      '    .update()',
      "    .set({ archived: true } as never)",
      "    .where(\"created_at < now() - make_interval(days => :days)\", { days })",
      '    .execute();',
      '  return result.affected ?? 0;',
      '}',
    ],
  ];
  composeUnits(ctx, inner, units, target - body.length, 5, true);
  body.push(...indent(inner), '}');
  return body;
}

function mongooseFile(ctx, e, target) {
  const { rng } = ctx;
  ctx.imp('mongoose', 'mongoose');
  const schema = ctx.unique(`${e.name}Schema`);
  const body = [
    ...interfaceFor(ctx, e, `${e.Name}Doc`),
    `const ${schema} = new mongoose.Schema(`,
    '  {',
    ...e.fields.map((f) => `    ${f.name}: { type: ${f.mongo}${rng.chance(0.4) ? ', required: true' : ''}${rng.chance(0.2) ? ', index: true' : ''} },`),
    '  },',
    '  { timestamps: true, optimisticConcurrency: true },',
    ');',
    '',
  ];
  const Model = ctx.unique(e.Name);
  const units = [
    () => [
      `${schema}.index({ ${rng.pick(e.fields).name}: 1, createdAt: -1 });`,
    ],
    () => [
      `${schema}.statics.findActive = function (limit = 50) {`,
      "  return this.find({ archived: { $ne: true } }).sort({ _id: 1 }).limit(limit).lean();",
      '};',
    ],
    () => [
      `${schema}.methods.toPublic = function () {`,
      `  const { _id, __v, ...rest } = this.toObject();`,
      '  return { id: String(_id), ...rest };',
      '};',
    ],
    () => [
      `${schema}.pre('save', function (next) {`,
      `  if (this.isModified('${rng.pick(e.fields).name}')) {`,
      `    ${logLine(ctx, `${e.name} field changed`, 'id: String(this._id)')}`,
      '  }',
      '  next();',
      '});',
    ],
  ];
  composeUnits(ctx, body, units, Math.max(body.length + 4, target * 0.4), 5);
  body.push('', `${ctx.exp()}const ${Model} = mongoose.model${ctx.g(`${e.Name}Doc`)}('${e.Name}', ${schema});`, '');
  const fns = [
    () => {
      const name = ctx.unique(`rename${e.Name}`);
      return [
        `${ctx.exp()}async function ${name}(id${ctx.t('string')}, title${ctx.t('string')}) {`,
        `  return ${Model}.findByIdAndUpdate(id, { $set: { title } }, { new: true, runValidators: true }).lean();`,
        '}',
      ];
    },
    () => {
      const name = ctx.unique(`create${e.Name}`);
      return [
        `${ctx.exp()}async function ${name}(input${ctx.t(`Partial<${e.Name}Doc>`)}) {`,
        `  const doc = new ${Model}(input);`,
        '  await doc.save();',
        '  return doc.toPublic();',
        '}',
      ];
    },
    () => {
      const name = ctx.unique(`purge${e.Plural}`);
      return [
        `${ctx.exp()}async function ${name}(ownerId${ctx.t('string')}) {`,
        `  const { deletedCount } = await ${Model}.deleteMany({ ownerId, archived: true });`,
        `  ${logLine(ctx, `${e.plural} purged`, 'ownerId, deletedCount')}`,
        '  return deletedCount;',
        '}',
      ];
    },
  ];
  composeUnits(ctx, body, fns, target, 4);
  if (ctx.cjs) body.push('', `module.exports = { ${Model} };`);
  ensureLogger(ctx, body);
  return body;
}

// ---------------------------------------------------------------------------------------------
// Consumers

function kafkaFile(ctx, e, target) {
  const { rng } = ctx;
  ctx.imp('kafkajs', '{ Kafka, logLevel }');
  ctx.imp('pg', 'pg');
  const topic = `${e.plural}.${rng.pick(QUEUES)}`;
  const body = [
    ...interfaceFor(ctx, e, `${e.Name}Event`),
    "const kafka = new Kafka({ clientId: '" + e.name + "-worker', brokers: (process.env.KAFKA_BROKERS ?? 'localhost:9092').split(','), logLevel: logLevel.WARN });",
    'const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });',
    `const consumer = kafka.consumer({ groupId: '${e.name}-projector' });`,
    'const producer = kafka.producer({ idempotent: true });',
    '',
  ];
  const units = [
    () => {
      const name = ctx.unique(`apply${e.Name}Event`);
      return [
        `async function ${name}(event${ctx.t(`${e.Name}Event`)}) {`,
        '  await pool.query(',
        `    \`INSERT INTO ${e.table} (id, ${e.fields.slice(0, 3).map((f) => f.col).join(', ')})`,
        `     VALUES ($1, ${e.fields.slice(0, 3).map((_, i) => `$${i + 2}`).join(', ')})`,
        `     ON CONFLICT (id) DO UPDATE SET ${e.fields.slice(0, 3).map((f) => `${f.col} = EXCLUDED.${f.col}`).join(', ')}\`,`,
        `    [event.id, ${e.fields.slice(0, 3).map((f) => `event.${f.name}`).join(', ')}],`,
        '  );',
        '}',
      ];
    },
    () => {
      const name = ctx.unique('publishProjection');
      return [
        `async function ${name}(id${ctx.t('string')}, payload${ctx.t('unknown')}) {`,
        '  await producer.send({',
        `    topic: '${e.plural}.projected',`,
        '    messages: [{ key: id, value: JSON.stringify(payload) }],',
        '  });',
        '}',
      ];
    },
    () => {
      const name = ctx.unique('isDuplicate');
      return [
        `async function ${name}(eventId${ctx.t('string')})${ctx.t('Promise<boolean>')} {`,
        "  const { rowCount } = await pool.query('SELECT 1 FROM processed_events WHERE event_id = $1', [eventId]);",
        '  return (rowCount ?? 0) > 0;',
        '}',
      ];
    },
  ];
  composeUnits(ctx, body, units, target * 0.5, 3);
  const applyFn = body.find((l) => l.startsWith('async function apply'))?.match(/function (\w+)/)?.[1];
  const run = ctx.unique(`run${e.Name}Consumer`);
  body.push(
    '',
    `${ctx.exp()}async function ${run}() {`,
    '  await Promise.all([consumer.connect(), producer.connect()]);',
    `  await consumer.subscribe({ topic: '${topic}', fromBeginning: false });`,
    '  await consumer.run({',
    `    partitionsConsumedConcurrently: ${rng.int(1, 4)},`,
    '    eachMessage: async ({ topic, partition, message }) => {',
    '      if (!message.value) return;',
    `      const event = JSON.parse(message.value.toString())${ctx.as(`${e.Name}Event`)};`,
    `      ${logLine(ctx, 'event received', 'topic, partition, offset: message.offset')}`,
    applyFn ? `      await ${applyFn}(event);` : `      await pool.query('UPDATE ${e.table} SET status = $2 WHERE id = $1', [event.id, event.status]);`,
    '    },',
    '  });',
    '}',
  );
  if (ctx.cjs) body.push('', `module.exports = { ${run} };`);
  ensureLogger(ctx, body);
  return body;
}

function amqpFile(ctx, e, target) {
  const { rng } = ctx;
  ctx.imp('amqplib', 'amqp');
  ctx.imp(`./${e.name}-repository.js`, `{ ${e.name}Repository }`);
  const body = [...interfaceFor(ctx, e, `${e.Name}Message`)];
  const start = ctx.unique(`start${e.Name}Worker`);
  body.push(
    `${ctx.exp()}async function ${start}(url${ctx.t('string')}) {`,
    '  const connection = await amqp.connect(url);',
    '  const channel = await connection.createChannel();',
    `  await channel.prefetch(${rng.pick([1, 10, 20, 50])});`,
  );
  const inner = [];
  const units = [
    () => {
      const q = `${e.plural}.${ctx.unique(rng.pick(QUEUES))}`;
      return [
        `await channel.assertQueue('${q}', { durable: true, deadLetterExchange: '${e.plural}.dlx' });`,
        `await channel.consume('${q}', async (msg) => {`,
        '  if (!msg) return;',
        '  try {',
        `    const body = JSON.parse(msg.content.toString('utf8'))${ctx.as(`${e.Name}Message`)};`,
        `    await ${e.name}Repository.${rng.pick(['create', 'update', 'upsert'])}(body);`,
        '    channel.ack(msg);',
        '  } catch (err) {',
        `    ${logLine(ctx, 'message rejected', 'err')}`,
        '    channel.nack(msg, false, false);',
        '  }',
        '});',
      ];
    },
    () => {
      const q = `${e.plural}.${ctx.unique(rng.pick(QUEUES))}`;
      return [
        `await channel.assertQueue('${q}', { durable: true });`,
        `await channel.consume('${q}', (msg) => {`,
        '  if (msg === null) return;',
        `  const { id } = JSON.parse(msg.content.toString())${ctx.as('{ id: string }')};`,
        `  ${e.name}Repository`,
        '    .remove(id)',
        '    .then(() => channel.ack(msg))',
        '    .catch(() => channel.nack(msg, false, true));',
        '});',
      ];
    },
    () => [
      "connection.on('error', (err) => {",
      `  ${logLine(ctx, 'amqp connection error', 'err')}`,
      '});',
    ],
  ];
  composeUnits(ctx, inner, units, target - body.length, 4);
  body.push(...indent(inner), '  return { channel, close: () => connection.close() };', '}');
  if (ctx.cjs) body.push('', `module.exports = { ${start} };`);
  ensureLogger(ctx, body);
  return body;
}

function bullmqFile(ctx, e, target) {
  const { rng } = ctx;
  ctx.imp('bullmq', '{ Queue, Worker }');
  ctx.imp('ioredis', '{ Redis }');
  ctx.imp('./db.js', '{ db }');
  const name = `${e.plural}-${rng.pick(QUEUES)}`;
  const queue = ctx.unique(`${e.name}Queue`);
  const body = [
    "const connection = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });",
    `${ctx.exp()}const ${queue} = new Queue('${name}', { connection });`,
    '',
  ];
  const units = [
    () => {
      const fn = ctx.unique(`enqueue${e.Name}`);
      return [
        `${ctx.exp()}async function ${fn}(id${ctx.t('string')}, payload${ctx.t('Record<string, unknown>')} = {}) {`,
        `  return ${queue}.add('${rng.pick(ACTIONS)}', { id, ...payload }, {`,
        `    jobId: \`${e.name}:\${id}\`,`,
        `    attempts: ${rng.int(2, 8)},`,
        `    backoff: { type: 'exponential', delay: ${rng.pick([500, 1000, 5000])} },`,
        '    removeOnComplete: 1000,',
        '  });',
        '}',
      ];
    },
    () => {
      const fn = ctx.unique(`schedule${e.Name}Reminder`);
      return [
        `${ctx.exp()}async function ${fn}(id${ctx.t('string')}, dueAt${ctx.t('Date')}) {`,
        '  const delay = Math.max(0, dueAt.getTime() - Date.now());',
        `  await ${queue}.add('reminder', { id }, { delay, jobId: \`reminder:\${id}\` });`,
        '}',
      ];
    },
  ];
  composeUnits(ctx, body, units, target * 0.4, 2);
  const worker = ctx.unique(`${e.name}Worker`);
  body.push(
    '',
    `${ctx.exp()}const ${worker} = new Worker(`,
    `  '${name}',`,
    '  async (job) => {',
    `    const row = await db('${e.table}').where({ id: job.data.id }).first();`,
    "    if (!row) return { skipped: true };",
    `    await db('${e.table}').where({ id: row.id }).update({ status: '${rng.pick(STATUSES)}' });`,
    '    await job.updateProgress(100);',
    '    return { id: row.id };',
    '  },',
    `  { connection, concurrency: ${rng.int(1, 16)} },`,
    ');',
    '',
    `${worker}.on('failed', (job, err) => {`,
    `  ${logLine(ctx, 'job failed', 'jobId: job?.id, err')}`,
    '});',
  );
  if (ctx.cjs) body.push('', `module.exports = { ${queue}, ${worker} };`);
  ensureLogger(ctx, body);
  return body;
}

// ---------------------------------------------------------------------------------------------
// HTTP clients

function clientFile(ctx, e, target) {
  const { rng } = ctx;
  const svc = rng.pick(SERVICES);
  const flavor = rng.pick(['axios', 'got', 'fetch']);
  const Cls = ctx.unique(`${cap(svc)}Client`);
  const body = [...interfaceFor(ctx, e, `${e.Name}Dto`)];
  if (flavor === 'axios') {
    ctx.imp('axios', 'axios');
    body.push(`const http = axios.create({ baseURL: process.env.${svc.toUpperCase()}_URL, timeout: ${rng.pick([3000, 5000, 15000])} });`, '');
  } else if (flavor === 'got') {
    ctx.imp('got', 'got');
    body.push(`const http = got.extend({ prefixUrl: process.env.${svc.toUpperCase()}_URL, timeout: { request: ${rng.pick([3000, 5000])} }, retry: { limit: 2, methods: ['GET'] } });`, '');
  } else {
    body.push(
      `const baseUrl = process.env.${svc.toUpperCase()}_URL ?? 'http://localhost:8080';`,
      `async function request(path${ctx.t('string')}, init${ctx.t('RequestInit')} = {}) {`,
      '  const res = await fetch(`${baseUrl}${path}`, { ...init, signal: init.signal ?? AbortSignal.timeout(5000) });',
      '  if (!res.ok) throw new Error(`' + svc + ' ${init.method ?? "GET"} ${path}: ${res.status}`);',
      '  return res.status === 204 ? undefined : res.json();',
      '}',
      '',
    );
  }
  body.push(`${ctx.exp()}class ${Cls} {`);
  const inner = [];
  const get = (path) =>
    flavor === 'axios' ? `(await http.get(${path})).data` : flavor === 'got' ? `await http.get(${path}).json()` : `await request(${path})`;
  const units = [
    () => [
      `async get${e.Name}(id${ctx.t('string')}) {`,
      `  return ${get(`\`${flavor === 'got' ? '' : '/'}${e.plural}/\${encodeURIComponent(id)}\``)};`,
      '}',
    ],
    () => [
      `async list${e.Plural}(page = 1) {`,
      `  const items = ${get(`\`${flavor === 'got' ? '' : '/'}${e.plural}?page=\${page}\``)};`,
      '  return Array.isArray(items) ? items : [];',
      '}',
    ],
    () => {
      const action = ctx.unique(rng.pick(ACTIONS));
      const call =
        flavor === 'axios'
          ? [`const { data } = await http.post(\`/${e.plural}/\${id}/${action}\`, body, { headers: { 'Idempotency-Key': key } });`, 'return data;']
          : flavor === 'got'
            ? [`return http.post(\`${e.plural}/\${id}/${action}\`, { json: body, headers: { 'idempotency-key': key } }).json();`]
            : [`return request(\`/${e.plural}/\${id}/${action}\`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', 'idempotency-key': key } });`];
      return [
        `async ${action}${e.Name}(id${ctx.t('string')}, body${ctx.t('Record<string, unknown>')}, key${ctx.t('string')}) {`,
        ...indent(call),
        '}',
      ];
    },
    () => [
      `async healthy()${ctx.t('Promise<boolean>')} {`,
      '  try {',
      `    ${flavor === 'axios' ? "await http.get('/health', { timeout: 1000 });" : flavor === 'got' ? "await http.get('health');" : "await request('/health');"}`,
      '    return true;',
      '  } catch {',
      '    return false;',
      '  }',
      '}',
    ],
  ];
  composeUnits(ctx, inner, units, target - body.length, 6, true);
  body.push(...indent(inner), '}');
  if (ctx.cjs) body.push('', `module.exports = { ${Cls} };`);
  return body;
}

// ---------------------------------------------------------------------------------------------
// Services (orchestration) and utilities

function serviceFile(ctx, e, target) {
  const { rng } = ctx;
  const Cls = ctx.unique(`${e.Name}Service`);
  ctx.imp(`./${e.name}-repository.js`, `{ ${e.Name}Repository }`);
  ctx.imp('node:crypto', '{ randomUUID }');
  const body = [...interfaceFor(ctx, e, `${e.Name}Command`)];
  body.push(
    `${ctx.exp()}class ${Cls} {`,
    ctx.ts ? `  constructor(private readonly repo: ${e.Name}Repository, private readonly events: { publish(type: string, data: unknown): Promise<void> }) {}` : '  constructor(repo, events) {\n    this.repo = repo;\n    this.events = events;\n  }',
    '',
  );
  const inner = [];
  const units = [
    () => [
      `async create(cmd${ctx.t(`${e.Name}Command`)}) {`,
      '  const id = randomUUID();',
      `  const saved = await this.repo.insert({ ...cmd, id });`,
      `  await this.events.publish('${e.name}.created', { id });`,
      `  ${logLine(ctx, `${e.name} created`, 'id')}`,
      '  return saved;',
      '}',
    ],
    () => {
      const action = ctx.unique(rng.pick(ACTIONS));
      const to = rng.pick(STATUSES);
      return [
        `async ${action}(id${ctx.t('string')}) {`,
        `  const current = await this.repo.findById(id);`,
        `  if (!current) throw new Error(\`${e.name} \${id} not found\`);`,
        `  if (current.status === '${to}') return current;`,
        `  const allowed = ${JSON.stringify(rng.sample(STATUSES, 3)).replace(/"/g, "'")};`,
        "  if (!allowed.includes(current.status)) throw new Error(`cannot " + action + " from ${current.status}`);",
        `  const next = await this.repo.setStatus(id, '${to}');`,
        `  await this.events.publish('${e.name}.${action}', { id });`,
        '  return next;',
        '}',
      ];
    },
    () => [
      `summarize(items${ctx.t(`Array<{ status: string; amountMinor?: number }>`)}) {`,
      '  const byStatus = new Map();',
      '  let total = 0;',
      '  for (const item of items) {',
      '    byStatus.set(item.status, (byStatus.get(item.status) ?? 0) + 1);',
      '    total += item.amountMinor ?? 0;',
      '  }',
      '  return { count: items.length, total, byStatus: Object.fromEntries(byStatus) };',
      '}',
    ],
    () => [
      `async timed${e.Name}Lookup(id${ctx.t('string')}) {`,
      '  const started = performance.now();',
      '  try {',
      '    return await this.repo.findById(id);',
      '  } finally {',
      `    ${logLine(ctx, 'lookup', 'id, ms: Math.round(performance.now() - started)')}`,
      '  }',
      '}',
    ],
  ];
  composeUnits(ctx, inner, units, target - body.length, 6, true);
  body.push(...indent(inner), '}');
  if (ctx.cjs) body.push('', `module.exports = { ${Cls} };`);
  ensureLogger(ctx, body);
  return body;
}

function utilsFile(ctx, _e, target) {
  const body = [];
  const units = [
    () => {
      const n = ctx.unique('formatMoney');
      return [
        `${ctx.exp()}function ${n}(amountMinor${ctx.t('number')}, currency${ctx.t('string')}, locale = 'en-US')${ctx.t('string')} {`,
        "  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amountMinor / 100);",
        '}',
      ];
    },
    () => {
      const n = ctx.unique('slugify');
      return [
        `${ctx.exp()}function ${n}(input${ctx.t('string')})${ctx.t('string')} {`,
        '  return input',
        "    .normalize('NFKD')",
        "    .replace(/[\\u0300-\\u036f]/g, '')",
        '    .toLowerCase()',
        "    .replace(/[^a-z0-9]+/g, '-')",
        "    .replace(/^-+|-+$/g, '');",
        '}',
      ];
    },
    () => {
      const n = ctx.unique('chunk');
      return [
        `${ctx.exp()}function ${n}${ctx.g('T')}(items${ctx.t('T[]')}, size${ctx.t('number')})${ctx.t('T[][]')} {`,
        "  if (size <= 0) throw new RangeError('size must be positive');",
        '  const out = [];',
        '  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));',
        '  return out;',
        '}',
      ];
    },
    () => {
      const n = ctx.unique('parseDuration');
      return [
        `${ctx.exp()}function ${n}(text${ctx.t('string')})${ctx.t('number')} {`,
        '  const m = /^(\\d+)(ms|s|m|h|d)$/.exec(text.trim());',
        '  if (!m) throw new Error(`bad duration: ${text}`);',
        '  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2]];',
        '  return Number(m[1]) * unit;',
        '}',
      ];
    },
    () => {
      const n = ctx.unique('retry');
      return [
        `${ctx.exp()}async function ${n}${ctx.g('T')}(fn${ctx.t('() => Promise<T>')}, attempts = 3, baseMs = 100)${ctx.t('Promise<T>')} {`,
        '  let lastError;',
        '  for (let i = 0; i < attempts; i++) {',
        '    try {',
        '      return await fn();',
        '    } catch (err) {',
        '      lastError = err;',
        '      await new Promise((r) => setTimeout(r, baseMs * 2 ** i + Math.random() * baseMs));',
        '    }',
        '  }',
        '  throw lastError;',
        '}',
      ];
    },
    () => {
      const n = ctx.unique('LruCache');
      return [
        `${ctx.exp()}class ${n}${ctx.g('K, V')} {`,
        ctx.ts ? '  private readonly map = new Map<K, { value: V; expires: number }>();' : '  map = new Map();',
        `  constructor(${ctx.ts ? 'private readonly max = 500, private readonly ttlMs = 60_000' : 'max = 500, ttlMs = 60_000'}) {${ctx.ts ? '}' : ''}`,
        ...(ctx.ts ? [] : ['    this.max = max;', '    this.ttlMs = ttlMs;', '  }']),
        '',
        `  get(key${ctx.t('K')})${ctx.t('V | undefined')} {`,
        '    const hit = this.map.get(key);',
        '    if (!hit) return undefined;',
        '    if (hit.expires < Date.now()) {',
        '      this.map.delete(key);',
        '      return undefined;',
        '    }',
        '    this.map.delete(key);',
        '    this.map.set(key, hit);',
        '    return hit.value;',
        '  }',
        '',
        `  set(key${ctx.t('K')}, value${ctx.t('V')})${ctx.t('void')} {`,
        '    this.map.delete(key);',
        '    this.map.set(key, { value, expires: Date.now() + this.ttlMs });',
        '    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value);',
        '  }',
        '}',
      ];
    },
    () => {
      const n = ctx.unique('deepMerge');
      return [
        `${ctx.exp()}function ${n}(target${ctx.t('Record<string, any>')}, source${ctx.t('Record<string, any>')})${ctx.t('Record<string, any>')} {`,
        '  const out = { ...target };',
        '  for (const [key, value] of Object.entries(source)) {',
        "    if (key === '__proto__' || key === 'constructor') continue;",
        "    out[key] = value && typeof value === 'object' && !Array.isArray(value) ? " + n + '(out[key] ?? {}, value) : value;',
        '  }',
        '  return out;',
        '}',
      ];
    },
    () => {
      const n = ctx.unique('loadConfig');
      ctx.imp('node:fs', '{ readFileSync }');
      return [
        `${ctx.exp()}function ${n}(path = process.env.CONFIG_PATH ?? './config.json') {`,
        "  const fileConfig = JSON.parse(readFileSync(path, 'utf8'));",
        "  const flags = JSON.parse(process.env.FEATURE_FLAGS ?? '{}');",
        '  return { ...fileConfig, flags, port: Number(process.env.PORT ?? fileConfig.port ?? 3000) };',
        '}',
      ];
    },
    () => {
      const n = ctx.unique('HttpError');
      return [
        `${ctx.exp()}class ${n} extends Error {`,
        ctx.ts ? '  constructor(readonly status: number, message: string, readonly expose = status < 500) {' : '  constructor(status, message, expose = status < 500) {',
        '    super(message);',
        `    this.name = '${n}';`,
        ...(ctx.ts ? [] : ['    this.status = status;', '    this.expose = expose;']),
        '  }',
        '}',
      ];
    },
    () => {
      const n = ctx.unique('isEmail');
      return [
        `${ctx.exp()}function ${n}(value${ctx.t('unknown')})${ctx.t('value is string')} {`,
        "  return typeof value === 'string' && value.length <= 254 && /^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$/.test(value);",
        '}',
      ];
    },
    () => {
      const n = ctx.unique('pick');
      return [
        `${ctx.exp()}function ${n}${ctx.g('T extends object, K extends keyof T')}(obj${ctx.t('T')}, keys${ctx.t('K[]')})${ctx.t('Pick<T, K>')} {`,
        `  const out = {}${ctx.as('Pick<T, K>')};`,
        '  for (const k of keys) if (k in obj) out[k] = obj[k];',
        '  return out;',
        '}',
      ];
    },
  ];
  composeUnits(ctx, body, units, target, 12);
  if (ctx.cjs) {
    const names = body.map((l) => /^(?:async )?(?:function|class) (\w+)/.exec(l)?.[1]).filter(Boolean);
    body.push('', `module.exports = { ${names.join(', ')} };`);
  }
  return body;
}

// ---------------------------------------------------------------------------------------------
// Composition

/**
 * Appends units (each a function returning lines) until `target` lines are reached: every unit
 * once in random order first, then random repeats with fresh random choices. A repeat that comes
 * out identical to a block already emitted is dropped (no verbatim copies within a file).
 */
function composeUnits(ctx, out, units, target, maxUnits, blankBetween = true) {
  const order = ctx.rng.sample(units, units.length);
  const seen = new Set();
  let count = 0;
  let i = 0;
  while (out.length < target && count < maxUnits * 4 && i < order.length + maxUnits * 8) {
    const unit = i < order.length ? order[i] : ctx.rng.pick(units);
    i++;
    const lines = unit();
    const key = lines.join('\n');
    if (seen.has(key)) continue;
    seen.add(key);
    if (blankBetween && out.length && out[out.length - 1] !== '') out.push('');
    out.push(...lines);
    count++;
  }
}

export const KINDS = [
  ['express', expressFile, 14],
  ['fastify', fastifyFile, 7],
  ['koa', koaFile, 5],
  ['pg-repository', pgRepositoryFile, 8],
  ['knex-repository', knexRepositoryFile, 7],
  ['prisma-repository', prismaRepositoryFile, 6],
  ['typeorm', typeormFile, 5],
  ['mongoose', mongooseFile, 5],
  ['kafkajs', kafkaFile, 5],
  ['amqplib', amqpFile, 4],
  ['bullmq', bullmqFile, 5],
  ['client', clientFile, 9],
  ['service', serviceFile, 8],
  ['utils', utilsFile, 12],
];
const KIND_WEIGHT = KINDS.reduce((n, k) => n + k[2], 0);

function pickKind(rng) {
  let r = rng.next() * KIND_WEIGHT;
  for (const k of KINDS) {
    r -= k[2];
    if (r < 0) return k;
  }
  return KINDS[0];
}

/** Target size: log-uniform between 30 and 400 lines (many small files, some big ones). */
function pickSize(rng) {
  return Math.round(Math.exp(Math.log(30) + rng.next() * (Math.log(400) - Math.log(30))));
}

/** One generated file: `{ name, text, lines, kind, lang }`. */
export function generateFile(rng, index) {
  const [kind, gen] = pickKind(rng);
  const lang = kind === 'typeorm' || rng.chance(0.6) ? 'ts' : 'js';
  const cjs = lang === 'js' && rng.chance(0.35);
  const ctx = makeCtx(rng, { lang, cjs });
  const e = makeEntity(rng);
  const target = pickSize(rng);
  const body = gen(ctx, e, target);
  const header = [`// ${e.name} ${kind}: generated by bench/generate.mjs (#${index})`];
  const text = [...header, ...ctx.imports, '', ...body, ''].join('\n');
  const ext = ctx.lang === 'ts' ? 'ts' : cjs ? 'cjs' : 'js';
  return { name: `${kind}/${e.plural}-${kind}-${index}.${ext}`, text, lines: text.split('\n').length, kind, lang: ctx.lang, localImports: ctx.localImports };
}

/**
 * The N generated files of a corpus folder (not its shared modules), sorted, as absolute paths: what the
 * ESLint sections lint, so that their figures stay per generated file. The analyzer sections load the whole
 * project, shared modules included.
 */
export function generatedFiles(dir) {
  return readdirSync(dir, { recursive: true })
    .map((f) => String(f).split(sep).join('/'))
    .filter((f) => GENERATED_NAME.test(f) && !f.startsWith('node_modules/') && !f.startsWith('.git/'))
    .sort()
    .map((f) => join(dir, f));
}

/** `express/orders-express-12.ts`: the names `generateFile` gives (a shared module has no `-<index>`). */
const GENERATED_NAME = /^[a-z-]+\/[a-z]+-[a-z-]+-\d+\.(ts|js|cjs)$/;

// ---------------------------------------------------------------------------------------------
// Shared modules: what the generated files import from their own folder (`./db.js`, `./logger.js`,
// `./order-repository.js`, `./order-store.js`, `./models/order.js`), written once per folder so that every
// project import resolves and the analyzer follows calls across files, as in a real service.

const ENTITY_BY_NAME = new Map(ENTITIES.map(([name, plural]) => [name, { name, plural, Name: cap(name), table: snake(plural) }]));

/** The text of the shared module `specifier` (relative to its folder), or undefined for one this generator never imports. */
export function supportModule(specifier) {
  if (specifier === './logger.js') {
    return [
      "import pino from 'pino';",
      '',
      "export const logger = pino({ level: process.env.LOG_LEVEL ?? 'info', redact: ['req.headers.authorization'] });",
      '',
    ].join('\n');
  }
  if (specifier === './db.js') {
    return [
      "import knex from 'knex';",
      '',
      'export const db = knex({',
      "  client: 'pg',",
      '  connection: process.env.DATABASE_URL,',
      '  pool: { min: 0, max: Number(process.env.DB_POOL_MAX ?? 10) },',
      '  acquireConnectionTimeout: 10_000,',
      '});',
      '',
    ].join('\n');
  }
  let m = /^\.\/([a-z]+)-repository\.js$/.exec(specifier);
  if (m && ENTITY_BY_NAME.has(m[1])) {
    const e = ENTITY_BY_NAME.get(m[1]);
    const methods = [
      `  async list({ limit = 20, offset = 0, status } = {}) {`,
      `    const q = db('${e.table}').select('*').orderBy('id').limit(limit).offset(offset);`,
      "    return status ? q.where({ status }) : q;",
      '  },',
      `  async findById(id) {`,
      `    return db('${e.table}').where({ id }).first();`,
      '  },',
      `  async findOne(where) {`,
      `    return db('${e.table}').where(where).first();`,
      '  },',
      `  async findAndCount({ limit = 20, offset = 0 } = {}) {`,
      `    const [rows, [{ count }]] = await Promise.all([db('${e.table}').select('*').limit(limit).offset(offset), db('${e.table}').count({ count: '*' })]);`,
      '    return [rows, Number(count)];',
      '  },',
      `  async create(data) {`,
      `    const [row] = await db('${e.table}').insert(data).returning('*');`,
      '    return row;',
      '  },',
      `  async insert(data) {`,
      `    const [row] = await db('${e.table}').insert(data).returning('*');`,
      '    return row;',
      '  },',
      `  async save(entity) {`,
      `    const [row] = await db('${e.table}').insert(entity).onConflict('id').merge().returning('*');`,
      '    return row;',
      '  },',
      `  async update(id, patch) {`,
      `    const [row] = await db('${e.table}').where({ id }).update(patch).returning('*');`,
      '    return row;',
      '  },',
      `  async setStatus(id, status) {`,
      `    await db('${e.table}').where({ id }).update({ status });`,
      '  },',
      `  async transition(id, from, to) {`,
      `    return db('${e.table}').where({ id, status: from }).update({ status: to });`,
      '  },',
      `  async remove(id) {`,
      `    return db('${e.table}').where({ id }).del();`,
      '  },',
    ];
    return [
      "import { db } from './db.js';",
      '',
      `export const ${e.name}Repository = {`,
      ...methods,
      '};',
      '',
      `export class ${e.Name}Repository {`,
      ...methods.map((line) => (line === '  },' ? '  }' : line)),
      '}',
      '',
    ].join('\n');
  }
  m = /^\.\/([a-z]+)-store\.js$/.exec(specifier);
  if (m && ENTITY_BY_NAME.has(m[1])) {
    const e = ENTITY_BY_NAME.get(m[1]);
    return [
      "import { db } from './db.js';",
      '',
      `export const ${e.plural} = {`,
      `  get: (id) => db('${e.table}').where({ id }).first(),`,
      `  page: (limit, cursor) => db('${e.table}').where('id', '>', cursor ?? 0).orderBy('id').limit(limit),`,
      `  insert: async (data) => (await db('${e.table}').insert(data).returning('*'))[0],`,
      `  transition: (id, from, to) => db('${e.table}').where({ id, status: from }).update({ status: to }),`,
      `  remove: (id) => db('${e.table}').where({ id }).del(),`,
      '};',
      '',
    ].join('\n');
  }
  m = /^\.\/models\/([a-z]+)\.js$/.exec(specifier);
  if (m && ENTITY_BY_NAME.has(m[1])) {
    const e = ENTITY_BY_NAME.get(m[1]);
    return [
      "import mongoose from 'mongoose';",
      '',
      `const schema = new mongoose.Schema({ status: { type: String, index: true } }, { timestamps: true, strict: false });`,
      '',
      `export const ${e.Name} = mongoose.models.${e.Name} ?? mongoose.model('${e.Name}', schema, '${e.table}');`,
      '',
    ].join('\n');
  }
  return undefined;
}

/** Writes `count` files under `dir` (replacing it); returns `{ files, lines }`. */
export function generateCorpus({ dir, count, seed = 42 }) {
  const stamp = join(dir, '.corpus.json');
  const want = { count, seed, version: GENERATOR_VERSION };
  if (existsSync(stamp)) {
    try {
      const have = JSON.parse(readFileSync(stamp, 'utf8'));
      if (have.count === count && have.seed === seed && have.version === GENERATOR_VERSION) return have;
    } catch {
      // regenerate
    }
  }
  rmSync(dir, { recursive: true, force: true });
  const rng = createRng(seed);
  let lines = 0;
  const kinds = {};
  let ts = 0;
  /** Folder -> project modules its files import. */
  const wanted = new Map();
  for (let i = 0; i < count; i++) {
    const f = generateFile(rng, i);
    const path = join(dir, f.name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.text);
    lines += f.lines;
    kinds[f.kind] = (kinds[f.kind] ?? 0) + 1;
    if (f.lang === 'ts') ts++;
    const folder = dirname(f.name);
    if (!wanted.has(folder)) wanted.set(folder, new Set());
    for (const m of f.localImports) wanted.get(folder).add(m);
  }
  // The shared modules (a repository needs `./db.js` too), in a fixed order.
  let shared = 0;
  let sharedLines = 0;
  for (const folder of [...wanted.keys()].sort()) {
    const modules = wanted.get(folder);
    for (const m of [...modules]) if (/-(repository|store)\.js$/.test(m)) modules.add('./db.js');
    for (const m of [...modules].sort()) {
      const text = supportModule(m);
      if (text === undefined) continue;
      const path = join(dir, folder, m);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
      shared++;
      sharedLines += text.split('\n').length;
    }
  }
  writeProjectFiles(dir, count);
  const info = { ...want, files: count, lines, ts, kinds, shared, sharedLines };
  writeFileSync(stamp, JSON.stringify(info, null, 2));
  return info;
}

/**
 * What makes the corpus a project that `tsc --noEmit` and `assume check` load as is: a tsconfig.json
 * (allowJs, noEmit, skipLibCheck, no @types: the corpus has no node_modules, so its imports of
 * 'express', 'pg', ... stay unresolved for both tools alike) listing every file, and a package.json
 * (ESM, as the `.js` files are; `assume: {}` holds the default config, so the config search stops
 * here instead of walking up into whatever repository holds the corpus).
 */
function writeProjectFiles(dir, count) {
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      allowJs: true,
      checkJs: false,
      noEmit: true,
      skipLibCheck: true,
      strict: false,
      types: [],
    },
    include: ['**/*.ts', '**/*.js', '**/*.cjs'],
    exclude: ['node_modules'],
  };
  const pkg = {
    name: `bench-corpus-${count}`,
    version: '1.0.0',
    private: true,
    description: 'Generated by assume-lint bench/generate.mjs; code that parses but is never run.',
    type: 'module',
    scripts: { typecheck: 'tsc --noEmit', check: 'assume check' },
    assume: {},
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2) + '\n');
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
}

/**
 * One big file of about `lines` lines for the quadratic-growth guard: many generated modules,
 * each in its own block (imports hoisted and de-duplicated, no exports), so names do not clash.
 */
export function generateBigFile({ lines: targetLines, seed = 7 }) {
  const rng = createRng(seed);
  const imports = new Map();
  const blocks = [];
  let total = 0;
  let i = 0;
  while (total < targetLines) {
    const [kind, gen] = pickKind(rng);
    const ctx = makeCtx(rng, { lang: 'ts', cjs: false, exported: false });
    const body = gen(ctx, makeEntity(rng), pickSize(rng));
    for (const line of ctx.imports) {
      const local = line.replace(/ from .*/, '');
      if (![...imports.values()].some((l) => l.replace(/ from .*/, '') === local && l !== line)) imports.set(line, line);
    }
    blocks.push(`// block ${i++}: ${kind}`, '{', ...indent(body), '}', '');
    total += body.length + 3;
  }
  const text = ['// generated by bench/generate.mjs --big-file', ...imports.values(), '', ...blocks].join('\n');
  return { text, lines: text.split('\n').length };
}

// 4: the corpus is a project (tsconfig.json, package.json).
const GENERATOR_VERSION = 5;

// ---------------------------------------------------------------------------------------------
// CLI

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => optionOf(args, name, dflt);
  const here = dirname(fileURLToPath(import.meta.url));
  const seed = Number(opt('--seed', '42'));
  if (args.includes('--big-file')) {
    const n = Number(opt('--big-file', '5000'));
    const out = opt('--out', join(here, '.out', `big-${n}.ts`));
    mkdirSync(dirname(out), { recursive: true });
    const { text, lines } = generateBigFile({ lines: n, seed });
    writeFileSync(out, text);
    console.log(`wrote ${out} (${lines} lines)`);
  } else {
    const count = Number(opt('--files', '2000'));
    const dir = opt('--out', join(here, '.out', `corpus-${count}`));
    const info = generateCorpus({ dir, count, seed });
    console.log(`wrote ${info.files} files, ${info.lines} lines (${info.ts} TypeScript) to ${dir}`);
    console.log(Object.entries(info.kinds).map(([k, n]) => `${k} ${n}`).join(', '));
  }
}
