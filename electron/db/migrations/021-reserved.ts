import type { Migration } from './index';

/** Reserved for another branch's migration 021 (this branch uses 022); replaced when they merge. */
export const migration021: Migration = { version: 21, name: '021-reserved', up() {} };
