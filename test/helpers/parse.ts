import { parseForESLint } from '@typescript-eslint/parser';
import { createCheckContext } from '../../core/context.js';
import type { CheckContext, SourceFile } from '../../core/types.js';

/** Parses a source text the way ESLint would (TS parser, ESM, scope analysis) into an engine context. */
export function parseSource(text: string, path = 'file.ts'): SourceFile {
  const result = parseForESLint(text, { ecmaVersion: 'latest', sourceType: 'module', range: true, loc: true, filePath: path, jsx: path.endsWith('x') });
  return {
    path,
    text,
    ast: result.ast as SourceFile['ast'],
    scopeManager: result.scopeManager as unknown as SourceFile['scopeManager'],
    visitorKeys: result.visitorKeys as SourceFile['visitorKeys'],
  };
}

export function contextOf(text: string, path = 'file.ts'): CheckContext {
  return createCheckContext(parseSource(text, path));
}
