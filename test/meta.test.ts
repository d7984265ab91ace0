// The plugin's bookkeeping: every rule is registered, documented, tested and configured as its meta says.
import { describe, expect, it } from 'vitest';
import { builtinCatalog } from '../core/catalog/index.js';
import { ruleDocsUrl } from '../rules/utils/create-rule.js';
import { assumePlugin, registeredRuleIds, ruleOf, type SchemaNode } from './helpers/plugin.js';
import { importRepoModule, packageJson, readRepoFile, repoFileExists, ruleFolderModules } from './helpers/repo.js';
import { CORRECT_HEADING, INCORRECT_HEADING, REQUIRED_SECTIONS, parseMarkdown, ruleExamples, sectionBody } from './helpers/rule-docs.js';

interface RuleModuleShape {
  meta?: unknown;
  create?: unknown;
}

function looksLikeRule(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as RuleModuleShape;
  return typeof candidate.create === 'function' && typeof candidate.meta === 'object';
}

/** Every property schema under `schema` that has no description, as JSON-pointer-ish paths. */
function undescribedProperties(schema: SchemaNode, at: string): string[] {
  const missing: string[] = [];
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const path = `${at}.properties.${name}`;
    if (typeof property.description !== 'string' || property.description.trim() === '') missing.push(path);
    missing.push(...undescribedProperties(property, path));
  }
  const items = schema.items === undefined ? [] : Array.isArray(schema.items) ? schema.items : [schema.items];
  items.forEach((item, i) => missing.push(...undescribedProperties(item, `${at}.items[${i}]`)));
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    (schema[key] ?? []).forEach((sub, i) => missing.push(...undescribedProperties(sub, `${at}.${key}[${i}]`)));
  }
  if (typeof schema.additionalProperties === 'object') missing.push(...undescribedProperties(schema.additionalProperties, `${at}.additionalProperties`));
  return missing;
}

/** Object schemas (with `properties`) that do not set `additionalProperties: false`. */
function openObjects(schema: SchemaNode, at: string): string[] {
  const open: string[] = [];
  if (schema.properties && schema.additionalProperties !== false) open.push(at);
  for (const [name, property] of Object.entries(schema.properties ?? {})) open.push(...openObjects(property, `${at}.properties.${name}`));
  const items = schema.items === undefined ? [] : Array.isArray(schema.items) ? schema.items : [schema.items];
  items.forEach((item, i) => open.push(...openObjects(item, `${at}.items[${i}]`)));
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    (schema[key] ?? []).forEach((sub, i) => open.push(...openObjects(sub, `${at}.${key}[${i}]`)));
  }
  return open;
}

function schemaList(id: string): SchemaNode[] {
  const { schema } = ruleOf(id).meta;
  if (schema === false) return [];
  return Array.isArray(schema) ? schema : [schema];
}

const ruleIds = registeredRuleIds();
const pkg = packageJson();

describe('plugin', () => {
  it('meta name and version equal package.json', () => {
    expect(assumePlugin.meta).toEqual({ name: pkg.name, version: pkg.version });
  });

  it('registers the four core rules', () => {
    expect(ruleIds).toEqual(expect.arrayContaining(['no-ack-before-durable-write', 'no-unbounded-parse', 'no-unhandled-timeout', 'no-wall-clock-at-boundary']));
  });

  it('registers every rule module in rules/ under its file name, and nothing else', async () => {
    const ruleFiles: string[] = [];
    for (const name of ruleFolderModules()) {
      const module = await importRepoModule('rules', `${name}.ts`);
      if (!looksLikeRule(module.default)) continue;
      ruleFiles.push(name);
      expect(assumePlugin.rules[name], `rules/${name}.ts is not registered in index.ts as '${name}'`).toBe(module.default);
    }
    expect(ruleFiles.sort()).toEqual(ruleIds);
  });

  it('has the configs recommended, audit and all', () => {
    expect(Object.keys(assumePlugin.configs).sort()).toEqual(['all', 'audit', 'recommended']);
    for (const [name, config] of Object.entries(assumePlugin.configs)) {
      expect(config.plugins?.assume, `configs.${name}.plugins.assume`).toBe(assumePlugin);
    }
  });

  it('configs.recommended holds exactly the rules with docs.recommended, at error', () => {
    const expected = Object.fromEntries(ruleIds.filter((id) => ruleOf(id).meta.docs.recommended === true).map((id) => [`assume/${id}`, 'error']));
    expect(assumePlugin.configs.recommended.rules).toEqual(expected);
  });

  it('configs.all holds every rule, at error', () => {
    expect(assumePlugin.configs.all.rules).toEqual(Object.fromEntries(ruleIds.map((id) => [`assume/${id}`, 'error'])));
  });

  it('configs.audit turns on every rule, with options the rule accepts', () => {
    const rules = assumePlugin.configs.audit.rules ?? {};
    expect(Object.keys(rules).sort()).toEqual(ruleIds.map((id) => `assume/${id}`));
    for (const [key, entry] of Object.entries(rules)) {
      const options = Array.isArray(entry) ? (entry as unknown[]).slice(1) : [];
      const [first] = options;
      if (first === undefined) continue;
      const known = Object.keys(schemaList(key.slice('assume/'.length))[0]?.properties ?? {});
      for (const option of Object.keys(first as Record<string, unknown>)) {
        expect(known, `configs.audit sets ${key} option '${option}' that its schema does not declare`).toContain(option);
      }
    }
  });
});

describe.each(ruleIds)('rule %s', (id) => {
  const rule = ruleOf(id);

  it('has a description and a type', () => {
    expect(rule.meta.docs.description.trim()).not.toBe('');
    expect(['problem', 'suggestion', 'layout']).toContain(rule.meta.type);
    expect(typeof rule.meta.docs.recommended, 'meta.docs.recommended must be true or false').toBe('boolean');
  });

  it('meta.docs.url points at its doc page', () => {
    expect(rule.meta.docs.url).toBe(ruleDocsUrl(id));
    expect(rule.meta.docs.url).toMatch(new RegExp(`/docs/rules/${id}\\.md$`));
  });

  it('has a test file test/rules/<id>.test.ts', () => {
    expect(repoFileExists('test', 'rules', `${id}.test.ts`)).toBe(true);
  });

  it('every schema property has a description, and objects forbid unknown keys', () => {
    const schemas = schemaList(id);
    expect(schemas.flatMap((schema, i) => undescribedProperties(schema, `schema[${i}]`))).toEqual([]);
    expect(schemas.flatMap((schema, i) => openObjects(schema, `schema[${i}]`))).toEqual([]);
  });

  it('declares its default options in meta.defaultOptions', () => {
    if (schemaList(id).length === 0) return;
    expect(rule.meta.defaultOptions).toBeDefined();
    // One default per schema entry; the deprecated top-level `defaultOptions` is not used.
    expect(rule.meta.defaultOptions).toHaveLength(schemaList(id).length);
  });

  it('has non-empty messages', () => {
    expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
    for (const [messageId, text] of Object.entries(rule.meta.messages)) {
      expect(text.trim(), `message ${messageId}`).not.toBe('');
    }
  });

  describe(`docs/rules/${id}.md`, () => {
    const exists = repoFileExists('docs', 'rules', `${id}.md`);

    it('exists', () => {
      expect(exists).toBe(true);
    });

    const doc = exists ? parseMarkdown(readRepoFile('docs', 'rules', `${id}.md`)) : undefined;

    it(`starts with '# ${id}' and a blockquote one-liner`, () => {
      expect(doc).toBeDefined();
      const first = doc!.headings[0];
      expect(first).toMatchObject({ level: 1, text: id, line: 1 });
      const afterTitle = doc!.lines.slice(1).find((line) => line.trim() !== '');
      expect(afterTitle, 'the line after the title is a `> one-liner`').toMatch(/^> \S/);
    });

    it('has the sections Rule details, Why, Examples, Options, When not to use it, in order', () => {
      expect(doc).toBeDefined();
      const sections = doc!.headings.filter((h) => h.level === 2).map((h) => h.text);
      expect(sections.filter((title) => (REQUIRED_SECTIONS as readonly string[]).includes(title))).toEqual([...REQUIRED_SECTIONS]);
      for (const title of REQUIRED_SECTIONS) expect(sectionBody(doc!, title), `## ${title} is empty`).not.toBe('');
    });

    it(`has '### ${INCORRECT_HEADING}' then '### ${CORRECT_HEADING}' under Examples, each with ts/js blocks`, () => {
      expect(doc).toBeDefined();
      const examplesAt = doc!.headings.findIndex((h) => h.level === 2 && h.text === 'Examples');
      const nextSection = doc!.headings.findIndex((h, i) => i > examplesAt && h.level <= 2);
      const subsections = doc!.headings.slice(examplesAt + 1, nextSection < 0 ? undefined : nextSection).filter((h) => h.level === 3).map((h) => h.text);
      expect(subsections).toEqual([INCORRECT_HEADING, CORRECT_HEADING]);
      const examples = ruleExamples(doc!);
      expect(examples.filter((e) => e.kind === 'incorrect').length).toBeGreaterThan(0);
      expect(examples.filter((e) => e.kind === 'correct').length).toBeGreaterThan(0);
    });

    it('documents every option in ## Options', () => {
      expect(doc).toBeDefined();
      const options = sectionBody(doc!, 'Options') ?? '';
      for (const name of Object.keys(schemaList(id)[0]?.properties ?? {})) {
        expect(options, `option '${name}' is not documented`).toContain(`\`${name}\``);
      }
    });
  });
});

describe('catalog', () => {
  function duplicates(ids: readonly string[]): string[] {
    return [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
  }

  it('entry ids are unique', () => {
    expect(duplicates(builtinCatalog.entries.map((entry) => entry.id))).toEqual([]);
  });

  it('framework ids are unique', () => {
    expect(duplicates(builtinCatalog.frameworks.map((framework) => framework.id))).toEqual([]);
  });

  it('type role ids are unique', () => {
    expect(duplicates(builtinCatalog.types.map((type) => type.id))).toEqual([]);
  });

  it('every entry has an id, a role and a target', () => {
    for (const entry of builtinCatalog.entries) {
      expect(entry.id, JSON.stringify(entry)).toMatch(/^\S+$/);
      expect(entry.role, entry.id).toMatch(/^\S+$/);
      expect(['package', 'lib', 'role'], entry.id).toContain(entry.target.from);
      expect(entry.target.path.length, `${entry.id}: target.path is empty`).toBeGreaterThan(0);
    }
  });
});
