import type { TSESTree } from '@typescript-eslint/utils';
import type { Scope } from '@typescript-eslint/utils/ts-eslint';
import type { FrameworkCallback, Specifier, TypeRole } from './catalog/types.js';
import { filePathMatches, normalizeModule, pathMatches, pathMatchesWithHead } from './path-pattern.js';
import { packageMatches, SpecifierIndex } from './spec-index.js';
import { isGlobalVariable, scopeIndex } from './scope.js';
import type { CheckContext, ClassNode, FunctionNode, Node } from './types.js';
import { caught } from './safety-net.js';
import { memoOf } from './memo.js';

/**
 * Where a value comes from. Checkers never look at bare names: they ask for the trace of a value and match
 * it against catalog specifiers.
 */
export type Root =
  /** `import x from 'm'`, `require('m')`, `await import('m')`: the module object (default and namespace alike). */
  | { kind: 'module'; module: string }
  /** An unshadowed global: `Date`, `JSON`, `fetch`, `Promise`, `process`, `setTimeout`, `Request` (as a type). */
  | { kind: 'global'; name: string }
  /** A value a known framework hands to a callback (`res` of an express route), or typed as such. */
  | { kind: 'role'; role: string; framework: string }
  /** A parameter of a function nothing is known about. */
  | { kind: 'param'; fn: FunctionNode; index: number }
  /** A function defined in the file (declaration, expression, arrow, method). */
  | { kind: 'function'; fn: FunctionNode }
  /** A class defined in the file. */
  | { kind: 'class'; cls: ClassNode }
  /** An object literal in the file. */
  | { kind: 'object'; node: TSESTree.ObjectExpression }
  /** A literal value (string, number, template, array literal). */
  | { kind: 'literal'; node: Node }
  /** `this` inside a class whose field could not be resolved further. */
  | { kind: 'this'; cls: ClassNode | undefined }
  | { kind: 'unknown'; node: Node | undefined };

export interface Trace {
  root: Root;
  /** Steps after the root: property names, `()` call, `new`, `#` instance of a declared type, `[]` element. */
  path: readonly string[];
}

const MAX_DEPTH = 24;
const UNKNOWN: Trace = { root: { kind: 'unknown', node: undefined }, path: [] };


/** The trace of an expression (or a pattern identifier, or a type node). Memoized per node. */
export function traceOf(ctx: CheckContext, node: Node): Trace {
  return trace(ctx, node, 0);
}

function trace(ctx: CheckContext, node: Node, depth: number): Trace {
  const memo = memoOf<Node, Trace | null>(ctx, 'origin.trace');
  const hit = memo.get(node);
  if (hit) return hit;
  if (hit === undefined && ctx.resolver.contextOf) {
    // A node of another file (analyzer): trace it with its own file's scopes.
    const owner = ctx.resolver.contextOf(node);
    if (owner && owner !== ctx) return trace(owner, node, depth);
  }
  if (hit === null || depth > MAX_DEPTH) return { root: { kind: 'unknown', node }, path: [] }; // cycle or too deep
  memo.set(node, null);
  let result: Trace;
  try {
    result = normalize(ctx, compute(ctx, node, depth + 1), depth + 1);
    if ((result.root.kind === 'param' || result.root.kind === 'unknown') && ctx.types) result = typedTrace(ctx, node) ?? result;
  } catch (error) {
    caught(error);
    result = { root: { kind: 'unknown', node }, path: [] };
  }
  memo.set(node, result);
  return result;
}

/** With type information: the declared type of a value the syntax could not place (`typeOrigin`). */
function typedTrace(ctx: CheckContext, node: Node): Trace | undefined {
  const origin = ctx.types?.typeOrigin(node);
  if (!origin) return undefined;
  const root: Root = origin.module === '' ? { kind: 'global', name: origin.name } : { kind: 'module', module: normalizeModule(origin.module) };
  return applyTypeRole(ctx, { root, path: root.kind === 'global' ? ['#'] : [origin.name, '#'] });
}

/** Strips wrappers that do not change the value: TS assertions, `await`, parentheses, optional chains. */
export function unwrap(node: Node): Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case 'TSAsExpression':
      case 'TSNonNullExpression':
      case 'TSSatisfiesExpression':
      case 'TSTypeAssertion':
      case 'TSInstantiationExpression':
        current = current.expression;
        break;
      case 'AwaitExpression':
        current = current.argument;
        break;
      case 'ChainExpression':
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

/** The trace one step further (the hot case: no rest array, no spread). */
function extend(base: Trace, step: string): Trace {
  const from = base.path;
  const path: string[] = new Array<string>(from.length + 1);
  for (let i = 0; i < from.length; i++) path[i] = from[i];
  path[from.length] = step;
  return { root: base.root, path };
}

function extendAll(base: Trace, steps: readonly string[]): Trace {
  return steps.length === 0 ? base : { root: base.root, path: base.path.concat(steps) };
}

/** Name of a non-computed (or string-literal computed) member/property key. */
export function propertyName(node: TSESTree.MemberExpression | TSESTree.Property | TSESTree.PropertyDefinition | TSESTree.MethodDefinition | TSESTree.TSAbstractMethodDefinition | TSESTree.TSAbstractPropertyDefinition): string | undefined {
  const key = node.type === 'MemberExpression' ? node.property : node.key;
  if (!node.computed) {
    if (key.type === 'Identifier') return key.name;
    if (key.type === 'PrivateIdentifier') return `#${key.name}`;
  }
  if (key.type === 'Literal' && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  if (key.type === 'TemplateLiteral' && key.expressions.length === 0) return key.quasis[0].value.cooked ?? undefined;
  return undefined;
}

function compute(ctx: CheckContext, raw: Node, depth: number): Trace {
  const node = unwrap(raw);
  switch (node.type) {
    case 'Identifier':
      return traceIdentifier(ctx, node, depth);
    case 'ThisExpression':
      return { root: { kind: 'this', cls: enclosingClass(node) }, path: [] };
    case 'MemberExpression': {
      const name = propertyName(node) ?? '[]';
      return extend(trace(ctx, node.object, depth), name);
    }
    case 'CallExpression': {
      const callee = unwrap(node.callee);
      if (callee.type === 'Identifier' && callee.name === 'require' && node.arguments.length > 0) {
        const variable = scopeIndex(ctx.file).variableOf(callee);
        const arg = node.arguments[0];
        if (isGlobalVariable(variable) && arg.type === 'Literal' && typeof arg.value === 'string') {
          return { root: { kind: 'module', module: normalizeModule(arg.value) }, path: [] };
        }
      }
      return extend(trace(ctx, node.callee, depth), '()');
    }
    case 'NewExpression':
      return extend(trace(ctx, node.callee, depth), 'new');
    case 'ImportExpression':
      if (node.source.type === 'Literal' && typeof node.source.value === 'string') {
        return { root: { kind: 'module', module: normalizeModule(node.source.value) }, path: [] };
      }
      return { root: { kind: 'unknown', node }, path: [] };
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
    case 'FunctionDeclaration':
      return { root: { kind: 'function', fn: node }, path: [] };
    case 'ClassExpression':
    case 'ClassDeclaration':
      return { root: { kind: 'class', cls: node }, path: [] };
    case 'ObjectExpression':
      return { root: { kind: 'object', node }, path: [] };
    case 'Literal':
    case 'TemplateLiteral':
    case 'ArrayExpression':
      return { root: { kind: 'literal', node }, path: [] };
    case 'LogicalExpression': {
      const left = trace(ctx, node.left, depth);
      // A value cached on the global object says nothing about what it is: `globalThis.prisma ?? new PrismaClient()`.
      const cachedOnGlobal = left.root.kind === 'global' && (left.root.name === 'globalThis' || left.root.name === 'global') && left.path.length > 0;
      if (left.root.kind !== 'unknown' && left.root.kind !== 'literal' && !cachedOnGlobal) return left;
      const right = trace(ctx, node.right, depth);
      return right.root.kind !== 'unknown' ? right : left;
    }
    case 'ConditionalExpression': {
      const a = trace(ctx, node.consequent, depth);
      if (a.root.kind !== 'unknown' && a.root.kind !== 'literal') return a;
      const b = trace(ctx, node.alternate, depth);
      return b.root.kind !== 'unknown' ? b : a;
    }
    case 'SequenceExpression':
      return trace(ctx, node.expressions[node.expressions.length - 1], depth);
    case 'AssignmentExpression':
      return trace(ctx, node.right, depth);
    case 'TSTypeReference':
      return traceTypeReference(ctx, node, depth);
    case 'TSTypeAnnotation':
      return trace(ctx, node.typeAnnotation, depth);
    default:
      return { root: { kind: 'unknown', node }, path: [] };
  }
}

/** Type annotation -> trace of the named type plus `#` (an instance of it). */
function traceTypeReference(ctx: CheckContext, node: TSESTree.TSTypeReference, depth: number): Trace {
  const base = traceTypeName(ctx, node.typeName, depth);
  return extend(base, '#');
}

function traceTypeName(ctx: CheckContext, name: TSESTree.EntityName, depth: number): Trace {
  if (name.type === 'Identifier') {
    const variable = scopeIndex(ctx.file).variableOf(name);
    if (variable === undefined || variable === null || isGlobalVariable(variable)) return { root: { kind: 'global', name: name.name }, path: [] };
    return traceVariable(ctx, variable, name, depth);
  }
  if (name.type === 'TSQualifiedName') return extend(traceTypeName(ctx, name.left, depth), name.right.name);
  return UNKNOWN;
}

function traceIdentifier(ctx: CheckContext, id: TSESTree.Identifier, depth: number): Trace {
  const variable = scopeIndex(ctx.file).variableOf(id);
  if (variable === undefined) {
    // Not a reference the scope manager knows (e.g. a declaration identifier): look it up as a definition.
    return { root: { kind: 'unknown', node: id }, path: [] };
  }
  if (variable === null || isGlobalVariable(variable)) return { root: { kind: 'global', name: id.name }, path: [] };
  return traceVariable(ctx, variable, id, depth);
}

/** The trace of what a variable holds. */
export function traceVariable(ctx: CheckContext, variable: Scope.Variable, from: Node, depth = 0): Trace {
  const def = variable.defs[0];
  switch (def.type) {
    case 'ImportBinding': {
      const spec = def.node;
      const decl = def.parent;
      if (decl.type !== 'ImportDeclaration') {
        // `import x = require('m')`
        if (spec.type === 'TSImportEqualsDeclaration' && spec.moduleReference.type === 'TSExternalModuleReference') {
          const expr = spec.moduleReference.expression;
          return { root: { kind: 'module', module: normalizeModule(expr.value) }, path: [] };
        }
        return { root: { kind: 'unknown', node: from }, path: [] };
      }
      const module = normalizeModule(decl.source.value);
      const local = isRelativeModule(module);
      if (spec.type === 'ImportSpecifier') {
        const name = importedName(spec);
        // A package's default export is its module object (CommonJS interop); a project file's is `default`.
        return { root: { kind: 'module', module }, path: name === 'default' && !local ? [] : [name] };
      }
      if (spec.type === 'ImportDefaultSpecifier' && local) return { root: { kind: 'module', module }, path: ['default'] };
      return { root: { kind: 'module', module }, path: [] };
    }
    case 'Variable': {
      const declarator = def.node;
      let base: Trace;
      if (declarator.init) {
        base = trace(ctx, declarator.init, depth);
      } else {
        const parent = declarator.parent.parent;
        if ((parent.type === 'ForOfStatement' || parent.type === 'ForInStatement') && parent.left === declarator.parent) {
          base = extend(trace(ctx, parent.right, depth), '[]');
        } else {
          const single = singleWrite(variable);
          base = single ? trace(ctx, single, depth) : { root: { kind: 'unknown', node: from }, path: [] };
        }
      }
      const inner = patternPath(declarator.id, def.name);
      if (inner === undefined) return { root: { kind: 'unknown', node: from }, path: [] };
      if (base.root.kind === 'unknown' && declarator.id.type === 'Identifier' && declarator.id.typeAnnotation) {
        const typed = trace(ctx, declarator.id.typeAnnotation, depth);
        if (typed.root.kind !== 'unknown') return applyTypeRole(ctx, typed);
      }
      return extendAll(base, inner);
    }
    case 'Parameter':
      return traceParameter(ctx, def.node as FunctionNode, def.name, depth);
    case 'FunctionName':
      // `declare function f(): T;` has no body to look into: what it returns is known from its type alone.
      if (def.node.type === 'TSDeclareFunction' || (def.node as { body?: unknown }).body == null) return { root: { kind: 'unknown', node: from }, path: [] };
      return { root: { kind: 'function', fn: def.node as FunctionNode }, path: [] };
    case 'ClassName':
      return { root: { kind: 'class', cls: def.node }, path: [] };
    default:
      return { root: { kind: 'unknown', node: from }, path: [] };
  }
}

/** `./x`, `../x`, `/abs/x`: a file of the project rather than a package. */
export function isRelativeModule(module: string): boolean {
  return module.startsWith('.') || module.startsWith('/');
}

function importedName(spec: TSESTree.ImportSpecifier): string {
  return spec.imported.type === 'Identifier' ? spec.imported.name : spec.imported.value;
}

/** The only write of a `let`/`var` without initializer, if there is exactly one. */
function singleWrite(variable: Scope.Variable): Node | undefined {
  const writes = variable.references.filter((r) => r.isWrite() && r.writeExpr);
  return writes.length === 1 ? (writes[0].writeExpr as Node) : undefined;
}

/** Steps from a destructuring pattern's root to the identifier `target` (`{ a: { b } }` -> ['a', 'b']). */
export function patternPath(pattern: Node, target: Node): string[] | undefined {
  if (pattern === target) return [];
  switch (pattern.type) {
    case 'Identifier':
      return undefined;
    case 'ObjectPattern':
      for (const prop of pattern.properties) {
        if (prop.type === 'RestElement') {
          const inner = patternPath(prop.argument, target);
          if (inner) return inner;
          continue;
        }
        const inner = patternPath(prop.value, target);
        if (inner) {
          const name = propertyName(prop);
          return [name ?? '[]', ...inner];
        }
      }
      return undefined;
    case 'ArrayPattern':
      for (const el of pattern.elements) {
        if (!el) continue;
        const inner = patternPath(el, target);
        if (inner) return ['[]', ...inner];
      }
      return undefined;
    case 'AssignmentPattern':
      return patternPath(pattern.left, target);
    case 'RestElement':
      return patternPath(pattern.argument, target);
    case 'TSParameterProperty':
      return patternPath(pattern.parameter, target);
    default:
      return undefined;
  }
}

/** The parameter node (top level) of `fn` that contains `name`. */
function paramIndexOf(fn: FunctionNode, name: Node): number {
  for (let i = 0; i < fn.params.length; i++) {
    if (patternPath(fn.params[i], name) !== undefined) return i;
  }
  return -1;
}

function paramTypeAnnotation(param: Node): TSESTree.TSTypeAnnotation | undefined {
  switch (param.type) {
    case 'Identifier':
    case 'ObjectPattern':
    case 'ArrayPattern':
    case 'RestElement':
      return param.typeAnnotation;
    case 'AssignmentPattern':
      return param.left.typeAnnotation;
    case 'TSParameterProperty':
      return paramTypeAnnotation(param.parameter);
    default:
      return undefined;
  }
}

function paramDecorators(param: Node): TSESTree.Decorator[] {
  if (param.type === 'TSParameterProperty') return param.decorators;
  if ('decorators' in param && Array.isArray(param.decorators)) return param.decorators;
  return [];
}

function traceParameter(ctx: CheckContext, fn: FunctionNode, name: Node, depth: number): Trace {
  const index = paramIndexOf(fn, name);
  if (index < 0) return { root: { kind: 'unknown', node: name }, path: [] };
  const param = fn.params[index];
  const inner = patternPath(param, name) ?? [];
  const base = parameterBase(ctx, fn, index, depth);
  return extendAll(base, inner);
}

/** The trace of a whole parameter: framework role, decorator role, declared type, or an opaque parameter. */
export function parameterBase(ctx: CheckContext, fn: FunctionNode, index: number, depth = 0): Trace {
  const memo = memoOf<FunctionNode, Map<number, Trace>>(ctx, 'origin.param');
  let perFn = memo.get(fn);
  const hit = perFn?.get(index);
  if (hit) return hit;
  if (!perFn) {
    perFn = new Map();
    memo.set(fn, perFn);
  }
  perFn.set(index, { root: { kind: 'param', fn, index }, path: [] }); // cycle guard
  const result = computeParameterBase(ctx, fn, index, depth);
  perFn.set(index, result);
  return result;
}

function computeParameterBase(ctx: CheckContext, fn: FunctionNode, index: number, depth: number): Trace {
  const param = fn.params[index];
  // 1. Decorators (NestJS `@Res() res`).
  for (const decorator of paramDecorators(param)) {
    const t = applyTypeRole(ctx, extend(trace(ctx, decorator.expression, depth), '@'));
    if (t.root.kind === 'role') return t;
  }
  // 2. The framework that calls this function.
  const registration = registrationOf(ctx, fn);
  if (registration) {
    const { framework } = registration;
    const roles =
      framework.paramsWithError && fn.params.length === framework.paramsWithError.length
        ? framework.paramsWithError
        : framework.params;
    const role = roles[index];
    if (role) return { root: { kind: 'role', role, framework: framework.id }, path: [] };
  }
  // 3. The declared type.
  const annotation = paramTypeAnnotation(param);
  if (annotation) {
    const typed = trace(ctx, annotation, depth);
    if (typed.root.kind !== 'unknown') return applyTypeRole(ctx, typed);
  }
  return { root: { kind: 'param', fn, index }, path: [] };
}

/** Type roles and framework registrars by the roots their specifiers can match. */
const typeIndex = new SpecifierIndex<TypeRole>((t) => t.type);
const registrarIndex = new SpecifierIndex<FrameworkCallback>((f) => f.registrar);

/** If a type trace names a type with a role in the catalog, the role; otherwise the trace itself. */
function applyTypeRole(ctx: CheckContext, typed: Trace): Trace {
  for (const t of typeIndex.candidates(ctx.catalog.types, typed.root)) {
    if (specifierMatches(t.type, typed)) return { root: { kind: 'role', role: t.role, framework: t.id }, path: [] };
  }
  return typed;
}

/** Does a trace match a catalog specifier? */
export function specifierMatches(spec: Specifier, t: Trace): boolean {
  const root = t.root;
  switch (spec.from) {
    case 'package':
      return root.kind === 'module' && packageMatches(spec.package, root.module) && pathMatches(spec.path, t.path);
    case 'lib':
      // The path of a `lib` specifier starts with the global's name.
      return root.kind === 'global' && pathMatchesWithHead(spec.path, root.name, t.path);
    case 'role':
      return root.kind === 'role' && (typeof spec.role === 'string' ? spec.role === root.role : spec.role.includes(root.role)) && pathMatches(spec.path, t.path);
    default:
      return false;
  }
}

export interface Registration {
  framework: FrameworkCallback;
  /** The registering call (undefined for export-registered handlers such as Lambda's `handler`). */
  call: TSESTree.CallExpression | TSESTree.NewExpression | undefined;
}

/** Which framework calls `fn`, if any: it is passed to a registrar (directly, by name, or inside a wrapper) or exported under a known name. */
export function registrationOf(ctx: CheckContext, fn: FunctionNode): Registration | undefined {
  const memo = memoOf<FunctionNode, Registration | null>(ctx, 'origin.registration');
  const hit = memo.get(fn);
  if (hit !== undefined) return hit ?? undefined;
  memo.set(fn, null);
  let result: Registration | undefined;
  const sites = usesAsValue(ctx, fn);
  for (const site of sites) {
    result = registrationAt(ctx, site, 0);
    if (result) break;
  }
  if (!result) result = exportRegistration(ctx, fn, sites) ?? classRegistration(ctx, fn) ?? factoryRegistration(ctx, fn);
  memo.set(fn, result ?? null);
  return result;
}

/**
 * A handler made by a factory of the file: `fn` is what a function returns (`return (req, res) => {...}`, or an
 * arrow's body), and a call of that function is registered (`app.post('/orders', handlerFor(db))`,
 * `http.createServer(server.listener())`): the registrar calls what the factory returns.
 */
function factoryRegistration(ctx: CheckContext, fn: FunctionNode): Registration | undefined {
  const parent = fn.parent;
  let factory: FunctionNode | undefined;
  if (parent.type === 'ArrowFunctionExpression' && parent.body === fn) factory = parent;
  else if (parent.type === 'ReturnStatement' && parent.argument === fn) factory = enclosingFunction(parent);
  if (!factory) return undefined;
  for (const site of usesAsValue(ctx, factory)) {
    const call = site.parent;
    if (call?.type !== 'CallExpression' || call.callee !== site) continue;
    const registration = registrationAt(ctx, call, 0);
    if (registration) return registration;
  }
  return undefined;
}

/**
 * The nodes where `fn` is used: the function expression itself, references to its name, and the members that name a
 * method (or field) of it (`this.m`, `instance.m`), whether passed on or called (a factory's calls, for `registrationOf`).
 */
function usesAsValue(ctx: CheckContext, fn: FunctionNode): Node[] {
  const sites: Node[] = [fn];
  const sIndex = scopeIndex(ctx.file);
  let nameId: TSESTree.Identifier | undefined;
  if (fn.type === 'FunctionDeclaration' && fn.id) nameId = fn.id;
  else if (fn.parent.type === 'VariableDeclarator' && fn.parent.id.type === 'Identifier') nameId = fn.parent.id;
  if (nameId) sites.push(...readsOfName(ctx, nameId));
  // A method of an object literal held in a variable: `const orders = { create(req, res) {...} }` is used as
  // `router.post('/orders', orders.create)`.
  const prop = fn.parent;
  if (prop.type === 'Property' && prop.value === fn && prop.parent.type === 'ObjectExpression') {
    const holder = prop.parent.parent;
    const key = propertyName(prop);
    if (key && holder.type === 'VariableDeclarator' && holder.init === prop.parent && holder.id.type === 'Identifier') {
      const variable = sIndex.variableOf(holder.id);
      if (variable) {
        for (const ref of variable.references) {
          const member = ref.identifier.parent;
          if (member.type === 'MemberExpression' && member.object === ref.identifier && propertyName(member) === key) sites.push(member);
        }
      }
    }
  }
  // A method of a class (or an arrow function in a field, `create = async (req, res) => {...}`) used through `this`:
  // `consumer.run({ eachMessage: this.handle.bind(this) })`; or through an instance the file makes and keeps in a
  // constant: `const rpc = new RpcServer(); http.createServer(rpc.listener())`, `router.post('/', orders.create)`.
  const method = fn.parent;
  if (
    (method.type === 'MethodDefinition' && !method.static && method.kind === 'method') ||
    (method.type === 'PropertyDefinition' && !method.static && method.value === fn)
  ) {
    const name = propertyName(method);
    const cls = method.parent.parent;
    if (name) {
      for (const member of ctx.index.thisMembers) {
        if (propertyName(member) === name && enclosingClass(member) === cls) sites.push(member);
      }
      for (const instance of instancesOf(ctx, cls)) {
        for (const ref of instance.references) {
          const member = ref.identifier.parent;
          if (member.type === 'MemberExpression' && member.object === ref.identifier && propertyName(member) === name) sites.push(member);
        }
      }
    }
  }
  // `fn.bind(thisArg)` is the function the registrar receives.
  return sites.map((site) => {
    const parent = site.parent;
    if (parent?.type === 'MemberExpression' && parent.object === site && propertyName(parent) === 'bind' && parent.parent.type === 'CallExpression' && parent.parent.callee === parent) {
      return parent.parent;
    }
    return site;
  });
}

/** Constants the file initializes with `new Cls(...)` of a class declared in it (by name). */
function instancesOf(ctx: CheckContext, cls: ClassNode): Scope.Variable[] {
  if (!cls.id) return [];
  const sIndex = scopeIndex(ctx.file);
  const classVariable = sIndex.variableOf(cls.id);
  if (!classVariable) return [];
  const instances: Scope.Variable[] = [];
  for (const ref of classVariable.references) {
    const made = ref.identifier.parent;
    if (made.type !== 'NewExpression' || made.callee !== ref.identifier) continue;
    const declarator = made.parent;
    if (declarator.type !== 'VariableDeclarator' || declarator.init !== made || declarator.id.type !== 'Identifier' || declarator.parent.kind !== 'const') continue;
    const instance = sIndex.variableOf(declarator.id);
    if (instance) instances.push(instance);
  }
  return instances;
}

function registrationAt(ctx: CheckContext, site: Node, wrappers: number): Registration | undefined {
  let node: Node = site;
  let parent = node.parent;
  while (parent && (parent.type === 'TSAsExpression' || parent.type === 'TSSatisfiesExpression')) {
    node = parent;
    parent = node.parent;
  }
  if (!parent) return undefined;
  let property: string | undefined;
  let holder: Node = node;
  if (parent.type === 'Property' && parent.value === node && parent.parent.type === 'ObjectExpression') {
    property = propertyName(parent);
    holder = parent.parent;
    parent = holder.parent;
  }
  if (parent.type !== 'CallExpression' && parent.type !== 'NewExpression') return undefined;
  const argIndex = parent.arguments.indexOf(holder as TSESTree.CallExpressionArgument);
  if (argIndex < 0) return undefined;
  const calleeTrace = trace(ctx, parent.callee, 0);
  for (const framework of registrarIndex.candidates(ctx.catalog.frameworks, calleeTrace.root)) {
    if (!framework.registrar || !specifierMatches(framework.registrar, calleeTrace)) continue;
    if (!filePathMatches(framework.files, ctx.file.path)) continue;
    if (framework.args && framework.args !== 'any' && !framework.args.includes(argIndex)) continue;
    const wanted = framework.property === undefined ? undefined : typeof framework.property === 'string' ? [framework.property] : framework.property;
    if (wanted ? property === undefined || !wanted.includes(property) : property !== undefined) continue;
    if (framework.event !== undefined) {
      const first = parent.arguments.at(0);
      const events = typeof framework.event === 'string' ? [framework.event] : framework.event;
      if (first?.type !== 'Literal' || !events.includes(String(first.value))) continue;
    }
    return { framework, call: parent };
  }
  // A wrapper such as `asyncHandler(fn)` passed on to a registrar: the registrar calls what the wrapper returns.
  if (property === undefined && wrappers < 2 && parent.type === 'CallExpression' && calleeTrace.root.kind !== 'role') {
    return registrationAt(ctx, parent, wrappers + 1);
  }
  return undefined;
}

/**
 * A framework that calls `fn` because of the name it is exported under (Lambda's `handler`, a Next.js API route's
 * `default`), directly or through wrappers. `sites`: `usesAsValue`.
 */
function exportRegistration(ctx: CheckContext, fn: FunctionNode, sites: readonly Node[]): Registration | undefined {
  const names = [exportedName(fn), ...exportedLater(fn, sites), ...exportedThroughWrappers(ctx, sites)];
  for (const name of names) {
    if (!name) continue;
    for (const framework of ctx.catalog.frameworks) {
      if (framework.exportNames?.includes(name) && filePathMatches(framework.files, ctx.file.path)) return { framework, call: undefined };
    }
  }
  return undefined;
}

/** Methods whose callback argument is not what the call's result calls (`p.then(fn)` is a promise). */
const NOT_WRAPPERS = new Set(['then', 'catch', 'finally', 'call', 'apply', 'bind']);

/**
 * Names a function is exported under through wrappers that call it with the framework's arguments:
 * `export const handler = middy(main).use(cors())`, `export default withAuth(handler)`,
 * `module.exports = withSentry(handler)`. At most two wrappers, each a call that takes the function (or the
 * previous wrapper) as an argument; method calls chained on a wrapper's result (`.use(...)`) are its result too.
 */
function exportedThroughWrappers(ctx: CheckContext, sites: readonly Node[]): string[] {
  const names: string[] = [];
  for (const site of sites) {
    let value: Node = site;
    let wrappers = 0;
    for (;;) {
      const parent: Node | undefined = value.parent;
      if (!parent) break;
      if (wrappers < 2 && parent.type === 'CallExpression' && parent.callee !== value && parent.arguments.includes(value as TSESTree.CallExpressionArgument)) {
        const callee = parent.callee;
        if (callee.type === 'MemberExpression' && NOT_WRAPPERS.has(propertyName(callee) ?? '')) break;
        value = parent;
        wrappers++;
        continue;
      }
      if (wrappers > 0 && parent.type === 'MemberExpression' && parent.object === value && parent.parent.type === 'CallExpression' && parent.parent.callee === parent) {
        value = parent.parent;
        continue;
      }
      break;
    }
    if (wrappers === 0) continue;
    const direct = exportedName(value);
    if (direct) names.push(direct);
    names.push(...exportedLater(value, referencesOfDeclared(ctx, value)));
  }
  return names;
}

/** Where the constant or variable that `value` initializes is read (`const handler = middy(main)`), if it is one. */
function referencesOfDeclared(ctx: CheckContext, value: Node): Node[] {
  const declarator = value.parent;
  if (declarator?.type !== 'VariableDeclarator' || declarator.init !== value || declarator.id.type !== 'Identifier') return [];
  return readsOfName(ctx, declarator.id);
}

/** The references to the variable a declared name (`nameId`) declares, other than the declaration itself. */
function readsOfName(ctx: CheckContext, nameId: TSESTree.Identifier): Node[] {
  const variable = scopeIndex(ctx.file).variableOf(nameId);
  const reads: Node[] = [];
  if (variable) for (const ref of variable.references) if (ref.identifier !== nameId) reads.push(ref.identifier);
  return reads;
}

/**
 * Names a named function (or value) is exported under by a later statement, given where it is used (`sites`):
 * `export { handler }`, `export { main as handler }`, `export const POST = create`, `export default handler`,
 * `module.exports = { handler }`, `module.exports = handler`, `exports.handler = handler`, `module.exports.handler = main`.
 */
function exportedLater(value: Node, sites: readonly Node[]): string[] {
  const names: string[] = [];
  for (const site of sites) {
    if (site === value) continue;
    const parent = site.parent;
    if (!parent) continue;
    // Where a site is written as an export is an export of it (`export default handler`, `export const POST = create`,
    // `exports.handler = main`, `module.exports = handler`).
    const direct = exportedName(site);
    if (direct) {
      names.push(direct);
    } else if (parent.type === 'ExportSpecifier' && parent.local === site) {
      names.push(parent.exported.type === 'Identifier' ? parent.exported.name : parent.exported.value);
    } else if (parent.type === 'Property' && parent.value === site && parent.parent.type === 'ObjectExpression') {
      const holder = parent.parent.parent;
      if (holder.type === 'AssignmentExpression' && holder.right === parent.parent && isModuleExports(holder.left)) {
        const key = propertyName(parent);
        if (key) names.push(key);
      }
    }
  }
  return names;
}

function isModuleExports(node: Node): boolean {
  return node.type === 'MemberExpression' && node.object.type === 'Identifier' && node.object.name === 'module' && propertyName(node) === 'exports';
}

function classRegistration(ctx: CheckContext, fn: FunctionNode): Registration | undefined {
  const method = fn.parent;
  if (method.type !== 'MethodDefinition' || method.kind !== 'method') return undefined;
  const cls = method.parent.parent;
  for (const framework of ctx.catalog.frameworks) {
    const spec = framework.methodOf;
    if (!spec || !filePathMatches(framework.files, ctx.file.path)) continue;
    const hasClass = cls.decorators.some((d) => specifierMatches(spec.classDecorator, trace(ctx, d.expression, 0)));
    if (!hasClass) continue;
    const methodDecorator = spec.methodDecorator;
    if (methodDecorator && !method.decorators.some((d) => specifierMatches(methodDecorator, trace(ctx, d.expression, 0)))) continue;
    return { framework, call: undefined };
  }
  return undefined;
}

/**
 * The name under which a function (or another value) is exported where it is written (ESM or CommonJS), if it is:
 * `default` for `export default` and `module.exports =`.
 */
export function exportedName(fn: Node): string | undefined {
  const parent = fn.parent;
  if (!parent) return undefined;
  if (fn.type === 'FunctionDeclaration' && fn.id && parent.type === 'ExportNamedDeclaration') return fn.id.name;
  if (parent.type === 'ExportDefaultDeclaration') return 'default';
  if (parent.type === 'AssignmentExpression' && parent.right === fn && isModuleExports(parent.left)) return 'default';
  if (parent.type === 'VariableDeclarator' && parent.init === fn && parent.id.type === 'Identifier') {
    const decl = parent.parent;
    if (decl.parent.type === 'ExportNamedDeclaration') return parent.id.name;
  }
  if (parent.type === 'AssignmentExpression' && parent.right === fn && parent.left.type === 'MemberExpression') {
    const left = parent.left;
    const obj = left.object;
    if ((obj.type === 'Identifier' && obj.name === 'exports') || isModuleExports(obj)) return propertyName(left);
  }
  return undefined;
}

/** The class whose `this` a node sees (through arrow functions; a plain function has its own `this`). */
export function enclosingClass(node: Node): ClassNode | undefined {
  let current: Node | undefined = node.parent;
  while (current) {
    if (current.type === 'ClassBody') return current.parent;
    if ((current.type === 'FunctionExpression' || current.type === 'FunctionDeclaration') && current.parent.type !== 'MethodDefinition' && current.parent.type !== 'TSAbstractMethodDefinition') {
      if (current.parent.type !== 'PropertyDefinition') return undefined;
    }
    current = current.parent;
  }
  return undefined;
}

/** Members of a class by name: methods, fields (value or declared type), constructor parameter properties, `this.x = v` assignments. */
interface ClassMembers {
  methods: Map<string, FunctionNode>;
  staticMethods: Map<string, FunctionNode>;
  /** What a field holds: initializers, assigned values, or a type annotation. */
  fields: Map<string, Node[]>;
}

export function classMembers(ctx: CheckContext, cls: ClassNode): ClassMembers {
  const memo = memoOf<ClassNode, ClassMembers>(ctx, 'origin.class');
  const hit = memo.get(cls);
  if (hit) return hit;
  const members: ClassMembers = { methods: new Map(), staticMethods: new Map(), fields: new Map() };
  const addField = (name: string, value: Node) => {
    const list = members.fields.get(name) ?? [];
    list.push(value);
    members.fields.set(name, list);
  };
  for (const el of cls.body.body) {
    if (el.type === 'MethodDefinition') {
      const name = propertyName(el);
      if (!name) continue;
      if (el.kind === 'constructor') {
        for (const p of el.value.params) {
          if (p.type === 'TSParameterProperty') {
            const id = p.parameter.type === 'AssignmentPattern' ? p.parameter.left : p.parameter;
            addField(id.name, id);
          }
        }
      }
      if (el.value.type === 'FunctionExpression') (el.static ? members.staticMethods : members.methods).set(name, el.value);
    } else if (el.type === 'PropertyDefinition') {
      const name = propertyName(el);
      if (!name) continue;
      if (el.value && (el.value.type === 'ArrowFunctionExpression' || el.value.type === 'FunctionExpression')) {
        (el.static ? members.staticMethods : members.methods).set(name, el.value);
      } else if (el.value) addField(name, el.value);
      else if (el.typeAnnotation) addField(name, el.typeAnnotation);
    }
  }
  for (const member of ctx.index.thisMembers) {
    const parent = member.parent;
    if (parent.type !== 'AssignmentExpression' || parent.left !== member || parent.operator !== '=') continue;
    if (enclosingClass(member) !== cls) continue;
    const name = propertyName(member);
    if (name) addField(name, parent.right);
  }
  memo.set(cls, members);
  return members;
}

/**
 * Resolves what a trace can be resolved to inside the file: a method of a local class, a property of a
 * local object literal, the return value of a local function, a field of `this`.
 */
function normalize(ctx: CheckContext, t: Trace, depth: number): Trace {
  let current = t;
  for (let guard = 0; guard < 8 && current.path.length > 0; guard++) {
    const next = step(ctx, current, depth);
    if (!next) break;
    current = next;
  }
  return current;
}

function step(outer: CheckContext, t: Trace, depth: number): Trace | undefined {
  const root = t.root;
  // A root found in another file (analyzer) is resolved with that file's context.
  const rootNode = root.kind === 'function' ? root.fn : root.kind === 'class' ? root.cls : root.kind === 'object' ? root.node : root.kind === 'this' ? root.cls : undefined;
  const ctx = (rootNode && outer.resolver.contextOf?.(rootNode)) ?? outer;
  // Most traces (a package, a global, a framework role) resolve no further: decide that before copying the path.
  if (root.kind === 'module' ? !ctx.resolver.importTarget || !isRelativeModule(root.module) : root.kind !== 'this' && root.kind !== 'class' && root.kind !== 'object' && root.kind !== 'function') {
    return undefined;
  }
  const first = t.path[0];
  const rest = t.path.slice(1);
  switch (root.kind) {
    case 'module': {
      // A project file (analyzer): follow the export into the other file.
      if (!ctx.resolver.importTarget || !isRelativeModule(root.module)) return undefined;
      const target = ctx.resolver.importTarget(ctx, root.module, first);
      return target ? { root: target.root, path: [...target.path, ...rest] } : undefined;
    }
    case 'this': {
      if (!root.cls) return undefined;
      const members = classMembers(ctx, root.cls);
      const method = members.methods.get(first);
      if (method) return { root: { kind: 'function', fn: method }, path: rest };
      const values = members.fields.get(first);
      if (!values) return undefined;
      const traced = pickTrace(values.map((v) => fieldTrace(ctx, v, depth)));
      return traced ? { root: traced.root, path: [...traced.path, ...rest] } : undefined;
    }
    case 'class': {
      const members = classMembers(ctx, root.cls);
      if ((first === 'new' || first === '#') && rest.length > 0) {
        const method = members.methods.get(rest[0]);
        if (method) return { root: { kind: 'function', fn: method }, path: rest.slice(1) };
        const values = members.fields.get(rest[0]);
        if (values) {
          const traced = pickTrace(values.map((v) => fieldTrace(ctx, v, depth)));
          if (traced) return { root: traced.root, path: [...traced.path, ...rest.slice(1)] };
        }
        return inherited(ctx, root.cls, t.path, depth);
      }
      const method = members.staticMethods.get(first);
      return method ? { root: { kind: 'function', fn: method }, path: rest } : inherited(ctx, root.cls, t.path, depth);
    }
    case 'object': {
      for (const prop of root.node.properties) {
        if (prop.type !== 'Property' || propertyName(prop) !== first) continue;
        const traced = trace(ctx, prop.value, depth);
        return { root: traced.root, path: [...traced.path, ...rest] };
      }
      return undefined;
    }
    case 'function': {
      if (first !== '()') return undefined;
      const returned = returnTrace(ctx, root.fn, depth);
      return returned ? { root: returned.root, path: [...returned.path, ...rest] } : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * A member the local class does not declare comes from its superclass: `class Booking extends Model` (Sequelize),
 * `class PrismaService extends PrismaClient`. The path (with its `new`/`#`) continues on the superclass's trace.
 */
function inherited(ctx: CheckContext, cls: ClassNode, path: readonly string[], depth: number): Trace | undefined {
  if (!cls.superClass) return undefined;
  const base = trace(ctx, cls.superClass, depth);
  if (base.root.kind === 'unknown' || base.root.kind === 'literal') return undefined;
  return { root: base.root, path: [...base.path, ...path] };
}

function fieldTrace(ctx: CheckContext, value: Node, depth: number): Trace {
  if (value.type === 'Identifier' && value.parent.type === 'TSParameterProperty') {
    const fn = value.parent.parent as FunctionNode;
    return parameterBase(ctx, fn, fn.params.indexOf(value.parent), depth);
  }
  if (value.type === 'Identifier' && value.parent.type === 'AssignmentPattern' && value.parent.parent.type === 'TSParameterProperty') {
    const fn = value.parent.parent.parent as FunctionNode;
    return parameterBase(ctx, fn, fn.params.indexOf(value.parent.parent), depth);
  }
  if (value.type === 'TSTypeAnnotation') return applyTypeRole(ctx, trace(ctx, value, depth));
  return trace(ctx, value, depth);
}

/** The most informative of several traces (a module/global/role root beats a parameter or unknown). */
function pickTrace(traces: Trace[]): Trace | undefined {
  const rank = (t: Trace) => (t.root.kind === 'module' || t.root.kind === 'global' || t.root.kind === 'role' ? 3 : t.root.kind === 'function' || t.root.kind === 'class' || t.root.kind === 'object' ? 2 : t.root.kind === 'unknown' ? 0 : 1);
  let best: Trace | undefined;
  for (const t of traces) if (!best || rank(t) > rank(best)) best = t;
  return best && rank(best) > 0 ? best : undefined;
}

/** What a local function returns, when its returns agree on a known origin. */
function returnTrace(ctx: CheckContext, fn: FunctionNode, depth: number): Trace | undefined {
  // A declaration without a body (\`declare class\` methods, overload signatures: TSEmptyBodyFunctionExpression).
  if ((fn.body as TSESTree.Node | null | undefined) == null) return undefined;
  if (fn.body.type !== 'BlockStatement') return trace(ctx, fn.body, depth);
  const traces: Trace[] = [];
  for (const ret of returnsOf(ctx, fn)) {
    if (ret.argument) traces.push(trace(ctx, ret.argument, depth));
  }
  return pickTrace(traces);
}

/** The return statements of each function, grouped once per file (so a lookup is not a scan of every return). */
export function returnsOf(ctx: CheckContext, fn: FunctionNode): readonly TSESTree.ReturnStatement[] {
  const memo = memoOf<object, Map<FunctionNode, TSESTree.ReturnStatement[]>>(ctx, 'origin.returns');
  let byFn = memo.get(ctx.index);
  if (!byFn) {
    byFn = new Map();
    for (const ret of ctx.index.returns) {
      const owner = enclosingFunction(ret);
      if (!owner) continue;
      const list = byFn.get(owner) ?? [];
      list.push(ret);
      byFn.set(owner, list);
    }
    memo.set(ctx.index, byFn);
  }
  return byFn.get(fn) ?? [];
}

/** The function a node belongs to (undefined at module level). */
export function enclosingFunction(node: Node): FunctionNode | undefined {
  let current: Node | undefined = node.parent;
  while (current) {
    if (current.type === 'FunctionDeclaration' || current.type === 'FunctionExpression' || current.type === 'ArrowFunctionExpression') return current;
    current = current.parent;
  }
  return undefined;
}
