import type { CheckContext } from './types.js';

/**
 * The context's memo for one purpose (`key`, unique across the engine), made on first use. Keyed weakly: in the
 * analyzer a context outlives files it has looked into, which the program may let go of (analyzer/program-resolver.ts).
 */
export function memoOf<K extends object, V>(ctx: CheckContext, key: string): WeakMap<K, V> {
  let map = ctx.memo.get(key);
  if (!map) {
    map = new WeakMap();
    ctx.memo.set(key, map);
  }
  return map as WeakMap<K, V>;
}
