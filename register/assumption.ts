/** One assumption file: its front matter checked against the register's schema. Pure. */
import { parseFrontMatter } from './front-matter.js';
import { ASSUMPTION_ID, assumptionStatuses, checkKinds, severities, type Assumption, type CheckKind, type RegisterRuleId } from './types.js';

/** A problem found in one file, before it is given its file name. */
export interface Problem {
  ruleId: RegisterRuleId;
  message: string;
  line: number;
}

const KNOWN_KEYS = new Set(['id', 'statement', 'status', 'owner', 'rationale', 'checked_by', 'review', 'if_false', 'severity', 'related', 'superseded_by']);
const REVIEW_KEYS = new Set(['last', 'every', 'triggers']);

/** A review interval: `90d`, `12w`, `6mo`, `1y`. */
export const REVIEW_INTERVAL = /^([1-9]\d*)(d|w|mo|y)$/;
/** A calendar date `YYYY-MM-DD`. */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days in a review interval, or undefined if it is not one. */
export function intervalDays(every: string): number | undefined {
  const match = REVIEW_INTERVAL.exec(every);
  if (!match) return undefined;
  const n = Number(match[1]);
  return n * ({ d: 1, w: 7, mo: 30, y: 365 } as const)[match[2] as 'd' | 'w' | 'mo' | 'y'];
}

/** A `YYYY-MM-DD` date as a UTC day number, or undefined if it is not a real date. */
export function dayNumber(date: string): number | undefined {
  const match = DATE.exec(date);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(y, m - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return undefined;
  return Math.round(ms / 86_400_000);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

/** YAML may give a date-like scalar as a string; normalize `null`/absent to undefined. */
function optionalString(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

/**
 * Parses one assumption file. `fileId` is the id the file name implies (`A-foo` for `A-foo.md`).
 * Returns the assumption when its id is usable (so duplicates and citations can still be checked), and
 * every schema problem found.
 */
export function parseAssumption(text: string, fileId: string): { assumption?: Assumption; problems: Problem[] } {
  const problems: Problem[] = [];
  const schema = (message: string, line: number): void => {
    problems.push({ ruleId: 'register/schema', message, line });
  };
  const fm = parseFrontMatter(text);
  if (fm.error) {
    schema(`The front matter is not valid YAML: ${fm.error.message}`, fm.error.line);
    return { problems };
  }
  if (!isRecord(fm.data)) {
    schema('An assumption file starts with YAML front matter (between `---` lines) holding its fields: id, statement, status, owner, checked_by, review, if_false, severity.', 1);
    return { problems };
  }
  const data = fm.data;
  const at = (...path: (string | number)[]): number => fm.lineOf(path);

  for (const key of Object.keys(data)) {
    if (!KNOWN_KEYS.has(key)) schema(`Unknown field "${key}" (a typo?). Known fields: ${[...KNOWN_KEYS].join(', ')}.`, at(key));
  }

  const id = data.id;
  let usableId: string | undefined;
  if (!nonEmptyString(id)) {
    schema('Missing "id": the assumption id, `A-<slug>`, equal to the file name.', 1);
  } else if (!ASSUMPTION_ID.test(id)) {
    schema(`"id" ${JSON.stringify(id)} is not of the form A-<slug> (lowercase letters, digits and dashes).`, at('id'));
  } else {
    usableId = id;
    if (id !== fileId) schema(`"id" ${id} differs from the file name ${fileId}.md: name the file after the id.`, at('id'));
  }

  for (const key of ['statement', 'owner', 'if_false'] as const) {
    if (!nonEmptyString(data[key])) schema(`Missing "${key}" (a non-empty string).`, key in data ? at(key) : 1);
  }
  if (data.rationale !== undefined && data.rationale !== null && typeof data.rationale !== 'string') schema('"rationale" must be a string.', at('rationale'));

  const status = data.status;
  const statusOk = typeof status === 'string' && (assumptionStatuses as readonly string[]).includes(status);
  if (!statusOk) schema(`"status" must be one of ${assumptionStatuses.join(' | ')}${status === undefined ? '' : `, not ${JSON.stringify(status)}`}.`, 'status' in data ? at('status') : 1);

  const severity = data.severity;
  if (!(typeof severity === 'string' && (severities as readonly string[]).includes(severity))) {
    schema(`"severity" must be one of ${severities.join(' | ')}${severity === undefined ? '' : `, not ${JSON.stringify(severity)}`}.`, 'severity' in data ? at('severity') : 1);
  }

  const checkedBy: { kind: CheckKind; ref: string }[] = [];
  const rawChecks = data.checked_by;
  const checks = rawChecks === undefined || rawChecks === null ? [] : Array.isArray(rawChecks) ? (rawChecks as unknown[]) : [rawChecks];
  checks.forEach((check, index) => {
    const line = Array.isArray(rawChecks) ? at('checked_by', index) : at('checked_by');
    if (!isRecord(check)) {
      schema('Each "checked_by" entry is an object: `{ kind: test | monitor | review | type, ref: <what> }`.', line);
      return;
    }
    const kind = check.kind;
    if (!(typeof kind === 'string' && (checkKinds as readonly string[]).includes(kind))) {
      schema(`"checked_by" kind must be one of ${checkKinds.join(' | ')}${kind === undefined ? '' : `, not ${JSON.stringify(kind)}`}.`, line);
      return;
    }
    if (!nonEmptyString(check.ref)) {
      schema(`"checked_by" ${kind} needs a "ref": the test, monitor, review or type that checks it.`, line);
      return;
    }
    checkedBy.push({ kind: kind as CheckKind, ref: check.ref });
  });

  let review: Assumption['review'];
  const rawReview = data.review;
  if (rawReview === undefined || rawReview === null) {
    schema('Missing "review": `{ last: YYYY-MM-DD | null, every: 90d, triggers: [...] }`.', 1);
  } else if (!isRecord(rawReview)) {
    schema('"review" must be an object: `{ last, every, triggers }`.', at('review'));
  } else {
    for (const key of Object.keys(rawReview)) {
      if (!REVIEW_KEYS.has(key)) schema(`Unknown field "review.${key}". Known: last, every, triggers.`, at('review', key));
    }
    const last = optionalString(rawReview.last);
    if (last !== undefined && dayNumber(last) === undefined) schema(`"review.last" ${JSON.stringify(last)} is not a date (YYYY-MM-DD).`, at('review', 'last'));
    const every = optionalString(rawReview.every);
    if (every === undefined || intervalDays(every) === undefined) {
      schema(`"review.every" must be an interval such as 90d, 12w, 6mo or 1y${every === undefined ? '' : `, not ${JSON.stringify(every)}`}.`, 'every' in rawReview ? at('review', 'every') : at('review'));
    }
    const triggers = rawReview.triggers;
    if (triggers !== undefined && triggers !== null && !(Array.isArray(triggers) && triggers.every((t) => typeof t === 'string'))) {
      schema('"review.triggers" must be a list of strings (events that call for a review before the date).', at('review', 'triggers'));
    }
    review = { last, every, triggers: Array.isArray(triggers) ? triggers.filter((t): t is string => typeof t === 'string') : [] };
  }

  const related = data.related;
  if (related !== undefined && related !== null && !(Array.isArray(related) && related.every((r) => typeof r === 'string'))) {
    schema('"related" must be a list of assumption ids or paths.', at('related'));
  }
  const supersededBy = optionalString(data.superseded_by);
  if (status === 'superseded' && (supersededBy === undefined || !ASSUMPTION_ID.test(supersededBy))) {
    schema('A superseded assumption names its successor in "superseded_by: A-<slug>".', 'superseded_by' in data ? at('superseded_by') : at('status'));
  }

  if (usableId === undefined) return { problems };
  return {
    assumption: {
      id: usableId,
      file: '',
      statement: typeof data.statement === 'string' ? data.statement : '',
      status: statusOk ? (status as Assumption['status']) : 'active',
      owner: typeof data.owner === 'string' ? data.owner : '',
      checkedBy,
      review,
      severity: typeof severity === 'string' ? severity : undefined,
      supersededBy,
      line: at('id'),
    },
    problems,
  };
}

/** Related ids of an assumption file (for citation checks); [] when none or malformed. */
export function relatedIds(text: string): { id: string; line: number }[] {
  const fm = parseFrontMatter(text);
  if (!isRecord(fm.data) || !Array.isArray(fm.data.related)) return [];
  return (fm.data.related as unknown[]).flatMap((value, index) =>
    typeof value === 'string' && ASSUMPTION_ID.test(value) ? [{ id: value, line: fm.lineOf(['related', index]) }] : [],
  );
}
