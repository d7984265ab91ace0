import type { TSESTree } from '@typescript-eslint/utils';
import type { FunctionNode, Node, SourceFile } from './types.js';
import { perFileCache } from './file-cache.js';

/**
 * Everything the checkers look up per file, collected in one iterative traversal (no recursion, so a
 * 10,000-level nesting cannot overflow the stack). Parent links are set where the parser left none.
 */
export interface FileIndex {
  calls: TSESTree.CallExpression[];
  news: TSESTree.NewExpression[];
  functions: FunctionNode[];
  classes: (TSESTree.ClassDeclaration | TSESTree.ClassExpression)[];
  assignments: TSESTree.AssignmentExpression[];
  /** Member expressions whose object is `this` (for `this.x = ...` / `this.x.y()` lookups). */
  thisMembers: TSESTree.MemberExpression[];
  returns: TSESTree.ReturnStatement[];
  /** `ExportNamedDeclaration` / `ExportDefaultDeclaration` nodes, and CommonJS `module.exports` / `exports.x` assignments. */
  exports: Node[];
  /** Binary comparisons (`<`, `<=`, `>`, `>=`, `===`...), for checkers that look for compared values. */
  comparisons: TSESTree.BinaryExpression[];
  /** String and template literals (SQL text, header names). */
  strings: (TSESTree.Literal | TSESTree.TemplateLiteral)[];
  /** `for await (... of ...)` loops, in source order. */
  forAwaitLoops: TSESTree.ForOfStatement[];
  /** Node count, for budgets. */
  size: number;
}

const cache = perFileCache<FileIndex>();

const COMPARISON = new Set(['<', '<=', '>', '>=', '==', '===', '!=', '!==']);

/** The file's index, built on first use and cached by Program node. */
export function indexFile(file: SourceFile): FileIndex {
  const hit = cache.get(file.ast);
  if (hit) return hit;
  const index: FileIndex = {
    calls: [],
    news: [],
    functions: [],
    classes: [],
    assignments: [],
    thisMembers: [],
    returns: [],
    exports: [],
    comparisons: [],
    strings: [],
    forAwaitLoops: [],
    size: 0,
  };
  // A front end that has walked the tree already (ESLint's traversal) hands its nodes over: reading a flat array
  // costs a fraction of a walk through the visitor keys.
  if (file.eachNode) {
    file.eachNode((node) => { record(index, node); });
  } else {
    walk(index, file);
  }
  cache.set(file.ast, index);
  return index;
}

/** Walks the tree in source order, setting parent links where the parser left none. */
function walk(index: FileIndex, file: SourceFile): void {
  const keys = file.visitorKeys;
  const stack: Node[] = [file.ast];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    record(index, node);
    const childKeys = keys[node.type];
    if (!childKeys) continue;
    // Push children in reverse so they are visited in source order.
    for (let k = childKeys.length - 1; k >= 0; k--) {
      const value = (node as unknown as Record<string, unknown>)[childKeys[k]];
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) {
          const child = value[i] as Node | null;
          if (child && typeof child.type === 'string') {
            if (!child.parent) (child as unknown as { parent: Node }).parent = node;
            stack.push(child);
          }
        }
      } else if (value && typeof (value as Node).type === 'string') {
        const child = value as Node;
        if (!child.parent) (child as unknown as { parent: Node }).parent = node;
        stack.push(child);
      }
    }
  }
}

function record(index: FileIndex, node: Node): void {
  index.size++;
  switch (node.type) {
    case 'CallExpression':
      index.calls.push(node);
      break;
    case 'NewExpression':
      index.news.push(node);
      break;
    case 'FunctionDeclaration':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
      index.functions.push(node);
      break;
    case 'ClassDeclaration':
    case 'ClassExpression':
      index.classes.push(node);
      break;
    case 'AssignmentExpression':
      index.assignments.push(node);
      if (isModuleExportsTarget(node.left)) index.exports.push(node);
      break;
    case 'MemberExpression':
      if (node.object.type === 'ThisExpression') index.thisMembers.push(node);
      break;
    case 'ReturnStatement':
      index.returns.push(node);
      break;
    case 'ExportNamedDeclaration':
    case 'ExportDefaultDeclaration':
      index.exports.push(node);
      break;
    case 'BinaryExpression':
      if (COMPARISON.has(node.operator)) index.comparisons.push(node);
      break;
    case 'Literal':
      if (typeof node.value === 'string') index.strings.push(node);
      break;
    case 'TemplateLiteral':
      index.strings.push(node);
      break;
    case 'ForOfStatement':
      if (node.await) index.forAwaitLoops.push(node);
      break;
    default:
      break;
  }
}

function isModuleExportsTarget(node: Node): boolean {
  if (node.type !== 'MemberExpression') return false;
  const obj = node.object;
  if (obj.type === 'Identifier' && obj.name === 'exports') return true;
  if (obj.type === 'Identifier' && obj.name === 'module' && !node.computed && node.property.type === 'Identifier') {
    return node.property.name === 'exports';
  }
  return obj.type === 'MemberExpression' && isModuleExportsTarget(obj);
}
