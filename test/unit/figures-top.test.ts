/** The figures' top 10 (partners) picked in one pass must be exactly a stable sort's first 10. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstOf } from '../../electron/services/figures';

describe('firstOf', () => {
  it('gives what a stable sort then slice gives, ties in their first order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ total: fc.integer({ min: 0, max: 4 }), name: fc.constantFrom('An', 'Bình', 'Ánh', 'Chi', 'an') }), { maxLength: 60 }),
        fc.integer({ min: 0, max: 12 }),
        (items, count) => {
          const collator = new Intl.Collator('vi');
          const compare = (a: (typeof items)[number], b: (typeof items)[number]) => b.total - a.total || collator.compare(a.name, b.name);
          expect(firstOf(items, count, compare)).toEqual([...items].sort(compare).slice(0, count));
        },
      ),
    );
  });
});
