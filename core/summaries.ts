import type { CheckContext, FunctionNode } from './types.js';
import { caught } from './safety-net.js';
import { memoOf } from './memo.js';

const MAX_DEPTH = 8;
const inProgress = new WeakMap<CheckContext, string[]>();

/**
 * A per-function fact, computed on first use and memoized by declaration and key. Cycle-safe (a function
 * reached again while its own summary is being computed gets `fallback`) and depth-bounded (beyond
 * `MAX_DEPTH` nested summaries, `fallback`).
 */
export function summarize<T>(ctx: CheckContext, fn: FunctionNode, key: string, compute: (fn: FunctionNode) => T, fallback: T): T {
  const memo = memoOf<FunctionNode, { value: T } | null>(ctx, key);
  const hit = memo.get(fn);
  if (hit) return hit.value;
  if (hit === null) return fallback; // cycle
  let stack = inProgress.get(ctx);
  if (!stack) {
    stack = [];
    inProgress.set(ctx, stack);
  }
  if (stack.length >= MAX_DEPTH) return fallback;
  memo.set(fn, null);
  stack.push(key);
  let value: T;
  try {
    value = compute(fn);
  } catch (error) {
    caught(error);
    value = fallback;
  } finally {
    stack.pop();
  }
  memo.set(fn, { value });
  return value;
}
