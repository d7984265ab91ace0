/**
 * Words that name the role of a time value: the field, variable, key, column or function a wall-clock reading
 * lands in decides whether it is a boundary (a lock expiry, a version) or not (a log timestamp, a delay).
 * Names are split into lower-case words: `lockUntil` -> lock, until; `expires_at` -> expires, at.
 */

/** Version, sequence, epoch: a clock value here is compared by others to decide which is newer. */
export const IDENTITY_WORDS: ReadonlySet<string> = new Set([
  'version', 'versions', 'revision', 'rev', 'seq', 'seqno', 'sequence', 'epoch', 'generation', 'fence', 'fencing',
  'lsn', 'etag', 'serial', 'ordinal',
]);

/** Ids and numbers: a clock value here collides (weaker than IDENTITY_WORDS: request/trace ids are allowed). */
export const ID_WORDS: ReadonlySet<string> = new Set(['id', 'ids', 'uid', 'number', 'num', 'no']);

/** Idempotency and dedupe keys and windows. */
export const DEDUPE_WORDS: ReadonlySet<string> = new Set([
  'dedupe', 'dedup', 'deduplication', 'deduplicate', 'idempotency', 'idempotent', 'idem', 'dup', 'duplicate', 'duplicates',
]);

/** Ownership that other processes honour: compared or written, it is a boundary even without a store in sight. */
export const STRONG_OWNERSHIP_WORDS: ReadonlySet<string> = new Set([
  'lease', 'leases', 'lock', 'locks', 'locked', 'mutex', 'leader', 'leadership', 'owner', 'ownership', 'holder',
  'heartbeat', 'claimed', 'fence', 'fencing',
]);

/** Expiry words: a boundary when the value is written to, or read from, a shared store. */
export const EXPIRY_WORDS: ReadonlySet<string> = new Set([
  'until', 'expires', 'expire', 'expiry', 'expiration', 'expired', 'deadline', 'held',
]);

/**
 * Values that are not a boundary, whatever else they touch: durations and timings, delays and timeouts,
 * logging and metrics. A flow stops at a name made of these.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'elapsed', 'duration', 'durations', 'took', 'latency', 'timing', 'timings', 'delay', 'delays', 'timeout', 'interval',
  'backoff', 'sleep', 'wait', 'log', 'logs', 'logger', 'metric', 'metrics', 'histogram', 'label', 'display', 'debug',
  'uptime', 'stopwatch', 'perf', 'benchmark', 'filename', 'file', 'path', 'dir', 'tmp', 'temp',
]);

/**
 * Protocol or in-process expiries (wall clock by design): JWT claims, cookies, sessions, tokens one refreshes
 * for oneself, caches, signature tolerances. Not a boundary unless an ownership or identity word is there too.
 */
export const ALLOW_WORDS: ReadonlySet<string> = new Set([
  'exp', 'iat', 'nbf', 'jwt', 'claims', 'cookie', 'cookies', 'session', 'sessions', 'token', 'tokens', 'access',
  'refresh', 'otp', 'cache', 'cached', 'memo', 'tolerance', 'skew', 'maxage', 'age', 'signature', 'presigned',
  'trace', 'span', 'correlation', 'request', 'requests', 'req', 'reset', 'password', 'verification', 'verify',
  'invite', 'invitation', 'magic', 'confirm', 'confirmation', 'mfa', 'login', 'signin', 'coupon', 'promo', 'trial',
  'subscription', 'captcha', 'nonce',
]);

/** Rate-limit windows (only flagged with `checkRateLimitWindows`). */
export const RATE_LIMIT_WORDS: ReadonlySet<string> = new Set([
  'rate', 'ratelimit', 'limit', 'limiter', 'limiting', 'throttle', 'throttling', 'quota', 'rl', 'hits', 'window',
]);

/** Expiries that are wall clock by protocol (JWT claims, cookies, sessions): never a signature tolerance either. */
export const PROTOCOL_WORDS: ReadonlySet<string> = new Set(['exp', 'iat', 'nbf', 'jwt', 'claims', 'cookie', 'cookies', 'session', 'sessions']);

/** Signature timestamp tolerances (only flagged with `checkSignatureTolerances`). */
export const TOLERANCE_WORDS: ReadonlySet<string> = new Set(['tolerance', 'skew', 'signature', 'replay', 'webhook']);

/** Mongo-style and Prisma-style comparison operators in query objects. */
export const MONGO_COMPARE_KEYS: ReadonlySet<string> = new Set(['$lt', '$lte', '$gt', '$gte']);
export const PRISMA_COMPARE_KEYS: ReadonlySet<string> = new Set(['lt', 'lte', 'gt', 'gte']);

/** Keys whose value lists the fields a query or a sort orders by. */
export const ORDER_KEYS: ReadonlySet<string> = new Set(['sort', '$sort', 'orderBy', 'order', 'sortBy']);

/** Methods of a date that keep its time (`new Date().getTime()`). */
export const DATE_KEEPING_METHODS: ReadonlySet<string> = new Set([
  'getTime', 'valueOf', 'toISOString', 'toJSON', 'toUTCString', 'toString', 'unix', 'toMillis', 'toSeconds', 'toDate',
  'format', 'toISO', 'add', 'subtract', 'plus', 'minus', 'startOf', 'endOf', 'utc',
  // Strings and digests keep what they were made from (`Date.now().toString(36)`, a hash of a key with the time).
  'padStart', 'slice', 'substring', 'toUpperCase', 'toLowerCase', 'digest',
]);

const cache = new Map<string, readonly string[]>();

/** Lower-case words of a name: `lockUntil` -> ['lock', 'until'], `EXPIRES_AT` -> ['expires', 'at']. */
export function wordsOf(name: string): readonly string[] {
  let hit = cache.get(name);
  if (hit) return hit;
  hit = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
  if (cache.size > 5000) cache.clear();
  cache.set(name, hit);
  return hit;
}

/** Does any word of any name belong to the set? */
export function hasWord(names: readonly string[], set: ReadonlySet<string>, extra?: ReadonlySet<string>): boolean {
  for (const name of names) {
    for (const w of wordsOf(name)) if (set.has(w) || extra?.has(w)) return true;
  }
  return false;
}
