import { describe, expect, it } from 'vitest';
import { checkRegisterInput, type RegisterInput } from '../../register/check.js';
import { parseFrontMatter } from '../../register/front-matter.js';
import { INDEX_END, INDEX_START, renderIndex } from '../../register/index-doc.js';

const assumption = (id: string, fields: Partial<Record<'status' | 'checked' | 'last' | 'extra', string>> = {}): string => {
  const f = { status: 'active', checked: '\n  - kind: test\n    ref: t.test.ts', last: '2026-05-01', ...fields };
  return `---\nid: ${id}\nstatement: ${id} holds.\nstatus: ${f.status}\nowner: me\nchecked_by:${f.checked}\nreview:\n  last: ${f.last}\n  every: 90d\nif_false: bad\nseverity: low\n${fields.extra ?? ''}---\n`;
};
const input = (parts: Partial<RegisterInput>): RegisterInput => ({ assumptionFiles: [], rollbackFiles: [], sources: [], ...parts });
const ids = (r: ReturnType<typeof checkRegisterInput>) => r.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`);
const TODAY = { today: '2026-06-01' };

describe('checkRegisterInput', () => {
  it('an empty project has nothing to report', () => {
    expect(checkRegisterInput(input({}), TODAY)).toEqual({ findings: [], waived: [], assumptions: [] });
  });

  it('without a register, every citation is unknown', () => {
    const r = checkRegisterInput(input({ sources: [{ file: 'a.ts', text: '// @assumes A-x -- y\n' }] }), TODAY);
    expect(ids(r)).toEqual(['annotation/unknown-id a.ts:1']);
  });

  it('a superseded assumption names its successor in the message', () => {
    const r = checkRegisterInput(
      input({
        assumptionFiles: [
          { file: 'd/A-old.md', text: assumption('A-old', { status: 'superseded', extra: 'superseded_by: A-new\n' }) },
          { file: 'd/A-new.md', text: assumption('A-new') },
        ],
        sources: [{ file: 'src/a.ts', text: 'x();\n  // @assumes A-old -- y\n' }],
      }),
      TODAY,
    );
    expect(r.findings).toEqual([
      { ruleId: 'annotation/retired-id', severity: 'error', message: '`@assumes A-old` relies on A-old, which is superseded; cite A-new instead.', file: 'src/a.ts', line: 2, column: 3 },
    ]);
  });

  it('a superseded assumption without superseded_by is a schema problem', () => {
    const r = checkRegisterInput(input({ assumptionFiles: [{ file: 'd/A-old.md', text: assumption('A-old', { status: 'superseded' }) }] }), TODAY);
    expect(ids(r)).toEqual(['register/schema d/A-old.md:4']);
  });

  it('retired and unchecked: a retired assumption needs no checks and no reviews', () => {
    const r = checkRegisterInput(input({ assumptionFiles: [{ file: 'd/A-r.md', text: assumption('A-r', { status: 'retired', checked: ' []', last: '2001-01-01' }) }] }), TODAY);
    expect(r.findings).toEqual([]);
  });

  it('review is due the day after last + every, not before', () => {
    const onTime = checkRegisterInput(input({ assumptionFiles: [{ file: 'd/A-x.md', text: assumption('A-x', { last: '2026-03-03' }) }] }), TODAY);
    expect(onTime.findings).toEqual([]);
    const late = checkRegisterInput(input({ assumptionFiles: [{ file: 'd/A-x.md', text: assumption('A-x', { last: '2026-03-02' }) }] }), TODAY);
    expect(ids(late)).toEqual(['register/review-overdue d/A-x.md:2']);
    expect(late.findings[0].severity).toBe('warning');
  });

  it('a file without front matter, and one with broken YAML, are schema problems with a line', () => {
    const r = checkRegisterInput(
      input({
        assumptionFiles: [
          { file: 'd/A-a.md', text: '# just markdown\n' },
          { file: 'd/A-b.md', text: '---\nid: A-b\nstatement: [unclosed\n---\n' },
        ],
      }),
      TODAY,
    );
    expect(ids(r)).toEqual(['register/schema d/A-a.md:1', 'register/schema d/A-b.md:4']);
  });

  it('related ids must exist (retired ones may be related)', () => {
    const r = checkRegisterInput(
      input({ assumptionFiles: [{ file: 'd/A-a.md', text: assumption('A-a', { extra: 'related:\n  - A-gone\n  - docs/runbook.md\n' }) }] }),
      TODAY,
    );
    expect(ids(r)).toEqual(['annotation/unknown-id d/A-a.md:15']);
  });

  it('a README without markers, or with a stale index, is index/stale; a fresh one is not', () => {
    const files = [{ file: 'd/A-a.md', text: assumption('A-a') }];
    const block = renderIndex([{ id: 'A-a', statement: 'A-a holds.', status: 'active', owner: 'me', severity: 'low' }]);
    const fresh = `# R\n\n${INDEX_START}${block}${INDEX_END}\n`;
    expect(checkRegisterInput(input({ assumptionFiles: files, readme: { file: 'd/README.md', text: fresh } }), TODAY).findings).toEqual([]);
    expect(ids(checkRegisterInput(input({ assumptionFiles: files, readme: { file: 'd/README.md', text: '# R\n' } }), TODAY))).toEqual(['index/stale d/README.md:1']);
    expect(ids(checkRegisterInput(input({ assumptionFiles: [], readme: { file: 'd/README.md', text: fresh } }), TODAY))).toEqual(['index/stale d/README.md:3']);
  });

  it('the index escapes pipes and sorts by id', () => {
    expect(renderIndex([
      { id: 'A-b', statement: 'x | y', status: 'active', owner: 'o', severity: 'low' },
      { id: 'A-a', statement: 'multi\nline', status: 'retired', owner: 'o', severity: undefined },
    ])).toBe('\n| id | statement | status | owner | severity |\n| --- | --- | --- | --- | --- |\n| [A-a](A-a.md) | multi line | retired | o |  |\n| [A-b](A-b.md) | x \\| y | active | o | low |\n');
  });

  it('findings are sorted by file, line, column, rule', () => {
    const r = checkRegisterInput(
      input({ sources: [{ file: 'b.ts', text: '// @assumes A-x\n' }, { file: 'a.ts', text: '\n\n// @assumes A-y\n// @assumes A-z\n' }] }),
      TODAY,
    );
    expect(ids(r)).toEqual(['annotation/unknown-id a.ts:3', 'annotation/unknown-id a.ts:4', 'annotation/unknown-id b.ts:1']);
  });
});

describe('parseFrontMatter', () => {
  it('gives the file line of nested keys and list items', () => {
    const fm = parseFrontMatter('---\nid: A-x\nreview:\n  last: 2025-01-01\n  every: 90d\nitems:\n  - a: yes\n  - b: n/a\n---\nbody\n');
    expect(fm.data).toEqual({ id: 'A-x', review: { last: '2025-01-01', every: '90d' }, items: [{ a: 'yes' }, { b: 'n/a' }] });
    expect(fm.lineOf(['review', 'every'])).toBe(5);
    expect(fm.lineOf(['items', 1])).toBe(8);
    expect(fm.body).toBe('body\n');
  });

  it('reports an unclosed front matter', () => {
    expect(parseFrontMatter('---\nid: A-x\n').error?.message).toContain('never closed');
  });
});
