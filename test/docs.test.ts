// Every ❌ example of a rule page is reported by its rule, and every ✅ example is not: the docs cannot
// drift from what the rules do.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fileNameFor, lintWithRules, type LintFinding } from './helpers/lint.js';
import { registeredRuleIds } from './helpers/plugin.js';
import { readRepoFile, repoPath } from './helpers/repo.js';
import { parseMarkdown, ruleExamples } from './helpers/rule-docs.js';

const docFiles = readdirSync(repoPath('docs', 'rules')).filter((name) => name.endsWith('.md')).sort();
const ruleIds = new Set(registeredRuleIds());

function describeFindings(findings: readonly LintFinding[]): string {
  return findings.map((f) => `${f.line}:${f.column} ${f.ruleId ?? '(parser)'} ${f.messageId ?? ''} ${f.message}`).join('\n') || '(none)';
}

describe.each(docFiles)('docs/rules/%s', (docFile) => {
  const id = docFile.slice(0, -'.md'.length);
  const examples = ruleExamples(parseMarkdown(readRepoFile('docs', 'rules', docFile)));

  it('documents a registered rule and has examples', () => {
    expect(ruleIds.has(id), `${docFile} documents no registered rule`).toBe(true);
    expect(examples.length).toBeGreaterThan(0);
  });

  if (!ruleIds.has(id)) return;

  for (const example of examples) {
    const mark = example.kind === 'incorrect' ? '❌' : '✅';
    it(`${docFile} ${mark} #${example.index} (${example.lang}, line ${example.line})`, () => {
      const findings = lintWithRules(example.code, [id], fileNameFor(example.lang));
      const fatal = findings.filter((f) => f.fatal);
      expect(fatal, `the example does not parse:\n${describeFindings(fatal)}`).toEqual([]);
      const own = findings.filter((f) => f.ruleId === `assume/${id}`);
      if (example.kind === 'incorrect') {
        expect(own.length, `❌ example at ${docFile}:${example.line} is not reported by ${id}`).toBeGreaterThanOrEqual(1);
      } else {
        expect(own, `✅ example at ${docFile}:${example.line} is reported by ${id}:\n${describeFindings(own)}`).toEqual([]);
      }
    });
  }
});
