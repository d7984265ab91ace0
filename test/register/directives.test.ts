import { describe, expect, it } from 'vitest';
import { extractComments } from '../../register/comments.js';
import { directivesOf, parseAnnotation, parseSuppression, uncitedSuppressions } from '../../register/directives.js';

describe('extractComments', () => {
  it('finds line and block comments with their positions', () => {
    const text = 'const a = 1; // one\n/* two\n three */\nfoo(); /** four */\n';
    expect(extractComments(text)).toEqual([
      { type: 'Line', value: ' one', line: 1, column: 14, endLine: 1, trailing: true },
      { type: 'Block', value: ' two\n three ', line: 2, column: 1, endLine: 3, trailing: false },
      { type: 'Block', value: '* four ', line: 4, column: 8, endLine: 4, trailing: true },
    ]);
  });

  it('skips strings, template literals (nested) and regular expressions', () => {
    const text = [
      `const s = "// not a comment"; const t = '/* nor this */';`,
      'const u = `// no ${"// nor"} ${`/* nested ${1} */`} still no //`;',
      'const r = /\\/\\/ not a comment/g; const q = /[/]/.test(s) ? 1 : 2; // yes',
      'const d = a / b / c; // division, then a comment',
      'if (x) return /"/.test(y); // after a regex with a quote',
      '',
    ].join('\n');
    expect(extractComments(text).map((c) => [c.line, c.value])).toEqual([
      [3, ' yes'],
      [4, ' division, then a comment'],
      [5, ' after a regex with a quote'],
    ]);
  });

  it('keeps line numbers through multi-line templates and strings with escaped newlines', () => {
    const text = 'const t = `a\nb\n${c}\n`;\n// here\n';
    expect(extractComments(text)).toEqual([expect.objectContaining({ line: 5, value: ' here' })]);
  });
});

describe('annotations and suppressions', () => {
  const line = (value: string, extra: object = {}) => ({ type: 'Line' as const, value, line: 10, ...extra });
  const block = (value: string) => ({ type: 'Block' as const, value, line: 10 });

  it('parses @assumes with its id and reason', () => {
    expect(parseAnnotation(line(' @assumes A-queue-at-least-once -- redelivery is fine'))).toEqual({ line: 10, id: 'A-queue-at-least-once', raw: 'A-queue-at-least-once -- redelivery is fine', reason: 'redelivery is fine' });
    expect(parseAnnotation(block('*\n * @assumes A-x -- in JSDoc\n '))?.id).toBe('A-x');
    expect(parseAnnotation(line(' @assumes queue -- no id'))?.id).toBeUndefined();
    expect(parseAnnotation(line(' email me@assumes.dev'))).toBeUndefined();
    // Documentation quoting the syntax in inline code is not an annotation; a real one next to a code span is.
    expect(parseAnnotation(block('*\n * Annotations (`// @assumes A-<slug> -- why`) cite an assumption.\n '))).toBeUndefined();
    expect(parseAnnotation(line(' `@assumes A-x` is the syntax'))).toBeUndefined();
    expect(parseAnnotation(line(' @assumes A-x -- `retry()` is idempotent'))).toMatchObject({ id: 'A-x', raw: 'A-x -- `retry()` is idempotent', reason: '`retry()` is idempotent' });
  });

  it('parses eslint-disable forms like ESLint does', () => {
    expect(parseSuppression(line(' eslint-disable-next-line assume/no-unbounded-parse -- A-proxy why'))).toEqual({
      kind: 'eslint-disable-next-line', line: 10, appliesTo: [11, 11], rules: ['assume/no-unbounded-parse'], assumption: 'A-proxy', reason: 'why',
    });
    expect(parseSuppression(line(' eslint-disable-line assume/a, other/b'))).toMatchObject({ kind: 'eslint-disable-line', appliesTo: [10, 10], rules: ['assume/a'], assumption: undefined });
    expect(parseSuppression(block(' eslint-disable assume/a '))).toMatchObject({ kind: 'eslint-disable', appliesTo: [10, null] });
    // `eslint-disable` in a line comment is not a directive.
    expect(parseSuppression(line(' eslint-disable assume/a'))).toBeUndefined();
    // Other plugins' rules and blanket disables (by default) are not assume suppressions.
    expect(parseSuppression(line(' eslint-disable-next-line no-console'))).toBeUndefined();
    expect(parseSuppression(line(' eslint-disable-next-line'))).toBeUndefined();
    expect(parseSuppression(line(' eslint-disable-next-line'), { checkBlanketDisables: true })).toMatchObject({ rules: ['*'] });
    // `--` must be surrounded by spaces to start the description.
    expect(parseSuppression(line(' eslint-disable-next-line assume/a--A-x'))?.assumption).toBeUndefined();
  });

  it('parses assume-ignore: next line when alone, same line when trailing', () => {
    expect(parseSuppression(line(' assume-ignore no-unhandled-timeout -- A-x ok'))).toMatchObject({ kind: 'assume-ignore', appliesTo: [11, 11], rules: ['assume/no-unhandled-timeout'], assumption: 'A-x' });
    expect(parseSuppression(line(' assume-ignore assume/no-unhandled-timeout', { trailing: true }))).toMatchObject({ appliesTo: [10, 10], rules: ['assume/no-unhandled-timeout'] });
  });

  it('closes a file-wide disable at the matching eslint-enable', () => {
    const comments = [
      { type: 'Block' as const, value: ' eslint-disable assume/a -- A-x ', line: 1 },
      { type: 'Block' as const, value: ' eslint-disable assume/b -- A-y ', line: 2 },
      { type: 'Block' as const, value: ' eslint-enable assume/a ', line: 5 },
      { type: 'Line' as const, value: ' @assumes A-z', line: 6 },
    ];
    const { suppressions, annotations } = directivesOf(comments);
    expect(suppressions.map((s) => s.appliesTo)).toEqual([
      [1, 5],
      [2, null],
    ]);
    expect(annotations.map((a) => a.id)).toEqual(['A-z']);
    expect(uncitedSuppressions(comments)).toEqual([]);
  });
});
