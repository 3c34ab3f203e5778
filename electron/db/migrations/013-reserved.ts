import type { Migration } from './index';

/** Reserved for another branch's migration 013 (this branch uses 014); replaced when they merge. */
export const migration013: Migration = { version: 13, name: '013-reserved', up() {} };
