/**
 * no-wall-clock-at-boundary in the whole-program analyzer: a clock read returned by a function of another file
 * is followed into its callers; the finding stays at the read, in the helper's file, once.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyzer/api.js';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'assume-wc-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function wallClock(cwd: string): string[] {
  return analyze({ cwd })
    .findings.filter((f) => f.ruleId === 'no-wall-clock-at-boundary')
    .map((f) => `${f.file}:${f.line} ${f.messageId}`);
}

const clockHelper = `export function nowMs() {
  return Date.now();
}
`;

describe('no-wall-clock-at-boundary across files', () => {
  it('reports a helper read stored as a version at the read, in the helper file', () => {
    const cwd = project({
      'src/clock.js': clockHelper,
      'src/repo.js': `import pg from 'pg';
import { nowMs } from './clock.js';

const pool = new pg.Pool();

export async function save(doc) {
  await pool.query('UPDATE docs SET body = $1, version = $2 WHERE id = $3', [doc.body, nowMs(), doc.id]);
}
`,
    });
    expect(wallClock(cwd)).toEqual(['src/clock.js:2 identity']);
  });

  it('follows a clock read built into a string (a key) by the helper', () => {
    const cwd = project({
      'lib/keys.js': `function paymentKey(id) {
  return \`pay-\${id}-\${Date.now()}\`;
}
module.exports = { paymentKey };
`,
      'lib/pay.js': `const Stripe = require('stripe');
const { paymentKey } = require('./keys');
const stripe = new Stripe('sk');
async function pay(o) {
  return stripe.charges.create({ amount: o.amount }, { idempotencyKey: paymentKey(o.id) });
}
module.exports = { pay };
`,
    });
    expect(wallClock(cwd)).toEqual(['lib/keys.js:2 dedupe']);
  });

  it('does not flag a helper read the caller only uses as a duration or log', () => {
    const cwd = project({
      'src/clock.js': clockHelper,
      'src/job.js': `import { nowMs } from './clock.js';

export async function run(work) {
  const started = nowMs();
  await work();
  console.log('took', nowMs() - started);
}
`,
    });
    expect(wallClock(cwd)).toEqual([]);
  });

  it('reports a read once when its own file and several callers reach boundaries', () => {
    const cwd = project({
      'src/lease.js': `import Redis from 'ioredis';
const redis = new Redis();
export const leaseUntil = (ttl) => Date.now() + ttl;
export async function renew(name) {
  await redis.set(\`lease:\${name}\`, String(leaseUntil(1000)));
}
`,
      'src/a.js': `import Redis from 'ioredis';
import { leaseUntil } from './lease.js';
const redis = new Redis();
export async function takeA() {
  await redis.hset('lease:a', { owner: 'a', expiresAt: leaseUntil(5000) });
}
`,
      'src/b.js': `import Redis from 'ioredis';
import { leaseUntil } from './lease.js';
const redis = new Redis();
export async function takeB() {
  await redis.hset('lease:b', { owner: 'b', expiresAt: leaseUntil(5000) });
}
`,
    });
    expect(wallClock(cwd)).toEqual(['src/lease.js:3 ownership']);
  });

  it('follows a stamp passed to a store method of another file that keeps the newer edit', () => {
    const cwd = project({
      'src/store.js': `import pg from 'pg';
const pool = new pg.Pool();
export async function saveIfNewer(id, editedAt) {
  const { rows } = await pool.query('SELECT edited_at_ms FROM documents WHERE id = $1', [id]);
  const stored = rows[0] ? Number(rows[0].edited_at_ms) : -1;
  if (stored >= editedAt) return false;
  await pool.query('UPDATE documents SET edited_at_ms = $2 WHERE id = $1', [id, editedAt]);
  return true;
}
`,
      'src/edit.js': `import { saveIfNewer } from './store.js';
export async function edit(id) {
  const editedAt = Date.now();
  return saveIfNewer(id, editedAt);
}
`,
    });
    expect(wallClock(cwd)).toEqual(['src/edit.js:3 ordering']);
  });

  const factory = `import { randomUUID } from 'node:crypto';
export function makeEvent(type, data) {
  return { id: randomUUID(), type, data, at: Date.now() };
}
export const opened = (id) => makeEvent('Opened', { id });
`;

  it('follows stamped records through a factory and an array into a function of another file that sorts them', () => {
    const cwd = project({
      'src/factory.js': factory,
      'src/projector.js': `export function replay(events) {
  return [...events].sort((a, b) => a.at - b.at).map((e) => e.type);
}
`,
      'src/sync.js': `import { opened } from './factory.js';
import { replay } from './projector.js';
export async function rebuild(ids, fetchPeer) {
  const local = ids.map((id) => opened(id));
  const remote = await fetchPeer();
  return replay([...local, ...remote]);
}
`,
    });
    expect(wallClock(cwd)).toEqual(['src/factory.js:3 ordering']);
  });

  it('does not flag stamped records carried into a function of another file that only counts them', () => {
    const cwd = project({
      'src/factory.js': factory,
      'src/report.js': `export function summary(events) {
  return { count: [...events].length, types: events.map((e) => e.type) };
}
`,
      'src/sync.js': `import { opened } from './factory.js';
import { summary } from './report.js';
export async function rebuild(ids, fetchPeer) {
  const local = ids.map((id) => opened(id));
  const remote = await fetchPeer();
  return summary([...local, ...remote]);
}
`,
    });
    expect(wallClock(cwd)).toEqual([]);
  });
});

describe('no-wall-clock-at-boundary across files: the cache and a declared type\'s importers', () => {
  const types = `export interface LedgerEntry {\n  accountId: string;\n  amountCents: number;\n  postedAt: number;\n}\n`;
  const factory = `import type { LedgerEntry } from './types.js';\n\nexport function post(accountId: string, amountCents: number): LedgerEntry {\n  return { accountId, amountCents, postedAt: Date.now() };\n}\n`;
  const balance = `import type { LedgerEntry as Entry } from './types.js';\n\nexport function runningBalance(entries: readonly Entry[]): number[] {\n  const ordered = entries.toSorted((a: Entry, b: Entry) => a.postedAt - b.postedAt);\n  let total = 0;\n  return ordered.map((e) => (total += e.amountCents));\n}\n`;
  const tsconfig = JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', target: 'es2022', noEmit: true }, include: ['src'] });
  const findings = (result: ReturnType<typeof analyze>) => result.findings.filter((f) => f.ruleId === 'no-wall-clock-at-boundary').map((f) => `${f.file}:${f.line}`);

  it('re-checks the file that stamps the type when a new file imports the type and sorts by the stamp', () => {
    const cwd = project({ 'tsconfig.json': tsconfig, 'src/types.ts': types, 'src/factory.ts': factory });
    const cold = analyze({ cwd, cache: undefined });
    expect(findings(cold)).toEqual([]);
    expect(cold.cache.files['src/factory.ts'].reverse).toEqual([['src/types.ts', 'LedgerEntry']]);

    // A new file orders the records by the stamp: factory.ts itself did not change.
    writeFileSync(join(cwd, 'src/balance.ts'), balance);
    const warm = analyze({ cwd, cache: cold.cache });
    expect(findings(warm)).toEqual(['src/factory.ts:4']);
    expect(findings(analyze({ cwd }))).toEqual(['src/factory.ts:4']);
  });

  it('still serves the stamping file from the cache when nothing imports the type anew', () => {
    const cwd = project({ 'tsconfig.json': tsconfig, 'src/types.ts': types, 'src/factory.ts': factory, 'src/balance.ts': balance });
    const cold = analyze({ cwd });
    expect(findings(cold)).toEqual(['src/factory.ts:4']);
    writeFileSync(join(cwd, 'src/other.ts'), `export const unrelated = 1;\n`);
    const warm = analyze({ cwd, cache: cold.cache });
    expect(findings(warm)).toEqual(['src/factory.ts:4']);
    expect(warm.stats.cached).toBeGreaterThanOrEqual(3);
  });
});
