/** The Chromium the e2e tests and the benchmark drive, or null to let Playwright choose. */
export function chromiumPath(): string | null;
