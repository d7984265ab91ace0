import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, isAnalyzerCache, type AnalyzerRule } from '../../analyzer/analyze.js';
import { loadProgram } from '../../analyzer/program.js';
import { ProgramContexts } from '../../analyzer/program-resolver.js';
import { traceOf } from '../../core/origin.js';
import type { CheckContext, Finding } from '../../core/types.js';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'assume-prog-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** A probe rule: reports calls that reach pg `query` through a same-file or cross-file callee. */
const probe: AnalyzerRule = {
  id: 'probe',
  messages: { reaches: 'reaches {{what}}' },
  defaultOptions: {},
  check(ctx: CheckContext): Finding[] {
    const out: Finding[] = [];
    for (const call of ctx.index.calls) {
      const callee = ctx.resolver.callee(ctx, call);
      if (!callee) continue;
      for (const inner of callee.ctx.index.calls) {
        const t = traceOf(callee.ctx, inner.callee);
        if (t.root.kind === 'module' && t.root.module === 'pg' && t.path.at(-1) === 'query') {
          if (inner.range[0] >= callee.fn.range[0] && inner.range[1] <= callee.fn.range[1]) {
            out.push({ ruleId: 'probe', messageId: 'reaches', data: { what: 'pg.query' }, node: call });
          }
        }
      }
    }
    return out;
  },
};

describe('ProgramContexts', () => {
  it('follows ESM imports, re-exports, default exports and constructor-injected classes across files', () => {
    const dir = project({
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, allowJs: true }, include: ['src'] }),
      'src/db.ts': `import pg from 'pg';\nexport const pool = new pg.Pool();\n`,
      'src/repo.ts': `import { pool } from './db.js';\nexport class OrderRepo {\n  async insert(o: unknown) { await pool.query('INSERT INTO orders'); }\n}\n`,
      'src/index.ts': `export * from './repo.js';\nexport { place as default } from './service.js';\n`,
      'src/service.ts': `import { OrderRepo } from './index.js';\nexport class OrderService {\n  constructor(private readonly repo: OrderRepo) {}\n  place(o: unknown) { return this.repo.insert(o); }\n}\nexport function place(r: OrderRepo) { return r.insert(1); }\n`,
      'src/controller.ts': `import placeDefault from './index.js';\nimport { OrderService } from './service.js';\nexport class C {\n  constructor(private svc: OrderService) {}\n  go() { this.svc.place(1); }\n}\n`,
    });
    const program = loadProgram({ cwd: dir });
    expect(program.files.map((f) => f.slice(dir.length + 1))).toEqual(['src/controller.ts', 'src/db.ts', 'src/index.ts', 'src/repo.ts', 'src/service.ts']);
    const contexts = new ProgramContexts({ project: program.project, maxFileBytes: 1e6 });
    const ctx = contexts.contextOf(join(dir, 'src/service.ts'));
    const call = ctx.index.calls.find((c) => ctx.file.text.slice(c.range[0]).startsWith('this.repo.insert'));
    expect(call).toBeDefined();
    const callee = call && contexts.resolver.callee(ctx, call);
    expect(callee?.ctx.file.path).toBe(join(dir, 'src/repo.ts'));
    const inner = callee?.ctx.index.calls.find((c) => callee.ctx.file.text.slice(c.range[0]).startsWith('pool.query'));
    const t = inner && callee && traceOf(callee.ctx, inner.callee);
    expect(t?.root).toMatchObject({ kind: 'module', module: 'pg' });
    expect(t?.path).toEqual(['Pool', 'new', 'query']);

    const result = analyze({ cwd: dir, rules: [probe] });
    expect(result.incomplete).toEqual([]);
    expect(result.findings.map((f) => `${f.file}:${f.line}`)).toEqual(['src/service.ts:4', 'src/service.ts:6']);
  });

  it('follows CommonJS requires in plain JS without a tsconfig', () => {
    const dir = project({
      'lib/store.js': `const { Pool } = require('pg');\nconst pool = new Pool();\nasync function save(x) { await pool.query('INSERT'); }\nmodule.exports = { save };\n`,
      'lib/handler.js': `const { save } = require('./store');\nexports.run = async () => { await save(1); };\n`,
    });
    const result = analyze({ cwd: dir, rules: [probe] });
    expect(result.findings.map((f) => `${f.file}:${f.line} ${f.message}`)).toEqual(['lib/handler.js:2 reaches pg.query']);
  });

  it('reports unparsable and oversized files as incomplete and goes on', () => {
    const dir = project({
      'a.ts': 'export const = ;',
      'b.ts': `export const big = '${'x'.repeat(2000)}';`,
      'c.ts': 'export const ok = 1;',
    });
    const result = analyze({ cwd: dir, rules: [probe], maxFileBytes: 1000 });
    expect(result.incomplete.map((i) => i.file)).toEqual(['a.ts', 'b.ts']);
    expect(result.incomplete[0].reason).toMatch(/could not be parsed/);
    expect(result.incomplete[1].reason).toMatch(/maxFileBytes/);
    expect(result.stats).toMatchObject({ files: 3, analyzed: 1 });
  });
});

describe('analyze: cache and overlay', () => {
  const files = {
    'src/db.ts': `import pg from 'pg';\nexport const pool = new pg.Pool();\nexport async function write() { await pool.query('INSERT'); }\n`,
    'src/a.ts': `import { write } from './db.js';\nexport async function a() { await write(); }\n`,
    'src/b.ts': `export function b() { return 1; }\n`,
  };

  it('reuses findings of unchanged files and re-checks a file whose dependency changed', () => {
    const dir = project(files);
    const cold = analyze({ cwd: dir, rules: [probe], cacheKey: 'k' });
    expect(cold.findings.map((f) => `${f.file}:${f.line}`)).toEqual(['src/a.ts:2']);
    expect(cold.stats.cached).toBe(0);
    expect(cold.cache.files['src/a.ts'].deps).toHaveProperty(['src/db.ts']);

    const warm = analyze({ cwd: dir, rules: [probe], cacheKey: 'k', cache: cold.cache });
    expect(warm.stats.cached).toBe(3);
    expect(warm.findings).toEqual(cold.findings);

    // The dependency no longer writes: a.ts must be re-checked, not served from the cache.
    writeFileSync(join(dir, 'src/db.ts'), `export async function write() { return 1; }\n`);
    const after = analyze({ cwd: dir, rules: [probe], cacheKey: 'k', cache: warm.cache });
    expect(after.findings).toEqual([]);
    expect(after.stats.cached).toBe(1);

    // Another key (config or version changed) discards the cache.
    const other = analyze({ cwd: dir, rules: [probe], cacheKey: 'other', cache: after.cache });
    expect(other.stats.cached).toBe(0);
  });

  it('analyzes overlay contents instead of the disk (staged blobs)', () => {
    const dir = project(files);
    const overlay = new Map([[join(dir, 'src/b.ts'), `import { write } from './db.js';\nexport async function b() {\n  await write();\n}\n`]]);
    const result = analyze({ cwd: dir, rules: [probe], paths: ['src/b.ts'], overlay });
    expect(result.findings.map((f) => `${f.file}:${f.line}`)).toEqual(['src/b.ts:3']);
  });
});

describe('isAnalyzerCache', () => {
  it('accepts only well-formed caches of this version and key', () => {
    expect(isAnalyzerCache({ version: 2, key: 'k', files: {} }, 'k')).toBe(true);
    expect(isAnalyzerCache({ version: 2, key: 'k', files: {} }, 'other')).toBe(false);
    // Version 1 caches have no finding identities (baselines): discarded.
    expect(isAnalyzerCache({ version: 1, key: 'k', files: {} }, 'k')).toBe(false);
    expect(isAnalyzerCache({ version: 3, key: 'k', files: {} }, 'k')).toBe(false);
    expect(isAnalyzerCache({ version: 2, key: 'k', files: { a: { hash: 1 } } }, 'k')).toBe(false);
    expect(isAnalyzerCache({ version: 2, key: 'k', files: { a: { hash: 'h', deps: {}, findings: [{ file: 3 }] } } }, 'k')).toBe(false);
    // Reverse lookups (a declared type's importers) are [module, export name] pairs.
    expect(isAnalyzerCache({ version: 2, key: 'k', files: { a: { hash: 'h', deps: {}, findings: [], reverse: [['src/t.ts', 'T']] } } }, 'k')).toBe(true);
    expect(isAnalyzerCache({ version: 2, key: 'k', files: { a: { hash: 'h', deps: {}, findings: [], reverse: [['src/t.ts']] } } }, 'k')).toBe(false);
    expect(isAnalyzerCache({ version: 2, key: 'k', files: { a: { hash: 'h', deps: {}, findings: [], reverse: 'src/t.ts' } } }, 'k')).toBe(false);
    expect(isAnalyzerCache('garbage', 'k')).toBe(false);
    expect(isAnalyzerCache(null, 'k')).toBe(false);
  });
});
