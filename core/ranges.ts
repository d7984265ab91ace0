/** Something with a source range (a node, a token, a comment). */
export interface Ranged {
  readonly range: readonly [number, number];
}

/** Index of the first item starting at or after `offset`, in items listed in source order (by start). */
export function firstAtOrAfter(items: readonly Ranged[], offset: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].range[0] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
