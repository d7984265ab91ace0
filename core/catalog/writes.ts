import type { CatalogEntry } from './types.js';

/**
 * Durable writes: database writes, file writes, publishes to a durable log or queue, object-store puts.
 * Used by `no-ack-before-durable-write`. Calls end in `'()'`; SDK v3 command objects end in `'new'` and
 * carry `via: 'send'` (the write is the `client.send(command)` call).
 *
 * Facts read by the checker:
 * - `sqlArg`: index of the argument holding SQL text; the call is a write only when the statement is one
 *   (INSERT, UPDATE, DELETE, MERGE, UPSERT, REPLACE, COMMIT, DDL, CALL); `sqlTag` for tagged templates.
 * - `settles: 'sync'`: the call completes (or hands off) synchronously; only a write after an ack matters.
 * - `body: true`: a function argument is the body of a transaction, not a completion callback.
 */
const SQL_PG = ['pg', 'pg-pool', '@neondatabase/serverless', '@vercel/postgres'];
const MONGOOSE_WRITES =
  'save|create|insertMany|updateOne|updateMany|replaceOne|deleteOne|deleteMany|findOneAndUpdate|findByIdAndUpdate|findOneAndDelete|findByIdAndDelete|findOneAndReplace|findOneAndRemove|findByIdAndRemove|bulkWrite|bulkSave|remove';
const MONGO_WRITES = 'insertOne|insertMany|updateOne|updateMany|replaceOne|deleteOne|deleteMany|findOneAndUpdate|findOneAndReplace|findOneAndDelete|bulkWrite';
const PRISMA_WRITES = 'create|createMany|createManyAndReturn|update|updateMany|updateManyAndReturn|upsert|delete|deleteMany';
const SEQUELIZE_WRITES = 'create|bulkCreate|update|upsert|destroy|increment|decrement|save|restore';
const TYPEORM_WRITES = 'save|insert|update|upsert|delete|remove|softDelete|softRemove|restore|recover|increment|decrement|clear';
const KNEX_WRITES = 'insert|update|del|delete|upsert|truncate|increment|decrement';

export const writeEntries: readonly CatalogEntry[] = [
  // SQL drivers: a write when the statement text is one.
  { id: 'write.pg.query', role: 'durable-write', target: { from: 'package', package: SQL_PG, path: ['**', 'query', '()'] }, facts: { sqlArg: 0 }, description: 'a SQL write through pg' },
  { id: 'write.mysql.query', role: 'durable-write', target: { from: 'package', package: ['mysql2', 'mysql2/promise', 'mysql'], path: ['**', 'query|execute', '()'] }, facts: { sqlArg: 0 }, description: 'a SQL write through mysql2' },
  { id: 'write.postgres.sql', role: 'durable-write', target: { from: 'package', package: ['postgres'], path: ['()', '()'] }, facts: { sqlTag: true }, description: 'a SQL write through the postgres tagged template' },
  { id: 'write.sequelize.query', role: 'durable-write', target: { from: 'package', package: ['sequelize'], path: ['Sequelize', 'new|#', 'query', '()'] }, facts: { sqlArg: 0 }, description: 'a raw SQL write through Sequelize' },
  // Query builders and ORMs.
  { id: 'write.knex.write', role: 'durable-write', target: { from: 'package', package: ['knex'], path: ['**', KNEX_WRITES, '()'] }, description: 'a knex insert/update/delete (runs only when awaited)' },
  { id: 'write.knex.raw', role: 'durable-write', target: { from: 'package', package: ['knex'], path: ['**', 'raw', '()'] }, facts: { sqlArg: 0 }, description: 'a raw SQL write through knex' },
  { id: 'write.knex.transaction', role: 'durable-write', target: { from: 'package', package: ['knex'], path: ['**', 'transaction', '()'] }, facts: { body: true }, description: 'a knex transaction' },
  { id: 'write.prisma.model.write', role: 'durable-write', target: { from: 'package', package: ['@prisma/client'], path: ['**', 'PrismaClient', 'new|#', '*', PRISMA_WRITES, '()'] }, description: 'a Prisma create/update/upsert/delete (runs only when awaited)' },
  { id: 'write.prisma.raw-or-transaction', role: 'durable-write', target: { from: 'package', package: ['@prisma/client'], path: ['**', 'PrismaClient', 'new|#', '$executeRaw|$executeRawUnsafe|$transaction', '()'] }, facts: { body: true }, description: 'a Prisma raw write or transaction' },
  { id: 'write.mongoose.model.write', role: 'durable-write', target: { from: 'package', package: ['mongoose'], path: ['**', 'model', '()', '**', MONGOOSE_WRITES, '()'] }, description: 'a Mongoose model or document write' },
  { id: 'write.mongoose.typed.write', role: 'durable-write', target: { from: 'package', package: ['mongoose'], path: ['Model|Document|HydratedDocument', '#', '**', MONGOOSE_WRITES, '()'] }, description: 'a write on a value typed as a Mongoose Model or Document' },
  { id: 'write.mongoose.transaction', role: 'durable-write', target: { from: 'package', package: ['mongoose'], path: ['**', 'startSession', '()', 'withTransaction', '()'] }, facts: { body: true }, description: 'a Mongoose transaction' },
  { id: 'write.mongodb.collection.write', role: 'durable-write', target: { from: 'package', package: ['mongodb'], path: ['**', MONGO_WRITES, '()'] }, description: 'a MongoDB collection write' },
  { id: 'write.sequelize.model.write', role: 'durable-write', target: { from: 'package', package: ['sequelize', '@sequelize/core'], path: ['Model', '**', SEQUELIZE_WRITES, '()'] }, description: 'a Sequelize model or instance write' },
  { id: 'write.sequelize.define.write', role: 'durable-write', target: { from: 'package', package: ['sequelize', '@sequelize/core'], path: ['Sequelize', 'new|#', '**', 'define', '()', '**', SEQUELIZE_WRITES, '()'] }, description: 'a write on a Sequelize model made with define()' },
  { id: 'write.sequelize.models.write', role: 'durable-write', target: { from: 'package', package: ['sequelize', '@sequelize/core'], path: ['Sequelize', 'new|#', 'models', '*', '**', SEQUELIZE_WRITES, '()'] }, description: 'a write on a model from sequelize.models' },
  { id: 'write.sequelize.transaction', role: 'durable-write', target: { from: 'package', package: ['sequelize', '@sequelize/core'], path: ['Sequelize', 'new|#', 'transaction', '()'] }, facts: { body: true }, description: 'a Sequelize transaction' },
  { id: 'write.typeorm.write', role: 'durable-write', target: { from: 'package', package: ['typeorm'], path: ['**', TYPEORM_WRITES, '()'] }, description: 'a TypeORM repository, entity manager or entity write' },
  { id: 'write.typeorm.query-builder', role: 'durable-write', target: { from: 'package', package: ['typeorm'], path: ['**', 'createQueryBuilder', '()', '**', 'insert|update|delete|softDelete|restore', '()'] }, description: 'a TypeORM query builder write (runs on execute)' },
  { id: 'write.typeorm.transaction', role: 'durable-write', target: { from: 'package', package: ['typeorm'], path: ['**', 'transaction', '()'] }, facts: { body: true }, description: 'a TypeORM transaction' },
  { id: 'write.typeorm.query', role: 'durable-write', target: { from: 'package', package: ['typeorm'], path: ['**', 'query', '()'] }, facts: { sqlArg: 0 }, description: 'a raw SQL write through TypeORM' },
  { id: 'write.drizzle.write', role: 'durable-write', target: { from: 'package', package: ['drizzle-orm/node-postgres', 'drizzle-orm/postgres-js', 'drizzle-orm/mysql2', 'drizzle-orm/better-sqlite3', 'drizzle-orm/neon-http', 'drizzle-orm/libsql', 'drizzle-orm/d1'], path: ['drizzle', '()', 'insert|update|delete', '()'] }, description: 'a Drizzle insert/update/delete (runs only when awaited)' },
  { id: 'write.objection.write', role: 'durable-write', target: { from: 'package', package: ['objection'], path: ['Model', '**', 'insert|insertGraph|upsertGraph|insertAndFetch|patch|update|patchAndFetchById|updateAndFetchById|delete|deleteById|relate|unrelate', '()'] }, description: 'an Objection.js write' },
  { id: 'write.mikro-orm.flush', role: 'durable-write', target: { from: 'package', package: ['@mikro-orm/core', '@mikro-orm/postgresql', '@mikro-orm/mysql', '@mikro-orm/sqlite', '@mikro-orm/mongodb'], path: ['**', 'flush|persistAndFlush|removeAndFlush|nativeInsert|nativeUpdate|nativeDelete', '()'] }, description: 'a MikroORM flush or native write' },
  { id: 'write.cassandra.execute', role: 'durable-write', target: { from: 'package', package: ['cassandra-driver'], path: ['**', 'execute|batch', '()'] }, facts: { sqlArg: 0 }, description: 'a CQL write' },
  { id: 'write.firestore.write', role: 'durable-write', target: { from: 'package', package: ['@google-cloud/firestore', 'firebase-admin', 'firebase-admin/firestore'], path: ['**', 'collection|doc', '()', '**', 'set|update|delete|add|create', '()'] }, description: 'a Firestore document write' },
  { id: 'write.firebase.realtime-database', role: 'durable-write', target: { from: 'package', package: ['firebase-admin', 'firebase-admin/database'], path: ['**', 'ref', '()', '**', 'set|update|push|remove|transaction', '()'] }, description: 'a Firebase Realtime Database write' },
  // Files.
  { id: 'write.fs.write.callback', role: 'durable-write', target: { from: 'package', package: ['fs'], path: ['writeFile|appendFile|rename|copyFile', '()'] }, description: 'a file write (callback API)' },
  { id: 'write.fs.write.promise', role: 'durable-write', target: { from: 'package', package: ['fs', 'fs/promises'], path: ['**', 'writeFile|appendFile|rename|copyFile', '()'] }, description: 'a file write (promise API)' },
  { id: 'write.fs.write.sync', role: 'durable-write', target: { from: 'package', package: ['fs'], path: ['writeFileSync|appendFileSync|renameSync|copyFileSync', '()'] }, facts: { settles: 'sync' }, description: 'a synchronous file write' },
  // Object stores.
  { id: 'write.s3.command', role: 'durable-write', target: { from: 'package', package: ['@aws-sdk/client-s3'], path: ['PutObjectCommand|CopyObjectCommand|DeleteObjectCommand|DeleteObjectsCommand|CompleteMultipartUploadCommand', 'new'] }, facts: { via: 'send' }, description: 'an S3 object write' },
  { id: 'write.s3.upload', role: 'durable-write', target: { from: 'package', package: ['@aws-sdk/lib-storage'], path: ['Upload', 'new', 'done', '()'] }, description: 'an S3 multipart upload' },
  { id: 'write.s3.v2', role: 'durable-write', target: { from: 'package', package: ['aws-sdk', 'aws-sdk/clients/s3'], path: ['**', 'new', 'putObject|upload|copyObject|deleteObject|deleteObjects', '()'] }, description: 'an S3 object write (SDK v2)' },
  { id: 'write.gcs.write', role: 'durable-write', target: { from: 'package', package: ['@google-cloud/storage'], path: ['**', 'file', '()', 'save', '()'] }, description: 'a Cloud Storage object write' },
  { id: 'write.azure-blob.write', role: 'durable-write', target: { from: 'package', package: ['@azure/storage-blob'], path: ['**', 'upload|uploadData|uploadFile|uploadStream', '()'] }, description: 'an Azure blob upload' },
  // Key-value and document stores.
  { id: 'write.dynamodb.command', role: 'durable-write', target: { from: 'package', package: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'], path: ['PutItemCommand|UpdateItemCommand|DeleteItemCommand|BatchWriteItemCommand|TransactWriteItemsCommand|PutCommand|UpdateCommand|DeleteCommand|BatchWriteCommand|TransactWriteCommand', 'new'] }, facts: { via: 'send' }, description: 'a DynamoDB write' },
  { id: 'write.dynamodb.document', role: 'durable-write', target: { from: 'package', package: ['@aws-sdk/lib-dynamodb'], path: ['DynamoDBDocument', '**', 'put|update|delete|batchWrite|transactWrite', '()'] }, description: 'a DynamoDB document write' },
  { id: 'write.dynamodb.v2', role: 'durable-write', target: { from: 'package', package: ['aws-sdk', 'aws-sdk/clients/dynamodb'], path: ['**', 'new', 'put|update|delete|batchWrite|transactWrite|putItem|updateItem|deleteItem|batchWriteItem|transactWriteItems', '()'] }, description: 'a DynamoDB write (SDK v2)' },
  // Durable logs and queues.
  { id: 'write.sqs.send-message', role: 'durable-write', target: { from: 'package', package: ['@aws-sdk/client-sqs'], path: ['SendMessageCommand|SendMessageBatchCommand', 'new'] }, facts: { via: 'send' }, description: 'an SQS publish' },
  { id: 'write.sns.publish', role: 'durable-write', target: { from: 'package', package: ['@aws-sdk/client-sns'], path: ['PublishCommand|PublishBatchCommand', 'new'] }, facts: { via: 'send' }, description: 'an SNS publish' },
  { id: 'write.kinesis.put', role: 'durable-write', target: { from: 'package', package: ['@aws-sdk/client-kinesis', '@aws-sdk/client-firehose'], path: ['PutRecordCommand|PutRecordsCommand|PutRecordBatchCommand', 'new'] }, facts: { via: 'send' }, description: 'a Kinesis/Firehose put' },
  { id: 'write.eventbridge.put', role: 'durable-write', target: { from: 'package', package: ['@aws-sdk/client-eventbridge'], path: ['PutEventsCommand', 'new'] }, facts: { via: 'send' }, description: 'an EventBridge put' },
  { id: 'write.kafkajs.producer.send', role: 'durable-write', target: { from: 'package', package: ['kafkajs'], path: ['**', 'producer|Producer', '()|#', 'send|sendBatch', '()'] }, description: 'a Kafka produce' },
  { id: 'write.bullmq.add', role: 'durable-write', target: { from: 'package', package: ['bullmq'], path: ['Queue|FlowProducer', 'new|#', 'add|addBulk', '()'] }, description: 'a BullMQ enqueue' },
  { id: 'write.bull.add', role: 'durable-write', target: { from: 'package', package: ['bull'], path: ['**', 'new|#', 'add', '()'] }, description: 'a Bull enqueue' },
  { id: 'write.amqplib.publish', role: 'durable-write', target: { from: 'package', package: ['amqplib', 'amqplib/callback_api'], path: ['**', 'publish|sendToQueue', '()'] }, facts: { settles: 'sync' }, description: 'a RabbitMQ publish' },
  { id: 'write.amqplib.callback.publish', role: 'durable-write', target: { from: 'role', role: 'amqplib.channel', path: ['publish|sendToQueue', '()'] }, facts: { settles: 'sync' }, description: 'a RabbitMQ publish on a channel of the callback API' },
  { id: 'write.amqp-connection-manager.publish', role: 'durable-write', target: { from: 'package', package: ['amqp-connection-manager'], path: ['**', 'publish|sendToQueue', '()'] }, description: 'a RabbitMQ publish (confirmed)' },
  { id: 'write.pubsub.publish', role: 'durable-write', target: { from: 'package', package: ['@google-cloud/pubsub'], path: ['**', 'topic', '()', 'publish|publishMessage|publishJSON', '()'] }, description: 'a Pub/Sub publish' },
];

/**
 * Best-effort work: fine after an acknowledgement and never a durable write (caches, metrics, logs,
 * analytics). Checked before the durable writes, so a user entry here also exempts a write.
 */
export const bestEffortEntries: readonly CatalogEntry[] = [
  { id: 'best-effort.ioredis', role: 'best-effort', target: { from: 'package', package: ['ioredis', 'redis', '@redis/client', '@upstash/redis'], path: ['**', '()'] }, description: 'a Redis call (cache)' },
  { id: 'best-effort.cache.memory', role: 'best-effort', target: { from: 'package', package: ['lru-cache', 'node-cache', 'keyv', 'cache-manager'], path: ['**', '()'] }, description: 'an in-memory cache' },
  { id: 'best-effort.metrics', role: 'best-effort', target: { from: 'package', package: ['prom-client', 'hot-shots', 'node-statsd', 'statsd-client', '@opentelemetry/api', 'dd-trace'], path: ['**', '()'] }, description: 'a metric or trace' },
  { id: 'best-effort.logging', role: 'best-effort', target: { from: 'package', package: ['pino', 'winston', 'bunyan', 'loglevel', 'debug', '@nestjs/common'], path: ['**', 'log|info|warn|error|debug|trace|fatal|verbose', '()'] }, description: 'a log line' },
  { id: 'best-effort.console', role: 'best-effort', target: { from: 'lib', path: ['console', '*', '()'] }, description: 'a console log line' },
  { id: 'best-effort.error-reporting', role: 'best-effort', target: { from: 'package', package: ['@sentry/node', '@sentry/nextjs', '@sentry/serverless', '@sentry/aws-serverless', 'bugsnag', '@bugsnag/js'], path: ['**', '()'] }, description: 'an error report' },
  { id: 'best-effort.analytics', role: 'best-effort', target: { from: 'package', package: ['analytics-node', '@segment/analytics-node', 'posthog-node', 'mixpanel', '@amplitude/analytics-node'], path: ['**', '()'] }, description: 'an analytics event' },
];

/**
 * Calls that run a callback later, after the current code (including an ack that follows) has run: a write
 * they schedule is still pending at the ack. Role `deferral`.
 */
export const deferralEntries: readonly CatalogEntry[] = [
  { id: 'deferral.timers.global', role: 'deferral', target: { from: 'lib', path: ['setImmediate|setTimeout|setInterval|queueMicrotask', '()'] }, description: 'a timer or microtask' },
  { id: 'deferral.process.next-tick', role: 'deferral', target: { from: 'lib', path: ['process', 'nextTick', '()'] }, description: 'process.nextTick' },
  { id: 'deferral.timers.module', role: 'deferral', target: { from: 'package', package: ['timers'], path: ['setImmediate|setTimeout|setInterval', '()'] }, description: 'a timer from node:timers' },
];
