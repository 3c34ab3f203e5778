/** What scripts/ci-signing.mjs sets for electron-builder, the files it writes, and what it skipped and why. */
export function signingPlan(
  platform: string,
  env: Record<string, string | undefined>,
  tempDir: string,
): { set: Record<string, string>; files: { path: string; content: string }[]; skipped: string[] };
