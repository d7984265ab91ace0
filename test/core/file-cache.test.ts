import { Linter } from 'eslint';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as tsParser from '@typescript-eslint/parser';
import { describe, expect, it } from 'vitest';
import { isFileCached } from '../../core/file-cache.js';
import type { Catalog } from '../../core/catalog/types.js';
import { checkContextOf } from '../../rules/utils/context.js';
import { eslintPlugin } from '../helpers/plugin.js';

const HANDLER = `
import express from 'express';
import { Pool } from 'pg';
const pool = new Pool();
const app = express();
app.post('/orders', async (req, res) => {
  res.status(201).json({ ok: true });
  await pool.query('INSERT INTO orders (id) VALUES ($1)', [req.body.id]);
});
`;

/** A probe rule: records the file's tree and, when `useEngine`, the engine's check context of the file. */
function probe(useEngine: boolean) {
  const seen: { ast: TSESTree.Program; catalog?: Catalog }[] = [];
  const rule: TSESLint.RuleModule<'never'> = {
    meta: { type: 'problem', schema: [], messages: { never: 'never' } },
    create(context) {
      return {
        'Program:exit'() {
          seen.push({ ast: context.sourceCode.ast, catalog: useEngine ? checkContextOf(context).catalog : undefined });
        },
      };
    },
  };
  return { seen, plugin: { rules: { probe: rule } } };
}

function lint(files: string[], rules: Record<string, string>, plugins: Record<string, unknown>, settings?: Record<string, unknown>) {
  const linter = new Linter({ configType: 'flat' });
  const config = [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tsParser as unknown as Linter.Parser, ecmaVersion: 'latest' as const, sourceType: 'module' as const },
      plugins: plugins as Linter.Config['plugins'],
      rules: rules as Linter.RulesRecord,
      ...(settings ? { settings } : {}),
    },
  ];
  return files.map((text, i) => linter.verify(text, config, `file${i}.ts`));
}

describe('per-file caches in the ESLint front end', () => {
  it('are let go once every assume rule is done with the file', () => {
    const { seen, plugin } = probe(false);
    const [messages] = lint(
      [HANDLER],
      { 'probe/probe': 'error', 'assume/no-ack-before-durable-write': 'error', 'assume/no-unhandled-timeout': 'error', 'assume/no-wall-clock-at-boundary': 'error', 'assume/no-unbounded-parse': 'error' },
      { probe: plugin, assume: eslintPlugin },
    );
    expect(messages.map((m) => m.ruleId)).toEqual(['assume/no-ack-before-durable-write']);
    expect(seen).toHaveLength(1);
    expect(isFileCached(seen[0].ast)).toBe(false);
  });

  it('are kept while something else holds the file (the probe builds a context and never lets go)', () => {
    const { seen, plugin } = probe(true);
    lint([HANDLER], { 'probe/probe': 'error' }, { probe: plugin });
    expect(isFileCached(seen[0].ast)).toBe(true);
  });

  it('give the same findings when the rules run one by one or together', () => {
    const ids = ['no-ack-before-durable-write', 'no-unhandled-timeout', 'no-wall-clock-at-boundary', 'no-unbounded-parse'];
    const together = lint([HANDLER, HANDLER], Object.fromEntries(ids.map((id) => [`assume/${id}`, 'error'])), { assume: eslintPlugin });
    const alone = ids.flatMap((id) => lint([HANDLER, HANDLER], { [`assume/${id}`]: 'error' }, { assume: eslintPlugin }).flat());
    const key = (m: Linter.LintMessage) => `${m.ruleId ?? ''}:${m.line}:${m.column}:${m.messageId ?? ''}`;
    expect(together.flat().map(key).sort()).toEqual(alone.map(key).sort());
  });
});

describe('catalog extensions', () => {
  it('settings.assume.catalog extends the catalog once per configuration, not once per file', () => {
    const { seen, plugin } = probe(true);
    const settings = { assume: { catalog: { entries: [{ id: 'team.ack', role: 'ack', target: { from: 'package', package: 'team-http', path: ['reply', '()'] } }] } } };
    lint([HANDLER, HANDLER.replace('orders', 'refunds')], { 'probe/probe': 'error' }, { probe: plugin }, settings);
    expect(seen).toHaveLength(2);
    expect(seen[0].catalog?.entries[0].id).toBe('team.ack');
    expect(seen[1].catalog).toBe(seen[0].catalog);
  });
});
