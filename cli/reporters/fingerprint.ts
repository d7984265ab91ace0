import { createHash } from 'node:crypto';
import type { AnalyzedFinding } from '../../analyzer/analyze.js';

/**
 * Stable identities for findings that survive line shifts: rule, file, the finding's source line with
 * white space folded, and the occurrence number among identical ones in the file. Reformatting inside the
 * line or moving code changes nothing; a second identical finding gets its own identity.
 */
export function fingerprints(findings: readonly AnalyzedFinding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const base = `${f.ruleId}\0${f.file}\0${f.messageId}\0${f.snippet.replace(/\s+/g, '')}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return createHash('sha256').update(`${base}\0${n}`).digest('hex').slice(0, 32);
  });
}
