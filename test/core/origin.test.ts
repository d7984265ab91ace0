import { describe, expect, it } from 'vitest';
import type { TSESTree } from '@typescript-eslint/utils';
import { traceOf, type Trace } from '../../core/origin.js';
import { handlerOf } from '../../core/handlers.js';
import { fileResolver } from '../../core/resolver.js';
import { contextOf } from '../helpers/parse.js';

/** Trace of the callee of the call whose source text starts with `prefix`. */
function calleeTrace(code: string, prefix: string): Trace {
  const ctx = contextOf(code);
  const call = ctx.index.calls.find((c) => ctx.file.text.slice(c.range[0]).startsWith(prefix));
  if (!call) throw new Error(`no call ${prefix}`);
  return traceOf(ctx, call.callee);
}

function describeTrace(t: Trace): string {
  const r = t.root;
  const root =
    r.kind === 'module' ? `module:${r.module}` : r.kind === 'global' ? `global:${r.name}` : r.kind === 'role' ? `role:${r.role}` : r.kind;
  return [root, ...t.path].join(' ');
}

describe('traceOf', () => {
  it('follows ESM default imports through calls and awaits', () => {
    const code = `import amqp from 'amqplib';
async function main() {
  const conn = await amqp.connect('x');
  const channel = await conn.createChannel();
  channel.ack(msg);
}`;
    expect(describeTrace(calleeTrace(code, 'channel.ack'))).toBe('module:amqplib connect () createChannel () ack');
  });

  it('follows require and destructuring', () => {
    const code = `const { Pool } = require('pg');
const pool = new Pool();
pool.query('INSERT');`;
    expect(describeTrace(calleeTrace(code, 'pool.query'))).toBe('module:pg Pool new query');
  });

  it('gives framework handler parameters their roles', () => {
    const code = `import express from 'express';
const app = express();
const router = express.Router();
app.post('/x', async (req, res) => { res.status(201).json({}); });
router.get('/y', (req, res, next) => { res.send('ok'); });
app.use((err, req, res, next) => { res.sendStatus(500); });`;
    expect(describeTrace(calleeTrace(code, 'res.status(201).json'))).toBe('role:http.response status () json');
    expect(describeTrace(calleeTrace(code, "res.send('ok')"))).toBe('role:http.response send');
    expect(describeTrace(calleeTrace(code, 'res.sendStatus'))).toBe('role:http.response sendStatus');
  });

  it('does not give roles to look-alike names', () => {
    const code = `function handle(req, res) { res.json({}); }
const res2 = { json() {} };
res2.json();`;
    expect(calleeTrace(code, 'res.json').root.kind).toBe('param');
    expect(calleeTrace(code, 'res2.json').root.kind).toBe('function');
  });

  it('resolves handlers passed by name inside object literals (kafkajs)', () => {
    const code = `import { Kafka } from 'kafkajs';
const kafka = new Kafka({});
async function onBatch({ batch, resolveOffset }) { resolveOffset('1'); }
async function start() { const c = kafka.consumer({}); await c.run({ eachBatch: onBatch }); }`;
    expect(describeTrace(calleeTrace(code, "resolveOffset('1')"))).toBe('role:kafkajs.eachBatch.payload resolveOffset');
  });

  it('uses declared types of parameters', () => {
    const code = `import type { Request, Response } from 'express';
import { IncomingMessage } from 'node:http';
export function h(req: Request, res: Response) { res.json({}); }
export function r(req: IncomingMessage) { req.on('data', () => {}); }
export async function POST(request: Request) { return 1; }`;
    expect(describeTrace(calleeTrace(code, 'res.json'))).toBe('role:http.response json');
    expect(describeTrace(calleeTrace(code, "req.on('data'"))).toBe('role:http.request on');
  });

  it('resolves this.fields, constructor parameter properties and methods', () => {
    const code = `import { Repository } from 'typeorm';
import { PrismaClient } from '@prisma/client';
class Svc {
  private prisma = new PrismaClient();
  constructor(private readonly repo: Repository<Order>) {}
  async save(o) { await this.repo.save(o); await this.prisma.order.create({}); return this.helper(); }
  helper() { return 1; }
}`;
    expect(describeTrace(calleeTrace(code, 'this.repo.save'))).toBe('module:typeorm Repository # save');
    expect(describeTrace(calleeTrace(code, 'this.prisma.order.create'))).toBe('module:@prisma/client PrismaClient new order create');
    const ctx = contextOf(code);
    const call = ctx.index.calls.find((c) => ctx.file.text.slice(c.range[0]).startsWith('this.helper'));
    expect(call && fileResolver.callee(ctx, call)?.fn.parent.type).toBe('MethodDefinition');
  });

  it('treats shadowed globals as locals', () => {
    const code = `const Date = { now() { return 1; } };
Date.now();
function f() { return JSON.parse('{}'); }`;
    expect(calleeTrace(code, 'Date.now').root.kind).toBe('function');
    expect(describeTrace(calleeTrace(code, 'JSON.parse'))).toBe('global:JSON parse');
  });

  it('finds registrations: Lambda handler, BullMQ worker, NestJS controller', () => {
    const code = `import { Worker } from 'bullmq';
import { Controller, Post, Res } from '@nestjs/common';
export const handler = async (event) => ({ statusCode: 200 });
new Worker('q', async (job) => { job.data; });
@Controller('orders')
class OrdersController {
  @Post()
  async create(@Res() res) { res.json({}); }
}`;
    const ctx = contextOf(code);
    const kinds = ctx.index.functions.map((fn) => handlerOf(ctx, fn)?.framework.id);
    expect(kinds).toEqual(['aws-lambda.handler', 'bullmq.worker', 'nestjs.controller-method']);
    expect(describeTrace(calleeTrace(code, 'res.json'))).toBe('role:http.response json');
  });

  it('follows a wrapper around a route handler', () => {
    const code = `import { Router } from 'express';
const router = Router();
router.post('/', asyncHandler(async (req, res) => { res.json({}); }));`;
    expect(describeTrace(calleeTrace(code, 'res.json'))).toBe('role:http.response json');
  });

  it('does not recurse forever on cycles', () => {
    const code = `let a = b; let b = a; a.x();
function f() { return f(); } f().y();`;
    expect(calleeTrace(code, 'a.x').root.kind).toBe('unknown');
    expect(calleeTrace(code, 'f().y').root.kind).toBeDefined();
  });
});

describe('index', () => {
  it('survives deep nesting without recursion', () => {
    const depth = 500;
    const code = 'const x = ' + '['.repeat(depth) + ']'.repeat(depth) + ';';
    const ctx = contextOf(code);
    expect(ctx.index.size).toBeGreaterThan(depth);
  });
});

// Keep the type import used.
export type { TSESTree };
