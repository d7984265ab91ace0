/**
 * Records of a declared type (an interface or a type alias) followed across files. A clock value stamped into
 * a field of an object literal whose type is declared (`(): DomainEvent => ({ ..., occurredAt: Date.now() })`)
 * meets a sort or comparison of that field on records of the same declared type in another file
 * (`batch: DomainEvent[]; [...batch].sort((a, b) => a.occurredAt - b.occurredAt)`). Types are identified by
 * where they are declared (file and exported name), through imports: never by a bare name.
 *
 * Cross-file only: it needs the resolver's `moduleOf` and `importersOf`, which the analyzer implements.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { propertyName, unwrap } from './origin.js';
import { perFileCache } from './file-cache.js';
import { scopeIndex } from './scope.js';
import type { CheckContext, Node } from './types.js';

/** A declared type: the file that declares it and the name it is exported under. */
export interface TypeKey {
  ctx: CheckContext;
  name: string;
}

/** `T`, `T[]`, `readonly T[]`, `Array<T>`, `ReadonlyArray<T>`, `Promise<T>`: the name of T, or undefined. */
function referenceName(type: TSESTree.TypeNode | undefined, element: boolean): string | undefined {
  if (!type) return undefined;
  if (type.type === 'TSTypeOperator' && type.operator === 'readonly') return referenceName(type.typeAnnotation, element);
  if (element && type.type === 'TSArrayType') return referenceName(type.elementType, false);
  if (type.type !== 'TSTypeReference' || type.typeName.type !== 'Identifier') return undefined;
  const name = type.typeName.name;
  const args = type.typeArguments?.params ?? [];
  if (element) return (name === 'Array' || name === 'ReadonlyArray') && args.length === 1 ? referenceName(args[0], false) : undefined;
  if (name === 'Promise' && args.length === 1) return referenceName(args[0], false);
  return args.length === 0 ? name : undefined;
}

function annotationOf(node: Node | undefined): TSESTree.TypeNode | undefined {
  if (!node) return undefined;
  if (node.type === 'Identifier' || node.type === 'ArrayPattern' || node.type === 'ObjectPattern') return node.typeAnnotation?.typeAnnotation;
  if (node.type === 'AssignmentPattern') return annotationOf(node.left);
  return undefined;
}

/**
 * The declared type of an object literal, by name: `{...} satisfies T`, `{...} as T`, `const x: T = {...}`,
 * `return {...}` (or an arrow's body) in a function declared to return `T` or `Promise<T>`, `xs.push({...})`
 * into an array declared `T[]`.
 */
export function declaredTypeName(ctx: CheckContext, obj: TSESTree.ObjectExpression): string | undefined {
  const parent = obj.parent;
  // `records.push({...})` into an array declared `T[]` (a variable, a parameter or a class field).
  if (parent.type === 'CallExpression' && parent.arguments.includes(obj) && parent.callee.type === 'MemberExpression' && !parent.callee.computed) {
    const method = parent.callee.property.type === 'Identifier' ? parent.callee.property.name : '';
    return method === 'push' || method === 'unshift' ? recordType(ctx, parent.callee.object, true) : undefined;
  }
  if (parent.type === 'TSSatisfiesExpression' || parent.type === 'TSAsExpression') return referenceName(parent.typeAnnotation, false);
  if (parent.type === 'VariableDeclarator' && parent.init === obj) return referenceName(annotationOf(parent.id), false);
  let fn: Node | undefined;
  if (parent.type === 'ReturnStatement') {
    for (let cur: Node | undefined = parent.parent; cur; cur = cur.parent) {
      if (cur.type === 'FunctionDeclaration' || cur.type === 'FunctionExpression' || cur.type === 'ArrowFunctionExpression') {
        fn = cur;
        break;
      }
    }
  } else if (parent.type === 'ArrowFunctionExpression' && parent.body === obj) {
    fn = parent;
  }
  if (fn && (fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression' || fn.type === 'ArrowFunctionExpression')) return referenceName(fn.returnType?.typeAnnotation, false);
  return undefined;
}

function declaresType(statement: Node, name: string): boolean {
  return (statement.type === 'TSInterfaceDeclaration' || statement.type === 'TSTypeAliasDeclaration') && statement.id.name === name;
}

/**
 * Where the type `name`, as written in the file of `ctx`, is declared: this file (an interface or type alias
 * declared here) or the project file it is imported from (`import type { T } from './t.js'`, one level of
 * `export { T } from` followed). Undefined for global, library and unknown types.
 */
export function typeKeyOf(ctx: CheckContext, name: string, depth = 0): TypeKey | undefined {
  if (depth > 4) return undefined;
  for (const statement of ctx.file.ast.body) {
    const decl = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (decl && declaresType(decl, name)) return { ctx, name };
    if (statement.type === 'ImportDeclaration' || (statement.type === 'ExportNamedDeclaration' && statement.source && depth > 0)) {
      for (const spec of statement.specifiers) {
        const local = spec.type === 'ExportSpecifier' ? spec.exported : spec.local;
        if (local.type !== 'Identifier' || local.name !== name) continue;
        const imported = spec.type === 'ImportSpecifier' ? spec.imported : spec.type === 'ExportSpecifier' ? spec.local : undefined;
        if (!imported || imported.type !== 'Identifier') return undefined;
        const target = ctx.resolver.moduleOf?.(ctx, statement.source.value);
        return target ? typeKeyOf(target, imported.name, depth + 1) : undefined;
      }
    }
  }
  return undefined;
}

/** The local name a file uses for a declared type: the declaring file's own name, or an importer's local name. */
function localNamesOf(key: TypeKey): { ctx: CheckContext; local: string }[] {
  return [{ ctx: key.ctx, local: key.name }, ...(key.ctx.resolver.importersOf?.(key.ctx, key.name) ?? [])];
}

/**
 * Per resolver (one run): type key + field -> ordered anywhere; a widely imported type is scanned once per
 * field. (The analyzer's cache still sees what the answer rests on: the reverse lookup is an edge of its
 * dependency closure.)
 */
const orderedCache = new WeakMap<object, Map<string, boolean>>();

/**
 * Are records of the declared type `key` sorted or compared by a field that `same` accepts, in its own file or
 * in any file importing it?
 */
export function isFieldOrdered(key: TypeKey, field: string, same: (a: string, b: string) => boolean): boolean {
  let cache = orderedCache.get(key.ctx.resolver);
  if (!cache) {
    cache = new Map();
    orderedCache.set(key.ctx.resolver, cache);
  }
  const id = `${key.ctx.file.path}\0${key.name}\0${field}`;
  let hit = cache.get(id);
  if (hit === undefined) {
    hit = localNamesOf(key).some(({ ctx, local }) => [...(typedOrderings(ctx).get(local) ?? [])].some((f) => same(f, field)));
    cache.set(id, hit);
  }
  return hit;
}

const orderingCache = perFileCache<Map<string, Set<string>>>();

/** The declared type (local name) of the records an expression holds, element-wise when `element`. */
function recordType(ctx: CheckContext, raw: Node, element: boolean, depth = 0): string | undefined {
  if (depth > 4) return undefined;
  let node = unwrap(raw);
  if (element) {
    // `[...batch]`, `batch.slice()`, `buffer.splice(0)`, `Array.from(batch)`
    if (node.type === 'ArrayExpression' && node.elements.length === 1 && node.elements[0]?.type === 'SpreadElement') node = unwrap(node.elements[0].argument);
    else if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && !node.callee.computed && node.callee.property.type === 'Identifier') {
      const method = node.callee.property.name;
      if (method === 'slice' || method === 'splice' || method === 'filter' || method === 'concat') node = unwrap(node.callee.object);
      else if (method === 'from' && node.callee.object.type === 'Identifier' && node.callee.object.name === 'Array' && node.arguments[0]) node = unwrap(node.arguments[0]);
    }
  }
  // `this.buffer`: the class field's (or parameter property's) declared type.
  if (node.type === 'MemberExpression' && node.object.type === 'ThisExpression' && !node.computed && node.property.type === 'Identifier') {
    return referenceName(classFieldType(node, node.property.name), element);
  }
  if (node.type !== 'Identifier') return undefined;
  const variable = scopeIndex(ctx.file).variableOf(node);
  const def = variable?.defs[0];
  if (!def) return undefined;
  const declared = annotationOf(def.name);
  if (declared) return referenceName(declared, element);
  // `const batch = this.buffer.splice(0)`: the type of what initialized it.
  if (def.node.type === 'VariableDeclarator' && def.node.id === def.name && def.node.init && def.node.parent.kind === 'const') return recordType(ctx, def.node.init, element, depth + 1);
  return undefined;
}

/** The declared type of field `name` of the class around `at` (a field or a constructor parameter property). */
function classFieldType(at: Node, name: string): TSESTree.TypeNode | undefined {
  let cls: Node | undefined = at.parent;
  while (cls && cls.type !== 'ClassBody') cls = cls.parent;
  if (!cls) return undefined;
  for (const member of cls.body) {
    if (member.type === 'PropertyDefinition' && !member.computed && member.key.type === 'Identifier' && member.key.name === name) return member.typeAnnotation?.typeAnnotation;
    if (member.type === 'MethodDefinition' && member.kind === 'constructor') {
      for (const param of member.value.params) {
        if (param.type === 'TSParameterProperty' && param.parameter.type === 'Identifier' && param.parameter.name === name) return param.parameter.typeAnnotation?.typeAnnotation;
      }
    }
  }
  return undefined;
}

/** Field names two records of one declared type are ordered by in this file, per local type name. */
export function typedOrderings(ctx: CheckContext): ReadonlyMap<string, ReadonlySet<string>> {
  const hit = orderingCache.get(ctx.file.ast);
  if (hit) return hit;
  const out = new Map<string, Set<string>>();
  const add = (type: string | undefined, field: string | undefined) => {
    if (!type || !field) return;
    const set = out.get(type) ?? new Set<string>();
    set.add(field);
    out.set(type, set);
  };
  const fieldOf = (raw: Node): { object: Node; field: string } | undefined => {
    const node = unwrap(raw);
    if (node.type !== 'MemberExpression' || node.computed || node.property.type !== 'Identifier') return undefined;
    return { object: node.object, field: node.property.name };
  };
  // `a.f < b.f` with `a` or `b` declared of type T.
  for (const cmp of ctx.index.comparisons) {
    if (cmp.operator !== '<' && cmp.operator !== '<=' && cmp.operator !== '>' && cmp.operator !== '>=') continue;
    const l = fieldOf(cmp.left);
    const r = fieldOf(cmp.right);
    if (l && r && l.field === r.field) add(recordType(ctx, l.object, false) ?? recordType(ctx, r.object, false), l.field);
  }
  // `xs.sort((a, b) => a.f - b.f)` with `a: T` or `xs: T[]`.
  for (const call of ctx.index.calls) {
    const callee = unwrap(call.callee);
    if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') continue;
    if (callee.property.name !== 'sort' && callee.property.name !== 'toSorted') continue;
    const cmpFn = call.arguments[0] as Node | undefined;
    if (!cmpFn || (cmpFn.type !== 'ArrowFunctionExpression' && cmpFn.type !== 'FunctionExpression') || cmpFn.params.length !== 2) continue;
    const type = referenceName(annotationOf(cmpFn.params[0]), false) ?? recordType(ctx, callee.object, true);
    if (!type) continue;
    // A field read from both records (`a.f - b.f`): listed once per read.
    const reads = comparatorFields(cmpFn);
    for (const field of new Set(reads)) if (reads.indexOf(field) !== reads.lastIndexOf(field)) add(type, field);
  }
  orderingCache.set(ctx.file.ast, out);
  return out;
}

/** Fields a two-parameter comparator compares: `a.ts - b.ts`, `a.at < b.at`, `x.seq.localeCompare(y.seq)`. */
export function comparatorFields(fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression): string[] {
  const params = new Set(fn.params.map((p) => (p.type === 'Identifier' ? p.name : '')));
  const out: string[] = [];
  const stack: Node[] = [fn.body];
  let budget = 200;
  while (stack.length > 0 && budget-- > 0) {
    const node = stack.pop() as Node;
    if (node.type === 'MemberExpression') {
      const base = unwrap(node.object);
      const name = propertyName(node);
      if (base.type === 'Identifier' && params.has(base.name) && name) out.push(name);
      stack.push(node.object);
      continue;
    }
    for (const key of ['left', 'right', 'argument', 'expression', 'callee', 'object', 'test', 'consequent', 'alternate', 'body']) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (child && typeof (child as Node).type === 'string') stack.push(child as Node);
    }
    if (node.type === 'CallExpression') for (const a of node.arguments) stack.push(a);
    if (node.type === 'BlockStatement') for (const s of node.body) stack.push(s);
    if (node.type === 'SequenceExpression') for (const e of node.expressions) stack.push(e);
  }
  return out;
}
