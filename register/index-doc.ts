/** The generated index of the register README, between `<!-- assume:index -->` markers. Pure. */
import type { Assumption } from './types.js';

export const INDEX_START = '<!-- assume:index -->';
export const INDEX_END = '<!-- /assume:index -->';

function cell(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
}

/** The index block (between the markers, markers excluded): one table row per assumption, sorted by id. */
export function renderIndex(assumptions: readonly Pick<Assumption, 'id' | 'statement' | 'status' | 'owner' | 'severity'>[]): string {
  if (assumptions.length === 0) return '\n_No assumptions yet: add one with `assume add`._\n';
  const rows = [...assumptions]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((a) => `| [${a.id}](${a.id}.md) | ${cell(a.statement)} | ${a.status} | ${cell(a.owner)} | ${a.severity ?? ''} |`);
  return `\n| id | statement | status | owner | severity |\n| --- | --- | --- | --- | --- |\n${rows.join('\n')}\n`;
}

/** Where the index block sits in a README: offsets of the content between the markers, and its line. */
export function findIndex(readme: string): { start: number; end: number; line: number } | undefined {
  const open = readme.indexOf(INDEX_START);
  if (open === -1) return undefined;
  const start = open + INDEX_START.length;
  const end = readme.indexOf(INDEX_END, start);
  if (end === -1) return undefined;
  return { start, end, line: readme.slice(0, open).split('\n').length };
}

/** The README with its index block replaced, or undefined when it has no (complete) markers. */
export function replaceIndex(readme: string, block: string): string | undefined {
  const at = findIndex(readme);
  if (!at) return undefined;
  return readme.slice(0, at.start) + block + readme.slice(at.end);
}

/** Is the README's index the one the assumptions generate? undefined when it has no markers. */
export function isIndexFresh(readme: string, block: string): boolean | undefined {
  const at = findIndex(readme);
  if (!at) return undefined;
  return readme.slice(at.start, at.end) === block;
}
