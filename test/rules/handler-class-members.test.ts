// Handlers that are members of a class the file instantiates: a method or an arrow function in a field
// (`create = async (req, res) => {...}`), registered through a constant holding the instance
// (`router.post('/orders', orders.create)`, `orders.update.bind(orders)`).
import rule from '../../rules/no-ack-before-durable-write.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();

const controller = (members: string, routes: string): string => `import express from 'express';
import pg from 'pg';

const pool = new pg.Pool();

class OrdersController {
${members}
}

const orders = new OrdersController();
export const router = express.Router();
${routes}
`;

ruleTester.run('no-ack-before-durable-write (handlers that are class members)', rule, {
  valid: [
    {
      name: 'an arrow field registered through the instance awaits the INSERT before answering',
      code: controller(
        `  create = async (req, res) => {
    await pool.query('INSERT INTO orders (sku) VALUES ($1)', [req.body.sku]);
    res.status(201).json({ ok: true });
  };`,
        `router.post('/orders', orders.create);`,
      ),
    },
    {
      name: 'an arrow field that no registrar receives: its parameters are plain values',
      code: `import pg from 'pg';

const pool = new pg.Pool();

class Replayer {
  replay = async (req: { body: { sku: string } }, res: { json(v: unknown): void }) => {
    res.json({ replaying: true });
    await pool.query('INSERT INTO orders (sku) VALUES ($1)', [req.body.sku]);
  };
}

export const replayer = new Replayer();
`,
    },
  ],
  invalid: [
    {
      name: 'an arrow field registered through the instance answers 201 before the INSERT runs',
      code: controller(
        `  create = async (req, res) => {
    res.status(201).json({ ok: true });
    await pool.query('INSERT INTO orders (sku) VALUES ($1)', [req.body.sku]);
  };`,
        `router.post('/orders', orders.create);`,
      ),
      errors: [{ messageId: 'writeAfterAck', line: 8, column: 5 }],
    },
    {
      name: 'a method registered through the instance with bind answers before the UPDATE runs',
      code: controller(
        `  async update(req, res) {
    res.json({ ok: true });
    await pool.query('UPDATE orders SET sku = $1 WHERE id = $2', [req.body.sku, req.params.id]);
  }`,
        `router.put('/orders/:id', orders.update.bind(orders));`,
      ),
      errors: [{ messageId: 'writeAfterAck', line: 8, column: 5 }],
    },
  ],
});
