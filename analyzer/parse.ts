import { parseForESLint } from '@typescript-eslint/parser';
import type { SourceFile } from '../core/types.js';

/**
 * Parses one file to ESTree with scope analysis, exactly as ESLint's TS parser would for a rule: the
 * checkers see the same tree in both front ends. Throws the parser's error on a syntax error.
 */
export function parseSource(text: string, path: string): SourceFile {
  const result = parseForESLint(text, {
    ecmaVersion: 'latest',
    sourceType: 'module',
    range: true,
    loc: true,
    comment: true,
    filePath: path,
    jsx: /\.[jt]sx$/.test(path),
  });
  return {
    path,
    text,
    ast: result.ast,
    scopeManager: result.scopeManager,
    visitorKeys: result.visitorKeys,
  };
}
