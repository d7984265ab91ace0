import type { TSESTree } from '@typescript-eslint/utils';
import type { Scope } from '@typescript-eslint/utils/ts-eslint';
import type { CatalogEntry } from '../catalog/types.js';
import {
  IDEMPOTENCY_KEY_NAMES,
  MUTATING_VERBS,
  PRE_SEND_TIMEOUT_PHASES,
  TIMEOUT_ERROR_CODES,
  TIMEOUT_ERROR_NAMES,
  TIMEOUT_OPTION_NAMES,
} from '../catalog/timeouts.js';
import { ruleExtension, withCatalog } from '../context.js';
import { memoOf } from '../memo.js';
import { firstAtOrAfter } from '../ranges.js';
import { behindGate, mayFind, vocabularyOf, type GateSpec } from '../gate.js';
import { handlerOf } from '../handlers.js';
import { matchNode } from '../match.js';
import { classMembers, enclosingClass, propertyName, returnsOf, traceOf, unwrap } from '../origin.js';
import { scopeIndex } from '../scope.js';
import { sqlTextOf } from '../sql-text.js';
import { summarize } from '../summaries.js';
import type { CallLike, CheckContext, Finding, FindingSuggestion, FunctionNode, Node, SourceFile } from '../types.js';
import {
  completionsOf,
  firstWord,
  isFunctionNode,
  isLoggingCall,
  isRetryLoop,
  normalizeKeyName,
  sqlIsWrite,
  stringValue,
  type Completion,
} from '../no-unhandled-timeout-util.js';

/** Options of the no-unhandled-timeout checker (the rule's options). */
export interface NoUnhandledTimeoutOptions {
  /** More verbs that make a method of an opaque client state-changing (first word of the method name). */
  mutatingVerbs?: readonly string[];
  /** Built-in mutating verbs to treat as reads. */
  readOnlyVerbs?: readonly string[];
  /** Use the method-name verb for clients the catalog does not know. */
  checkOpaqueClients?: boolean;
  /** More property/header names that carry an idempotency key. */
  idempotencyKeyNames?: readonly string[];
  /** More option names that put a timeout on a call. */
  timeoutOptionNames?: readonly string[];
  /** Extra catalog entries (same shape as the built-in catalog). */
  catalog?: readonly CatalogEntry[];
}

export type NoUnhandledTimeoutMessageId = 'treatedAsFailure' | 'retriedBlindly' | 'swallowed' | 'stopRetryingMethod';

export const RULE_ID = 'no-unhandled-timeout';

interface Settings {
  verbs: ReadonlySet<string>;
  opaque: boolean;
  keyNames: ReadonlySet<string>;
  timeoutOptions: ReadonlySet<string>;
  gate: GateSpec;
}

/** Is an idempotency key sent, and does it stay the same across attempts? `param`: it is parameter `index` of the function. */
type KeyKind =
  | { kind: 'none' }
  | { kind: 'stable' }
  | { kind: 'fresh' }
  /** The key is parameter `index` of the function. */
  | { kind: 'param'; index: number }
  /** Parameter `index` is an options/headers object passed on as is: the caller's argument may hold the key. */
  | { kind: 'carrier'; indexes: readonly number[] };

/** What a same-file function does, for its callers. */
interface FnSummary {
  /** It makes a state-changing call. */
  stateChanging: boolean;
  /** A timeout of a state-changing call it makes can escape it (rejects its promise or throws). */
  timed: boolean;
  /** The idempotency key of that timed call. */
  key: KeyKind;
  /** It returns a promise that rejects after a timer. */
  rejectingTimer: boolean;
  /** It returns a promise that resolves after a timer. */
  sleep: boolean;
  /** Parameters it races against a timer (a same-file `withDeadline(work, ms)`). */
  racedParams: readonly number[];
  /**
   * Callback parameters a timer of its own calls with an error (`setTimeout(() => cb(new Error('timed out')),
   * ms)`): a hand-rolled timer racing the callback of the work it starts.
   */
  timerCallbacks: readonly number[];
}

const EMPTY_SUMMARY: FnSummary = { stateChanging: false, timed: false, key: { kind: 'none' }, rejectingTimer: false, sleep: false, racedParams: [], timerCallbacks: [] };

type Verdict = { kind: 'propagate' } | { kind: 'ok' } | { kind: 'finding'; messageId: NoUnhandledTimeoutMessageId; suggestions?: FindingSuggestion[] };
const PROPAGATE: Verdict = { kind: 'propagate' };
const OK: Verdict = { kind: 'ok' };

/**
 * The scope of a client's own retry (got `retry`, axios-retry, rxjs `retry()`): it resends the same request, so
 * nothing in the call is computed again and any key in it is stable.
 */
const SAME_REQUEST = { range: [-1, -1] } as unknown as Node;

const HTTP_WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Globals of the language and of Node whose methods change no remote state (their names may start with a verb). */
const BUILTIN_GLOBALS = new Set([
  'console', 'Object', 'Array', 'Reflect', 'Math', 'JSON', 'Promise', 'Number', 'String', 'Boolean', 'BigInt', 'Symbol',
  'Date', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Buffer', 'URL', 'URLSearchParams', 'Intl', 'Atomics', 'Error',
  'structuredClone', 'queueMicrotask', 'process',
]);
/** Methods that run the SQL text they are given, on a driver's connection or pool. */
const SQL_METHODS = new Set(['query', 'execute']);

const MAX_DEPTH = 6;

/** The checker: every state-changing call under a timeout whose timeout outcome is mishandled. */
export function checkNoUnhandledTimeout(base: CheckContext, options: NoUnhandledTimeoutOptions = {}): Finding[] {
  const ctx = withCatalog(base, ruleExtension(options, () => (options.catalog && options.catalog.length > 0 ? { entries: options.catalog } : undefined)));
  const settings = settingsOf(options);
  return behindGate(RULE_ID, ctx, mayFind(ctx, vocabularyOf(ctx, settings.gate)), () => new Checker(ctx, settings).run());
}

/**
 * What a file with a timed call must mention (see core/gate.ts): a timeout source of the catalog (a race, a
 * deadline helper, a timer, a timed signal, an rxjs operator), a timeout option, or the name, code or message
 * of a timeout error, which a catch singling out timeouts compares with (`abort` for aborted requests and
 * signals). A cancel alone (`isCancel(err)`) counts only where a timeout is known already.
 */
function gateOf(timeoutOptions: ReadonlySet<string>): GateSpec {
  return {
    roles: ['timeout-source'],
    words: [...timeoutOptions, ...TIMEOUT_ERROR_NAMES, ...TIMEOUT_ERROR_CODES],
    fragments: ['time[ d_-]?out', 'timed out', 'abort', 'deadline'],
  };
}

const settingsCache = new WeakMap<NoUnhandledTimeoutOptions, Settings>();

/** The rule's settings, once per options object (the same object for every file of a configuration). */
function settingsOf(options: NoUnhandledTimeoutOptions): Settings {
  let settings = settingsCache.get(options);
  if (!settings) {
    const readOnly = new Set((options.readOnlyVerbs ?? []).map((v) => v.toLowerCase()));
    const timeoutOptions = new Set([...TIMEOUT_OPTION_NAMES, ...(options.timeoutOptionNames ?? [])]);
    settings = {
      verbs: new Set([...MUTATING_VERBS, ...(options.mutatingVerbs ?? [])].map((v) => v.toLowerCase()).filter((v) => !readOnly.has(v))),
      opaque: options.checkOpaqueClients ?? true,
      keyNames: new Set([...IDEMPOTENCY_KEY_NAMES, ...(options.idempotencyKeyNames ?? [])].map(normalizeKeyName)),
      timeoutOptions,
      gate: gateOf(timeoutOptions),
    };
    settingsCache.set(options, settings);
  }
  return settings;
}

class Checker {
  private readonly findings: Finding[] = [];
  private attempts: boolean | undefined;

  constructor(
    private readonly ctx: CheckContext,
    private readonly settings: Settings,
  ) {}

  run(): Finding[] {
    const ctx = this.ctx;
    const candidates: { call: TSESTree.CallExpression; timed: boolean }[] = [];
    /** The first state-changing call in each try block (for catches that single out timeout errors). */
    const firstInTry = new Map<TSESTree.TryStatement, TSESTree.CallExpression>();
    for (const call of ctx.index.calls) {
      if (!this.isStateChanging(ctx, call)) continue;
      const timed = this.isTimed(ctx, call);
      candidates.push({ call, timed });
      const tryStmt = enclosingTry(call);
      if (tryStmt) {
        // A catch that singles out timeouts is about the remote call in its try: prefer an RPC (an opaque client or an
        // HTTP request) over a local database write when picking the call it refers to.
        const current = firstInTry.get(tryStmt);
        if (!current || (!this.isRemoteCall(ctx, current) && this.isRemoteCall(ctx, call))) firstInTry.set(tryStmt, call);
      }
    }
    const reported = new Set<Node>();
    for (const { call, timed } of candidates) {
      let isTimed = timed;
      if (!isTimed) {
        const tryStmt = enclosingTry(call);
        isTimed =
          tryStmt !== undefined &&
          firstInTry.get(tryStmt) === call &&
          !this.isSameFileUntimed(ctx, call) &&
          !this.passesUntimedSignal(ctx, call) &&
          catchSinglesOutTimeout(ctx, tryStmt.handler);
      }
      if (!isTimed) continue;
      const verdict = this.internalRetry(ctx, call) ?? this.verdictOf(ctx, call, undefined);
      if (verdict.kind !== 'finding' || reported.has(call)) continue;
      reported.add(call);
      this.findings.push({
        ruleId: RULE_ID,
        messageId: verdict.messageId,
        data: { call: describeCall(ctx, call) },
        node: call,
        ...(verdict.suggestions ? { suggestions: verdict.suggestions } : {}),
      });
    }
    return this.findings;
  }

  // ------------------------------------------------------------------------------------------ state-changing

  /** Does the call change state on the other side (write, publish, mutating RPC)? */
  isStateChanging(ctx: CheckContext, call: TSESTree.CallExpression): boolean {
    const ref = ctx.resolver.callee(ctx, call);
    if (ref) return this.summary(ref.ctx, ref.fn).stateChanging && !passesGraphQlQuery(ctx, call);
    if (matchNode(ctx, call, 'read-only')) return false;
    const entry = matchNode(ctx, call, 'state-changing');
    if (entry) return this.entryChangesState(ctx, call, entry);
    if (!this.settings.opaque) return false;
    const t = traceOf(ctx, call.callee);
    // A framework's value, or a built-in of the language (`Object.assign`, `console.log`): never an opaque client.
    if (t.root.kind === 'role' || (t.root.kind === 'global' && BUILTIN_GLOBALS.has(t.root.name))) return false;
    const name = calleeName(call);
    if (!name) return false;
    const verb = firstWord(name);
    if (verb !== undefined && this.settings.verbs.has(verb)) return true;
    // A connection nothing is known about, running SQL that writes (`conn.query({ sql: 'UPDATE ...' })`): the SQL verb says it.
    return SQL_METHODS.has(name) && sqlCallWrites(ctx, call);
  }

  /** An RPC: an opaque client's mutating method, a same-file wrapper, or a catalog HTTP client (not a database write). */
  private isRemoteCall(ctx: CheckContext, call: TSESTree.CallExpression): boolean {
    const ref = ctx.resolver.callee(ctx, call);
    if (ref) return this.summary(ref.ctx, ref.fn).timed;
    const entry = matchNode(ctx, call, 'state-changing');
    if (entry) return entry.facts?.http !== undefined;
    // An opaque client: an RPC, unless it runs SQL (a connection's `query`/`execute`).
    return !SQL_METHODS.has(calleeName(call) ?? '');
  }

  private entryChangesState(ctx: CheckContext, call: TSESTree.CallExpression, entry: CatalogEntry): boolean {
    const facts = entry.facts ?? {};
    if (facts.http !== undefined) {
      const method = httpMethodOf(ctx, call, entry);
      return method !== undefined && HTTP_WRITE.has(method) && !(method === 'POST' && isReadOverPost(ctx, call));
    }
    if (facts.sql === true) return sqlCallWrites(ctx, call);
    if (facts.command === true) {
      const name = commandName(ctx, call.arguments[0]);
      if (!name) return false;
      return !/^(Get|List|Describe|Query|Scan|Head|BatchGet|Select|Receive|Search|Check|Validate|Estimate)/.test(name);
    }
    return true;
  }

  // ------------------------------------------------------------------------------------------ timeouts

  /** Does a timeout end this call (its own options, its client, a race, a deadline helper, a timer in its executor)? */
  isTimed(ctx: CheckContext, call: TSESTree.CallExpression): boolean {
    const ref = ctx.resolver.callee(ctx, call);
    if (ref) {
      const summary = this.summary(ref.ctx, ref.fn);
      if (summary.timed) return true;
      // `publishWithTimeout(order, (err) => ...)`: the helper's own timer may answer the callback first.
      if (summary.timerCallbacks.some((i) => isFunctionNode(at(call.arguments, i)))) return true;
    }
    if (!ref) {
      const optionsTime = matchNode(ctx, call, 'state-changing')?.facts?.timeoutOptions !== false;
      if (optionsTime && call.arguments.some((arg) => this.hasTimeoutOption(ctx, arg, 0))) return true;
      if (this.clientHasTimeout(ctx, call)) return true;
      if (chainedTimeout(call) || requestTimeoutSet(ctx, call)) return true;
      if (this.pipeOperator(ctx, call, 'timeout-source')) return true;
    }
    if (this.isRaced(ctx, call)) return true;
    return this.inTimerExecutor(ctx, call);
  }

  /** An options object with a timeout option or a timed abort signal. */
  private hasTimeoutOption(ctx: CheckContext, arg: Node, depth: number): boolean {
    const obj = objectOf(ctx, arg, depth);
    if (!obj) return false;
    for (const prop of obj.properties) {
      if (prop.type !== 'Property') continue;
      const name = propertyName(prop);
      if (!name) continue;
      if (this.settings.timeoutOptions.has(name) && isEffectiveTimeout(ctx, prop.value)) return true;
      if ((name === 'signal' || name === 'abortSignal') && this.isTimedSignal(ctx, prop.value, 0)) return true;
      if (name === 'writeConcern' && depth < 2 && this.hasTimeoutOption(ctx, prop.value, depth + 1)) return true;
    }
    return false;
  }

  /** The client the call is made on was built with a timeout (`axios.create({ timeout })`, `new Pool({ query_timeout })`). */
  private clientHasTimeout(ctx: CheckContext, call: TSESTree.CallExpression): boolean {
    for (const built of constructionsOf(ctx, call)) {
      if (built.arguments.some((arg) => this.hasTimeoutOption(ctx, arg, 0))) return true;
    }
    // `client.defaults.timeout = 5000` (axios) on the same client variable
    const base = baseVariable(ctx, call.callee);
    return base !== undefined && this.timedDefaults(ctx).has(base);
  }

  /** Variables whose `defaults.timeout` is set somewhere in the file. */
  private timedDefaults(ctx: CheckContext): ReadonlySet<unknown> {
    const memo = memoOf<object, Set<unknown>>(ctx, 'no-unhandled-timeout.timed-defaults');
    const hit = memo.get(ctx.file.ast);
    if (hit) return hit;
    const out = new Set<unknown>();
    for (const assignment of ctx.index.assignments) {
      const left = assignment.left;
      if (left.type !== 'MemberExpression' || !this.settings.timeoutOptions.has(propertyName(left) ?? '')) continue;
      const holder = unwrap(left.object);
      if (holder.type !== 'MemberExpression' || propertyName(holder) !== 'defaults' || !isEffectiveTimeout(ctx, assignment.right)) continue;
      const base = baseVariable(ctx, holder);
      if (base !== undefined) out.add(base);
    }
    memo.set(ctx.file.ast, out);
    return out;
  }

  /** `AbortSignal.timeout(ms)`, `AbortSignal.any([..., timeout])`, or the signal of a controller a timer aborts. */
  private isTimedSignal(ctx: CheckContext, raw: Node, depth: number): boolean {
    if (depth > MAX_DEPTH) return false;
    const node = unwrap(raw);
    if (node.type === 'Identifier') {
      const init = initOf(ctx, node);
      return init !== undefined && this.isTimedSignal(ctx, init, depth + 1);
    }
    if (node.type === 'CallExpression') {
      const entry = matchNode(ctx, node, 'timeout-source');
      if (entry?.facts?.kind === 'signal') return true;
      if (entry?.facts?.kind === 'signal-any') {
        const list = at(node.arguments, 0);
        return list?.type === 'ArrayExpression' && list.elements.some((el) => el !== null && el.type !== 'SpreadElement' && this.isTimedSignal(ctx, el, depth + 1));
      }
      // a local helper that returns a timed signal (`timeoutSignal(ms)`)
      const ref = ctx.resolver.callee(ctx, node);
      if (ref) return returnedExpressions(ref.ctx, ref.fn).some((r) => this.isTimedSignal(ref.ctx, r, depth + 1));
      const t = traceOf(ctx, node);
      return t.root.kind === 'global' && t.root.name === 'AbortSignal' && t.path[0] === 'timeout';
    }
    if (node.type === 'MemberExpression' && propertyName(node) === 'signal') {
      return this.controllerAbortedByTimer(ctx, node.object);
    }
    return false;
  }

  /** A controller (`new AbortController()`) whose `abort()` a timer callback calls. */
  private controllerAbortedByTimer(ctx: CheckContext, raw: Node): boolean {
    const node = unwrap(raw);
    if (node.type !== 'Identifier') return false;
    const variable = scopeIndex(ctx.file).variableOf(node);
    if (!variable) return false;
    for (const ref of variable.references) {
      const id = ref.identifier as Node;
      const member = parentOf(id);
      if (member?.type !== 'MemberExpression' || member.object !== id || propertyName(member) !== 'abort') continue;
      const abortCall = parentOf(member);
      // setTimeout(controller.abort.bind(controller), ms)
      if (abortCall?.type === 'MemberExpression' && abortCall.object === member && propertyName(abortCall) === 'bind') {
        const bindCall = parentOf(abortCall);
        const timer = bindCall ? parentOf(bindCall) : undefined;
        if (timer?.type === 'CallExpression' && timer.arguments[0] === bindCall && matchNode(ctx, timer, 'timeout-source')?.facts?.kind === 'timer') return true;
        continue;
      }
      if (abortCall?.type !== 'CallExpression' || abortCall.callee !== member) continue;
      // inside a timer callback
      for (let cur: Node | undefined = abortCall.parent; cur; cur = cur.parent) {
        if (isFunctionNode(cur)) {
          const holder = parentOf(cur);
          if ((holder?.type === 'CallExpression' && holder.arguments[0] === cur && matchNode(ctx, holder, 'timeout-source')?.facts?.kind === 'timer')) return true;
          break;
        }
      }
    }
    return false;
  }

  /** Raced against a timer: an element of `Promise.race([...])`, the promise of a deadline helper, a raced parameter of a local helper. */
  private isRaced(ctx: CheckContext, call: TSESTree.CallExpression): boolean {
    return racedHolders(ctx, call).some((holder) => this.holderRaced(ctx, holder));
  }

  private holderRaced(ctx: CheckContext, holder: RacedHolder): boolean {
    if (holder.kind === 'array') {
      const race = parentOf(holder.array);
      if (race?.type !== 'CallExpression' || race.arguments[0] !== holder.array) return false;
      if (matchNode(ctx, race, 'timeout-source')?.facts?.kind !== 'race') return false;
      return holder.array.elements.some((el) => el !== null && el !== holder.element && el.type !== 'SpreadElement' && this.isRejectingTimer(ctx, el, 0));
    }
    const outer = holder.call;
    const index = outer.arguments.indexOf(holder.element as TSESTree.CallExpressionArgument);
    const entry = matchNode(ctx, outer, 'timeout-source');
    if (entry?.facts?.kind === 'wrap') return (entry.facts.arg ?? 0) === index;
    const ref = ctx.resolver.callee(ctx, outer);
    return ref !== undefined && this.summary(ref.ctx, ref.fn).racedParams.includes(index);
  }

  /** A promise that rejects after a timer. */
  private isRejectingTimer(ctx: CheckContext, raw: Node, depth: number): boolean {
    if (depth > MAX_DEPTH) return false;
    const node = unwrap(raw);
    if (node.type === 'Identifier') {
      const init = initOf(ctx, node);
      return init !== undefined && this.isRejectingTimer(ctx, init, depth + 1);
    }
    if (node.type === 'NewExpression') {
      const executor = at(node.arguments, 0);
      return isPromiseConstructor(ctx, node) && executor !== undefined && isFunctionNode(executor) && executorRejectsOnTimer(ctx, executor);
    }
    if (node.type === 'CallExpression') {
      const ref = ctx.resolver.callee(ctx, node);
      if (ref) return this.summary(ref.ctx, ref.fn).rejectingTimer;
      // sleep(ms).then(() => { throw ... })
      const callee = node.callee;
      if (callee.type === 'MemberExpression' && propertyName(callee) === 'then' && node.arguments[0] && this.isSleep(ctx, callee.object, depth + 1)) {
        const cb = node.arguments[0];
        return isFunctionNode(cb) && throwsOrRejects(cb);
      }
    }
    return false;
  }

  /** A promise that resolves after a timer (`setTimeout` from timers/promises, `delay`, a local `sleep`). */
  private isSleep(ctx: CheckContext, raw: Node, depth: number): boolean {
    if (depth > MAX_DEPTH) return false;
    const node = unwrap(raw);
    if (node.type !== 'CallExpression') return false;
    if (matchNode(ctx, node, 'timeout-source')?.facts?.kind === 'sleep') return true;
    const ref = ctx.resolver.callee(ctx, node);
    return ref !== undefined && this.summary(ref.ctx, ref.fn).sleep;
  }

  /** The call is made inside a `new Promise` executor that rejects from a timer (a hand-rolled timer racing a callback). */
  private inTimerExecutor(ctx: CheckContext, call: Node): boolean {
    const wrapped = promiseExecutorOf(ctx, call);
    return wrapped !== undefined && executorRejectsOnTimer(ctx, wrapped.executor);
  }

  /** An rxjs operator of `role` in the `.pipe(...)` of the call's observable (`http.post(...).pipe(timeout(5000), retry(3))`). */
  private pipeOperator(ctx: CheckContext, call: TSESTree.CallExpression, role: 'timeout-source' | 'retry'): boolean {
    const member = parentOf(call);
    if (member?.type !== 'MemberExpression' || member.object !== call || propertyName(member) !== 'pipe') return false;
    const pipe = parentOf(member);
    if (pipe?.type !== 'CallExpression' || pipe.callee !== member) return false;
    return pipe.arguments.some((arg) => arg.type === 'CallExpression' && matchNode(ctx, arg, role)?.facts?.kind === 'operator');
  }

  /** The call passes an abort signal that is not a timeout (a caller's cancel): its AbortError is no timeout. */
  private passesUntimedSignal(ctx: CheckContext, call: TSESTree.CallExpression): boolean {
    for (const arg of call.arguments) {
      const obj = objectOf(ctx, arg, 0);
      if (!obj) continue;
      const signal = propertyValue(obj, 'signal') ?? propertyValue(obj, 'abortSignal');
      if (signal && !this.isTimedSignal(ctx, signal, 0)) return true;
    }
    return false;
  }

  /** A same-file function that is known not to time out (its summary says so): a catch's timeout test is about something else. */
  private isSameFileUntimed(ctx: CheckContext, call: TSESTree.CallExpression): boolean {
    const ref = ctx.resolver.callee(ctx, call);
    return ref !== undefined && !this.summary(ref.ctx, ref.fn).timed;
  }

  // ------------------------------------------------------------------------------------------ retries and keys

  /** got's own retry: `retry.methods` includes the call's non-idempotent method. */
  private internalRetry(ctx: CheckContext, call: TSESTree.CallExpression): Verdict | undefined {
    if (ctx.resolver.callee(ctx, call)) return undefined;
    const viaClient = this.clientRetry(ctx, call);
    if (viaClient) return viaClient;
    if (this.pipeOperator(ctx, call, 'retry')) return this.retryVerdict(ctx, call, SAME_REQUEST);
    const entry = matchNode(ctx, call, 'state-changing');
    const option = entry?.facts?.retryOption;
    if (typeof option !== 'string') return undefined;
    const method = httpMethodOf(ctx, call, entry as CatalogEntry);
    if (!method || method === 'PUT' || method === 'DELETE') return undefined;
    const sources: Node[] = [...call.arguments];
    for (const built of constructionsOf(ctx, call)) sources.push(...built.arguments);
    for (const src of sources) {
      const obj = objectOf(ctx, src, 0);
      const retry = obj && propertyValue(obj, option);
      const retryObj = retry && objectOf(ctx, retry, 0);
      if (!retryObj) continue;
      const limit = propertyValue(retryObj, 'limit');
      if (limit && unwrap(limit).type === 'Literal' && (unwrap(limit) as TSESTree.Literal).value === 0) continue;
      const methods = propertyValue(retryObj, 'methods');
      if (methods?.type !== 'ArrayExpression') continue;
      const listed = methods.elements.find((el) => el?.type === 'Literal' && typeof el.value === 'string' && el.value.toUpperCase() === method);
      if (!listed) continue;
      if (this.keyKind(ctx, call, SAME_REQUEST).kind === 'stable') return OK;
      return { kind: 'finding', messageId: 'retriedBlindly', suggestions: [removeElementSuggestion(methods, listed, method)] };
    }
    return undefined;
  }

  /** A retry plugin installed on the call's client with a custom condition (`axiosRetry(client, { retryCondition })`). */
  private clientRetry(ctx: CheckContext, call: TSESTree.CallExpression): Verdict | undefined {
    const base = baseVariable(ctx, call.callee);
    if (base === undefined) return undefined;
    for (const plugin of this.retryPlugins(ctx)) {
      const facts = plugin.entry.facts ?? {};
      const client = at(plugin.call.arguments, Number(facts.clientArg ?? 0));
      if (!client || baseVariable(ctx, client) !== base) continue;
      const condition = typeof facts.conditionOption === 'string' ? facts.conditionOption : undefined;
      const options = plugin.call.arguments.map((a) => objectOf(ctx, a, 0)).find((o) => o !== undefined);
      if (condition && !(options && propertyValue(options, condition))) continue;
      return this.keyKind(ctx, call, SAME_REQUEST).kind === 'stable' ? OK : { kind: 'finding', messageId: 'retriedBlindly' };
    }
    return undefined;
  }

  private retryPlugins(ctx: CheckContext): { call: TSESTree.CallExpression; entry: CatalogEntry }[] {
    const memo = memoOf<object, { call: TSESTree.CallExpression; entry: CatalogEntry }[]>(ctx, 'no-unhandled-timeout.retry-plugins');
    const hit = memo.get(ctx.file.ast);
    if (hit) return hit;
    const out: { call: TSESTree.CallExpression; entry: CatalogEntry }[] = [];
    for (const call of ctx.index.calls) {
      const entry = matchNode(ctx, call, 'retry');
      if (entry?.facts?.kind === 'client') out.push({ call, entry });
    }
    memo.set(ctx.file.ast, out);
    return out;
  }

  /** The idempotency key the call sends, judged within `scope` (the code a retry runs again). */
  private keyKind(ctx: CheckContext, call: TSESTree.CallExpression, scope: Node, fn?: FunctionNode): KeyKind {
    const ref = ctx.resolver.callee(ctx, call);
    if (ref) {
      const key = this.summary(ref.ctx, ref.fn).key;
      if (key.kind === 'carrier') return this.keyOfValues(ctx, key.indexes.flatMap((i) => (call.arguments[i] ? [call.arguments[i]] : [])), scope, fn);
      if (key.kind !== 'param') return key;
      const arg = at(call.arguments, key.index);
      if (!arg) return { kind: 'none' };
      return valueKind(ctx, arg, scope, fn, this.settings, 0);
    }
    for (const built of constructionsOf(ctx, call)) {
      const entry = matchNode(ctx, built, 'idempotent-call');
      const option = entry?.facts?.option;
      if (typeof option !== 'string') continue;
      for (const arg of built.arguments) {
        const obj = objectOf(ctx, arg, 0);
        const value = obj && propertyValue(obj, option);
        if (value && unwrap(value).type === 'Literal' && (unwrap(value) as TSESTree.Literal).value === true) return { kind: 'stable' };
      }
    }
    return this.keyOfValues(ctx, call.arguments, scope, fn);
  }

  /** The key found in some argument expressions (object literals, constants, parameters passed on). */
  private keyOfValues(ctx: CheckContext, args: readonly Node[], scope: Node, fn: FunctionNode | undefined): KeyKind {
    const values: Node[] = [];
    const carriers: Node[] = [];
    for (const arg of args) collectKeyValues(ctx, arg, this.settings, values, 0, carriers);
    if (values.length === 0) {
      // an options object received as a parameter and passed on: the caller decides
      const indexes: number[] = [];
      for (const carrier of carriers) {
        const kind = fn && carrier.type === 'Identifier' ? valueKind(ctx, carrier, fn, fn, this.settings, 0) : undefined;
        if (kind?.kind === 'param' && !indexes.includes(kind.index)) indexes.push(kind.index);
      }
      return indexes.length > 0 ? { kind: 'carrier', indexes } : { kind: 'none' };
    }
    let result: KeyKind = { kind: 'stable' };
    for (const value of values) {
      const kind = valueKind(ctx, value, scope, fn, this.settings, 0);
      if (kind.kind === 'fresh') return kind;
      if (kind.kind === 'param') result = kind;
    }
    return result;
  }

  private retryVerdict(ctx: CheckContext, call: TSESTree.CallExpression, scope: Node): Verdict {
    return this.keyKind(ctx, call, scope).kind === 'stable' ? OK : { kind: 'finding', messageId: 'retriedBlindly' };
  }

  /** Does the file configure BullMQ/Bull jobs with more than one attempt? */
  private fileHasAttempts(ctx: CheckContext): boolean {
    if (ctx === this.ctx && this.attempts !== undefined) return this.attempts;
    let found = false;
    for (const node of [...ctx.index.news, ...ctx.index.calls]) {
      const entry = matchNode(ctx, node, 'retry');
      if (entry?.facts?.kind !== 'job-options') continue;
      const option = typeof entry.facts.option === 'string' ? entry.facts.option : 'attempts';
      if (node.arguments.some((arg) => hasNumberAbove(ctx, arg, option, 1, 0))) {
        found = true;
        break;
      }
    }
    if (ctx === this.ctx) this.attempts = found;
    return found;
  }

  private jobFrameworks(ctx: CheckContext): readonly string[] {
    for (const entry of ctx.catalog.entries) {
      if (entry.role === 'retry' && entry.facts?.kind === 'job-options' && Array.isArray(entry.facts.frameworks)) return entry.facts.frameworks as string[];
    }
    return [];
  }

  // ------------------------------------------------------------------------------------------ handling

  /**
   * What happens to a timeout of `call`: handled here (a finding or fine), or it propagates out of the
   * function (`within`: stop at this function, for summaries).
   */
  verdictOf(ctx: CheckContext, call: TSESTree.CallExpression, within: FunctionNode | undefined): Verdict {
    const callback = this.callbackVerdict(ctx, call);
    if (callback) return callback;
    const listener = errorListenerOf(ctx, call);
    if (listener && listener.body.type === 'BlockStatement') {
      // `req.on('error', (err) => { ... })`: every error of the request, a timeout too, ends up here.
      const param = at(listener.params, 0);
      const name = param?.type === 'Identifier' ? param.name : undefined;
      const verdict = verdictFromFacts(branchFacts(ctx, timeoutBranch(ctx, listener.body.body, name), name));
      if (verdict.kind !== 'propagate') return verdict;
    }
    let cur: Node = call;
    for (let guard = 0; guard < 64; guard++) {
      // 1. Up the expression: awaits, promise chains with their rejection handlers, races and deadline helpers.
      const climbed = this.climbExpression(ctx, cur);
      if (climbed.verdict) return climbed.verdict;
      cur = climbed.node;
      // 2. Up the statements to the function.
      const stmt = this.climbStatements(ctx, call, cur);
      if (stmt.verdict) return stmt.verdict;
      const fn = stmt.fn;
      if (!fn || fn === within) return PROPAGATE;
      // 3. At the function boundary.
      const holder = parentOf(fn);
      if (holder?.type === 'NewExpression' && holder.arguments[0] === fn && isPromiseConstructor(ctx, holder)) {
        cur = holder;
        continue;
      }
      if (isRetriedFunction(ctx, fn)) return this.retryVerdict(ctx, call, fn);
      const registration = handlerOf(ctx, fn);
      if (registration && this.jobFrameworks(ctx).includes(registration.framework.id) && this.fileHasAttempts(ctx)) return this.retryVerdict(ctx, call, fn);
      return PROPAGATE;
    }
    return PROPAGATE;
  }

  /** An error-first callback (`client.send(msg, (err) => { ... })`): what its error branch does. */
  private callbackVerdict(ctx: CheckContext, call: TSESTree.CallExpression): Verdict | undefined {
    const last = at(call.arguments, call.arguments.length - 1);
    if (!last || !isFunctionNode(last) || last.body.type !== 'BlockStatement') return undefined;
    const first = at(last.params, 0);
    if (first?.type !== 'Identifier') return undefined;
    const param = first.name;
    if (!/^(err|error|e|ex)$/i.test(param)) return undefined;
    for (const stmt of last.body.body) {
      if (stmt.type !== 'IfStatement') continue;
      const test = unwrap(stmt.test);
      const positive = (test.type === 'Identifier' && test.name === param) || testPolarity(ctx, test, undefined, false, 0) === 'positive';
      const negative = test.type === 'UnaryExpression' && test.operator === '!' && unwrap(test.argument).type === 'Identifier' && (unwrap(test.argument) as TSESTree.Identifier).name === param;
      const taken = positive ? stmt.consequent : negative ? stmt.alternate : undefined;
      if (!taken) continue;
      // Within the error branch, what runs for a timeout (as in a catch); calling the function that made the
      // call again from there is a retry.
      const branch = timeoutBranch(ctx, taken.type === 'BlockStatement' ? taken.body : [taken], param);
      const owner = ownerOf(call);
      if (owner && branch.some((node) => callsWithin(ctx, node).some((c) => ctx.resolver.callee(ctx, c)?.fn === owner))) return this.retryVerdict(ctx, call, owner);
      const verdict = verdictFromFacts(branchFacts(ctx, branch, param));
      return verdict.kind === 'propagate' ? undefined : verdict;
    }
    // `const status = err ? 'failed' : 'installing'`: the value chosen for an error is the verdict.
    for (const stmt of last.body.body) {
      const chosen = errorChoice(stmt, param);
      if (!chosen) continue;
      const verdict = verdictFromFacts(branchFacts(ctx, [chosen], param));
      if (verdict.kind !== 'propagate') return verdict;
    }
    return undefined;
  }

  private climbExpression(ctx: CheckContext, start: Node): { node: Node; verdict?: Verdict } {
    let cur = start;
    for (;;) {
      const p = cur.parent;
      if (!p) return { node: cur };
      switch (p.type) {
        case 'ChainExpression':
        case 'TSAsExpression':
        case 'TSNonNullExpression':
        case 'TSSatisfiesExpression':
        case 'TSTypeAssertion':
        case 'AwaitExpression':
          cur = p;
          continue;
        case 'MemberExpression': {
          const call = parentOf(p);
          if (p.object !== cur || call?.type !== 'CallExpression' || call.callee !== p) return { node: cur };
          const name = propertyName(p);
          const handler = name === 'catch' ? call.arguments[0] : name === 'then' && call.arguments.length >= 2 ? call.arguments[1] : name === 'pipe' ? catchErrorHandler(ctx, call) : undefined;
          if (handler) {
            const verdict = this.handlerVerdict(ctx, handler);
            if (verdict.kind !== 'propagate') return { node: call, verdict };
          }
          cur = call;
          continue;
        }
        case 'VariableDeclarator': {
          // \`const sending = client.send(...)\` read once later (\`await pTimeout(sending, ...)\`): the promise goes on from there.
          const use = p.init === cur ? onlyReadOf(ctx, p) : undefined;
          if (!use) return { node: cur };
          cur = use;
          continue;
        }
        case 'ArrayExpression': {
          const outer = parentOf(p);
          if (outer?.type === 'CallExpression' && outer.arguments[0] === p && isPromiseCombinator(ctx, outer)) {
            cur = outer;
            continue;
          }
          return { node: cur };
        }
        case 'CallExpression': {
          if (p.callee === cur) return { node: cur };
          const entry = matchNode(ctx, p, 'timeout-source');
          const index = p.arguments.indexOf(cur as TSESTree.CallExpressionArgument);
          if (entry?.facts?.kind === 'wrap' && Number(entry.facts.arg ?? 0) === index) {
            // pTimeout(promise, { fallback: () => default }): the timeout resolves to a default
            const options = p.arguments.map((a, i) => (i === index ? undefined : objectOf(ctx, a, 0))).find((o) => o !== undefined);
            const fallback = options && propertyValue(options, 'fallback');
            if (fallback) {
              const verdict = this.handlerVerdict(ctx, fallback);
              if (verdict.kind !== 'propagate') return { node: p, verdict };
            }
            cur = p;
            continue;
          }
          const ref = ctx.resolver.callee(ctx, p);
          if (ref && this.summary(ref.ctx, ref.fn).racedParams.includes(index)) {
            cur = p;
            continue;
          }
          return { node: cur };
        }
        default:
          return { node: cur };
      }
    }
  }

  private climbStatements(ctx: CheckContext, call: TSESTree.CallExpression, start: Node): { fn?: FunctionNode; verdict?: Verdict } {
    let node = start;
    for (let p = node.parent; p; node = p, p = p.parent) {
      if (isFunctionNode(p)) return { fn: p };
      if (p.type === 'TryStatement' && p.block === node && p.handler) {
        const verdict = this.catchVerdict(ctx, call, p, p.handler);
        if (verdict.kind !== 'propagate') return { verdict };
      }
    }
    return {};
  }

  private catchVerdict(ctx: CheckContext, call: TSESTree.CallExpression, tryStmt: TSESTree.TryStatement, handler: TSESTree.CatchClause): Verdict {
    const param = handler.param?.type === 'Identifier' ? handler.param.name : undefined;
    const branch = timeoutBranch(ctx, handler.body.body, param);
    const facts = branchFacts(ctx, branch, param);
    if (facts.unknown) return OK;
    if (this.stopsRetry(ctx, tryStmt, branch)) return OK;
    const loop = retryLoopAround(tryStmt);
    if (loop && (facts.completions.has('normal') || facts.completions.has('continue'))) return this.retryVerdict(ctx, call, loop.body);
    const fn = functionOf(tryStmt);
    if (fn && branch.some((node) => callsWithin(ctx, node).some((c) => ctx.resolver.callee(ctx, c)?.fn === fn))) return this.retryVerdict(ctx, call, fn);
    return verdictFromFacts(facts);
  }

  /**
   * Inside a function a retry helper runs, a timeout branch that stops the retry (p-retry's `AbortError`,
   * async-retry's `bail`) hands the error to the caller instead of repeating the call.
   */
  private stopsRetry(ctx: CheckContext, tryStmt: TSESTree.TryStatement, branch: readonly Node[]): boolean {
    const fn = functionOf(tryStmt);
    if (!fn || !isRetriedFunction(ctx, fn)) return false;
    const bail = at(fn.params, 0);
    for (const node of branch) {
      for (const call of callsWithin(ctx, node)) {
        if (bail?.type === 'Identifier' && call.callee.type === 'Identifier' && call.callee.name === bail.name) return true;
      }
      const stack: Node[] = [node];
      while (stack.length > 0) {
        const cur = stack.pop() as Node;
        if (cur.type === 'ThrowStatement') {
          const arg = unwrap(cur.argument);
          if (arg.type === 'NewExpression') {
            const t = traceOf(ctx, arg.callee);
            if (t.root.kind === 'module' && matchesRetryModule(ctx, t.root.module) && t.path[t.path.length - 1] === 'AbortError') return true;
          }
        } else if (cur.type === 'BlockStatement') stack.push(...cur.body);
        else if (cur.type === 'IfStatement') {
          stack.push(cur.consequent);
          if (cur.alternate) stack.push(cur.alternate);
        }
      }
    }
    return false;
  }

  private handlerVerdict(ctx: CheckContext, raw: Node): Verdict {
    let handler = unwrap(raw);
    // `.catch(console.error)`, `.catch(logger.warn)`: logged and dropped
    if (handler.type === 'MemberExpression' && isLoggingCall({ type: 'CallExpression', callee: handler, arguments: [] } as unknown as TSESTree.CallExpression)) {
      return { kind: 'finding', messageId: 'swallowed' };
    }
    if (handler.type === 'Identifier') {
      const t = traceOf(ctx, handler);
      if (t.root.kind !== 'function' || t.path.length > 0) return PROPAGATE;
      handler = t.root.fn;
    }
    if (!isFunctionNode(handler)) return PROPAGATE;
    const param = handler.params[0]?.type === 'Identifier' ? handler.params[0].name : undefined;
    if (handler.body.type !== 'BlockStatement') {
      const body = unwrap(handler.body);
      if (body.type === 'CallExpression' && isPromiseReject(ctx, body)) return PROPAGATE;
      const facts = branchFacts(ctx, [handler.body], param);
      facts.completions = new Set<Completion>(['return']);
      return verdictFromFacts(facts);
    }
    const branch = timeoutBranch(ctx, handler.body.body, param);
    return verdictFromFacts(branchFacts(ctx, branch, param));
  }

  // ------------------------------------------------------------------------------------------ summaries

  summary(ctx: CheckContext, fn: FunctionNode): FnSummary {
    return summarize(ctx, fn, 'no-unhandled-timeout', () => this.computeSummary(ctx, fn), EMPTY_SUMMARY);
  }

  private computeSummary(ctx: CheckContext, fn: FunctionNode): FnSummary {
    const result: FnSummary = { stateChanging: false, timed: false, key: { kind: 'none' }, rejectingTimer: false, sleep: false, racedParams: [], timerCallbacks: [] };
    const raced: number[] = [];
    for (const call of callsOwnedBy(ctx, fn)) {
      if (this.isStateChanging(ctx, call)) {
        result.stateChanging = true;
        if (!result.timed && this.isTimed(ctx, call) && this.verdictOf(ctx, call, fn).kind === 'propagate' && this.internalRetry(ctx, call) === undefined) {
          result.timed = true;
          result.key = this.keyKind(ctx, call, fn, fn);
        }
      }
      // a local deadline helper: Promise.race([param, timer])
      const entry = matchNode(ctx, call, 'timeout-source');
      if (entry?.facts?.kind === 'race' && call.arguments[0]?.type === 'ArrayExpression') {
        const elements = call.arguments[0].elements;
        const hasTimer = elements.some((el) => el !== null && el.type !== 'SpreadElement' && this.isRejectingTimer(ctx, el, 0));
        if (hasTimer) {
          for (const el of elements) {
            if (el?.type !== 'Identifier') continue;
            const index = paramIndexOfIdentifier(ctx, fn, el);
            if (index >= 0) raced.push(index);
          }
        }
      }
    }
    result.racedParams = raced;
    if (result.stateChanging) result.timerCallbacks = timerErrorCallbacks(ctx, fn);
    // `async function rejectAfter(ms) { await delay(ms); throw new TimeoutError(); }`
    if (fn.async && fn.body.type === 'BlockStatement') {
      let slept = false;
      for (const stmt of fn.body.body) {
        if (stmt.type === 'ExpressionStatement' && stmt.expression.type === 'AwaitExpression' && this.isSleep(ctx, stmt.expression.argument, 0)) slept = true;
        else if (slept && stmt.type === 'ThrowStatement') result.rejectingTimer = true;
      }
    }
    for (const returned of returnedExpressions(ctx, fn)) {
      if (this.isRejectingTimer(ctx, returned, 0)) result.rejectingTimer = true;
      const node = unwrap(returned);
      if (node.type === 'NewExpression' && isPromiseConstructor(ctx, node) && node.arguments[0] && isFunctionNode(node.arguments[0]) && executorResolvesOnTimer(ctx, node.arguments[0])) result.sleep = true;
    }
    return result;
  }
}

// ============================================================================================== helpers

/** The try statement whose block holds the call, in the call's own function. */
function enclosingTry(call: Node): TSESTree.TryStatement | undefined {
  let node: Node = call;
  for (let p = node.parent; p; node = p, p = p.parent) {
    if (isFunctionNode(p)) return undefined;
    if (p.type === 'TryStatement' && p.block === node && p.handler) return p;
  }
  return undefined;
}

/** Suggestion: drop a non-idempotent method from got's `retry.methods` (changes behaviour, so never an autofix). */
function removeElementSuggestion(array: TSESTree.ArrayExpression, element: Node, method: string): FindingSuggestion {
  const elements = array.elements.filter((el): el is NonNullable<typeof el> => el !== null);
  const index = elements.indexOf(element as (typeof elements)[number]);
  let range: [number, number];
  if (elements.length === 1) range = [array.range[0] + 1, array.range[1] - 1];
  else if (index < elements.length - 1) range = [element.range[0], elements[index + 1].range[0]];
  else range = [elements[index - 1].range[1], element.range[1]];
  return { messageId: 'stopRetryingMethod', data: { method }, edits: [{ range, text: '' }] };
}

/** Is the module one of the catalog's retry helpers (`p-retry` exports `AbortError` to stop retrying)? */
function matchesRetryModule(ctx: CheckContext, module: string): boolean {
  for (const entry of ctx.catalog.entries) {
    if (entry.role !== 'retry' || entry.target.from !== 'package') continue;
    const pkgs = typeof entry.target.package === 'string' ? [entry.target.package] : entry.target.package;
    if (pkgs.includes(module)) return true;
  }
  return false;
}

/** Is the function handed to a retry helper, inline (`pRetry(async () => ...)`) or by name (`pRetry(sendInvoice)`)? */
function isRetriedFunction(ctx: CheckContext, fn: FunctionNode): boolean {
  const sites: Node[] = [fn];
  let nameId: TSESTree.Identifier | undefined;
  if (fn.type === 'FunctionDeclaration' && fn.id) nameId = fn.id;
  else if (parentOf(fn)?.type === 'VariableDeclarator' && fn.parent.type === 'VariableDeclarator' && fn.parent.id.type === 'Identifier') nameId = fn.parent.id;
  if (nameId) {
    const variable = scopeIndex(ctx.file).variableOf(nameId);
    if (variable) for (const ref of variable.references) if (ref.identifier !== nameId) sites.push(ref.identifier);
  }
  for (const site of sites) {
    const holder = site.parent;
    if (holder?.type !== 'CallExpression' || holder.callee === site) continue;
    const retry = matchNode(ctx, holder, 'retry');
    if (retry?.facts?.kind === 'helper' && holder.arguments[Number(retry.facts.fnArg ?? 0)] === site) return true;
  }
  return false;
}

function functionOf(node: Node): FunctionNode | undefined {
  for (let p = node.parent; p; p = p.parent) if (isFunctionNode(p)) return p;
  return undefined;
}

/** The variable at the root of a member chain (`this.x` excluded): `axios` for `axios.defaults`, `api` for `api.post`. */
function baseVariable(ctx: CheckContext, raw: Node): unknown {
  let node = unwrap(raw);
  for (let guard = 0; guard < 16 && node.type === 'MemberExpression'; guard++) node = unwrap(node.object);
  if (node.type !== 'Identifier') return undefined;
  return scopeIndex(ctx.file).variableOf(node) ?? undefined;
}

/** The retry loop the try statement sits in (within its function), if the nearest loop is one. */
function retryLoopAround(tryStmt: TSESTree.TryStatement): TSESTree.ForStatement | TSESTree.WhileStatement | TSESTree.DoWhileStatement | undefined {
  for (let p: Node | undefined = tryStmt.parent; p; p = p.parent) {
    if (isFunctionNode(p)) return undefined;
    if (p.type === 'ForStatement' || p.type === 'WhileStatement' || p.type === 'DoWhileStatement') return isRetryLoop(p) ? p : undefined;
    if (p.type === 'ForOfStatement' || p.type === 'ForInStatement') return undefined;
  }
  return undefined;
}

type RacedHolder = { kind: 'array'; array: TSESTree.ArrayExpression; element: Node } | { kind: 'arg'; call: TSESTree.CallExpression; element: Node };

/** Where a call sits when a race or deadline helper holds it: the array element of `Promise.race([...])` or an argument. */
function racedHolder(call: Node): RacedHolder | undefined {
  let cur: Node = call;
  for (let p = cur.parent; p && (p.type === 'TSAsExpression' || p.type === 'TSNonNullExpression' || p.type === 'ChainExpression'); p = cur.parent) cur = p;
  const p = cur.parent;
  if (p?.type === 'ArrayExpression') return { kind: 'array', array: p, element: cur };
  if (p?.type === 'CallExpression' && p.callee !== cur) return { kind: 'arg', call: p, element: cur };
  return undefined;
}

const CHAIN_METHODS = new Set(['then', 'catch', 'finally']);

/**
 * The holders of a call's promise: the call itself, the end of its `.then(...)` / `.catch(...)` chain (the chain
 * settles no later than the call), the `new Promise` whose executor makes the call, and the uses of a `const`
 * that holds that promise (`const call = fetch(...)` then `Promise.race([call, timer])`).
 */
function racedHolders(ctx: CheckContext, call: Node): RacedHolder[] {
  const out: RacedHolder[] = [];
  const direct = racedHolder(call);
  if (direct) out.push(direct);
  let cur: Node = call;
  for (;;) {
    const p = cur.parent;
    if (p && (p.type === 'TSAsExpression' || p.type === 'TSNonNullExpression' || p.type === 'ChainExpression' || p.type === 'TSSatisfiesExpression')) {
      cur = p;
      continue;
    }
    const chained = p?.type === 'MemberExpression' && p.object === cur && CHAIN_METHODS.has(propertyName(p) ?? '') ? parentOf(p) : undefined;
    if (chained?.type === 'CallExpression' && chained.callee === p) {
      cur = chained;
      const holder = racedHolder(cur);
      if (holder) out.push(holder);
      continue;
    }
    break;
  }
  // Made inside a \`new Promise\` executor (a callback API wrapped in a promise): that promise holds it too.
  const wrapped = promiseExecutorOf(ctx, call);
  if (wrapped) out.push(...racedHolders(ctx, wrapped.promise));
  const declarator = cur.parent;
  if (declarator?.type !== 'VariableDeclarator' || declarator.init !== cur || declarator.id.type !== 'Identifier') return out;
  if (declarator.parent.kind !== 'const') return out;
  const variable = scopeIndex(ctx.file).variableOf(declarator.id);
  for (const reference of variable?.references ?? []) {
    if (reference.identifier === declarator.id) continue;
    const holder = racedHolder(reference.identifier);
    if (holder) out.push(holder);
  }
  return out;
}

/** The handler of an rxjs \`catchError(...)\` among the operators of a \`.pipe(...)\` (an observable's rejection handler). */
function catchErrorHandler(ctx: CheckContext, pipe: TSESTree.CallExpression): Node | undefined {
  for (const arg of pipe.arguments) {
    if (arg.type !== 'CallExpression') continue;
    const t = traceOf(ctx, arg.callee);
    if (t.root.kind === 'module' && (t.root.module === 'rxjs' || t.root.module === 'rxjs/operators') && t.path.length === 1 && t.path[0] === 'catchError') return arg.arguments[0];
  }
  return undefined;
}

/** The \`new Promise(executor)\` a call is made in (directly, or in a callback passed inline within the executor). */
function promiseExecutorOf(ctx: CheckContext, call: Node): { promise: TSESTree.NewExpression; executor: FunctionNode } | undefined {
  for (let cur: Node | undefined = call.parent; cur; cur = cur.parent) {
    if (!isFunctionNode(cur)) continue;
    const holder = parentOf(cur);
    if (holder?.type === 'NewExpression' && holder.arguments[0] === cur && isPromiseConstructor(ctx, holder)) return { promise: holder, executor: cur };
    // a callback passed inline (the publish callback) belongs to the executor around it
    if (holder?.type === 'CallExpression' && holder.arguments.includes(cur as TSESTree.CallExpressionArgument)) continue;
    return undefined;
  }
  return undefined;
}

function isPromiseConstructor(ctx: CheckContext, node: TSESTree.NewExpression): boolean {
  const t = traceOf(ctx, node.callee);
  return t.root.kind === 'global' && t.root.name === 'Promise' && t.path.length === 0;
}

function isPromiseCombinator(ctx: CheckContext, call: TSESTree.CallExpression): boolean {
  const t = traceOf(ctx, call.callee);
  return t.root.kind === 'global' && t.root.name === 'Promise' && t.path.length === 1 && (t.path[0] === 'race' || t.path[0] === 'all' || t.path[0] === 'any');
}

function isPromiseReject(ctx: CheckContext, call: TSESTree.CallExpression): boolean {
  const t = traceOf(ctx, call.callee);
  return t.root.kind === 'global' && t.root.name === 'Promise' && t.path.length === 1 && t.path[0] === 'reject';
}

/** A `new Promise((resolve, reject) => ...)` executor that calls `reject` (or throws) from a timer callback. */
function executorRejectsOnTimer(ctx: CheckContext, executor: FunctionNode): boolean {
  const reject = at(executor.params, 1);
  return timerCallsParam(ctx, executor, reject?.type === 'Identifier' ? reject.name : undefined, true);
}

/** A `new Promise((resolve) => setTimeout(resolve, ms))` executor. */
function executorResolvesOnTimer(ctx: CheckContext, executor: FunctionNode): boolean {
  const resolve = at(executor.params, 0);
  return timerCallsParam(ctx, executor, resolve?.type === 'Identifier' ? resolve.name : undefined, false);
}

function timerCallsParam(ctx: CheckContext, executor: FunctionNode, name: string | undefined, orThrows: boolean): boolean {
  for (const call of callsWithin(ctx, executor)) {
    if (matchNode(ctx, call, 'timeout-source')?.facts?.kind !== 'timer') continue;
    const cb = at(call.arguments, 0);
    if (!cb) continue;
    if (cb.type === 'Identifier' && cb.name === name) return true;
    if (isFunctionNode(cb)) {
      if (orThrows && throwsOrRejects(cb)) return true;
      if (name && callsWithin(ctx, cb).some((c) => c.callee.type === 'Identifier' && c.callee.name === name)) return true;
    }
  }
  return false;
}

/** Parameters of `fn` that a timer callback in it calls with an error first (`cb(new Error('timed out'))`). */
function timerErrorCallbacks(ctx: CheckContext, fn: FunctionNode): number[] {
  const out: number[] = [];
  for (const call of callsWithin(ctx, fn)) {
    if (matchNode(ctx, call, 'timeout-source')?.facts?.kind !== 'timer') continue;
    const cb = at(call.arguments, 0);
    if (!cb || !isFunctionNode(cb)) continue;
    for (const inner of callsWithin(ctx, cb)) {
      if (inner.callee.type !== 'Identifier') continue;
      const first = at(inner.arguments, 0);
      if (!first || first.type === 'SpreadElement' || (first.type === 'Literal' && first.value === null) || (first.type === 'Identifier' && first.name === 'undefined')) continue;
      const index = paramIndexOfIdentifier(ctx, fn, inner.callee);
      if (index >= 0 && !out.includes(index)) out.push(index);
    }
  }
  return out;
}

/** Does a callback throw (or return `Promise.reject`)? */
function throwsOrRejects(fn: FunctionNode): boolean {
  if (fn.body.type !== 'BlockStatement') {
    const body = unwrap(fn.body);
    return body.type === 'CallExpression' && body.callee.type === 'MemberExpression' && propertyName(body.callee) === 'reject';
  }
  return fn.body.body.some((s) => s.type === 'ThrowStatement' || (s.type === 'ReturnStatement' && s.argument?.type === 'CallExpression' && s.argument.callee.type === 'MemberExpression' && propertyName(s.argument.callee) === 'reject'));
}

/** Calls inside a node's range (uses the file index; a range filter, not a new walk). */
function callsWithin(ctx: CheckContext, node: Node): TSESTree.CallExpression[] {
  const memo = memoOf<Node, TSESTree.CallExpression[]>(ctx, 'no-unhandled-timeout.calls-within');
  const hit = memo.get(node);
  if (hit) return hit;
  const [start, end] = node.range;
  const calls = sortedCalls(ctx);
  const out: TSESTree.CallExpression[] = [];
  for (let i = firstAtOrAfter(calls, start); i < calls.length && calls[i].range[0] < end; i++) if (calls[i].range[1] <= end) out.push(calls[i]);
  memo.set(node, out);
  return out;
}

/** The file's calls ordered by start offset (the index is in traversal order, which TS type positions can break). */
function sortedCalls(ctx: CheckContext): readonly TSESTree.CallExpression[] {
  const memo = memoOf<object, TSESTree.CallExpression[]>(ctx, 'no-unhandled-timeout.sorted-calls');
  let sorted = memo.get(ctx.index);
  if (!sorted) {
    sorted = [...ctx.index.calls].sort((a, b) => a.range[0] - b.range[0]);
    memo.set(ctx.index, sorted);
  }
  return sorted;
}

/** Calls that run as part of `fn`: its body, and callbacks it passes inline (executors, `.then` callbacks, transactions). */
function callsOwnedBy(ctx: CheckContext, fn: FunctionNode): TSESTree.CallExpression[] {
  return callsWithin(ctx, fn.body).filter((call) => ownerOf(call) === fn);
}

function ownerOf(call: Node): FunctionNode | undefined {
  for (let cur = call.parent; cur; cur = cur.parent) {
    if (!isFunctionNode(cur)) continue;
    const holder = parentOf(cur);
    if ((holder?.type === 'CallExpression' || holder?.type === 'NewExpression') && holder.arguments.includes(cur as TSESTree.CallExpressionArgument)) continue;
    return cur;
  }
  return undefined;
}

function returnedExpressions(ctx: CheckContext, fn: FunctionNode): Node[] {
  if (fn.body.type !== 'BlockStatement') return [fn.body];
  return returnsOf(ctx, fn).flatMap((ret) => (ret.argument ? [ret.argument] : []));
}

function paramIndexOfIdentifier(ctx: CheckContext, fn: FunctionNode, id: TSESTree.Identifier): number {
  const variable = scopeIndex(ctx.file).variableOf(id);
  const def = variable?.defs[0];
  if (def?.type !== 'Parameter' || def.node !== fn) return -1;
  return fn.params.findIndex((p) => p === def.name || (p.type === 'AssignmentPattern' && p.left === def.name));
}

/** The initializer of a `const`/`let` an identifier refers to (single declaration with an init). */
/** The one place a \`const\` declared by \`declarator\` is read, if it is read exactly once (and never written again). */
function onlyReadOf(ctx: CheckContext, declarator: TSESTree.VariableDeclarator): TSESTree.Identifier | undefined {
  if (declarator.id.type !== 'Identifier' || declarator.parent.kind !== 'const') return undefined;
  const variable = scopeIndex(ctx.file).variableOf(declarator.id);
  if (!variable) return undefined;
  const reads = variable.references.filter((ref) => ref.isRead());
  const only = reads.length === 1 ? reads[0].identifier : undefined;
  return only?.type === 'Identifier' ? only : undefined;
}

function initOf(ctx: CheckContext, id: TSESTree.Identifier): Node | undefined {
  const variable = scopeIndex(ctx.file).variableOf(id);
  const def = variable?.defs[0];
  if (def?.type !== 'Variable' || def.node.id.type !== 'Identifier') return undefined;
  return def.node.init ?? undefined;
}

/** The object literal an expression is (following a local constant). */
function objectOf(ctx: CheckContext, raw: Node, depth: number): TSESTree.ObjectExpression | undefined {
  const node = unwrap(raw);
  if (node.type === 'ObjectExpression') return node;
  if (node.type === 'Identifier' && depth < MAX_DEPTH) {
    const init = initOf(ctx, node);
    return init ? objectOf(ctx, init, depth + 1) : undefined;
  }
  return undefined;
}

function propertyValue(obj: TSESTree.ObjectExpression, name: string): Node | undefined {
  for (const prop of obj.properties) if (prop.type === 'Property' && propertyName(prop) === name) return prop.value;
  return undefined;
}

/** A timeout value that actually sets a timeout (not `0`, `false`, `null`, `undefined`, `Infinity`; a got object with only pre-send phases). */
function isEffectiveTimeout(ctx: CheckContext, raw: Node): boolean {
  const node = unwrap(raw);
  if (node.type === 'Literal') return node.value !== 0 && node.value !== false && node.value !== null;
  if (node.type === 'Identifier' && (node.name === 'undefined' || node.name === 'Infinity')) return false;
  if (node.type === 'ObjectExpression') {
    const names = node.properties.map((p) => (p.type === 'Property' ? propertyName(p) : undefined));
    return names.some((n) => n === undefined || !PRE_SEND_TIMEOUT_PHASES.includes(n));
  }
  return true;
}

/** `db('t').insert(x).timeout(ms)`, `request.post(url).timeout(ms)`: a timeout chained on the call. */
/** In `const x = err ? a : b` (or `!err ? b : a`), a statement of its own: the expression chosen for an error. */
function errorChoice(stmt: TSESTree.Statement, param: string): Node | undefined {
  let expr: Node | undefined;
  if (stmt.type === 'VariableDeclaration' && stmt.declarations.length === 1) expr = stmt.declarations[0].init ?? undefined;
  else if (stmt.type === 'ExpressionStatement' && stmt.expression.type === 'AssignmentExpression') expr = stmt.expression.right;
  if (expr?.type !== 'ConditionalExpression') return undefined;
  const test = unwrap(expr.test);
  if (test.type === 'Identifier' && test.name === param) return expr.consequent;
  if (test.type === 'UnaryExpression' && test.operator === '!' && unwrap(test.argument).type === 'Identifier' && (unwrap(test.argument) as TSESTree.Identifier).name === param) return expr.alternate;
  return undefined;
}

/** The `const` a call's result is held in (`const req = http.request(...)`), if any. */
function heldIn(ctx: CheckContext, call: TSESTree.CallExpression): Scope.Variable | undefined {
  const holder = parentOf(call);
  if (holder?.type !== 'VariableDeclarator' || holder.init !== call || holder.id.type !== 'Identifier') return undefined;
  return scopeIndex(ctx.file).variableOf(holder.id) ?? undefined;
}

/** Calls of method `name` on the variable holding the call's result (`req.setTimeout(...)`, `req.on(...)`). */
function methodCallsOnResult(ctx: CheckContext, call: TSESTree.CallExpression, names: ReadonlySet<string>): TSESTree.CallExpression[] {
  const variable = heldIn(ctx, call);
  if (!variable) return [];
  const out: TSESTree.CallExpression[] = [];
  for (const ref of variable.references) {
    const member = parentOf(ref.identifier);
    if (member?.type !== 'MemberExpression' || member.object !== ref.identifier || !names.has(propertyName(member) ?? '')) continue;
    const outer = parentOf(member);
    if (outer?.type === 'CallExpression' && outer.callee === member) out.push(outer);
  }
  return out;
}

const SET_TIMEOUT = new Set(['setTimeout']);
const LISTEN = new Set(['on', 'once', 'addListener']);

/** `const req = http.request(...); req.setTimeout(5000, ...)`: a timeout set on the request object. */
function requestTimeoutSet(ctx: CheckContext, call: TSESTree.CallExpression): boolean {
  return methodCallsOnResult(ctx, call, SET_TIMEOUT).some((c) => c.arguments.length > 0 && c.arguments[0].type !== 'SpreadElement' && isEffectiveTimeout(ctx, c.arguments[0]));
}

/** The inline `'error'` listener on the variable holding the call's result (`req.on('error', (err) => ...)`). */
function errorListenerOf(ctx: CheckContext, call: TSESTree.CallExpression): FunctionNode | undefined {
  for (const on of methodCallsOnResult(ctx, call, LISTEN)) {
    const event = at(on.arguments, 0);
    const handler = at(on.arguments, 1);
    if (event?.type === 'Literal' && event.value === 'error' && handler && isFunctionNode(handler)) return handler;
  }
  return undefined;
}

function chainedTimeout(call: TSESTree.CallExpression): boolean {
  let cur: Node = call;
  for (let guard = 0; guard < 8; guard++) {
    const p = parentOf(cur);
    if (p?.type !== 'MemberExpression' || p.object !== cur) return false;
    const outer = parentOf(p);
    if (outer?.type !== 'CallExpression' || outer.callee !== p) return false;
    const name = propertyName(p);
    if (name === 'timeout' && outer.arguments.length > 0) return true;
    if (name === 'then' || name === 'catch' || name === 'finally') return false;
    cur = outer;
  }
  return false;
}

/**
 * The calls and constructions a call's client came from: for `this.http.post()` the `axios.create({...})`
 * the field holds; for `producer.send()` both `kafka.producer({...})` and `new Kafka({...})`.
 */
function constructionsOf(ctx: CheckContext, call: TSESTree.CallExpression): CallLike[] {
  const out: CallLike[] = [];
  const callee = unwrap(call.callee);
  if (callee.type !== 'MemberExpression') return out;
  let cur: Node | undefined = callee.object;
  for (let guard = 0; cur && guard < MAX_DEPTH * 2; guard++) {
    const node: Node = unwrap(cur);
    if (node.type === 'Identifier') {
      cur = initOf(ctx, node);
    } else if (node.type === 'MemberExpression') {
      if (node.object.type === 'ThisExpression') {
        const cls = enclosingClass(node);
        const name = propertyName(node);
        const values = cls && name ? classMembers(ctx, cls).fields.get(name) : undefined;
        cur = values?.find((v) => v.type !== 'TSTypeAnnotation' && v.type !== 'Identifier');
      } else {
        cur = node.object;
      }
    } else if (node.type === 'CallExpression' || node.type === 'NewExpression') {
      out.push(node);
      const inner = unwrap(node.callee);
      cur = inner.type === 'MemberExpression' ? inner.object : undefined;
    } else {
      cur = undefined;
    }
  }
  return out;
}

/** The HTTP method of a catalog HTTP call, upper-case, or undefined when it cannot be told. */
function httpMethodOf(ctx: CheckContext, call: TSESTree.CallExpression, entry: CatalogEntry): string | undefined {
  const facts = entry.facts ?? {};
  if (facts.http === 'name') {
    const name = calleeName(call)?.toUpperCase();
    if (!name) return undefined;
    if (name === 'DEL') return 'DELETE';
    return name.replace(/FORM$/, '');
  }
  // `fetch(url, { method })`, `request({ method })`, `pool.request({ method, path })`: the options object that has one.
  for (const arg of call.arguments) {
    const obj = objectOf(ctx, arg, 0);
    if (!obj) continue;
    const method = propertyValue(obj, 'method');
    if (!method) continue;
    const text = stringValue(ctx, method);
    return text?.toUpperCase();
  }
  return 'GET';
}

/** A POST that reads: a GraphQL query (not a mutation), a search or count endpoint. */
function isReadOverPost(ctx: CheckContext, call: TSESTree.CallExpression): boolean {
  const url = call.arguments[0] && stringValue(ctx, call.arguments[0]);
  if (url !== undefined && /\/(_search|_msearch|_count|_mget)\b/.test(url)) return true;
  for (const arg of call.arguments) {
    const query = graphQlQuery(ctx, arg, 0);
    if (query !== undefined) return !/^\s*mutation\b/.test(query);
  }
  return false;
}

/**
 * A call that hands a wrapper a GraphQL query document (`runQuery(STOCK_QUERY, vars)`, the constant starting with
 * `query`) and no mutation: a read, whatever the wrapper posts.
 */
function passesGraphQlQuery(ctx: CheckContext, call: TSESTree.CallExpression): boolean {
  let query = false;
  for (const arg of call.arguments) {
    if (arg.type === 'SpreadElement') continue;
    const text = stringValue(ctx, arg);
    if (text === undefined) continue;
    if (/^\s*(mutation|subscription)\b/.test(text)) return false;
    if (/^\s*query\b/.test(text)) query = true;
  }
  return query;
}

/** The `query` text of a GraphQL request body (an object literal, a constant, or `JSON.stringify` of one). */
function graphQlQuery(ctx: CheckContext, raw: Node, depth: number): string | undefined {
  if (depth > 3) return undefined;
  const node = unwrap(raw);
  if (node.type === 'CallExpression') {
    const t = traceOf(ctx, node.callee);
    if (t.root.kind === 'global' && t.root.name === 'JSON' && t.path[0] === 'stringify' && node.arguments[0]) return graphQlQuery(ctx, node.arguments[0], depth + 1);
    return undefined;
  }
  const obj = objectOf(ctx, node, 0);
  if (!obj) return undefined;
  const query = propertyValue(obj, 'query');
  if (query) {
    const text = stringValue(ctx, query);
    if (text !== undefined && /^\s*(query|mutation|subscription|\{)/.test(text)) return text;
  }
  for (const key of ['body', 'json', 'data']) {
    const inner = propertyValue(obj, key);
    if (inner) {
      const text = graphQlQuery(ctx, inner, depth + 1);
      if (text !== undefined) return text;
    }
  }
  return undefined;
}

/** Does a SQL call write? Its first argument is the statement (text, or a `{ text }` / `{ sql }` config). */
function sqlCallWrites(ctx: CheckContext, call: TSESTree.CallExpression): boolean {
  const first = at(call.arguments, 0);
  if (!first) return false;
  const text = sqlTextOf(ctx, first);
  return text !== undefined && sqlIsWrite(text);
}

/** `new SendMessageCommand(...)` (or a constant holding one) -> `SendMessageCommand`. */
function commandName(ctx: CheckContext, raw: Node | undefined): string | undefined {
  if (!raw) return undefined;
  let node = unwrap(raw);
  if (node.type === 'Identifier') {
    const init = initOf(ctx, node);
    if (!init) return undefined;
    node = unwrap(init);
  }
  if (node.type !== 'NewExpression') return undefined;
  const callee = unwrap(node.callee);
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression') return propertyName(callee);
  return undefined;
}

function calleeName(call: TSESTree.CallExpression): string | undefined {
  const callee = unwrap(call.callee);
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression') return propertyName(callee);
  return undefined;
}

function describeCall(ctx: CheckContext, call: TSESTree.CallExpression): string {
  const text = ctx.file.text.slice(call.callee.range[0], call.callee.range[1]).replace(/\s+/g, '');
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Numeric option `name` above `min` anywhere in an object argument (e.g. `defaultJobOptions.attempts`). */
function hasNumberAbove(ctx: CheckContext, raw: Node, name: string, min: number, depth: number): boolean {
  if (depth > 4) return false;
  const obj = objectOf(ctx, raw, 0);
  if (!obj) return false;
  for (const prop of obj.properties) {
    if (prop.type !== 'Property') continue;
    const value = unwrap(prop.value);
    if (propertyName(prop) === name) {
      let literal: Node | undefined = value;
      if (value.type === 'Identifier') literal = initOf(ctx, value);
      if (literal?.type === 'Literal' && typeof literal.value === 'number' && literal.value > min) return true;
      if (literal && literal.type !== 'Literal') return true; // a computed attempts count: assume a retry
      continue;
    }
    if (hasNumberAbove(ctx, value, name, min, depth + 1)) return true;
  }
  return false;
}

/** Values of idempotency-key properties in a call argument (object literals, constants, command constructors). */
function collectKeyValues(ctx: CheckContext, raw: Node, settings: Settings, out: Node[], depth: number, carriers: Node[]): void {
  if (depth > 4) return;
  const node = unwrap(raw);
  if (node.type === 'Identifier') {
    const init = initOf(ctx, node);
    if (init) collectKeyValues(ctx, init, settings, out, depth + 1, carriers);
    else carriers.push(node);
    return;
  }
  if (node.type === 'NewExpression' || node.type === 'CallExpression') {
    for (const arg of node.arguments) collectKeyValues(ctx, arg, settings, out, depth + 1, carriers);
    return;
  }
  if (node.type !== 'ObjectExpression') return;
  for (const prop of node.properties) {
    if (prop.type === 'SpreadElement') {
      collectKeyValues(ctx, prop.argument, settings, out, depth + 1, carriers);
      continue;
    }
    const name = propertyName(prop);
    if (name && settings.keyNames.has(normalizeKeyName(name))) out.push(prop.value);
    else collectKeyValues(ctx, prop.value, settings, out, depth + 1, carriers);
  }
}

/** Is a key value the same on every attempt of `scope`? Fresh when made by a fresh-id generator inside the scope. */
function valueKind(ctx: CheckContext, raw: Node, scope: Node, fn: FunctionNode | undefined, settings: Settings, depth: number): KeyKind {
  if (depth > MAX_DEPTH) return { kind: 'stable' };
  const node = unwrap(raw);
  switch (node.type) {
    case 'Identifier': {
      if (node.name === 'undefined') return { kind: 'none' };
      const variable = scopeIndex(ctx.file).variableOf(node);
      const def = variable?.defs[0];
      if (!def) return { kind: 'stable' };
      if (def.type === 'Parameter') {
        if (fn && def.node === fn) {
          const index = fn.params.findIndex((p) => p.range[0] <= def.name.range[0] && def.name.range[1] <= p.range[1]);
          if (index >= 0) return { kind: 'param', index };
        }
        return { kind: 'stable' };
      }
      if (def.type === 'Variable' && def.node.init) {
        const inside = def.node.range[0] >= scope.range[0] && def.node.range[1] <= scope.range[1];
        return inside ? valueKind(ctx, def.node.init, scope, fn, settings, depth + 1) : { kind: 'stable' };
      }
      return { kind: 'stable' };
    }
    case 'CallExpression': {
      // made once outside the retried code, a random value is as stable as any other
      if (matchNode(ctx, node, 'fresh-id')) return within(node, scope) ? { kind: 'fresh' } : { kind: 'stable' };
      return combine(node.arguments.map((a) => valueKind(ctx, a, scope, fn, settings, depth + 1)));
    }
    case 'NewExpression': {
      const t = traceOf(ctx, node.callee);
      if (t.root.kind === 'global' && t.root.name === 'Date' && node.arguments.length === 0) return within(node, scope) ? { kind: 'fresh' } : { kind: 'stable' };
      return combine(node.arguments.map((a) => valueKind(ctx, a, scope, fn, settings, depth + 1)));
    }
    case 'TemplateLiteral':
      return combine(node.expressions.map((e) => valueKind(ctx, e, scope, fn, settings, depth + 1)));
    case 'BinaryExpression':
    case 'LogicalExpression':
      return combine([valueKind(ctx, node.left, scope, fn, settings, depth + 1), valueKind(ctx, node.right, scope, fn, settings, depth + 1)]);
    case 'ConditionalExpression':
      return combine([valueKind(ctx, node.consequent, scope, fn, settings, depth + 1), valueKind(ctx, node.alternate, scope, fn, settings, depth + 1)]);
    case 'MemberExpression':
      return valueKind(ctx, node.object, scope, fn, settings, depth + 1);
    case 'Literal':
      return node.value === null ? { kind: 'none' } : { kind: 'stable' };
    default:
      return { kind: 'stable' };
  }
}

/** An element that may be missing (the compiler does not check indexed access). */
function at<T>(list: readonly T[], index: number): T | undefined {
  return index >= 0 && index < list.length ? list[index] : undefined;
}

/** A node's parent, undefined at the root (the types say it is always there). */
function parentOf(node: Node): Node | undefined {
  return (node as { parent?: Node }).parent;
}

function within(node: Node, scope: Node): boolean {
  return node.range[0] >= scope.range[0] && node.range[1] <= scope.range[1];
}

function combine(kinds: KeyKind[]): KeyKind {
  let result: KeyKind = { kind: 'stable' };
  for (const k of kinds) {
    if (k.kind === 'fresh') return k;
    if (k.kind === 'param') result = k;
  }
  return result;
}

// ---------------------------------------------------------------------------------------------- catches

const FAILURE_TEXT =
  /(^|[^a-z])(fail(ed|ure|s)?|declined?|cancell?ed|rejected|refused|unsuccessful|did not go through|could not|couldn't|unable to|not[ _-](sent|paid|charged|processed|completed|delivered|accepted|refunded|credited|saved|stored|created|placed|published|recorded|applied|booked|submitted|transferred|captured)|try again|retry later|please retry)/i;
const UNKNOWN_TEXT =
  /unknown|pending|uncertain|ambiguous|indeterminate|in[ _-]?doubt|reconcil|unconfirmed|in[ _-]?flight|processing|awaiting|status[ _-]?check|check[ _-]?status|look[ _-]?up|retrieve|idempotenc|find[ _-]?by[ _-]?key/i;
const FAILURE_NAME = /fail|declin|refund|compensat|revert|restock|unreserve/i;
/** Compensation method names: `releaseHold`, `cancelReservation`, `voidAuthorization`. */
const COMPENSATION_NAME = /^(release|cancel|void|undo|rollback|reverse)[A-Z]/;
/** A status value that says "failed" in one word. */
const FAILURE_VALUE = /^(error|errored|aborted|expired|rejected|declined|canceled|cancelled)$/i;
/** Compensation verbs used as a whole method name with arguments (`ledger.release(id)`, not `client.release()`). */
const COMPENSATION_METHODS = new Set(['release', 'cancel', 'void', 'reverse', 'refund', 'rollback', 'unlock']);
const SUCCESS_KEY =
  /^(ok|success|succeeded|successful|sent|paid|charged|credited|refunded|accepted|processed|delivered|published|completed|created|done|applied|transferred|captured|saved|stored|deleted|placed|booked|submitted|posted|executed|confirmed|granted|issued|cancell?ed|reserved|enrolled|subscribed|registered|updated|removed|queued|enqueued|scheduled|notified|synced|recorded|written|committed|authori[sz]ed|approved|settled|debited|shipped|assigned|allocated|provisioned|activated|installed|fulfill?ed|revoked|suspended)$/i;

const WEAK_UNKNOWN_TEXT = /time[ d_-]?out|timed out/i;
const STATUS_CALLS = new Set(['status', 'code', 'sendStatus', 'writeHead', 'throw', 'json', 'text', 'send']);
const STATUS_KEYS = new Set(['status', 'statusCode']);

interface BranchFacts {
  failure: boolean;
  unknown: boolean;
  /** Says "timed out" to someone (a status or message): not a failure, not silence. */
  weakUnknown: boolean;
  /** Passes the error on (`next(err)`, `callback(err)`, `reject(err)`) or answers with a 5xx error. */
  passesOn: boolean;
  completions: Set<Completion>;
}

function verdictFromFacts(facts: BranchFacts): Verdict {
  if (facts.unknown) return OK;
  if (facts.failure) return { kind: 'finding', messageId: 'treatedAsFailure' };
  const c = facts.completions;
  if (c.size > 0 && [...c].every((k) => k === 'throw' || k === 'break')) return PROPAGATE;
  if (facts.passesOn) return PROPAGATE;
  if (facts.weakUnknown) return OK;
  return { kind: 'finding', messageId: 'swallowed' };
}

/** The statements of a catch that run for a timeout: the branch a timeout test selects, else the whole body minus answers to HTTP errors. */
function timeoutBranch(ctx: CheckContext, stmts: readonly TSESTree.Statement[], param: string | undefined): Node[] {
  for (let i = 0; i < stmts.length; i++) {
    const s = stmts[i];
    if (s.type !== 'IfStatement') continue;
    const polarity = testPolarity(ctx, s.test, param, false, 0);
    if (polarity === 'positive') {
      const rest = completionsOf(s.consequent).has('normal') ? stmts.slice(i + 1) : [];
      return [s.consequent, ...rest];
    }
    if (polarity === 'negative') return [...(s.alternate ? [s.alternate] : []), ...stmts.slice(i + 1)];
  }
  // No timeout test: everything except branches that answer a definite error (an HTTP status, one named error).
  return stmts.map((s) => (s.type === 'IfStatement' && (answersHttpError(s.test) || singlesOutOtherError(s.test) || answersHttpErrorVia(ctx, s.test)) && !completionsOf(s.consequent).has('normal') ? (s.alternate ?? emptyBlock(s)) : s));
}

/**
 * `if (rejection)` where `const rejection = definiteRejection(err)`: a local function that returns nothing (null,
 * undefined, false) when the error carries no HTTP answer (`if (!err.response) return null`), so its result is
 * a definite answer, never a timeout.
 */
function answersHttpErrorVia(ctx: CheckContext, raw: Node): boolean {
  const test = unwrap(raw);
  if (test.type !== 'Identifier') return false;
  const init = initOf(ctx, test);
  const call = init && unwrap(init);
  if (call?.type !== 'CallExpression') return false;
  const ref = ctx.resolver.callee(ctx, call);
  if (!ref || ref.fn.body.type !== 'BlockStatement') return false;
  return ref.fn.body.body.some((stmt) => {
    if (stmt.type !== 'IfStatement' || stmt.test.type !== 'UnaryExpression' || stmt.test.operator !== '!') return false;
    let guarded: Node = unwrap(stmt.test.argument);
    if (guarded.type === 'Identifier') guarded = initOf(ref.ctx, guarded) ?? guarded;
    return answersHttpError(unwrap(guarded)) && returnsNothing(stmt.consequent);
  });
}

/** `return;`, `return null;`, `return undefined;`, `return false;` (alone or as the only statement of a block). */
function returnsNothing(stmt: TSESTree.Statement): boolean {
  const ret = stmt.type === 'BlockStatement' && stmt.body.length === 1 ? stmt.body[0] : stmt;
  if (ret.type !== 'ReturnStatement') return false;
  const arg = ret.argument && unwrap(ret.argument);
  return !arg || (arg.type === 'Literal' && (arg.value === null || arg.value === false)) || (arg.type === 'Identifier' && arg.name === 'undefined');
}

/**
 * A test that holds for one named error other than a timeout (`err.type === 'StripeCardError'`,
 * `err.code === 'P2002' && ...`): its branch is not what runs when the call times out.
 */
function singlesOutOtherError(raw: Node): boolean {
  const test = unwrap(raw);
  if (test.type === 'LogicalExpression') {
    if (test.operator === '&&') return singlesOutOtherError(test.left) || singlesOutOtherError(test.right);
    if (test.operator === '||') return singlesOutOtherError(test.left) && singlesOutOtherError(test.right);
    return false;
  }
  if (test.type !== 'BinaryExpression' || (test.operator !== '===' && test.operator !== '==')) return false;
  const sides = [unwrap(test.left), unwrap(test.right)];
  const literal = sides.find((side): side is TSESTree.StringLiteral => side.type === 'Literal' && typeof side.value === 'string');
  const other = sides.find((side) => side !== literal);
  if (!literal || other?.type !== 'MemberExpression') return false;
  return !TIMEOUT_ERROR_CODES.includes(literal.value) && !isTimeoutErrorName(literal.value, false) && !/time[ d_-]?out/i.test(literal.value);
}

/** A block with no statements in place of `at`: an empty range, so that no call of `at` is found within it. */
function emptyBlock(at: Node): TSESTree.BlockStatement {
  return { type: 'BlockStatement', body: [], range: [at.range[1], at.range[1]], loc: { start: at.loc.end, end: at.loc.end }, parent: at.parent } as unknown as TSESTree.BlockStatement;
}

/** A test about a received HTTP answer (`err.response.status === 402`, `err instanceof HTTPError`): a definite outcome, not a timeout. */
function answersHttpError(test: Node): boolean {
  let found = false;
  const stack: Node[] = [test];
  while (stack.length > 0 && !found) {
    const node = stack.pop() as Node;
    if (node.type === 'MemberExpression') {
      const name = propertyName(node);
      if (name === 'response' || name === 'status' || name === 'statusCode') found = true;
      stack.push(node.object);
    } else if (node.type === 'BinaryExpression') {
      if (node.operator === 'instanceof' && node.right.type === 'Identifier' && /HTTPError|HttpError|ResponseError|ValidationError|Declin/.test(node.right.name)) found = true;
      stack.push(node.left, node.right);
    } else if (node.type === 'LogicalExpression') {
      stack.push(node.left, node.right);
    } else if (node.type === 'UnaryExpression') {
      stack.push(node.argument);
    } else if (node.type === 'ChainExpression') {
      stack.push(node.expression);
    }
  }
  return found;
}

type Polarity = 'positive' | 'negative' | undefined;

/**
 * Does a test single out a timeout? `positive`: true means "timed out" (`err.name === 'TimeoutError'`);
 * `negative`: true means "not a timeout" (`err.code !== 'ETIMEDOUT'`, `!isTimeout(err)`). `strict` accepts
 * only the catalog's exact error names and codes (for catches that are the only evidence of a timeout).
 */
function testPolarity(ctx: CheckContext, raw: Node, param: string | undefined, strict: boolean, depth: number): Polarity {
  if (depth > MAX_DEPTH) return undefined;
  const node = unwrap(raw);
  switch (node.type) {
    case 'UnaryExpression':
      if (node.operator !== '!') return undefined;
      return flip(testPolarity(ctx, node.argument, param, strict, depth + 1));
    case 'LogicalExpression': {
      const l = testPolarity(ctx, node.left, param, strict, depth + 1);
      const r = testPolarity(ctx, node.right, param, strict, depth + 1);
      if (node.operator === '&&') {
        if (l === 'positive' || r === 'positive') return 'positive';
        return l === 'negative' || r === 'negative' ? 'negative' : undefined;
      }
      if (l === 'negative' || r === 'negative') return 'negative';
      return l === 'positive' || r === 'positive' ? 'positive' : undefined;
    }
    case 'BinaryExpression': {
      if (node.operator === 'instanceof') {
        const right = unwrap(node.right);
        const name = right.type === 'Identifier' ? right.name : right.type === 'MemberExpression' ? propertyName(right) : undefined;
        return name && isTimeoutErrorName(name, strict) ? 'positive' : undefined;
      }
      const eq = node.operator === '===' || node.operator === '==';
      const ne = node.operator === '!==' || node.operator === '!=';
      if (!eq && !ne) return undefined;
      const literal = [node.left, node.right].map((s) => unwrap(s as Node)).find((s) => s.type === 'Literal' && typeof s.value === 'string') as TSESTree.Literal | undefined;
      if (!literal) return undefined;
      const value = String(literal.value);
      if (!TIMEOUT_ERROR_CODES.includes(value) && !isTimeoutErrorName(value, strict)) return undefined;
      return eq ? 'positive' : 'negative';
    }
    case 'CallExpression': {
      const callee = unwrap(node.callee);
      if (callee.type === 'MemberExpression' && (propertyName(callee) === 'test' || propertyName(callee) === 'includes' || propertyName(callee) === 'startsWith')) {
        const obj = unwrap(callee.object);
        if (obj.type === 'Literal' && 'regex' in obj && /time[ d_-]?out|timed out|abort/i.test(obj.regex.pattern)) return 'positive';
        const first = at(node.arguments, 0);
        const arg = first ? unwrap(first) : undefined;
        if (arg?.type === 'Literal' && typeof arg.value === 'string' && /time[ d_-]?out|timed out|ETIMEDOUT|ECONNABORTED/i.test(arg.value)) return 'positive';
        return undefined;
      }
      const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
      // `isTimeoutError(err)`; `isAbortError`/`isCancel` only where a timeout is already known (a cancel is no timeout)
      if (name && (strict ? /^is.*time[d]?[-_]?out/i : /^is.*(time[d]?[-_]?out|abort|cancel)/i).test(name)) return 'positive';
      return undefined;
    }
    case 'Identifier': {
      if (node.name === param) return undefined;
      const init = initOf(ctx, node);
      return init ? testPolarity(ctx, init, param, strict, depth + 1) : undefined;
    }
    default:
      return undefined;
  }
}

function flip(p: Polarity): Polarity {
  return p === 'positive' ? 'negative' : p === 'negative' ? 'positive' : undefined;
}

function isTimeoutErrorName(name: string, strict: boolean): boolean {
  if (TIMEOUT_ERROR_NAMES.includes(name)) return true;
  return !strict && /Timeout|TimedOut|Abort/.test(name);
}

/** Does a catch clause single out timeout errors (by exact name or code)? */
function catchSinglesOutTimeout(ctx: CheckContext, handler: TSESTree.CatchClause | null): boolean {
  if (!handler) return false;
  const param = handler.param?.type === 'Identifier' ? handler.param.name : undefined;
  const stack: Node[] = [...handler.body.body];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (node.type === 'IfStatement') {
      if (testPolarity(ctx, node.test, param, true, 0) !== undefined) return true;
      stack.push(node.consequent);
      if (node.alternate) stack.push(node.alternate);
    } else if (node.type === 'BlockStatement') {
      stack.push(...node.body);
    }
  }
  return false;
}

/** Failure and unknown-outcome markers in a branch, and how it completes. */
function branchFacts(ctx: CheckContext, nodes: readonly Node[], param: string | undefined): BranchFacts {
  const facts: BranchFacts = { failure: false, unknown: false, weakUnknown: false, passesOn: false, completions: completionsOf(nodes) };
  const keys = ctx.file.visitorKeys;
  const stack: Node[] = [...nodes];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    switch (node.type) {
      case 'CallExpression': {
        if (isLoggingCall(node)) continue;
        if (param && passesErrorOn(ctx, node, param)) facts.passesOn = true;
        const name = node.callee.type === 'MemberExpression' ? propertyName(node.callee) : undefined;
        if (name && STATUS_CALLS.has(name) && node.arguments.some(isServerErrorStatus)) facts.passesOn = true;
        if (name && COMPENSATION_METHODS.has(name) && node.arguments.length > 0) facts.failure = true;
        break;
      }
      case 'ThrowStatement': {
        // A thrown error's message is not a verdict; its type and any response payload are.
        const arg = unwrap(node.argument);
        if (arg.type === 'NewExpression' || arg.type === 'CallExpression') {
          stack.push(arg.callee);
          // An HTTP exception's message is the answer the client gets; a plain Error's message is not a verdict.
          const callee = unwrap(arg.callee);
          const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
          const isAnswer = name !== undefined && /Exception$|^createError$|^HttpError$/.test(name) && !/GatewayTimeout|ServiceUnavailable|RequestTimeout|InternalServer/.test(name);
          for (const a of arg.arguments) if (a.type === 'ObjectExpression' || isAnswer) stack.push(a);
        }
        continue;
      }
      case 'AssignmentExpression': {
        const name = node.left.type === 'MemberExpression' ? propertyName(node.left) : undefined;
        if (name && STATUS_KEYS.has(name) && isServerErrorStatus(node.right)) facts.passesOn = true;
        break;
      }
      case 'IfStatement':
        stack.push(node.consequent);
        if (node.alternate) stack.push(node.alternate);
        continue;
      case 'FunctionDeclaration':
        continue;
      case 'Literal':
        if (typeof node.value === 'string' && !(param && isErrorDefault(node, param, keys))) mark(facts, node.value);
        continue;
      case 'TemplateElement':
        mark(facts, node.value.cooked ?? node.value.raw);
        continue;
      case 'Identifier':
        if (node.name !== param) markName(facts, node.name, node);
        continue;
      case 'Property': {
        const value = unwrap(node.value);
        const name = propertyName(node);
        if (name && value.type === 'Literal' && value.value === false && SUCCESS_KEY.test(name)) facts.failure = true;
        if (name && STATUS_KEYS.has(name) && isServerErrorStatus(value)) facts.passesOn = true;
        stack.push(node.value);
        continue;
      }
      default:
        break;
    }
    pushChildren(stack, node, keys);
  }
  return facts;
}

/** Pushes a node's children (by the parser's visitor keys) for an iterative walk. */
function pushChildren(stack: Node[], node: Node, keys: SourceFile['visitorKeys']): void {
  for (const key of keys[node.type] ?? []) {
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const child of value) if (child && typeof (child as Node).type === 'string') stack.push(child as Node);
    } else if (value && typeof (value as Node).type === 'string') {
      stack.push(value as Node);
    }
  }
}

function mark(facts: BranchFacts, text: string): void {
  if (UNKNOWN_TEXT.test(text)) facts.unknown = true;
  else if (FAILURE_TEXT.test(text) || FAILURE_VALUE.test(text.trim())) facts.failure = true;
  else if (WEAK_UNKNOWN_TEXT.test(text)) facts.weakUnknown = true;
}

/**
 * A default for a description of the caught error (`err.code ?? 'unknown'`, `isAxiosError(err) ? err.code :
 * 'unknown'`): the text names the error's kind, not the call's outcome. A literal chosen by a test of the error
 * (`isTimeout(err) ? 'unknown' : 'failed'`) is an outcome and still counts.
 */
function isErrorDefault(literal: TSESTree.Literal, param: string, keys: SourceFile['visitorKeys']): boolean {
  const parent = literal.parent;
  if (parent.type === 'LogicalExpression' && parent.right === literal && (parent.operator === '??' || parent.operator === '||')) return mentions(parent.left, param, keys);
  if (parent.type === 'ConditionalExpression' && parent.test !== literal) {
    const other = parent.consequent === literal ? parent.alternate : parent.consequent;
    return mentions(other, param, keys);
  }
  return false;
}

/** Does an expression read the identifier `name` (outside nested functions)? */
function mentions(root: Node, name: string, keys: SourceFile['visitorKeys']): boolean {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (node.type === 'Identifier' && node.name === name) {
      const parent = parentOf(node);
      if (!(parent?.type === 'MemberExpression' && parent.property === node && !parent.computed)) return true;
    }
    if (!isFunctionNode(node)) pushChildren(stack, node, keys);
  }
  return false;
}

/** `next(err)`, `callback(err)`, `done(err)`, `reject(err)`, `stream.destroy(err)`: the error goes on to someone who handles it. */
function passesErrorOn(ctx: CheckContext, call: TSESTree.CallExpression, param: string): boolean {
  const first = at(call.arguments, 0);
  if (first?.type !== 'Identifier' || first.name !== param) return false;
  const callee = unwrap(call.callee);
  if (callee.type === 'MemberExpression') return propertyName(callee) === 'destroy';
  if (callee.type !== 'Identifier') return false;
  // a global such as String(err) or Boolean(err) only converts it
  const t = traceOf(ctx, callee);
  return t.root.kind !== 'global';
}

function isServerErrorStatus(raw: Node): boolean {
  const node = unwrap(raw);
  return node.type === 'Literal' && typeof node.value === 'number' && node.value >= 500 && node.value <= 599;
}

function markName(facts: BranchFacts, name: string, node: Node): void {
  // Type names and keys say nothing about the outcome.
  const parent = node.parent;
  if (parent?.type === 'Property' && parent.key === node && !parent.computed) return;
  if (UNKNOWN_TEXT.test(name)) facts.unknown = true;
  else if (FAILURE_NAME.test(name) || COMPENSATION_NAME.test(name)) facts.failure = true;
}
