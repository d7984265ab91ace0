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
  return matchFrom(pattern, 0, undefined, path, 0);
}

/**
 * Does `[head, ...path]` match `pattern` as a whole? The same as `pathMatches(pattern, [head, ...path])`
 * without building that array (a `lib` specifier's path starts with the global's name).
 */
export function pathMatchesWithHead(pattern: readonly string[], head: string, path: readonly string[]): boolean {
  return matchFrom(pattern, 0, head, path, 0);
}

/**
 * Matches `pattern[pi..]` against the steps from `si` on of the sequence `head` (when defined) followed by
 * `path`: step `i` of the sequence is `head` for i = 0 and `path[i - 1]` after it.
 */
function matchFrom(pattern: readonly string[], pi: number, head: string | undefined, path: readonly string[], si: number): boolean {
  const offset = head === undefined ? 0 : 1;
  const length = path.length + offset;
  while (pi < pattern.length) {
    const p = pattern[pi];
    if (p === '**') {
      if (pi === pattern.length - 1) return true;
      for (let k = si; k <= length; k++) {
        if (matchFrom(pattern, pi + 1, head, path, k)) return true;
      }
      return false;
    }
    if (si >= length || !stepMatches(p, si < offset ? (head as string) : path[si - offset])) return false;
    pi++;
    si++;
  }
  return si === length;
}

/** Could a pattern's first step match `name` (the head of a `lib` path)? `*` and `**` can. */
export function firstStepCouldMatch(pattern: readonly string[], name: string): boolean {
  if (pattern.length === 0) return false;
  const first = pattern[0];
  return first === '**' || stepMatches(first, name);
}

/** Normalizes a module specifier as written (`node:http` -> `http`). */
export function normalizeModule(name: string): string {
  return name.startsWith('node:') ? name.slice(5) : name;
}

const filePatterns = new Map<string, readonly string[]>();

/**
 * Does a file's path match a framework's `files` pattern (steps separated by `/`: `*` one whole step, `**` any
 * number of steps, `a|b` alternatives)? Backslashes in the path separate steps too. No pattern: every file.
 */
export function filePathMatches(pattern: string | undefined, path: string): boolean {
  if (pattern === undefined) return true;
  let steps = filePatterns.get(pattern);
  if (!steps) {
    steps = pattern.split('/').filter((step) => step !== '');
    filePatterns.set(pattern, steps);
  }
  return pathMatches(steps, path.split(/[\\/]/).filter((step) => step !== ''));
}
