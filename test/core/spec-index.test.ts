import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseForESLint } from '@typescript-eslint/parser';
import { SourceCode } from 'eslint';
import fc from 'fast-check';
import { describe, expect, it, onTestFinished } from 'vitest';
import { builtinCatalog } from '../../core/catalog/index.js';
import type { CatalogEntry, FrameworkCallback, Specifier } from '../../core/catalog/types.js';
import { indexFile, type FileIndex } from '../../core/file-index.js';
import { specifierMatches, type Root, type Trace } from '../../core/origin.js';
import { pathMatches, pathMatchesWithHead } from '../../core/path-pattern.js';
import { SpecifierIndex } from '../../core/spec-index.js';
import type { TSESTree } from '@typescript-eslint/utils';
import { checkNoAckBeforeDurableWrite } from '../../core/checkers/no-ack-before-durable-write.js';
import { checkNoUnboundedParse } from '../../core/checkers/no-unbounded-parse.js';
import { checkNoUnhandledTimeout } from '../../core/checkers/no-unhandled-timeout.js';
import { checkNoWallClockAtBoundary } from '../../core/checkers/no-wall-clock-at-boundary.js';
import { createCheckContext } from '../../core/context.js';
import { gates } from '../../core/gate.js';
import { scopeIndex } from '../../core/scope.js';
import { eachNodeOf } from '../../rules/utils/context.js';
import type { Node, SourceFile } from '../../core/types.js';

const step = fc.constantFrom('a', 'b', 'c', '()', 'new', '#');
const patternStep = fc.oneof(step, fc.constantFrom('*', '**', 'a|b', 'b|()'));

describe('pathMatchesWithHead', () => {
  it('is pathMatches of [head, ...path], for any pattern and path', () => {
    fc.assert(
      fc.property(fc.array(patternStep, { maxLength: 5 }), step, fc.array(step, { maxLength: 5 }), (pattern, head, path) => {
        expect(pathMatchesWithHead(pattern, head, path)).toBe(pathMatches(pattern, [head, ...path]));
      }),
      { numRuns: 2000 },
    );
  });
});

/** Every root a trace of the catalog's own vocabulary can have, plus ones no specifier names. */
function rootsOfCatalog(): Root[] {
  const modules = new Set<string>(['not-in-catalog', 'node:http', 'http']);
  const globals = new Set<string>(['Date', 'JSON', 'fetch', 'notAGlobalOfTheCatalog']);
  const roles = new Set<string>(['no.such.role']);
  const visit = (spec: Specifier | undefined) => {
    if (!spec) return;
    if (spec.from === 'package') for (const p of typeof spec.package === 'string' ? [spec.package] : spec.package) modules.add(p.replace(/^node:/, ''));
    if (spec.from === 'lib' && spec.path[0]) for (const name of spec.path[0].split('|')) globals.add(name);
    if (spec.from === 'role') for (const r of typeof spec.role === 'string' ? [spec.role] : spec.role) roles.add(r);
  };
  for (const e of builtinCatalog.entries) visit(e.target);
  for (const f of builtinCatalog.frameworks) {
    visit(f.registrar);
    for (const r of [...f.params, ...(f.paramsWithError ?? [])]) if (r) roles.add(r);
  }
  for (const t of builtinCatalog.types) {
    visit(t.type);
    roles.add(t.role);
  }
  return [
    ...[...modules].map((module): Root => ({ kind: 'module', module })),
    ...[...globals].map((name): Root => ({ kind: 'global', name })),
    ...[...roles].map((role): Root => ({ kind: 'role', role, framework: 'test' })),
    { kind: 'unknown', node: undefined },
    { kind: 'this', cls: undefined },
  ];
}

/** Paths taken from catalog patterns (wildcards filled in), so that many traces do match. */
function pathsOf(entries: readonly CatalogEntry[]): string[][] {
  const out = new Set<string>(['[]', JSON.stringify(['()']), JSON.stringify(['x', '()'])]);
  const fill = (path: readonly string[]) => path.flatMap((s) => (s === '**' ? [] : s === '*' ? ['x'] : [s.split('|')[0]]));
  for (const e of entries) {
    const p = fill(e.target.path);
    out.add(JSON.stringify(p));
    if (e.target.from === 'lib') out.add(JSON.stringify(p.slice(1)));
  }
  for (const f of builtinCatalog.frameworks) if (f.registrar) out.add(JSON.stringify(fill(f.registrar.path)));
  return [...out].map((s) => JSON.parse(s) as string[]);
}

describe('SpecifierIndex', () => {
  const roots = rootsOfCatalog();
  const paths = pathsOf(builtinCatalog.entries);

  function firstByScan<T>(items: readonly T[], specOf: (item: T) => Specifier | undefined, t: Trace): T | undefined {
    return items.find((item) => {
      const spec = specOf(item);
      return spec !== undefined && specifierMatches(spec, t);
    });
  }

  it('finds the same first catalog entry of each role as a scan of the whole list', () => {
    const index = new SpecifierIndex<CatalogEntry>((e) => e.target);
    const byRole = new Map<string, CatalogEntry[]>();
    for (const e of builtinCatalog.entries) byRole.set(e.role, [...(byRole.get(e.role) ?? []), e]);
    let matched = 0;
    for (const entries of byRole.values()) {
      const rolePaths = pathsOf(entries);
      for (const root of roots) {
        const candidates = index.candidates(entries, root);
        // Candidates keep list order.
        const kept = new Set(candidates);
        expect(candidates).toEqual(entries.filter((e) => kept.has(e)));
        for (const path of rolePaths) {
          const t: Trace = { root, path };
          const expected = firstByScan(entries, (e) => e.target, t);
          expect(candidates.find((e) => specifierMatches(e.target, t))).toBe(expected);
          if (expected) matched++;
        }
      }
    }
    // The comparison is not vacuous: many traces match some entry.
    expect(matched).toBeGreaterThan(100);
  });

  it('finds the same first framework registrar as a scan, skipping frameworks without one', () => {
    const index = new SpecifierIndex<FrameworkCallback>((f) => f.registrar);
    let matched = 0;
    for (const root of roots) {
      for (const path of paths) {
        const t: Trace = { root, path };
        const expected = firstByScan(builtinCatalog.frameworks, (f) => f.registrar, t);
        const found = index.candidates(builtinCatalog.frameworks, root).find((f) => f.registrar !== undefined && specifierMatches(f.registrar, t));
        expect(found).toBe(expected);
        if (expected) matched++;
      }
    }
    expect(matched).toBeGreaterThan(10);
  });

  it('has no candidates for roots no specifier can match', () => {
    const index = new SpecifierIndex<CatalogEntry>((e) => e.target);
    expect(index.candidates(builtinCatalog.entries, { kind: 'unknown', node: undefined })).toEqual([]);
    expect(index.candidates(builtinCatalog.entries, { kind: 'module', module: 'not-in-catalog' })).toEqual([]);
  });
});

describe('indexFile from the nodes of ESLint\'s traversal', () => {
  /** A file parsed as ESLint does, with ESLint's traversal run (it sets parents and keeps its steps). */
  function eslintSource(text: string, path: string): SourceFile {
    const parsed = parseForESLint(text, { filePath: path, ecmaVersion: 'latest', sourceType: 'module', range: true, loc: true, tokens: true, comment: true });
    const sourceCode = new SourceCode({ text, ast: parsed.ast as never, parserServices: parsed.services, scopeManager: parsed.scopeManager as never, visitorKeys: parsed.visitorKeys as never });
    return { path, text, ast: parsed.ast, scopeManager: parsed.scopeManager, visitorKeys: parsed.visitorKeys, eachNode: eachNodeOf(sourceCode as never) };
  }
  const shape = (index: FileIndex) =>
    Object.fromEntries(
      Object.entries(index).map(([k, v]) => [k, Array.isArray(v) ? (v as Node[]).map((n) => `${n.type}@${n.range[0]}-${n.range[1]}`) : v]),
    );

  const dir = join(import.meta.dirname, '..', '..', 'fixtures', 'corpus');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|js|mjs|cjs)$/.test(f))
    .sort()
    .slice(0, 60);

  it.each(files)('%s: the same lists, in the same order, as the engine\'s own walk', (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const path = join(dir, file);
    // Two parses of the text (the index is cached per tree): one indexed by the engine's walk, one from the steps.
    const walked = indexFile({ ...eslintSource(text, path), eachNode: undefined });
    const fromSteps = indexFile(eslintSource(text, path));
    expect(fromSteps.size).toBeGreaterThan(10);
    expect(shape(fromSteps)).toEqual(shape(walked));
  });
});

describe('the index built on first use, and the scope index', () => {
  function eslintSource(text: string): { file: SourceFile; visits: () => number } {
    const parsed = parseForESLint(text, { filePath: 'file.ts', ecmaVersion: 'latest', sourceType: 'module', range: true, loc: true, tokens: true, comment: true });
    const sourceCode = new SourceCode({ text, ast: parsed.ast as never, parserServices: parsed.services, scopeManager: parsed.scopeManager as never, visitorKeys: parsed.visitorKeys as never });
    const eachNode = eachNodeOf(sourceCode as never);
    let visits = 0;
    const counting: SourceFile['eachNode'] = (visit) => {
      visits++;
      eachNode?.(visit);
    };
    return { file: { path: 'file.ts', text, ast: parsed.ast, scopeManager: parsed.scopeManager, visitorKeys: parsed.visitorKeys, eachNode: counting }, visits: () => visits };
  }

  it('a file every checker\'s gate skips is never indexed; one they analyze is indexed once', () => {
    // test/setup.ts verifies the gates (a skipped file is analyzed anyway): here they skip for real.
    gates.verify = false;
    onTestFinished(() => {
      gates.verify = true;
    });
    const plain = eslintSource(`export function sum(xs: number[]) { return xs.reduce((a, b) => a + b, 0); }`);
    const ctx = createCheckContext(plain.file);
    expect([...checkNoWallClockAtBoundary(ctx), ...checkNoUnhandledTimeout(ctx), ...checkNoAckBeforeDurableWrite(ctx), ...checkNoUnboundedParse(ctx)]).toEqual([]);
    expect(plain.visits()).toBe(0);
    expect(ctx.index.functions).toHaveLength(2);
    expect(plain.visits()).toBe(1);

    const stamped = eslintSource(`import { Pool } from 'pg';\nconst pool = new Pool();\nexport const touch = (id: string) => pool.query('UPDATE t SET at = $1 WHERE id = $2', [Date.now(), id]);`);
    const open = createCheckContext(stamped.file);
    checkNoWallClockAtBoundary(open);
    checkNoAckBeforeDurableWrite(open);
    expect(stamped.visits()).toBe(1);
  });

  it('tells apart identifiers that start at the same offset (a shorthand property, an import specifier)', () => {
    const { file } = eslintSource(`import { a } from 'm';\nconst b = 1;\nexport const o = { a, b };`);
    const index = scopeIndex(file);
    const literal = file.ast.body[2] as TSESTree.ExportNamedDeclaration;
    const init = ((literal.declaration as TSESTree.VariableDeclaration).declarations[0].init as TSESTree.ObjectExpression).properties as TSESTree.Property[];
    for (const prop of init) {
      // The value is a reference to the variable; the key, a distinct node at the same offset, is not.
      expect(index.variableOf(prop.value as TSESTree.Identifier)?.name).toBe((prop.key as TSESTree.Identifier).name);
      expect(index.variableOf(prop.key as TSESTree.Identifier)).toBeUndefined();
    }
    const specifier = (file.ast.body[0] as TSESTree.ImportDeclaration).specifiers[0] as TSESTree.ImportSpecifier;
    expect(index.variableOf(specifier.local)?.name).toBe('a');
    // A name never declared nor referenced is not known; an unresolved global reference is null.
    const global = eslintSource('export const t = missingGlobal;');
    const decl = (global.file.ast.body[0] as TSESTree.ExportNamedDeclaration).declaration as TSESTree.VariableDeclaration;
    expect(scopeIndex(global.file).variableOf(decl.declarations[0].init as TSESTree.Identifier)).toBeNull();
  });
});
