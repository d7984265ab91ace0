import type { CatalogEntry } from './types.js';

/**
 * Clocks and what a wall-clock reading can reach: data for `no-wall-clock-at-boundary`.
 *
 * Roles:
 * - `clock`: a wall-clock read. `facts.onlyWithoutArguments`: the call is a read only with no argument
 *   (`new Date()` reads the clock, `new Date(x)` converts `x`).
 * - `clock-derivation`: a function whose result carries its argument's time (`Math.floor(Date.now() / 1000)`).
 * - `shared-store`: a database, key-value store or other store that several processes read and write. A
 *   clock value written to it, or compared in its queries, leaves the process.
 * - `store-compare`: a query helper that compares a column with a value (`LessThan(now)`, `Op.lt`).
 * - `counter-op`: a store operation that counts hits under a key (a rate-limit window).
 * - `dedupe-op`: a store operation that records a key once (a dedupe marker). `facts.requiresArgument`: only with
 *   that literal argument (`SET key v NX`).
 * - `signature-check`: an HMAC/signature verification (a timestamp tolerance next to it is a signature tolerance).
 * - `random-source`: randomness; an id that mixes it with the time is not "made from the time".
 * - `file-write` / `file-read`: file I/O; a shared store when the file's path names a lock or lease.
 */
export const clockEntries: readonly CatalogEntry[] = [
  // Wall-clock reads.
  { id: 'js.Date.now', role: 'clock', target: { from: 'lib', path: ['Date', 'now', '()'] }, description: '`Date.now()`' },
  {
    id: 'js.new-Date',
    role: 'clock',
    target: { from: 'lib', path: ['Date', 'new'] },
    facts: { onlyWithoutArguments: true },
    description: '`new Date()` with no argument',
  },
  { id: 'js.Date-call', role: 'clock', target: { from: 'lib', path: ['Date', '()'] }, description: '`Date()` (the current time as a string)' },
  {
    id: 'dayjs.now',
    role: 'clock',
    target: { from: 'package', package: 'dayjs', path: ['()'] },
    facts: { onlyWithoutArguments: true },
    description: '`dayjs()` with no argument',
  },
  {
    id: 'moment.now',
    role: 'clock',
    target: { from: 'package', package: 'moment', path: ['()'] },
    facts: { onlyWithoutArguments: true },
    description: '`moment()` with no argument',
  },
  {
    id: 'moment.utc',
    role: 'clock',
    target: { from: 'package', package: 'moment', path: ['utc', '()'] },
    facts: { onlyWithoutArguments: true },
    description: '`moment.utc()` with no argument',
  },
  {
    id: 'luxon.DateTime.now',
    role: 'clock',
    target: { from: 'package', package: 'luxon', path: ['DateTime', 'now|utc|local', '()'] },
    facts: { onlyWithoutArguments: true },
    description: '`DateTime.now()` / `DateTime.utc()` from luxon',
  },

  // Functions whose result carries the time of their argument.
  {
    id: 'js.Math.rounding',
    role: 'clock-derivation',
    target: { from: 'lib', path: ['Math', 'floor|ceil|round|trunc|abs|max|min', '()'] },
    description: '`Math.floor(now / 1000)` and friends',
  },
  {
    id: 'js.conversions',
    role: 'clock-derivation',
    target: { from: 'lib', path: ['Number|String|BigInt|parseInt|parseFloat', '()'] },
    description: '`String(now)`, `Number(now)`',
  },
  {
    id: 'crypto.hash-update',
    role: 'clock-derivation',
    target: { from: 'package', package: 'crypto', path: ['createHash|createHmac', '()', '**', 'update', '()'] },
    description: 'a hash of a string with the time in it (`createHash(...).update(`${id}:${Date.now()}`)`)',
  },
  { id: 'js.JSON.stringify', role: 'clock-derivation', target: { from: 'lib', path: ['JSON', 'stringify', '()'] }, description: 'serialized objects carry their fields' },

  // Shared stores.
  {
    id: 'store.redis',
    role: 'shared-store',
    target: { from: 'package', package: ['ioredis', 'redis', '@redis/client', '@upstash/redis', '@vercel/kv', 'memcached', 'memjs', 'etcd3'], path: ['**'] },
    description: 'Redis, Memcached, etcd clients',
  },
  {
    id: 'store.sql',
    role: 'shared-store',
    target: {
      from: 'package',
      package: ['pg', 'pg-promise', 'postgres', '@neondatabase/serverless', '@vercel/postgres', 'mysql', 'mysql2', 'mysql2/promise', 'mssql', 'oracledb', 'better-sqlite3', 'sqlite3', 'cassandra-driver'],
      path: ['**'],
    },
    description: 'SQL and wide-column drivers',
  },
  {
    id: 'store.query-builders',
    role: 'shared-store',
    target: { from: 'package', package: ['knex', 'kysely', 'drizzle-orm', 'sequelize', 'typeorm', '@prisma/client', '@mikro-orm/core', 'objection', '@supabase/supabase-js'], path: ['**'] },
    description: 'query builders and ORMs',
  },
  {
    id: 'store.documents',
    role: 'shared-store',
    target: {
      from: 'package',
      package: ['mongoose', 'mongodb', '@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb', 'aws-sdk', '@google-cloud/firestore', 'firebase-admin', 'firebase-admin/firestore', '@google-cloud/datastore', '@google-cloud/spanner'],
      path: ['**'],
    },
    description: 'document stores (MongoDB, DynamoDB, Firestore)',
  },

  // Files. A file is a shared store only when its path names a lock or lease (`/mnt/shared/export.lock`): a lock
  // file is how processes (on one host or several, over NFS) exclude each other; other files are not flagged.
  {
    id: 'fs.file-write',
    role: 'file-write',
    target: {
      from: 'package',
      package: ['fs', 'fs/promises', 'fs-extra'],
      path: ['**', 'writeFile|writeFileSync|appendFile|appendFileSync|outputFile|outputFileSync|writeJson|writeJSON|writeJsonSync|writeJSONSync|outputJson|outputJSON', '()'],
    },
    description: 'a file write (`fs.writeFile(path, data)`), a shared store when the path names a lock',
  },
  {
    id: 'fs.file-read',
    role: 'file-read',
    target: { from: 'package', package: ['fs', 'fs/promises', 'fs-extra'], path: ['**', 'readFile|readFileSync|readJson|readJSON|readJsonSync|readJSONSync', '()'] },
    description: 'a file read (`fs.readFile(path)`), a shared store when the path names a lock',
  },

  // Query helpers that compare a column with a value.
  {
    id: 'typeorm.find-operators',
    role: 'store-compare',
    target: { from: 'package', package: 'typeorm', path: ['LessThan|LessThanOrEqual|MoreThan|MoreThanOrEqual|Between', '()'] },
    description: 'TypeORM `LessThan(x)`, `MoreThan(x)`, `Between(a, b)`',
  },
  {
    id: 'sequelize.Op',
    role: 'store-compare',
    target: { from: 'package', package: ['sequelize', '@sequelize/core'], path: ['Op', 'lt|lte|gt|gte|between|notBetween'] },
    description: 'Sequelize `[Op.lt]: x`',
  },
  {
    id: 'drizzle.operators',
    role: 'store-compare',
    target: { from: 'package', package: ['drizzle-orm', 'drizzle-orm/sql', 'drizzle-orm/expressions'], path: ['lt|lte|gt|gte|between', '()'] },
    description: 'drizzle `lt(column, x)`',
  },

  // Store operations that tell a rate-limit window from a dedupe marker.
  {
    id: 'redis.counters',
    role: 'counter-op',
    target: { from: 'package', package: ['ioredis', 'redis', '@redis/client', '@upstash/redis', '@vercel/kv'], path: ['**', 'incr|incrby|incrbyfloat|hincrby|decr|decrby', '()'] },
    description: 'Redis counters (`INCR key`)',
  },
  {
    id: 'redis.setnx',
    role: 'dedupe-op',
    target: { from: 'package', package: ['ioredis', 'redis', '@redis/client', '@upstash/redis', '@vercel/kv'], path: ['**', 'setnx|setNX|sadd|sAdd', '()'] },
    description: 'Redis `SETNX` / `SADD`',
  },
  {
    id: 'redis.set-nx',
    role: 'dedupe-op',
    target: { from: 'package', package: ['ioredis', 'redis', '@redis/client', '@upstash/redis', '@vercel/kv'], path: ['**', 'set', '()'] },
    facts: { requiresArgument: 'NX' },
    description: 'Redis `SET key value NX`',
  },

  // Signature verification.
  {
    id: 'crypto.hmac',
    role: 'signature-check',
    target: { from: 'package', package: 'crypto', path: ['createHmac|timingSafeEqual|createVerify|verify', '()'] },
    description: '`createHmac`, `timingSafeEqual`, `verify` from node:crypto',
  },

  // Randomness.
  { id: 'js.Math.random', role: 'random-source', target: { from: 'lib', path: ['Math', 'random', '()'] }, description: '`Math.random()`' },
  {
    id: 'crypto.random',
    role: 'random-source',
    target: { from: 'package', package: 'crypto', path: ['randomUUID|randomBytes|randomInt', '**'] },
    description: '`randomUUID()`, `randomBytes(n)` from node:crypto',
  },
  { id: 'js.crypto.randomUUID', role: 'random-source', target: { from: 'lib', path: ['crypto', 'randomUUID|getRandomValues', '()'] }, description: 'Web Crypto `crypto.randomUUID()`' },
  {
    id: 'ids.random',
    role: 'random-source',
    target: { from: 'package', package: ['uuid', 'nanoid', 'cuid', '@paralleldrive/cuid2', 'ulid', 'ksuid'], path: ['**'] },
    description: 'uuid, nanoid, cuid, ulid',
  },
];
