// A clock read in a local helper whose callers are followed while the file's facts are still being built
// (the store-origin walk asked for them again): such a read was dropped, with every other read of the file.
import rule from '../../rules/no-wall-clock-at-boundary.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-wall-clock-at-boundary (helpers)', rule, {
  valid: [
    {
      name: 'an audit column of an INSERT whose statement also names an idempotency key: the column decides',
      code: `import pg from 'pg';

const pool = new pg.Pool();

export async function startRun(companyId: string, period: string, idempotencyKey: string) {
  await pool.query(
    \`INSERT INTO payroll_runs (company_id, period, idempotency_key, requested_at)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (idempotency_key) DO NOTHING\`,
    [companyId, period, idempotencyKey, new Date()],
  );
}
`,
    },
    {
      name: 'a method that returns the clock, used only for a log line',
      code: `export class Reporter {
  private nowMs(): number {
    return Date.now();
  }
  describe(): string {
    return this.nowMs().toString();
  }
  log(message: string): void {
    console.log(\`[\${this.describe()}] \${message}\`);
  }
}
`,
    },
    {
      name: 'a clock field of a local object read back for the response only: no boundary',
      filename: 'holds.ts',
      code: `import express from 'express';

export const app = express();

app.post('/preview', (req, res) => {
  const quote = { sku: String(req.body.sku), quotedAt: Date.now() };
  res.json({ sku: quote.sku, quotedAt: new Date(quote.quotedAt).toISOString() });
});
`,
    },
  ],
  invalid: [
    {
      name: 'the same INSERT with the time in the idempotency key column',
      code: `import pg from 'pg';

const pool = new pg.Pool();

export async function startRun(companyId: string, period: string) {
  await pool.query(
    \`INSERT INTO payroll_runs (company_id, period, idempotency_key)
     VALUES ($1, $2, $3)
     ON CONFLICT (idempotency_key) DO NOTHING\`,
    [companyId, period, Date.now()],
  );
}
`,
      errors: [{ messageId: 'dedupe', line: 10, column: 25 }],
    },
    {
      name: 'snowflake ids from the clock, also read through a method that converts them to strings',
      code: `export class Snowflake {
  private last = -1n;
  nextId(): bigint {
    const nowMs = BigInt(Date.now());
    if (nowMs < this.last) throw new Error('clock moved backwards');
    this.last = nowMs;
    return (nowMs - 1672531200000n) << 22n;
  }
  nextIdString(): string {
    return this.nextId().toString();
  }
}
`,
      errors: [{ messageId: 'identity', line: 4, column: 26 }],
    },
    {
      name: 'a DynamoDB lock whose expiry comes from a private clock method',
      code: `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';

export class Locks {
  private readonly doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  private currentTimeMs(): number {
    return Date.now();
  }
  async acquire(name: string, owner: string): Promise<void> {
    const now = this.currentTimeMs();
    await this.doc.send(new PutCommand({
      TableName: 'locks',
      Item: { lockName: name, owner, expiresAt: now + 15000 },
      ConditionExpression: 'attribute_not_exists(lockName) OR expiresAt < :now',
      ExpressionAttributeValues: { ':now': now },
    }));
  }
}
`,
      errors: [{ messageId: 'ownership', line: 7, column: 12 }],
    },
    {
      name: 'a hold stamped with the local clock on an object, its field read back into a shared Redis hash',
      filename: 'holds.ts',
      code: `import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');

export async function placeHold(eventId: string, seatId: string, holderId: string) {
  const key = \`hold:\${eventId}:\${seatId}\`;
  const hold = { eventId, seatId, holderId, heldUntil: Date.now() + 8 * 60 * 1000 };
  await redis.hset(key, { holderId: hold.holderId, heldUntil: String(hold.heldUntil) });
  return hold;
}
`,
      errors: [{ messageId: 'ownership', line: 7, column: 56 }],
    },
  ],
});
