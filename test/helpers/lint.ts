import { Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import { eslintPlugin } from './plugin.js';

/** One message of a lint run, reduced to what the tests compare. */
export interface LintFinding {
  ruleId: string | null;
  messageId: string | undefined;
  message: string;
  line: number;
  column: number;
  fatal: boolean;
}

const linter = new Linter({ configType: 'flat' });

/** File name for a source of the given language, so the parser picks TS or JS. */
export function fileNameFor(lang: 'ts' | 'js', base = 'example'): string {
  return `${base}.${lang}`;
}

/**
 * Lints `code` with the given assume rules on (at `error`, default options), the way a user's flat config
 * would: @typescript-eslint/parser, ESM, latest syntax. A rule that throws makes this throw; a parse error
 * comes back as a `fatal` finding.
 */
export function lintWithRules(code: string, ruleIds: readonly string[], filename: string, settings?: Record<string, unknown>): LintFinding[] {
  const config: Linter.Config[] = [
    {
      files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts', '**/*.js', '**/*.mjs', '**/*.cjs'],
      languageOptions: {
        parser: tsParser as unknown as Linter.Parser,
        ecmaVersion: 'latest',
        sourceType: 'module',
      },
      plugins: { assume: eslintPlugin },
      rules: Object.fromEntries(ruleIds.map((id) => [`assume/${id}`, 'error'])),
      ...(settings ? { settings } : {}),
    },
  ];
  return linter.verify(code, config, { filename }).map((message) => ({
    ruleId: message.ruleId,
    messageId: message.messageId,
    message: message.message,
    line: message.line,
    column: message.column,
    fatal: message.fatal === true,
  }));
}

/** `rule:messageId@line:column` keys of the findings of assume rules, sorted, for comparisons. */
export function findingKeys(findings: readonly LintFinding[], options: { column?: boolean; mapLine?: (line: number) => number } = {}): string[] {
  const mapLine = options.mapLine ?? ((line: number) => line);
  return findings
    .filter((finding) => finding.ruleId?.startsWith('assume/') === true)
    .map((finding) => {
      const at = options.column === false ? `${mapLine(finding.line)}` : `${mapLine(finding.line)}:${finding.column}`;
      return `${finding.ruleId ?? ''}:${finding.messageId ?? ''}@${at}`;
    })
    .sort();
}
