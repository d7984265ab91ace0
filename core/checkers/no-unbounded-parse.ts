import type { TSESTree } from '@typescript-eslint/utils';
import type { Scope } from '@typescript-eslint/utils/ts-eslint';
import type { CatalogEntry } from '../catalog/types.js';
import { ruleExtension, withCatalog } from '../context.js';
import { behindGate, mayFind, vocabularyOf, type GateSpec } from '../gate.js';
import { candidateEntriesOf, entriesOf, matchNode, matchTrace } from '../match.js';
import { enclosingFunction, isRelativeModule, propertyName, registrationOf, specifierMatches, traceOf, unwrap, type Trace } from '../origin.js';
import type { FunctionRef } from '../resolver.js';
import { firstAtOrAfter } from '../ranges.js';
import { isGlobalVariable, scopeIndex } from '../scope.js';
import type { CallLike, CheckContext, Finding, FunctionNode, Node, TextEdit } from '../types.js';

/** Options of the no-unbounded-parse checker (the rule's options). */
export interface NoUnboundedParseOptions {
  /** An explicit body/read/message limit above this many bytes counts as no bound. */
  maxBodyBytes?: number;
  /** Treat queue payloads (kafkajs, amqplib, SQS, BullMQ, Pub/Sub, Lambda records) as hostile. */
  checkQueuePayloads?: boolean;
  /** Treat API Gateway `event.body` as hostile. */
  checkGatewayEvents?: boolean;
  /** Extra catalog entries (same shape as the built-in catalog). */
  catalog?: readonly CatalogEntry[];
}

export type NoUnboundedParseMessageId =
  | 'unboundedAccumulation'
  | 'unboundedRead'
  | 'unboundedFileRead'
  | 'unboundedParse'
  | 'uploadWithoutFileSize'
  | 'bodyLimitTooLarge'
  | 'socketWithoutMaxPayload'
  | 'addFileSizeLimit'
  | 'setBoundedLimit'
  | 'addMaxPayload';

export const RULE_ID = 'no-unbounded-parse';
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
/** A parameter count above this is no bound (`parameterLimit: Infinity` and the like). */
const MAX_PARAMETER_COUNT = 1_000_000;
/** What the upload suggestion proposes; the user picks the real number. */
const SUGGESTED_FILE_SIZE = '10 * 1024 * 1024';
const SUGGESTED_MAX_PAYLOAD = '1024 * 1024';
const MAX_FLOW_DEPTH = 8;
const MAX_CALLER_DEPTH = 4;

type Flow = 'parse' | 'escape' | undefined;

interface Settings {
  maxBodyBytes: number;
  payloadKinds: ReadonlySet<string>;
}

/**
 * The gate (core/gate.ts). Every finding is at a configured parser, upload parser or socket server; at a reader
 * of a whole stream or file; at a read of a hostile stream chunk by chunk (a `'data'` listener, a `read()` loop,
 * a `for await` loop) that keeps what it reads; and with the payload options, at a parse of a hostile payload.
 *
 * Configurations need no hostile input in the file (a parser's options are the finding), but a body parser is
 * reported only for a limit option it sets, and a reader bounded by default only for its limit option: one of
 * those names is written. A reader of a stream or file is reported only where hostile input reaches it, like a
 * chunk-by-chunk read.
 */
const SINKS: GateSpec = { roles: ['body-parser', 'upload-parser', 'socket-server', 'unbounded-reader'], frameworks: true, rolePaths: true, atEntry: sinkNeeds };
/**
 * Hostile input, with the payload options (queue and gateway payloads too): a source of the catalog. Those rooted
 * at a framework's value (a request, a message) need a framework that hands it out, and the names of their path.
 */
const ALL_SOURCES: GateSpec = { roles: ['hostile-source'], frameworks: true, rolePaths: true };
/** Hostile input that a read takes: a source of a stream or of a request field. */
const SOURCES: GateSpec = { ...ALL_SOURCES, atEntry: (entry) => READ_KINDS.has(kindOf(entry) ?? '') };
/**
 * What a read of hostile input is written with: a reader of a stream or file, or a chunk-by-chunk read (comments
 * may sit between `for` and `await`).
 */
const HOSTILE_READS: GateSpec = {
  roles: ['unbounded-reader'],
  words: ['read'],
  fragments: [`'data'|"data"|\`data\``, String.raw`for(?:\s|\/\*[\s\S]*?\*\/|\/\/[^\n]*\n)*await`],
  atEntry: (entry) => readsHostileInput(entry),
};

/** A reader that `checkReader` reports only for a hostile stream or a user-chosen file. */
function readsHostileInput(entry: CatalogEntry): boolean {
  const kind = readerKind(entry);
  return kind === 'file' || (kind !== 'receiver' && entry.facts?.defaultBounded !== true);
}

/** What an unbounded reader reads: a `stream` (the default), a `file`, or its `receiver` (a request's body). */
function readerKind(entry: CatalogEntry): string {
  return kindOf(entry) ?? 'stream';
}

/** What a finding at an entry of SINKS needs written besides the entry (see `checkBodyParser`, `checkReader`). */
function sinkNeeds(entry: CatalogEntry): boolean | readonly string[] {
  if (entry.role === 'body-parser') {
    const options = limitFacts(entry).map((fact) => fact.option);
    return options.length > 0 && options;
  }
  if (entry.role === 'upload-parser') {
    // Bounded by default: a finding needs the size option written; limits inherited from elsewhere: the limits option.
    const facts = entry.facts ?? {};
    if (facts.defaultBounded === true) return [typeof facts.sizeOption === 'string' ? facts.sizeOption : 'fileSize'];
    if (facts.limitsInherited === true) return [typeof facts.limitsOption === 'string' ? facts.limitsOption : 'limits'];
    return true;
  }
  if (entry.role !== 'unbounded-reader') return true;
  if (readsHostileInput(entry)) return false;
  const facts = entry.facts ?? {};
  if (readerKind(entry) === 'receiver') return true;
  // Bounded by default: reported only when its limit option is set too high.
  return typeof facts.limitOption === 'string' && [facts.limitOption];
}

/** Is the gate open for the file (also for tests)? */
export function unboundedParseGate(ctx: CheckContext, options: NoUnboundedParseOptions = {}): boolean {
  if (mayFind(ctx, vocabularyOf(ctx, SINKS))) return true;
  if (options.checkQueuePayloads === true || options.checkGatewayEvents === true) return mayFind(ctx, vocabularyOf(ctx, ALL_SOURCES));
  // The reads first: most files have none.
  return mayFind(ctx, vocabularyOf(ctx, HOSTILE_READS)) && mayFind(ctx, vocabularyOf(ctx, SOURCES));
}

/** The checker: every unbounded read, accumulation or configuration of hostile input in the file. */
export function checkNoUnboundedParse(base: CheckContext, options: NoUnboundedParseOptions = {}): Finding[] {
  const ctx = withCatalog(base, ruleExtension(options, () => (options.catalog && options.catalog.length > 0 ? { entries: options.catalog } : undefined)));
  return behindGate(RULE_ID, ctx, unboundedParseGate(ctx, options), () => checkFile(ctx, options));
}

function checkFile(ctx: CheckContext, options: NoUnboundedParseOptions): Finding[] {
  const payloadKinds = new Set<string>();
  if (options.checkQueuePayloads) payloadKinds.add('queue-payload');
  if (options.checkGatewayEvents) payloadKinds.add('gateway-payload');
  const settings: Settings = { maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, payloadKinds };
  const findings: Finding[] = [];
  const reported = new Set<Node>();
  const report = (finding: Omit<Finding, 'ruleId'> | undefined): void => {
    if (!finding || reported.has(finding.node)) return;
    reported.add(finding.node);
    findings.push({ ruleId: RULE_ID, ...finding });
  };

  // The analyzer's resolver reaches functions of other files: a hostile stream passed to one is read there,
  // and reported there (at the read), not again at the call that reaches it.
  // Within one file (no `contextOf`) every callee is of this file: nothing to look for.
  const foreign = new Map<TSESTree.CallExpression, readonly Omit<Finding, 'ruleId'>[]>();
  if (ctx.resolver.contextOf) {
    for (const call of ctx.index.calls) {
      const found = checkForeignCallee(ctx, call, settings);
      if (found.length > 0) foreign.set(call, found);
    }
  }
  const dataListeners: DataListener[] = [];
  for (const call of ctx.index.calls) {
    report(checkConfiguration(ctx, call, settings));
    if (!foreign.has(call)) report(checkReader(ctx, call, settings));
    const listener = dataListenerOf(ctx, call);
    if (listener) dataListeners.push(listener);
    report(checkReadLoop(ctx, call));
    const pushed = boundPushTarget(ctx, call);
    if (pushed) report(accumulationFinding(ctx, [{ node: call, target: pushed.target }], call, pushed.source));
    if (payloadKinds.size > 0) report(checkPayloadParse(ctx, call, settings));
  }
  for (const created of ctx.index.news) report(checkConfiguration(ctx, created, settings));
  for (const listener of dataListeners) report(checkDataListener(ctx, listener, dataListeners));
  for (const loop of forAwaitLoops(ctx)) report(checkForAwait(ctx, loop));
  for (const found of foreign.values()) for (const finding of found) report(finding);
  return findings;
}

/** Findings inside a function of another file that this call hands a hostile stream or request field. */
const NO_FINDINGS: readonly Omit<Finding, 'ruleId'>[] = Object.freeze([]);

function checkForeignCallee(ctx: CheckContext, call: TSESTree.CallExpression, settings: Settings): readonly Omit<Finding, 'ruleId'>[] {
  const ref = calleeRef(ctx, call);
  if (!ref || ref.ctx.file === ctx.file) return NO_FINDINGS;
  const target = ref.ctx;
  const assumed = new Map<number, Assumed>();
  call.arguments.forEach((arg, index) => {
    if (arg.type === 'SpreadElement') return;
    const t = traceOf(ctx, arg);
    // A framework-provided value (a request, a context) is assumed as what it is: the catalog decides what
    // of it is hostile when it is read in the other file.
    if (t.root.kind === 'role' || hostileEntryOfTrace(ctx, t, STREAM_OR_INPUT, 0) || hostileStream(ctx, arg)) {
      assumed.set(index, { trace: t });
      return;
    }
    // A value built from a request field (a path joined from a query parameter) is user input there.
    const input = userInputIn(ctx, arg, 0);
    if (input) assumed.set(index, { trace: t, input });
  });
  if (assumed.size === 0 || assumedParams.has(ref.fn)) return NO_FINDINGS;
  assumedParams.set(ref.fn, assumed);
  assuming++;
  const out: Omit<Finding, 'ruleId'>[] = [];
  try {
    const inside = (node: Node) => within(node, ref.fn);
    const listeners: DataListener[] = [];
    const limited = isBodyLimited(ctx, call);
    for (const c of target.index.calls) {
      if (!inside(c)) continue;
      const reader = checkReader(target, c, settings, limited);
      if (reader) out.push(reader);
      const listener = dataListenerOf(target, c);
      if (listener) listeners.push(listener);
    }
    for (const listener of listeners) {
      const finding = checkDataListener(target, listener, listeners);
      if (finding) out.push(finding);
    }
    for (const loop of forAwaitLoops(target)) {
      if (!inside(loop)) continue;
      const finding = checkForAwait(target, loop);
      if (finding) out.push(finding);
    }
  } finally {
    assumedParams.delete(ref.fn);
    assuming--;
  }
  return out.map((finding) => ({ ...finding, file: target.file.path }));
}

/**
 * The function a call reaches (`ctx.resolver.callee`), and also a CommonJS module that exports one function
 * (`const collect = require('./collect'); collect(req)` with `module.exports = collect` in the other file).
 */
function calleeRef(ctx: CheckContext, call: CallLike): FunctionRef | undefined {
  const ref = ctx.resolver.callee(ctx, call);
  if (ref || !ctx.resolver.importTarget) return ref;
  const t = traceOf(ctx, call.callee);
  if (t.root.kind !== 'module' || t.path.length !== 0 || !isRelativeModule(t.root.module)) return undefined;
  const exported = ctx.resolver.importTarget(ctx, t.root.module, 'default');
  if (!exported || exported.root.kind !== 'function' || exported.path.length !== 0) return undefined;
  return { fn: exported.root.fn, ctx: ctx.resolver.contextOf?.(exported.root.fn) ?? ctx };
}

/** What a parameter is assumed to be while a function of another file is analyzed for one call. */
interface Assumed {
  /** The trace of the argument in the calling file. */
  trace: Trace;
  /** The request field the argument is built from, when the argument's own trace is not one. */
  input?: CatalogEntry;
}

/** A trace rooted at an assumed parameter, rewritten onto the argument's trace (else undefined). */
function assumedTrace(t: Trace): Trace | undefined {
  if (t.root.kind !== 'param') return undefined;
  const assumed = assumedParams.get(t.root.fn)?.get(t.root.index);
  return assumed ? { root: assumed.trace.root, path: [...assumed.trace.path, ...t.path] } : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Hostile values

function kindOf(entry: CatalogEntry): string | undefined {
  const kind = entry.facts?.kind;
  return typeof kind === 'string' ? kind : undefined;
}

function labelOf(entry: CatalogEntry): string {
  const label = entry.facts?.label;
  return typeof label === 'string' ? label : 'untrusted input';
}

/** The hostile-source entry (of one of `kinds`) a trace matches, following same-file callers of parameters. */
function hostileEntryOfTrace(ctx: CheckContext, t: Trace, kinds: ReadonlySet<string>, depth: number): CatalogEntry | undefined {
  for (const entry of candidateEntriesOf(ctx, 'hostile-source', t)) {
    const kind = kindOf(entry);
    if (kind !== undefined && kinds.has(kind) && specifierMatches(entry.target, t)) return entry;
  }
  if (t.root.kind === 'param' && depth < MAX_CALLER_DEPTH) {
    const { fn, index } = t.root;
    const assumed = assumedParams.get(fn)?.get(index);
    if (assumed) {
      const found = hostileEntryOfTrace(ctx, { root: assumed.trace.root, path: [...assumed.trace.path, ...t.path] }, kinds, depth + 1);
      if (found) return found;
      const input = assumed.input;
      if (input && kindOf(input) !== undefined && kinds.has(kindOf(input) as string)) return input;
    }
    for (const call of callersOf(ctx, fn)) {
      const arg = call.arguments.at(index);
      if (!arg || arg.type === 'SpreadElement') continue;
      const at = traceOf(ctx, arg);
      const found = hostileEntryOfTrace(ctx, { root: at.root, path: [...at.path, ...t.path] }, kinds, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

const STREAM = new Set(['stream']);
/** The kinds of hostile input a read without the payload options can take (a stream, or a path from a request). */
const READ_KINDS = new Set(['stream', 'user-input']);
const USER_INPUT = new Set(['user-input']);
const STREAM_OR_INPUT = new Set(['stream', 'user-input']);

/**
 * Parameters of a function in another file that a call being analyzed passes hostile values to (analyzer
 * only): parameter index -> the trace of the argument in the calling file.
 */
const assumedParams = new WeakMap<FunctionNode, Map<number, Assumed>>();
/** How many functions of other files are being analyzed with assumed parameters right now. */
let assuming = 0;

/** The source whose stream `node` is: its chunks (`[]`, an element read by iteration) match a `stream` entry. */
function hostileStream(ctx: CheckContext, node: Node): CatalogEntry | undefined {
  const t = traceOf(ctx, node);
  const param = t.root.kind === 'param' ? undefined : declaredParameter(ctx, node);
  const found = hostileEntryOfTrace(ctx, { root: t.root, path: [...t.path, '[]'] }, STREAM, 0);
  if (found && typeof found.facts?.pathArg === 'number') {
    // A file stream is hostile only when the request chose its path.
    const opener = openerCall(ctx, node);
    const path = opener?.arguments.at(found.facts.pathArg);
    return path && path.type !== 'SpreadElement' && userInputIn(ctx, path, 0) ? found : undefined;
  }
  if (found) {
    // Typed `IncomingMessage` but only ever handed outbound responses by its callers in the file: not client input.
    if (param && t.root.kind === 'role' && isTypeRole(ctx, t.root.framework) && onlyGetsResponses(ctx, param.fn, param.index)) return undefined;
    return found;
  }
  // A parameter declared with a generic type (`stream: Readable`) is what its same-file callers pass.
  if (!param) return undefined;
  return hostileEntryOfTrace(ctx, { root: { kind: 'param', fn: param.fn, index: param.index }, path: ['[]'] }, STREAM, 0);
}

/** The call that created a value: the expression itself, or the initializer of the `const` holding it. */
function openerCall(ctx: CheckContext, node: Node): TSESTree.CallExpression | undefined {
  let current = unwrap(node);
  for (let hops = 0; hops < 3 && current.type === 'Identifier'; hops++) {
    const init = initializerOf(ctx, current);
    if (!init) return undefined;
    current = unwrap(init);
  }
  return current.type === 'CallExpression' ? current : undefined;
}

/** The function and index of the parameter an identifier names, if it does. */
function declaredParameter(ctx: CheckContext, node: Node): { fn: FunctionNode; index: number } | undefined {
  const inner = unwrap(node);
  if (inner.type !== 'Identifier') return undefined;
  const def = variableOf(ctx, inner)?.defs.at(0);
  if (def?.type !== 'Parameter' || !isFunction(def.node)) return undefined;
  const fn = def.node;
  const index = fn.params.findIndex((p) => p === def.name || (p.type === 'AssignmentPattern' && p.left === def.name));
  return index < 0 ? undefined : { fn, index };
}

function isTypeRole(ctx: CheckContext, id: string): boolean {
  return ctx.catalog.types.some((t) => t.id === id);
}

/** Every same-file caller passes this parameter an outbound HTTP response (and there is at least one). */
function onlyGetsResponses(ctx: CheckContext, fn: FunctionNode, index: number): boolean {
  const callers = callersOf(ctx, fn);
  return (
    callers.length > 0 &&
    callers.every((call) => {
      const arg = call.arguments.at(index);
      if (!arg || arg.type === 'SpreadElement') return false;
      const root = traceOf(ctx, arg).root;
      return root.kind === 'role' && root.role === 'http.client-response';
    })
  );
}

const callerMaps = new WeakMap<object, Map<FunctionNode, CallLike[]>>();

/** Same-file calls that reach `fn` (built once per file). */
function callersOf(ctx: CheckContext, fn: FunctionNode): readonly CallLike[] {
  let map = callerMaps.get(ctx.index);
  if (!map) {
    map = new Map();
    for (const call of [...ctx.index.calls, ...ctx.index.news]) {
      const ref = ctx.resolver.callee(ctx, call);
      if (!ref || ref.ctx.file !== ctx.file) continue;
      const list = map.get(ref.fn) ?? [];
      list.push(call);
      map.set(ref.fn, list);
    }
    callerMaps.set(ctx.index, map);
  }
  return map.get(fn) ?? [];
}

// ---------------------------------------------------------------------------------------------------------
// Small AST helpers

function isFunction(node: Node | undefined): node is FunctionNode {
  return node !== undefined && (node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression' || node.type === 'FunctionDeclaration');
}

function within(node: Node, outer: Node): boolean {
  return node.range[0] >= outer.range[0] && node.range[1] <= outer.range[1];
}

function textOf(ctx: CheckContext, node: Node): string {
  const text = ctx.file.text.slice(node.range[0], node.range[1]).replace(/\s+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function calleeText(ctx: CheckContext, call: CallLike): string {
  return (call.type === 'NewExpression' ? 'new ' : '') + textOf(ctx, call.callee);
}

/** The function a callback argument is: an inline function, or a reference to a same-file function. */
function functionOf(ctx: CheckContext, node: Node | undefined): FunctionNode | undefined {
  if (!node) return undefined;
  const inner = unwrap(node);
  if (isFunction(inner)) return inner;
  const t = traceOf(ctx, inner);
  return t.root.kind === 'function' && t.path.length === 0 ? t.root.fn : undefined;
}

function variableOf(ctx: CheckContext, id: TSESTree.Identifier): Scope.Variable | undefined {
  const variable = scopeIndex(ctx.file).variableOf(id);
  return variable && !isGlobalVariable(variable) ? variable : undefined;
}

function isGlobalName(ctx: CheckContext, id: TSESTree.Identifier, name: string): boolean {
  return id.name === name && isGlobalVariable(scopeIndex(ctx.file).variableOf(id));
}

/** The initializer of a variable declared once (`const x = ...`), if any. */
function initializerOf(ctx: CheckContext, id: TSESTree.Identifier): Node | undefined {
  const variable = variableOf(ctx, id);
  const def = variable?.defs[0];
  if (!variable || !def || def.type !== 'Variable' || variable.defs.length !== 1) return undefined;
  const declarator = def.node;
  if (declarator.id.type !== 'Identifier' || !declarator.init) return undefined;
  const writes = variable.references.filter((r) => r.isWrite() && r.identifier !== declarator.id);
  return writes.length === 0 ? declarator.init : undefined;
}

/** Visits the nodes under `root` (not inside nested functions unless `intoFunctions`); stops when `visit` returns true. */
function someNode(ctx: CheckContext, root: Node, visit: (node: Node) => boolean, intoFunctions = false): boolean {
  const keys = ctx.file.visitorKeys;
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (visit(node)) return true;
    if (!intoFunctions && node !== root && isFunction(node)) continue;
    for (const key of keys[node.type] ?? []) {
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const child of value) if (child && typeof (child as Node).type === 'string') stack.push(child as Node);
      } else if (value && typeof (value as Node).type === 'string') stack.push(value as Node);
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------
// Constant evaluation of size options

type SizeValue = { kind: 'number'; value: number } | { kind: 'invalid' } | { kind: 'unset' } | { kind: 'object'; node: TSESTree.ObjectExpression };

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4, pb: 1024 ** 5 };

/** The `bytes` package's parse (what body-parser, raw-body and co-body use). */
function parseBytes(text: string): SizeValue {
  if (text === '') return { kind: 'unset' };
  const m = /^\s*((?:-|\+)?\d+(?:\.\d+)?)\s*(b|kb|mb|gb|tb|pb)?\s*$/i.exec(text);
  if (!m) return { kind: 'invalid' };
  return { kind: 'number', value: Math.floor(Number(m[1]) * UNITS[(m.at(2) ?? 'b').toLowerCase()]) };
}

/** Evaluates a size option; undefined when it cannot be known (a parameter, an env variable). */
function evalSize(ctx: CheckContext, raw: Node, depth = 0): SizeValue | undefined {
  if (depth > 6) return undefined;
  const node = unwrap(raw);
  switch (node.type) {
    case 'Literal':
      if (typeof node.value === 'number') return { kind: 'number', value: node.value };
      if (typeof node.value === 'string') return parseBytes(node.value);
      if (node.value === null || node.value === false) return { kind: 'unset' };
      if (typeof node.value === 'boolean') return { kind: 'invalid' };
      return undefined;
    case 'TemplateLiteral':
      return node.expressions.length === 0 ? parseBytes(node.quasis[0].value.cooked ?? '') : undefined;
    case 'ObjectExpression':
      return { kind: 'object', node };
    case 'Identifier': {
      if (isGlobalName(ctx, node, 'Infinity')) return { kind: 'number', value: Infinity };
      if (isGlobalName(ctx, node, 'undefined')) return { kind: 'unset' };
      if (isGlobalName(ctx, node, 'NaN')) return { kind: 'invalid' };
      const init = initializerOf(ctx, node);
      return init ? evalSize(ctx, init, depth + 1) : undefined;
    }
    case 'MemberExpression': {
      const t = traceOf(ctx, node);
      if (t.root.kind === 'global' && t.root.name === 'Number' && t.path.length === 1) {
        const name = t.path[0];
        if (name === 'POSITIVE_INFINITY') return { kind: 'number', value: Infinity };
        if (name === 'MAX_SAFE_INTEGER') return { kind: 'number', value: Number.MAX_SAFE_INTEGER };
        if (name === 'MAX_VALUE') return { kind: 'number', value: Number.MAX_VALUE };
      }
      return undefined;
    }
    case 'UnaryExpression': {
      const v = evalSize(ctx, node.argument, depth + 1);
      if (v?.kind !== 'number') return undefined;
      if (node.operator === '-') return { kind: 'number', value: -v.value };
      if (node.operator === '+') return v;
      return undefined;
    }
    case 'BinaryExpression': {
      if (node.left.type === 'PrivateIdentifier') return undefined;
      const a = evalSize(ctx, node.left, depth + 1);
      const b = evalSize(ctx, node.right, depth + 1);
      if (a?.kind !== 'number' || b?.kind !== 'number') return undefined;
      switch (node.operator) {
        case '*':
          return { kind: 'number', value: a.value * b.value };
        case '+':
          return { kind: 'number', value: a.value + b.value };
        case '-':
          return { kind: 'number', value: a.value - b.value };
        case '/':
          return { kind: 'number', value: a.value / b.value };
        case '**':
          return { kind: 'number', value: a.value ** b.value };
        case '<<':
          return { kind: 'number', value: a.value << b.value };
        default:
          return undefined;
      }
    }
    case 'CallExpression': {
      // bytes('50mb') / bytes.parse('50mb')
      const t = traceOf(ctx, node);
      if (t.root.kind === 'module' && t.root.module === 'bytes' && node.arguments[0]) {
        const arg = evalSize(ctx, node.arguments[0], depth + 1);
        return arg?.kind === 'number' || arg?.kind === 'invalid' ? arg : undefined;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return 'Infinity';
  if (n >= 1024 ** 2 && n % 1024 ** 2 === 0) return `${n / 1024 ** 2} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

/** An object literal an options argument is (inline, or a `const` holding one). */
function resolveObject(ctx: CheckContext, raw: Node | undefined, depth = 0): TSESTree.ObjectExpression | undefined {
  if (!raw || depth > 4) return undefined;
  const node = unwrap(raw);
  if (node.type === 'ObjectExpression') return node;
  if (node.type === 'Identifier') {
    const init = initializerOf(ctx, node);
    return init ? resolveObject(ctx, init, depth + 1) : undefined;
  }
  return undefined;
}

type Lookup = { kind: 'found'; property: TSESTree.Property } | { kind: 'missing' } | { kind: 'unknown' };

/** A property of an object literal, through spreads of other literals; `unknown` when a spread cannot be read. */
function lookup(ctx: CheckContext, obj: TSESTree.ObjectExpression, name: string, depth = 0): Lookup {
  let unknown = false;
  for (let i = obj.properties.length - 1; i >= 0; i--) {
    const prop = obj.properties[i];
    if (prop.type === 'SpreadElement') {
      const inner = resolveObject(ctx, prop.argument);
      if (!inner || depth > 3) {
        unknown = true;
        continue;
      }
      const found = lookup(ctx, inner, name, depth + 1);
      if (found.kind === 'found') return found;
      if (found.kind === 'unknown') unknown = true;
      continue;
    }
    if (prop.computed && propertyName(prop) === undefined) {
      unknown = true;
      continue;
    }
    if (propertyName(prop) === name) return { kind: 'found', property: prop };
  }
  return unknown ? { kind: 'unknown' } : { kind: 'missing' };
}

/** Edit that adds `key: value` to an object literal. */
function addPropertyEdit(obj: TSESTree.ObjectExpression, text: string): TextEdit {
  const last = obj.properties.at(-1);
  if (last) return { range: [last.range[1], last.range[1]], text: `, ${text}` };
  return { range: [obj.range[0], obj.range[1]], text: `{ ${text} }` };
}

function optionsArgument(ctx: CheckContext, call: CallLike, which: unknown): { present: boolean; node: Node | undefined } {
  if (which === 'last') {
    for (let i = call.arguments.length - 1; i >= 0; i--) {
      const arg = call.arguments[i];
      if (arg.type !== 'SpreadElement' && resolveObject(ctx, arg)) return { present: true, node: arg };
    }
    return { present: false, node: undefined };
  }
  const index = typeof which === 'number' ? which : 0;
  const arg = call.arguments.at(index);
  if (!arg) return { present: false, node: undefined };
  if (arg.type === 'SpreadElement') return { present: true, node: undefined };
  return { present: true, node: arg };
}

// ---------------------------------------------------------------------------------------------------------
// Configuration calls: upload parsers, body parsers, socket servers

function checkConfiguration(ctx: CheckContext, call: CallLike, settings: Settings): Omit<Finding, 'ruleId'> | undefined {
  const upload = matchNode(ctx, call, 'upload-parser');
  if (upload) return checkUploadParser(ctx, call, upload);
  const parser = matchNode(ctx, call, 'body-parser');
  if (parser) return checkBodyParser(ctx, call, parser, settings);
  const socket = matchNode(ctx, call, 'socket-server');
  if (socket) return checkSocketServer(ctx, call, socket, settings);
  return undefined;
}

function checkUploadParser(ctx: CheckContext, call: CallLike, entry: CatalogEntry): Omit<Finding, 'ruleId'> | undefined {
  const facts = entry.facts ?? {};
  // `limitsOption: false`: the size is an option of its own (`maxFileSize`), not one inside `limits`.
  const limitsName = facts.limitsOption === false ? undefined : typeof facts.limitsOption === 'string' ? facts.limitsOption : 'limits';
  const sizeName = typeof facts.sizeOption === 'string' ? facts.sizeOption : 'fileSize';
  const option = limitsName === undefined ? sizeName : `${limitsName}.${sizeName}`;
  /** `{ limits: { fileSize: N } }`, or `{ maxFileSize: N }`, without its outer braces. */
  const sized = limitsName === undefined ? `${sizeName}: ${SUGGESTED_FILE_SIZE}` : `${limitsName}: { ${sizeName}: ${SUGGESTED_FILE_SIZE} }`;
  const finding = (edits: TextEdit[] | undefined): Omit<Finding, 'ruleId'> => ({
    messageId: 'uploadWithoutFileSize',
    data: { name: calleeText(ctx, call), option },
    node: call,
    suggestions: edits ? [{ messageId: 'addFileSizeLimit', data: { option }, edits }] : undefined,
  });
  const { present, node } = optionsArgument(ctx, call, facts.optionsArg);
  // Nothing to report where the option is left out: limits that may come from elsewhere (`limitsInherited`:
  // NestJS's MulterModule) or a library bounded by default (`defaultBounded`: formidable) are judged where written.
  const absentIsBounded = facts.limitsInherited === true || facts.defaultBounded === true;
  if (!present) {
    if (absentIsBounded) return undefined;
    const close = call.range[1] - 1;
    const emptyParens = call.arguments.length === 0 && ctx.file.text[close] === ')' && ctx.file.text.slice(call.callee.range[1], close).trim() === '(';
    return finding(emptyParens ? [{ range: [close, close], text: `{ ${sized} }` }] : undefined);
  }
  const options = resolveObject(ctx, node);
  if (!options) return undefined;
  let holder = options;
  if (limitsName !== undefined) {
    const limits = lookup(ctx, options, limitsName);
    if (limits.kind === 'unknown') return undefined;
    if (limits.kind === 'missing') return absentIsBounded ? undefined : finding([addPropertyEdit(options, sized)]);
    const value = limits.property.value;
    const limitsObject = resolveObject(ctx, value);
    if (!limitsObject) {
      // Not an object literal: multer and busboy ignore a `limits` that is not an object.
      const v = evalSize(ctx, value);
      if (v === undefined || v.kind === 'object') return undefined;
      return finding([{ range: value.range, text: `{ ${sizeName}: ${ctx.file.text.slice(value.range[0], value.range[1])} }` }]);
    }
    holder = limitsObject;
  }
  const size = lookup(ctx, holder, sizeName);
  if (size.kind === 'unknown') return undefined;
  if (size.kind === 'missing') return facts.defaultBounded === true ? undefined : finding([addPropertyEdit(holder, `${sizeName}: ${SUGGESTED_FILE_SIZE}`)]);
  const v = evalSize(ctx, size.property.value);
  if (v === undefined) return undefined;
  if (v.kind === 'number' && Number.isFinite(v.value)) return undefined;
  return finding([{ range: size.property.value.range, text: SUGGESTED_FILE_SIZE }]);
}

interface LimitFact {
  option: string;
  default: string;
  kind: string;
}

function limitFacts(entry: CatalogEntry): LimitFact[] {
  const limits = entry.facts?.limits;
  if (!Array.isArray(limits)) return [];
  return limits.filter((l): l is LimitFact => typeof l === 'object' && l !== null && typeof (l as LimitFact).option === 'string');
}

/** Is a size value no bound: Infinity, above the maximum, or not something the library accepts? */
function isHugeSize(v: SizeValue | undefined, kind: string, max: number): boolean {
  if (!v) return false;
  if (v.kind === 'invalid') return kind !== 'count';
  if (v.kind !== 'number') return false;
  if (kind === 'count') return !Number.isFinite(v.value) || v.value > MAX_PARAMETER_COUNT;
  return !Number.isFinite(v.value) || v.value > max;
}

function checkBodyParser(ctx: CheckContext, call: CallLike, entry: CatalogEntry, settings: Settings): Omit<Finding, 'ruleId'> | undefined {
  const { present, node } = optionsArgument(ctx, call, entry.facts?.optionsArg);
  if (!present) return undefined;
  const options = resolveObject(ctx, node);
  if (!options) return undefined;
  const offending: { fact: LimitFact; property: TSESTree.Property }[] = [];
  for (const fact of limitFacts(entry)) {
    const found = lookup(ctx, options, fact.option);
    if (found.kind !== 'found') continue;
    if (isHugeSize(evalSize(ctx, found.property.value), fact.kind, settings.maxBodyBytes)) offending.push({ fact, property: found.property });
  }
  if (offending.length === 0) return undefined;
  const first = offending[0];
  return {
    messageId: 'bodyLimitTooLarge',
    data: {
      name: calleeText(ctx, call),
      option: first.fact.option,
      value: textOf(ctx, first.property.value),
      max: first.fact.kind === 'count' ? `${MAX_PARAMETER_COUNT} parameters` : formatBytes(settings.maxBodyBytes),
      default: first.fact.default,
    },
    node: call,
    suggestions: [
      {
        messageId: 'setBoundedLimit',
        data: { option: first.fact.option, value: first.fact.default },
        edits: offending.map((o) => ({ range: o.property.value.range, text: o.fact.default })),
      },
    ],
  };
}

function checkSocketServer(ctx: CheckContext, call: CallLike, entry: CatalogEntry, settings: Settings): Omit<Finding, 'ruleId'> | undefined {
  const facts = entry.facts ?? {};
  const option = typeof facts.limitOption === 'string' ? facts.limitOption : 'maxPayload';
  const suggested = typeof facts.suggested === 'string' ? facts.suggested : SUGGESTED_MAX_PAYLOAD;
  const { present, node } = optionsArgument(ctx, call, facts.optionsArg);
  if (!present) return undefined;
  const options = resolveObject(ctx, node);
  if (!options) return undefined;
  const found = lookup(ctx, options, option);
  if (found.kind === 'unknown') return undefined;
  const finding = (problem: string, edit: TextEdit): Omit<Finding, 'ruleId'> => ({
    messageId: 'socketWithoutMaxPayload',
    data: { name: calleeText(ctx, call), option, problem },
    node: call,
    suggestions: [{ messageId: 'addMaxPayload', data: { option, value: suggested }, edits: [edit] }],
  });
  if (found.kind === 'missing') return finding(`has no \`${option}\``, addPropertyEdit(options, `${option}: ${suggested}`));
  const value = found.property.value;
  const v = evalSize(ctx, value);
  if (v === undefined || v.kind === 'object') return undefined;
  const edit: TextEdit = { range: value.range, text: suggested };
  if (v.kind === 'unset' || v.kind === 'invalid') return finding(`sets \`${option}\` to a value that turns the limit off`, edit);
  if (v.value === 0 && facts.zeroIsUnlimited === true) return finding(`sets \`${option}\` to 0, which turns the limit off`, edit);
  if (!Number.isFinite(v.value) || v.value > settings.maxBodyBytes) return finding(`sets \`${option}\` above ${formatBytes(settings.maxBodyBytes)}`, edit);
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Whole readers: stream/consumers, fetch-style bodies, raw-body, get-stream, user-chosen files

/** `callSiteLimited`: analysing a function of another file for a call whose route has a body-limit middleware. */
function checkReader(ctx: CheckContext, call: TSESTree.CallExpression, settings: Settings, callSiteLimited = false): Omit<Finding, 'ruleId'> | undefined {
  const entry = matchNode(ctx, call, 'unbounded-reader') ?? assumedReader(ctx, call);
  if (!entry) return undefined;
  const facts = entry.facts ?? {};
  const kind = readerKind(entry);
  const reader = textOf(ctx, call.callee);
  if (kind === 'file') return checkFileRead(ctx, call, entry, reader);
  if (kind === 'receiver') {
    if (facts.fetchStyle === true && (callSiteLimited || isBodyLimited(ctx, call))) return undefined;
    return { messageId: 'unboundedRead', data: { reader, source: 'the request body' }, node: call };
  }
  const streamArg = typeof facts.streamArg === 'number' ? facts.streamArg : 0;
  const arg = call.arguments.at(streamArg);
  if (!arg || arg.type === 'SpreadElement') return undefined;
  const defaultBounded = facts.defaultBounded === true;
  let source: CatalogEntry | undefined;
  if (!defaultBounded) {
    source = hostileStream(ctx, arg);
    if (!source) return undefined;
  }
  if (source && typeof source.facts?.pathArg === 'number') {
    // A whole read of a user-chosen file: reported when the content is parsed, like `readFile`.
    if (facts.parses !== true && flowOf(ctx, call, { depth: 0, seen: new Set(), returnsEscape: false }) !== 'parse') return undefined;
    return { messageId: 'unboundedFileRead', data: { reader, source: 'a request field' }, node: call };
  }
  if (typeof facts.limitOption === 'string') {
    const limit = readerLimit(ctx, call, facts.optionsArg ?? 1, facts.limitOption);
    if (limit === 'unknown') return undefined;
    if (limit === 'absent' || limit.kind === 'unset') {
      if (defaultBounded) return undefined;
    } else if (!isHugeSize(limit, 'bytes', settings.maxBodyBytes)) {
      return undefined;
    }
  } else if (defaultBounded) {
    return undefined;
  }
  return { messageId: 'unboundedRead', data: { reader, source: source ? labelOf(source) : 'the request body' }, node: call };
}

/** A reader whose receiver is a parameter assumed (for a call from another file) to be a framework value. */
function assumedReader(ctx: CheckContext, call: TSESTree.CallExpression): CatalogEntry | undefined {
  if (assuming === 0 || call.callee.type !== 'MemberExpression') return undefined;
  const t = traceOf(ctx, call);
  const rewritten = assumedTrace(t);
  return rewritten ? matchTrace(ctx, rewritten, 'unbounded-reader') : undefined;
}

/** The limit option a reader call sets: absent, unknown (options we cannot read), or its value. */
function readerLimit(ctx: CheckContext, call: CallLike, optionsArg: unknown, option: string): SizeValue | 'absent' | 'unknown' {
  const { present, node } = optionsArgument(ctx, call, optionsArg);
  if (!present) return 'absent';
  if (!node) return 'unknown';
  const options = resolveObject(ctx, node);
  if (!options) {
    // A string or boolean options argument (`getRawBody(req, 'utf8')`) sets no limit.
    const v = evalSize(ctx, node);
    return v === undefined || v.kind === 'object' ? 'unknown' : 'absent';
  }
  const found = lookup(ctx, options, option);
  if (found.kind === 'unknown') return 'unknown';
  if (found.kind === 'missing') return 'absent';
  // A limit taken from the request (its Content-Length header) is chosen by the client: no bound.
  if (userInputIn(ctx, found.property.value, 0)) return 'absent';
  return evalSize(ctx, found.property.value) ?? 'unknown';
}

/** A Hono-style body-limit middleware guards the route of this read (on the route, or app-wide with `use`). */
function isBodyLimited(ctx: CheckContext, call: Node): boolean {
  if (fileUsesBodyLimit(ctx)) return true;
  for (let fn = enclosingFunction(call); fn; fn = enclosingFunction(fn)) {
    const registration = registrationOf(ctx, fn);
    if (registration?.call) return registration.call.arguments.some((a) => isBoundedMiddleware(ctx, a));
  }
  return false;
}

function isBoundedMiddleware(ctx: CheckContext, node: Node): boolean {
  return node.type !== 'SpreadElement' && matchNode(ctx, node, 'bounded-reader') !== undefined;
}

const bodyLimitMemo = new WeakMap<object, boolean>();

function fileUsesBodyLimit(ctx: CheckContext): boolean {
  const hit = bodyLimitMemo.get(ctx.index);
  if (hit !== undefined) return hit;
  let result = false;
  if (entriesOf(ctx, 'bounded-reader').length > 0) {
    for (const c of ctx.index.calls) {
      if (c.callee.type === 'MemberExpression' && propertyName(c.callee) === 'use' && c.arguments.some((a) => isBoundedMiddleware(ctx, a))) {
        result = true;
        break;
      }
    }
  }
  bodyLimitMemo.set(ctx.index, result);
  return result;
}

function checkFileRead(ctx: CheckContext, call: TSESTree.CallExpression, entry: CatalogEntry, reader: string): Omit<Finding, 'ruleId'> | undefined {
  const pathArg = typeof entry.facts?.pathArg === 'number' ? entry.facts.pathArg : 0;
  const arg = call.arguments.at(pathArg);
  if (!arg || arg.type === 'SpreadElement') return undefined;
  const source = userInputIn(ctx, arg, 0);
  if (!source) return undefined;
  if (sizeCheckedBefore(ctx, call, arg)) return undefined;
  const state: FlowState = { depth: 0, seen: new Set(), returnsEscape: false };
  // The content is the call's value, or the `data` parameter of a Node-style callback.
  const callback = functionOf(ctx, call.arguments[call.arguments.length - 1]);
  const flow = callback && call.arguments.length > 1 ? flowOfParam(ctx, callback, 1, state) : flowOf(ctx, call, state);
  if (entry.facts?.parses !== true && flow !== 'parse') return undefined;
  return { messageId: 'unboundedFileRead', data: { reader, source: labelOf(source) }, node: call };
}

const STAT_FUNCTIONS = new Set(['stat', 'lstat', 'statSync', 'lstatSync']);

/** The `size` of an `fs` stat result (`(await stat(p)).size`, `const { size } = statSync(p)`). */
function isStatSize(ctx: CheckContext, node: Node): boolean {
  const t = traceOf(ctx, node);
  if (t.root.kind !== 'module' || !/^(node:)?fs(\/promises)?$/.test(t.root.module)) return false;
  const at = t.path.findIndex((step, i) => STAT_FUNCTIONS.has(step) && t.path[i + 1] === '()');
  return at >= 0 && t.path.at(-1) === 'size';
}

/**
 * The read's file is stat-ed first in the same function (`stat(path)` on the same path expression) and its
 * `size` compared before the read: a size check that bounds what is read.
 */
function sizeCheckedBefore(ctx: CheckContext, read: Node, path: Node): boolean {
  const fn = enclosingFunction(read);
  const start = fn ? fn.range[0] : 0;
  const pathText = ctx.file.text.slice(path.range[0], path.range[1]);
  const statted = ctx.index.calls.some((c) => {
    if (c.range[0] < start || c.range[0] >= read.range[0] || enclosingFunction(c) !== fn) return false;
    const first = c.arguments.at(0);
    if (!first || first.type === 'SpreadElement' || ctx.file.text.slice(first.range[0], first.range[1]) !== pathText) return false;
    const t = traceOf(ctx, c);
    return t.root.kind === 'module' && /^(node:)?fs(\/promises)?$/.test(t.root.module) && STAT_FUNCTIONS.has(t.path.at(-2) ?? '') && t.path.at(-1) === '()';
  });
  if (!statted) return false;
  const comparisons = ctx.index.comparisons;
  for (let i = firstAtOrAfter(comparisons, start); i < comparisons.length; i++) {
    const comparison = comparisons[i];
    if (comparison.range[0] >= read.range[0]) break;
    if (!RELATIONAL.has(comparison.operator)) continue;
    if (isStatSize(ctx, unwrap(comparison.left)) || isStatSize(ctx, unwrap(comparison.right))) return true;
  }
  return false;
}

/** A request field that an expression is built from (through local variables). */
function userInputIn(ctx: CheckContext, expr: Node, depth: number): CatalogEntry | undefined {
  if (depth > 4) return undefined;
  let found: CatalogEntry | undefined;
  someNode(ctx, expr, (node) => {
    if (node.type === 'MemberExpression' || node.type === 'CallExpression' || node.type === 'Identifier') {
      if (node.type === 'Identifier' && node.parent.type === 'MemberExpression' && node.parent.property === node && !node.parent.computed) return false;
      const entry = hostileEntryOfTrace(ctx, traceOf(ctx, node), USER_INPUT, 0);
      if (entry) {
        found = entry;
        return true;
      }
      if (node.type === 'Identifier') {
        const init = initializerOf(ctx, node);
        if (init) {
          found = userInputIn(ctx, init, depth + 1);
          if (found) return true;
        }
      }
    }
    return false;
  });
  return found;
}

// ---------------------------------------------------------------------------------------------------------
// Where a value goes: to a parser, out of the function (returned, resolved, handed to a callback), or nowhere

interface FlowState {
  depth: number;
  seen: Set<Scope.Variable>;
  /** Does leaving the function (return/resolve/callback) count as `escape` (accumulations) or only a parse (file reads)? */
  returnsEscape: boolean;
}

const ESCAPE_ROLES = new Set(['fastify.done', 'lambda.callback', 'bull.done', 'express.next', 'koa.next']);
const ITERATION_METHODS = new Set(['then', 'map', 'flatMap', 'forEach', 'filter', 'find', 'some', 'every', 'reduce']);

function better(a: Flow, b: Flow): Flow {
  if (a === 'parse' || b === 'parse') return 'parse';
  return a ?? b;
}

function flowOfVariable(ctx: CheckContext, variable: Scope.Variable, state: FlowState, skip?: Node[]): Flow {
  if (state.seen.has(variable) || state.depth > MAX_FLOW_DEPTH) return undefined;
  state.seen.add(variable);
  let result: Flow;
  for (const ref of variable.references) {
    if (!ref.isRead()) continue;
    const id = ref.identifier as Node;
    if (skip?.some((s) => within(id, s))) continue;
    result = better(result, flowOf(ctx, id, { ...state, depth: state.depth + 1 }));
    if (result === 'parse') return result;
  }
  return result;
}

function flowOfParam(ctx: CheckContext, fn: FunctionNode, index: number, state: FlowState): Flow {
  const param = fn.params.at(index);
  if (!param || param.type !== 'Identifier') return undefined;
  const variable = variableOf(ctx, param);
  return variable ? flowOfVariable(ctx, variable, state) : undefined;
}

/** Where the value of `start` goes. */
function flowOf(ctx: CheckContext, start: Node, state: FlowState): Flow {
  if (state.depth > MAX_FLOW_DEPTH) return undefined;
  let node: Node = start;
  for (let guard = 0; guard < 40; guard++) {
    const parent = node.parent;
    if (!parent) return undefined;
    switch (parent.type) {
      case 'AwaitExpression':
      case 'TSAsExpression':
      case 'TSNonNullExpression':
      case 'TSSatisfiesExpression':
      case 'TSTypeAssertion':
      case 'ChainExpression':
      case 'TemplateLiteral':
      case 'ArrayExpression':
      case 'SpreadElement':
      case 'ObjectExpression':
        node = parent;
        continue;
      case 'Property':
        if (parent.value !== node) return undefined;
        node = parent;
        continue;
      case 'LogicalExpression':
        node = parent;
        continue;
      case 'ConditionalExpression':
        if (parent.test === node) return undefined;
        node = parent;
        continue;
      case 'BinaryExpression':
        if (parent.operator !== '+') return undefined;
        node = parent;
        continue;
      case 'MemberExpression': {
        if (parent.object !== node) return undefined;
        const name = propertyName(parent);
        if (name === 'length' || name === 'byteLength' || name === 'size') return undefined;
        const call = parent.parent;
        if (call.type === 'CallExpression' && call.callee === parent) {
          if (name && ITERATION_METHODS.has(name)) {
            const cb = functionOf(ctx, call.arguments[0]);
            if (cb) {
              const inner = flowOfParam(ctx, cb, name === 'reduce' ? 1 : 0, { ...state, depth: state.depth + 1 });
              if (inner === 'parse') return inner;
            }
          }
          node = call;
          continue;
        }
        node = parent;
        continue;
      }
      case 'CallExpression':
      case 'NewExpression': {
        if (parent.callee === node) return undefined;
        if (matchNode(ctx, parent, 'parser')) return 'parse';
        const index = parent.arguments.indexOf(node as TSESTree.CallExpressionArgument);
        const ref = ctx.resolver.callee(ctx, parent);
        if (ref && ref.ctx.file === ctx.file && index >= 0) return flowOfParam(ctx, ref.fn, index, { ...state, depth: state.depth + 1 });
        const t = traceOf(ctx, parent.callee);
        if (t.root.kind === 'param' && t.path.length === 0) return state.returnsEscape ? 'escape' : undefined;
        if (t.root.kind === 'role' && t.path.length === 0 && ESCAPE_ROLES.has(t.root.role)) return state.returnsEscape ? 'escape' : undefined;
        if (t.root.kind === 'global' && !(parent.callee.type === 'MemberExpression' && propertyName(parent.callee) === 'byteLength')) {
          node = parent;
          continue;
        }
        return undefined;
      }
      case 'VariableDeclarator': {
        if (parent.init !== node || parent.id.type !== 'Identifier') return undefined;
        const variable = variableOf(ctx, parent.id);
        return variable ? flowOfVariable(ctx, variable, state) : undefined;
      }
      case 'AssignmentExpression': {
        if (parent.right !== node) return undefined;
        if (parent.left.type === 'Identifier') {
          const variable = variableOf(ctx, parent.left);
          return variable ? flowOfVariable(ctx, variable, state) : undefined;
        }
        if (parent.left.type === 'MemberExpression') {
          const target = traceOf(ctx, parent.left);
          if (target.root.kind === 'role' && (target.root.role === 'http.response' || target.root.role === 'koa.context')) return undefined;
          return state.returnsEscape ? 'escape' : undefined;
        }
        return undefined;
      }
      case 'ReturnStatement':
        return flowOfReturn(ctx, enclosingFunction(parent), state);
      case 'ArrowFunctionExpression':
        if (parent.body !== node) return undefined;
        return flowOfReturn(ctx, parent, state);
      case 'YieldExpression':
        return state.returnsEscape ? 'escape' : undefined;
      default:
        return undefined;
    }
  }
  return undefined;
}

/** Where a function's return value goes: into a `.then` chain, its same-file callers, or out of the file. */
function flowOfReturn(ctx: CheckContext, fn: FunctionNode | undefined, state: FlowState): Flow {
  if (!fn) return undefined;
  const parent = fn.parent;
  if (parent.type === 'CallExpression' && parent.callee.type === 'MemberExpression' && parent.arguments.includes(fn as TSESTree.CallExpressionArgument)) {
    const name = propertyName(parent.callee);
    if (name === 'then' || name === 'map' || name === 'flatMap') return flowOf(ctx, parent, { ...state, depth: state.depth + 1 });
  }
  if (parent.type === 'CallExpression' || parent.type === 'NewExpression') {
    // A callback (a listener, a Promise executor): its return value goes to the library.
    return undefined;
  }
  const callers = callersOf(ctx, fn);
  if (callers.length === 0) return state.returnsEscape ? 'escape' : undefined;
  let result: Flow;
  for (const call of callers) {
    result = better(result, flowOf(ctx, call, { ...state, depth: state.depth + 1 }));
    if (result === 'parse') return result;
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// Manual accumulation: `stream.on('data', ...)` and `for await (const chunk of stream)`

interface DataListener {
  call: TSESTree.CallExpression;
  stream: Node;
  source: CatalogEntry;
  listener: FunctionNode;
}

const LISTEN_METHODS = new Set(['on', 'addListener', 'once', 'prependListener']);

function dataListenerOf(ctx: CheckContext, call: TSESTree.CallExpression): DataListener | undefined {
  const callee = call.callee;
  if (callee.type !== 'MemberExpression') return undefined;
  const method = propertyName(callee);
  if (!method || !LISTEN_METHODS.has(method)) return undefined;
  const event = call.arguments.at(0);
  if (event?.type !== 'Literal' || event.value !== 'data') return undefined;
  const listener = functionOf(ctx, call.arguments.at(1));
  if (!listener) return undefined;
  const source = hostileStream(ctx, callee.object);
  if (!source) return undefined;
  return { call, stream: callee.object, source, listener };
}

/** `stream.on('data', chunks.push.bind(chunks))`: the array that collects every chunk. */
function boundPushTarget(ctx: CheckContext, call: TSESTree.CallExpression): { target: Node; source: CatalogEntry } | undefined {
  const callee = call.callee;
  if (callee.type !== 'MemberExpression' || !LISTEN_METHODS.has(propertyName(callee) ?? '')) return undefined;
  const event = call.arguments.at(0);
  const listener = call.arguments.at(1);
  if (event?.type !== 'Literal' || event.value !== 'data' || listener?.type !== 'CallExpression') return undefined;
  const bind = listener.callee;
  if (bind.type !== 'MemberExpression' || propertyName(bind) !== 'bind' || bind.object.type !== 'MemberExpression') return undefined;
  if (propertyName(bind.object) !== 'push') return undefined;
  const source = hostileStream(ctx, callee.object);
  return source ? { target: bind.object.object, source } : undefined;
}

interface Accumulation {
  /** The statement-level expression that appends (to skip its own references). */
  node: Node;
  target: Node;
}

const SIZE_FUNCTIONS = new Set(['byteLength']);

/** Appends of a chunk to something outside `scope`: `acc += chunk`, `acc.push(chunk)`, `acc = Buffer.concat([acc, chunk])`. */
function accumulationsOf(ctx: CheckContext, chunk: TSESTree.Identifier, scope: Node): Accumulation[] {
  const variable = variableOf(ctx, chunk);
  if (!variable) return [];
  const result: Accumulation[] = [];
  const visit = (start: Node, hops: number): void => {
    let node: Node = start;
    for (let guard = 0; guard < 20; guard++) {
      const parent = node.parent;
      if (!parent || !within(parent, scope)) return;
      switch (parent.type) {
        case 'MemberExpression': {
          if (parent.object !== node) return;
          const name = propertyName(parent);
          if (name === 'length' || name === 'byteLength' || name === 'size') return;
          node = parent.parent.type === 'CallExpression' && parent.parent.callee === parent ? parent.parent : parent;
          continue;
        }
        case 'CallExpression':
        case 'NewExpression': {
          if (parent.callee === node) return;
          const callee = parent.callee;
          if (callee.type === 'MemberExpression') {
            const name = propertyName(callee);
            if (name && SIZE_FUNCTIONS.has(name)) return;
            if (parent.type === 'CallExpression' && (name === 'push' || name === 'unshift')) {
              if (isOutside(ctx, callee.object, scope)) result.push({ node: parent, target: callee.object });
              return;
            }
          }
          node = parent;
          continue;
        }
        case 'AwaitExpression':
        case 'TSAsExpression':
        case 'TSNonNullExpression':
        case 'ChainExpression':
        case 'TemplateLiteral':
        case 'ArrayExpression':
        case 'SpreadElement':
        case 'ConditionalExpression':
        case 'LogicalExpression':
          node = parent;
          continue;
        case 'BinaryExpression':
          if (parent.operator !== '+') return;
          node = parent;
          continue;
        case 'AssignmentExpression': {
          if (parent.right !== node) return;
          const target = parent.left;
          if (!isOutside(ctx, target, scope)) return;
          if (parent.operator === '+=' || (parent.operator === '=' && mentions(ctx, parent.right, target))) {
            result.push({ node: parent, target });
          }
          return;
        }
        case 'VariableDeclarator': {
          if (hops > 1 || parent.init !== node || parent.id.type !== 'Identifier') return;
          const derived = variableOf(ctx, parent.id);
          if (!derived) return;
          for (const ref of derived.references) if (ref.isRead()) visit(ref.identifier, hops + 1);
          return;
        }
        default:
          return;
      }
    }
  };
  for (const ref of variable.references) {
    if (ref.isRead() && within(ref.identifier, scope)) visit(ref.identifier, 0);
  }
  return result;
}

/** Is the accumulation target declared outside `scope` (a closure variable, a field)? */
function isOutside(ctx: CheckContext, target: Node, scope: Node): boolean {
  let root: Node = target;
  while (root.type === 'MemberExpression') root = root.object;
  if (root.type === 'ThisExpression') return true;
  if (root.type !== 'Identifier') return false;
  const variable = variableOf(ctx, root);
  const decl = variable?.defs[0]?.name as Node | undefined;
  return decl !== undefined && !within(decl, scope);
}

/** Does `expr` read the same variable/member as `target`? */
function mentions(ctx: CheckContext, expr: Node, target: Node): boolean {
  const wanted = ctx.file.text.slice(target.range[0], target.range[1]);
  return someNode(ctx, expr, (n) => (n.type === 'Identifier' || n.type === 'MemberExpression') && n !== target && ctx.file.text.slice(n.range[0], n.range[1]) === wanted);
}

const RELATIONAL = new Set(['<', '<=', '>', '>=']);

/**
 * A byte cap inside `scope`: a relational comparison in the test of an `if`/`?:`/`&&` whose consequent
 * aborts (throws, returns, breaks, or calls something such as `destroy()`/`reject()`/`res.status(413)`).
 */
function hasCap(ctx: CheckContext, scope: Node): boolean {
  const comparisons = ctx.index.comparisons;
  for (let i = firstAtOrAfter(comparisons, scope.range[0]); i < comparisons.length && comparisons[i].range[0] < scope.range[1]; i++) {
    const comparison = comparisons[i];
    if (!RELATIONAL.has(comparison.operator) || !within(comparison, scope)) continue;
    if (guardsAbort(ctx, comparison)) return true;
  }
  return false;
}

function guardsAbort(ctx: CheckContext, comparison: Node): boolean {
  let node: Node = comparison;
  for (let guard = 0; guard < 10; guard++) {
    const parent = node.parent;
    if (!parent) return false;
    if (parent.type === 'LogicalExpression') {
      if (parent.left === node && aborts(ctx, parent.right)) return true;
      node = parent;
      continue;
    }
    if (parent.type === 'UnaryExpression') {
      node = parent;
      continue;
    }
    if (parent.type === 'IfStatement' && parent.test === node) return aborts(ctx, parent.consequent) || (parent.alternate ? aborts(ctx, parent.alternate) : false);
    if (parent.type === 'ConditionalExpression' && parent.test === node) return aborts(ctx, parent.consequent) || aborts(ctx, parent.alternate);
    return false;
  }
  return false;
}

function aborts(ctx: CheckContext, node: Node): boolean {
  return someNode(ctx, node, (n) => n.type === 'ThrowStatement' || n.type === 'ReturnStatement' || n.type === 'BreakStatement' || n.type === 'CallExpression');
}

function accumulationFinding(ctx: CheckContext, accumulations: Accumulation[], node: Node, source: CatalogEntry): Omit<Finding, 'ruleId'> | undefined {
  for (const acc of accumulations) {
    const state: FlowState = { depth: 0, seen: new Set(), returnsEscape: true };
    let flow: Flow;
    const root = acc.target;
    if (root.type === 'Identifier') {
      const variable = variableOf(ctx, root);
      if (!variable) continue;
      flow = flowOfVariable(ctx, variable, state, accumulations.map((a) => a.node));
    } else {
      flow = 'escape'; // a field or property: the collected body leaves the function
    }
    if (flow) return { messageId: 'unboundedAccumulation', data: { source: labelOf(source) }, node };
  }
  return undefined;
}

function checkDataListener(ctx: CheckContext, data: DataListener, all: readonly DataListener[]): Omit<Finding, 'ruleId'> | undefined {
  const chunk = data.listener.params.at(0);
  if (chunk?.type !== 'Identifier') return undefined;
  const accumulations = accumulationsOf(ctx, chunk, data.listener);
  if (accumulations.length === 0) return undefined;
  if (hasCap(ctx, data.listener)) return undefined;
  // A cap in another 'data' listener on the same stream in the same function counts too.
  const fn = enclosingFunction(data.call);
  const stream = ctx.file.text.slice(data.stream.range[0], data.stream.range[1]);
  for (const other of all) {
    if (other === data || enclosingFunction(other.call) !== fn) continue;
    if (ctx.file.text.slice(other.stream.range[0], other.stream.range[1]) !== stream) continue;
    if (hasCap(ctx, other.listener)) return undefined;
  }
  return accumulationFinding(ctx, accumulations, data.call, data.source);
}

/**
 * `stream.read()` in a `'readable'` listener or a loop: `while ((chunk = req.read()) !== null) body += chunk`.
 * Reported at the `'readable'` listener registration when there is one, else at the read.
 */
function checkReadLoop(ctx: CheckContext, call: TSESTree.CallExpression): Omit<Finding, 'ruleId'> | undefined {
  const callee = call.callee;
  if (callee.type !== 'MemberExpression' || propertyName(callee) !== 'read') return undefined;
  // `chunk = s.read()`, `const chunk = s.read()`, or a web stream reader's `const { value } = await reader.read()`.
  const value = call.parent.type === 'AwaitExpression' ? call.parent : call;
  const parent = value.parent;
  let chunk: TSESTree.Identifier | undefined;
  if (parent.type === 'AssignmentExpression' && parent.right === value && parent.left.type === 'Identifier') chunk = parent.left;
  if (parent.type === 'VariableDeclarator' && parent.init === value) {
    if (parent.id.type === 'Identifier') chunk = parent.id;
    if (parent.id.type === 'ObjectPattern') {
      for (const prop of parent.id.properties) {
        if (prop.type === 'Property' && propertyName(prop) === 'value' && prop.value.type === 'Identifier') chunk = prop.value;
      }
    }
  }
  if (!chunk) return undefined;
  const source = hostileStream(ctx, callee.object);
  const fn = enclosingFunction(call);
  if (!source || !fn) return undefined;
  // Appends are to something outside the read loop (or the listener); the cap sits in the same place.
  const scope = enclosingLoop(call, fn) ?? fn;
  const accumulations = accumulationsOf(ctx, chunk, scope);
  if (accumulations.length === 0) return undefined;
  const registration = fn.parent;
  const listener = registration.type === 'CallExpression' && registration.callee.type === 'MemberExpression' && registration.arguments.at(0)?.type === 'Literal' ? registration : undefined;
  // In a `'readable'` listener the cap may sit anywhere in the listener; otherwise it must be in the read loop
  // (a Content-Length check before the loop is no bound).
  if (hasCap(ctx, listener ? fn : scope)) return undefined;
  return accumulationFinding(ctx, accumulations, listener ?? call, source);
}

function enclosingLoop(node: Node, fn: FunctionNode): Node | undefined {
  for (let current = node.parent; current && current !== fn; current = current.parent) {
    if (current.type === 'WhileStatement' || current.type === 'DoWhileStatement' || current.type === 'ForStatement' || current.type === 'ForOfStatement' || current.type === 'ForInStatement') {
      return current;
    }
  }
  return undefined;
}

/**
 * `for await (... of ...)` loops of the file whose variable the loop writes: a declaration (a `var` one of a plain
 * identifier) or an identifier. (A destructuring `var` pattern or a member target names no loop variable.)
 */
function forAwaitLoops(ctx: CheckContext): readonly TSESTree.ForOfStatement[] {
  return ctx.index.forAwaitLoops.filter((loop) => {
    const left = loop.left;
    if (left.type === 'Identifier') return true;
    if (left.type !== 'VariableDeclaration') return false;
    return left.kind !== 'var' || left.declarations[0]?.id.type === 'Identifier';
  });
}

function checkForAwait(ctx: CheckContext, loop: TSESTree.ForOfStatement): Omit<Finding, 'ruleId'> | undefined {
  const source = hostileStream(ctx, loop.right);
  if (!source) return undefined;
  const left = loop.left;
  const chunk = left.type === 'VariableDeclaration' ? left.declarations.at(0)?.id : left;
  if (chunk?.type !== 'Identifier') return undefined;
  const accumulations = accumulationsOf(ctx, chunk, loop);
  if (accumulations.length === 0) return undefined;
  if (hasCap(ctx, loop.body)) return undefined;
  return accumulationFinding(ctx, accumulations, loop, source);
}

// ---------------------------------------------------------------------------------------------------------
// Opt-in: parses of queue and gateway payloads with no length check before them

function checkPayloadParse(ctx: CheckContext, call: TSESTree.CallExpression, settings: Settings): Omit<Finding, 'ruleId'> | undefined {
  const arg = call.arguments.at(0);
  if (!arg || arg.type === 'SpreadElement') return undefined;
  const parser = matchNode(ctx, call, 'parser');
  if (!parser) return undefined;
  let source: CatalogEntry | undefined;
  someNode(ctx, arg, (node) => {
    if (node.type !== 'MemberExpression' && node.type !== 'Identifier' && node.type !== 'CallExpression') return false;
    source = hostileEntryOfTrace(ctx, traceOf(ctx, node), settings.payloadKinds, 0);
    return source !== undefined;
  });
  if (!source) return undefined;
  if (lengthCheckedBefore(ctx, call, settings.payloadKinds)) return undefined;
  return { messageId: 'unboundedParse', data: { parser: textOf(ctx, call.callee), source: labelOf(source) }, node: call };
}

/** A comparison of the payload's length before `call` in its function. */
function lengthCheckedBefore(ctx: CheckContext, call: Node, kinds: ReadonlySet<string>): boolean {
  const fn = enclosingFunction(call);
  const comparisons = ctx.index.comparisons;
  for (let i = firstAtOrAfter(comparisons, fn ? fn.range[0] : 0); i < comparisons.length; i++) {
    const comparison = comparisons[i];
    if (comparison.range[0] >= call.range[0]) break;
    if (!RELATIONAL.has(comparison.operator)) continue;
    for (const side of [comparison.left, comparison.right]) {
      const operand = unwrap(side);
      let measured: Node | undefined;
      if (operand.type === 'MemberExpression' && ['length', 'byteLength', 'size'].includes(propertyName(operand) ?? '')) measured = operand.object;
      if (operand.type === 'CallExpression' && operand.callee.type === 'MemberExpression' && propertyName(operand.callee) === 'byteLength') measured = operand.arguments[0];
      if (measured && hostileEntryOfTrace(ctx, traceOf(ctx, measured), kinds, 0)) return true;
    }
  }
  return false;
}

