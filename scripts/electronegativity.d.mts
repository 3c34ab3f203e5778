/** scripts/electronegativity.mjs, for the tests that use it. */
export interface Finding {
  id: string;
  severity: string;
  confidence: string;
  file: string;
  line: number;
  description: string;
}
export interface Allowance {
  id: string;
  file: string;
  reason: string;
}
export const ALLOW_LIST: string;
export function audit(dir: string): Promise<Finding[]>;
export function auditProject(): Promise<Finding[]>;
export function readAllowList(file?: string): Allowance[];
export function judge(
  issues: Finding[],
  allowList: Allowance[],
): { accepted: (Finding & { reason: string })[]; unexplained: Finding[]; lower: Finding[]; stale: Allowance[] };
