/** Which files `assume check` analyzes when it loads a project from its tsconfig. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../analyzer/api.js';
import { loadProgram } from '../../analyzer/program.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'assume-program-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const filesOf = (dir: string) => loadProgram({ cwd: dir }).files.map((f) => relative(dir, f).split('\\').join('/'));

describe('loadProgram', () => {
  it('takes the files the tsconfig includes, JS too, without excluded ones, .d.ts or node_modules', () => {
    const dir = project({
      'tsconfig.json': JSON.stringify({ compilerOptions: { allowJs: true }, include: ['src'], exclude: ['src/generated'] }),
      'src/a.ts': 'export const a = 1;\n',
      'src/b.js': 'export const b = 2;\n',
      'src/types.d.ts': 'declare const x: number;\n',
      'src/generated/c.ts': 'export const c = 3;\n',
      'scripts/d.ts': 'export const d = 4;\n',
    });
    expect(filesOf(dir)).toEqual(['src/a.ts', 'src/b.js']);
  });

  it('follows extends', () => {
    const dir = project({
      'tsconfig.base.json': JSON.stringify({ include: ['lib'] }),
      'tsconfig.json': JSON.stringify({ extends: './tsconfig.base.json' }),
      'lib/x.ts': 'export const x = 1;\n',
      'other/y.ts': 'export const y = 1;\n',
    });
    expect(filesOf(dir)).toEqual(['lib/x.ts']);
  });

  it('a solution-style tsconfig (no files, references) analyzes the referenced projects, each once', () => {
    const dir = project({
      'tsconfig.json': JSON.stringify({ files: [], references: [{ path: './packages/api' }, { path: './packages/worker/tsconfig.json' }] }),
      'packages/api/tsconfig.json': JSON.stringify({ compilerOptions: { composite: true }, include: ['src'], references: [{ path: '../worker' }] }),
      'packages/api/src/server.ts': 'export const s = 1;\n',
      'packages/worker/tsconfig.json': JSON.stringify({ compilerOptions: { composite: true }, include: ['src'] }),
      'packages/worker/src/consumer.ts': 'export const c = 1;\n',
    });
    expect(filesOf(dir)).toEqual(['packages/api/src/server.ts', 'packages/worker/src/consumer.ts']);
  });

  it('with paths, analyzes only those, while cross-file lookups still see the whole project', () => {
    const dir = project({
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true }, include: ['src'] }),
      'src/types.ts': 'export interface Entry { id: string; postedAt: number }\n',
      'src/factory.ts': "import type { Entry } from './types.js';\nexport function post(id: string): Entry {\n  return { id, postedAt: Date.now() };\n}\n",
      'src/ledger.ts': "import type { Entry } from './types.js';\nexport const ordered = (xs: Entry[]) => [...xs].sort((a, b) => a.postedAt - b.postedAt);\n",
    });
    const program = loadProgram({ cwd: dir, paths: ['src/factory.ts'] });
    expect(program.files.map((f) => relative(dir, f))).toEqual(['src/factory.ts']);
    expect(program.projectFiles().map((f) => relative(dir, f).split('\\').join('/'))).toEqual(['src/factory.ts', 'src/ledger.ts', 'src/types.ts']);
    // The stamp in factory.ts is ordered in ledger.ts, which is not among the paths: still found.
    const result = analyze({ cwd: dir, paths: ['src/factory.ts'] });
    expect(result.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([['no-wall-clock-at-boundary', 'src/factory.ts', 3]]);
  });

  it('the cache re-checks every stamping file when the file that orders their records changes', () => {
    const stamp = (fn: string) => `import type { Entry } from './types.js';\nexport function ${fn}(id: string): Entry {\n  return { id, postedAt: Date.now() };\n}\n`;
    const dir = project({
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true }, include: ['src'] }),
      'src/types.ts': 'export interface Entry { id: string; postedAt: number }\n',
      'src/a.ts': stamp('postA'),
      'src/b.ts': stamp('postB'),
      'src/ledger.ts': "import type { Entry } from './types.js';\nexport const ordered = (xs: Entry[]) => [...xs].sort((a, b) => a.postedAt - b.postedAt);\n",
    });
    const first = analyze({ cwd: dir });
    expect(first.findings.map((f) => f.file)).toEqual(['src/a.ts', 'src/b.ts']);
    // Both stamping files' cache entries depend on the ledger, also the one whose check reused a memoized answer.
    for (const file of ['src/a.ts', 'src/b.ts']) expect(Object.keys(first.cache.files[file].deps)).toContain('src/ledger.ts');
    writeFileSync(join(dir, 'src/ledger.ts'), "import type { Entry } from './types.js';\nexport const ordered = (xs: Entry[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));\n");
    const second = analyze({ cwd: dir, cache: first.cache });
    expect(second.findings).toEqual([]);
  });

  it('the cache re-checks a file when a file behind one it calls changes, also through a summary another check memoized', () => {
    const route = (p: string) => `import express from 'express';\nimport { place } from './service.js';\nexport const app = express();\napp.post('/${p}', async (req, res) => {\n  await place(req.body.id);\n  res.status(201).json({ ok: true });\n});\n`;
    const dir = project({
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' }, include: ['src'] }),
      'src/repo.ts': "import pg from 'pg';\nconst pool = new pg.Pool();\nexport function save(id: string) {\n  pool.query('INSERT INTO orders(id) VALUES ($1)', [id]);\n}\n",
      'src/service.ts': "import { save } from './repo.js';\nexport async function place(id: string) {\n  await save(id);\n}\n",
      'src/r1.ts': route('a'),
      'src/r2.ts': route('b'),
    });
    const first = analyze({ cwd: dir });
    expect(first.findings.map((f) => f.file)).toEqual(['src/r1.ts', 'src/r2.ts']);
    // r2's check reused the summary of place() that r1's check computed (reading repo.ts): it still rests on repo.ts.
    expect(Object.keys(first.cache.files['src/r2.ts'].deps).sort()).toEqual(['src/repo.ts', 'src/service.ts']);
    writeFileSync(join(dir, 'src/repo.ts'), "import pg from 'pg';\nconst pool = new pg.Pool();\nexport async function save(id: string) {\n  await pool.query('INSERT INTO orders(id) VALUES ($1)', [id]);\n}\n");
    const warm = analyze({ cwd: dir, cache: first.cache });
    expect(warm.findings).toEqual([]);
    expect(warm.findings).toEqual(analyze({ cwd: dir }).findings);
  });
});
