// `settings.assume.catalog` extends the catalog for every rule. ESLint validates rule options, not shared settings,
// so the rules check the settings against the catalog part of schema/assume.config.schema.json: a malformed
// extension is an error that names its key, not a TypeError from deep inside a rule.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinCatalog } from '../../core/catalog/index.js';
import { validateAgainstSchema, type SchemaNode } from '../../core/json-schema.js';
import { lintWithRules } from '../helpers/lint.js';

/** A route of an in-house router that answers before its write. */
const code = `import { router } from '@acme/router';
import pg from 'pg';

const pool = new pg.Pool();

router.post('/orders', async (req, res) => {
  res.json({ ok: true });
  await pool.query('INSERT INTO orders (sku) VALUES ($1)', [req.body.sku]);
});
`;

const acmeRouter = { id: 'acme.router.route', kind: 'http', registrar: { from: 'package', package: '@acme/router', path: ['router', 'post'] }, params: ['http.request', 'http.response'] };
const lint = (frameworks: unknown[]) => lintWithRules(code, ['no-ack-before-durable-write'], 'routes.js', { assume: { catalog: { frameworks } } });

describe('settings.assume.catalog', () => {
  it('a well-formed framework from the settings registers its routes (also with JS holes: undefined params, keys set to undefined)', () => {
    expect(lintWithRules(code, ['no-ack-before-durable-write'], 'routes.js').map((f) => f.messageId)).toEqual([]);
    expect(lint([acmeRouter]).map((f) => `${f.messageId ?? ''}@${f.line}:${f.column}`)).toEqual(['writeAfterAck@7:3']);
    expect(lint([{ ...acmeRouter, params: [undefined, 'http.response'], files: undefined }]).map((f) => f.messageId)).toEqual(['writeAfterAck']);
    expect(lint([{ ...acmeRouter, files: '**/pages/api/**' }]).map((f) => f.messageId)).toEqual([]);
    expect(lint([{ ...acmeRouter, params: ['http.request', 'http.response'], files: '**/routes.js' }]).map((f) => f.messageId)).toEqual(['writeAfterAck']);
  });

  it('a malformed one is an error naming the key, whichever rule meets it first', () => {
    const cases: [unknown[], RegExp][] = [
      [[{ ...acmeRouter, files: 5 }], /"settings\.assume\.catalog\.frameworks\[0\]\.files" must be of type string, not integer/],
      [[{ ...acmeRouter, exportNames: 'handler' }], /"settings\.assume\.catalog\.frameworks\[0\]\.exportNames" must be of type array/],
      [[{ ...acmeRouter, file: '**/api/**' }], /Unknown key "settings\.assume\.catalog\.frameworks\[0\]\.file"/],
      [[{ id: 'x', kind: 'http' }], /"settings\.assume\.catalog\.frameworks\[0\]" needs the key "params"/],
      [[{ ...acmeRouter, registrar: { from: 'npm', path: ['post'] } }], /"settings\.assume\.catalog\.frameworks\[0\]\.registrar\.from" must be one of/],
    ];
    for (const [frameworks, message] of cases) {
      expect(() => lint(frameworks), JSON.stringify(frameworks)).toThrow(message);
      expect(() => lint(frameworks)).toThrow(/^assume-lint: the ESLint settings are not valid/);
    }
    expect(() => lintWithRules(code, ['no-unbounded-parse'], 'routes.js', { assume: { catalog: 5 } })).toThrow(/"settings\.assume\.catalog" must be of type object, not integer/);
  });

  it("the schema describes the built-in catalog: every entry, framework and type of it validates", () => {
    const schema = JSON.parse(readFileSync(new URL('../../schema/assume.config.schema.json', import.meta.url), 'utf8')) as SchemaNode;
    const catalogSchema = schema.properties?.catalog;
    expect(catalogSchema).toBeDefined();
    expect(validateAgainstSchema(builtinCatalog, catalogSchema ?? {}, 'builtin')).toEqual([]);
    expect(builtinCatalog.frameworks.some((framework) => framework.files !== undefined)).toBe(true);
  });
});
