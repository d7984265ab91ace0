/**
 * Reading the register from disk: the only module of register/ that does I/O. Reads are injectable
 * (`ReadFs`) so the checks run on in-memory files in tests.
 */
import * as nodeFs from 'node:fs';
import * as path from 'node:path';
import type { RegisterInput, TextFile } from './check.js';

/** Where the register lives, relative to the project root (`register` in assume.config.json). */
export interface RegisterPaths {
  /** Folder of the assumption files and their README. */
  assumptions: string;
  /** The threat-model checklist. */
  checklist: string;
  /** Folder of the rollback plans (and TEMPLATE.md). */
  rollback: string;
}

export const defaultRegisterPaths: Readonly<RegisterPaths> = {
  assumptions: 'docs/assumptions',
  checklist: 'docs/threat-model/checklist.md',
  rollback: 'docs/rollback',
};

/** The read-only file-system calls the loader makes. */
export interface ReadFs {
  readFileSync(file: string, encoding: 'utf8'): string;
  readdirSync(dir: string, options: { withFileTypes: true }): { name: string; isDirectory(): boolean; isFile(): boolean }[];
  statSync(file: string): { isDirectory(): boolean; isFile(): boolean };
}

export interface LoadOptions {
  /** Project root: paths are resolved and reported relative to it. */
  cwd: string;
  /** Files or folders whose source comments are checked; default: every source file under `cwd`. */
  files?: readonly string[];
  paths?: Partial<RegisterPaths>;
  fs?: ReadFs;
}

/** Extensions of the source files whose comments are read. */
export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;
/** Folders never walked when looking for sources. */
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'build', 'coverage', 'out']);

const defaultFs = nodeFs as unknown as ReadFs;

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

function isSource(name: string): boolean {
  return !name.endsWith('.d.ts') && SOURCE_EXTENSIONS.some((ext) => name.endsWith(ext));
}

function tryRead(fs: ReadFs, file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function markdownFiles(fs: ReadFs, cwd: string, dir: string): TextFile[] {
  let entries: ReturnType<ReadFs['readdirSync']>;
  try {
    entries = fs.readdirSync(path.join(cwd, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.md') && e.name.toLowerCase() !== 'readme.md')
    .map((e) => e.name)
    .sort()
    .flatMap((name) => {
      const rel = toPosix(path.join(dir, name));
      const text = tryRead(fs, path.join(cwd, rel));
      return text === undefined ? [] : [{ file: rel, text }];
    });
}

/** Source files under `root` (absolute), sorted, skipping dependencies, builds and dot-folders. */
export function listSourceFiles(fs: ReadFs, root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    let entries: ReturnType<ReadFs['readdirSync']>;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) walk(full);
      } else if (entry.isFile() && isSource(entry.name)) {
        out.push(full);
      }
    }
  };
  walk(root);
  return out.sort();
}

/** Reads everything the register checks need. Missing pieces are simply absent (nothing to check). */
export function loadRegisterInput(options: LoadOptions): RegisterInput {
  const fs = options.fs ?? defaultFs;
  const cwd = path.resolve(options.cwd);
  const paths = { ...defaultRegisterPaths, ...options.paths };
  const read = (rel: string): TextFile | undefined => {
    const text = tryRead(fs, path.join(cwd, rel));
    return text === undefined ? undefined : { file: toPosix(path.normalize(rel)), text };
  };

  const readmeName = (() => {
    try {
      return fs.readdirSync(path.join(cwd, paths.assumptions), { withFileTypes: true }).find((e) => e.isFile() && e.name.toLowerCase() === 'readme.md')?.name;
    } catch {
      return undefined;
    }
  })();

  const sourcePaths = new Set<string>();
  for (const given of options.files ?? ['.']) {
    const abs = path.resolve(cwd, given);
    let stat: ReturnType<ReadFs['statSync']>;
    try {
      stat = fs.statSync(abs);
    } catch {
      continue;
    }
    if (stat.isDirectory()) for (const f of listSourceFiles(fs, abs)) sourcePaths.add(f);
    else if (stat.isFile()) sourcePaths.add(abs);
  }
  const sources = [...sourcePaths].sort().flatMap((abs) => {
    const text = tryRead(fs, abs);
    return text === undefined ? [] : [{ file: toPosix(path.relative(cwd, abs)), text }];
  });

  return {
    assumptionFiles: markdownFiles(fs, cwd, paths.assumptions),
    readme: readmeName === undefined ? undefined : read(path.join(paths.assumptions, readmeName)),
    checklist: read(paths.checklist),
    rollbackFiles: markdownFiles(fs, cwd, paths.rollback),
    sources,
  };
}
