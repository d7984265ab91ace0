// Handlers made by a factory of the file: a function returns the handler, and a call of that function is what the
// framework registers (`app.post('/orders', handlerFor(db))`, `http.createServer(server.listener())`). The
// registrar calls what the factory returns, so its parameters are the framework's request and response.
import ackRule from '../../rules/no-ack-before-durable-write.js';
import parseRule from '../../rules/no-unbounded-parse.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();

/** An express app whose route is the handler `insertInto(table)` returns, with `body` as that handler's body. */
const insertFactory = (body: string): string => `import express from 'express';
import pg from 'pg';

const pool = new pg.Pool();
export const app = express();
app.use(express.json({ limit: '10kb' }));

function insertInto(table) {
  return async (req, res) => {
${body}
  };
}

app.post('/events', insertInto('events'));
`;

ruleTester.run('no-ack-before-durable-write (handler factories)', ackRule, {
  valid: [
    {
      name: 'express: the handler a factory returns awaits the INSERT before it answers',
      code: insertFactory(`    await pool.query(\`INSERT INTO \${table} (payload) VALUES ($1)\`, [req.body]);
    res.status(201).json({ ok: true });`),
    },
    {
      name: 'a factory whose function is never registered: its `res` is a plain parameter',
      code: `import pg from 'pg';

const pool = new pg.Pool();

function recorder(table) {
  return async (req, res) => {
    res.json({ queued: true });
    await pool.query(\`INSERT INTO \${table} (payload) VALUES ($1)\`, [req.body]);
  };
}

export const record = recorder('events');
`,
    },
    {
      name: 'a factory called as the argument of a non-registrar (`Array#map`)',
      code: `import express from 'express';
import pg from 'pg';

const pool = new pg.Pool();
export const app = express();

const toRow = (table) => (req, res) => {
  res.push(table);
  return pool.query('INSERT INTO audit (t) VALUES ($1)', [table]);
};

export const rows = ['a', 'b'].map(toRow('audit'));
`,
    },
  ],
  invalid: [
    {
      name: 'express: the handler a factory returns answers 202 before the INSERT runs',
      code: insertFactory(`    res.status(202).json({ accepted: true });
    await pool.query(\`INSERT INTO \${table} (payload) VALUES ($1)\`, [req.body]);`),
      errors: [{ messageId: 'writeAfterAck', line: 10, column: 5 }],
    },
    {
      name: 'express: an arrow factory whose body is the handler, registered inside a wrapper',
      code: `import express from 'express';
import asyncHandler from 'express-async-handler';
import pg from 'pg';

const pool = new pg.Pool();
export const app = express();
app.use(express.json({ limit: '10kb' }));

const insertInto = (table) => async (req, res) => {
  res.sendStatus(202);
  await pool.query(\`INSERT INTO \${table} (payload) VALUES ($1)\`, [req.body]);
};

app.post('/events', asyncHandler(insertInto('events')));
`,
      errors: [{ messageId: 'writeAfterAck', line: 10, column: 3 }],
    },
  ],
});

ruleTester.run('no-unbounded-parse (handler factories)', parseRule, {
  valid: [
    {
      name: 'node:http: the handler a factory returns counts the bytes and stops at a limit',
      code: `import http from 'node:http';

function jsonHandler(limit) {
  return (req, res) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > limit) {
        res.statusCode = 413;
        res.end();
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => res.end(JSON.stringify(JSON.parse(Buffer.concat(chunks).toString('utf8')))));
  };
}

http.createServer(jsonHandler(64 * 1024)).listen(3000);
`,
    },
  ],
  invalid: [
    {
      name: 'node:http: the handler a factory returns collects the body with no byte cap, then parses it',
      code: `import http from 'node:http';

function jsonHandler() {
  return (req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => res.end(JSON.stringify(JSON.parse(Buffer.concat(chunks).toString('utf8')))));
  };
}

http.createServer(jsonHandler()).listen(3000);
`,
      errors: [{ messageId: 'unboundedAccumulation', line: 6, column: 5 }],
    },
    {
      name: "node:http: a method of an instance the file makes returns the listener (`server.listener()`), and the body is read in another method",
      code: `import http from 'node:http';

class RpcServer {
  readJson(req) {
    return new Promise((resolve, reject) => {
      const chunks = [];
      req.on('data', (chunk) => chunks.push(chunk));
      req.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      req.on('error', reject);
    });
  }

  listener() {
    return async (req, res) => {
      const call = await this.readJson(req);
      res.end(JSON.stringify({ id: call.id, result: null }));
    };
  }
}

const rpc = new RpcServer();
http.createServer(rpc.listener()).listen(4000);
`,
      errors: [{ messageId: 'unboundedAccumulation', line: 7, column: 7 }],
    },
  ],
});
