import type { TSESTree } from '@typescript-eslint/utils';
import type { Scope } from '@typescript-eslint/utils/ts-eslint';
import { implicitAcks, type ImplicitAck } from '../catalog/acks.js';
import type { CatalogEntry, Specifier } from '../catalog/types.js';
import { ruleExtension, withCatalog } from '../context.js';
import { walkFunction, type FlowDomain } from '../flow.js';
import { behindGate, mayFind, vocabularyOf, type GateSpec } from '../gate.js';
import { handlerOf } from '../handlers.js';
import { isKnownOrigin, matchTrace } from '../match.js';
import { isWriteSql, sqlTextOf } from '../sql-text.js';
import { enclosingFunction, parameterBase, propertyName, registrationOf, traceOf, type Trace } from '../origin.js';
import { scopeIndex } from '../scope.js';
import { summarize } from '../summaries.js';
import type { CheckContext, Finding, FindingSuggestion, FunctionNode, Node } from '../types.js';
import { caught } from '../safety-net.js';

export const RULE_ID = 'no-ack-before-durable-write';

export interface NoAckBeforeDurableWriteOptions {
  /** Extra acknowledgements (calls), in the catalog's specifier shape. */
  acks?: Specifier[];
  /** Extra durable writes (calls), in the catalog's specifier shape. */
  durableWrites?: Specifier[];
  /** Extra best-effort calls: never durable writes, fine after an ack. */
  bestEffort?: Specifier[];
  /** Report durable writes that start after the ack on the same path (default true). */
  checkWritesAfterAck?: boolean;
  /** Report writes still pending when a handler whose return acknowledges returns (default true). */
  checkImplicitAcks?: boolean;
  /** Treat a SQL call whose statement text cannot be read as a write (default false). */
  checkUnknownSql?: boolean;
  /**
   * Count an error-first callback told of success (`callback(null, result)`, the last parameter of a function of
   * the file) as an acknowledgement (default true).
   */
  checkSuccessCallbacks?: boolean;
}

export const defaultOptions: Required<NoAckBeforeDurableWriteOptions> = {
  acks: [],
  durableWrites: [],
  bestEffort: [],
  checkWritesAfterAck: true,
  checkImplicitAcks: true,
  checkUnknownSql: false,
  checkSuccessCallbacks: true,
};

export type AckMessageId = 'ackBeforeWrite' | 'writeAfterAck' | 'pendingAtImplicitAck' | 'koaBodyBeforeWrite' | 'awaitWrite';

/** A durable write started on a path: where it is (or the call in this function leading to it). */
interface WriteRef {
  node: Node;
  label: string;
  line: number;
  /** `await` before the statement would settle it (a promise, not a callback or a deferral). */
  awaitable: boolean;
}

/** What an expression yields: the writes its promise settles when awaited, the acks that run in its chain. */
interface Value {
  writes: readonly WriteRef[];
  acks: readonly Node[];
}

const EMPTY: Value = { writes: [], acks: [] };

interface State {
  /** Writes started and not yet settled on some path. */
  pending: ReadonlySet<WriteRef>;
  /** Success acknowledgements that ran on some path. */
  acks: ReadonlySet<Node>;
  /** Koa response-body assignments that ran on some path. */
  bodies: ReadonlySet<Node>;
  /** Local variables holding promises of writes. */
  vars: ReadonlyMap<Scope.Variable, Value>;
  /** While summarizing: calls on parameters that ran (they may turn out to be acks at a call site). */
  paramCalls: ReadonlySet<ParamCall>;
}

const START: State = { pending: new Set(), acks: new Set(), bodies: new Set(), vars: new Map(), paramCalls: new Set() };

interface Summary {
  performsWrite: boolean;
  label: string;
  /** Its promise settles only after its writes (async, or returns the write). */
  held: boolean;
  /** A write is still pending when it returns (awaiting the call does not help). */
  floating: boolean;
  /** Success acks it performs (in this file). */
  acks: readonly Node[];
  /** Calls on its parameters (`res.json()`, `channel.ack()`, `db('t').insert()`): what they are depends on the arguments. */
  paramCalls: readonly ParamCall[];
}

/** A call whose callee traces to parameter `index` of the summarized function, with the steps after it. */
interface ParamCall {
  index: number;
  path: readonly string[];
  node: TSESTree.CallExpression;
  /** A write of the function still pending when this call runs. */
  pendingBefore?: WriteRef;
  /** A write of the function that starts after this call on some path. */
  writeAfter?: WriteRef;
}

const NO_SUMMARY: Summary = { performsWrite: false, label: '', held: false, floating: false, acks: [], paramCalls: [] };

const THEN = new Set(['then', 'catch', 'finally']);
/** Expressions nested deeper than this (generated code) are not followed further. */
const MAX_EXPRESSION_DEPTH = 400;
/** Array methods that run their callback synchronously, now. */
const ITERATION = new Set(['map', 'forEach', 'flatMap', 'filter', 'some', 'every', 'find', 'findIndex', 'reduce', 'reduceRight']);
/** Event subscriptions: their callback runs at an unknown later time. */
const SUBSCRIPTION = new Set(['on', 'once', 'addListener', 'addEventListener', 'prependListener', 'subscribe']);

interface Analysis {
  ctx: CheckContext;
  options: Required<NoAckBeforeDurableWriteOptions>;
  findings: Map<Node, Finding>;
  /** Writes an explicit-ack finding already covers: one finding per flow, not a second at an implicit ack. */
  covered: Set<WriteRef>;
}

interface Run {
  an: Analysis;
  ctx: CheckContext;
  fn: FunctionNode;
  mode: 'top' | 'inline' | 'summary';
  /** Whether findings are recorded (not while computing a summary). */
  sink: boolean;
  implicit?: ImplicitAck;
  returns: Value[];
  exits: State[];
  started: WriteRef[];
  /** The function being summarized (for a summary run and the callbacks it walks), and its parameter calls. */
  owner?: FunctionNode;
  paramCalls?: ParamCall[];
}

/**
 * Every finding is about a durable write (core/gate.ts)... A write rooted at a framework's value (a channel of
 * amqplib's callback API) exists only where a framework hands that value out: `rolePaths` asks for one of those
 * frameworks, not only for the names of the path.
 */
const WRITES: GateSpec = { roles: ['durable-write'], frameworks: true, rolePaths: true };
/**
 * ...and an acknowledgement: an ack of the catalog, or a value a framework hands to its callbacks (a response, a
 * Lambda callback, a handler whose return acknowledges), or an error-first callback told of success
 * (`callback(null, result)`: a literal `null` as the first argument, comments and parentheses around it allowed).
 */
const ACKS: GateSpec = { roles: ['ack'], frameworks: true };
const ACKS_OR_CALLBACKS: GateSpec = { ...ACKS, fragments: [String.raw`\((?:\s|\(|\/\*[\s\S]*?\*\/|\/\/[^\n]*)*null(?![\w$])`] };

/**
 * Is the gate open for the file (also for tests)? Every finding is about a durable write and an ack: a file where
 * either cannot be named has none (core/gate.ts).
 */
export function ackBeforeWriteGate(ctx: CheckContext, checkSuccessCallbacks: boolean): boolean {
  return mayFind(ctx, vocabularyOf(ctx, WRITES)) && mayFind(ctx, vocabularyOf(ctx, checkSuccessCallbacks ? ACKS_OR_CALLBACKS : ACKS));
}

/** Checks one file. */
export function checkNoAckBeforeDurableWrite(base: CheckContext, opts: NoAckBeforeDurableWriteOptions = {}): Finding[] {
  const options = { ...defaultOptions, ...opts };
  const ctx = withCatalog(base, ruleExtension(opts, () => ({ entries: optionEntries(options) })));
  return behindGate(RULE_ID, ctx, ackBeforeWriteGate(ctx, options.checkSuccessCallbacks), () => checkFile(ctx, options));
}

function checkFile(ctx: CheckContext, options: Required<NoAckBeforeDurableWriteOptions>): Finding[] {
  const an: Analysis = { ctx, options, findings: new Map(), covered: new Set() };

  const roots = new Map<FunctionNode, ImplicitAck | undefined>();
  const ackFns = new Set<FunctionNode>();
  const addRoot = (fn: FunctionNode | undefined) => {
    let current = fn;
    while (current) {
      if (!roots.has(current)) roots.set(current, undefined);
      if (!isInlineCallback(ctx, current)) break;
      current = enclosingFunction(current);
    }
  };
  for (const call of ctx.index.calls) {
    if (isCallAck(ctx, call, options)) {
      const fn = enclosingFunction(call);
      if (fn) ackFns.add(fn);
      addRoot(fn);
    }
  }
  for (const assignment of ctx.index.assignments) {
    if (isBodyAssignment(ctx, assignment)) addRoot(enclosingFunction(assignment));
  }
  for (const call of ctx.index.calls) {
    const target = ctx.resolver.callee(ctx, call);
    if (!target || target.ctx !== ctx) continue;
    // A local helper that acknowledges, directly or through a response/channel handed to it.
    if (ackFns.has(target.fn) || call.arguments.some((arg) => arg.type !== 'SpreadElement' && isKnownOrigin(traceOf(ctx, arg)))) {
      addRoot(enclosingFunction(call));
    }
  }
  if (options.checkImplicitAcks) {
    for (const fn of ctx.index.functions) {
      const spec = implicitAckOf(ctx, fn);
      if (spec) roots.set(fn, spec);
    }
  }
  for (const [fn, spec] of roots) {
    const run = newRun(an, ctx, fn, 'top', true);
    run.implicit = spec;
    try {
      walkFunction(fn, START, new AckDomain(run));
    } catch (error) {
      caught(error);
      // A pathological function (nesting beyond the stack) is skipped rather than failing the whole lint.
    }
  }
  return [...an.findings.values()].sort((a, b) => a.node.range[0] - b.node.range[0]);
}

function optionEntries(options: Required<NoAckBeforeDurableWriteOptions>): CatalogEntry[] {
  const entries: CatalogEntry[] = [];
  options.bestEffort.forEach((target, i) => entries.push({ id: `options.bestEffort.${i}`, role: 'best-effort', target }));
  options.acks.forEach((target, i) => entries.push({ id: `options.acks.${i}`, role: 'ack', target }));
  options.durableWrites.forEach((target, i) => entries.push({ id: `options.durableWrites.${i}`, role: 'durable-write', target }));
  return entries;
}

function newRun(an: Analysis, ctx: CheckContext, fn: FunctionNode, mode: Run['mode'], sink: boolean): Run {
  return { an, ctx, fn, mode, sink, returns: [], exits: [], started: [] };
}

// ---------------------------------------------------------------------------------------------------------
// Classification of calls

function calleeName(call: TSESTree.CallExpression): string | undefined {
  const callee = call.callee.type === 'ChainExpression' ? call.callee.expression : call.callee;
  return callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
}

function calleeMember(call: TSESTree.CallExpression): TSESTree.MemberExpression | undefined {
  const callee = call.callee.type === 'ChainExpression' ? call.callee.expression : call.callee;
  return callee.type === 'MemberExpression' ? callee : undefined;
}

/** The catalog entry of a command object sent with `client.send(command)`. */
function commandEntry(ctx: CheckContext, call: TSESTree.CallExpression, role: string): CatalogEntry | undefined {
  if (calleeName(call) !== 'send' || call.arguments.length === 0) return undefined;
  const arg = call.arguments[0];
  if (arg.type === 'SpreadElement') return undefined;
  const entry = matchTrace(ctx, traceOf(ctx, arg), role);
  return entry && entry.facts?.via === 'send' ? entry : undefined;
}

function isBestEffort(ctx: CheckContext, t: Trace): boolean {
  return matchTrace(ctx, t, 'best-effort') !== undefined;
}

/** Is this call a success acknowledgement? */
function isCallAck(ctx: CheckContext, call: TSESTree.CallExpression, options: Required<NoAckBeforeDurableWriteOptions>): boolean {
  const t = traceOf(ctx, call);
  return isTraceAck(ctx, call, t) || (options.checkSuccessCallbacks && isSuccessCallback(call, t));
}

/**
 * An error-first callback told of success: `callback(null, result)` where `callback` is the last parameter of a
 * function of this file that its callers call (one no framework registers: those parameters are roles). The
 * caller learns that the work is done. Not in a function handed to a library (`new LocalStrategy((email,
 * password, done) => ...)`, a step of `async.waterfall`), whose callback means what that library makes of it,
 * and not in methods, where Node's stream internals (`_write(chunk, enc, cb)`) call back once a chunk is taken,
 * not stored.
 */
function isSuccessCallback(call: TSESTree.CallExpression, t: Trace): boolean {
  if (t.root.kind !== 'param' || t.path.length !== 1 || t.path[0] !== '()') return false;
  const fn = t.root.fn;
  if (t.root.index !== fn.params.length - 1 || fn.params[t.root.index].type !== 'Identifier') return false;
  const holder = fn.parent;
  if (holder.type === 'MethodDefinition' || holder.type === 'CallExpression' || holder.type === 'NewExpression' || holder.type === 'ArrayExpression') return false;
  const first = call.arguments.at(0);
  return first?.type === 'Literal' && first.value === null;
}

/** Is this call, whose callee has the trace `t`, a success acknowledgement? */
function isTraceAck(ctx: CheckContext, call: TSESTree.CallExpression, t: Trace): boolean {
  let entry = matchTrace(ctx, t, 'ack');
  if (entry && (entry.facts?.on === 'assign' || entry.facts?.via === 'send')) entry = undefined;
  entry ??= commandEntry(ctx, call, 'ack');
  if (!entry) return false;
  switch (entry.facts?.success) {
    case 'http-status':
      return !hasFailureStatus(ctx, call) && !inRejectionHandler(call);
    case 'no-error-arg': {
      if (call.arguments.length === 0) return true;
      const first = call.arguments[0];
      return (first.type === 'Literal' && first.value === null) || (first.type === 'Identifier' && first.name === 'undefined');
    }
    default:
      return true;
  }
}

/**
 * `res.status(500).json()`, `reply.code(404).send()`, `res.sendStatus(503)`: a failure reply, not a success ack.
 * A status computed at run time (`res.status(err.status ?? 500)`) is a failure in a `catch` clause or an
 * error-handling middleware.
 */
function hasFailureStatus(ctx: CheckContext, call: TSESTree.CallExpression): boolean {
  let current: Node = call;
  for (let guard = 0; guard < 16; guard++) {
    if (current.type !== 'CallExpression') return false;
    const name = calleeName(current);
    if (name && /^(status|code|sendStatus|writeHead)$/.test(name)) {
      const arg = current.arguments.at(0);
      if (arg?.type === 'Literal' && typeof arg.value === 'number') return arg.value >= 400;
      if (arg && arg.type !== 'SpreadElement') return inErrorPath(ctx, call);
    }
    const member = calleeMember(current);
    if (!member) return false;
    current = member.object;
  }
  return false;
}

/**
 * In a promise's rejection handler (`handle(req, res).catch((err) => { res.writeHead(500); res.end(); })`, the
 * second callback of `.then`): a reply there answers a failure, whatever status it was given.
 */
function inRejectionHandler(node: Node): boolean {
  const fn = enclosingFunction(node);
  const call = fn?.parent;
  if (!fn || call?.type !== 'CallExpression') return false;
  const name = calleeName(call);
  return (name === 'catch' && call.arguments[0] === fn) || (name === 'then' && call.arguments[1] === fn);
}

/** Inside a `catch` clause of its function, or in an express error-handling middleware `(err, req, res, next)`. */
function inErrorPath(ctx: CheckContext, node: Node): boolean {
  let current = parentOf(node);
  while (current) {
    if (current.type === 'CatchClause') return true;
    if (current.type === 'FunctionDeclaration' || current.type === 'FunctionExpression' || current.type === 'ArrowFunctionExpression') {
      const registration = handlerOf(ctx, current);
      const withError = registration?.framework.paramsWithError;
      return withError !== undefined && current.params.length === withError.length;
    }
    current = parentOf(current);
  }
  return false;
}

function isBodyAssignment(ctx: CheckContext, node: TSESTree.AssignmentExpression): boolean {
  if (node.operator !== '=' || node.left.type !== 'MemberExpression') return false;
  const entry = matchTrace(ctx, traceOf(ctx, node.left), 'ack');
  return entry?.facts?.on === 'assign';
}

interface WriteMatch {
  entry: CatalogEntry;
}

/** Is this call (or tagged template) a durable write? */
function writeOf(an: Analysis, ctx: CheckContext, node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression, t: Trace): WriteMatch | undefined {
  let entry = matchTrace(ctx, t, 'durable-write');
  if (entry?.facts?.via === 'send') entry = undefined;
  if (!entry && node.type === 'CallExpression') entry = commandEntry(ctx, node, 'durable-write');
  if (!entry) return undefined;
  if (node.type === 'TaggedTemplateExpression') {
    if (entry.facts?.sqlTag) return isWriteSql(node.quasi.quasis.map((q) => q.value.cooked ?? '').join(' ? ')) ? { entry } : undefined;
    return { entry };
  }
  if (entry.facts?.sqlTag) return undefined;
  const sqlArg = entry.facts?.sqlArg;
  if (typeof sqlArg === 'number') {
    const arg = node.arguments.at(sqlArg);
    const text = arg && arg.type !== 'SpreadElement' ? sqlTextOf(ctx, arg) : undefined;
    if (text === undefined) return an.options.checkUnknownSql ? { entry } : undefined;
    return isWriteSql(text) ? { entry } : undefined;
  }
  return { entry };
}

/** A function passed where it runs now or as part of this flow (not a framework registration or event listener). */
function isInlineCallback(ctx: CheckContext, fn: FunctionNode): boolean {
  const parent = fn.parent;
  if (parent.type !== 'CallExpression' && parent.type !== 'NewExpression') return false;
  if (!parent.arguments.includes(fn as TSESTree.CallExpressionArgument)) return false;
  if (parent.type === 'CallExpression') {
    const name = calleeName(parent);
    if (name && SUBSCRIPTION.has(name)) return false;
  }
  return registrationOf(ctx, fn) === undefined;
}

/** The implicit acknowledgement of a handler (its return), if its framework has one and it applies. */
function implicitAckOf(ctx: CheckContext, fn: FunctionNode): ImplicitAck | undefined {
  const registration = handlerOf(ctx, fn);
  if (!registration) return undefined;
  const id = registration.framework.id;
  let spec = implicitAcks.find((s) => s.frameworks.includes(id));
  if (!spec) {
    if (registration.framework.facts?.implicitAck !== true) return undefined;
    spec = { id, frameworks: [id], label: 'the handler' };
  }
  if (spec.maxParams !== undefined && fn.params.length > spec.maxParams && !(spec.asyncAlways && fn.async)) return undefined;
  if (spec.returnsValue && !fn.async) return undefined;
  if (spec.noResponseParam) {
    for (let i = 0; i < fn.params.length; i++) {
      const root = parameterBase(ctx, fn, i).root;
      if (root.kind === 'role' && root.role === 'http.response') return undefined;
    }
  }
  if (spec.disabledBy && registration.call) {
    for (const arg of registration.call.arguments) {
      if (arg.type !== 'ObjectExpression') continue;
      for (const prop of arg.properties) {
        if (prop.type !== 'Property') continue;
        const key = propertyName(prop);
        if (spec.disabledBy.some((d) => d.property === key && prop.value.type === 'Literal' && prop.value.value === d.value)) return undefined;
      }
    }
  }
  return spec;
}

// ---------------------------------------------------------------------------------------------------------
// State helpers (states are never mutated once shared)

function union<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): ReadonlySet<T> {
  if (a.size === 0 || a === b) return b;
  if (b.size === 0) return a;
  const out = new Set(a);
  for (const x of b) out.add(x);
  return out;
}

function joinValues(a: Value, b: Value): Value {
  if (a === EMPTY) return b;
  if (b === EMPTY) return a;
  return { writes: [...new Set([...a.writes, ...b.writes])], acks: [...new Set([...a.acks, ...b.acks])] };
}

function joinStates(a: State, b: State): State {
  if (a === b) return a;
  let vars = a.vars;
  if (b.vars.size > 0 && a.vars !== b.vars) {
    const merged = new Map(a.vars);
    for (const [k, v] of b.vars) merged.set(k, merged.has(k) ? joinValues(merged.get(k) as Value, v) : v);
    vars = merged;
  }
  return { pending: union(a.pending, b.pending), acks: union(a.acks, b.acks), bodies: union(a.bodies, b.bodies), vars, paramCalls: union(a.paramCalls, b.paramCalls) };
}

function settle(s: State, writes: readonly WriteRef[]): State {
  if (writes.length === 0 || s.pending.size === 0) return s;
  let pending: Set<WriteRef> | undefined;
  for (const w of writes) {
    if (!s.pending.has(w)) continue;
    pending ??= new Set(s.pending);
    pending.delete(w);
  }
  return pending ? { ...s, pending } : s;
}

function addPending(s: State, writes: Iterable<WriteRef>): State {
  let pending: Set<WriteRef> | undefined;
  for (const w of writes) {
    if (s.pending.has(w)) continue;
    pending ??= new Set(s.pending);
    pending.add(w);
  }
  return pending ? { ...s, pending } : s;
}

function addAcks(s: State, acks: Iterable<Node>): State {
  let out: Set<Node> | undefined;
  for (const a of acks) {
    if (s.acks.has(a)) continue;
    out ??= new Set(s.acks);
    out.add(a);
  }
  return out ? { ...s, acks: out } : s;
}

function setVar(s: State, variable: Scope.Variable, value: Value): State {
  if (value.writes.length === 0 && value.acks.length === 0 && !s.vars.has(variable)) return s;
  const vars = new Map(s.vars);
  if (value.writes.length === 0 && value.acks.length === 0) vars.delete(variable);
  else vars.set(variable, value);
  return { ...s, vars };
}

// ---------------------------------------------------------------------------------------------------------
// The flow domain: what expressions do to the state

class AckDomain implements FlowDomain<State, Value> {
  constructor(private readonly run: Run) {}

  join(a: State, b: State): State {
    return joinStates(a, b);
  }

  /** An ack inside a loop acknowledges that iteration's item; work after the loop is not what it reported on. */
  leaveLoop(entry: State, exit: State): State {
    return exit.acks === entry.acks ? exit : { ...exit, acks: entry.acks };
  }

  declare(pattern: Node, value: Value | undefined, s: State): State {
    if (pattern.type !== 'Identifier' || !value) return s;
    const variable = scopeIndex(this.run.ctx.file).variableOf(pattern);
    return variable ? setVar(s, variable, value) : s;
  }

  exit(node: TSESTree.ReturnStatement | FunctionNode, s: State, value: Value | undefined): void {
    const run = this.run;
    if (run.mode === 'inline') {
      run.returns.push(value ?? EMPTY);
      run.exits.push(s);
      return;
    }
    const settled = value ? settle(s, value.writes) : s;
    if (run.mode === 'summary') {
      run.returns.push(value ?? EMPTY);
      run.exits.push(settled);
      return;
    }
    const spec = run.implicit;
    if (!spec || settled.pending.size === 0) return;
    if (spec.returnsValue && !returnsValue(run.ctx, node)) return;
    if (spec.reportAtAssignment && settled.bodies.size > 0) {
      const first = [...settled.pending][0];
      for (const body of settled.bodies) {
        report(run, body, 'koaBodyBeforeWrite', { write: first.label, line: first.line }, suggestAwait(run, settled.pending));
      }
      return;
    }
    for (const w of settled.pending) {
      if (run.an.covered.has(w)) continue;
      report(run, leftPendingBy(run.fn, w.node), 'pendingAtImplicitAck', { handler: spec.label }, suggestAwait(run, [w]));
    }
  }

  private depth = 0;

  evaluate(node: Node, s: State): [State, Value] {
    if (this.depth > MAX_EXPRESSION_DEPTH) return [s, EMPTY];
    this.depth++;
    try {
      return this.evaluateNode(node, s);
    } finally {
      this.depth--;
    }
  }

  private evaluateNode(node: Node, s: State): [State, Value] {
    switch (node.type) {
      case 'TSAsExpression':
      case 'TSNonNullExpression':
      case 'TSSatisfiesExpression':
      case 'TSTypeAssertion':
      case 'TSInstantiationExpression':
      case 'ChainExpression':
        return this.evaluate(node.expression, s);
      case 'AwaitExpression': {
        const [after, value] = this.evaluate(node.argument, s);
        return [addAcks(settle(after, value.writes), value.acks), EMPTY];
      }
      case 'Identifier': {
        if (s.vars.size === 0) return [s, EMPTY];
        const variable = scopeIndex(this.run.ctx.file).variableOf(node);
        return [s, (variable && s.vars.get(variable)) || EMPTY];
      }
      case 'CallExpression':
        return this.call(node, s);
      case 'NewExpression':
        return this.construct(node, s);
      case 'TaggedTemplateExpression':
        return this.tagged(node, s);
      case 'AssignmentExpression':
        return this.assign(node, s);
      case 'LogicalExpression': {
        const [left, lv] = this.evaluate(node.left, s);
        const [right, rv] = this.evaluate(node.right, left);
        return [joinStates(left, right), joinValues(lv, rv)];
      }
      case 'ConditionalExpression': {
        const [test] = this.evaluate(node.test, s);
        const [a, av] = this.evaluate(node.consequent, test);
        const [b, bv] = this.evaluate(node.alternate, test);
        return [joinStates(a, b), joinValues(av, bv)];
      }
      case 'SequenceExpression': {
        let current = s;
        let value = EMPTY;
        for (const e of node.expressions) [current, value] = this.evaluate(e, current);
        return [current, value];
      }
      case 'ArrayExpression': {
        let current = s;
        let value = EMPTY;
        for (const el of node.elements) {
          if (!el) continue;
          const [next, v] = this.evaluate(el, current);
          current = next;
          value = joinValues(value, v);
        }
        return [current, value];
      }
      case 'ObjectExpression': {
        let current = s;
        let value = EMPTY;
        for (const prop of node.properties) {
          const target = prop.type === 'Property' ? prop.value : prop.argument;
          if (prop.type === 'Property' && prop.computed) current = this.evaluate(prop.key, current)[0];
          const [next, v] = this.evaluate(target, current);
          current = next;
          value = joinValues(value, v);
        }
        return [current, value];
      }
      case 'SpreadElement':
        return this.evaluate(node.argument, s);
      case 'TemplateLiteral': {
        let current = s;
        for (const e of node.expressions) current = this.evaluate(e, current)[0];
        return [current, EMPTY];
      }
      case 'MemberExpression': {
        const [after, value] = this.evaluate(node.object, s);
        if (node.computed) return [this.evaluate(node.property, after)[0], value];
        return [after, value];
      }
      case 'UnaryExpression':
      case 'UpdateExpression':
      case 'YieldExpression': {
        const arg = node.argument;
        return [arg ? this.evaluate(arg, s)[0] : s, EMPTY];
      }
      case 'BinaryExpression': {
        const [left] = this.evaluate(node.left, s);
        const [right] = this.evaluate(node.right, left);
        return [right, EMPTY];
      }
      default:
        return [s, EMPTY];
    }
  }

  private assign(node: TSESTree.AssignmentExpression, s: State): [State, Value] {
    const [after, value] = this.evaluate(node.right, s);
    const left = node.left;
    if (left.type === 'Identifier') {
      const variable = scopeIndex(this.run.ctx.file).variableOf(left);
      if (!variable) return [after, value];
      if (node.operator === '=') return [setVar(after, variable, value), value];
      return [after, value];
    }
    if (left.type === 'MemberExpression' && isBodyAssignment(this.run.ctx, node)) {
      return [{ ...after, bodies: union(after.bodies, new Set([node])) }, value];
    }
    return [after, value];
  }

  private call(node: TSESTree.CallExpression, s: State): [State, Value] {
    const run = this.run;
    const ctx = run.ctx;
    const member = calleeMember(node);
    const name = member ? propertyName(member) : undefined;
    if (member && name && THEN.has(name)) {
      const [after, value] = this.evaluate(member.object, s);
      return this.chain(node, value, after);
    }
    const t = traceOf(ctx, node);
    if (run.paramCalls && t.root.kind === 'param' && t.root.fn === run.owner) {
      const pc: ParamCall = { index: t.root.index, path: t.path, node, pendingBefore: [...s.pending][0] };
      run.paramCalls.push(pc);
      s = { ...s, paramCalls: union(s.paramCalls, new Set([pc])) };
    }
    if (matchTrace(ctx, t, 'deferral')) return this.defer(node, s);

    let current = s;
    let objectValue = EMPTY;
    if (member) {
      [current, objectValue] = this.evaluate(member.object, current);
      if (member.computed) current = this.evaluate(member.property, current)[0];
    }

    const [afterArgs, argValue, callbacks, fnRefs] = this.args(node, current);
    current = afterArgs;

    // A function of this file: its summary (what it writes, settles and acknowledges, also through the
    // arguments it is given), before the trace of what it returns is matched as if it were the call.
    const target = ctx.resolver.callee(ctx, node);
    let value: Value;
    if (target) {
      const before = current;
      [current, value] = this.helper(node, target.fn, target.ctx, current, argValue);
      if (callbacks.length === 0 && fnRefs.length === 0) return [current, value];
      // A callback the helper calls only once its own writes have completed (from their completion callbacks)
      // runs after them: `pushToDevice(device, fw, () => done(null))` where pushToDevice calls back from the
      // UPDATE's callback.
      const summary = this.summaryOf(target.fn, target.ctx);
      const fresh = [...current.pending].filter((w) => !before.pending.has(w));
      const settledFor = (cb: FunctionNode): readonly WriteRef[] => {
        const index = node.arguments.findIndex((arg) => arg === cb);
        return index >= 0 && callsBackAfterWrites(summary, index) ? fresh : [];
      };
      return this.callbacks(node, name, callbacks, fnRefs, current, value, settledFor);
    }

    if (isCallAck(ctx, node, run.an.options)) return [this.ack(current, node), EMPTY];
    if (isBestEffort(ctx, t)) return [current, EMPTY];

    const write = writeOf(run.an, ctx, node, t);
    if (write) {
      const isBody = write.entry.facts?.body === true;
      const hasCallback = !isBody && callbacks.length > 0;
      const ref = this.ref(node, labelOf(ctx, node), !hasCallback);
      if (hasCallback) {
        // Completion callbacks run once the write has completed: their own acks are after it; writes they
        // start are pending from here on.
        for (const cb of callbacks) current = this.mergeLater(current, this.inline(cb, current));
      }
      current = this.writeStarted(current, ref);
      if (write.entry.facts?.settles === 'sync') return [current, EMPTY];
      current = addPending(current, [ref]);
      // Writes handed to it settle with it: `prisma.$transaction([a.create(), b.update()])` runs its elements.
      return [current, hasCallback ? EMPTY : joinValues({ writes: [ref], acks: [] }, argValue)];
    }

    if (name && (name === 'push' || name === 'unshift') && member?.object.type === 'Identifier' && argValue !== EMPTY) {
      const variable = scopeIndex(ctx.file).variableOf(member.object);
      if (variable) current = setVar(current, variable, joinValues(current.vars.get(variable) ?? EMPTY, argValue));
      return [current, EMPTY];
    }

    return this.callbacks(node, name, callbacks, fnRefs, current, joinValues(objectValue, argValue));
  }

  /** Function arguments of a call that is neither an ack nor a write: run now (iteration) or under the callee's control. */
  private callbacks(
    node: TSESTree.CallExpression,
    name: string | undefined,
    callbacks: FunctionNode[],
    fnRefs: FunctionNode[],
    s: State,
    v: Value,
    settledFor?: (cb: FunctionNode) => readonly WriteRef[],
  ): [State, Value] {
    const ctx = this.run.ctx;
    let current = s;
    let value = v;
    if ((callbacks.length > 0 || fnRefs.length > 0) && !(name && SUBSCRIPTION.has(name))) {
      const iterates = name !== undefined && ITERATION.has(name);
      for (const fn of fnRefs) {
        // A local function passed by reference: its summary says what the call starts and holds.
        const summary = this.summaryOf(fn, ctx);
        if (!summary.performsWrite || registrationOf(ctx, fn)) continue;
        const ref = this.ref(node, summary.label, false);
        current = addPending(this.writeStarted(current, ref), [ref]);
        if (summary.held) value = joinValues(value, { writes: [ref], acks: [] });
      }
      for (const cb of callbacks) {
        if (registrationOf(ctx, cb)) continue;
        const start = settledFor ? settle(current, settledFor(cb)) : current;
        const result = this.inline(cb, start);
        if (iterates) {
          // Runs now (zero or more times): its effects join the current path. An async callback's promise
          // holds what it started.
          const held = cb.async ? [...new Set([...result.started, ...result.returned.writes])] : result.returned.writes;
          const after = addPending(result.exit ?? current, held);
          current = joinStates(current, this.leaveLoop(current, after));
          value = joinValues(value, { writes: held, acks: [] });
        } else {
          // Runs under the callee's control: what it starts is held by the call's result.
          const held = [...new Set([...result.started, ...result.returned.writes])];
          current = addPending(this.mergeLater(current, result, start), held);
          value = joinValues(value, { writes: held, acks: [] });
        }
      }
    }
    return [current, value];
  }

  /** Arguments in order: the state after them, the union of their values, and the function arguments. */
  private args(node: TSESTree.CallExpression | TSESTree.NewExpression, s: State): [State, Value, FunctionNode[], FunctionNode[]] {
    let current = s;
    let value = EMPTY;
    const callbacks: FunctionNode[] = [];
    const fnRefs: FunctionNode[] = [];
    for (const arg of node.arguments) {
      if (arg.type === 'ArrowFunctionExpression' || arg.type === 'FunctionExpression') {
        callbacks.push(arg);
        continue;
      }
      if (arg.type === 'Identifier' || arg.type === 'MemberExpression') {
        const t = traceOf(this.run.ctx, arg);
        if (t.root.kind === 'function' && t.path.length === 0) fnRefs.push(t.root.fn);
      }
      const [next, v] = this.evaluate(arg, current);
      current = next;
      value = joinValues(value, v);
    }
    return [current, value, callbacks, fnRefs];
  }

  private construct(node: TSESTree.NewExpression, s: State): [State, Value] {
    const ctx = this.run.ctx;
    const [afterArgs, argValue, callbacks] = this.args(node, s);
    const callee = node.callee;
    const isPromise = callee.type === 'Identifier' && callee.name === 'Promise' && traceOf(ctx, callee).root.kind === 'global';
    if (!isPromise || callbacks.length === 0) return [afterArgs, argValue];
    // The executor runs now; the promise settles when the work it started does.
    const result = this.inline(callbacks[0], afterArgs);
    const held = [...new Set([...result.started, ...result.returned.writes])];
    const exit = result.exit ?? afterArgs;
    return [addPending(exit, held), { writes: held, acks: [] }];
  }

  private tagged(node: TSESTree.TaggedTemplateExpression, s: State): [State, Value] {
    let current = s;
    for (const e of node.quasi.expressions) current = this.evaluate(e, current)[0];
    const ctx = this.run.ctx;
    const tagTrace = traceOf(ctx, node.tag);
    const t: Trace = { root: tagTrace.root, path: [...tagTrace.path, '()'] };
    const write = writeOf(this.run.an, ctx, node, t);
    if (!write) return [current, EMPTY];
    const ref = this.ref(node, labelOf(ctx, node), true);
    current = addPending(this.writeStarted(current, ref), [ref]);
    return [current, { writes: [ref], acks: [] }];
  }

  /** `p.then(cb)`, `p.catch(cb)`, `p.finally(cb)`: callbacks run after `p` settles. */
  private chain(node: TSESTree.CallExpression, value: Value, s: State): [State, Value] {
    let current = s;
    let out: Value = value;
    const isThen = calleeName(node) === 'then';
    const entry = settle(s, value.writes);
    for (const arg of node.arguments) {
      if (arg.type !== 'ArrowFunctionExpression' && arg.type !== 'FunctionExpression') {
        current = this.evaluate(arg, current)[0];
        const t = arg.type === 'Identifier' || arg.type === 'MemberExpression' ? traceOf(this.run.ctx, arg) : undefined;
        if (t?.root.kind === 'function' && t.path.length === 0) {
          const summary = this.summaryOf(t.root.fn, this.run.ctx);
          if (summary.performsWrite) {
            const ref = this.ref(node, summary.label, false);
            current = addPending(this.writeStarted(current, ref), [ref]);
            if (summary.held) out = joinValues(out, { writes: [ref], acks: [] });
          }
        }
        continue;
      }
      const result = this.inline(arg, entry);
      current = this.mergeLater(current, result, entry);
      const held = arg.async ? [...new Set([...result.started, ...result.returned.writes])] : result.returned.writes;
      current = addPending(current, held);
      const newAcks = isThen && result.exit ? [...result.exit.acks].filter((a) => !entry.acks.has(a)) : [];
      out = joinValues(out, { writes: held, acks: newAcks });
    }
    return [current, out];
  }

  /** `setImmediate(cb)`, `process.nextTick(cb)`, timers: what `cb` writes is pending from here on. */
  private defer(node: TSESTree.CallExpression, s: State): [State, Value] {
    let current = s;
    const deferred: WriteRef[] = [];
    for (const arg of node.arguments) {
      if (arg.type === 'ArrowFunctionExpression' || arg.type === 'FunctionExpression') {
        const result = this.inline(arg, current);
        if (result.started.length > 0) deferred.push(this.ref(node, result.started[0].label, false));
        continue;
      }
      current = this.evaluate(arg, current)[0];
      const t = traceOf(this.run.ctx, arg);
      if (t.root.kind === 'function' && t.path.length === 0) {
        const summary = this.summaryOf(t.root.fn, this.run.ctx);
        if (summary.performsWrite) {
          const ref = this.ref(node, summary.label, false);
          current = this.writeStarted(current, ref);
          deferred.push(ref);
        }
      }
    }
    return [addPending(current, deferred), EMPTY];
  }

  /** A call to a function of this file: its summary says what it writes, settles and acknowledges. */
  private helper(node: TSESTree.CallExpression, fn: FunctionNode, fnCtx: CheckContext, s: State, argValue: Value): [State, Value] {
    const summary = this.summaryOf(fn, fnCtx);
    // The helper's own order (its writes against its own acks) is its own analysis; here its writes meet the
    // caller's earlier acks, and its acks the caller's pending writes.
    let current = s;
    let value = argValue;
    const acks = [...summary.acks];
    let writeLabel = summary.performsWrite ? summary.label : undefined;
    for (const pc of summary.paramCalls) {
      // What a call on a parameter is depends on the argument: `res` of a route makes `res.json()` an ack.
      const arg = node.arguments.at(pc.index);
      if (!arg || arg.type === 'SpreadElement') continue;
      const argTrace = traceOf(this.run.ctx, arg);
      if (argTrace.root.kind !== 'module' && argTrace.root.kind !== 'role' && argTrace.root.kind !== 'global') continue;
      const t: Trace = { root: argTrace.root, path: [...argTrace.path, ...pc.path] };
      if (isTraceAck(fnCtx, pc.node, t)) {
        // Its order against the helper's own writes was recorded while summarizing.
        if (pc.pendingBefore) report(this.run, pc.node, 'ackBeforeWrite', { write: pc.pendingBefore.label, line: pc.pendingBefore.line });
        else if (pc.writeAfter && this.run.an.options.checkWritesAfterAck) report(this.run, pc.node, 'writeAfterAck', { write: pc.writeAfter.label, line: pc.writeAfter.line });
        acks.push(pc.node);
      }
      else if (!writeLabel && !isBestEffort(fnCtx, t) && writeOf(this.run.an, fnCtx, pc.node, t)) writeLabel = labelOf(fnCtx, pc.node);
    }
    for (const ack of acks) current = this.ack(current, ack, s);
    if (writeLabel !== undefined) {
      const viaParam = !summary.performsWrite;
      const held = summary.held || (viaParam && fn.async);
      const ref = this.ref(node, writeLabel, true);
      this.writeStarted(s, ref);
      if (held) {
        current = addPending(current, [ref]);
        value = joinValues(value, { writes: [ref], acks: [] });
      }
      if (summary.floating) current = addPending(current, [this.ref(node, writeLabel, false)]);
    }
    return [current, value];
  }

  private summaryOf(fn: FunctionNode, fnCtx: CheckContext): Summary {
    const an = this.run.an;
    return summarize(
      fnCtx,
      fn,
      'no-ack-before-durable-write',
      () => {
        const run = newRun(an, fnCtx, fn, 'summary', false);
        run.owner = fn;
        run.paramCalls = [];
        walkFunction(fn, START, new AckDomain(run));
        const performsWrite = run.started.length > 0;
        const returnsWrites = run.returns.some((v) => v.writes.length > 0);
        const acks = new Set<Node>();
        let floating = false;
        for (const exit of run.exits) {
          if (exit.pending.size > 0) floating = true;
          for (const a of exit.acks) acks.add(a);
        }
        return {
          performsWrite,
          label: run.started[0]?.label ?? '',
          held: performsWrite && (fn.async || returnsWrites),
          floating,
          acks: [...acks],
          paramCalls: run.paramCalls,
        };
      },
      NO_SUMMARY,
    );
  }

  /** Walks a callback from `entry` as part of this flow. */
  private inline(fn: FunctionNode, entry: State): { exit: State | undefined; returned: Value; started: WriteRef[] } {
    const run = newRun(this.run.an, this.run.ctx, fn, 'inline', this.run.sink);
    run.owner = this.run.owner;
    run.paramCalls = this.run.paramCalls;
    walkFunction(fn, entry, new AckDomain(run));
    let exit: State | undefined;
    for (const e of run.exits) exit = exit ? joinStates(exit, e) : e;
    let returned = EMPTY;
    for (const v of run.returns) returned = joinValues(returned, v);
    this.run.started.push(...run.started);
    return { exit, returned, started: run.started };
  }

  /** Adds to `s` the writes a callback (that runs later) left pending, relative to the state it started from. */
  private mergeLater(s: State, result: { exit: State | undefined }, entry: State = s): State {
    if (!result.exit) return s;
    const fresh: WriteRef[] = [];
    for (const w of result.exit.pending) if (!entry.pending.has(w)) fresh.push(w);
    return addPending(s, fresh);
  }

  private ref(node: Node, label: string, awaitable: boolean): WriteRef {
    return { node, label, line: node.loc.start.line, awaitable };
  }

  /** A durable write starts: after an ack on this path, that ack came too early. */
  private writeStarted(s: State, ref: WriteRef): State {
    const run = this.run;
    run.started.push(ref);
    for (const pc of s.paramCalls) pc.writeAfter ??= ref;
    if (run.an.options.checkWritesAfterAck && s.acks.size > 0) {
      for (const ack of s.acks) report(run, ack, 'writeAfterAck', { write: ref.label, line: ref.line });
      run.an.covered.add(ref);
    }
    return s;
  }

  /** A success ack: writes still pending make it premature. */
  private ack(s: State, node: Node, before: State = s): State {
    const run = this.run;
    if (before.pending.size > 0) {
      const first = [...before.pending][0];
      report(run, node, 'ackBeforeWrite', { write: first.label, line: first.line }, suggestAwait(run, before.pending));
      for (const w of before.pending) run.an.covered.add(w);
    }
    return addAcks(s, [node]);
  }
}

function returnsValue(ctx: CheckContext, node: TSESTree.ReturnStatement | FunctionNode): boolean {
  if (node.type !== 'ReturnStatement') return node.type === 'ArrowFunctionExpression' && node.body.type !== 'BlockStatement';
  const arg = node.argument;
  if (!arg) return false;
  if (arg.type === 'Identifier' && arg.name === 'undefined') return false;
  const root = traceOf(ctx, arg).root;
  return !(root.kind === 'role' && root.role === 'fastify.reply');
}

function report(run: Run, node: Node, messageId: AckMessageId, data: Record<string, string | number>, suggestions?: FindingSuggestion[]): void {
  if (!run.sink || run.an.findings.has(node)) return;
  // A helper of another file (analyzer): the finding belongs to that file.
  const home = run.an.ctx.resolver.contextOf?.(node)?.file.path;
  const file = home !== undefined && home !== run.an.ctx.file.path ? home : undefined;
  run.an.findings.set(node, {
    ruleId: RULE_ID,
    messageId,
    data,
    node,
    ...(file !== undefined ? { file } : {}),
    ...(suggestions && suggestions.length > 0 && file === undefined ? { suggestions } : {}),
  });
}

/**
 * Where the handler leaves a write pending: the write itself when the handler makes it, and otherwise (a write made
 * in a callback the handler runs, such as `Promise.all(lines.map((l) => db.insert(l)))`) the expression of the
 * handler's own statement that holds it, the un-awaited call.
 */
function leftPendingBy(handler: FunctionNode, write: Node): Node {
  if (enclosingFunction(write) === handler) return write;
  let current = write;
  for (let parent = parentOf(current); parent && parent !== handler; current = parent, parent = parentOf(parent)) {
    if ((parent.type === 'ExpressionStatement' || parent.type === 'VariableDeclarator' || parent.type === 'ReturnStatement') && enclosingFunction(parent) === handler) return current;
  }
  return write;
}

/**
 * Does a helper call its parameter `index` back only once its writes have completed (every call of it runs with
 * none of the helper's writes pending, as from a write's completion callback)?
 */
function callsBackAfterWrites(summary: Summary, index: number): boolean {
  if (!summary.performsWrite) return false;
  const calls = summary.paramCalls.filter((pc) => pc.index === index && pc.path.length === 1 && pc.path[0] === '()');
  return calls.length > 0 && calls.every((pc) => pc.pendingBefore === undefined);
}

/** "Await this write": offered when the write is a statement of its own in an async function of this flow. */
function suggestAwait(run: Run, pending: Iterable<WriteRef>): FindingSuggestion[] | undefined {
  for (const w of pending) {
    if (!w.awaitable || w.node.type !== 'CallExpression') continue;
    const fn = enclosingFunction(w.node);
    if (!fn || !fn.async) continue;
    let current: Node = w.node;
    for (;;) {
      const parent = parentOf(current);
      const grand = parent && parentOf(parent);
      if (parent?.type === 'MemberExpression' && parent.object === current && grand?.type === 'CallExpression' && grand.callee === parent) {
        const name = propertyName(parent);
        if (name && THEN.has(name)) break;
        current = grand;
        continue;
      }
      break;
    }
    if (parentOf(current)?.type !== 'ExpressionStatement') continue;
    return [{ messageId: 'awaitWrite', edits: [{ range: [current.range[0], current.range[0]], text: 'await ' }] }];
  }
  return undefined;
}

/** The parent of a node (undefined at the Program, which the AST types do not say). */
function parentOf(node: Node): Node | undefined {
  return node.parent;
}

function labelOf(ctx: CheckContext, node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): string {
  const callee = node.type === 'CallExpression' ? node.callee : node.tag;
  const text = ctx.file.text.slice(callee.range[0], callee.range[1]).replace(/\s+/g, '');
  const short = text.length > 48 ? `…${text.slice(-47)}` : text;
  return node.type === 'CallExpression' ? `${short}()` : `${short}\`…\``;
}
