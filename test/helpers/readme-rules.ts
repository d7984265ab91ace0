/**
 * The README's rules table, generated from the rules' own meta (the README is checked against it by
 * test/readme.test.ts; `npm run docs:rules` rewrites the README's table from it).
 */

export const RULES_START = '<!-- rules:start -->';
export const RULES_END = '<!-- rules:end -->';

/** What the table needs of a rule module. */
export interface RuleMetaForTable {
  meta: {
    docs: { description: string; recommended?: boolean };
    hasSuggestions?: boolean;
  };
}

/** The generated block between the markers (without the markers), ending with a newline. */
export function renderRulesTable(rules: Readonly<Record<string, RuleMetaForTable>>): string {
  const rows = Object.keys(rules)
    .sort()
    .map((id) => {
      const { meta } = rules[id];
      const description = meta.docs.description.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
      return `| [${id}](docs/rules/${id}.md) | ${description} | ${meta.docs.recommended === true ? '✅' : ''} | ${meta.hasSuggestions === true ? '💡' : ''} |`;
    });
  return [
    '✅ in the `recommended` config. 💡 offers editor suggestions (never applied automatically).',
    '',
    '| Rule | Description | ✅ | 💡 |',
    '| --- | --- | :-: | :-: |',
    ...rows,
    '',
  ].join('\n');
}

/** The current block between the markers, or undefined when a marker is missing or out of order. */
export function extractRulesBlock(readme: string): string | undefined {
  const start = readme.indexOf(RULES_START);
  const end = readme.indexOf(RULES_END);
  if (start < 0 || end < start) return undefined;
  return readme.slice(start + RULES_START.length, end).replace(/^\r?\n/, '');
}

/** The README with the block between the markers replaced by `table`. */
export function replaceRulesBlock(readme: string, table: string): string {
  const start = readme.indexOf(RULES_START);
  const end = readme.indexOf(RULES_END);
  if (start < 0 || end < start) throw new Error(`README has no ${RULES_START} ... ${RULES_END} block`);
  return `${readme.slice(0, start + RULES_START.length)}\n${table}${readme.slice(end)}`;
}
