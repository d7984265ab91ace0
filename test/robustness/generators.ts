/**
 * Generators of hostile input for the robustness suite (test/robustness/*.test.ts) and the fuzz script
 * (bench/fuzz.mjs, which transpiles this file): realistic service code built from real patterns, mutations
 * of it, pathological sources (deep nesting, huge lines, odd bytes and syntax), and malformed configs.
 *
 * Self-contained on purpose: it imports only fast-check, so the fuzz script can run it without a build step.
 */
import fc from 'fast-check';

// ---------------------------------------------------------------------------------------------------------
// Realistic service snippets
// ---------------------------------------------------------------------------------------------------------

/** The names a framework gives the values a body statement uses. */
interface Frame {
  /** Expression of the raw request body (or message payload). */
  body: string;
  /** A statement that acknowledges or answers (empty when the frame has none). */
  ack: string;
  /** Imports the frame needs, by module. */
  imports: readonly string[];
}

/** A handler shape: imports, its opening and closing lines, and what its body can use. */
interface Wrapper {
  id: string;
  frame: Frame;
  open: (i: number) => string;
  close: string;
}

const IMPORTS: Readonly<Record<string, string>> = {
  express: "import express from 'express';\nconst app = express();",
  fastify: "import Fastify from 'fastify';\nconst fastify = Fastify();",
  http: "import { createServer } from 'node:http';",
  amqplib: "import amqp from 'amqplib';\nconst channel = await (await amqp.connect('amqp://broker')).createChannel();",
  kafkajs: "import { Kafka } from 'kafkajs';\nconst consumer = new Kafka({ brokers: ['k:9092'] }).consumer({ groupId: 'g' });",
  pg: "import pg from 'pg';\nconst pool = new pg.Pool();",
  knex: "import knexFactory from 'knex';\nconst knex = knexFactory({ client: 'pg' });",
  axios: "import axios from 'axios';",
  redis: "import Redis from 'ioredis';\nconst redis = new Redis();",
  mongodb: "import { MongoClient } from 'mongodb';\nconst db = new MongoClient('mongodb://m').db('app');",
};

const WRAPPERS: readonly Wrapper[] = [
  {
    id: 'express',
    frame: { body: 'req.body', ack: 'res.json({ ok: true });', imports: ['express'] },
    open: (i) => `app.post('/orders/${i}', async (req, res) => {`,
    close: '});',
  },
  {
    id: 'express-raw',
    frame: { body: 'raw', ack: "res.status(201).send('created');", imports: ['express'] },
    open: (i) => `app.put('/items/${i}', (req, res) => {\n  let raw = '';\n  req.on('data', (chunk) => { raw += chunk; });\n  req.on('end', async () => {`,
    close: '  });\n});',
  },
  {
    id: 'fastify',
    frame: { body: 'request.body', ack: 'reply.send({ ok: true });', imports: ['fastify'] },
    open: (i) => `fastify.post('/payments/${i}', async (request, reply) => {`,
    close: '});',
  },
  {
    id: 'http',
    frame: { body: 'text', ack: "res.end('ok');", imports: ['http'] },
    open: () => 'createServer(async (req, res) => {\n  let text = \'\';\n  for await (const chunk of req) text += chunk;',
    close: '}).listen(0);',
  },
  {
    id: 'amqplib',
    frame: { body: 'msg.content.toString()', ack: 'channel.ack(msg);', imports: ['amqplib'] },
    open: (i) => `await channel.consume('queue-${i}', async (msg) => {`,
    close: '});',
  },
  {
    id: 'kafkajs',
    frame: { body: 'message.value.toString()', ack: '', imports: ['kafkajs'] },
    open: () => 'await consumer.run({\n  eachMessage: async ({ message }) => {',
    close: '  },\n});',
  },
  {
    id: 'function',
    frame: { body: 'input', ack: 'return { ok: true };', imports: [] },
    open: (i) => `export async function handle${i}(input) {`,
    close: '}',
  },
  {
    id: 'lambda',
    frame: { body: 'event.body', ack: "return { statusCode: 200, body: 'ok' };", imports: [] },
    open: (i) => `export const lambda${i} = async (event) => {`,
    close: '};',
  },
];

/** A body statement: its lines given the frame and a unique suffix, and the imports it needs. */
interface Pattern {
  imports: readonly string[];
  lines: (frame: Frame, k: string, id: string) => string;
}

const PATTERNS: readonly Pattern[] = [
  { imports: [], lines: (f) => f.ack },
  { imports: ['pg'], lines: (_f, _k, id) => `await pool.query('INSERT INTO orders (id, total) VALUES ($1, $2)', [${id}, 10]);` },
  { imports: ['knex'], lines: (_f, _k, id) => `await knex('audit').insert({ ref: ${id}, at: 'now' });` },
  { imports: [], lines: (f, k) => `const parsed${k} = JSON.parse(${f.body});` },
  { imports: [], lines: (f, k) => `if (${f.body}.length > 1048576) throw new Error('too large ${k}');` },
  {
    imports: ['pg'],
    lines: (_f, k) => `const lockUntil${k} = Date.now() + 30000;\nawait pool.query('UPDATE locks SET expires_at = $1 WHERE name = $2', [lockUntil${k}, 'job']);`,
  },
  { imports: [], lines: (_f, k) => `const started${k} = Date.now();\nconsole.log({ elapsedMs: Date.now() - started${k} });` },
  { imports: [], lines: (_f, k) => `const version${k} = Date.now();` },
  { imports: [], lines: (_f, k) => `const createdAt${k} = new Date().toISOString();` },
  {
    imports: ['axios', 'pg'],
    lines: (_f, k, id) =>
      `try {\n  await axios.post('https://pay.example/charge', { amount: '${k}' }, { timeout: 5000 });\n} catch (err${k}) {\n  await pool.query("UPDATE payments SET status = 'failed' WHERE id = $1", [${id}]);\n}`,
  },
  {
    imports: ['axios'],
    lines: (_f, k) =>
      `await Promise.race([\n  axios.post('https://ledger.example/credit', { n: '${k}' }),\n  new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 1000)),\n]);`,
  },
  {
    imports: ['axios'],
    lines: (_f, k) =>
      `for (let attempt${k} = 0; attempt${k} < 3; attempt${k} += 1) {\n  try {\n    await axios.post('https://mail.example/send', { to: 'a' });\n    break;\n  } catch {\n    continue;\n  }\n}`,
  },
  {
    imports: ['axios'],
    lines: (_f, _k, id) =>
      `await axios.post('https://pay.example/refund', { id: ${id} }, { timeout: 2000, headers: { 'Idempotency-Key': String(${id}) } });`,
  },
  { imports: [], lines: (_f, k) => `setTimeout(() => { console.log('later ${k}'); }, 1000);` },
  { imports: [], lines: (_f, k) => `const controller${k} = new AbortController();\nsetTimeout(() => controller${k}.abort(), 250);` },
  { imports: ['redis'], lines: (_f, _k, id) => `await redis.set('lock:' + ${id}, 'me', 'PX', 30000, 'NX');` },
  {
    imports: ['mongodb'],
    lines: (_f, _k, id) => `await db.collection('jobs').updateOne({ _id: ${id} }, { $set: { lockedUntil: new Date(Date.now() + 60000) } });`,
  },
  { imports: [], lines: (f, k) => `if (!${f.body}) {\n  console.warn('empty ${k}');\n}` },
  { imports: [], lines: (_f, k) => `const key${k} = \`\${Date.now()}-\${Math.random()}\`;` },
];

/** One generated handler or function: its wrapper and body statements (indexes into the tables). */
export interface UnitSpec {
  wrapper: number;
  patterns: number[];
}

/** A generated file: units in order (each self-contained, so units can be reordered freely). */
export interface ServiceSpec {
  units: UnitSpec[];
  /** Use TypeScript-only syntax (type annotations) in the header. */
  typed: boolean;
}

export const unitSpec: fc.Arbitrary<UnitSpec> = fc.record({
  wrapper: fc.nat({ max: WRAPPERS.length - 1 }),
  patterns: fc.array(fc.nat({ max: PATTERNS.length - 1 }), { minLength: 1, maxLength: 7 }),
});

export const serviceSpec: fc.Arbitrary<ServiceSpec> = fc.record({
  units: fc.array(unitSpec, { minLength: 1, maxLength: 5 }),
  typed: fc.boolean(),
});

/** A rendered file and the line range of each unit (1-based, inclusive), by unit index in the spec. */
export interface RenderedService {
  code: string;
  unitLines: { unit: number; first: number; last: number }[];
}

/**
 * Renders a spec to a source file: the imports the units need, then each unit in `order` (default: as
 * specified). Unit `i` always renders the same text wherever it is placed, so findings can be compared
 * per unit across reorderings.
 */
export function renderService(spec: ServiceSpec, order: readonly number[] = spec.units.map((_u, i) => i)): RenderedService {
  const modules = new Set<string>();
  const bodies = spec.units.map((unit, i) => {
    const wrapper = WRAPPERS[unit.wrapper];
    for (const m of wrapper.frame.imports) modules.add(m);
    const lines = [wrapper.open(i)];
    lines.push(`  const id${i} = String(${wrapper.frame.body}).slice(0, 36);`);
    unit.patterns.forEach((p, j) => {
      const pattern = PATTERNS[p];
      for (const m of pattern.imports) modules.add(m);
      const text = pattern.lines(wrapper.frame, `${i}_${j + 1}`, `id${i}`);
      if (text !== '') lines.push(...text.split('\n').map((line) => `  ${line}`));
    });
    lines.push(wrapper.close);
    return lines.join('\n');
  });
  const header = [...modules].sort().map((m) => IMPORTS[m]);
  if (spec.typed) header.push('type Json = Record<string, unknown>;\nexport const limits: Json = { body: 1048576 };');
  const headerText = header.join('\n');
  let line = headerText === '' ? 1 : headerText.split('\n').length + 2;
  const parts = headerText === '' ? [] : [headerText, ''];
  const unitLines: RenderedService['unitLines'] = [];
  for (const i of order) {
    const text = bodies[i];
    const count = text.split('\n').length;
    unitLines.push({ unit: i, first: line, last: line + count - 1 });
    parts.push(text, '');
    line += count + 1;
  }
  return { code: parts.join('\n'), unitLines };
}

/** A finding's line, as `unit:offset` (stable across unit reorderings), or `header:line`. */
export function unitLineKey(rendered: RenderedService, line: number): string {
  const at = rendered.unitLines.find((u) => line >= u.first && line <= u.last);
  return at ? `u${at.unit}+${line - at.first}` : `header:${line}`;
}

// ---------------------------------------------------------------------------------------------------------
// Mutations
// ---------------------------------------------------------------------------------------------------------

/** One edit of a source: token-level or character-level. Indexes wrap around the input's size. */
export type Mutation =
  | { kind: 'delete'; at: number }
  | { kind: 'duplicate'; at: number }
  | { kind: 'swap'; at: number; with: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'truncate'; at: number };

/** Odd characters to splice in: NUL, lone surrogates, BOM, line and paragraph separators, controls, quotes. */
const ODD_TEXT = ['\u0000', '\uD800', '\uDFFF', '\uFEFF', '\u2028', '\u2029', '\r', '\u001B[31m', '`', '${', '*/', '/*', '<!--', '-->', '#!', '\\', '"', "'", '@', '#x', '\uFFFD', '\u{1F600}'];

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...ODD_TEXT), fc.string({ unit: 'binary', maxLength: 8 }), fc.string({ maxLength: 8 })),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

/** Tokens of a source: words, numbers, quoted strings, whitespace runs, and single other characters. */
export function tokenize(code: string): string[] {
  return code.match(/\s+|[A-Za-z_$][\w$]*|\d+|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|[\s\S]/g) ?? [];
}

/** Applies mutations in order; deterministic, total (never throws), works on any input including ''. */
export function applyMutations(code: string, mutations: readonly Mutation[]): string {
  let tokens = tokenize(code);
  for (const m of mutations) {
    const n = tokens.length;
    if (m.kind === 'insert') {
      const at = n === 0 ? 0 : m.at % (n + 1);
      tokens = [...tokens.slice(0, at), m.text, ...tokens.slice(at)];
    } else if (n === 0) {
      continue;
    } else if (m.kind === 'delete') {
      const at = m.at % n;
      tokens = [...tokens.slice(0, at), ...tokens.slice(at + 1)];
    } else if (m.kind === 'duplicate') {
      const at = m.at % n;
      tokens = [...tokens.slice(0, at + 1), tokens[at], ...tokens.slice(at + 1)];
    } else if (m.kind === 'swap') {
      const a = m.at % n;
      const b = m.with % n;
      tokens = [...tokens];
      [tokens[a], tokens[b]] = [tokens[b], tokens[a]];
    } else {
      // Truncation keeps the cut inside the text, so a long input is not always cut to nothing.
      const text = tokens.join('');
      tokens = tokenize(text.slice(0, m.at % (text.length + 1)));
    }
  }
  return tokens.join('');
}

/** A generated service file, possibly mutated: the main input of the fuzzers. */
export interface GeneratedInput {
  spec: ServiceSpec;
  mutations: Mutation[];
  /** `.ts` (typescript-eslint) or `.js` (espree). */
  ext: 'ts' | 'js';
}

export const generatedInput: fc.Arbitrary<GeneratedInput> = fc.record({
  spec: serviceSpec,
  // Half of the inputs stay valid, the rest get 1-6 edits.
  mutations: fc.oneof(fc.constant<Mutation[]>([]), fc.array(mutation, { minLength: 1, maxLength: 6 })),
  ext: fc.constantFrom('ts' as const, 'js' as const),
});

/** The source text of a generated input (a `.js` file never carries TypeScript-only syntax unless mutated in). */
export function inputCode(input: GeneratedInput): string {
  const spec = input.ext === 'js' ? { ...input.spec, typed: false } : input.spec;
  return applyMutations(renderService(spec).code, input.mutations);
}

// ---------------------------------------------------------------------------------------------------------
// Pathological sources
// ---------------------------------------------------------------------------------------------------------

/** A named hostile source. `content` is text, or raw bytes (invalid UTF-8). */
export interface HostileCase {
  name: string;
  ext: 'ts' | 'tsx' | 'js';
  content: string | Uint8Array;
}

/** Deeply nested code of each shape, at `depth` levels. */
export function deepNesting(depth: number): HostileCase[] {
  const n = depth;
  const both = (name: string, code: string): HostileCase[] => [
    { name: `${name}-${n}`, ext: 'ts', content: code },
    { name: `${name}-${n}`, ext: 'js', content: code },
  ];
  return [
    ...both('arrays', `export const x = ${'['.repeat(n)}${']'.repeat(n)};\n`),
    ...both('parens', `export const x = ${'('.repeat(n)}1${')'.repeat(n)};\n`),
    ...both('blocks', `${'{\n'.repeat(n)}${'}\n'.repeat(n)}`),
    ...both('functions', `${'function f() {\n'.repeat(n)}return 1;\n${'}\n'.repeat(n)}`),
    ...both('arrows', `export const h = ${'() => '.repeat(n)}1;\n`),
    ...both('member-chain', `export const y = a${'.b'.repeat(n)};\n`),
    ...both('binary', `export const z = ${Array.from({ length: n }, () => 'a').join(' + ')};\n`),
    ...both('if-else', `if (a) {}${' else if (a) {}'.repeat(n)}\n`),
    ...both('calls', `f(${'f('.repeat(n)}1${')'.repeat(n)});\n`),
    ...both(
      'then-chain',
      `import axios from 'axios';\nexport const p = axios.post('https://x', {}, { timeout: 1 })${'.then((r) => r)'.repeat(n)}.catch(() => { console.log('failed'); });\n`,
    ),
    ...both(
      'handler-ifs',
      `import express from 'express';\nimport pg from 'pg';\nconst pool = new pg.Pool();\nconst app = express();\napp.post('/x', async (req, res) => {\n${'if (req.body) {\n'.repeat(n)}res.json({ ok: true });\nawait pool.query('INSERT INTO t VALUES (1)');\n${'}\n'.repeat(n)}});\n`,
    ),
    ...both(
      'handler-callbacks',
      `import express from 'express';\nconst app = express();\napp.post('/x', (req, res) => {\n${'setTimeout(() => {\n'.repeat(n)}res.json(JSON.parse(req.body));\n${'}, 1);\n'.repeat(n)}});\n`,
    ),
  ];
}

const ACK_FIRST = [
  "import express from 'express';",
  "import pg from 'pg';",
  'const pool = new pg.Pool();',
  'const app = express();',
  "app.post('/x', async (req, res) => {",
  '  res.json({ ok: true });',
  "  await pool.query('INSERT INTO t VALUES (1)');",
  '});',
  '',
].join('\n');

/** The canonical finding: an ack before the durable write, on line 6 of ACK_FIRST. */
export const ACK_FIRST_SOURCE = ACK_FIRST;

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

/** Odd encodings, line endings and lengths (everything but the 5 MB files: see bigFiles). */
export function oddSources(): HostileCase[] {
  return [
    { name: 'empty', ext: 'ts', content: '' },
    { name: 'whitespace', ext: 'js', content: ' \t\n\r\n\u00A0\u2028\n' },
    { name: 'only-comments', ext: 'ts', content: '/* a */\n// b\n/** c */\n' },
    { name: 'unterminated-comment', ext: 'js', content: '/* never closed\nconst a = 1;\n' },
    { name: 'bom', ext: 'ts', content: `\uFEFF${ACK_FIRST}` },
    { name: 'bom-only', ext: 'js', content: '\uFEFF' },
    { name: 'double-bom', ext: 'ts', content: `\uFEFF\uFEFF${ACK_FIRST}` },
    { name: 'crlf', ext: 'ts', content: ACK_FIRST.replace(/\n/g, '\r\n') },
    { name: 'lone-cr', ext: 'js', content: ACK_FIRST.replace(/\n/g, '\r') },
    { name: 'mixed-eol', ext: 'ts', content: ACK_FIRST.split('\n').map((l, i) => l + ['\n', '\r\n', '\r', '\u2028'][i % 4]).join('') },
    { name: 'nul-bytes', ext: 'js', content: `const a = 1;\u0000\nconst b = '\u0000';\n${ACK_FIRST}` },
    { name: 'lone-surrogates', ext: 'ts', content: `const s = '\uD800\uDC00\uDFFF\uD800';\n${ACK_FIRST}` },
    { name: 'invalid-utf8-string', ext: 'js', content: bytes('export const s = "', [0xff, 0xfe, 0xc3], '";\n', ACK_FIRST) },
    { name: 'invalid-utf8-code', ext: 'ts', content: bytes('export const ', [0xc0, 0xaf, 0xed, 0xa0, 0x80], ' = 1;\n') },
    { name: 'utf16le', ext: 'js', content: Buffer.from(`\uFEFF${ACK_FIRST}`, 'utf16le') },
    { name: 'binary-garbage', ext: 'ts', content: Uint8Array.from({ length: 4096 }, (_v, i) => (i * 7919 + 13) % 256) },
    { name: 'long-string', ext: 'js', content: `export const s = '${'x'.repeat(1_000_000)}';\n${ACK_FIRST}` },
    { name: 'long-template', ext: 'ts', content: `export const t = \`${'y'.repeat(500_000)}\${1}${'z'.repeat(500_000)}\`;\n${ACK_FIRST}` },
    { name: 'long-regex', ext: 'js', content: `export const r = /${'a|'.repeat(100_000)}b/u;\n` },
    { name: 'long-comment', ext: 'ts', content: `// ${'c'.repeat(1_000_000)}\n${ACK_FIRST}` },
    { name: 'long-identifier', ext: 'js', content: `const ${'i'.repeat(100_000)} = Date.now();\n` },
    { name: 'many-statements', ext: 'ts', content: `${'a();\n'.repeat(10_000)}${ACK_FIRST}` },
    { name: 'unbalanced', ext: 'ts', content: `${'{(['.repeat(3000)}\n` },
    { name: 'shebang', ext: 'js', content: `#!/usr/bin/env node\n${ACK_FIRST}` },
  ];
}

/**
 * Files of 5 MB on one line: a minified bundle (code with the string tables real bundles carry) and one
 * huge string literal. Both fit the default test run.
 */
export function bigFiles(): HostileCase[] {
  const size = 5 * 1024 * 1024;
  const chunk =
    'var n=function(e,t){return e.reduce(function(r,o){return r+o.value*t},0)};var u={id:"a1",msg:"' +
    'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. '.repeat(40) +
    '"};';
  return [
    { name: 'bundle-5mb', ext: 'js', content: `${chunk.repeat(Math.ceil(size / chunk.length))}\n` },
    { name: 'string-5mb', ext: 'ts', content: `export const big = '${'y'.repeat(size)}';\n` },
  ];
}

/**
 * 5 MB of nothing but tiny statements on one line (`a.b(c,d);` 580,000 times: 4 million tokens). ESLint
 * itself needs ~50 s and ~4 GB of heap for it with zero rules, so only the fuzz script runs it, and it
 * compares the rules' cost with ESLint's own.
 */
export function denseBigFile(): HostileCase {
  const size = 5 * 1024 * 1024;
  const statement = 'a.b(c,d);';
  return { name: 'dense-5mb', ext: 'js', content: `${statement.repeat(Math.ceil(size / statement.length))}\n` };
}

/** Unusual but valid syntax: each case parses with the parser of its extension. */
export function unusualSyntax(): HostileCase[] {
  return [
    {
      name: 'decorators',
      ext: 'ts',
      content: [
        "import { Body, Controller, Inject, Post } from '@nestjs/common';",
        "@Controller('orders')",
        'export class OrdersController {',
        "  constructor(@Inject('DB') private readonly db: { save(x: unknown): Promise<void> }) {}",
        '  @Post()',
        '  async create(@Body() body: string) {',
        '    const parsed = JSON.parse(body);',
        '    await this.db.save(parsed);',
        '    return { ok: true };',
        '  }',
        '  accessor count = 0;',
        '  static #instances = 0;',
        '  static { OrdersController.#instances = 1; }',
        '  has(o: object) { return #instances in o; }',
        '}',
        ACK_FIRST,
      ].join('\n'),
    },
    {
      name: 'jsx',
      ext: 'tsx',
      content: [
        "import express from 'express';",
        "import pg from 'pg';",
        'const pool = new pg.Pool();',
        'const app = express();',
        "app.post('/x', async (req, res) => {",
        '  res.json({ ok: true });',
        "  await pool.query('INSERT INTO t VALUES (1)');",
        '});',
        'const Page = ({ title }: { title: string }) => <main title={title}>{[1, 2].map((n) => <p key={n}>{n}</p>)}<></></main>;',
        "app.get('/', (req, res) => { res.send(<Page title={String(Date.now())} />); });",
        'export default Page;',
        '',
      ].join('\n'),
    },
    {
      name: 'using',
      ext: 'ts',
      content: [
        'export async function run(open: () => AsyncDisposable & Disposable) {',
        '  using a = open();',
        '  await using b = open();',
        '  return [a, b];',
        '}',
        '',
      ].join('\n'),
    },
    {
      name: 'generators-labels',
      ext: 'js',
      content: [
        'export function* gen() { outer: for (;;) { inner: for (const x of [1]) { if (x) continue outer; break inner; } yield* [1, 2]; break outer; } }',
        'export async function* agen() { for await (const x of gen()) yield x; }',
        '',
      ].join('\n'),
    },
    {
      name: 'regex-v-flag',
      ext: 'js',
      content: 'export const r = /[\\p{L}--[a-z]]/v;\nexport const s = /(?<year>\\d{4})-(?<month>\\d{2})/d;\n',
    },
    {
      name: 'top-level-await',
      ext: 'js',
      content: "import pg from 'pg';\nconst pool = new pg.Pool();\nawait pool.query('SELECT 1');\nexport const ready = await Promise.resolve(Date.now());\n",
    },
    {
      name: 'satisfies-enums-namespaces',
      ext: 'ts',
      content: [
        'export enum Status { Ok = 1, Failed = Ok << 1 }',
        'export const enum Flags { A = 1 }',
        'export namespace Outer.Inner { export const at = Date.now(); }',
        "export const config = { lease: 30_000 } satisfies Record<string, number>;",
        'export abstract class Base<in out T> { abstract get(): T; }',
        'export type Keys = keyof typeof config;',
        "declare module 'express' { interface Request { user?: string } }",
        'declare global { var started: number }',
        'export function overload(a: string): string;',
        'export function overload(a: number): number;',
        'export function overload(a: unknown) { return a; }',
        "import type { Request } from 'express';",
        "export = {} as unknown as Request;",
        '',
      ].join('\n'),
    },
    {
      name: 'misc-modern',
      ext: 'js',
      content: [
        "import data from './data.json' with { type: 'json' };",
        'export const a = data?.x ?? 1n;',
        'export let b = 0; b ||= 1; b &&= 2; b ??= 3;',
        'export const c = 1_000_000 ** 2;',
        'export const { d, ...rest } = { d: 1, e: 2 };',
        'export class K { #p = 1; static s = 2; get p() { return this.#p; } }',
        'export const tagged = String.raw`\\u{zzz}`;',
        'export default async () => { try { await import("node:fs"); } catch { /* optional */ } };',
        '',
      ].join('\n'),
    },
  ];
}

// ---------------------------------------------------------------------------------------------------------
// Malformed configs
// ---------------------------------------------------------------------------------------------------------

/** A config file to write into a temp project: its name, content, and the key an error should name. */
export interface ConfigCase {
  name: string;
  file: string;
  content: string | Uint8Array;
  /** A key the error message must name (a dotted path, as the validator reports it). */
  key?: string;
}

/** Values of every JSON type, to put where a key expects another. */
const JSON_VALUES: readonly unknown[] = [null, true, 0, -1, 1.5, '', 'x', [], [1], {}, { a: 1 }];

interface SchemaNode {
  type?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  enum?: unknown[];
  minimum?: number;
  minLength?: number;
  additionalProperties?: boolean | SchemaNode;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Does a value satisfy the type (and enum) of a schema node? Used to keep only values that are wrong. */
function fits(value: unknown, schema: SchemaNode): boolean {
  if (schema.anyOf) return schema.anyOf.some((b) => fits(value, b));
  const t = typeOf(value);
  if (schema.type !== undefined && !(schema.type === t || (schema.type === 'number' && t === 'integer'))) return false;
  if (schema.enum && !schema.enum.includes(value)) return false;
  if (typeof value === 'number' && schema.minimum !== undefined && value < schema.minimum) return false;
  if (typeof value === 'string' && schema.minLength !== undefined && value.length < schema.minLength) return false;
  return true;
}

/** A minimal valid value for a schema node (to build the path down to a key). */
function validValue(schema: SchemaNode): unknown {
  if (schema.anyOf) return validValue(schema.anyOf[0]);
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'string':
      return 'x';
    case 'integer':
    case 'number':
      return Math.max(1, schema.minimum ?? 1);
    case 'boolean':
      return false;
    case 'array':
      return [];
    default:
      return {};
  }
}

/**
 * For every key of the schema (walking objects, array items and anyOf branches), configs that put a
 * wrong-typed value there, plus an unknown key in every object that forbids them. Each case names the key.
 */
export function wrongTypeConfigs(schema: unknown): { config: unknown; key: string }[] {
  const out: { config: unknown; key: string }[] = [];
  const walk = (node: SchemaNode, key: string, wrap: (v: unknown) => unknown): void => {
    if (key !== '') {
      for (const value of JSON_VALUES) if (!fits(value, node)) out.push({ config: wrap(value), key });
    }
    const branches = node.anyOf ?? [node];
    for (const branch of branches) {
      if (branch.type === 'object' && branch.properties) {
        for (const [name, child] of Object.entries(branch.properties)) {
          const childKey = key === '' ? name : `${key}.${name}`;
          const required = Object.fromEntries(
            Object.entries(branch.properties)
              .filter(([other]) => other !== name && (branch as { required?: string[] }).required?.includes(other))
              .map(([other, s]) => [other, validValue(s)]),
          );
          walk(child, childKey, (v) => wrap({ ...required, [name]: v }));
        }
        if (branch.additionalProperties === false) {
          const unknownKey = key === '' ? 'frobnicate' : `${key}.frobnicate`;
          const required = Object.fromEntries(
            Object.entries(branch.properties)
              .filter(([other]) => (branch as { required?: string[] }).required?.includes(other))
              .map(([other, s]) => [other, validValue(s)]),
          );
          out.push({ config: wrap({ ...required, frobnicate: 1 }), key: unknownKey });
        }
      }
      if (branch.type === 'array' && branch.items) {
        const items = branch.items;
        walk(items, `${key}[0]`, (v) => wrap([v]));
      }
    }
  };
  walk(schema as SchemaNode, '', (v) => v);
  return out;
}

/** Broken files of every format the config search accepts. `key` set where the error can name one. */
export function brokenConfigFiles(): ConfigCase[] {
  const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
  const deepArrays = `{"include": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
  return [
    { name: 'invalid JSON', file: 'assume.config.json', content: '{ "include": [' },
    { name: 'trailing comma', file: 'assume.config.json', content: '{ "include": ["src/**"], }' },
    { name: 'JSON with comments', file: 'assume.config.json', content: '// hi\n{ "frobnicate": 1 }' },
    { name: 'JSON array', file: 'assume.config.json', content: '["src/**"]' },
    { name: 'JSON string', file: 'assume.config.json', content: '"src/**"' },
    { name: 'JSON number', file: 'assume.config.json', content: '42' },
    { name: 'JSON null', file: 'assume.config.json', content: 'null' },
    { name: 'binary garbage', file: 'assume.config.json', content: Uint8Array.from({ length: 2048 }, (_v, i) => (i * 31 + 7) % 256) },
    { name: 'NUL bytes', file: 'assume.config.json', content: '{"include": ["\u0000"]}\u0000' },
    { name: 'BOM and unknown key', file: 'assume.config.json', content: '\uFEFF{ "frobnicate": true }' },
    { name: 'invalid UTF-8 in an unknown key', file: 'assume.config.json', content: bytes('{ "', [0xff, 0xfe], '": 1 }') },
    { name: 'deeply nested JSON objects', file: 'assume.config.json', content: deep },
    { name: 'deeply nested JSON arrays', file: 'assume.config.json', content: deepArrays, key: 'include[0]' },
    { name: 'huge JSON (20 MB, unknown key)', file: 'assume.config.json', content: `{"frobnicate": "${'x'.repeat(20 * 1024 * 1024)}"}`, key: 'frobnicate' },
    { name: 'huge JSON (wrong type in a long array)', file: 'assume.config.json', content: `{"exclude": [${'"a",'.repeat(200_000)}1]}`, key: 'exclude[200000]' },
    { name: 'invalid YAML', file: 'assume.config.yaml', content: 'include: [src\n  - : :\n\t- x' },
    { name: 'YAML tab indentation', file: '.assumerc.yml', content: 'rules:\n\tno-unbounded-parse: off\n' },
    { name: 'YAML wrong type', file: '.assumerc', content: 'maxFileBytes: lots\n', key: 'maxFileBytes' },
    { name: 'YAML alias bomb', file: 'assume.config.yml', content: yamlBomb() },
    { name: 'YAML scalar', file: 'assume.config.yaml', content: 'just a string\n' },
    { name: 'YAML duplicate keys', file: 'assume.config.yaml', content: 'include: [a]\ninclude: [b]\n' },
    { name: 'package.json with a bad assume key', file: 'package.json', content: '{ "name": "x", "assume": { "rules": { "no-such-rule": "error" } } }', key: 'rules.no-such-rule' },
    { name: 'package.json assume is an array', file: 'package.json', content: '{ "name": "x", "assume": [] }' },
    { name: 'broken package.json', file: 'package.json', content: '{ "name": "x", "assume": ' },
    { name: 'JS config that throws', file: 'assume.config.mjs', content: "throw new Error('boom from config');\n" },
    { name: 'JS config with a syntax error', file: 'assume.config.js', content: 'export default {\n' },
    { name: 'JS config exporting a string', file: 'assume.config.mjs', content: "export default 'src/**';\n" },
    { name: 'JS config exporting a function', file: 'assume.config.mjs', content: 'export default () => ({});\n' },
    { name: 'JS config exporting null', file: 'assume.config.cjs', content: 'module.exports = null;\n' },
    { name: 'JS config exporting a number', file: '.assumerc.cjs', content: 'module.exports = 42;\n' },
    { name: 'JS config exporting an unknown key', file: 'assume.config.cjs', content: 'module.exports = { frobnicate: 1 };\n', key: 'frobnicate' },
    { name: 'JS config importing a missing module', file: 'assume.config.mjs', content: "import x from 'no-such-module-anywhere';\nexport default x;\n" },
    { name: 'JS config throwing a non-Error', file: 'assume.config.cjs', content: "throw { code: 'WEIRD' };\n" },
    { name: 'JS config rejecting', file: 'assume.config.mjs', content: "export default await Promise.reject(new Error('rejected'));\n" },
    { name: 'JS config exporting a getter that throws', file: 'assume.config.mjs', content: "export default { get include() { throw new Error('getter'); } };\n" },
    // Never settles: Node ends the process when nothing is left to wait for (it does not hang).
    { name: 'JS config that never settles', file: 'assume.config.mjs', content: 'export default await new Promise(() => {});\n' },
  ];
}

/** A YAML "billion laughs": a few lines that expand to a huge document if aliases are followed naively. */
function yamlBomb(): string {
  const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  const names = 'bcdefghij'.split('');
  let prev = 'a';
  for (const n of names) {
    lines.push(`${n}: &${n} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`);
    prev = n;
  }
  return `${lines.join('\n')}\n`;
}

/** Random bytes or text as a config file under a random searched name. */
export const randomConfigFile: fc.Arbitrary<ConfigCase> = fc.record({
  // Not package.json: a broken one is a known bug (an internal error), covered once in brokenConfigFiles.
  file: fc.constantFrom('assume.config.json', 'assume.config.yaml', '.assumerc', '.assumerc.json'),
  content: fc.oneof(
    fc.uint8Array({ minLength: 1, maxLength: 512 }),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 256 }),
    // A valid-looking config with a random edit: keeps the fuzzer near the format.
    fc.tuple(fc.constantFrom('{"include":["src/**"],"rules":{"no-unbounded-parse":"warn"},"maxFileBytes":1024}'), fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([text, ms]) =>
      applyMutations(text, ms),
    ),
  ),
}).map(({ file, content }) => ({ name: `random ${file}`, file, content }));

// ---------------------------------------------------------------------------------------------------------
// Oracles and shrinking (shared by the tests and the fuzz script, so both judge alike)
// ---------------------------------------------------------------------------------------------------------

/**
 * Is an error thrown out of ESLint's `verify` a crash of one of our rules? Yes when ESLint attributes it to
 * an `assume/*` rule (it tags errors thrown in a rule's listener or `create`), or when a stack frame is in
 * this repository's own code. A parser's or ESLint's own limit (scope analysis overflowing on 10,000
 * levels) is neither: ESLint reports unparsable input as a fatal message, and what it throws with zero
 * rules is not ours to fix.
 */
export function isOurCrash(error: unknown, repoRoot: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { ruleId, message, stack } = error as { ruleId?: unknown; message?: unknown; stack?: unknown };
  if (typeof ruleId === 'string' && ruleId.startsWith('assume/')) return true;
  if (typeof message === 'string' && /Error while loading rule 'assume\//.test(message)) return true;
  const frames = typeof stack === 'string' ? stack.split('\n').filter((line) => /^\s+at /.test(line)) : [];
  return frames.some((line) => line.includes(repoRoot) && !line.includes('node_modules'));
}

/**
 * Greedy shrinking of a failing generated input: drops mutations, units and body statements one at a time
 * while `fails` still holds, until nothing more can go. Returns the smallest input found.
 */
export function shrinkInput(input: GeneratedInput, fails: (candidate: GeneratedInput) => boolean): GeneratedInput {
  let best = input;
  for (let progress = true; progress; ) {
    progress = false;
    const candidates: GeneratedInput[] = [];
    best.mutations.forEach((_m, i) => candidates.push({ ...best, mutations: best.mutations.filter((_x, j) => j !== i) }));
    if (best.spec.units.length > 1) best.spec.units.forEach((_u, i) => candidates.push({ ...best, spec: { ...best.spec, units: best.spec.units.filter((_x, j) => j !== i) } }));
    best.spec.units.forEach((unit, i) => {
      if (unit.patterns.length > 1) {
        unit.patterns.forEach((_p, k) => {
          const units = best.spec.units.map((u, j) => (j === i ? { ...u, patterns: u.patterns.filter((_x, m) => m !== k) } : u));
          candidates.push({ ...best, spec: { ...best.spec, units } });
        });
      }
    });
    if (best.spec.typed) candidates.push({ ...best, spec: { ...best.spec, typed: false } });
    for (const candidate of candidates) {
      if (fails(candidate)) {
        best = candidate;
        progress = true;
        break;
      }
    }
  }
  return best;
}
