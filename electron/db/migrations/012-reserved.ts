import type { Migration } from './index';

/** Reserved for another branch's migration 012 (this branch uses 014); replaced when they merge. */
export const migration012: Migration = { version: 12, name: '012-reserved', up() {} };
