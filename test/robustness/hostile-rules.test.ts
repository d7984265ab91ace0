/**
 * Hostile input through the ESLint rules: the plugin's `recommended` config with @typescript-eslint/parser
 * (.ts, .tsx) and ESLint's default espree (.js). A fatal parse error for unparsable input is the parser's
 * answer and fine; a rule that throws is a crash. Every file is linted within a time bound, and the big
 * ones within a heap bound. The generated and mutated inputs here are a sample: `npm run fuzz` runs 10,000.
 */
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import plugin from '../../index.js';
import { repoRoot } from '../cli/helpers.js';
import {
  ACK_FIRST_SOURCE,
  bigFiles,
  deepNesting,
  generatedInput,
  inputCode,
  isOurCrash,
  oddSources,
  unusualSyntax,
  type HostileCase,
} from './generators.js';

const linter = new Linter({ configType: 'flat' });
const parsers: Linter.Config[] = [
  { files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } } },
  { files: ['**/*.js'], languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
];
const withRules: Linter.Config[] = [...parsers, plugin.configs.recommended as Linter.Config];

/** What a lint run came to: messages (possibly one fatal parse error), or an error thrown by ESLint itself. */
type Outcome = { kind: 'linted'; fatal?: string; messages: Linter.LintMessage[] } | { kind: 'eslint-threw'; message: string };

function text(content: string | Uint8Array): string {
  // What ESLint's CLI does with a file's bytes: decode as UTF-8 (invalid bytes become U+FFFD).
  return typeof content === 'string' ? content : new TextDecoder('utf-8').decode(content);
}

/** Lints with the rules; throws (with the input named) only if one of OUR rules crashed. */
function lint(code: string, filename: string, config: Linter.Config[] = withRules): Outcome {
  let messages: Linter.LintMessage[];
  try {
    messages = linter.verify(code, config, filename);
  } catch (error) {
    if (isOurCrash(error, repoRoot)) {
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      throw new Error(`a rule crashed on ${filename} (${code.length} chars: ${JSON.stringify(code.slice(0, 300))}):\n${detail}`);
    }
    return { kind: 'eslint-threw', message: error instanceof Error ? error.message : String(error) };
  }
  // A config that matches no file lints nothing: make sure the file was really linted.
  expect(messages.filter((m) => m.message.startsWith('No matching configuration')), filename).toEqual([]);
  const fatal = messages.find((m) => m.fatal === true);
  return { kind: 'linted', fatal: fatal?.message, messages };
}

function lintCase(c: HostileCase): Outcome {
  return lint(text(c.content), `${c.name}.${c.ext}`);
}

/** Line (1-based) of the ack of ACK_FIRST_SOURCE in `code`, counting every JS line terminator. */
function ackLine(code: string): number | undefined {
  const at = code.indexOf('res.json({ ok: true });');
  if (at < 0) return undefined;
  return (code.slice(0, at).match(/\r\n|[\r\n\u2028\u2029]/g)?.length ?? 0) + 1;
}

describe('deep nesting (arrays, parens, blocks, functions, arrows, member chains, binary, if/else, calls, then-chains, handlers)', () => {
  // Well below every parser's limit (the shallowest, nested callbacks in TypeScript, gives up near 220 levels).
  it('at 150 levels every shape parses, and the rules run on it without a crash', () => {
    for (const c of deepNesting(150)) {
      const outcome = lintCase(c);
      expect(outcome.kind, c.name).toBe('linted');
      if (outcome.kind === 'linted') expect(outcome.fatal, `${c.name}.${c.ext}`).toBeUndefined();
    }
  }, 60_000);

  it('the rules still report inside 150 nested ifs and callbacks', () => {
    const ruleIds = (name: string, ext: string) => {
      const c = deepNesting(150).find((x) => x.name === name && x.ext === ext)!;
      const outcome = lintCase(c);
      return outcome.kind === 'linted' ? outcome.messages.map((m) => m.ruleId) : [];
    };
    expect(ruleIds('handler-ifs-150', 'ts')).toContain('assume/no-ack-before-durable-write');
    expect(ruleIds('handler-ifs-150', 'js')).toContain('assume/no-ack-before-durable-write');
    expect(ruleIds('then-chain-150', 'js')).toContain('assume/no-unhandled-timeout');
  }, 60_000);

  it.each([10_000])('at %i levels: a fatal parse error or ESLint\'s own limit, never a rule crash, each file within 10 s', (depth) => {
    for (const c of deepNesting(depth)) {
      const started = performance.now();
      const outcome = lintCase(c);
      expect(performance.now() - started, c.name).toBeLessThan(10_000);
      // At 10,000 levels no parser builds the tree; either way nothing escapes but the parser's verdict.
      if (depth === 10_000 && outcome.kind === 'linted') expect(outcome.fatal, `${c.name}.${c.ext}`).toBeDefined();
    }
  }, 120_000);
});

describe('odd bytes, encodings, line endings and lengths', () => {
  for (const c of oddSources()) {
    it(`${c.name}.${c.ext}: no crash, and the findings are still where they belong`, () => {
      const code = text(c.content);
      const started = performance.now();
      const outcome = lintCase(c);
      expect(performance.now() - started).toBeLessThan(20_000);
      // Where the source carries ACK_FIRST and still parses, the ack before the write is found on its line.
      const line = ackLine(code);
      if (outcome.kind === 'linted' && outcome.fatal === undefined && line !== undefined && code.includes(ACK_FIRST_SOURCE.split('\n')[6])) {
        const acks = outcome.messages.filter((m) => m.ruleId === 'assume/no-ack-before-durable-write').map((m) => m.line);
        expect(acks, c.name).toEqual([line]);
      }
    }, 30_000);
  }

  it('BOM, CRLF, lone CR and mixed line endings parse and keep the finding (not only "no crash")', () => {
    for (const name of ['bom', 'double-bom', 'crlf', 'lone-cr', 'mixed-eol', 'shebang', 'long-string', 'long-comment']) {
      const c = oddSources().find((x) => x.name === name)!;
      const outcome = lintCase(c);
      expect(outcome.kind === 'linted' && outcome.fatal === undefined, name).toBe(true);
      if (outcome.kind === 'linted') expect(outcome.messages.some((m) => m.ruleId === 'assume/no-ack-before-durable-write'), name).toBe(true);
    }
  }, 60_000);
});

describe('5 MB single-line files', () => {
  for (const c of bigFiles()) {
    it(`${c.name}.${c.ext}: linted within 60 s and 512 MB of heap growth, no crash`, () => {
      globalThis.gc?.();
      const before = process.memoryUsage().heapUsed;
      let peak = before;
      const started = performance.now();
      const outcome = lintCase(c);
      peak = Math.max(peak, process.memoryUsage().heapUsed);
      expect(performance.now() - started).toBeLessThan(60_000);
      expect(outcome.kind).toBe('linted');
      // Measured: ~70 MB of heap growth for the bundle with the rules (ESLint alone ~60 MB); generous bound.
      expect(peak - before).toBeLessThan(512 * 1024 ** 2);
    }, 120_000);
  }
});

describe('unusual syntax', () => {
  for (const c of unusualSyntax()) {
    it(`${c.name}.${c.ext} parses and the rules run on it`, () => {
      const outcome = lintCase(c);
      expect(outcome.kind).toBe('linted');
      if (outcome.kind === 'linted') expect(outcome.fatal).toBeUndefined();
    });
  }

  it('a rule still reports in files with decorators and JSX (not silently skipped)', () => {
    for (const name of ['decorators', 'jsx']) {
      const outcome = lintCase(unusualSyntax().find((c) => c.name === name)!);
      expect(outcome.kind === 'linted' && outcome.messages.some((m) => m.ruleId === 'assume/no-ack-before-durable-write'), name).toBe(true);
    }
  });
});

describe('generated service code, valid and mutated', () => {
  it('the generator yields findings of all four core rules (so the fuzzing reaches the rules\' logic)', () => {
    const seen = new Set<string>();
    for (const input of fc.sample(generatedInput.map((i) => ({ ...i, mutations: [] })), { seed: 7, numRuns: 60 })) {
      const outcome = lint(inputCode(input), `gen.${input.ext}`);
      if (outcome.kind === 'linted') {
        expect(outcome.fatal).toBeUndefined();
        for (const m of outcome.messages) if (m.ruleId) seen.add(m.ruleId);
      }
    }
    for (const id of ['no-ack-before-durable-write', 'no-unhandled-timeout', 'no-wall-clock-at-boundary', 'no-unbounded-parse']) {
      expect(seen.has(`assume/${id}`), id).toBe(true);
    }
  }, 60_000);

  it('no crash and no hang on 200 generated inputs (half of them mutated)', () => {
    fc.assert(
      fc.property(generatedInput, (input) => {
        const started = performance.now();
        lint(inputCode(input), `gen.${input.ext}`);
        expect(performance.now() - started).toBeLessThan(5_000);
      }),
      { numRuns: 200, seed: Number(process.env.FUZZ_SEED ?? 20260601) },
    );
  }, 120_000);
});
