import { describe, expect, it } from 'vitest';
import type { TSESTree } from '@typescript-eslint/utils';
import { walkFunction, type FlowDomain } from '../../core/flow.js';
import type { FunctionNode, Node } from '../../core/types.js';
import { contextOf } from '../helpers/parse.js';

/**
 * A toy domain: the state is the set of bare calls `a()` that ran on some path reaching a point; `exit`
 * records the state of each path leaving the function, keyed by the returned identifier (or `end`).
 */
type S = ReadonlySet<string>;

function run(code: string, withLeaveLoop = false): Record<string, string[]> {
  const ctx = contextOf(code);
  const fn: FunctionNode = ctx.index.functions[0];
  const exits: Record<string, string[]> = {};
  const domain: FlowDomain<S, undefined> = {
    join: (a, b) => new Set([...a, ...b]),
    evaluate(node: Node, s: S): [S, undefined] {
      let out = s;
      const visit = (n: Node) => {
        if (n.type === 'CallExpression' && n.callee.type === 'Identifier') {
          for (const a of n.arguments) visit(a);
          out = new Set([...out, n.callee.name]);
          return;
        }
        if (n.type === 'AwaitExpression') visit(n.argument);
        if (n.type === 'LogicalExpression' || n.type === 'BinaryExpression') {
          visit(n.left);
          visit(n.right);
        }
      };
      visit(node);
      return [out, undefined];
    },
    declare: (_pattern, _value, s) => s,
    exit(node: TSESTree.ReturnStatement | FunctionNode, s: S) {
      const key = node.type === 'ReturnStatement' && node.argument?.type === 'Identifier' ? node.argument.name : 'end';
      exits[key] = [...new Set([...(exits[key] ?? []), ...s])].sort();
    },
    ...(withLeaveLoop ? { leaveLoop: (entry: S) => entry } : {}),
  };
  walkFunction<S, undefined>(fn, new Set<string>(), domain);
  return exits;
}

describe('walkFunction', () => {
  it('walks statements in order and merges the branches of an if', () => {
    expect(run('function f() { a(); if (x) { b(); } else { c(); } d(); }')).toEqual({ end: ['a', 'b', 'c', 'd'] });
  });

  it('ends a path at return and throw', () => {
    expect(run('function f() { a(); if (x) { b(); return early; } if (y) { throw e(); } c(); }')).toEqual({
      early: ['a', 'b'],
      end: ['a', 'c'],
    });
  });

  it('walks a loop body once; break and continue reach the code after the loop', () => {
    expect(run('function f() { for (const i of xs) { a(); if (i) { b(); continue; } if (z) break; c(); } d(); }')).toEqual({
      end: ['a', 'b', 'c', 'd'],
    });
  });

  it('lets the domain decide what leaves a loop', () => {
    expect(run('function f() { a(); while (x) { b(); } c(); }', true)).toEqual({ end: ['a', 'c'] });
  });

  it('starts a catch from the states before each statement of the try, and runs finally on the merge', () => {
    expect(run('function f() { try { a(); b(); c(); } catch (e) { return inCatch; } finally { d(); } }')).toEqual({
      inCatch: ['a', 'b'],
      end: ['a', 'b', 'c', 'd'],
    });
  });

  it('merges switch cases with fall-through and breaks', () => {
    expect(run('function f() { switch (k) { case 1: a(); case 2: b(); break; default: c(); } d(); }')).toEqual({
      end: ['a', 'b', 'c', 'd'],
    });
  });

  it('treats an expression-bodied arrow as a return of its body', () => {
    expect(run('const f = () => a(b());')).toEqual({ end: ['a', 'b'] });
  });
});
