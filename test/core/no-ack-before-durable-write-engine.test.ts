// The small engine additions made for no-ack-before-durable-write: traces through a superclass, handlers
// exported by a later statement, and object-literal methods used as route handlers.
import { describe, expect, it } from 'vitest';
import { traceOf, type Trace } from '../../core/origin.js';
import { handlerOf } from '../../core/handlers.js';
import { contextOf } from '../helpers/parse.js';

function describeTrace(t: Trace): string {
  const r = t.root;
  const root = r.kind === 'module' ? `module:${r.module}` : r.kind === 'global' ? `global:${r.name}` : r.kind === 'role' ? `role:${r.role}` : r.kind;
  return [root, ...t.path].join(' ');
}

function calleeTrace(code: string, prefix: string, path = 'file.ts'): string {
  const ctx = contextOf(code, path);
  const call = ctx.index.calls.find((c) => ctx.file.text.slice(c.range[0]).startsWith(prefix));
  if (!call) throw new Error(`no call ${prefix}`);
  return describeTrace(traceOf(ctx, call.callee));
}

describe('engine additions', () => {
  it('follows a member a local class does not declare to its superclass (static and instance)', () => {
    const code = `import { Model } from 'sequelize';
import { PrismaClient } from '@prisma/client';
class Booking extends Model {}
class PrismaService extends PrismaClient {}
Booking.update({}, { where: {} });
new PrismaService().user.create({ data: {} });`;
    expect(calleeTrace(code, 'Booking.update')).toBe('module:sequelize Model update');
    expect(calleeTrace(code, 'new PrismaService().user')).toBe('module:@prisma/client PrismaClient new user create');
  });

  it('registers a Lambda handler exported by a later statement', () => {
    for (const tail of ['module.exports = { handler };', 'exports.handler = handler;', 'export { handler };']) {
      const ctx = contextOf(`const handler = async (event) => ({ statusCode: 200 });\n${tail}`, 'file.js');
      expect(handlerOf(ctx, ctx.index.functions[0])?.framework.id, tail).toBe('aws-lambda.handler');
    }
  });

  it('registers an object-literal method passed as a route handler', () => {
    const code = `import express from 'express';
const orders = { async create(req, res) { res.json({}); } };
export const router = express.Router();
router.post('/orders', orders.create);`;
    const ctx = contextOf(code, 'file.js');
    expect(handlerOf(ctx, ctx.index.functions[0])?.framework.id).toBe('express.route');
    expect(calleeTrace(code, 'res.json', 'file.js')).toBe('role:http.response json');
  });
});

describe('class methods registered through this', () => {
  it('registers a method passed as this.m.bind(this) or this.m', () => {
    const code = `import { Kafka } from 'kafkajs';
import express from 'express';
export class Billing {
  consumer = new Kafka({ brokers: [] }).consumer({ groupId: 'g' });
  router = express.Router();
  async start() {
    await this.consumer.run({ eachMessage: this.handle.bind(this) });
    this.router.post('/x', this.create);
  }
  async handle(payload) {}
  create(req, res) {}
}`;
    const ctx = contextOf(code, 'file.js');
    const byName = (name: string) => ctx.index.functions.find((f) => f.parent.type === 'MethodDefinition' && f.parent.key.type === 'Identifier' && f.parent.key.name === name);
    expect(handlerOf(ctx, byName('handle')!)?.framework.id).toBe('kafkajs.each-message');
    expect(handlerOf(ctx, byName('create')!)?.framework.id).toBe('express.route');
  });
});

describe('values cached on the global object', () => {
  it('traces `globalThis.x ?? new Client()` to the client', () => {
    const code = `import { PrismaClient } from '@prisma/client';
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };
export const prisma = globalForPrisma.prisma ?? new PrismaClient();
prisma.user.create({ data: {} });`;
    expect(calleeTrace(code, 'prisma.user.create')).toBe('module:@prisma/client PrismaClient new user create');
  });
});
