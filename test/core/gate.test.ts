import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkNoAckBeforeDurableWrite } from '../../core/checkers/no-ack-before-durable-write.js';
import { checkNoUnhandledTimeout } from '../../core/checkers/no-unhandled-timeout.js';
import { checkNoWallClockAtBoundary } from '../../core/checkers/no-wall-clock-at-boundary.js';
import { behindGate, gates, mayFind, vocabularyOf } from '../../core/gate.js';
import type { CheckContext, Finding } from '../../core/types.js';
import { contextOf } from '../helpers/parse.js';

// test/setup.ts turns verification on for every test; here the gates skip for real.
beforeEach(() => {
  gates.verify = false;
});
afterEach(() => {
  gates.verify = true;
});

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

  it('opens on a quoted module of the role, with or without node:', () => {
    expect(mayFind(at(`import { Pool } from 'pg';`), writes)).toBe(true);
    expect(mayFind(at(`const fs = require("node:fs");`), writes)).toBe(true);
    expect(mayFind(at('const knex = require(`knex`);'), writes)).toBe(true);
    // A module whose name only starts like one, or the name outside quotes, does not.
    expect(mayFind(at(`import x from 'pg-format'; const pg = 1;`), writes)).toBe(false);
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
