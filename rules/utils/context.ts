import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { cachedCheckContext, createCheckContext } from '../../core/context.js';
import { releaseFile } from '../../core/file-cache.js';
import { checkedSettingsCatalog } from './settings.js';
import type { Catalog } from '../../core/catalog/types.js';
import type { CheckContext, Finding, Node, TypeFacts } from '../../core/types.js';

/** `settings.assume` in an ESLint config: shared by every assume rule. */
export interface AssumeSharedSettings {
  /** Extra catalog entries, frameworks and typed roles, in the catalog's own shape. */
  catalog?: Partial<Catalog>;
}

/** Builds (or reuses) the engine's context for the file being linted. */
export function checkContextOf<M extends string, O extends readonly unknown[]>(context: Readonly<TSESLint.RuleContext<M, O>>): CheckContext {
  const sourceCode = context.sourceCode;
  const settings = (context.settings as { assume?: AssumeSharedSettings } | undefined)?.assume;
  const catalog = checkedSettingsCatalog(settings?.catalog);
  // The first rule on a file builds it; the others find it (without making the file's description again).
  const cached = cachedCheckContext(sourceCode.ast, catalog);
  if (cached) return cached;
  return createCheckContext(
    {
      path: context.filename,
      text: sourceCode.text,
      ast: sourceCode.ast,
      scopeManager: sourceCode.scopeManager as NonNullable<typeof sourceCode.scopeManager>,
      visitorKeys: sourceCode.visitorKeys,
      eachNode: eachNodeOf(sourceCode),
    },
    { catalog, types: typeFactsOf(sourceCode) },
  );
}

/** How many rules still have to run on a file: when the last is done, what they cached for it is let go. */
const pending = new WeakMap<TSESTree.Program, number>();

/**
 * The listeners of a rule whose checker runs once the whole file has been seen: at `Program:exit` it builds (or
 * reuses) the file's check context, runs the checker and reports its findings. Every rule made with it holds the
 * file's cached work from `create()` until its own check is done; the last one to finish lets it go, so that
 * nothing of a file's analysis outlives its lint (see core/file-cache.ts).
 */
export function checkAtProgramExit<M extends string, O extends readonly unknown[]>(
  context: Readonly<TSESLint.RuleContext<M, O>>,
  check: (ctx: CheckContext) => readonly Finding[],
): TSESLint.RuleListener {
  const ast = context.sourceCode.ast;
  pending.set(ast, (pending.get(ast) ?? 0) + 1);
  return {
    'Program:exit'() {
      try {
        reportFindings(context, check(checkContextOf(context)));
      } finally {
        const left = (pending.get(ast) ?? 1) - 1;
        if (left > 0) pending.set(ast, left);
        else {
          pending.delete(ast);
          releaseFile(ast);
        }
      }
    },
  };
}

/** A step of ESLint's traversal (`SourceCode#traverse()`, ESLint 9+): kind 1 visits `target`, phase 1 on entry. */
interface TraversalStep {
  kind: number;
  phase?: number | string;
  target: unknown;
}

/**
 * The nodes of ESLint's own traversal, in order: ESLint has walked the tree (and set parent links) before any
 * rule listener runs, and keeps the steps, so reading them is far cheaper than another walk.
 */
export function eachNodeOf(sourceCode: Readonly<TSESLint.SourceCode>): ((visit: (node: Node) => void) => void) | undefined {
  const traversable = sourceCode as unknown as { traverse?: () => Iterable<TraversalStep> };
  if (typeof traversable.traverse !== 'function') return undefined;
  return (visit) => {
    const steps = (traversable.traverse as () => Iterable<TraversalStep>).call(sourceCode);
    if (Array.isArray(steps)) {
      // An index loop: iterating ESLint's (large) step array with for-of allocated an iterator result per step.
      const list = steps as readonly TraversalStep[];
      for (let i = 0; i < list.length; i++) {
        const step = list[i];
        if (step.kind === 1 && step.phase === 1) visit(step.target as Node);
      }
      return;
    }
    for (const step of steps) {
      if (step.kind === 1 && step.phase === 1) visit(step.target as Node);
    }
  };
}

interface TsLikeType {
  getProperty(name: string): unknown;
  getSymbol(): { declarations?: { getSourceFile(): { fileName: string } }[]; getName(): string } | undefined;
  aliasSymbol?: { declarations?: { getSourceFile(): { fileName: string } }[]; getName(): string };
}

/** Type facts from typed linting (parserServices with a program), if it is on. */
function typeFactsOf(sourceCode: Readonly<TSESLint.SourceCode>): TypeFacts | undefined {
  const services = sourceCode.parserServices as
    | {
        program?: { getTypeChecker(): { getTypeAtLocation(node: unknown): TsLikeType } } | null;
        esTreeNodeToTSNodeMap?: { get(node: TSESTree.Node): unknown };
      }
    | undefined;
  const program = services?.program;
  const map = services?.esTreeNodeToTSNodeMap;
  if (!program || !map) return undefined;
  const checker = program.getTypeChecker();
  const typeOf = (node: Node): TsLikeType | undefined => {
    try {
      return checker.getTypeAtLocation(map.get(node));
    } catch {
      return undefined;
    }
  };
  return {
    isThenable(node) {
      const type = typeOf(node);
      return type ? type.getProperty('then') !== undefined : undefined;
    },
    typeOrigin(node) {
      const type = typeOf(node);
      const symbol = type?.aliasSymbol ?? type?.getSymbol();
      const decl = symbol?.declarations?.[0];
      if (!symbol || !decl) return undefined;
      const module = moduleOfDeclarationFile(decl.getSourceFile().fileName);
      return module === undefined ? undefined : { module, name: symbol.getName() };
    },
  };
}

/** Reports a checker's findings that belong to this file. */
export function reportFindings<M extends string, O extends readonly unknown[]>(context: Readonly<TSESLint.RuleContext<M, O>>, findings: readonly Finding[]): void {
  for (const finding of findings) {
    if (finding.file !== undefined && finding.file !== context.filename) continue;
    const start = finding.node.loc.start;
    context.report({
      node: finding.node,
      // A multi-line construct is reported on its first line only.
      loc: { start, end: finding.node.loc.start.line === finding.node.loc.end.line ? finding.node.loc.end : { line: start.line, column: lineLength(context, start.line) } },
      messageId: finding.messageId as M,
      data: finding.data,
      suggest: finding.suggestions?.map((s) => ({
        messageId: s.messageId as M,
        data: s.data,
        fix: (fixer: TSESLint.RuleFixer) => s.edits.map((e) => fixer.replaceTextRange(e.range, e.text)),
      })),
    });
  }
}

function lineLength<M extends string, O extends readonly unknown[]>(context: Readonly<TSESLint.RuleContext<M, O>>, line: number): number {
  return context.sourceCode.lines[line - 1]?.length ?? 0;
}

/**
 * The module a declaration file belongs to: `@types/node/http.d.ts` -> `http`, TypeScript's own lib files ->
 * `''` (a global), `node_modules/@types/express/index.d.ts` -> `express`.
 */
export function moduleOfDeclarationFile(fileName: string): string | undefined {
  const f = fileName.replace(/\\/g, '/');
  const nodeTypes = /\/node_modules\/@types\/node\/(?:[^/]+\/)*([^/]+)\.d\.ts$/.exec(f);
  if (nodeTypes) return nodeTypes[1];
  if (/\/typescript\/lib\/lib\.[^/]*\.d\.ts$/.test(f)) return '';
  const pkg = /\/node_modules\/(?:@types\/)?((?:@[^/]+\/)?[^/]+)/.exec(f);
  return pkg ? pkg[1] : undefined;
}
