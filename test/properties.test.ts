// Properties of the four rules on realistic code (fixtures/properties/, copied from the corpus):
// refactorings that do not change what a program does do not change the findings, and no input, however
// broken, makes a rule crash.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../analyzer/api.js';
import { findingKeys, lintWithRules, type LintFinding } from './helpers/lint.js';
import { registeredRuleIds } from './helpers/plugin.js';
import { repoPath } from './helpers/repo.js';
import { applyRename, freshNames, insertLines, planRename, statementLines, type LineInsertion } from './helpers/transforms.js';
import { renderService, serviceSpec, unitLineKey, type ServiceSpec } from './robustness/generators.js';

const RULES = ['no-wall-clock-at-boundary', 'no-unhandled-timeout', 'no-ack-before-durable-write', 'no-unbounded-parse'];
const FIXTURES = repoPath('fixtures', 'properties');
const fixtures = readdirSync(FIXTURES)
  .filter((name) => /\.(ts|js)$/.test(name))
  .sort()
  .map((name) => ({ name, code: readFileSync(`${FIXTURES}/${name}`, 'utf8') }));

// Modest run counts: the whole file must stay well under a minute on two cores.
const TRANSFORM_RUNS = 12;
const CRASH_RUNS = 120;

function lint(code: string, filename: string): LintFinding[] {
  const findings = lintWithRules(code, RULES, filename);
  const fatal = findings.filter((finding) => finding.fatal);
  if (fatal.length > 0) throw new Error(`${filename} does not parse: ${fatal.map((f) => `${f.line}:${f.column} ${f.message}`).join('; ')}`);
  return findings;
}

/** Comment and blank lines to insert between statements (never ESLint directives). */
const insertedLines = fc.array(
  fc.oneof(
    fc.constant(''),
    fc.constant('// note: see the runbook'),
    fc.constant('/* reviewed */'),
    fc.constant('/** Documented on purpose. */'),
    // A fixed first word keeps random text from forming a directive (`/* global x */`, `/* eslint ... */`).
    fc.stringMatching(/^[a-z ]{0,30}$/).map((text) => `// note ${text}`),
    fc.stringMatching(/^[a-z ]{0,30}$/).map((text) => `/* note ${text} */`),
  ),
  { minLength: 1, maxLength: 3 },
);

describe('the four rules are registered', () => {
  it('with the ids the properties lint with', () => {
    expect(registeredRuleIds()).toEqual(expect.arrayContaining(RULES));
  });

  it('and the fixtures give them something to find', () => {
    const found = new Set(fixtures.flatMap(({ name, code }) => lint(code, name).map((finding) => finding.ruleId)));
    for (const id of RULES) expect(found.has(`assume/${id}`), `no fixture yields a finding of ${id}`).toBe(true);
  });
});

describe.each(fixtures.map(({ name, code }) => [name, code]))('fixtures/properties/%s', (name, code) => {
  const baseline = lint(code, name);
  const plan = planRename(code, name);
  const lines = statementLines(code, name);

  it('has locals to rename and statements to insert between', () => {
    expect(plan.candidates.length).toBeGreaterThan(0);
    expect(lines.length).toBeGreaterThan(1);
  });

  it('renaming local bindings does not change the findings', () => {
    const names = plan.candidates.map((candidate) => candidate.name);
    fc.assert(
      fc.property(
        fc.subarray(names, { minLength: 1 }),
        fc.constantFrom('v', 'tmp', 'x_', 'item', 'value', '$'),
        (chosen, stem) => {
          const fresh = freshNames(plan, chosen.length, stem);
          const renames = new Map(chosen.map((old, i) => [old, fresh[i]]));
          const renamed = applyRename(code, plan, renames);
          expect(findingKeys(lint(renamed, name), { column: false })).toEqual(findingKeys(baseline, { column: false }));
        },
      ),
      // Always also try renaming every candidate at once, and each one alone.
      { numRuns: TRANSFORM_RUNS, examples: [[names, 'v'], ...names.map((one): [string[], string] => [[one], 'tmp'])] },
    );
  });

  it('inserting comments and blank lines between statements does not change the findings', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ before: fc.constantFrom(...lines), lines: insertedLines }), { minLength: 1, maxLength: 8, selector: (i) => i.before }),
        (insertions: LineInsertion[]) => {
          const inserted = insertLines(code, insertions);
          expect(findingKeys(lint(inserted.code, name))).toEqual(findingKeys(baseline, { mapLine: inserted.mapLine }));
        },
      ),
      { numRuns: TRANSFORM_RUNS },
    );
  });

  it('both at once', () => {
    const names = plan.candidates.map((candidate) => candidate.name);
    fc.assert(
      fc.property(
        fc.subarray(names, { minLength: 1 }),
        fc.uniqueArray(fc.record({ before: fc.constantFrom(...lines), lines: insertedLines }), { minLength: 1, maxLength: 5, selector: (i) => i.before }),
        (chosen, insertions: LineInsertion[]) => {
          const fresh = freshNames(plan, chosen.length, 'r');
          const renamed = applyRename(code, plan, new Map(chosen.map((old, i) => [old, fresh[i]])));
          // Renaming never adds or removes lines, so the insertions still sit before the same statements.
          const inserted = insertLines(renamed, insertions);
          expect(findingKeys(lint(inserted.code, name), { column: false })).toEqual(findingKeys(baseline, { column: false, mapLine: inserted.mapLine }));
        },
      ),
      { numRuns: TRANSFORM_RUNS },
    );
  });
});

/** Lints without caring about the result: a parse error is fine, a rule that throws is not. */
function lintDoesNotThrow(code: string, filename: string): void {
  try {
    lintWithRules(code, RULES, filename);
  } catch (error) {
    throw new Error(`a rule crashed on ${filename}:\n${code}\n\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}

const TOKENS = [
  'import', 'export', 'default', 'from', "'express'", "'amqplib'", "'kafkajs'", "'pg'", "'node:http'", "'ws'",
  "'multer'", "'axios'", "'node:stream/consumers'", 'const', 'let', 'var', 'function', 'async', 'await', 'return',
  'if', 'else', 'for', 'of', 'while', 'try', 'catch', 'finally', 'throw', 'new', 'class', 'extends', 'this',
  'req', 'res', 'ctx', 'msg', 'channel', 'app', 'db', 'pool', 'express', 'Date', 'now', 'JSON', 'parse',
  'Promise', 'race', 'all', 'setTimeout', 'setImmediate', 'AbortSignal', 'timeout', 'ack', 'nack', 'send',
  'json', 'status', 'end', 'on', "'data'", "'end'", 'chunk', 'body', 'query', 'save', 'insert', 'commit',
  'expiresAt', 'version', 'lock', 'retry', 'idempotencyKey', '.', ',', ';', ':', '=', '==', '===', '>', '<',
  '+', '-', '+=', '=>', '(', ')', '{', '}', '[', ']', '?.', '??', '...', '!', '0', '1', '1000', "'POST'",
  '`x${', '}`', 'null', 'undefined', 'true', '@Controller()', 'as', 'satisfies', 'type', 'interface', '<T>',
];

/** Statement-sized pieces of the fixtures, to recombine into programs that mostly parse. */
const pieces = fixtures.flatMap(({ code }) =>
  code.split(/\n(?=\S)|;\n/).map((piece) => piece.trim()).filter((piece) => piece.length > 0 && piece.length < 2000),
);

/** Contexts the rules care about (handlers, consumers, catches, loops), to put pieces into. */
const WRAPPERS = [
  (body: string) => `import express from 'express';\nconst app = express();\napp.post('/x', async (req, res) => {\n${body}\n});`,
  (body: string) => `export async function handler(event, context, callback) {\n${body}\n}`,
  (body: string) => `import amqp from 'amqplib';\nconst channel = await (await amqp.connect('amqp://x')).createChannel();\nchannel.consume('q', async (msg) => {\n${body}\n});`,
  (body: string) => `import { createServer } from 'node:http';\ncreateServer((req, res) => {\n${body}\n});`,
  (body: string) => `try {\n${body}\n} catch (err) {\n${body}\n}`,
  (body: string) => `for (let attempt = 0; attempt < 3; attempt++) {\n${body}\n}`,
  (body: string) => `await Promise.race([(async () => {\n${body}\n})(), new Promise((_, reject) => setTimeout(reject, 10))]);`,
  (body: string) => `class Service {\n  async run(req, res) {\n${body}\n  }\n}`,
];

describe('no input makes a rule crash', () => {
  const filename = fc.constantFrom('garbage.ts', 'garbage.js');

  it('random strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), filename, (code, file) => { lintDoesNotThrow(code, file); }), { numRuns: CRASH_RUNS });
  });

  it('random unicode strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 120 }), filename, (code, file) => { lintDoesNotThrow(code, file); }), { numRuns: CRASH_RUNS / 2 });
  });

  it('random token soups', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 80 }), fc.constantFrom(' ', '\n', ''), filename, (tokens, glue, file) => {
        lintDoesNotThrow(tokens.join(glue), file);
      }),
      { numRuns: CRASH_RUNS },
    );
  });

  it('realistic pieces in random order, cut and spliced', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...pieces), fc.array(fc.nat(WRAPPERS.length - 1), { maxLength: 2 })), { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 3 }),
        filename,
        (chosen, cuts, file) => {
          let code = chosen.map(([piece, wrappers]) => wrappers.reduce((body, w) => WRAPPERS[w](body), piece)).join('\n');
          // Cut a few characters out at random places: unbalanced braces, half statements.
          for (const cut of cuts) {
            const at = code.length === 0 ? 0 : cut % code.length;
            code = code.slice(0, at) + code.slice(at + 1 + (cut % 7));
          }
          lintDoesNotThrow(code, file);
        },
      ),
      { numRuns: CRASH_RUNS },
    );
  });
});

// The same properties on generated service code (test/robustness/generators.ts: express, Fastify, node:http,
// amqplib, kafkajs handlers with pg/knex/redis/mongo writes, JSON.parse, timeouts, Date.now), through both
// engines: the ESLint rules and the whole-program analyzer. A generated file is a list of self-contained
// units, so reordering the units is a refactoring too; findings are compared by unit and line within it.
describe('generated service code: renaming, reordering units and adding comments never change the findings', () => {
  /** Locals whose names carry no role: the rules must not care what they are called. (Names such as
   *  `lockUntil` or `version` are evidence for no-wall-clock-at-boundary by design, so they stay.) */
  const NEUTRAL = /^(app|fastify|channel|consumer|pool|knex|redis|db|req|res|request|reply|msg|message|event|input|chunk|raw|text|reject|id\d+|parsed[\d_]+|err[\d_]+|controller[\d_]+|attempt[\d_]+|key[\d_]+)$/;

  const validInput = fc.record({ spec: serviceSpec, ext: fc.constantFrom('ts' as const, 'js' as const) });

  interface Variant {
    code: string;
    /** Finding line in `code` -> stable key (unit and offset), or undefined for an inserted line. */
    keyOf: (line: number) => string | undefined;
  }

  /** Builds the baseline and a transformed variant of a spec from the random choices of one run. */
  /** How many runs really renamed, reordered and had findings to compare (so the properties are not vacuous). */
  const tally = { renamed: 0, reordered: 0, withFindings: 0 };

  function variants(spec: ServiceSpec, ext: 'ts' | 'js', order: number[], pick: number[], insertions: { at: number; lines: string[] }[]): [Variant, Variant] {
    const typedSpec = ext === 'js' ? { ...spec, typed: false } : spec;
    const base = renderService(typedSpec);
    const moved = renderService(typedSpec, order);
    const file = `gen.${ext}`;
    const plan = planRename(moved.code, file);
    const neutral = plan.candidates.map((c) => c.name).filter((name) => NEUTRAL.test(name));
    const chosen = [...new Set(pick.filter(() => neutral.length > 0).map((p) => neutral[p % neutral.length]))];
    const fresh = freshNames(plan, chosen.length, 'v');
    const renamed = applyRename(moved.code, plan, new Map(chosen.map((old, i) => [old, fresh[i]])));
    if (chosen.length > 0) tally.renamed += 1;
    if (order.some((u, i) => u !== i)) tally.reordered += 1;
    const lines = statementLines(renamed, file);
    const inserted = insertLines(renamed, insertions.map((ins) => ({ before: lines[ins.at % lines.length], lines: ins.lines })).filter((ins, i, all) => all.findIndex((x) => x.before === ins.before) === i));
    const back = new Map<number, number>();
    for (let line = 1; line <= renamed.split('\n').length; line += 1) back.set(inserted.mapLine(line), line);
    return [
      { code: base.code, keyOf: (line) => unitLineKey(base, line) },
      { code: inserted.code, keyOf: (line) => { const original = back.get(line); return original === undefined ? undefined : unitLineKey(moved, original); } },
    ];
  }

  const runArbs = [
    validInput,
    fc.nat(),
    fc.array(fc.nat(), { maxLength: 6 }),
    fc.array(fc.record({ at: fc.nat(), lines: insertedLines }), { maxLength: 6 }),
  ] as const;

  const permutation = (n: number, seed: number): number[] => {
    const order = Array.from({ length: n }, (_v, i) => i);
    // A seeded Fisher-Yates: deterministic for fast-check's replay and shrinking.
    let s = seed;
    for (let i = n - 1; i > 0; i -= 1) {
      s = (s * 1103515245 + 12345) % 2147483648;
      const j = s % (i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    return order;
  };

  it('through the ESLint rules', () => {
    fc.assert(
      fc.property(...runArbs, ({ spec, ext }, seed, pick, insertions) => {
        const [base, changed] = variants(spec, ext, permutation(spec.units.length, seed), pick, insertions);
        const keys = (v: Variant) => lint(v.code, `gen.${ext}`).filter((f) => f.ruleId?.startsWith('assume/')).map((f) => `${f.ruleId ?? ''}:${f.messageId ?? ''}@${v.keyOf(f.line) ?? 'inserted line'}`).sort();
        const expected = keys(base);
        if (expected.length > 0) tally.withFindings += 1;
        expect(keys(changed)).toEqual(expected);
      }),
      { numRuns: 40 },
    );
    expect(tally.renamed).toBeGreaterThan(10);
    expect(tally.reordered).toBeGreaterThan(10);
    expect(tally.withFindings).toBeGreaterThan(10);
  }, 60_000);

  it('through the analyzer', () => {
    fc.assert(
      fc.property(...runArbs, ({ spec, ext }, seed, pick, insertions) => {
        const [base, changed] = variants(spec, ext, permutation(spec.units.length, seed), pick, insertions);
        const dir = mkdtempSync(join(tmpdir(), 'assume-props-'));
        try {
          writeFileSync(join(dir, `base.${ext}`), base.code);
          writeFileSync(join(dir, `changed.${ext}`), changed.code);
          const result = analyze({ cwd: dir });
          expect(result.incomplete).toEqual([]);
          const keys = (file: string, v: Variant) => result.findings.filter((f) => f.file === file).map((f) => `${f.ruleId}:${f.messageId}@${v.keyOf(f.line) ?? 'inserted line'}`).sort();
          expect(keys(`changed.${ext}`, changed)).toEqual(keys(`base.${ext}`, base));
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
