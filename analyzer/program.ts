import { existsSync, readdirSync, statSync } from 'node:fs';
import { extname, isAbsolute, join, resolve } from 'node:path';
import { Project, ts } from 'ts-morph';

/** Source extensions the analyzer reads. */
export const SOURCE_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']);
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'build', 'coverage', '.next', '.turbo']);

export interface LoadOptions {
  cwd: string;
  /** Files or folders to analyze; default: the files of the tsconfig, or cwd. */
  paths?: readonly string[];
  /** A tsconfig.json; default: `tsconfig.json` in cwd when present. */
  project?: string;
}

export interface LoadedProgram {
  project: Project;
  /** Absolute paths of the files to analyze, sorted. */
  files: string[];
  /**
   * Every source file of the project (the tsconfig's, else every one under cwd), computed on first call:
   * also when only some paths are analyzed (`--staged`, paths), cross-file lookups see the whole project.
   */
  projectFiles: () => string[];
  tsconfig: string | undefined;
}

/**
 * Loads the program: compiler options from tsconfig.json (found in cwd, or `project`), and the files to
 * analyze: the given paths (files or folders, walked), or the tsconfig's files. Without a tsconfig, JS is
 * allowed so plain JS projects work.
 */
export function loadProgram(options: LoadOptions): LoadedProgram {
  const cwd = resolve(options.cwd);
  const tsconfig = options.project ? resolve(cwd, options.project) : existsSync(join(cwd, 'tsconfig.json')) ? join(cwd, 'tsconfig.json') : undefined;
  if (tsconfig && !existsSync(tsconfig)) throw new Error(`tsconfig not found: ${tsconfig}`);
  const compilerOptions: ts.CompilerOptions = { allowJs: true, checkJs: false, noEmit: true, skipLibCheck: true };
  // The Project gives compiler options and module resolution; its source files are never added: the
  // analyzer parses each file itself (to ESTree), so letting ts-morph parse the whole program as well would
  // double the time and memory of a run for nothing.
  const project = tsconfig
    ? new Project({ tsConfigFilePath: tsconfig, skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true, compilerOptions: { allowJs: true, noEmit: true } })
    : new Project({ compilerOptions: { ...compilerOptions, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext } });
  let files: string[];
  if (options.paths && options.paths.length > 0) {
    files = [];
    for (const p of options.paths) collect(isAbsolute(p) ? p : resolve(cwd, p), files);
  } else if (tsconfig) {
    files = tsconfigFiles(tsconfig).filter((f) => !f.endsWith('.d.ts') && !f.includes('/node_modules/'));
  } else {
    files = [];
    collect(cwd, files);
  }
  files = [...new Set(files.map((f) => resolve(f)))].sort();
  const analyzed = files;
  let all: string[] | undefined;
  const projectFiles = (): string[] => {
    if (all) return all;
    if (!options.paths || options.paths.length === 0) return (all = analyzed);
    const found: string[] = [];
    if (tsconfig) found.push(...tsconfigFiles(tsconfig).filter((f) => !f.endsWith('.d.ts') && !f.includes('/node_modules/')));
    else collect(cwd, found);
    all = [...new Set([...found.map((f) => resolve(f)), ...analyzed])].sort();
    return all;
  };
  return { project, files, tsconfig, projectFiles };
}

/**
 * The files a tsconfig names (its `files`, `include` and `exclude`, following `extends`), JS included, and
 * those of the projects it references (a solution-style tsconfig with `"files": []` and `references`).
 */
function tsconfigFiles(tsconfig: string, seen = new Set<string>()): string[] {
  if (seen.has(tsconfig)) return [];
  seen.add(tsconfig);
  const problems: string[] = [];
  const host: ts.ParseConfigFileHost = {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => problems.push(ts.flattenDiagnosticMessageText(d.messageText, '\n')),
  };
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, { allowJs: true, noEmit: true }, host);
  if (!parsed) throw new Error(`tsconfig could not be read: ${tsconfig}: ${problems.join('; ') || 'unknown error'}`);
  const files = [...parsed.fileNames];
  for (const ref of parsed.projectReferences ?? []) {
    const target = ts.resolveProjectReferencePath(ref);
    if (existsSync(target)) files.push(...tsconfigFiles(target, seen));
  }
  return files;
}

function collect(path: string, out: string[]): void {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    out.push(path); // reported as unreadable later
    return;
  }
  if (stat.isFile()) {
    out.push(path);
    return;
  }
  if (!stat.isDirectory()) return;
  const stack = [path];
  while (stack.length > 0) {
    const dir = stack.pop() as string;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') && entry.name !== '.') continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) stack.push(full);
      } else if (entry.isFile() && SOURCE_EXTENSIONS.has(extname(entry.name)) && !entry.name.endsWith('.d.ts')) {
        out.push(full);
      }
    }
  }
}

/** Resolves a module specifier written in `fromFile` to a file path, with the program's compiler options. */
export function resolveModulePath(project: Project, fromFile: string, specifier: string): string | undefined {
  const result = ts.resolveModuleName(specifier, fromFile, { ...project.getCompilerOptions(), allowJs: true }, project.getModuleResolutionHost());
  const resolved = result.resolvedModule?.resolvedFileName;
  if (resolved && !resolved.endsWith('.d.ts')) return resolve(resolved);
  // Plain JS with extensionless or ESM-style specifiers that TS did not map: try the usual candidates.
  const base = resolve(fromFile, '..', specifier);
  for (const candidate of [base, ...[...SOURCE_EXTENSIONS].map((e) => base + e), ...[...SOURCE_EXTENSIONS].map((e) => join(base, `index${e}`))]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  const withoutJs = base.replace(/\.(m|c)?js$/, '');
  for (const e of ['.ts', '.tsx', '.mts', '.cts']) if (existsSync(withoutJs + e)) return withoutJs + e;
  return undefined;
}
