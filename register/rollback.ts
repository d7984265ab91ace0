/** Rollback plans (docs/rollback/*.md): staged rollout, measurable triggers, compatibility. Pure. */
import { isRecord, type Problem } from './assumption.js';
import { parseFrontMatter } from './front-matter.js';

export const triggerOperators = ['>', '>=', '<', '<=', '==', '!='] as const;
export const compatibilityPhases = ['expand', 'migrate', 'contract'] as const;
/** A duration for soaks and windows: `30s`, `5m`, `2h`, `1d`. */
export const DURATION = /^[1-9]\d*(s|m|h|d)$/;

const KNOWN_KEYS = new Set(['change', 'owner', 'stages', 'triggers', 'compatibility', 'dual_write', 'evidence', 'rehearsal']);

/** Checks one rollback plan. */
export function checkRollbackPlan(text: string): Problem[] {
  const problems: Problem[] = [];
  const schema = (message: string, line: number): void => {
    problems.push({ ruleId: 'register/schema', message, line });
  };
  const fm = parseFrontMatter(text);
  if (fm.error) return [{ ruleId: 'register/schema', message: `The front matter is not valid YAML: ${fm.error.message}`, line: fm.error.line }];
  if (!isRecord(fm.data)) return [{ ruleId: 'register/schema', message: 'A rollback plan starts with YAML front matter: change, owner, stages, triggers, compatibility.', line: 1 }];
  const data = fm.data;
  for (const key of Object.keys(data)) {
    if (!KNOWN_KEYS.has(key)) schema(`Unknown field "${key}" (a typo?). Known fields: ${[...KNOWN_KEYS].join(', ')}.`, fm.lineOf([key]));
  }
  for (const key of ['change', 'owner'] as const) {
    if (!(typeof data[key] === 'string' && data[key].trim() !== '')) schema(`Missing "${key}" (a non-empty string).`, key in data ? fm.lineOf([key]) : 1);
  }
  if (!(typeof data.compatibility === 'string' && (compatibilityPhases as readonly string[]).includes(data.compatibility))) {
    schema(`"compatibility" must be one of ${compatibilityPhases.join(' | ')}.`, 'compatibility' in data ? fm.lineOf(['compatibility']) : 1);
  }
  if (!Array.isArray(data.stages) || data.stages.length === 0) {
    schema('"stages" lists the rollout: `[{ percent: 1, soak: 30m }, ..., { percent: 100, soak: 24h }]`.', 'stages' in data ? fm.lineOf(['stages']) : 1);
  } else {
    (data.stages as unknown[]).forEach((stage, index) => {
      const line = fm.lineOf(['stages', index]);
      if (!isRecord(stage) || typeof stage.percent !== 'number' || stage.percent <= 0 || stage.percent > 100) {
        schema('Each stage has a "percent" between 0 (exclusive) and 100.', line);
      } else if (!(typeof stage.soak === 'string' && DURATION.test(stage.soak))) {
        schema(`Stage at ${stage.percent} % needs a "soak" duration such as 30m or 2h.`, line);
      }
    });
  }

  const triggers = data.triggers;
  if (!Array.isArray(triggers) || triggers.length === 0) {
    problems.push({ ruleId: 'rollback/trigger-not-measurable', message: 'No rollback "triggers": list at least one `{ metric, operator, threshold, window }` that decides a rollback without a meeting.', line: 'triggers' in data ? fm.lineOf(['triggers']) : 1 });
  } else {
    triggers.forEach((trigger: unknown, index) => {
      const line = fm.lineOf(['triggers', index]);
      const missing: string[] = [];
      if (!isRecord(trigger)) {
        problems.push({ ruleId: 'rollback/trigger-not-measurable', message: `Trigger ${index + 1} is ${JSON.stringify(trigger)}: a trigger is measurable only as { metric, operator, threshold, window }.`, line });
        return;
      }
      if (!(typeof trigger.metric === 'string' && trigger.metric.trim() !== '')) missing.push('a "metric" name');
      if (!(typeof trigger.operator === 'string' && (triggerOperators as readonly string[]).includes(trigger.operator))) missing.push(`an "operator" (${triggerOperators.join(' ')})`);
      if (!(typeof trigger.threshold === 'number' && Number.isFinite(trigger.threshold))) missing.push('a numeric "threshold"');
      if (!(typeof trigger.window === 'string' && DURATION.test(trigger.window))) missing.push('a "window" such as 5m');
      if (missing.length > 0) {
        const name = typeof trigger.metric === 'string' && trigger.metric.trim() !== '' ? trigger.metric : `Trigger ${index + 1}`;
        problems.push({ ruleId: 'rollback/trigger-not-measurable', message: `${name} is not measurable: it needs ${missing.join(', ')}.`, line });
      }
    });
  }
  return problems;
}
