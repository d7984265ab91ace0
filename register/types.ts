/** Shared types of the assumption register checks. Pure data: no I/O here. */

/** Stable ids of the register checks (reported like code findings: `assume check`, JSON, SARIF). */
export const registerRuleIds = [
  'register/schema',
  'register/duplicate-id',
  'register/review-overdue',
  'register/unchecked',
  'annotation/unknown-id',
  'annotation/retired-id',
  'suppression/missing-assumption',
  'suppression/unused',
  'checklist/unanswered',
  'rollback/trigger-not-measurable',
  'index/stale',
] as const;
export type RegisterRuleId = (typeof registerRuleIds)[number];

/** One-line description of each register check (help texts, SARIF rule descriptions). */
export const registerRuleDescriptions: Readonly<Record<RegisterRuleId, string>> = {
  'register/schema': 'An assumption, checklist or rollback file is malformed or misses a required field.',
  'register/duplicate-id': 'Two assumption files declare the same id.',
  'register/review-overdue': 'An active assumption is past its review date (review.last + review.every).',
  'register/unchecked': 'An active assumption names nothing that checks it (checked_by is empty).',
  'annotation/unknown-id': 'A comment, suppression or document cites an assumption id that is not in the register.',
  'annotation/retired-id': 'A comment or suppression relies on an assumption that is retired, superseded or violated.',
  'suppression/missing-assumption': 'A suppression of an assume rule does not cite an assumption (`-- A-<slug>`).',
  'suppression/unused': 'A suppression of an assume rule silences no finding.',
  'checklist/unanswered': 'A threat-model checklist item is missing, unanswered, or answered without a justification or assumption.',
  'rollback/trigger-not-measurable': 'A rollback trigger lacks a metric, an operator, a numeric threshold or a window.',
  'index/stale': 'The generated index in the register README does not match the assumption files.',
};

export type Severity = 'error' | 'warning';

/** A finding of a register check. Paths are POSIX and relative to the working directory. */
export interface RegisterFinding {
  ruleId: RegisterRuleId;
  severity: Severity;
  message: string;
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

/** A suppression that cites an assumption: it hides a finding, and every report lists it. */
export interface Waiver {
  file: string;
  /** Line of the suppression comment. */
  line: number;
  /** Lines the suppression covers: [first, last]; last is null for a disable that runs to the end of the file. */
  appliesTo: [number, number | null];
  /** Rule ids it silences (with the plugin prefix, as written), or `*` for all. */
  rules: string[];
  assumption: string;
  /** The free text after the assumption id. */
  reason: string;
  kind: SuppressionKind;
}

export type SuppressionKind = 'eslint-disable' | 'eslint-disable-line' | 'eslint-disable-next-line' | 'assume-ignore';

/** Assumption statuses. Only `active` assumptions may be relied on. */
export const assumptionStatuses = ['active', 'retired', 'violated', 'superseded'] as const;
export type AssumptionStatus = (typeof assumptionStatuses)[number];

export const checkKinds = ['test', 'monitor', 'review', 'type'] as const;
export type CheckKind = (typeof checkKinds)[number];

export const severities = ['low', 'medium', 'high', 'critical'] as const;

/** An assumption id: `A-` and a lowercase slug. */
export const ASSUMPTION_ID = /^A-[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** An assumption id inside free text. */
export const ASSUMPTION_ID_IN_TEXT = /\bA-[a-z0-9]+(?:-[a-z0-9]+)*\b/;

/** The parsed, checkable part of one assumption file. */
export interface Assumption {
  id: string;
  file: string;
  statement: string;
  status: AssumptionStatus;
  owner: string;
  checkedBy: { kind: CheckKind; ref: string }[];
  review?: { last?: string; every?: string; triggers: string[] };
  severity?: string;
  supersededBy?: string;
  /** Line of the `id` key (for reports). */
  line: number;
}
