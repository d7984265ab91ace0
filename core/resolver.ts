import { traceOf, type Trace } from './origin.js';
import type { CallLike, CheckContext, FunctionNode, Node } from './types.js';

/** A function a call reaches. `ctx` is the context of the file it lives in (another file for the analyzer). */
export interface FunctionRef {
  fn: FunctionNode;
  ctx: CheckContext;
}

/**
 * The seam between the engine and its front ends. The ESLint rules use `fileResolver` (same file, scope
 * analysis); the analyzer implements the same interface across the program.
 */
export interface Resolver {
  /** The function or method a call reaches, if it can be known. */
  callee(ctx: CheckContext, call: CallLike): FunctionRef | undefined;
  /**
   * Cross-file: the trace of what export `exportName` of the project module `specifier` (as written in the
   * import or require of the file of `ctx`) refers to. Undefined in the per-file resolver.
   */
  importTarget?(ctx: CheckContext, specifier: string, exportName: string): Trace | undefined;
  /** Cross-file: the context of the file a node belongs to, when it is not the current one (analyzer only). */
  contextOf?(node: Node): CheckContext | undefined;
  /** Cross-file: the project file a module specifier written in the file of `ctx` resolves to (analyzer only). */
  moduleOf?(ctx: CheckContext, specifier: string): CheckContext | undefined;
  /**
   * Cross-file: the project files that import export `exportName` of the file of `ctx` (named imports,
   * `import type` included), with the local name each one binds it to (analyzer only).
   */
  importersOf?(ctx: CheckContext, exportName: string): readonly { ctx: CheckContext; local: string }[];
}

/** Same-file resolution: local functions, methods of local classes (`this.m()`), object literal methods. */
export const fileResolver: Resolver = {
  callee(ctx, call) {
    return calleeOf(ctx, call);
  },
};

/** Shared by both resolvers: the local (or, with `contextOf`, cross-file) function a call's callee traces to. */
export function calleeOf(ctx: CheckContext, call: CallLike): FunctionRef | undefined {
  const t = traceOf(ctx, call.callee);
  if (t.root.kind !== 'function') return undefined;
  // `fn()`, or `fn.call(this, ...)` / `fn.apply(...)`
  if (t.path.length === 0 || (t.path.length === 1 && (t.path[0] === 'call' || t.path[0] === 'apply'))) {
    return { fn: t.root.fn, ctx: ctx.resolver.contextOf?.(t.root.fn) ?? ctx };
  }
  return undefined;
}
