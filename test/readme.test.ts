// The README's rules table, usage snippet and quick start are checked here, not kept by memory.
// `npm run docs:rules` runs this file with `-u`, which rewrites the README's rules table.
import { describe, expect, it } from 'vitest';
import { lintWithRules } from './helpers/lint.js';
import { assumePlugin, registeredRuleIds } from './helpers/plugin.js';
import { packageJson, readRepoFile, repoFileExists, repoPath } from './helpers/repo.js';
import { extractRulesBlock, renderRulesTable, replaceRulesBlock, RULES_END, RULES_START } from './helpers/readme-rules.js';
import { parseMarkdown } from './helpers/rule-docs.js';

/** Read afresh in each test: under `-u` the rules-table test rewrites the file for the tests after it. */
const readme = (): string => readRepoFile('README.md');
const scripts = packageJson().scripts;

const USAGE = `import assume from 'assume-lint';
export default [assume.configs.recommended];
`;

/** The body of a `##` section (up to the next `##`), or '' when missing. */
function section(title: string): string {
  const text = readme();
  const start = text.search(new RegExp(`^## ${title}\\s*$`, 'm'));
  if (start < 0) return '';
  const rest = text.slice(start + 1);
  const end = rest.search(/^## /m);
  return end < 0 ? rest : rest.slice(0, end);
}

/**
 * The `settings` of the README's shared-settings example, by running its config module with the plugin
 * from source: `import assume from 'assume-lint'` dropped, `export default` turned into a return.
 */
function sharedSettingsExample(): Record<string, unknown> {
  const block = parseMarkdown(readme()).blocks.find((b) => b.lang === 'js' && b.code.includes('settings:'));
  if (!block) throw new Error('README has no js example with `settings:`');
  const body = block.code.replace(/^import assume from 'assume-lint';$/m, '').replace(/^export default /m, 'return ');
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the README's own example, run as written
  const config = new Function('assume', body) as (plugin: unknown) => { settings?: Record<string, unknown> }[];
  const settings = config(assumePlugin).find((entry) => entry.settings)?.settings;
  if (!settings) throw new Error('the shared-settings example sets no settings');
  return settings;
}

/** npm commands in a text: `npm test`, `npm ci`, `npm run <script>`. */
function npmCommands(text: string): string[] {
  return [...text.matchAll(/\bnpm (?:run(?:-script)? ([\w:.-]+)|(test|start|ci|install|i)\b)/g)].map((m) => (m[1] as string | undefined) ?? m[2]);
}

describe('README.md', () => {
  it('has a title and the sections a new user needs', () => {
    expect(readme().startsWith('# assume-lint\n')).toBe(true);
    for (const title of ['Install', 'Usage', 'Quick start \\(this repository\\)', 'Development']) {
      expect(section(title), `## ${title}`).not.toBe('');
    }
  });

  it('the rules table is the one generated from the rules (npm run docs:rules rewrites it)', async () => {
    const text = readme();
    expect(text).toContain(RULES_START);
    expect(text).toContain(RULES_END);
    const table = renderRulesTable(assumePlugin.rules);
    if (extractRulesBlock(text) === table) {
      expect(extractRulesBlock(text)).toBe(table);
    } else {
      // Compared as a file snapshot so that `vitest -u` (npm run docs:rules) writes the new table;
      // without -u this fails with the diff.
      await expect(replaceRulesBlock(text, table)).toMatchFileSnapshot(repoPath('README.md'));
    }
  });

  it('lists every rule, linked to its doc page', () => {
    const block = extractRulesBlock(readme()) ?? '';
    for (const id of registeredRuleIds()) {
      expect(block, id).toContain(`[${id}](docs/rules/${id}.md)`);
    }
  });

  it('shows the usage snippet verbatim', () => {
    const blocks = parseMarkdown(readme()).blocks.filter((block) => block.lang === 'js').map((block) => block.code);
    expect(blocks).toContain(USAGE);
    expect(section('Usage')).toContain(USAGE);
  });

  it('installs with npm i -D assume-lint eslint', () => {
    expect(section('Install')).toContain('npm i -D assume-lint eslint');
  });

  it('names the configs the plugin has', () => {
    for (const name of Object.keys(assumePlugin.configs)) expect(readme(), name).toContain(`| \`${name}\` |`);
  });

  it('the quick start uses npm ci, npm test, npm run demo and npm run bench', () => {
    const commands = npmCommands(section('Quick start \\(this repository\\)'));
    expect(commands).toEqual(expect.arrayContaining(['ci', 'test', 'demo', 'bench']));
  });

  it('every npm script the README names exists in package.json', () => {
    const builtins = new Set(['ci', 'install', 'i']);
    const named = [...new Set(npmCommands(readme()))].filter((name) => !builtins.has(name));
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((name) => !(name in scripts))).toEqual([]);
  });

  describe('the shared-settings example works as documented', () => {
    it('a framework and an entry from settings make no-ack-before-durable-write see an in-house router and ledger', () => {
      const code = `import { router } from '@acme/router';
import { ledger } from '@acme/ledger';

router.post('/payments', async (req, res) => {
  res.status(201).json({ ok: true });
  await ledger.append({ id: req.body.id, amount: req.body.amount });
});
`;
      const rule = ['no-ack-before-durable-write'];
      expect(lintWithRules(code, rule, 'payments.ts').filter((f) => f.ruleId !== null)).toEqual([]);
      expect(lintWithRules(code, rule, 'payments.ts', sharedSettingsExample())).toMatchObject([{ ruleId: 'assume/no-ack-before-durable-write', line: 5 }]);
    });

    it('a type from settings makes no-unbounded-parse see an in-house request type', () => {
      const code = `import type { HttpRequest } from '@acme/http';
import { text } from 'node:stream/consumers';

export async function readOrder(req: HttpRequest): Promise<unknown> {
  return JSON.parse(await text(req));
}
`;
      const rule = ['no-unbounded-parse'];
      expect(lintWithRules(code, rule, 'orders.ts').filter((f) => f.ruleId !== null)).toEqual([]);
      expect(lintWithRules(code, rule, 'orders.ts', sharedSettingsExample())).toMatchObject([{ ruleId: 'assume/no-unbounded-parse', line: 5 }]);
    });
  });

  it('every relative link points at a file of the repository', () => {
    const links = [...readme().matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((href) => !/^[a-z]+:|^#/.test(href));
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((href) => !repoFileExists(href.split('#')[0]))).toEqual([]);
  });

  it('gives the corpus scorer command', () => {
    expect(readme()).toContain('cd ../shared/corpus && npm ci && node score.mjs --project <repo> --verbose');
  });
});
