/**
 * The checkers catch what an unexpected shape of code throws, so that one odd function does not fail the lint
 * of a whole file (a 10,000-level nesting overflows the stack). The same catch would hide a bug of the engine
 * (a recursion that never ends, a property of undefined): a finding silently lost. Tests on realistic code turn
 * the net off, so that such a bug fails them instead.
 */
export const safetyNet = { rethrow: false };

/** Called by every such catch before it falls back: rethrows when the net is off. */
export function caught(error: unknown): void {
  if (safetyNet.rethrow) throw error;
}
