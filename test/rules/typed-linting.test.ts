/**
 * With typed linting on, the rules use declared types the syntax alone cannot see: here a value returned by
 * an opaque helper whose declared return type is Node's `ServerResponse`.
 */
import { fileURLToPath } from 'node:url';
import { RuleTester } from '../rule-tester.js';
import rule from '../../rules/no-ack-before-durable-write.js';

const code = `import type { ServerResponse } from 'node:http';
import pg from 'pg';
const pool = new pg.Pool();
declare function responseOf(raw: unknown): ServerResponse;
export async function handle(raw: unknown) {
  const res = responseOf(raw);
  res.end('ok');
  await pool.query('INSERT INTO orders (id) VALUES (1)');
}
`;

const typed = new RuleTester({
  languageOptions: {
    parserOptions: {
      projectService: { allowDefaultProject: ['*.ts'] },
      tsconfigRootDir: fileURLToPath(new URL('../..', import.meta.url)),
    },
  },
});

typed.run('no-ack-before-durable-write (typed)', rule, {
  valid: [{ name: 'the ack after the awaited write', code: code.replace("  res.end('ok');\n", '').replace("VALUES (1)');\n", "VALUES (1)');\n  res.end('ok');\n") }],
  invalid: [{ name: 'the declared type makes res an HTTP response', code, errors: [{ messageId: 'writeAfterAck', line: 7, column: 3 }] }],
});

const untyped = new RuleTester();
untyped.run('no-ack-before-durable-write (untyped)', rule, {
  // Without types the helper's result is opaque: no finding rather than a guess.
  valid: [{ name: 'an opaque value is not taken for a response', code }],
  invalid: [],
});
