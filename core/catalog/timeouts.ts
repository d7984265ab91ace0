import type { CatalogEntry } from './types.js';

/**
 * Catalog of the no-unhandled-timeout rule: what puts a timeout on a call, what retries it, what changes
 * state on the other side, what carries an idempotency key, and what makes a value fresh per attempt.
 *
 * Roles and their facts:
 * - `timeout-source`: `kind` is `race` (`Promise.race`: a raced call loses to a timer), `wrap` (a deadline
 *   helper; `arg` is the index of the raced promise), `signal` (an `AbortSignal` that fires after a time),
 *   `signal-any` (a combinator: timed when one of its inputs is), `timer` (a callback timer), `sleep` (a
 *   promise that resolves after a time: a rejecting timer when chained with a throw).
 * - `retry`: `kind` is `helper` (calls the function at argument `fnArg` again on rejection) or `job-options`
 *   (a queue or job whose options may set `attempts`; processors registered with the frameworks in
 *   `frameworks` are run again on failure).
 * - `state-changing`: `http` is `name` (the method name is the HTTP verb) or `options` (the verb is the
 *   `method` option; `optionsArg` is its argument index, default GET); `sql: true` (the verb of the SQL text
 *   in the first argument decides); `command: true` (AWS SDK `send`: the command class's verb decides);
 *   `retryOption` names got's own retry option; otherwise every matching call changes state.
 * - `read-only`: never state-changing, whatever its name says.
 * - `idempotent-call`: a client constructed with `option: true` deduplicates what it sends (kafkajs
 *   `idempotent` producer).
 * - `fresh-id`: returns a new value on each call; a key made from it inside the retried code is not stable.
 */
export const timeoutEntries: readonly CatalogEntry[] = [
  // ---------------------------------------------------------------- timeout sources
  {
    id: 'lib.promise.race',
    role: 'timeout-source',
    target: { from: 'lib', path: ['Promise', 'race', '()'] },
    facts: { kind: 'race' },
    description: 'Promise.race: a raced call that loses to a rejecting timer is abandoned, not cancelled.',
  },
  {
    id: 'p-timeout',
    role: 'timeout-source',
    target: { from: 'package', package: ['p-timeout'], path: ['()'] },
    facts: { kind: 'wrap', arg: 0 },
    description: 'pTimeout(promise, ms): rejects with TimeoutError while the promise keeps running.',
  },
  {
    id: 'p-timeout.named',
    role: 'timeout-source',
    target: { from: 'package', package: ['p-timeout'], path: ['pTimeout|default', '()'] },
    facts: { kind: 'wrap', arg: 0 },
  },
  {
    id: 'promise-timeout.timeout',
    role: 'timeout-source',
    target: { from: 'package', package: ['promise-timeout', 'promise-with-timeout'], path: ['timeout|withTimeout', '()'] },
    facts: { kind: 'wrap', arg: 0 },
  },
  {
    id: 'lib.abort-signal.timeout',
    role: 'timeout-source',
    target: { from: 'lib', path: ['AbortSignal', 'timeout', '()'] },
    facts: { kind: 'signal' },
    description: 'AbortSignal.timeout(ms): aborts the request after ms, whatever the server did with it.',
  },
  {
    id: 'lib.abort-signal.any',
    role: 'timeout-source',
    target: { from: 'lib', path: ['AbortSignal', 'any', '()'] },
    facts: { kind: 'signal-any' },
  },
  {
    id: 'lib.set-timeout',
    role: 'timeout-source',
    target: { from: 'lib', path: ['setTimeout', '()'] },
    facts: { kind: 'timer' },
  },
  {
    id: 'timers.set-timeout',
    role: 'timeout-source',
    target: { from: 'package', package: ['timers'], path: ['setTimeout', '()'] },
    facts: { kind: 'timer' },
  },
  {
    id: 'timers-promises.set-timeout',
    role: 'timeout-source',
    target: { from: 'package', package: ['timers/promises'], path: ['setTimeout', '()'] },
    facts: { kind: 'sleep' },
  },
  {
    id: 'rxjs.timeout',
    role: 'timeout-source',
    target: { from: 'package', package: ['rxjs', 'rxjs/operators'], path: ['timeout|timeoutWith', '()'] },
    facts: { kind: 'operator' },
    description: 'rxjs timeout() in a pipe: the request observable errors while the request may complete.',
  },
  {
    id: 'delay',
    role: 'timeout-source',
    target: { from: 'package', package: ['delay', 'sleep-promise'], path: ['()'] },
    facts: { kind: 'sleep' },
  },

  // ---------------------------------------------------------------- retries
  {
    id: 'p-retry',
    role: 'retry',
    target: { from: 'package', package: ['p-retry'], path: ['**', '()'] },
    facts: { kind: 'helper', fnArg: 0 },
    description: 'pRetry(fn, { retries }): calls fn again when it rejects.',
  },
  {
    id: 'async-retry',
    role: 'retry',
    target: { from: 'package', package: ['async-retry', 'promise-retry', 'ts-retry-promise', '@lifeomic/attempt', 'retry-as-promised'], path: ['**', '()'] },
    facts: { kind: 'helper', fnArg: 0 },
  },
  {
    id: 'exponential-backoff.back-off',
    role: 'retry',
    target: { from: 'package', package: ['exponential-backoff'], path: ['backOff', '()'] },
    facts: { kind: 'helper', fnArg: 0 },
  },
  {
    id: 'cockatiel.execute',
    role: 'retry',
    target: { from: 'package', package: ['cockatiel'], path: ['**', 'execute', '()'] },
    facts: { kind: 'helper', fnArg: 0 },
  },
  {
    id: 'rxjs.retry',
    role: 'retry',
    target: { from: 'package', package: ['rxjs', 'rxjs/operators'], path: ['retry|retryWhen', '()'] },
    facts: { kind: 'operator' },
    description: 'rxjs retry() in a pipe: resubscribes, which sends the request again (NestJS HttpService).',
  },
  {
    id: 'axios-retry',
    role: 'retry',
    target: { from: 'package', package: ['axios-retry'], path: ['**', '()'] },
    facts: { kind: 'client', clientArg: 0, conditionOption: 'retryCondition' },
    description: 'axiosRetry(client, { retryCondition }): a custom condition can retry POSTs that timed out.',
  },
  {
    id: 'bullmq.job-options',
    role: 'retry',
    target: { from: 'package', package: ['bullmq', 'bull', 'bee-queue'], path: ['**'] },
    facts: { kind: 'job-options', option: 'attempts', frameworks: ['bullmq.worker', 'bull.process'] },
    description: 'A BullMQ/Bull queue or job with attempts > 1 runs its processor again after a failure.',
  },

  // ---------------------------------------------------------------- read-only (checked first)
  {
    id: 'ioredis.read',
    role: 'read-only',
    target: { from: 'package', package: ['ioredis', 'redis'], path: ['**', 'get|mget|hget|hgetall|exists|ttl|scan|smembers|zrange|lrange|keys', '()'] },
  },
  {
    id: 'prisma.read',
    role: 'read-only',
    target: { from: 'package', package: ['@prisma/client'], path: ['**', 'findMany|findFirst|findUnique|findFirstOrThrow|findUniqueOrThrow|count|aggregate|groupBy|$queryRaw|$queryRawUnsafe', '()'] },
  },
  {
    id: 'http-client.read',
    role: 'read-only',
    target: { from: 'package', package: ['axios', 'got', 'ky', 'superagent'], path: ['**', 'get|head|options|stream', '()'] },
  },

  // ---------------------------------------------------------------- state-changing
  {
    id: 'lib.fetch',
    role: 'state-changing',
    target: { from: 'lib', path: ['fetch', '()'] },
    facts: { http: 'options', optionsArg: 1 },
    description: 'fetch(url, { method }): state-changing for POST, PUT, PATCH and DELETE.',
  },
  {
    id: 'undici.request',
    role: 'state-changing',
    target: { from: 'package', package: ['undici', 'node-fetch', 'cross-fetch', 'isomorphic-fetch'], path: ['**', '()'] },
    facts: { http: 'options', optionsArg: 1 },
  },
  {
    id: 'request.call',
    role: 'state-changing',
    target: { from: 'package', package: ['request', 'request-promise', 'request-promise-native', 'postman-request'], path: ['()'] },
    facts: { http: 'options', optionsArg: 'last' },
  },
  {
    id: 'http.request',
    role: 'state-changing',
    target: { from: 'package', package: ['http', 'https'], path: ['request', '()'] },
    facts: { http: 'options', optionsArg: 0 },
  },
  {
    id: 'axios.method',
    role: 'state-changing',
    target: { from: 'package', package: ['axios'], path: ['**', 'post|put|patch|delete|postForm|putForm|patchForm', '()'] },
    facts: { http: 'name' },
  },
  {
    id: 'axios.request',
    role: 'state-changing',
    target: { from: 'package', package: ['axios'], path: ['**', 'request', '()'] },
    facts: { http: 'options', optionsArg: 0 },
  },
  {
    id: 'axios.call',
    role: 'state-changing',
    target: { from: 'package', package: ['axios'], path: ['**', '()'] },
    facts: { http: 'options', optionsArg: 'last' },
  },
  {
    id: 'got.method',
    role: 'state-changing',
    target: { from: 'package', package: ['got', 'ky', 'superagent', 'needle'], path: ['**', 'post|put|patch|delete|del', '()'] },
    facts: { http: 'name', retryOption: 'retry' },
  },
  {
    id: 'got.call',
    role: 'state-changing',
    target: { from: 'package', package: ['got', 'ky'], path: ['**', '()'] },
    facts: { http: 'options', optionsArg: 'last', retryOption: 'retry' },
  },
  {
    id: 'sql.query',
    role: 'state-changing',
    target: {
      from: 'package',
      package: ['pg', 'pg-pool', 'mysql', 'mysql2', 'mysql2/promise', 'knex', 'sequelize', 'better-sqlite3', 'sqlite', 'mssql', 'oracledb', 'postgres', '@neondatabase/serverless', '@vercel/postgres'],
      path: ['**', 'query|execute|raw|run|none|one|many|any|unsafe', '()'],
    },
    facts: { sql: true },
    description: 'A SQL call: state-changing when its text is INSERT, UPDATE, DELETE, MERGE, UPSERT or REPLACE.',
  },
  {
    id: 'knex.write',
    role: 'state-changing',
    target: { from: 'package', package: ['knex'], path: ['**', 'insert|update|del|delete|upsert|merge|increment|decrement|truncate', '()'] },
  },
  {
    id: 'prisma.write',
    role: 'state-changing',
    target: { from: 'package', package: ['@prisma/client'], path: ['**', 'create|createMany|createManyAndReturn|update|updateMany|upsert|delete|deleteMany|$executeRaw|$executeRawUnsafe', '()'] },
  },
  {
    id: 'typeorm.write',
    role: 'state-changing',
    target: { from: 'package', package: ['typeorm'], path: ['**', 'save|insert|update|delete|remove|upsert|softDelete|softRemove|increment|decrement', '()'] },
  },
  {
    id: 'mongoose.write',
    role: 'state-changing',
    target: {
      from: 'package',
      package: ['mongoose', 'mongodb'],
      path: ['**', 'save|create|insertOne|insertMany|updateOne|updateMany|replaceOne|deleteOne|deleteMany|findOneAndUpdate|findByIdAndUpdate|findOneAndDelete|findByIdAndDelete|findOneAndReplace|bulkWrite', '()'],
    },
  },
  {
    id: 'ioredis.write',
    role: 'state-changing',
    target: {
      from: 'package',
      package: ['ioredis', 'redis'],
      path: ['**', 'set|setnx|setex|getset|incr|incrby|incrbyfloat|decr|decrby|hset|hincrby|hdel|lpush|rpush|sadd|srem|zadd|zincrby|xadd|publish|del|expire|eval|evalsha|rename|lmove', '()'],
    },
  },
  {
    id: 'kafkajs.send',
    role: 'state-changing',
    target: { from: 'package', package: ['kafkajs'], path: ['**', 'send|sendBatch', '()'] },
  },
  {
    id: 'amqplib.publish',
    role: 'state-changing',
    target: { from: 'package', package: ['amqplib', 'amqplib/callback_api', 'amqp-connection-manager'], path: ['**', 'publish|sendToQueue|waitForConfirms', '()'] },
  },
  {
    id: 'amqplib.callback.publish',
    role: 'state-changing',
    target: { from: 'role', role: 'amqplib.channel', path: ['publish|sendToQueue|waitForConfirms', '()'] },
  },
  {
    id: 'bullmq.add',
    role: 'state-changing',
    target: { from: 'package', package: ['bullmq', 'bull', 'bee-queue'], path: ['**', 'add|addBulk', '()'] },
    // A job's `timeout` option limits the processor, not the add.
    facts: { timeoutOptions: false },
  },
  {
    id: 'aws-sdk.send',
    role: 'state-changing',
    target: {
      from: 'package',
      package: [
        '@aws-sdk/client-sqs',
        '@aws-sdk/client-sns',
        '@aws-sdk/client-dynamodb',
        '@aws-sdk/lib-dynamodb',
        '@aws-sdk/client-s3',
        '@aws-sdk/client-eventbridge',
        '@aws-sdk/client-kinesis',
        '@aws-sdk/client-firehose',
        '@aws-sdk/client-lambda',
        '@aws-sdk/client-sfn',
        '@aws-sdk/client-ses',
        '@aws-sdk/client-sesv2',
      ],
      path: ['**', 'send', '()'],
    },
    facts: { command: true },
    description: 'AWS SDK v3 client.send(command): state-changing unless the command is a read (Get, List, Describe, Query, Scan, Head).',
  },
  {
    id: 'stripe.write',
    role: 'state-changing',
    target: { from: 'package', package: ['stripe'], path: ['**', 'create|update|del|capture|confirm|cancel|pay|refund|finalizeInvoice|voidInvoice', '()'] },
  },

  // ---------------------------------------------------------------- idempotent clients
  {
    id: 'kafkajs.idempotent-producer',
    role: 'idempotent-call',
    target: { from: 'package', package: ['kafkajs'], path: ['**', 'producer', '()'] },
    facts: { option: 'idempotent' },
    description: 'A kafkajs producer created with idempotent: true deduplicates its retried sends.',
  },

  // ---------------------------------------------------------------- fresh values
  {
    id: 'crypto.random-uuid',
    role: 'fresh-id',
    target: { from: 'package', package: ['crypto'], path: ['**', 'randomUUID|randomBytes|randomInt', '()'] },
  },
  {
    id: 'lib.crypto.random-uuid',
    role: 'fresh-id',
    target: { from: 'lib', path: ['crypto', 'randomUUID|getRandomValues', '()'] },
  },
  {
    id: 'uuid.v4',
    role: 'fresh-id',
    target: { from: 'package', package: ['uuid'], path: ['v1|v4|v6|v7', '()'] },
  },
  {
    id: 'nanoid',
    role: 'fresh-id',
    target: { from: 'package', package: ['nanoid', 'ulid', 'ulidx', 'cuid', '@paralleldrive/cuid2', 'hyperid', 'short-uuid'], path: ['**', '()'] },
  },
  {
    id: 'lib.date.now',
    role: 'fresh-id',
    target: { from: 'lib', path: ['Date', 'now', '()'] },
  },
  {
    id: 'lib.math.random',
    role: 'fresh-id',
    target: { from: 'lib', path: ['Math', 'random', '()'] },
  },
];

/** Verbs that, as the first word of an opaque client's method name, make the call state-changing. */
export const MUTATING_VERBS: readonly string[] = [
  'create', 'capture', 'charge', 'authorize', 'authorise', 'transfer', 'pay', 'payout', 'refund', 'send', 'publish',
  'post', 'put', 'patch', 'delete', 'del', 'remove', 'insert', 'update', 'upsert', 'save', 'move', 'submit', 'place',
  'book', 'reserve', 'cancel', 'credit', 'debit', 'withdraw', 'deposit', 'settle', 'void', 'issue', 'grant', 'enqueue',
  'dispatch', 'notify', 'purchase', 'register', 'append', 'increment', 'decrement', 'confirm', 'approve', 'redeem',
  'topup', 'subscribe', 'unsubscribe', 'mutate', 'assign', 'unassign', 'allocate', 'provision', 'deprovision', 'enroll',
  'unenroll', 'activate', 'deactivate', 'install', 'uninstall', 'revoke', 'suspend', 'ship', 'fulfill', 'fulfil',
];

/** Option names that put a timeout on the call they are passed to (or on every call of a client built with them). */
export const TIMEOUT_OPTION_NAMES: readonly string[] = [
  'timeout', 'timeoutMs', 'timeoutMS', 'timeoutMillis', 'requestTimeout', 'requestTimeoutMs', 'responseTimeout',
  'readTimeout', 'query_timeout', 'commandTimeout', 'headersTimeout', 'bodyTimeout', 'wtimeout', 'wtimeoutMS',
  'deadline', 'ackTimeoutMs',
];

/**
 * Timeout phases that end before anything is sent (got's `timeout.lookup` etc.). A timeout object with only
 * these keys is pre-send and unambiguous; so are the pool/connect options (`connectionTimeoutMillis`,
 * `acquireConnectionTimeout`, `connectTimeout`), which are simply not timeout options above.
 */
export const PRE_SEND_TIMEOUT_PHASES: readonly string[] = ['lookup', 'connect', 'secureConnect'];

/** Property and header names that carry an idempotency key (compared case-insensitively, `-`/`_` ignored). */
export const IDEMPOTENCY_KEY_NAMES: readonly string[] = [
  'Idempotency-Key', 'X-Idempotency-Key', 'idempotencyKey', 'idempotency_key', 'MessageDeduplicationId',
  'deduplicationId', 'dedupeKey', 'dedupId', 'messageId', 'jobId', 'clientToken', 'ClientRequestToken',
  // PayPal's idempotency header
  'PayPal-Request-Id',
];

/** Error `name`s and constructors that mean "timed out" (a catch that singles them out handles a timeout). */
export const TIMEOUT_ERROR_NAMES: readonly string[] = ['TimeoutError', 'AbortError', 'RequestTimeoutError', 'DeadlineExceededError'];

/** Error `code`s (and node-fetch `type`s) that mean "timed out". */
export const TIMEOUT_ERROR_CODES: readonly string[] = [
  'ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ERR_CANCELED',
  'request-timeout', 'aborted', 'DEADLINE_EXCEEDED', 'TimeoutError', 'AbortError',
  // mysql/mysql2: the `timeout` of a query ran out (the connection is dropped; the statement may have run)
  'PROTOCOL_SEQUENCE_TIMEOUT',
];
