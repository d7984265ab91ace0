// SQL text built by a helper of the file (`const { text, values } = buildInsert(rows)`, `pool.query(upsertSql(row))`):
// the query is a write when every value the helper returns is SQL that writes, and unknown (not reported by
// default) when they disagree or one cannot be read.
import rule from '../../rules/no-ack-before-durable-write.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();

const consumer = (helper: string, call: string): string => `import { Kafka } from 'kafkajs';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
const kafka = new Kafka({ clientId: 'telemetry', brokers: ['kafka:9092'] });
const consumer = kafka.consumer({ groupId: 'telemetry' });

${helper}

export async function start() {
  await consumer.run({
    autoCommit: true,
    eachMessage: async ({ message }) => {
      const rows = JSON.parse(message.value.toString()).readings;
      ${call}
    },
  });
}
`;

const buildInsert = `function buildInsert(rows) {
  const values = [];
  const tuples = rows.map((row, i) => {
    values.push(row.deviceId, row.value);
    return \`($\${i * 2 + 1}, $\${i * 2 + 2})\`;
  });
  const text =
    'INSERT INTO samples (device_id, value) VALUES ' +
    tuples.join(', ') +
    ' ON CONFLICT DO NOTHING';
  return { text, values };
}`;

/** `consumer` arguments: an INSERT held in a \`let\` written only where it is declared, its query fired without await. */
const letInsert = [
  `const mode = process.env.MODE;`,
  `let sql = 'INSERT INTO samples (device_id, value) VALUES ($1, $2)';
      pool.query(sql, [rows[0].deviceId, rows[0].value]);`,
] as const;

/** `consumer` arguments: an arrow helper's query config, renamed where it is destructured, fired without await. */
const renamedUpsert = [
  `const upsertSql = (row) => ({ text: \`INSERT INTO samples (device_id, value) VALUES ($1, $2) ON CONFLICT (device_id) DO UPDATE SET value = $2\`, values: [row.deviceId, row.value] });`,
  `const { text: sql, values } = upsertSql(rows[0]);
      pool.query(sql, values);`,
] as const;

/** The call site with the `await` the rule's suggestion adds. */
const awaitQuery = (call: string): string => call.replace('      pool.query(', '      await pool.query(');

ruleTester.run('no-ack-before-durable-write (SQL built by a helper)', rule, {
  valid: [
    {
      name: 'kafkajs eachMessage: the helper-built INSERT is awaited before the handler returns',
      code: consumer(buildInsert, `const { text, values } = buildInsert(rows);
      await pool.query(text, values);`),
    },
    {
      name: 'kafkajs eachMessage: a floating query whose helper builds a SELECT is a read, not a write',
      code: consumer(
        `function latestSql(deviceId) {
  return { text: 'SELECT value FROM samples WHERE device_id = $1 ORDER BY id DESC LIMIT 1', values: [deviceId] };
}`,
        `const { text, values } = latestSql(rows[0].deviceId);
      pool.query(text, values).then((r) => console.log(r.rows));`,
      ),
    },
    {
      name: 'kafkajs eachMessage: the helper returns an INSERT on one branch and a SELECT on the other (unknown, not reported by default)',
      code: consumer(
        `function sqlFor(row) {
  if (row.kind === 'probe') return { text: 'SELECT 1', values: [] };
  return { text: 'INSERT INTO samples (device_id, value) VALUES ($1, $2)', values: [row.deviceId, row.value] };
}`,
        `const { text, values } = sqlFor(rows[0]);
      pool.query(text, values).catch(() => {});`,
      ),
    },
    {
      name: 'kafkajs eachMessage: a helper that returns nothing readable (its text is a parameter)',
      code: consumer(
        `const toQuery = (sql, values) => ({ text: sql, values });`,
        `const { text, values } = toQuery(process.env.SAMPLE_SQL, [rows.length]);
      pool.query(text, values).catch(() => {});`,
      ),
    },
    {
      name: 'kafkajs eachMessage: a `let` reassigned before the floating query holds no known statement',
      code: consumer(
        `const mode = process.env.MODE;`,
        `let sql = 'SELECT 1';
      if (mode === 'write') sql = 'INSERT INTO samples (device_id, value) VALUES ($1, $2)';
      pool.query(sql, [rows[0].deviceId, rows[0].value]).catch(() => {});`,
      ),
    },
  ],
  invalid: [
    {
      name: 'kafkajs eachMessage: the INSERT text is in a `let` written only where it is declared',
      code: consumer(...letInsert),
      errors: [
        {
          messageId: 'pendingAtImplicitAck',
          line: 16,
          column: 7,
          suggestions: [
            {
              messageId: 'awaitWrite',
              output: consumer(letInsert[0], awaitQuery(letInsert[1])),
            },
          ],
        },
      ],
    },
    {
      name: 'kafkajs eachMessage: the INSERT built by a helper is fired without await and the offset commits on return',
      code: consumer(buildInsert, `const { text, values } = buildInsert(rows);
      pool.query(text, values).catch((err) => console.error(err));`),
      errors: [
        {
          messageId: 'pendingAtImplicitAck',
          line: 27,
          column: 7,
        },
      ],
    },
    {
      name: 'kafkajs eachMessage: an arrow helper returns the query config, renamed where it is destructured',
      code: consumer(...renamedUpsert),
      errors: [
        {
          messageId: 'pendingAtImplicitAck',
          line: 16,
          column: 7,
          suggestions: [
            {
              messageId: 'awaitWrite',
              output: consumer(renamedUpsert[0], awaitQuery(renamedUpsert[1])),
            },
          ],
        },
      ],
    },
    {
      name: 'express: the query config a helper returns is passed whole, and the response goes out before the INSERT settles',
      code: `import express from 'express';
import pg from 'pg';

const pool = new pg.Pool();
export const app = express();
app.use(express.json({ limit: '100kb' }));

function insertOrder(order) {
  return { text: 'INSERT INTO orders (id, total) VALUES ($1, $2)', values: [order.id, order.total] };
}

app.post('/orders', (req, res) => {
  pool.query(insertOrder(req.body));
  res.status(202).json({ accepted: true });
});
`,
      errors: [{ messageId: 'ackBeforeWrite', line: 14, column: 3 }],
    },
  ],
});
