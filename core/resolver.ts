import type { TSESTree } from '@typescript-eslint/utils';
import { traceOf, type Trace } from './origin.js';
import type { CallLike, CheckContext, FunctionNode } from './types.js';

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
   * Cross-file: the trace of what a relative import refers to (the analyzer follows it into the other
   * file). Undefined in the per-file resolver.
   */
  importTarget?(ctx: CheckContext, decl: TSESTree.ImportDeclaration, importedName: string): Trace | undefined;
}

/** Same-file resolution: local functions, methods of local classes (`this.m()`), object literal methods. */
export const fileResolver: Resolver = {
  callee(ctx, call) {
    const t = traceOf(ctx, call.callee);
    if (t.root.kind === 'function' && t.path.length === 0) return { fn: t.root.fn, ctx };
    // `fn.call(this, ...)` / `fn.apply(...)`
    if (t.root.kind === 'function' && t.path.length === 1 && (t.path[0] === 'call' || t.path[0] === 'apply')) {
      return { fn: t.root.fn, ctx };
    }
    return undefined;
  },
};
