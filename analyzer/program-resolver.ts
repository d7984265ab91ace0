import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { TSESTree } from '@typescript-eslint/utils';
import type { Project } from 'ts-morph';
import type { Catalog } from '../core/catalog/types.js';
import { createCheckContext } from '../core/context.js';
import { propertyName, traceOf, type Trace } from '../core/origin.js';
import { calleeOf, type Resolver } from '../core/resolver.js';
import type { CheckContext, Node } from '../core/types.js';
import { parseSource } from './parse.js';
import { resolveModulePath } from './program.js';

export interface ProgramContextsOptions {
  project: Project;
  catalog?: Partial<Catalog>;
  /** Files larger than this are not parsed (reported incomplete by the caller). */
  maxFileBytes: number;
  /** Contents that replace the disk's (the staged blobs of `--staged`). */
  overlay?: ReadonlyMap<string, string>;
  /**
   * How much source text (bytes) the parsed files kept in memory may add up to before the least recently
   * used ones are dropped by `release()` (and parsed again if needed later). Default 1 MiB, about 125 MB
   * of trees and scopes. `Infinity` keeps everything.
   */
  retainBytes?: number;
  /** Every source file of the project (absolute), for reverse lookups (`importersOf`); asked for on first use. */
  files?: () => readonly string[];
}

export const DEFAULT_RETAIN_BYTES = 1024 * 1024;

/** Why a file could not be analyzed. */
export class FileSkipped extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

/**
 * The whole-program side of the engine: one parsed ESTree and CheckContext per file (lazily, cached), and
 * a Resolver that follows imports, requires and re-exports into other files of the project.
 */
export class ProgramContexts {
  /** Parsed files, least recently used first (a hit moves the entry to the end). */
  private readonly contexts = new Map<string, CheckContext | FileSkipped>();
  private retained = 0;
  /** Files parsed so far, counting a file parsed again after `release()` dropped it. */
  parses = 0;
  private readonly byProgram = new WeakMap<TSESTree.Program, CheckContext>();
  private readonly moduleCache = new Map<string, string | null>();
  private readonly hashes = new Map<string, string | null>();
  /** Resolved imports and reverse lookups of this run: file -> files it may rest on. */
  private readonly edges = new Map<string, Set<string>>();
  private readonly importers = new Map<string, { file: string; local: string }[]>();
  /** Reverse lookups made in this run: module file -> export names whose importers were looked for. */
  private readonly reverseLookups = new Map<string, Set<string>>();
  private readonly namedImports = new Map<string, { specifier: string; names: Map<string, string> }[]>();
  /** Files whose contexts were used since `track()` was last called (dependencies of one file's check). */
  private tracked: Set<string> | undefined;
  readonly resolver: Resolver;

  constructor(private readonly options: ProgramContextsOptions) {
    this.resolver = {
      callee: (ctx, call) => calleeOf(ctx, call),
      importTarget: (ctx, specifier, exportName) => this.importTarget(ctx, specifier, exportName, 0),
      contextOf: (node) => this.contextOfNode(node),
      moduleOf: (ctx, specifier) => {
        const path = this.resolveModule(ctx.file.path, specifier);
        if (!path) return undefined;
        try {
          return this.contextOf(path);
        } catch {
          return undefined;
        }
      },
      importersOf: (ctx, exportName) => this.importersOf(ctx, exportName),
    };
  }

  /** The context of a file; throws FileSkipped when it cannot be read or parsed. */
  contextOf(file: string): CheckContext {
    this.tracked?.add(file);
    const hit = this.contexts.get(file);
    if (hit instanceof FileSkipped) throw hit;
    if (hit) {
      this.contexts.delete(file);
      this.contexts.set(file, hit);
      return hit;
    }
    try {
      const ctx = this.load(file);
      this.contexts.set(file, ctx);
      this.retained += ctx.file.text.length;
      this.byProgram.set(ctx.file.ast, ctx);
      return ctx;
    } catch (error) {
      const skipped = error instanceof FileSkipped ? error : new FileSkipped(file, `could not be parsed: ${firstLine(error)}`);
      this.contexts.set(file, skipped);
      throw skipped;
    }
  }

  /**
   * Drops the least recently used parsed files while the kept source text exceeds `retainBytes`. Called
   * between two files' checks only, so one check always sees one tree per file; a later check that needs a
   * dropped file parses it again (same text, same findings; lookups keyed by the old tree's nodes still
   * work while something holds them).
   */
  release(): void {
    const limit = this.options.retainBytes ?? DEFAULT_RETAIN_BYTES;
    if (this.retained <= limit) return;
    for (const [file, entry] of this.contexts) {
      if (this.retained <= limit) break;
      if (entry instanceof FileSkipped) continue;
      this.contexts.delete(file);
      this.retained -= entry.file.text.length;
    }
  }

  private load(file: string): CheckContext {
    let size: number;
    try {
      size = statSync(file).size;
    } catch (error) {
      throw new FileSkipped(file, `could not be read: ${firstLine(error)}`);
    }
    const staged = this.options.overlay?.get(file);
    if (staged !== undefined) size = Buffer.byteLength(staged);
    if (size > this.options.maxFileBytes) throw new FileSkipped(file, `larger than maxFileBytes (${size} > ${this.options.maxFileBytes} bytes)`);
    const text = staged ?? readFileSync(file, 'utf8');
    // The text is at hand: its hash (for the cache) needs no second read.
    if (!this.hashes.has(file)) this.hashes.set(file, hashText(text));
    const source = parseSource(text, file);
    this.parses++;
    return createCheckContext(source, { catalog: this.options.catalog, resolver: this.resolver });
  }

  private contextOfNode(node: Node): CheckContext | undefined {
    let current: Node | undefined = node;
    while (current.parent) current = current.parent;
    const ctx = this.byProgram.get(current);
    if (ctx) this.tracked?.add(ctx.file.path);
    return ctx;
  }

  /** Starts recording which files are used; returns the set that fills up. */
  track(): Set<string> {
    this.tracked = new Set();
    return this.tracked;
  }

  /** Content hash of a file as the analyzer sees it (overlay first); null when unreadable. */
  hashOf(file: string): string | null {
    let hit = this.hashes.get(file);
    if (hit === undefined) {
      try {
        hit = hashText(this.options.overlay?.get(file) ?? readFileSync(file, 'utf8'));
      } catch {
        hit = null;
      }
      this.hashes.set(file, hit);
    }
    return hit;
  }

  /**
   * Files of the project that import `exportName` from the file of `ctx`: named imports found by a scan of
   * each file's text (kept per file, no parse), confirmed on the importer's tree.
   */
  private importersOf(ctx: CheckContext, exportName: string): { ctx: CheckContext; local: string }[] {
    let names = this.reverseLookups.get(ctx.file.path);
    if (!names) {
      names = new Set();
      this.reverseLookups.set(ctx.file.path, names);
    }
    names.add(exportName);
    const files = this.importerFiles(ctx.file.path, exportName);
    for (const { file } of files) this.edge(ctx.file.path, file);
    const out: { ctx: CheckContext; local: string }[] = [];
    for (const { file, local } of files) {
      let importer: CheckContext;
      try {
        importer = this.contextOf(file);
      } catch {
        continue;
      }
      const confirmed = importer.file.ast.body.some(
        (s) =>
          s.type === 'ImportDeclaration' &&
          s.specifiers.some((spec) => spec.type === 'ImportSpecifier' && spec.local.name === local && (spec.imported.type === 'Identifier' ? spec.imported.name : spec.imported.value) === exportName),
      );
      if (confirmed) out.push({ ctx: importer, local });
    }
    return out;
  }

  /**
   * The project files whose text imports `exportName` from `moduleFile` by name (a scan of each file's text, kept
   * for the run; no parse).
   */
  importerFiles(moduleFile: string, exportName: string): readonly { file: string; local: string }[] {
    const key = `${moduleFile}\0${exportName}`;
    let files = this.importers.get(key);
    if (!files) {
      files = [];
      for (const file of this.options.files?.() ?? []) {
        if (file === moduleFile) continue;
        for (const imp of this.namedImportsOf(file)) {
          const local = imp.names.get(exportName);
          if (local !== undefined && this.resolveModule(file, imp.specifier) === moduleFile) files.push({ file, local });
        }
      }
      this.importers.set(key, files);
    }
    return files;
  }

  /**
   * The reverse lookups of this run whose module is one of `files`: [module file, export name]. A check that rests
   * on one is valid only while the module's importers stay those it saw (see `analyze`'s cache).
   */
  reverseLookupsIn(files: Iterable<string>): [string, string][] {
    const out: [string, string][] = [];
    for (const file of files) for (const name of this.reverseLookups.get(file) ?? []) out.push([file, name]);
    return out;
  }

  /** `import [type] { a, b as c } from './x'` statements of a file, from its text (relative specifiers only). */
  private namedImportsOf(file: string): { specifier: string; names: Map<string, string> }[] {
    let hit = this.namedImports.get(file);
    if (!hit) {
      hit = [];
      let text: string;
      try {
        text = this.options.overlay?.get(file) ?? readFileSync(file, 'utf8');
      } catch {
        text = '';
      }
      if (text.length <= this.options.maxFileBytes) {
        for (const m of text.matchAll(/\bimport\s+(?:type\s+)?(?:[\w$]+\s*,\s*)?\{([^}]*)\}\s*from\s*['"](\.[^'"]*)['"]/g)) {
          const names = new Map<string, string>();
          for (const part of m[1].split(',')) {
            const words = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/);
            if (words[0]) names.set(words[0], words[1] ?? words[0]);
          }
          hit.push({ specifier: m[2], names });
        }
      }
      this.namedImports.set(file, hit);
    }
    return hit;
  }

  private resolveModule(fromFile: string, specifier: string): string | undefined {
    const key = `${fromFile}\0${specifier}`;
    let hit = this.moduleCache.get(key);
    if (hit === undefined) {
      hit = resolveModulePath(this.options.project, fromFile, specifier) ?? null;
      this.moduleCache.set(key, hit);
      if (hit !== null) this.edge(fromFile, hit);
    }
    return hit ?? undefined;
  }

  /** Records that what is known about `from` may rest on `to` (a resolved import, a reverse lookup). */
  private edge(from: string, to: string): void {
    let set = this.edges.get(from);
    if (!set) {
      set = new Set();
      this.edges.set(from, set);
    }
    set.add(to);
  }

  /**
   * Every file a check that used `files` may rest on: those files and all they reached through the imports
   * (and reverse lookups) resolved so far in this run. A summary memoized while checking one file and reused
   * by another rests on the files its first computation read; this closure covers them, so the cache
   * re-checks a file when anything behind it changed.
   */
  closure(files: Iterable<string>): Set<string> {
    const out = new Set(files);
    const queue = [...out];
    while (queue.length > 0) {
      const file = queue.pop() as string;
      for (const next of this.edges.get(file) ?? []) {
        if (out.has(next)) continue;
        out.add(next);
        queue.push(next);
      }
    }
    return out;
  }

  /** What export `exportName` of module `specifier` (imported from the file of `ctx`) is. */
  private importTarget(ctx: CheckContext, specifier: string, exportName: string, depth: number): Trace | undefined {
    if (depth > 8) return undefined;
    const path = this.resolveModule(ctx.file.path, specifier);
    if (!path) return undefined;
    let target: CheckContext;
    try {
      target = this.contextOf(path);
    } catch {
      return undefined;
    }
    return this.exportOf(target, exportName, depth);
  }

  private exportOf(target: CheckContext, name: string, depth: number): Trace | undefined {
    const found = findExport(target, name);
    if (!found) {
      // `export * from './x'`
      for (const node of target.file.ast.body) {
        if (node.type === 'ExportAllDeclaration' && !node.exported) {
          const t = this.importTarget(target, node.source.value, name, depth + 1);
          if (t) return t;
        }
      }
      return undefined;
    }
    if ('reexport' in found) return this.importTarget(target, found.reexport, found.name, depth + 1);
    return traceOf(target, found.node);
  }
}

type ExportHit = { node: Node } | { reexport: string; name: string };

/** Finds an export by name in a file's ESTree: ESM declarations and specifiers, CommonJS assignments. */
function findExport(ctx: CheckContext, name: string): ExportHit | undefined {
  for (const node of ctx.file.ast.body) {
    if (node.type === 'ExportNamedDeclaration') {
      const decl = node.declaration;
      if (decl) {
        if ((decl.type === 'FunctionDeclaration' || decl.type === 'ClassDeclaration') && decl.id?.name === name) return { node: decl };
        if (decl.type === 'VariableDeclaration') {
          for (const d of decl.declarations) {
            if (d.id.type === 'Identifier' && d.id.name === name) return d.init ? { node: d.init } : undefined;
          }
        }
        if (decl.type === 'TSEnumDeclaration' || decl.type === 'TSInterfaceDeclaration' || decl.type === 'TSTypeAliasDeclaration') continue;
      }
      for (const spec of node.specifiers) {
        const exported = spec.exported.type === 'Identifier' ? spec.exported.name : spec.exported.value;
        if (exported !== name) continue;
        const local = spec.local.type === 'Identifier' ? spec.local.name : spec.local.value;
        if (node.source) return { reexport: node.source.value, name: local };
        if (spec.local.type === 'Identifier') return { node: spec.local };
      }
    } else if (node.type === 'ExportDefaultDeclaration' && name === 'default') {
      return { node: node.declaration };
    } else if (node.type === 'ExpressionStatement' && node.expression.type === 'AssignmentExpression') {
      const hit = commonJsExport(node.expression, name);
      if (hit) return { node: hit };
    }
  }
  return undefined;
}

function commonJsExport(assign: TSESTree.AssignmentExpression, name: string): Node | undefined {
  const left = assign.left;
  if (left.type !== 'MemberExpression') return undefined;
  const prop = propertyName(left);
  const obj = left.object;
  const isModuleExports = (n: Node) => n.type === 'MemberExpression' && n.object.type === 'Identifier' && n.object.name === 'module' && propertyName(n) === 'exports';
  // module.exports = { a, b } / module.exports = fn
  if (isModuleExports(left)) {
    if (assign.right.type === 'ObjectExpression') {
      for (const p of assign.right.properties) if (p.type === 'Property' && propertyName(p) === name) return p.value;
      return undefined;
    }
    return name === 'default' ? assign.right : undefined;
  }
  // exports.a = ... / module.exports.a = ...
  if (prop === name && ((obj.type === 'Identifier' && obj.name === 'exports') || isModuleExports(obj))) return assign.right;
  return undefined;
}

/** The content hash the cache keys on (of the text as read, UTF-8). */
function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
