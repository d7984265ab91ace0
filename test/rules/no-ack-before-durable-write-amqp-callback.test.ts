// amqplib's callback API (`amqplib/callback_api`): the connection and the channel arrive in callbacks
// (`amqp.connect(url, (err, conn) => ...)`, `conn.createChannel((err, ch) => ...)`), and `ch.ack(msg)` on that
// channel acknowledges the delivery.
import rule from '../../rules/no-ack-before-durable-write.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();

const worker = (onJob: string): string => `const amqp = require('amqplib/callback_api');
const { Pool } = require('pg');

const pool = new Pool({ connectionString: process.env.DATABASE_URL });

${onJob}

amqp.connect(process.env.AMQP_URL, (connErr, conn) => {
  if (connErr) throw connErr;
  conn.createChannel((chErr, ch) => {
    if (chErr) throw chErr;
    ch.prefetch(8);
    ch.consume('shipments', (msg) => onJob(ch, msg), { noAck: false });
  });
});
`;

ruleTester.run('no-ack-before-durable-write (amqplib callback API)', rule, {
  valid: [
    {
      name: 'the delivery is acked inside the INSERT callback, once the row is written',
      filename: 'worker.cjs',
      code: worker(`function onJob(ch, msg) {
  const shipment = JSON.parse(msg.content.toString());
  pool.query('INSERT INTO shipments (id, status) VALUES ($1, $2)', [shipment.id, shipment.status], (err) => {
    if (err) {
      ch.nack(msg, false, true);
      return;
    }
    ch.ack(msg);
  });
}`),
    },
    {
      name: 'a channel-like object that is not an amqplib channel (`ack` on a local queue)',
      filename: 'worker.cjs',
      code: `const { Pool } = require('pg');

const pool = new Pool();
const inbox = { items: [], ack(item) { this.items.splice(this.items.indexOf(item), 1); } };

function handle(item) {
  inbox.ack(item);
  pool.query('INSERT INTO handled (id) VALUES ($1)', [item.id]);
}

module.exports = { handle };
`,
    },
  ],
  invalid: [
    {
      name: 'the delivery is acked, then the INSERT is fired without waiting for it',
      filename: 'worker.cjs',
      code: worker(`function onJob(ch, msg) {
  const shipment = JSON.parse(msg.content.toString());
  ch.ack(msg);
  pool.query('INSERT INTO shipments (id, status) VALUES ($1, $2)', [shipment.id, shipment.status]);
}`),
      errors: [{ messageId: 'writeAfterAck', line: 8, column: 3 }],
    },
    {
      name: 'the delivery is acked in the consume callback itself, before a publish to the outbox queue',
      filename: 'worker.cjs',
      code: `const amqp = require('amqplib/callback_api');

amqp.connect(process.env.AMQP_URL, (connErr, conn) => {
  if (connErr) throw connErr;
  conn.createChannel((chErr, ch) => {
    if (chErr) throw chErr;
    ch.consume('orders', (msg) => {
      ch.ack(msg);
      ch.sendToQueue('orders.accepted', msg.content, { persistent: true });
    });
  });
});
`,
      errors: [{ messageId: 'writeAfterAck', line: 8, column: 7 }],
    },
  ],
});
