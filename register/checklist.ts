/** The threat-model checklist: every item present, answered, and justified. Pure. */
import { isRecord, type Problem } from './assumption.js';
import { parseFrontMatter } from './front-matter.js';
import { ASSUMPTION_ID } from './types.js';

/** The items every checklist answers, by stable id. */
export const checklistItemIds = [
  'TM-ASSUMPTIONS',
  'TM-HOSTILE-INPUT',
  'TM-COST-BOUND',
  'TM-FAILURE-MODES',
  'TM-ACK',
  'TM-TIMEOUT',
  'TM-IDEMPOTENCY',
  'TM-ORDERING',
  'TM-CRASH-RECOVERY',
  'TM-LEAST-AUTHORITY',
  'TM-AUTHENTICITY',
  'TM-REPLAY',
  'TM-AUDIT',
  'TM-DOWNGRADE',
  'TM-DEGRADED-MODE',
  'TM-TELEMETRY',
] as const;

export const checklistAnswers = ['yes', 'no', 'n/a'] as const;

/** A reference from a checklist item to an assumption (checked against the register). */
export interface Citation {
  id: string;
  line: number;
}

/** Checks a checklist file. Returns its problems and the assumptions it cites. */
export function checkChecklist(text: string): { problems: Problem[]; citations: Citation[] } {
  const problems: Problem[] = [];
  const citations: Citation[] = [];
  const fm = parseFrontMatter(text);
  if (fm.error) return { problems: [{ ruleId: 'register/schema', message: `The front matter is not valid YAML: ${fm.error.message}`, line: fm.error.line }], citations };
  const items = isRecord(fm.data) ? fm.data.items : undefined;
  if (!Array.isArray(items)) {
    return {
      problems: [{ ruleId: 'register/schema', message: 'The checklist keeps its answers in front matter: `items: [{ id: TM-..., answer: yes | no | n/a, justification | assumption }]`.', line: 1 }],
      citations,
    };
  }
  const seen = new Set<string>();
  items.forEach((item: unknown, index) => {
    const line = fm.lineOf(['items', index]);
    if (!isRecord(item) || typeof item.id !== 'string') {
      problems.push({ ruleId: 'register/schema', message: 'Each checklist item has an "id" (TM-...).', line });
      return;
    }
    const id = item.id;
    if (seen.has(id)) problems.push({ ruleId: 'register/schema', message: `Checklist item ${id} appears twice.`, line });
    seen.add(id);
    const answer = item.answer;
    const answerLine = 'answer' in item ? fm.lineOf(['items', index, 'answer']) : line;
    if (answer === undefined || answer === null || answer === '') {
      problems.push({ ruleId: 'checklist/unanswered', message: `${id} has no answer: answer yes, no or n/a, with a justification or an assumption.`, line });
      return;
    }
    if (!(typeof answer === 'string' && (checklistAnswers as readonly string[]).includes(answer))) {
      problems.push({ ruleId: 'checklist/unanswered', message: `${id}: the answer must be yes, no or n/a, not ${JSON.stringify(answer)}.`, line: answerLine });
      return;
    }
    const justification = typeof item.justification === 'string' ? item.justification.trim() : '';
    const assumption = typeof item.assumption === 'string' ? item.assumption.trim() : '';
    if (assumption !== '') {
      if (ASSUMPTION_ID.test(assumption)) citations.push({ id: assumption, line: fm.lineOf(['items', index, 'assumption']) });
      else problems.push({ ruleId: 'register/schema', message: `${id}: "assumption" must be an assumption id (A-<slug>), not ${JSON.stringify(assumption)}.`, line: fm.lineOf(['items', index, 'assumption']) });
    }
    if (justification === '' && assumption === '') {
      problems.push({ ruleId: 'checklist/unanswered', message: `${id} is answered "${answer}" without a justification or an assumption: say why.`, line: answerLine });
    }
  });
  for (const id of checklistItemIds) {
    if (!seen.has(id)) problems.push({ ruleId: 'checklist/unanswered', message: `Checklist item ${id} is missing: keep every item and answer it (n/a is an answer).`, line: fm.lineOf(['items']) });
  }
  return { problems, citations };
}
