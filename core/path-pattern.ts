/**
 * Matching of trace paths against catalog path patterns.
 * Pattern steps: a literal step, `*` (exactly one step), `**` (zero or more steps), `a|b` (alternatives).
 */
const altCache = new Map<string, ReadonlySet<string> | null>();

function alternatives(step: string): ReadonlySet<string> | null {
  let set = altCache.get(step);
  if (set === undefined) {
    set = step.includes('|') ? new Set(step.split('|')) : null;
    altCache.set(step, set);
  }
  return set;
}

function stepMatches(pattern: string, step: string): boolean {
  if (pattern === '*') return true;
  if (pattern === step) return true;
  const alts = alternatives(pattern);
  return alts !== null && alts.has(step);
}

/** Does `path` match `pattern` as a whole? Linear for patterns without `**`, small backtracking otherwise. */
export function pathMatches(pattern: readonly string[], path: readonly string[]): boolean {
  return matchFrom(pattern, 0, path, 0);
}

function matchFrom(pattern: readonly string[], pi: number, path: readonly string[], si: number): boolean {
  while (pi < pattern.length) {
    const p = pattern[pi];
    if (p === '**') {
      if (pi === pattern.length - 1) return true;
      for (let k = si; k <= path.length; k++) {
        if (matchFrom(pattern, pi + 1, path, k)) return true;
      }
      return false;
    }
    if (si >= path.length || !stepMatches(p, path[si])) return false;
    pi++;
    si++;
  }
  return si === path.length;
}

/** Normalizes a module specifier as written (`node:http` -> `http`). */
export function normalizeModule(name: string): string {
  return name.startsWith('node:') ? name.slice(5) : name;
}
