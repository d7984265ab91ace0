import type { TSESTree } from '@typescript-eslint/utils';
import type { Scope } from '@typescript-eslint/utils/ts-eslint';
import type { Catalog } from './catalog/types.js';
import type { FileIndex } from './file-index.js';
import type { Resolver } from './resolver.js';

export type Node = TSESTree.Node;
export type Expression = TSESTree.Expression;
export type FunctionNode =
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression
  | TSESTree.ArrowFunctionExpression;
export type CallLike = TSESTree.CallExpression | TSESTree.NewExpression;
export type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** A text edit, independent of ESLint's fixer: replace `range` with `text`. */
export interface TextEdit {
  range: [number, number];
  text: string;
}

/** A suggested fix, offered in editors; never applied automatically. */
export interface FindingSuggestion {
  messageId: string;
  data?: Record<string, string | number>;
  edits: TextEdit[];
}

/** One step of the path a value took from source to sink (shown by reporters). */
export interface PathStep {
  /** File of the step; undefined means the file being checked. */
  file?: string;
  node: Node;
  note: string;
}

/** What a checker returns: everything a front end needs to report. */
export interface Finding {
  /** Rule id without the plugin prefix, e.g. `no-unbounded-parse`. */
  ruleId: string;
  messageId: string;
  data?: Record<string, string | number>;
  /** Node to report; the report starts at its first line. */
  node: Node;
  /** File of `node`; undefined means the file being checked. */
  file?: string;
  suggestions?: FindingSuggestion[];
  path?: PathStep[];
}

/** Type facts from a type checker, when the front end has one. */
export interface TypeFacts {
  /** Is the expression's type a Promise/thenable? undefined when unknown. */
  isThenable(node: Node): boolean | undefined;
  /**
   * Where the declared type of the expression comes from: the module that declares it and its name,
   * e.g. `{ module: 'express', name: 'Response' }`; undefined when unknown or not an imported type.
   */
  typeOrigin(node: Node): { module: string; name: string } | undefined;
}

/** The source of one file as the engine sees it. */
export interface SourceFile {
  /** Absolute path (or a pseudo path such as `file.ts` in tests). */
  path: string;
  text: string;
  ast: TSESTree.Program;
  scopeManager: Scope.ScopeManager;
  visitorKeys: Record<string, readonly string[] | undefined>;
  /**
   * Visits every node of `ast` in source order (pre-order, children in visitor-key order), parent links set: a front
   * end that has walked the tree already (ESLint) passes its walk, so the engine's index need not walk it again.
   */
  eachNode?: (visit: (node: Node) => void) => void;
}

/** Shared settings (`settings.assume` for ESLint, the config file for the CLI). */
export interface AssumeSettings {
  /** Extra catalog entries, merged into the built-in catalog for all rules. */
  catalog?: Catalog;
}

/** Everything a checker gets. Built once per file and shared by all rules. */
export interface CheckContext {
  file: SourceFile;
  index: FileIndex;
  catalog: Catalog;
  resolver: Resolver;
  types?: TypeFacts;
  /** Per-file memo store for summaries and traces (keyed by purpose). */
  memo: Map<string, WeakMap<object, unknown>>;
}
