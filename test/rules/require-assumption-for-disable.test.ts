import rule from '../../rules/require-assumption-for-disable.js';
import { RuleTester } from '../rule-tester.js';

/** ESLint reports a directive naming a rule it does not know; register stand-ins for the names used. */
const stub = { meta: { type: 'problem' as const, schema: [] }, create: () => ({}) };
const stubs = (...names: string[]) => ({ rules: Object.fromEntries(names.map((n) => [n, stub])) });

const ruleTester = new RuleTester({
  languageOptions: { parserOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
  // The stand-ins report nothing, so every disable would be "unused"; that is not what is tested here.
  linterOptions: { reportUnusedDisableDirectives: 'off' },
  plugins: {
    assume: stubs('no-unbounded-parse', 'no-ack-before-durable-write', 'no-unhandled-timeout', 'no-wall-clock-at-boundary'),
    'acme-assume': stubs('no-unbounded-parse'),
    '@typescript-eslint': stubs('no-explicit-any'),
  },
});

ruleTester.run('require-assumption-for-disable', rule, {
  valid: [
    {
      name: 'next-line disable of an assume rule citing an assumption',
      code: `// eslint-disable-next-line assume/no-unbounded-parse -- A-proxy-limits-body the ingress caps bodies at 1 MiB
const body = JSON.parse(raw);`,
    },
    {
      name: 'block disable of an assume rule citing an assumption, with an enable',
      code: `/* eslint-disable assume/no-ack-before-durable-write -- A-best-effort-audit audit rows may be lost */
ack();
/* eslint-enable assume/no-ack-before-durable-write */`,
    },
    {
      name: 'same-line disable citing an assumption before the reason',
      code: `const t = Date.now(); // eslint-disable-line assume/no-wall-clock-at-boundary -- A-single-writer: one process sets it`,
    },
    {
      name: 'assume-ignore citing an assumption',
      code: `// assume-ignore no-unhandled-timeout -- A-payments-idempotent retries are safe
await pay(order);`,
    },
    {
      name: 'disables of other plugins need no assumption',
      code: `// eslint-disable-next-line no-console
console.log(x);
/* eslint-disable @typescript-eslint/no-explicit-any */
let y: any;`,
    },
    {
      name: 'a blanket disable is not checked by default',
      code: `// eslint-disable-next-line
foo();`,
    },
    {
      name: 'a line comment `// eslint-disable` is not a directive (ESLint ignores it)',
      code: `// eslint-disable assume/no-unbounded-parse
foo();`,
    },
    {
      name: 'words that only look like directives in strings and ordinary comments',
      code: `const s = '// eslint-disable-next-line assume/no-unbounded-parse';
// we do not use eslint-disable-next-line assume/no-unbounded-parse here
const t = s;`,
    },
    {
      name: 'a custom prefix: disables of the default prefix are then not checked',
      code: `// eslint-disable-next-line assume/no-unbounded-parse
foo();`,
      options: [{ prefixes: ['acme-assume/'] }],
    },
  ],
  invalid: [
    {
      name: 'next-line disable of an assume rule with no description',
      code: `// eslint-disable-next-line assume/no-unbounded-parse
const body = JSON.parse(raw);`,
      errors: [{ messageId: 'missingAssumption', data: { directive: 'eslint-disable-next-line', rules: 'assume/no-unbounded-parse' }, line: 1, column: 1, endLine: 1 }],
    },
    {
      name: 'a description that names no assumption',
      code: `const t = Date.now(); // eslint-disable-line assume/no-wall-clock-at-boundary -- it is fine`,
      errors: [{ messageId: 'missingAssumption', line: 1, column: 23 }],
    },
    {
      name: 'an id that is not a well-formed assumption id does not count',
      code: `// eslint-disable-next-line assume/no-unbounded-parse -- A_proxy, see ticket A-123X
foo();`,
      errors: [{ messageId: 'missingAssumption', line: 1, column: 1 }],
    },
    {
      name: 'block disable of several rules, one of them an assume rule',
      code: `import x from 'y';
  /* eslint-disable no-console, assume/no-ack-before-durable-write */
ack();`,
      errors: [{ messageId: 'missingAssumption', data: { directive: 'eslint-disable', rules: 'assume/no-ack-before-durable-write' }, line: 2, column: 3 }],
    },
    {
      name: 'multi-line block directive is reported over its whole range',
      code: `/* eslint-disable-next-line
   assume/no-unhandled-timeout */
await pay(order);`,
      errors: [{ messageId: 'missingAssumption', line: 1, column: 1, endLine: 2, endColumn: 34 }],
    },
    {
      name: 'assume-ignore without an assumption',
      code: `// assume-ignore no-unhandled-timeout
await pay(order);`,
      errors: [{ messageId: 'missingAssumption', data: { directive: 'assume-ignore', rules: 'assume/no-unhandled-timeout' }, line: 1, column: 1 }],
    },
    {
      name: 'blanket next-line disable with checkBlanketDisables',
      code: `// eslint-disable-next-line
foo();`,
      options: [{ checkBlanketDisables: true }],
      errors: [{ messageId: 'missingAssumption', data: { directive: 'eslint-disable-next-line', rules: 'every rule' }, line: 1, column: 1 }],
    },
    {
      name: 'a custom plugin prefix',
      code: `foo(); // eslint-disable-line acme-assume/no-unbounded-parse`,
      options: [{ prefixes: ['acme-assume/'] }],
      errors: [{ messageId: 'missingAssumption', line: 1, column: 8 }],
    },
    {
      name: 'two uncited disables in one file, each reported',
      code: `// eslint-disable-next-line assume/no-unbounded-parse
a();
// eslint-disable-next-line assume/no-unbounded-parse -- A-ok fine
b();
// eslint-disable-next-line assume/no-wall-clock-at-boundary -- later
c();`,
      errors: [
        { messageId: 'missingAssumption', line: 1, column: 1 },
        { messageId: 'missingAssumption', line: 5, column: 1 },
      ],
    },
  ],
});
