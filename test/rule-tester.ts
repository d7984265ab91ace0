import { RuleTester } from '@typescript-eslint/rule-tester';
import * as vitest from 'vitest';
import { safetyNet } from '../core/safety-net.js';

// Rule cases are ordinary code: an exception inside a checker is an engine bug here, not a shape to skip.
safetyNet.rethrow = true;

RuleTester.afterAll = vitest.afterAll;
RuleTester.describe = vitest.describe;
RuleTester.describeSkip = vitest.describe.skip;
RuleTester.it = vitest.it;
RuleTester.itOnly = vitest.it.only;
RuleTester.itSkip = vitest.it.skip;

/** RuleTester for TS and JS (ESM) sources, untyped: the rules must work without type information. */
export function createRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: {
      parserOptions: { ecmaVersion: 'latest', sourceType: 'module' },
    },
  });
}

export { RuleTester };
