import type { TSESTree } from '@typescript-eslint/utils';
import type { Scope } from '@typescript-eslint/utils/ts-eslint';
import type { CatalogEntry, Specifier } from '../catalog/types.js';
import { ruleExtension, withCatalog } from '../context.js';
import { memoOf } from '../memo.js';
import { perFileCache } from '../file-cache.js';
import { behindGate, mayFind, vocabularyOf, type GateSpec } from '../gate.js';
import { matchNode, matchTrace } from '../match.js';
import {
  ALLOW_WORDS,
  DATE_KEEPING_METHODS,
  DEDUPE_WORDS,
  EXPIRY_WORDS,
  ID_WORDS,
  IDENTITY_WORDS,
  MONGO_COMPARE_KEYS,
  ORDER_KEYS,
  PROTOCOL_WORDS,
  PRISMA_COMPARE_KEYS,
  RATE_LIMIT_WORDS,
  STOP_WORDS,
  STRONG_OWNERSHIP_WORDS,
  TOLERANCE_WORDS,
  wordsOf,
} from '../no-wall-clock-at-boundary-names.js';
import { fieldKey, isSql, namedPlaceholderOffsets, orderedColumns, placeholderOffsets, placeholderUse } from '../no-wall-clock-at-boundary-sql.js';
import { classMembers, enclosingClass, enclosingFunction, exportedName, propertyName, returnsOf, traceOf, unwrap, type Trace } from '../origin.js';
import { fileResolver } from '../resolver.js';
import { scopeIndex } from '../scope.js';
import { summarize } from '../summaries.js';
import { comparatorFields, declaredTypeName, isFieldOrdered, typeKeyOf } from '../typed-records.js';
import type { CallLike, CheckContext, Finding, FunctionNode, Node, PathStep } from '../types.js';
import { caught } from '../safety-net.js';

export const RULE_ID = 'no-wall-clock-at-boundary';

export interface NoWallClockAtBoundaryOptions {
  /** Also flag rate-limit windows built from the wall clock (fixed-window counters keyed by the time). */
  checkRateLimitWindows?: boolean;
  /** Also flag webhook-signature timestamp tolerances checked against the wall clock. */
  checkSignatureTolerances?: boolean;
  /** Extra wall-clock sources, as catalog specifiers. */
  clocks?: Specifier[];
  /** Extra shared stores (an in-house key-value client), as catalog specifiers. */
  sharedStores?: Specifier[];
  /** Extra words that name an ownership, order or identity role (`ballot`, `term`). */
  boundaryWords?: string[];
  /** Extra words that name a value that is not a boundary (an in-process or protocol expiry). */
  allowWords?: string[];
}

export type NoWallClockAtBoundaryMessageId = 'ownership' | 'ordering' | 'identity' | 'dedupe' | 'rateLimitWindow' | 'signatureTolerance';

/** Option names the `audit` config turns on (broader, noisier checks). */
export const auditOptionNames = ['checkRateLimitWindows', 'checkSignatureTolerances'] as const;

export const defaultOptions: Required<NoWallClockAtBoundaryOptions> = {
  checkRateLimitWindows: false,
  checkSignatureTolerances: false,
  clocks: [],
  sharedStores: [],
  boundaryWords: [],
  allowWords: [],
};

type Category = NoWallClockAtBoundaryMessageId;

/** Order of preference when one read reaches several boundaries. */
const PRIORITY: readonly Category[] = ['dedupe', 'identity', 'ownership', 'ordering', 'rateLimitWindow', 'signatureTolerance'];

const USE_NOTES: Record<Category, string> = {
  ownership: 'decides a lease, lock or expiry',
  ordering: 'decides order or which write wins',
  identity: 'becomes a version, sequence or id',
  dedupe: 'becomes part of an idempotency or dedupe key',
  rateLimitWindow: 'keys a rate-limit window',
  signatureTolerance: 'checks a signature timestamp tolerance',
};

/** A place the clock value has reached, and what is known about it there. */
interface Flow {
  ctx: CheckContext;
  node: Node;
  /** Names of the value itself (variables, parameters, fields it was stored in, functions that return it). */
  names: string[];
  /** Names of what holds it (the object, the key, the table, the call). */
  context: string[];
  /** Field names it sits under (innermost first). */
  fields: string[];
  /** How many containers (objects, arrays) wrap the value. */
  level: number;
  /** Index in the innermost array that holds the value (SQL parameters). */
  arrayIndex?: number;
  /** Object key the value sits under in the innermost object (named SQL parameters). */
  objectKey?: string;
  /** The time is embedded in a string. */
  isString: boolean;
  /** Randomness is mixed in (an id that is not made from the time alone). */
  hasRandom: boolean;
  /** Operands combined with the value by arithmetic (`Date.now() - lock.acquiredAt`). */
  siblings: Node[];
  depth: number;
}

interface Use {
  category: Category;
  node: Node;
}

interface Settings {
  rateLimit: boolean;
  tolerance: boolean;
  boundary: ReadonlySet<string>;
  allow: ReadonlySet<string>;
}

/** Persistence verbs of an opaque project client (a repository or a wrapped ORM). */
const OPAQUE_WRITE = /^(?:create|createMany|update|updateMany|updateOne|upsert|insert|insertOne|insertMany|save|put|set|hset|setnx|replaceOne|findOneAndUpdate)$/;

const MAX_STEPS = 400;
const MAX_DEPTH = 12;

/** Every finding starts at a clock read (core/gate.ts). */
const GATE: GateSpec = { roles: ['clock'] };

/**
 * Flags a wall-clock read (`Date.now()`, `new Date()`) whose value reaches a correctness boundary: a lease or
 * lock expiry others rely on, an ordering or last-write-wins decision, a version/sequence/id, or an idempotency
 * or dedupe key. The finding is at the read, also when the boundary is in another function of the file.
 */
export function checkNoWallClockAtBoundary(baseCtx: CheckContext, options: NoWallClockAtBoundaryOptions = {}): Finding[] {
  const extra = ruleExtension(options, () => ({
    entries: [
      ...(options.clocks ?? []).map((target, i): CatalogEntry => ({ id: `options.clocks.${i}`, role: 'clock', target })),
      ...(options.sharedStores ?? []).map((target, i): CatalogEntry => ({ id: `options.sharedStores.${i}`, role: 'shared-store', target })),
    ],
  }));
  const ctx = withCatalog(baseCtx, extra);
  const settings = settingsOf(options);
  // Every finding starts at a clock read: a file that names no clock has none (core/gate.ts).
  return behindGate(RULE_ID, ctx, mayFind(ctx, vocabularyOf(ctx, GATE)), () => checkFile(ctx, settings));
}

function checkFile(ctx: CheckContext, settings: Settings): Finding[] {
  const findings: Finding[] = [];
  for (const read of clockReads(ctx)) {
    let uses: Use[];
    try {
      uses = analyzeRead(ctx, read, settings);
    } catch (error) {
      caught(error);
      continue; // an unexpected shape must not break linting of the file; the read is not reported
    }
    const use = pickUse(uses, settings);
    if (!use) continue;
    const path: PathStep[] = [{ node: read, note: 'wall-clock read' }];
    // The boundary may sit in another file (the analyzer follows calls across files): name it only when local.
    if (use.node !== read && programOf(use.node) === ctx.file.ast) path.push({ node: use.node, note: USE_NOTES[use.category] });
    findings.push({
      ruleId: RULE_ID,
      messageId: use.category,
      data: { source: sourceLabel(ctx, read) },
      node: read,
      path,
    });
  }
  findings.push(...farReadFindings(ctx, settings));
  return findings;
}

const settingsCache = new WeakMap<NoWallClockAtBoundaryOptions, Settings>();

/** The rule's settings, once per options object. */
function settingsOf(options: NoWallClockAtBoundaryOptions): Settings {
  let settings = settingsCache.get(options);
  if (!settings) {
    settings = {
      rateLimit: options.checkRateLimitWindows ?? false,
      tolerance: options.checkSignatureTolerances ?? false,
      boundary: new Set((options.boundaryWords ?? []).flatMap((w) => wordsOf(w))),
      allow: new Set((options.allowWords ?? []).flatMap((w) => wordsOf(w))),
    };
    settingsCache.set(options, settings);
  }
  return settings;
}

/**
 * The analyzer: calls in this file of functions of other files that return a wall-clock read. The read is
 * followed from its own file into these calls; a boundary reached here is reported at the read (in its file),
 * unless the read's own file already reaches one (that file's check reports it).
 */
/** Is `inner` `fn`, or called (in the same file, a few calls deep) from it? */
function reachedFrom(fn: FunctionNode, inner: FunctionNode | undefined, callers: ReadonlyMap<FunctionNode, readonly CallLike[]>, depth = 0): boolean {
  if (!inner) return false;
  if (inner === fn) return true;
  if (depth >= 4) return false;
  return (callers.get(inner) ?? []).some((call) => reachedFrom(fn, enclosingFunction(call), callers, depth + 1));
}

function farReadFindings(ctx: CheckContext, settings: Settings): Finding[] {
  // The per-file resolver (the ESLint rules) returns only callees of this file: nothing to look for.
  if (ctx.resolver === fileResolver) return [];
  const calls = new Map<FunctionNode, CallLike[]>();
  const owners = new Map<FunctionNode, CheckContext>();
  for (const call of [...ctx.index.calls, ...ctx.index.news]) {
    let ref;
    try {
      ref = ctx.resolver.callee(ctx, call);
    } catch (error) {
      caught(error);
      continue;
    }
    if (!ref || ref.ctx.file.ast === ctx.file.ast) continue;
    const list = calls.get(ref.fn) ?? [];
    list.push(call);
    calls.set(ref.fn, list);
    owners.set(ref.fn, ref.ctx);
  }
  const findings: Finding[] = [];
  for (const [fn, owner] of owners) {
    const readCtx = owner.catalog === ctx.catalog ? owner : { ...owner, catalog: ctx.catalog };
    let reads: CallLike[];
    try {
      const callers = fileFacts(readCtx).callers;
      reads = clockReads(readCtx).filter((r) => reachedFrom(fn, enclosingFunction(r), callers));
    } catch (error) {
      caught(error);
      continue;
    }
    for (const read of reads) {
      let use: Use | undefined;
      try {
        if (pickUse(analyzeRead(readCtx, read, settings), settings)) continue; // reported by the read's own file
        use = pickUse(analyzeRead(readCtx, read, settings, { ctx, calls }), settings);
      } catch (error) {
        caught(error);
        continue;
      }
      if (!use) continue;
      const path: PathStep[] = [{ node: read, note: 'wall-clock read' }];
      if (use.node !== read) path.push({ node: use.node, note: USE_NOTES[use.category] });
      findings.push({ ruleId: RULE_ID, messageId: use.category, data: { source: sourceLabel(readCtx, read) }, node: read, path });
    }
  }
  return findings;
}

function pickUse(uses: readonly Use[], settings: Settings): Use | undefined {
  for (const category of PRIORITY) {
    if (category === 'rateLimitWindow' && !settings.rateLimit) continue;
    if (category === 'signatureTolerance' && !settings.tolerance) continue;
    const use = uses.find((u) => u.category === category);
    if (use) return use;
  }
  return undefined;
}

function programOf(node: Node): Node {
  let current: Node = node;
  while (current.parent) current = current.parent;
  return current;
}

function sourceLabel(ctx: CheckContext, node: Node): string {
  const text = ctx.file.text.slice(node.range[0], node.range[1]).replace(/\s+/g, ' ');
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

// ---------------------------------------------------------------------------------------------------------
// Sources

/** The file's wall-clock reads: calls and constructions matching a `clock` entry (not calls of local helpers). */
function clockReads(ctx: CheckContext): CallLike[] {
  const out: CallLike[] = [];
  for (const node of ctx.index.calls) if (isClockRead(ctx, node)) out.push(node);
  for (const node of ctx.index.news) if (isClockRead(ctx, node)) out.push(node);
  return out.sort((a, b) => a.range[0] - b.range[0]);
}

function isClockRead(ctx: CheckContext, node: CallLike): boolean {
  // The catalog match first: it skips most calls without tracing them.
  const entry = matchNode(ctx, node, 'clock');
  if (!entry) return false;
  const calleeRoot = traceOf(ctx, node.callee).root.kind;
  if (calleeRoot === 'function' || calleeRoot === 'class') return false; // a local helper: its own read is the source
  return !(entry.facts?.onlyWithoutArguments && node.arguments.length > 0);
}

/** Is the expression a reading of the wall clock, or derived from one (`Date.now() + ttl`, `new Date(now)`)? */
function isClockDerived(ctx: CheckContext, raw: Node, depth = 0): boolean {
  if (depth > 8) return false;
  const memo = memoOf<Node, boolean>(ctx, 'wall-clock.derived');
  const hit = memo.get(raw);
  if (hit !== undefined) return hit;
  memo.set(raw, false); // cycle guard
  const value = computeClockDerived(ctx, raw, depth);
  memo.set(raw, value);
  return value;
}

function computeClockDerived(ctx: CheckContext, raw: Node, depth: number): boolean {
  const node = unwrap(raw);
  switch (node.type) {
    case 'CallExpression':
    case 'NewExpression': {
      if (isClockRead(ctx, node)) return true;
      if (node.type === 'NewExpression') {
        return isDateConstructor(ctx, node) && node.arguments.length > 0 && isClockDerived(ctx, node.arguments[0], depth + 1);
      }
      const callee = unwrap(node.callee);
      if (callee.type === 'MemberExpression' && DATE_KEEPING_METHODS.has(propertyName(callee) ?? '')) {
        if (isClockDerived(ctx, callee.object, depth + 1)) return true;
      }
      if (matchNode(ctx, node.callee, 'clock-derivation') || matchNode(ctx, node, 'clock-derivation')) {
        return node.arguments.some((a) => isClockDerived(ctx, a, depth + 1));
      }
      const ref = ctx.resolver.callee(ctx, node);
      if (ref) return returnsClock(ref.ctx, ref.fn);
      return false;
    }
    case 'Identifier': {
      const variable = scopeIndex(ctx.file).variableOf(node);
      if (!variable || variable.defs.length !== 1) return false;
      const def = variable.defs[0];
      if (def.type !== 'Variable' || def.node.id.type !== 'Identifier' || !def.node.init) return false;
      return isClockDerived(ctx, def.node.init, depth + 1);
    }
    case 'MemberExpression': {
      if (node.object.type !== 'ThisExpression') return false;
      const cls = enclosingClass(node);
      const name = propertyName(node);
      if (!cls || !name) return false;
      const values = classMembers(ctx, cls).fields.get(name) ?? [];
      return values.some((v) => v.type !== 'TSTypeAnnotation' && v.type !== 'Identifier' && isClockDerived(ctx, v, depth + 1));
    }
    case 'BinaryExpression': {
      if (node.left.type === 'PrivateIdentifier') return false;
      const left = isClockDerived(ctx, node.left, depth + 1);
      const right = isClockDerived(ctx, node.right, depth + 1);
      if (node.operator === '-' && left && right) return false; // a duration
      return ['+', '-', '*', '/', '%', '|', '>>', '<<'].includes(node.operator) && (left || right);
    }
    case 'UnaryExpression':
      return (node.operator === '+' || node.operator === '-') && isClockDerived(ctx, node.argument, depth + 1);
    case 'ConditionalExpression':
      return isClockDerived(ctx, node.consequent, depth + 1) || isClockDerived(ctx, node.alternate, depth + 1);
    case 'LogicalExpression':
      return isClockDerived(ctx, node.left, depth + 1) || isClockDerived(ctx, node.right, depth + 1);
    default:
      return false;
  }
}

/** Does a local function return a wall-clock value? */
function returnsClock(ctx: CheckContext, fn: FunctionNode): boolean {
  return summarize(
    ctx,
    fn,
    'wall-clock.returns-clock',
    (f) => {
      if (f.body.type !== 'BlockStatement') return isClockDerived(ctx, f.body, 1);
      return returnsOf(ctx, f).some((r) => r.argument && isClockDerived(ctx, r.argument, 1));
    },
    false,
  );
}

function isDateConstructor(ctx: CheckContext, node: TSESTree.NewExpression): boolean {
  const t = traceOf(ctx, node.callee);
  return t.root.kind === 'global' && t.root.name === 'Date' && t.path.length === 0;
}

// ---------------------------------------------------------------------------------------------------------
// File facts (computed once per file and context)

interface FileFacts {
  /** Fields/columns the file orders by or compares record against record, or compares in a store query. */
  ordered: Set<string>;
  /**
   * Fields sorted or compared record against record in JavaScript (`.sort((a, b) => a.ts - b.ts)`), with the
   * classes (or the module) doing it: a stamp only meets a sort of the same class or of module-level code.
   */
  sortedIn: Map<string, Set<Node>>;
  /** Fields/columns and variable names written to a shared store somewhere in the file. */
  stored: Set<string>;
  /** Functions that verify a signature. */
  signatureFns: Set<FunctionNode | undefined>;
  /** Calls of each local function. */
  callers: Map<FunctionNode, CallLike[]>;
  /** The file calls a shared store somewhere. */
  hasStore: boolean;
  /** Return statements of each function. */
  /** Reads of `this.<name>` per class. */
  thisReads: Map<Node, Map<string, TSESTree.MemberExpression[]>>;
}

const factsCache = perFileCache<WeakMap<CheckContext['catalog'], FileFacts>>();

function fileFacts(ctx: CheckContext): FileFacts {
  let perCatalog = factsCache.get(ctx.file.ast);
  if (!perCatalog) {
    perCatalog = new WeakMap();
    factsCache.set(ctx.file.ast, perCatalog);
  }
  const hit = perCatalog.get(ctx.catalog);
  if (hit) return hit;
  const facts: FileFacts = { ordered: new Set(), stored: new Set(), signatureFns: new Set(), callers: new Map(), thisReads: new Map(), hasStore: false, sortedIn: new Map() };
  for (const member of ctx.index.thisMembers) {
    const p = member.parent;
    if (p.type === 'AssignmentExpression' && p.left === member) continue;
    const cls = enclosingClass(member);
    const name = propertyName(member);
    if (!cls || !name) continue;
    let byName = facts.thisReads.get(cls);
    if (!byName) {
      byName = new Map();
      facts.thisReads.set(cls, byName);
    }
    const list = byName.get(name) ?? [];
    list.push(member);
    byName.set(name, list);
  }
  const addOrdered = (name: string | undefined) => {
    if (name) facts.ordered.add(fieldKey(name));
  };
  const addSorted = (name: string | undefined, at: Node) => {
    if (!name) return;
    const key = fieldKey(name);
    const scopes = facts.sortedIn.get(key) ?? new Set<Node>();
    scopes.add(scopeOf(ctx, at));
    facts.sortedIn.set(key, scopes);
  };
  // SQL text: ORDER BY and compared columns.
  for (const s of ctx.index.strings) {
    const text = stringText(s);
    if (text && isSql(text)) for (const col of orderedColumns(text)) addOrdered(col);
  }
  // Comparisons of the same field of two records (`a.updatedAt > b.updatedAt`).
  for (const cmp of ctx.index.comparisons) {
    if (!['<', '<=', '>', '>='].includes(cmp.operator)) continue;
    const l = memberField(cmp.left);
    const r = memberField(cmp.right);
    if (l && r && l === r) addSorted(l, cmp);
  }
  for (const call of ctx.index.calls) {
    for (const arg of call.arguments) if (arg.type === 'ObjectExpression') collectOrderKeys(arg, facts.ordered);
    const callee = unwrap(call.callee);
    const method = callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
    // Sort comparators: `.sort((a, b) => a.ts - b.ts)`.
    if ((method === 'sort' || method === 'toSorted') && call.arguments.length > 0) {
      const cmpFn = call.arguments[0];
      if ((cmpFn.type === 'ArrowFunctionExpression' || cmpFn.type === 'FunctionExpression') && cmpFn.params.length === 2) {
        for (const f of comparatorFields(cmpFn)) addSorted(f, call);
      } else if (cmpFn.type === 'ObjectExpression') {
        for (const p of cmpFn.properties) if (p.type === 'Property') addOrdered(propertyName(p));
      } else if (cmpFn.type === 'Literal' && typeof cmpFn.value === 'string') {
        for (const f of cmpFn.value.split(/\s+/)) addOrdered(f.replace(/^-/, ''));
      }
    }
    // lodash-style `sortBy(events, 'ts')`, `orderBy(events, (e) => e.ts)`.
    const calleeName = method ?? (callee.type === 'Identifier' ? callee.name : undefined);
    if (calleeName === 'sortBy' || calleeName === 'orderBy') {
      for (const a of call.arguments) {
        if (a.type === 'Literal' && typeof a.value === 'string') addSorted(lastSegment(a.value), call);
        else if (a.type === 'ArrayExpression') {
          for (const el of a.elements) if (el?.type === 'Literal') addSorted(lastSegment(String(el.value)), call);
        } else if ((a.type === 'ArrowFunctionExpression' || a.type === 'FunctionExpression') && a.params.length === 1) {
          const param = a.params[0];
          const body = a.body.type === 'BlockStatement' ? undefined : unwrap(a.body);
          if (param.type === 'Identifier' && body?.type === 'MemberExpression' && unwrap(body.object).type === 'Identifier') addSorted(propertyName(body), call);
        }
      }
    }
    // Query builders: `.orderBy('seq')`, `.where('expires_at', '<', x)`.
    if (method && /^(?:orderBy|orderByRaw|sortBy|addOrderBy)$/.test(method) && call.arguments[0]?.type === 'Literal') {
      addOrdered(lastSegment(String(call.arguments[0].value)));
    }
    if (method && /^(?:where|andWhere|orWhere|having)$/.test(method) && call.arguments.length === 3) {
      const [col, op] = call.arguments;
      if (col.type === 'Literal' && op.type === 'Literal' && ['<', '<=', '>', '>='].includes(String(op.value))) addOrdered(lastSegment(String(col.value)));
    }
    if (matchNode(ctx, call, 'store-compare')) {
      const holder = call.parent;
      if (holder.type === 'Property' && holder.value === call) addOrdered(propertyName(holder));
    }
    if (matchNode(ctx, call, 'signature-check')) facts.signatureFns.add(enclosingFunction(call));
    if (isStoreCallee(ctx, call.callee)) {
      facts.hasStore = true;
      collectStored(ctx, call, facts.stored);
    }
    const ref = ctx.resolver.callee(ctx, call);
    if (ref && ref.ctx === ctx) {
      const list = facts.callers.get(ref.fn) ?? [];
      list.push(call);
      facts.callers.set(ref.fn, list);
    }
  }
  for (const node of ctx.index.news) {
    if (isStoreCallee(ctx, node.callee)) {
      facts.hasStore = true;
      collectStored(ctx, node, facts.stored);
    }
    const ref = ctx.resolver.callee(ctx, node);
    if (ref && ref.ctx === ctx) {
      const list = facts.callers.get(ref.fn) ?? [];
      list.push(node);
      facts.callers.set(ref.fn, list);
    }
  }
  perCatalog.set(ctx.catalog, facts);
  return facts;
}

/** Object keys of `sort`/`orderBy`/`order` options and Mongo/Prisma comparison operators, collected from one object. */
function collectOrderKeys(obj: TSESTree.ObjectExpression, into: Set<string>): void {
  for (const p of obj.properties) {
    if (p.type !== 'Property') continue;
    const key = propertyName(p);
    if (!key) continue;
    if (ORDER_KEYS.has(key)) {
      if (p.value.type === 'ObjectExpression') {
        for (const q of p.value.properties) if (q.type === 'Property') addKey(into, propertyName(q));
      } else if (p.value.type === 'ArrayExpression') {
        for (const el of p.value.elements) {
          if (el?.type === 'ArrayExpression' && el.elements[0]?.type === 'Literal') addKey(into, String(el.elements[0].value));
          else if (el?.type === 'Literal') addKey(into, String(el.value));
          else if (el?.type === 'ObjectExpression') for (const q of el.properties) if (q.type === 'Property') addKey(into, propertyName(q));
        }
      } else if (p.value.type === 'Literal' && typeof p.value.value === 'string') {
        addKey(into, p.value.value.replace(/^-/, '').split(/\s+/)[0]);
      }
    }
    if (p.value.type === 'ObjectExpression') {
      const inner = p.value.properties;
      if (inner.some((q) => q.type === 'Property' && (MONGO_COMPARE_KEYS.has(propertyName(q) ?? '') || PRISMA_COMPARE_KEYS.has(propertyName(q) ?? '')))) addKey(into, key);
      collectOrderKeys(p.value, into);
    }
  }
}

function addKey(into: Set<string>, name: string | undefined): void {
  if (name) into.add(fieldKey(name));
}

/** Field names and identifiers written through a store call (its object-literal keys, SQL columns). */
function collectStored(ctx: CheckContext, call: CallLike, into: Set<string>): void {
  for (const arg of call.arguments) collectStoredValue(ctx, arg, into, 0);
}

/**
 * What one argument of a store call writes: the keys of an object (also one held in a local, or built per
 * element by `.map`), and the names of non-local identifiers. A local's own name is not what is stored.
 */
function collectStoredValue(ctx: CheckContext, raw: Node, into: Set<string>, depth: number): void {
  if (depth > 3) return;
  const a = unwrap(raw);
  if (a.type === 'ObjectExpression') collectKeys(a, into, 0);
  else if (a.type === 'ArrayExpression') {
    for (const el of a.elements) if (el && el.type !== 'SpreadElement') collectStoredValue(ctx, el, into, depth + 1);
  } else if (a.type === 'Identifier') {
    if (!isLocalBinding(ctx, a)) into.add(fieldKey(a.name));
    const variable = scopeIndex(ctx.file).variableOf(a);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (def?.type === 'Variable' && def.node.init) {
      const init = unwrap(def.node.init);
      if (init.type === 'ObjectExpression' || init.type === 'ArrayExpression' || init.type === 'CallExpression') collectStoredValue(ctx, init, into, depth + 1);
    }
  } else if (a.type === 'CallExpression') {
    // `items.map((x) => ({ held_until: until }))`: the rows the callback builds.
    const callee = unwrap(a.callee);
    const cb = a.arguments.length > 0 ? a.arguments[0] : undefined;
    if (callee.type === 'MemberExpression' && ARRAY_BUILDERS.has(propertyName(callee) ?? '') && (cb?.type === 'ArrowFunctionExpression' || cb?.type === 'FunctionExpression')) {
      if (cb.body.type !== 'BlockStatement') collectStoredValue(ctx, cb.body, into, depth + 1);
      else for (const ret of ctx.index.returns) if (ret.argument && enclosingFunction(ret) === cb) collectStoredValue(ctx, ret.argument, into, depth + 1);
    }
  }
}

/** Array methods whose result holds what their callback returns. */
const ARRAY_BUILDERS: ReadonlySet<string> = new Set(['map', 'flatMap']);

/** The `xs.map(cb)` call whose result holds what `cb` returns, when `fn` is that callback. */
function arrayBuiltBy(fn: FunctionNode): TSESTree.CallExpression | undefined {
  const call = fn.parent;
  if (call.type !== 'CallExpression' || call.arguments[0] !== fn) return undefined;
  const callee = unwrap(call.callee);
  return callee.type === 'MemberExpression' && ARRAY_BUILDERS.has(propertyName(callee) ?? '') ? call : undefined;
}

/**
 * Words of the path of a file read or write (`role`) when the path names a lock or lease (`nightly.lock`,
 * `/var/run/leader.lease`): such a file is a store other processes read. Undefined for any other file.
 */
function lockFileWords(ctx: CheckContext, call: CallLike, role: 'file-write' | 'file-read'): string[] | undefined {
  if (call.type !== 'CallExpression' || call.arguments.length === 0 || !matchNode(ctx, call, role)) return undefined;
  const words = pathWords(ctx, call.arguments[0], 0);
  return hasAny(words, STRONG_OWNERSHIP_WORDS) ? words : undefined;
}

/** The constant text a file path is built from (`path.join(dir, 'export.lock')`, `${DIR}/leader.lock`). */
function pathWords(ctx: CheckContext, raw: Node, depth: number): string[] {
  if (depth > 4) return [];
  const node = unwrap(raw);
  switch (node.type) {
    case 'Literal':
      return typeof node.value === 'string' ? [node.value] : [];
    case 'TemplateLiteral':
      return [...node.quasis.map((q) => q.value.cooked ?? ''), ...node.expressions.flatMap((e) => pathWords(ctx, e, depth + 1))];
    case 'BinaryExpression':
    case 'LogicalExpression':
      return node.left.type === 'PrivateIdentifier' ? [] : [...pathWords(ctx, node.left, depth + 1), ...pathWords(ctx, node.right, depth + 1)];
    case 'CallExpression':
      return node.arguments.flatMap((a) => pathWords(ctx, a, depth + 1));
    case 'Identifier': {
      const variable = scopeIndex(ctx.file).variableOf(node);
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      return def?.type === 'Variable' && def.node.init ? pathWords(ctx, def.node.init, depth + 1) : [];
    }
    default:
      return [];
  }
}

function collectKeys(obj: TSESTree.ObjectExpression, into: Set<string>, depth: number): void {
  if (depth > 4) return;
  for (const p of obj.properties) {
    if (p.type !== 'Property') continue;
    const key = propertyName(p);
    if (key && !key.startsWith('$')) into.add(fieldKey(key));
    if (p.value.type === 'ObjectExpression') collectKeys(p.value, into, depth + 1);
  }
}

/** The field of `x.f` (non-computed), or undefined. */
function memberField(raw: Node): string | undefined {
  let node = unwrap(raw);
  // `a.at.getTime()`
  if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && DATE_KEEPING_METHODS.has(propertyName(node.callee) ?? '')) {
    node = unwrap(node.callee.object);
  }
  if (node.type === 'NewExpression' && node.arguments.length === 1) node = unwrap(node.arguments[0]);
  if (node.type !== 'MemberExpression' || node.object.type === 'ThisExpression') return undefined;
  const name = propertyName(node);
  return name ? fieldKey(name) : undefined;
}

function lastSegment(name: string): string {
  const i = name.lastIndexOf('.');
  return i >= 0 ? name.slice(i + 1) : name;
}

/** The text of a string literal or a template (expressions as `?`). */
function stringText(node: TSESTree.Literal | TSESTree.TemplateLiteral): string | undefined {
  if (node.type === 'Literal') return typeof node.value === 'string' ? node.value : undefined;
  return node.quasis.map((q) => q.value.cooked ?? q.value.raw).join('?');
}

// ---------------------------------------------------------------------------------------------------------
// Stores

/** Does a value (or the callee of a call) come from a shared store: a store client, a row it returned, a transaction it handed over? */
function isStoreCallee(ctx: CheckContext, node: Node): boolean {
  return storeOrigin(ctx, node, 0);
}

/**
 * `db.collection('locks').findOne(...)` on an injected or untyped client: the MongoDB/Firestore shape of a
 * document store, whose package the file does not import.
 */
function isOpaqueCollection(t: Trace): boolean {
  const kind = t.root.kind;
  if (kind !== 'param' && kind !== 'this' && kind !== 'unknown') return false;
  for (let i = 0; i + 2 < t.path.length; i++) {
    if (t.path[i] === 'collection' && t.path[i + 1] === '()') return true;
  }
  return false;
}

function storeOrigin(ctx: CheckContext, raw: Node, depth: number): boolean {
  if (depth > 6) return false;
  const node = unwrap(raw);
  const t = traceOf(ctx, node);
  if (matchTrace(ctx, t, 'shared-store')) return true;
  if (isOpaqueCollection(t)) return true;
  if (t.root.kind === 'param') {
    // `db.transaction(async (trx) => ...)`: the callback parameter of a store call is the store.
    const fn = t.root.fn;
    const parent = fn.parent;
    if ((parent.type === 'CallExpression' || parent.type === 'NewExpression') && parent.callee !== fn) {
      return storeOrigin(ctx, parent.callee, depth + 1);
    }
    return false;
  }
  switch (node.type) {
    case 'MemberExpression':
      return storeOrigin(ctx, node.object, depth + 1);
    case 'CallExpression': {
      const callee = unwrap(node.callee);
      if (matchNode(ctx, node.callee, 'clock-derivation') || matchNode(ctx, node, 'clock-derivation') || isJsonParse(ctx, node)) {
        return node.arguments.length > 0 && storeOrigin(ctx, node.arguments[0], depth + 1);
      }
      if (lockFileWords(ctx, node, 'file-read')) return true;
      // A local helper that returns what it read from a store (`const lock = await readLock()`).
      const ref = traceOf(ctx, node.callee).root.kind === 'function' ? ctx.resolver.callee(ctx, node) : undefined;
      if (ref) return returnedValues(ref.ctx, ref.fn).some((v) => storeOrigin(ref.ctx, v, depth + 1));
      if (callee.type === 'MemberExpression') return storeOrigin(ctx, callee.object, depth + 1);
      return false;
    }
    case 'Identifier': {
      const variable = scopeIndex(ctx.file).variableOf(node);
      const def = variable?.defs[0];
      if (def?.type === 'Variable' && def.node.init) return storeOrigin(ctx, def.node.init, depth + 1);
      return false;
    }
    // `rows[0] ? Number(rows[0].edited_at) : -1`, `row?.until ?? 0`: a stored value or a default.
    case 'ConditionalExpression':
      return storeOrigin(ctx, node.consequent, depth + 1) || storeOrigin(ctx, node.alternate, depth + 1);
    case 'LogicalExpression':
      return storeOrigin(ctx, node.left, depth + 1) || storeOrigin(ctx, node.right, depth + 1);
    default:
      return false;
  }
}

/** What a function returns (expression body or `return` arguments). */
function returnedValues(ctx: CheckContext, fn: FunctionNode): Node[] {
  if (fn.body.type !== 'BlockStatement') return [fn.body];
  // The return statements grouped by origin.ts, not by fileFacts: fileFacts asks this while it is being built.
  return returnsOf(ctx, fn).flatMap((r) => (r.argument ? [r.argument] : []));
}

/**
 * Key words of the store read a value comes from (`lock.${name}` of `redis.get(key)`, the path of a lock file
 * read by a local helper): what the stored value is, whatever the locals holding it are called.
 */
function sourceKeyWords(ctx: CheckContext, raw: Node, depth: number): string[] {
  if (depth > 6) return [];
  const node = unwrap(raw);
  switch (node.type) {
    case 'MemberExpression':
      return sourceKeyWords(ctx, node.object, depth + 1);
    case 'Identifier': {
      const variable = scopeIndex(ctx.file).variableOf(node);
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (def?.type === 'Variable' && def.node.init) return sourceKeyWords(ctx, def.node.init, depth + 1);
      if (def?.type === 'Parameter') {
        const fn = def.node;
        const call = fn.parent;
        if (call.type === 'CallExpression' && call.arguments[0] === fn && fn.params[0] === def.name) {
          const callee = unwrap(call.callee);
          if (callee.type === 'MemberExpression' && propertyName(callee) === 'then') return sourceKeyWords(ctx, callee.object, depth + 1);
        }
      }
      return [];
    }
    case 'CallExpression': {
      const callee = unwrap(node.callee);
      if (matchNode(ctx, node.callee, 'clock-derivation') || matchNode(ctx, node, 'clock-derivation') || isJsonParse(ctx, node)) {
        return node.arguments.length > 0 ? sourceKeyWords(ctx, node.arguments[0], depth + 1) : [];
      }
      const file = lockFileWords(ctx, node, 'file-read');
      if (file) return file;
      const ref = traceOf(ctx, node.callee).root.kind === 'function' ? ctx.resolver.callee(ctx, node) : undefined;
      if (ref) return returnedValues(ref.ctx, ref.fn).flatMap((v) => sourceKeyWords(ref.ctx, v, depth + 1));
      if (isStoreCallee(ctx, node.callee)) {
        const key = node.arguments.length > 0 ? stringWords(ctx, node.arguments[0], 0) : [];
        return key.filter((w) => w.length < 64 && !isSql(w));
      }
      if (callee.type === 'MemberExpression') return sourceKeyWords(ctx, callee.object, depth + 1);
      return [];
    }
    default:
      return [];
  }
}

function isJsonParse(ctx: CheckContext, call: TSESTree.CallExpression): boolean {
  const t = traceOf(ctx, call.callee);
  return t.root.kind === 'global' && t.root.name === 'JSON' && t.path.length === 1 && t.path[0] === 'parse';
}

// ---------------------------------------------------------------------------------------------------------
// Flow of one read

/**
 * `farCallers`: calls in other files of functions of the read's file (the analyzer): a value returned to them
 * is followed there, as calls in the same file are.
 */
function analyzeRead(ctx: CheckContext, read: CallLike, settings: Settings, farCallers?: { ctx: CheckContext; calls: ReadonlyMap<FunctionNode, readonly CallLike[]> }): Use[] {
  const uses: Use[] = [];
  const visited = new Set<Node>();
  /** Fields the value was stamped into, with the class (or module) where it happened. */
  const fieldsSeen = new Map<string, Set<Node>>();
  const seeField = (name: string, at: Node) => {
    const key = fieldKey(name);
    const scopes = fieldsSeen.get(key) ?? new Set<Node>();
    scopes.add(scopeOf(ctx, at));
    fieldsSeen.set(key, scopes);
  };
  /** Fields stamped into an object literal of a declared type (followed across files by the analyzer). */
  const typedSeen: { field: string; ctx: CheckContext; type: string }[] = [];
  const state = { escaped: false };
  let steps = 0;
  const flowContexts = new Set<CheckContext>([ctx]);
  const queue: Flow[] = [
    { ctx, node: read, names: [], context: [], fields: [], level: 0, isString: false, hasRandom: false, siblings: [], depth: 0 },
  ];
  const add = (category: Category, node: Node) => uses.push({ category, node });

  const enqueue = (flow: Flow) => {
    if (flow.depth > MAX_DEPTH || visited.has(flow.node)) return;
    queue.push(flow);
  };

  while (queue.length > 0 && steps++ < MAX_STEPS) {
    const flow = queue.shift() as Flow;
    if (visited.has(flow.node)) continue;
    visited.add(flow.node);
    flowContexts.add(flow.ctx);
    climb(flow);
  }

  // A value stamped into a field that the file orders by or compares record against record.
  for (const [f, scopes] of fieldsSeen) {
    if (hasAny([f], ALLOW_WORDS, settings.allow) || hasAny([f], STOP_WORDS)) continue;
    const hit = [...flowContexts].some((c) => {
      const cf = fileFacts(c);
      const sorted = [...(cf.sortedIn.get(f) ?? [])].some((scope) => scopes.has(scope));
      return (cf.ordered.has(f) || sorted) && (state.escaped || cf.stored.has(f));
    });
    if (hit) {
      add('ordering', read);
      return uses;
    }
  }
  // A field of a declared type, stamped here and ordered on records of that type elsewhere (analyzer).
  {
    for (const seen of typedSeen) {
      const f = fieldKey(seen.field);
      if (hasAny([f], ALLOW_WORDS, settings.allow) || hasAny([f], STOP_WORDS)) continue;
      const key = typeKeyOf(seen.ctx, seen.type);
      if (!key) continue;
      const ordered = isFieldOrdered(key, f, (field, wanted) => fieldKey(field) === wanted);
      if (ordered) {
        add('ordering', read);
        break;
      }
    }
  }
  return uses;

  /** Records a name of the value (level 0) or of what holds it; false when the flow should stop there. */
  function addName(flow: Flow, name: string, at: Node): boolean {
    if (flow.level === 0) flow.names.push(name);
    else flow.context.push(name);
    return named(flow, name, at);
  }

  /** Names the value (level 0): decides identity/dedupe by name; false when the flow should stop. */
  function named(flow: Flow, name: string, at: Node): boolean {
    const words = wordsOf(name);
    if (flow.level === 0) {
      if (words.some((w) => STOP_WORDS.has(w))) return false;
      if (words.some((w) => DEDUPE_WORDS.has(w))) add('dedupe', at);
      else if (words.some((w) => IDENTITY_WORDS.has(w) || settings.boundary.has(w)) && ![...flow.names, name].some((n) => isUnixTimeName(wordsOf(n)))) add('identity', at);
      else if (words.some((w) => ID_WORDS.has(w)) && !flow.hasRandom && !hasAny([...flow.names, name], ALLOW_WORDS, settings.allow)) add('identity', at);
      else if (words.some((w) => RATE_LIMIT_WORDS.has(w))) add('rateLimitWindow', at);
    } else {
      if (words.some((w) => STOP_WORDS.has(w)) && flow.level === 1) return false;
      if (flow.isString && words.some((w) => DEDUPE_WORDS.has(w))) add('dedupe', at);
    }
    return true;
  }

  function climb(start: Flow): void {
    let flow: Flow = { ...start, names: [...start.names], context: [...start.context], fields: [...start.fields], siblings: [...start.siblings] };
    let cur: Node = flow.node;
    const { ctx: c } = flow;
    for (let guard = 0; guard < 64; guard++) {
      const parent = cur.parent;
      if (!parent) return;
      switch (parent.type) {
        case 'TSAsExpression':
        case 'TSNonNullExpression':
        case 'TSSatisfiesExpression':
        case 'TSTypeAssertion':
        case 'AwaitExpression':
        case 'ChainExpression':
          cur = parent;
          continue;
        case 'UnaryExpression':
          if (parent.operator === '+' || parent.operator === '-' || parent.operator === '~') {
            cur = parent;
            continue;
          }
          return;
        case 'BinaryExpression': {
          const other = parent.left === cur ? parent.right : parent.left;
          if (['<', '<=', '>', '>='].includes(parent.operator)) {
            compareUse(flow, parent, other);
            return;
          }
          if (['+', '-', '*', '/', '%', '|', '>>', '<<', '>>>', '**'].includes(parent.operator)) {
            if (other.type === 'PrivateIdentifier') return;
            if (parent.operator === '-' && isClockDerived(c, other)) return; // a duration
            if (parent.operator === '+' && isStringy(other)) flow.isString = true;
            if (containsRandom(c, other)) flow.hasRandom = true;
            if (!isConstantLike(c, other)) flow.siblings.push(other);
            cur = parent;
            continue;
          }
          return;
        }
        case 'TemplateLiteral': {
          flow.isString = true;
          if (parent.expressions.some((e) => e !== cur && containsRandom(c, e))) flow.hasRandom = true;
          for (const q of parent.quasis) if (q.value.cooked) flow.context.push(q.value.cooked);
          // `dedupe:${hash}:${bucket}`, `idem:${key}`: the key's own text names its role.
          const text = parent.quasis.map((q) => q.value.cooked ?? '');
          if (hasAny(text, DEDUPE_WORDS)) add('dedupe', parent);
          else if (hasAny(text, RATE_LIMIT_WORDS)) add('rateLimitWindow', parent);
          if (parent.parent.type === 'TaggedTemplateExpression') {
            sqlTemplateUse(flow, parent, cur);
            return;
          }
          cur = parent;
          continue;
        }
        case 'ConditionalExpression':
          if (parent.test === cur) return;
          cur = parent;
          continue;
        case 'LogicalExpression':
          cur = parent;
          continue;
        case 'SequenceExpression':
          if (parent.expressions[parent.expressions.length - 1] !== cur) return;
          cur = parent;
          continue;
        case 'CallExpression':
        case 'NewExpression': {
          if (parent.callee === cur) return;
          const index = parent.arguments.indexOf(cur as TSESTree.CallExpressionArgument);
          if (index < 0) return;
          if (parent.type === 'NewExpression' && isDateConstructor(c, parent)) {
            cur = parent;
            continue;
          }
          if (matchNode(c, parent, 'clock-derivation') || (parent.type === 'CallExpression' && isJsonParseOrStringify(c, parent))) {
            cur = parent;
            continue;
          }
          if (matchNode(c, parent, 'store-compare')) {
            const column = parent.arguments.filter((a) => a !== cur).flatMap((a) => namesOf(c, a));
            storeCompare(flow, parent, fieldOfHolder(parent) ?? (column.length > 0 ? column.join('_') : undefined));
            return;
          }
          const ref = c.resolver.callee(c, parent);
          if (ref) {
            intoParameter(flow, ref.ctx, ref.fn, index);
            return;
          }
          const lockFile = index > 0 ? lockFileWords(c, parent, 'file-write') : undefined;
          if (lockFile) {
            // `fs.writeFile('/shared/x.lock', JSON.stringify({ acquiredAt: Date.now() }))`: a lock file others read.
            state.escaped = true;
            classifyStoreWrite({ ...flow, context: [...flow.context, ...lockFile] }, parent, []);
            return;
          }
          if (isStoreCallee(c, parent.callee)) {
            state.escaped = true;
            storeUse(flow, parent, index);
            return;
          }
          const calleeTrace = traceOf(c, parent.callee);
          if (calleeTrace.root.kind === 'module' || (calleeTrace.root.kind === 'global' && calleeTrace.root.name === 'fetch')) state.escaped = true;
          // A project repository or service (`this.prisma.lease.create(...)` on an injected `PrismaService`):
          // an opaque client whose method is a persistence verb is treated as a store write.
          if (calleeTrace.root.kind === 'module' && calleeTrace.root.module.startsWith('.') && OPAQUE_WRITE.test(calleeTrace.path[calleeTrace.path.length - 1] ?? '')) {
            storeUse(flow, parent, index);
            return;
          }
          // An injected client nothing is known about (`this.redis.set(\`lock:${name}\`, until)` with an untyped
          // `redis` parameter): only names that say lock, lease, version or dedupe make it a boundary.
          const kind = calleeTrace.root.kind;
          if ((kind === 'param' || kind === 'this' || kind === 'unknown') && OPAQUE_WRITE.test(calleeTrace.path[calleeTrace.path.length - 1] ?? '')) {
            const words = [...flow.names, ...flow.fields, ...flow.context, ...namesOf(c, parent.callee).slice(1), ...(index > 0 ? stringWords(c, parent.arguments[0], 0) : [])];
            if (isStrong(words) && !hasAny(words, STOP_WORDS)) add(categoryOf(words, 'ownership'), parent);
            return;
          }
          whereOperatorUse(flow, parent, index);
          return;
        }
        case 'MemberExpression': {
          if (parent.object !== cur) return;
          const method = propertyName(parent);
          const call = parent.parent;
          if (call.type === 'CallExpression' && call.callee === parent && method && DATE_KEEPING_METHODS.has(method)) {
            cur = call;
            continue;
          }
          // `const hold = { heldUntil: Date.now() + ttl }; ... hold.heldUntil`: the field read back is the value.
          if (flow.level === 1 && flow.objectKey !== undefined && method === flow.objectKey && !(call.type === 'CallExpression' && call.callee === parent)) {
            flow = { ...flow, level: 0, objectKey: undefined, arrayIndex: undefined };
            cur = parent;
            continue;
          }
          return;
        }
        case 'Property': {
          if (parent.value !== cur || parent.parent.type !== 'ObjectExpression') return;
          const key = propertyName(parent);
          if (key && MONGO_COMPARE_KEYS.has(key)) {
            storeCompare(flow, parent, outerKey(parent.parent));
            return;
          }
          if (key && PRISMA_COMPARE_KEYS.has(key) && insideWhere(parent.parent)) {
            storeCompare(flow, parent, outerKey(parent.parent));
            return;
          }
          if (parent.computed && !key && matchNode(c, parent.key, 'store-compare')) {
            storeCompare(flow, parent, outerKey(parent.parent));
            return;
          }
          const dynamo = key?.startsWith(':') ? dynamoCompared(parent.parent, key) : undefined;
          if (dynamo) {
            storeCompare(flow, parent, dynamo.column);
            return;
          }
          if (key) {
            seeField(key, parent);
            if (ctx.resolver.importersOf) {
              const type = declaredTypeName(c, parent.parent);
              if (type) typedSeen.push({ field: key, ctx: c, type });
            }
            if (!addName(flow, key, parent)) return;
          }
          flow = { ...flow, level: flow.level + 1, objectKey: key, fields: key ? [key, ...flow.fields] : flow.fields };
          cur = parent.parent;
          continue;
        }
        case 'ArrayExpression':
          flow = { ...flow, level: flow.level + 1, arrayIndex: parent.elements.indexOf(cur as TSESTree.Expression) };
          cur = parent;
          continue;
        case 'SpreadElement':
          // `[...local, ...remote]`: the elements of the array move into the new one, as deep as before.
          if (parent.parent.type !== 'ArrayExpression') return;
          flow = { ...flow, arrayIndex: undefined };
          cur = parent.parent;
          continue;
        case 'VariableDeclarator': {
          if (parent.init !== cur || parent.id.type !== 'Identifier') return;
          if (!isLocalBinding(c, parent.id) && !addName(flow, parent.id.name, parent)) return;
          const variable = scopeIndex(c.file).variableOf(parent.id);
          if (variable) intoReferences(flow, variable, parent.id);
          return;
        }
        case 'AssignmentExpression': {
          if (parent.right !== cur) return;
          assignmentUse(flow, parent);
          return;
        }
        case 'PropertyDefinition': {
          if (parent.value !== cur) return;
          const key = propertyName(parent);
          if (key) intoThisField(flow, parent.parent.parent, key, parent);
          return;
        }
        case 'ReturnStatement': {
          const fn = enclosingFunction(parent);
          const built = fn ? arrayBuiltBy(fn) : undefined;
          if (built) {
            flow = { ...flow, level: flow.level + 1, arrayIndex: undefined, objectKey: undefined };
            cur = built;
            continue;
          }
          if (fn) intoCallers(flow, fn);
          return;
        }
        case 'ArrowFunctionExpression': {
          if (parent.body !== cur) return;
          // `ids.map((id) => ({ id, held_until: until }))`: the array the callback builds holds the value.
          const built = arrayBuiltBy(parent);
          if (built) {
            flow = { ...flow, level: flow.level + 1, arrayIndex: undefined, objectKey: undefined };
            cur = built;
            continue;
          }
          intoCallers(flow, parent);
          return;
        }
        default:
          return;
      }
    }
  }

  function intoReferences(flow: Flow, variable: Scope.Variable, declId: Node): void {
    for (const ref of variable.references) {
      if (ref.identifier === declId || !ref.isRead()) continue;
      enqueue({ ...flow, node: ref.identifier, depth: flow.depth + 1 });
    }
  }

  function intoParameter(flow: Flow, c: CheckContext, fn: FunctionNode, index: number): void {
    if (index >= fn.params.length) return;
    let param: Node = fn.params[index];
    if (param.type === 'TSParameterProperty') {
      const inner = param.parameter.type === 'AssignmentPattern' ? param.parameter.left : param.parameter;
      const cls = enclosingClass(fn);
      if (cls) intoThisField({ ...flow, ctx: c }, cls, inner.name, param);
      return;
    }
    if (param.type === 'AssignmentPattern') param = param.left;
    if (param.type !== 'Identifier') return;
    // Records carried into a function of another file: their fields are handled there (sorted, compared).
    if (c.file.ast !== flow.ctx.file.ast) for (const f of flow.fields) seeField(f, param);
    const next: Flow = { ...flow, ctx: c, names: [...flow.names], context: [...flow.context] };
    const variable = scopeIndex(c.file).variableOf(param);
    if (variable) intoReferences(next, variable, param);
  }

  function intoCallers(flow: Flow, fn: FunctionNode): void {
    const name = hasLocalName(flow.ctx, fn) ? undefined : functionName(fn);
    const next: Flow = { ...flow, names: [...flow.names], context: [...flow.context] };
    if (name && !addName(next, name, fn)) return;
    if (exportedName(fn)) state.escaped = true;
    for (const call of fileFacts(flow.ctx).callers.get(fn) ?? []) {
      enqueue({ ...next, node: call, depth: flow.depth + 1 });
    }
    if (farCallers && farCallers.ctx !== flow.ctx) {
      for (const call of farCallers.calls.get(fn) ?? []) enqueue({ ...next, ctx: farCallers.ctx, node: call, depth: flow.depth + 1 });
    }
  }

  function intoThisField(flow: Flow, cls: Node, name: string, at: Node): void {
    const next: Flow = { ...flow, names: [...flow.names], context: [...flow.context] };
    seeField(name, at);
    if (!addName(next, name, at)) return;
    for (const member of fileFacts(flow.ctx).thisReads.get(cls)?.get(name) ?? []) {
      enqueue({ ...next, node: member, depth: flow.depth + 1 });
    }
  }

  function assignmentUse(flow: Flow, assign: TSESTree.AssignmentExpression): void {
    const left = assign.left;
    if (left.type === 'Identifier') {
      const next: Flow = { ...flow, names: [...flow.names], context: [...flow.context] };
      if (!isLocalBinding(flow.ctx, left) && !addName(next, left.name, assign)) return;
      const variable = scopeIndex(flow.ctx.file).variableOf(left);
      if (variable) intoReferences(next, variable, left);
      return;
    }
    if (left.type !== 'MemberExpression') return;
    const name = propertyName(left);
    if (!name) return;
    if (left.object.type === 'ThisExpression') {
      const cls = enclosingClass(left);
      if (cls) intoThisField(flow, cls, name, assign);
      return;
    }
    // `doc.lockedAt = new Date()` on a record: a field of whatever holds it.
    seeField(name, assign);
    const next: Flow = { ...flow, fields: [name, ...flow.fields], names: [...flow.names], context: [...flow.context, ...namesOf(flow.ctx, left.object)] };
    if (!addName(next, name, assign)) return;
    if (storeOrigin(flow.ctx, left.object, 0)) {
      state.escaped = true;
      classifyStoreWrite(next, assign, []);
      return;
    }
    // `lock.expires = Date.now() + ttl; await redis.set(key, JSON.stringify(lock))`: follow the record.
    const holder = unwrap(left.object);
    if (holder.type !== 'Identifier') return;
    const variable = scopeIndex(flow.ctx.file).variableOf(holder);
    if (!variable) return;
    const contained: Flow = { ...next, level: next.level + 1, objectKey: name, context: [...next.context, holder.name] };
    for (const ref of variable.references) {
      if (!ref.isRead() || ref.identifier === holder) continue;
      if (ref.identifier.range[0] < assign.range[0]) continue;
      const p = ref.identifier.parent;
      if (p.type === 'MemberExpression' && p.object === ref.identifier) continue; // reading a field, not passing the record
      enqueue({ ...contained, node: ref.identifier, depth: flow.depth + 1 });
    }
  }

  /** A relational comparison with the clock value on one side. */
  function compareUse(flow: Flow, cmp: TSESTree.BinaryExpression, other: Node): void {
    const leaves: Node[] = [];
    operandLeaves(flow.ctx, other, leaves, 0);
    for (const s of flow.siblings) operandLeaves(flow.ctx, s, leaves, 0);
    const opNames: string[] = [];
    let shared = false;
    let strongField = false;
    for (const leaf of leaves) {
      if (isClockDerived(flow.ctx, leaf)) continue;
      const names = originNames(flow.ctx, leaf, 0);
      opNames.push(...names, ...sourceKeyWords(flow.ctx, leaf, 0));
      if (storeOrigin(flow.ctx, leaf, 0)) shared = true;
      const bare = unwrap(leaf);
      const f = memberField(leaf) ?? (bare.type === 'Identifier' && !isLocalBinding(flow.ctx, bare) ? fieldKey(bare.name) : undefined);
      if (f && fileFacts(flow.ctx).stored.has(f) && !hasAny([f], ALLOW_WORDS, settings.allow)) strongField = true;
    }
    const words = [...flow.names, ...flow.fields, ...flow.context, ...opNames];
    // Lock words alone do not make a comparison shared (a WebSocket's `lastHeartbeat` lives in one process): the
    // file must also talk to a shared store, where such a lock would live.
    const strong =
      (hasAny(words, STRONG_OWNERSHIP_WORDS) && fileFacts(flow.ctx).hasStore) || hasAny(words, IDENTITY_WORDS, settings.boundary) || hasAny(words, DEDUPE_WORDS);
    const allowed = hasAny(words, ALLOW_WORDS, settings.allow);
    if (strong || ((shared || strongField) && !allowed)) {
      add(categoryOf(words, 'ordering'), cmp);
      return;
    }
    if ((hasAny(words, TOLERANCE_WORDS) || fileFacts(flow.ctx).signatureFns.has(enclosingFunction(cmp))) && !hasAny(words, PROTOCOL_WORDS)) add('signatureTolerance', cmp);
    if (hasAny(words, RATE_LIMIT_WORDS)) add('rateLimitWindow', cmp);
  }

  /** The value is compared inside a store query (`{ lockedAt: { $lte: x } }`, `LessThan(x)`, `col < $1`). */
  function storeCompare(flow: Flow, at: Node, field: string | undefined, sql?: string): void {
    state.escaped = true;
    const words = [...flow.names, ...flow.fields, ...flow.context, ...(field ? [field] : []), ...storeContextNames(flow.ctx, at)];
    const strong = isStrong(words);
    if (hasAny(words, ALLOW_WORDS, settings.allow) && !strong) return;
    // Retention (deleting rows older than a cutoff) and read filters (posts published by now) decide nothing
    // between processes unless the rows are locks, leases, versions or keys; conditional writes do.
    if (!strong && queryKind(at, sql) !== 'write') return;
    add(categoryOf(words, 'ordering'), at);
  }

  /** The value is an argument of a store call. */
  function storeUse(flow: Flow, call: CallLike, index: number): void {
    // Key of a key-value write: `redis.set(FENCE_KEY, token)`, `redis.setnx(\`lock.${name}\`, until)`.
    const keyWords = index > 0 ? stringWords(flow.ctx, call.arguments[0], 0) : [];
    const calleeWords = namesOf(flow.ctx, call.callee).slice(1); // the model or table, not the method name
    const context = [...keyWords, ...calleeWords];
    // A time-bucket key used with a counter or a dedupe marker.
    if (index === 0 && flow.isString) {
      if (matchNode(flow.ctx, call, 'counter-op')) add('rateLimitWindow', call);
      const dedupe = matchNode(flow.ctx, call, 'dedupe-op');
      if (dedupe && (!dedupe.facts?.requiresArgument || call.arguments.some((a) => a.type === 'Literal' && String(a.value).toUpperCase() === dedupe.facts?.requiresArgument))) {
        if (!hasAny([...flow.names, ...flow.context], RATE_LIMIT_WORDS)) add('dedupe', call);
      }
    }
    // A Redis Lua script that compares the argument (`if tonumber(redis.call('GET', KEYS[1])) < tonumber(ARGV[1])`).
    if (luaCompares(flow.ctx, call, index)) {
      storeCompare({ ...flow, context: [...flow.context, ...context] }, call, undefined);
      return;
    }
    // SQL parameters.
    let column: string | undefined;
    const sql = sqlOf(flow.ctx, call);
    if (sql !== undefined) {
      const offsets =
        flow.arrayIndex !== undefined && flow.level >= 1
          ? placeholderOffsets(sql, flow.arrayIndex)
          : flow.objectKey
            ? namedPlaceholderOffsets(sql, flow.objectKey)
            : [];
      for (const o of offsets) {
        const use = placeholderUse(sql, o);
        if (use.column) column = use.column;
        if (use.compared) {
          storeCompare({ ...flow, context: [...flow.context, ...context, ...(use.column ? [use.column] : []), ...tableWords(sql)] }, call, use.column, sql);
          return;
        }
      }
    }
    whereOperatorUse(flow, call, index);
    if (index === 0 && flow.isString && sql === undefined) return; // the time is in the key itself: counters and markers above
    // A SQL parameter whose column is known is named by that column, not by the rest of the statement (the
    // words of \`INSERT ... (idempotency_key, ..., requested_at) ... ON CONFLICT (idempotency_key)\` are not the
    // role of the value written to requested_at).
    const around = sql !== undefined && column !== undefined ? calleeWords : context;
    classifyStoreWrite({ ...flow, context: [...flow.context, ...around, ...(sql ? tableWords(sql) : [])] }, call, column ? [column] : []);
  }

  /** `.where('expires_at', '<', value)` on a query builder. */
  function whereOperatorUse(flow: Flow, call: CallLike, index: number): void {
    if (call.type !== 'CallExpression' || index !== 2 || call.arguments.length !== 3) return;
    const callee = unwrap(call.callee);
    const method = callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
    const [col, op] = call.arguments;
    if (!method || !/^(?:where|andWhere|orWhere|having|whereDate)$/.test(method)) return;
    if (op.type !== 'Literal' || !['<', '<=', '>', '>='].includes(String(op.value))) return;
    storeCompare(flow, call, col.type === 'Literal' ? String(col.value) : undefined);
  }

  /** A value written to a shared store: a boundary when its name, field, key or column names a role. */
  function classifyStoreWrite(flow: Flow, at: Node, columns: string[]): void {
    const valueWords = [...flow.names, ...flow.fields, ...columns];
    const words = [...valueWords, ...flow.context];
    const strong = isStrong(words);
    if (hasAny(words, ALLOW_WORDS, settings.allow) && !strong) return;
    if (strong || hasAny(words, EXPIRY_WORDS)) {
      add(categoryOf(words, 'ownership'), at);
      return;
    }
    // An id or number column filled with the time (`INSERT INTO invoices (number) VALUES ($1)`, `order_no`).
    if (!flow.hasRandom && columns.some((col) => ID_WORDS.has(wordsOf(col).at(-1) ?? ''))) {
      add('identity', at);
      return;
    }
    for (const col of [...columns, ...flow.fields]) {
      if (fileFacts(flow.ctx).ordered.has(fieldKey(col))) {
        add('ordering', at);
        return;
      }
    }
    if (hasAny(words, RATE_LIMIT_WORDS)) add('rateLimitWindow', at);
  }

  function sqlTemplateUse(flow: Flow, tpl: TSESTree.TemplateLiteral, expr: Node): void {
    const index = tpl.expressions.indexOf(expr as TSESTree.Expression);
    let sql = '';
    let offset = -1;
    tpl.quasis.forEach((q, i) => {
      sql += q.value.cooked ?? q.value.raw;
      if (i < tpl.expressions.length) {
        if (i === index) offset = sql.length;
        sql += `$${i + 1}`;
      }
    });
    if (!isSql(sql) || offset < 0) return;
    state.escaped = true;
    const use = placeholderUse(sql, { offset, length: String(index + 1).length + 1 });
    if (use.compared) {
      storeCompare({ ...flow, context: [...flow.context, ...tableWords(sql)] }, tpl.parent, use.column, sql);
      return;
    }
    classifyStoreWrite({ ...flow, context: [...flow.context, ...tableWords(sql)] }, tpl.parent, use.column ? [use.column] : []);
  }

  function categoryOf(words: readonly string[], fallback: Category): Category {
    if (hasAny(words, DEDUPE_WORDS)) return 'dedupe';
    if (hasAny(words, STRONG_OWNERSHIP_WORDS) && !hasAny(words, new Set(['fence', 'fencing']))) return 'ownership';
    if (hasAny(words, IDENTITY_WORDS, settings.boundary)) return 'identity';
    if (hasAny(words, EXPIRY_WORDS)) return 'ownership';
    return fallback;
  }

  function isStrong(words: readonly string[]): boolean {
    return hasAny(words, STRONG_OWNERSHIP_WORDS) || hasAny(words, IDENTITY_WORDS, settings.boundary) || hasAny(words, DEDUPE_WORDS);
  }
}

/** `epochSeconds`, `nowEpochMs`, `unixEpoch`: "epoch" meaning Unix time, not a leadership epoch. */
function isUnixTimeName(words: readonly string[]): boolean {
  return words.includes('epoch') && words.some((w) => UNIX_TIME_WORDS.has(w));
}

const UNIX_TIME_WORDS: ReadonlySet<string> = new Set(['now', 'current', 'unix', 'sec', 'secs', 'seconds', 'ms', 'millis', 'milliseconds', 'time', 'timestamp', 'ts', 'at']);

function hasAny(names: readonly string[], set: ReadonlySet<string>, extra?: ReadonlySet<string>): boolean {
  for (const name of names) {
    for (const w of wordsOf(name)) if (set.has(w) || (extra?.has(w) ?? false)) return true;
  }
  return false;
}

function isJsonParseOrStringify(ctx: CheckContext, call: TSESTree.CallExpression): boolean {
  const t = traceOf(ctx, call.callee);
  return t.root.kind === 'global' && t.root.name === 'JSON' && t.path.length === 1 && (t.path[0] === 'stringify' || t.path[0] === 'parse');
}

function isStringy(node: Node): boolean {
  const n = unwrap(node);
  return (n.type === 'Literal' && typeof n.value === 'string') || n.type === 'TemplateLiteral';
}

/** A literal, a local constant holding literal arithmetic (`const TTL = 10 * 60_000`), or an imported CONSTANT. */
function isConstantLike(ctx: CheckContext, node: Node, depth = 0): boolean {
  const n = unwrap(node);
  if (n.type === 'Literal') return true;
  if (n.type === 'BinaryExpression') return depth < 4 && n.left.type !== 'PrivateIdentifier' && isConstantLike(ctx, n.left, depth + 1) && isConstantLike(ctx, n.right, depth + 1);
  if (n.type !== 'Identifier') return false;
  if (!isLocalBinding(ctx, n)) return /^[A-Z][A-Z0-9_]*$/.test(n.name);
  const variable = scopeIndex(ctx.file).variableOf(n);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  return def?.type === 'Variable' && def.parent.kind === 'const' && def.node.init !== null && depth < 4 && isConstantLike(ctx, def.node.init, depth + 1);
}

function containsRandom(ctx: CheckContext, raw: Node): boolean {
  const node = unwrap(raw);
  if (node.type === 'CallExpression' || node.type === 'NewExpression') {
    if (matchNode(ctx, node, 'random-source') || matchNode(ctx, node.callee, 'random-source')) return true;
    const callee = unwrap(node.callee);
    if (callee.type === 'MemberExpression') return containsRandom(ctx, callee.object);
    return node.arguments.some((a) => containsRandom(ctx, a));
  }
  if (node.type === 'BinaryExpression') return (node.left.type !== 'PrivateIdentifier' && containsRandom(ctx, node.left)) || containsRandom(ctx, node.right);
  if (node.type === 'TemplateLiteral') return node.expressions.some((e) => containsRandom(ctx, e));
  if (node.type === 'Identifier') {
    const variable = scopeIndex(ctx.file).variableOf(node);
    const def = variable?.defs[0];
    if (variable?.defs.length === 1 && def?.type === 'Variable' && def.node.init && def.node.init !== node) {
      const init = unwrap(def.node.init);
      if (init.type === 'CallExpression' || init.type === 'NewExpression' || init.type === 'TemplateLiteral') return containsRandom(ctx, init);
    }
  }
  return false;
}

/** Leaves of an operand expression: identifiers, member chains and calls that are not arithmetic wrappers. */
function operandLeaves(ctx: CheckContext, raw: Node, out: Node[], depth: number): void {
  if (depth > 8) return;
  const node = unwrap(raw);
  switch (node.type) {
    case 'BinaryExpression':
      if (node.left.type !== 'PrivateIdentifier') operandLeaves(ctx, node.left, out, depth + 1);
      operandLeaves(ctx, node.right, out, depth + 1);
      return;
    case 'UnaryExpression':
      operandLeaves(ctx, node.argument, out, depth + 1);
      return;
    case 'Literal':
    case 'TemplateLiteral':
      return;
    case 'CallExpression':
      if (matchNode(ctx, node, 'clock-derivation') || matchNode(ctx, node.callee, 'clock-derivation')) {
        for (const a of node.arguments) operandLeaves(ctx, a, out, depth + 1);
        return;
      }
      if (node.callee.type === 'MemberExpression' && DATE_KEEPING_METHODS.has(propertyName(node.callee) ?? '')) {
        operandLeaves(ctx, node.callee.object, out, depth + 1);
        return;
      }
      out.push(node);
      return;
    case 'NewExpression':
      if (isDateConstructor(ctx, node) && node.arguments.length > 0) {
        operandLeaves(ctx, node.arguments[0], out, depth + 1);
        return;
      }
      out.push(node);
      return;
    default:
      if (node.type === 'Identifier' && /^[A-Z][A-Z0-9_]*$/.test(node.name)) {
        out.push(node); // constants keep their names (`TOLERANCE_SEC`)
        return;
      }
      out.push(node);
  }
}

const LOCAL_DEFS: ReadonlySet<string> = new Set(['Variable', 'Parameter', 'FunctionName', 'CatchClause']);

/**
 * Is the identifier a local binding (a variable, parameter, function or catch parameter that is not exported)?
 * Its name is the author's choice and renaming it changes nothing the program does, so it never decides a
 * finding: only names others can see do (fields, keys, columns, tables, exported and imported names, members).
 */
function isLocalBinding(ctx: CheckContext, id: TSESTree.Identifier): boolean {
  const memo = memoOf<Node, boolean>(ctx, 'wall-clock.local-binding');
  const hit = memo.get(id);
  if (hit !== undefined) return hit;
  const variable = scopeIndex(ctx.file).variableOf(id);
  let local = false;
  if (variable && variable.defs.length > 0) {
    local =
      variable.defs.every((def) => LOCAL_DEFS.has(def.type) && !isExportedDeclaration(def.node)) &&
      !variable.references.some((ref) => ref.identifier.parent.type === 'ExportSpecifier');
  }
  memo.set(id, local);
  return local;
}

function isExportedDeclaration(node: Node): boolean {
  let at: Node = node;
  for (let guard = 0; guard < 6; guard++) {
    if (at.type === 'ExportNamedDeclaration' || at.type === 'ExportDefaultDeclaration') return true;
    if (at.type !== 'VariableDeclarator' && at.type !== 'VariableDeclaration' && at.type !== 'FunctionDeclaration') return false;
    at = at.parent;
  }
  return false;
}

/** The property a destructured binding was taken from (`const { expiresAt: e } = lock` -> expiresAt): a field name. */
function destructuredKey(ctx: CheckContext, id: TSESTree.Identifier): string | undefined {
  const variable = scopeIndex(ctx.file).variableOf(id);
  const name = variable?.defs.length === 1 ? variable.defs[0].name : undefined;
  if (!name) return undefined;
  let node: Node = name;
  if (node.parent.type === 'AssignmentPattern' && node.parent.left === node) node = node.parent;
  const p = node.parent;
  if (p.type === 'Property' && p.value === node && p.parent.type === 'ObjectPattern') return propertyName(p);
  return undefined;
}

/** Is a function's name a local binding (a non-exported function declaration or a function held in a local)? */
function hasLocalName(ctx: CheckContext, fn: FunctionNode): boolean {
  if ((fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression') && fn.id) {
    if (fn.type === 'FunctionExpression' && fn.parent.type !== 'VariableDeclarator') return true; // a named function expression's own name
    return isLocalBinding(ctx, fn.id);
  }
  const parent = fn.parent;
  if (parent.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return isLocalBinding(ctx, parent.id);
  return false;
}

/** Identifier and property names along an expression (`this.locks.get(k).expiresAt` -> locks, get, expiresAt). */
function namesOf(ctx: CheckContext, raw: Node): string[] {
  const out: string[] = [];
  let node: Node = unwrap(raw);
  for (let guard = 0; guard < 12; guard++) {
    if (node.type === 'Identifier') {
      if (!isLocalBinding(ctx, node)) out.push(node.name);
      else {
        const key = destructuredKey(ctx, node);
        if (key) out.push(key);
      }
      return out;
    }
    if (node.type === 'MemberExpression') {
      const name = propertyName(node);
      if (name) out.push(name);
      node = unwrap(node.object);
      continue;
    }
    if (node.type === 'CallExpression') {
      // `snap.get('expiresAt')`, `row.get('locked_until')`: the field is the argument.
      const first = node.arguments.length > 0 ? node.arguments[0] : undefined;
      if (first?.type === 'Literal' && typeof first.value === 'string' && first.value.length < 64 && !isSql(first.value)) out.push(first.value);
      if (first?.type === 'TemplateLiteral') for (const q of first.quasis) if (q.value.cooked && q.value.cooked.length < 64 && !isSql(q.value.cooked)) out.push(q.value.cooked);
      node = unwrap(node.callee);
      continue;
    }
    if (node.type === 'NewExpression') {
      node = unwrap(node.callee);
      continue;
    }
    return out;
  }
  return out;
}

/** Names along an operand and where it came from (`entry.expiresAt` with `entry = JSON.parse(await redis.get(\`cache:${k}\`))`). */
function originNames(ctx: CheckContext, raw: Node, depth: number): string[] {
  const node = unwrap(raw);
  const out = namesOf(ctx, node);
  if (depth > 3) return out;
  let base: Node = node;
  for (let guard = 0; guard < 12; guard++) {
    if (base.type === 'MemberExpression') base = unwrap(base.object);
    else if (base.type === 'CallExpression') {
      for (const a of base.arguments) {
        if (unwrap(a).type === 'Identifier') out.push(...originNames(ctx, a, depth + 1));
        else out.push(...stringWords(ctx, a, 2).filter((w) => w.length < 64 && !isSql(w)));
      }
      base = unwrap(base.callee);
    } else break;
  }
  if (base.type === 'Identifier') {
    const variable = scopeIndex(ctx.file).variableOf(base);
    const def = variable?.defs[0];
    if (def?.type === 'Variable' && def.node.init) out.push(...originNames(ctx, def.node.init, depth + 1));
    // `store.get('leader:until').then((until) => ...)`: the parameter is what the promise resolves to.
    if (def?.type === 'Parameter') {
      const fn = def.node;
      const call = fn.parent;
      if (call.type === 'CallExpression' && call.arguments[0] === fn && fn.params[0] === def.name) {
        const callee = unwrap(call.callee);
        if (callee.type === 'MemberExpression' && propertyName(callee) === 'then') out.push(...originNames(ctx, callee.object, depth + 1));
      }
    }
  }
  return out;
}

/** Words of a key argument: a string, a template, or a constant holding one. */
function stringWords(ctx: CheckContext, raw: Node | undefined, depth: number): string[] {
  if (!raw || depth > 3) return [];
  const node = unwrap(raw);
  if (node.type === 'Literal' && typeof node.value === 'string') return [node.value];
  if (node.type === 'TemplateLiteral') {
    return [...node.quasis.map((q) => q.value.cooked ?? ''), ...node.expressions.flatMap((e) => stringWords(ctx, e, depth + 1))];
  }
  if (node.type === 'BinaryExpression' && node.operator === '+') {
    return [...stringWords(ctx, node.left, depth + 1), ...stringWords(ctx, node.right, depth + 1)];
  }
  if (node.type === 'Identifier') {
    const variable = scopeIndex(ctx.file).variableOf(node);
    const def = variable?.defs[0];
    const own = isLocalBinding(ctx, node) ? [] : [node.name];
    if (def?.type === 'Variable' && def.node.init) return [...own, ...stringWords(ctx, def.node.init, depth + 1)];
    return own;
  }
  if (node.type === 'MemberExpression' || node.type === 'CallExpression') return namesOf(ctx, node);
  return [];
}

/** The SQL text a store call runs, if one of its arguments (or a `{ text }` config) is SQL. */
function sqlOf(ctx: CheckContext, call: CallLike): string | undefined {
  for (const arg of call.arguments) {
    const text = constantString(ctx, arg, 0);
    if (text !== undefined && isSql(text)) return text;
    const a = unwrap(arg);
    if (a.type === 'ObjectExpression') {
      for (const p of a.properties) {
        if (p.type === 'Property' && (propertyName(p) === 'text' || propertyName(p) === 'sql')) {
          const t = constantString(ctx, p.value, 0);
          if (t !== undefined && isSql(t)) return t;
        }
      }
    }
  }
  return undefined;
}

function constantString(ctx: CheckContext, raw: Node, depth: number): string | undefined {
  if (depth > 3) return undefined;
  const node = unwrap(raw);
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral') return node.quasis.map((q) => q.value.cooked ?? q.value.raw).join('?');
  if (node.type === 'Identifier') {
    const variable = scopeIndex(ctx.file).variableOf(node);
    const def = variable?.defs[0];
    if (variable?.defs.length === 1 && def?.type === 'Variable' && def.node.init) return constantString(ctx, def.node.init, depth + 1);
  }
  return undefined;
}

/** Is argument `index` of `redis.eval(script, numKeys, ...keys, ...args)` compared inside the script? */
function luaCompares(ctx: CheckContext, call: CallLike, index: number): boolean {
  const callee = unwrap(call.callee);
  if (callee.type !== 'MemberExpression' || !/^(?:eval|evalsha|evalSha)$/.test(propertyName(callee) ?? '')) return false;
  if (call.arguments.length < 2) return false;
  const script = constantString(ctx, call.arguments[0], 0);
  const numKeys = unwrap(call.arguments[1]);
  if (script === undefined || numKeys.type !== 'Literal' || typeof numKeys.value !== 'number') return false;
  const argv = index - 2 - numKeys.value + 1;
  if (argv < 1) return false;
  const text = script.replace(/tonumber\(\s*(ARGV\[\d+\])\s*\)/g, '$1');
  const re = new RegExp(`ARGV\\[${argv}\\]`, 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (placeholderUse(text, { offset: m.index, length: m[0].length }).compared) return true;
  }
  return false;
}

/** Table names of a query (`INSERT INTO leases`, `UPDATE locks`, `FROM sessions`). */
function tableWords(sql: string): string[] {
  const out: string[] = [];
  const re = /\b(?:into|update|from|join)\s+([\w."]+)/gi;
  for (let m = re.exec(sql); m; m = re.exec(sql)) out.push(m[1].replace(/"/g, ''));
  return out;
}

/** Names around a store comparison: the call's callee chain (`Session.deleteMany`, `prisma.lease.updateMany`). */
function storeContextNames(ctx: CheckContext, at: Node): string[] {
  let node: Node | undefined = at;
  for (let guard = 0; node && guard < 12; guard++) {
    if (node.type === 'CallExpression' || node.type === 'NewExpression') return namesOf(ctx, node.callee);
    node = node.parent;
  }
  return [];
}

/** The class a node belongs to, or the file's Program for module-level code and plain functions. */
function scopeOf(_ctx: CheckContext, node: Node): Node {
  return enclosingClass(node) ?? programOf(node);
}

const DELETE_METHOD = /^(?:del|delete|deleteMany|deleteOne|destroy|remove|removeMany|findOneAndDelete|findOneAndRemove|findByIdAndDelete|purge|prune|truncate|DeleteItemCommand|DeleteCommand)$/;
const READ_METHOD =
  /^(?:find|findOne|findMany|findFirst|findUnique|findAll|findAndCount|findBy|findOneBy|findById|count|countDocuments|aggregate|exists|select|selectFrom|first|pluck|scan|distinct|QueryCommand|ScanCommand|GetItemCommand|GetCommand)$/;
const WRITE_METHOD =
  /^(?:update|updateOne|updateMany|findOneAndUpdate|findByIdAndUpdate|findOneAndReplace|replaceOne|upsert|insert|insertOne|insertMany|save|create|createMany|put|set|merge|onConflict|bulkWrite|increment|UpdateItemCommand|PutItemCommand|UpdateCommand|PutCommand|TransactWriteItemsCommand|TransactWriteCommand)$/;

/**
 * What kind of query a store comparison sits in: a conditional write (`updateOne`, `UPDATE ... WHERE`,
 * `ON CONFLICT ... WHERE`, a DynamoDB `ConditionExpression`), a read filter, or a deletion.
 */
function queryKind(at: Node, sql: string | undefined): 'write' | 'read' | 'delete' {
  if (sql !== undefined) {
    if (/^\s*delete\b/i.test(sql)) return 'delete';
    if (/^\s*select\b/i.test(sql) && !/\bfor\s+update\b/i.test(sql)) return 'read';
    return 'write';
  }
  let node: Node | undefined = at;
  for (let guard = 0; node && guard < 16; guard++) {
    let method: string | undefined;
    if (node.type === 'CallExpression' || node.type === 'NewExpression') {
      const callee = unwrap(node.callee);
      method = callee.type === 'MemberExpression' ? propertyName(callee) : callee.type === 'Identifier' ? callee.name : undefined;
    } else if (node.type === 'MemberExpression' && node.parent.type === 'CallExpression' && node.parent.callee === node) {
      method = propertyName(node);
    }
    if (method && DELETE_METHOD.test(method)) return 'delete';
    if (method && WRITE_METHOD.test(method)) return 'write';
    if (method && READ_METHOD.test(method)) return 'read';
    if (node.type.endsWith('Statement') || node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression') break;
    node = node.parent;
  }
  return 'write';
}

/** The key of the property holding an object (`{ lockedAt: { $lte: x } }` -> lockedAt). */
function outerKey(obj: TSESTree.ObjectExpression): string | undefined {
  const holder = obj.parent;
  return holder.type === 'Property' ? propertyName(holder) : undefined;
}

function fieldOfHolder(call: CallLike): string | undefined {
  const holder = call.parent;
  return holder.type === 'Property' && holder.value === call ? propertyName(holder) : undefined;
}

/** Is an object inside a `where` clause (Prisma `where: { expiresAt: { lt: now } }`)? */
function insideWhere(obj: TSESTree.ObjectExpression): boolean {
  let node: Node = obj;
  for (let i = 0; i < 4; i++) {
    const p: Node | undefined = node.parent;
    if (!p) return false;
    if (p.type === 'Property' && /^(?:where|AND|OR|NOT)$/.test(propertyName(p) ?? '')) return true;
    node = p;
  }
  return false;
}

/** A DynamoDB `ExpressionAttributeValues` key compared in a sibling `ConditionExpression`/`KeyConditionExpression`. */
function dynamoCompared(values: TSESTree.ObjectExpression, key: string): { column: string | undefined } | undefined {
  const holder = values.parent;
  if (holder.type !== 'Property' || propertyName(holder) !== 'ExpressionAttributeValues' || holder.parent.type !== 'ObjectExpression') return undefined;
  const names = new Map<string, string>();
  for (const p of holder.parent.properties) {
    if (p.type !== 'Property' || propertyName(p) !== 'ExpressionAttributeNames' || p.value.type !== 'ObjectExpression') continue;
    for (const q of p.value.properties) {
      if (q.type === 'Property' && q.value.type === 'Literal') names.set((propertyName(q) ?? '').replace(/^#/, ''), String(q.value.value));
    }
  }
  for (const p of holder.parent.properties) {
    if (p.type !== 'Property' || !/Expression$/.test(propertyName(p) ?? '') || p.value.type !== 'Literal' || typeof p.value.value !== 'string') continue;
    const text = p.value.value.replace(/#(\w+)/g, (_m, n: string) => names.get(n) ?? n);
    for (const at of namedPlaceholderOffsets(text, key.slice(1))) {
      const use = placeholderUse(text, at);
      if (use.compared) return { column: use.column };
    }
  }
  return undefined;
}

function functionName(fn: FunctionNode): string | undefined {
  if (fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression') {
    if (fn.id) return fn.id.name;
  }
  const parent = fn.parent;
  if (parent.type === 'MethodDefinition' || parent.type === 'Property' || parent.type === 'PropertyDefinition') return propertyName(parent);
  if (parent.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  return undefined;
}
