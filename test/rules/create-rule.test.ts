import { describe, expect, it } from 'vitest';
import type { TSESLint } from '@typescript-eslint/utils';
import { createRule } from '../../rules/utils/create-rule.js';

type Options = [{ words?: string[]; strict?: boolean }];

function probe() {
  const seen: Options[0][] = [];
  const rule = createRule<Options, 'm'>({
    name: 'probe',
    meta: {
      type: 'problem',
      docs: { description: 'probe' },
      messages: { m: 'm' },
      schema: [{ type: 'object', properties: { words: { type: 'array', items: { type: 'string' } }, strict: { type: 'boolean' } } }],
      defaultOptions: [{ words: ['a'], strict: false }],
    },
    create(_context, [options]) {
      seen.push(options);
      return {};
    },
  });
  const run = (options: unknown[]) => rule.create({ options } as unknown as TSESLint.RuleContext<'m', Options>);
  return { seen, run };
}

describe('createRule', () => {
  it('merges the defaults with the user options', () => {
    const { seen, run } = probe();
    run([]);
    run([{ strict: true }]);
    expect(seen[0]).toEqual({ words: ['a'], strict: false });
    expect(seen[1]).toEqual({ words: ['a'], strict: true });
  });

  it('merges once per configuration: the same option objects in a fresh array give the same options', () => {
    const { seen, run } = probe();
    const configured = { words: ['b'] };
    run([configured]);
    run([configured]);
    run([]);
    run([]);
    expect(seen[0]).toBe(seen[1]);
    expect(seen[2]).toBe(seen[3]);
    expect(seen[0]).toEqual({ words: ['b'], strict: false });
  });

  it('merges again for other option objects, even with equal contents', () => {
    const { seen, run } = probe();
    run([{ strict: true }]);
    run([{ strict: false }]);
    expect(seen[0]).not.toBe(seen[1]);
    expect(seen[0].strict).toBe(true);
    expect(seen[1].strict).toBe(false);
  });

  it('hands out frozen options, so a rule cannot leak a change into the next file', () => {
    const { seen, run } = probe();
    run([{ words: ['c'] }]);
    expect(Object.isFrozen(seen[0])).toBe(true);
    expect(Object.isFrozen(seen[0].words)).toBe(true);
    expect(() => (seen[0].words as string[]).push('d')).toThrow(TypeError);
  });

  it("leaves the user's configuration alone (not frozen)", () => {
    const { run } = probe();
    const configured = { words: ['e'] };
    run([configured]);
    expect(Object.isFrozen(configured)).toBe(false);
    expect(Object.isFrozen(configured.words)).toBe(false);
  });
});
