/**
 * The catalog: what the engine knows about boundary APIs, as data.
 *
 * A specifier says where an API comes from. Paths are steps after the root:
 * a property name, `()` for a call, `new` for a construction, `#` for "an instance of this type"
 * (a type annotation). Patterns use `*` (exactly one step), `**` (any number of steps, also none)
 * and `a|b` (alternatives).
 *
 * Examples:
 * - `{ from: 'package', package: 'amqplib', path: ['**', 'ack', '()'] }`: `ack()` on anything that came
 *   from `import amqp from 'amqplib'` (the channel of a connection, or a parameter typed `Channel`).
 * - `{ from: 'lib', path: ['Date', 'now', '()'] }`: the global `Date.now()` (not a shadowed `Date`).
 * - `{ from: 'role', role: 'http.response', path: ['send|json|end', '()'] }`: `res.json()` where `res` is
 *   the response a known framework handed to a handler.
 */
export type Specifier =
  | {
      from: 'package';
      /** Module name(s) as written in import/require; `node:` prefixes are ignored. */
      package: string | readonly string[];
      path: readonly string[];
    }
  | {
      from: 'lib';
      /** Path from a global: `['Date', 'now', '()']`, `['JSON', 'parse', '()']`. */
      path: readonly string[];
    }
  | {
      from: 'role';
      /** A framework role (see `FrameworkCallback.params`), e.g. `http.response`. */
      role: string | readonly string[];
      path: readonly string[];
    };

/** What an entry is for. Checkers ask the catalog by role. */
export type Role =
  | 'ack'
  | 'durable-write'
  | 'clock'
  | 'timeout-source'
  | 'hostile-source'
  | 'parser'
  | 'bounded-reader'
  | 'idempotent-call'
  | 'best-effort'
  | 'state-changing'
  | 'read-only'
  | 'retry'
  | (string & {});

/** One known API. */
export interface CatalogEntry {
  /** Stable id, e.g. `express.response.json`. */
  id: string;
  role: Role;
  target: Specifier;
  /** Free-form facts for the checker that owns the role (a parser's default limit, the option that bounds it). */
  facts?: Readonly<Record<string, unknown>>;
  /** One line for docs and messages. */
  description?: string;
}

/**
 * A framework that calls user code: the call that registers a callback and what each parameter of the
 * callback is. `params[i]` is the role of parameter i (`undefined` = nothing known).
 */
export interface FrameworkCallback {
  id: string;
  /** The registering call's callee, e.g. `{ from: 'package', package: 'express', path: ['**', 'get|post'] }`. */
  registrar?: Specifier;
  /** The registering call's first argument must be one of these string literals (`ws.on('message', cb)`). */
  event?: string | readonly string[];
  /**
   * Instead of a registrar: the function is exported under one of these names (Lambda `handler`, Next `POST`),
   * directly or through wrappers (`export const handler = middy(main)`); `default` is `export default` and
   * CommonJS `module.exports =`.
   */
  exportNames?: readonly string[];
  /**
   * Only in files whose path matches this pattern: steps separated by `/`, `*` one whole step, `**` any number of
   * steps, `a|b` alternatives (Next.js API routes: `**` then `/pages/api/**`, any file under a `pages/api` folder).
   * Where it is set, the framework needs the path alone: a gate opens for such a file without looking for the
   * framework's names.
   */
  files?: string;
  /**
   * Instead of a registrar: methods of a class with this decorator (NestJS `@Controller()`), optionally only
   * those with one of the method decorators.
   */
  methodOf?: { classDecorator: Specifier; methodDecorator?: Specifier };
  /** Which arguments may be the callback: indexes, or `'any'` (every function argument). Default `'any'`. */
  args?: readonly number[] | 'any';
  /** The callback sits in an object literal argument under this key (kafkajs `run({ eachMessage })`). */
  property?: string | readonly string[];
  /** Role of each parameter. */
  params: readonly (string | undefined)[];
  /** Roles of the parameters when the callback declares one more parameter (express error middleware). */
  paramsWithError?: readonly (string | undefined)[];
  /** The kind of handler, for checkers (`http`, `queue`, `job`, `lambda`, `socket`). */
  kind: string;
  /** Facts about the handler, e.g. `{ implicitAck: true }` (returning acknowledges). */
  facts?: Readonly<Record<string, unknown>>;
}

/** A type that, as a declared parameter/property type, gives a value a role. */
export interface TypeRole {
  id: string;
  /** Where the type comes from: `{ from: 'package', package: 'express', path: ['Request'] }`, or a global type via `lib`. */
  type: Specifier;
  role: string;
}

export interface Catalog {
  entries: readonly CatalogEntry[];
  frameworks: readonly FrameworkCallback[];
  types: readonly TypeRole[];
}
