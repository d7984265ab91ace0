/**
 * Semantics-preserving source transforms for the property tests: renaming local bindings (through scope
 * analysis) and inserting comments and blank lines between statements.
 */
import { parseForESLint } from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';

type Node = TSESTree.Node;

interface Parsed {
  ast: TSESTree.Program;
  scopeManager: NonNullable<ReturnType<typeof parseForESLint>['scopeManager']>;
  visitorKeys: Record<string, readonly string[] | undefined>;
}

function parse(code: string, filePath: string): Parsed {
  const result = parseForESLint(code, { ecmaVersion: 'latest', sourceType: 'module', range: true, loc: true, filePath });
  return { ast: result.ast, scopeManager: result.scopeManager, visitorKeys: result.visitorKeys };
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Every node with its parent (one walk). */
function walk(parsed: Parsed, visit: (node: Node, parent: Node | undefined) => void): void {
  const stack: [Node, Node | undefined][] = [[parsed.ast, undefined]];
  while (stack.length > 0) {
    const [node, parent] = stack.pop()!;
    visit(node, parent);
    for (const key of parsed.visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const item of child) if (isNode(item)) stack.push([item, node]);
      } else if (isNode(child)) {
        stack.push([child, node]);
      }
    }
  }
}

const RESERVED = new Set(
  ('break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'yield let static implements interface package private protected public await async of get set as from ' +
    'arguments eval undefined NaN Infinity type declare readonly abstract any unknown never object keyof infer is ' +
    'namespace module require global satisfies accessor constructor asserts out override')
    .split(' '),
);

// Class names are left alone: a class's name is observable at run time (`.name`, error classes are told
// apart by it), so renaming one is not a pure refactoring.
const RENAMABLE_DEFS = new Set(['Variable', 'Parameter', 'FunctionName', 'CatchClause']);

/** A name and the identifier ranges that bind or reference it. */
export interface RenameCandidate {
  name: string;
  ranges: [number, number][];
}

export interface RenamePlan {
  /** Names that can be renamed safely (every binding of the name is a local value binding). */
  candidates: RenameCandidate[];
  /** Ranges of shorthand property keys (`{ a }`), which must become `a: renamed`. */
  shorthandKeys: Set<number>;
  /** Every word in the source: fresh names must avoid them. */
  words: Set<string>;
}

/**
 * The names of a file that can be renamed without changing what the program does: bound only by local
 * variables, parameters, functions or catch clauses (never by an import, a class, a type, an enum or a
 * namespace), never exported (an export's name is part of the module's interface, and frameworks find
 * handlers by it), never a constructor parameter property (its name is also a class member), and never
 * also used as an unresolved (global) reference.
 */
export function planRename(code: string, filePath: string): RenamePlan {
  const parsed = parse(code, filePath);
  const parents = new Map<Node, Node | undefined>();
  const shorthandKeys = new Set<number>();
  const exportedLocals = new Set<string>();
  walk(parsed, (node, parent) => {
    parents.set(node, parent);
    if (node.type === 'Property' && node.shorthand) shorthandKeys.add(node.key.range[0]);
    if (node.type === 'ExportSpecifier' && node.local.type === 'Identifier') exportedLocals.add(node.local.name);
  });

  const isExportedDeclaration = (node: Node | undefined): boolean => {
    for (let at = node; at; at = parents.get(at)) {
      if (at.type === 'ExportNamedDeclaration' || at.type === 'ExportDefaultDeclaration') return true;
      if (at.type !== 'VariableDeclaration' && at.type !== 'VariableDeclarator' && at.type !== 'FunctionDeclaration'
        && at.type !== 'ClassDeclaration' && at.type !== 'ObjectPattern' && at.type !== 'ArrayPattern'
        && at.type !== 'Property' && at.type !== 'AssignmentPattern' && at.type !== 'RestElement' && at.type !== 'Identifier') return false;
    }
    return false;
  };

  const blocked = new Set<string>(['this', 'arguments', ...exportedLocals]);
  const ranges = new Map<string, Map<number, [number, number]>>();
  for (const ref of parsed.scopeManager.globalScope?.through ?? []) blocked.add(ref.identifier.name);
  for (const scope of parsed.scopeManager.scopes) {
    for (const variable of scope.variables) {
      if (variable.defs.length === 0) continue;
      const name = variable.name;
      const ok = variable.defs.every((def) => {
        if (!RENAMABLE_DEFS.has(def.type)) return false;
        if (def.name.type !== 'Identifier') return false;
        let parent = parents.get(def.name);
        while (parent?.type === 'AssignmentPattern') parent = parents.get(parent);
        if (parent?.type === 'TSParameterProperty') return false;
        return !isExportedDeclaration(def.node);
      });
      if (!ok) {
        blocked.add(name);
        continue;
      }
      const byStart = ranges.get(name) ?? new Map<number, [number, number]>();
      // An identifier's range also covers its type annotation (`req: Request`): the name is its first part.
      for (const def of variable.defs) byStart.set(def.name.range[0], [def.name.range[0], def.name.range[0] + name.length]);
      for (const ref of variable.references) byStart.set(ref.identifier.range[0], [ref.identifier.range[0], ref.identifier.range[0] + name.length]);
      ranges.set(name, byStart);
    }
  }
  const candidates = [...ranges]
    .filter(([name]) => !blocked.has(name))
    .map(([name, byStart]) => ({ name, ranges: [...byStart.values()] }))
    .filter((candidate) => candidate.ranges.every(([start, end]) => code.slice(start, end) === candidate.name))
    .sort((a, b) => a.name.localeCompare(b.name));
  const words = new Set(code.match(/[A-Za-z_$][\w$]*/g) ?? []);
  return { candidates, shorthandKeys, words };
}

/** Fresh identifiers that appear nowhere in the source and are not reserved words. */
export function freshNames(plan: RenamePlan, count: number, stem: string): string[] {
  const names: string[] = [];
  for (let i = 0; names.length < count; i += 1) {
    const name = `${stem}${i}`;
    if (!plan.words.has(name) && !RESERVED.has(name)) names.push(name);
  }
  return names;
}

/** Applies a rename (old name -> new name) to the candidates of a plan. */
export function applyRename(code: string, plan: RenamePlan, renames: ReadonlyMap<string, string>): string {
  const edits: { start: number; end: number; text: string }[] = [];
  for (const candidate of plan.candidates) {
    const to = renames.get(candidate.name);
    if (to === undefined) continue;
    for (const [start, end] of candidate.ranges) {
      edits.push({ start, end, text: plan.shorthandKeys.has(start) ? `${candidate.name}: ${to}` : to });
    }
  }
  edits.sort((a, b) => b.start - a.start);
  let out = code;
  for (const edit of edits) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

/** Lines (1-based) that start with a statement: places where whole lines can be inserted. */
export function statementLines(code: string, filePath: string): number[] {
  const parsed = parse(code, filePath);
  const lines = new Set<number>();
  const lineStarts = [0];
  for (let i = 0; i < code.length; i += 1) if (code[i] === '\n') lineStarts.push(i + 1);
  const consider = (statement: Node): void => {
    const line = statement.loc.start.line;
    const before = code.slice(lineStarts[line - 1], statement.range[0]);
    if (/^[ \t]*$/.test(before)) lines.add(line);
  };
  walk(parsed, (node) => {
    if (node.type === 'Program' || node.type === 'BlockStatement' || node.type === 'StaticBlock' || node.type === 'TSModuleBlock') {
      for (const statement of node.body) consider(statement);
    } else if (node.type === 'SwitchCase') {
      for (const statement of node.consequent) consider(statement);
    }
  });
  return [...lines].sort((a, b) => a - b);
}

/** Whole lines to insert before a line of the source. */
export interface LineInsertion {
  /** 1-based line of the original source the text goes before. */
  before: number;
  /** Lines to insert (comments or blank lines), without newlines. */
  lines: string[];
}

export interface InsertResult {
  code: string;
  /** Maps a 1-based line of the original source to its line in the new source. */
  mapLine: (line: number) => number;
}

/** Inserts whole lines before some lines; the result keeps every original line intact. */
export function insertLines(code: string, insertions: readonly LineInsertion[]): InsertResult {
  const original = code.split('\n');
  const byLine = new Map<number, string[]>();
  for (const insertion of insertions) byLine.set(insertion.before, [...(byLine.get(insertion.before) ?? []), ...insertion.lines]);
  const out: string[] = [];
  const shift: number[] = [];
  original.forEach((line, i) => {
    out.push(...(byLine.get(i + 1) ?? []));
    shift.push(out.length - i);
    out.push(line);
  });
  return { code: out.join('\n'), mapLine: (line) => line + (shift[line - 1] ?? 0) };
}
