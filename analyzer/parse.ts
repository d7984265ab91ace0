import { analyze } from '@typescript-eslint/scope-manager';
import { parse } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { SourceFile } from '../core/types.js';

/**
 * Parses one file to ESTree with scope analysis, as ESLint's TS parser (`parseForESLint`) does for a rule,
 * so the checkers see the same tree and scopes in both front ends; but without the token list and the
 * comments, which ESLint needs and the checkers do not (they are most of the memory a parsed file keeps,
 * and the analyzer keeps every file of the program). Throws the parser's error on a syntax error.
 */
export function parseSource(text: string, path: string): SourceFile {
  const ast = parse(text, {
    range: true,
    loc: true,
    comment: false,
    tokens: false,
    filePath: path,
    jsx: /\.[jt]sx$/.test(path),
  });
  // What parseForESLint does for `sourceType: 'module'` and no program (scope-manager's default lib).
  (ast as { sourceType: 'module' | 'script' }).sourceType = 'module';
  const scopeManager = analyze(ast, { sourceType: 'module' });
  return { path, text, ast, scopeManager, visitorKeys };
}
