// Whether a SQL call changes state is read from its statement text, also when a helper of the file builds it or a
// variable holds it (core/sql-text.ts, shared with no-ack-before-durable-write).
import rule from '../../rules/no-unhandled-timeout.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();

const recorder = (helper: string, call: string): string => `import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, query_timeout: 5_000 });

${helper}

export async function record(p: { id: string; amount: number }) {
  try {
    ${call}
  } catch {
    return { recorded: false };
  }
  return { recorded: true };
}
`;

ruleTester.run('no-unhandled-timeout (SQL text from helpers and variables)', rule, {
  valid: [
    {
      name: 'the helper builds a SELECT: a read, whatever its timeout outcome',
      code: recorder(
        `function findPayment(p: { id: string; amount: number }) {
  return { text: 'SELECT id FROM payments WHERE id = $1 AND amount = $2', values: [p.id, p.amount] };
}`,
        'await pool.query(findPayment(p));',
      ),
    },
    {
      name: 'a `let` reassigned on one branch: the statement is not known, so neither is the write',
      code: recorder(
        `const upsert = process.env.UPSERT === '1';`,
        `let sql = 'SELECT id FROM payments WHERE id = $1';
    if (upsert) sql = 'INSERT INTO payments (id, amount) VALUES ($1, $2)';
    await pool.query(sql, [p.id, p.amount]);`,
      ),
    },
  ],
  invalid: [
    {
      name: 'the INSERT config comes from a helper; a timeout is reported as "not recorded"',
      code: recorder(
        `function insertPayment(p: { id: string; amount: number }) {
  return { text: 'INSERT INTO payments (id, amount) VALUES ($1, $2)', values: [p.id, p.amount] };
}`,
        'await pool.query(insertPayment(p));',
      ),
      errors: [{ messageId: 'treatedAsFailure', line: 11, column: 11 }],
    },
    {
      name: 'the INSERT text is in a `let` written only where it is declared',
      code: recorder(
        `const TABLE = 'payments';`,
        `let sql = 'INSERT INTO ' + TABLE + ' (id, amount) VALUES ($1, $2)';
    await pool.query(sql, [p.id, p.amount]);`,
      ),
      errors: [{ messageId: 'treatedAsFailure', line: 10, column: 11 }],
    },
  ],
});
