import type { Migration } from './index';

/** Number 11 belongs to another branch (revocation); this no-op keeps the list contiguous until it is merged. Drop it then. */
export const migration011: Migration = { version: 11, name: '011-reserved', up() {} };
