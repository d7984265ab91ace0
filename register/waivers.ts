/**
 * Applying waivers (suppressions that cite an assumption) to code findings: which findings they hide,
 * and which waivers hide nothing (`suppression/unused`). Pure; the code findings come from the analyzer.
 */
import type { RegisterFinding, Waiver } from './types.js';

/** The part of a code finding waivers look at. `ruleId` with or without the `assume/` prefix. */
export interface WaivableFinding {
  ruleId: string;
  file: string;
  line: number;
}

export interface WaiverOutcome<F extends WaivableFinding> {
  /** Findings no waiver covers: reported. */
  kept: F[];
  /** Findings a waiver covers: hidden from the findings, listed with their waiver. */
  hidden: { finding: F; waiver: Waiver }[];
  /** `suppression/unused` for each waiver in an analyzed file that hid nothing. */
  unused: RegisterFinding[];
}

function qualified(ruleId: string, prefix: string): string {
  return ruleId.includes('/') ? ruleId : `${prefix}${ruleId}`;
}

function covers(waiver: Waiver, finding: WaivableFinding, prefix: string): boolean {
  if (waiver.file !== finding.file) return false;
  const [first, last] = waiver.appliesTo;
  if (finding.line < first || (last !== null && finding.line > last)) return false;
  return waiver.rules.includes('*') || waiver.rules.includes(qualified(finding.ruleId, prefix));
}

/**
 * Splits `findings` into kept and hidden, and reports the waivers of `analyzedFiles` that hid nothing.
 * A waiver in a file that was not analyzed is never "unused": nobody looked.
 */
export function applyWaivers<F extends WaivableFinding>(
  findings: readonly F[],
  waivers: readonly Waiver[],
  analyzedFiles: ReadonlySet<string>,
  prefix = 'assume/',
): WaiverOutcome<F> {
  const byFile = new Map<string, Waiver[]>();
  for (const w of waivers) byFile.set(w.file, [...(byFile.get(w.file) ?? []), w]);
  const used = new Set<Waiver>();
  const kept: F[] = [];
  const hidden: { finding: F; waiver: Waiver }[] = [];
  for (const finding of findings) {
    const waiver = byFile.get(finding.file)?.find((w) => covers(w, finding, prefix));
    if (waiver) {
      used.add(waiver);
      hidden.push({ finding, waiver });
    } else {
      kept.push(finding);
    }
  }
  const unused: RegisterFinding[] = waivers
    .filter((w) => !used.has(w) && analyzedFiles.has(w.file))
    .map((w) => ({
      ruleId: 'suppression/unused',
      severity: 'warning',
      message: `This ${w.kind} of ${w.rules.join(', ')} (citing ${w.assumption}) silences no finding: remove it, or it will hide a future one unseen.`,
      file: w.file,
      line: w.line,
      column: 1,
    }));
  return { kept, hidden, unused };
}
