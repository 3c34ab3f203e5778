import type { Migration } from './index';

/** Reserved for another branch's migration 011 (this branch uses 014); replaced when they merge. */
export const migration011: Migration = { version: 11, name: '011-reserved', up() {} };
