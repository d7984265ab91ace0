import { parseSource } from '../../analyzer/parse.js';
import { createCheckContext } from '../../core/context.js';
import type { CheckContext } from '../../core/types.js';

export { parseSource };

/** Parses a source text the way ESLint would (TS parser, ESM, scope analysis) into an engine context. */
export function contextOf(text: string, path = 'file.ts'): CheckContext {
  return createCheckContext(parseSource(text, path));
}
