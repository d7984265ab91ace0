import type { TSESTree } from '@typescript-eslint/utils';
import type { FunctionNode, Node } from './types.js';

/**
 * Path reasoning inside one function: a forward walk over its statements in execution order that carries
 * an abstract state. Branches are walked from the same state and their results merged (`join`), loops are
 * walked once (a loop body's effects reach the code after it; iterations are not enumerated), `try` bodies
 * feed their `catch` with the states a throw could leave, `finally` runs on the merge of both, and
 * `return`/`throw`/`break`/`continue` end a path. Paths are merged, never enumerated: the walk is linear in
 * the size of the function.
 *
 * Expression semantics (what an `await`, a call or a `.then` does to the state) belong to the domain; the
 * walker calls `evaluate` for every expression it meets in statement position.
 */
export interface FlowDomain<S, V> {
  /** Merge of two states reaching the same point. */
  join(a: S, b: S): S;
  /** Evaluates an expression from state `s`: the state after it and the expression's abstract value. */
  evaluate(node: Node, s: S): [S, V];
  /** A variable pattern receives a value (declaration with initializer, `for...of` binding). */
  declare(pattern: Node, value: V | undefined, s: S): S;
  /** A path leaves the function: a `return` (with its value) or the end of the body (`node` is the function). */
  exit(node: TSESTree.ReturnStatement | FunctionNode, s: S, value: V | undefined): void;
  /**
   * The state after a loop, from the state before it and the merge of the paths leaving it. Lets a domain
   * keep per-iteration facts (an item acknowledged inside the loop) from reaching the code after it.
   */
  leaveLoop?(entry: S, exit: S): S;
}

/** `undefined` is the state of an unreachable point. */
type Maybe<S> = S | undefined;

interface Frame<S> {
  kind: 'loop' | 'switch' | 'label';
  label?: string;
  breaks: S[];
  continues: S[];
}

interface TryFrame<S> {
  throws: S[];
}

/** Walks `fn` from `entry`; returns the merged state of every path that reaches the end of the body. */
export function walkFunction<S, V>(fn: FunctionNode, entry: S, domain: FlowDomain<S, V>): Maybe<S> {
  const walker = new Walker(domain);
  if (fn.body.type !== 'BlockStatement') {
    const [s, value] = domain.evaluate(fn.body, entry);
    domain.exit(fn, s, value);
    return undefined;
  }
  const end = walker.block(fn.body.body, entry);
  if (end !== undefined) domain.exit(fn, end, undefined);
  return end;
}

class Walker<S, V> {
  private frames: Frame<S>[] = [];
  private tries: TryFrame<S>[] = [];

  constructor(private readonly d: FlowDomain<S, V>) {}

  private join(a: Maybe<S>, b: Maybe<S>): Maybe<S> {
    if (a === undefined) return b;
    if (b === undefined) return a;
    return this.d.join(a, b);
  }

  private joinAll(states: Maybe<S>[]): Maybe<S> {
    let out: Maybe<S>;
    for (const s of states) out = this.join(out, s);
    return out;
  }

  private expr(node: Node | null | undefined, s: Maybe<S>): Maybe<S> {
    if (!node || s === undefined) return s;
    return this.d.evaluate(node, s)[0];
  }

  block(body: readonly Node[], s: Maybe<S>): Maybe<S> {
    let current = s;
    for (const stmt of body) {
      if (current === undefined) break;
      current = this.statement(stmt, current);
    }
    return current;
  }

  statement(node: Node, s: Maybe<S>): Maybe<S> {
    if (s === undefined) return undefined;
    switch (node.type) {
      case 'BlockStatement':
      case 'StaticBlock':
        return this.block(node.body, s);
      case 'ExpressionStatement':
        return this.expr(node.expression, s);
      case 'VariableDeclaration': {
        let current: Maybe<S> = s;
        for (const decl of node.declarations) {
          if (current === undefined) break;
          if (decl.init) {
            const [next, value] = this.d.evaluate(decl.init, current);
            current = this.d.declare(decl.id, value, next);
          } else {
            current = this.d.declare(decl.id, undefined, current);
          }
        }
        return current;
      }
      case 'IfStatement': {
        const afterTest = this.expr(node.test, s);
        const yes = this.statement(node.consequent, afterTest);
        const no = node.alternate ? this.statement(node.alternate, afterTest) : afterTest;
        return this.join(yes, no);
      }
      case 'ReturnStatement': {
        if (node.argument) {
          const [after, value] = this.d.evaluate(node.argument, s);
          this.d.exit(node, after, value);
        } else {
          this.d.exit(node, s, undefined);
        }
        return undefined;
      }
      case 'ThrowStatement': {
        const after = this.expr(node.argument, s);
        const frame = this.tries.at(-1);
        if (frame && after !== undefined) frame.throws.push(after);
        return undefined;
      }
      case 'BreakStatement':
      case 'ContinueStatement': {
        const frame = this.target(node.label?.name, node.type === 'ContinueStatement');
        if (frame) (node.type === 'BreakStatement' ? frame.breaks : frame.continues).push(s);
        return undefined;
      }
      case 'LabeledStatement': {
        const body = node.body;
        if (body.type === 'ForStatement' || body.type === 'ForInStatement' || body.type === 'ForOfStatement' || body.type === 'WhileStatement' || body.type === 'DoWhileStatement') {
          return this.loop(body, s, node.label.name);
        }
        const frame: Frame<S> = { kind: 'label', label: node.label.name, breaks: [], continues: [] };
        this.frames.push(frame);
        const out = this.statement(node.body, s);
        this.frames.pop();
        return this.joinAll([out, ...frame.breaks]);
      }
      case 'WhileStatement':
      case 'DoWhileStatement':
      case 'ForStatement':
      case 'ForInStatement':
      case 'ForOfStatement':
        return this.loop(node, s, undefined);
      case 'SwitchStatement':
        return this.switchStatement(node, s);
      case 'TryStatement':
        return this.tryStatement(node, s);
      case 'FunctionDeclaration':
      case 'ClassDeclaration':
      case 'EmptyStatement':
      case 'DebuggerStatement':
      case 'TSInterfaceDeclaration':
      case 'TSTypeAliasDeclaration':
      case 'TSEnumDeclaration':
      case 'TSModuleDeclaration':
      case 'TSDeclareFunction':
      case 'ImportDeclaration':
        return s;
      case 'ExportNamedDeclaration':
        return node.declaration ? this.statement(node.declaration, s) : s;
      case 'WithStatement':
        return this.statement(node.body, this.expr(node.object, s));
      default:
        return s;
    }
  }

  private target(label: string | undefined, isContinue: boolean): Frame<S> | undefined {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const f = this.frames[i];
      if (label !== undefined) {
        if (f.label === label) return f;
        continue;
      }
      if (f.kind === 'loop' || (!isContinue && f.kind === 'switch')) return f;
    }
    return undefined;
  }

  private loop(
    node: TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement | TSESTree.ForInStatement | TSESTree.ForOfStatement,
    s: Maybe<S>,
    label: string | undefined,
  ): Maybe<S> {
    const frame: Frame<S> = { kind: 'loop', label, breaks: [], continues: [] };
    this.frames.push(frame);
    let out: Maybe<S>;
    try {
      switch (node.type) {
        case 'WhileStatement': {
          const afterTest = this.expr(node.test, s);
          const body = this.statement(node.body, afterTest);
          out = this.joinAll([afterTest, body, ...frame.continues]);
          break;
        }
        case 'DoWhileStatement': {
          const body = this.statement(node.body, s);
          out = this.expr(node.test, this.joinAll([body, ...frame.continues]));
          break;
        }
        case 'ForStatement': {
          let current = s;
          if (node.init) current = node.init.type === 'VariableDeclaration' ? this.statement(node.init, current) : this.expr(node.init, current);
          const afterTest = this.expr(node.test, current);
          const body = this.statement(node.body, afterTest);
          const afterUpdate = this.expr(node.update, this.joinAll([body, ...frame.continues]));
          out = this.join(afterTest, afterUpdate);
          break;
        }
        case 'ForInStatement':
        case 'ForOfStatement': {
          let afterRight: Maybe<S> = s;
          let value: V | undefined;
          if (s !== undefined) [afterRight, value] = this.d.evaluate(node.right, s);
          const left = node.left.type === 'VariableDeclaration' ? (node.left.declarations.at(0)?.id as Node | undefined) : node.left;
          const bound = left && afterRight !== undefined ? this.d.declare(left, node.type === 'ForOfStatement' ? value : undefined, afterRight) : afterRight;
          const body = this.statement(node.body, bound);
          out = this.joinAll([afterRight, body, ...frame.continues]);
          break;
        }
      }
    } finally {
      this.frames.pop();
    }
    const exit = this.joinAll([out, ...frame.breaks]);
    return exit !== undefined && s !== undefined && this.d.leaveLoop ? this.d.leaveLoop(s, exit) : exit;
  }

  private switchStatement(node: TSESTree.SwitchStatement, s: Maybe<S>): Maybe<S> {
    const afterDisc = this.expr(node.discriminant, s);
    const frame: Frame<S> = { kind: 'switch', breaks: [], continues: [] };
    this.frames.push(frame);
    let fallthrough: Maybe<S>;
    let hasDefault = false;
    try {
      for (const c of node.cases) {
        if (!c.test) hasDefault = true;
        const entry = this.join(c.test ? this.expr(c.test, afterDisc) : afterDisc, fallthrough);
        fallthrough = this.block(c.consequent, entry);
      }
    } finally {
      this.frames.pop();
    }
    // Continues inside a switch belong to the enclosing loop.
    const outer = this.target(undefined, true);
    if (outer) outer.continues.push(...frame.continues);
    return this.joinAll([fallthrough, ...frame.breaks, hasDefault ? undefined : afterDisc]);
  }

  private tryStatement(node: TSESTree.TryStatement, s: Maybe<S>): Maybe<S> {
    const frame: TryFrame<S> = { throws: [] };
    // A throw can happen during any statement of the block: the catch starts from the state before each
    // of them (the partial effects of the throwing statement are not counted), or from an explicit throw.
    const before: Maybe<S>[] = [];
    this.tries.push(frame);
    let afterTry: Maybe<S> = s;
    try {
      for (const stmt of node.block.body) {
        if (afterTry === undefined) break;
        before.push(afterTry);
        afterTry = this.statement(stmt, afterTry);
      }
    } finally {
      this.tries.pop();
    }
    let afterCatch: Maybe<S>;
    if (node.handler) {
      let entry = this.joinAll([...before, ...frame.throws]);
      if (entry !== undefined && node.handler.param) entry = this.d.declare(node.handler.param, undefined, entry);
      afterCatch = this.statement(node.handler.body, entry);
    } else if (frame.throws.length > 0) {
      // Re-thrown after `finally`: the enclosing try sees it.
      const outer = this.tries.at(-1);
      if (outer) outer.throws.push(...frame.throws);
    }
    const joined = this.join(afterTry, afterCatch);
    if (!node.finalizer) return joined;
    return this.statement(node.finalizer, joined ?? (before.length > 0 ? undefined : s));
  }
}
