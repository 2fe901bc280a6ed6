import {
  SEAT_HOLDS_COLLECTION,
  type SeatHoldDocument,
  siteOccupancyProjection,
} from '../../../projections/site-occupancy/site-occupancy.projection';
import type { EmbeddedCollection } from '../../infrastructure/read-store/embedded/embedded-collection';
import { EmbeddedReadStore } from '../../infrastructure/read-store/embedded/embedded-read-store';
import { createIndexSql } from '../../infrastructure/read-store/embedded/table-names';
import { holdsOf } from './seat-reconciler.service';

/** Every submission asks for its enrollment's holds: that lookup must stay one index search. */
describe('the reconciler’s lookup of an enrollment’s holds', () => {
  it('searches the enrollmentId index, not the released one (which matches most holds)', async () => {
    const store = new EmbeddedReadStore({ file: ':memory:' });
    try {
      const spec = siteOccupancyProjection.collections!.find((c) => c.name === SEAT_HOLDS_COLLECTION)!;
      const holds = (await store.collection<SeatHoldDocument>(
        SEAT_HOLDS_COLLECTION,
        spec.indexes,
      )) as EmbeddedCollection<SeatHoldDocument>;
      for (let i = 0; i < 300; i++) {
        const hold = { sessionCode: '2027', siteCode: '1101', enrollmentId: `2027_c${i}`, heldAt: '', released: i > 0 };
        await holds.put(`h${i}`, hold, BigInt(i + 1));
      }
      const byEnrollment = createIndexSql(SEAT_HOLDS_COLLECTION, { fields: [['enrollmentId', 1]] });
      const indexName = /INDEX IF NOT EXISTS "([^"]+)"/.exec(byEnrollment)![1];

      expect(holds.explain({ filter: holdsOf('2027_c7') }).join('\n')).toContain(`USING INDEX ${indexName}`);
      // The sweep's pages: a range of the same index, in its order; at most the tie-break (the
      // holds of one enrollment) is sorted, never every hold of the session.
      const page = holds.explain({
        filter: { enrollmentId: { $gt: '2027_c1' } },
        sort: [['enrollmentId', 1]],
        limit: 500,
      });
      expect(page.join('\n')).toContain(`USING INDEX ${indexName}`);
      expect(page.join('\n')).not.toContain('TEMP B-TREE FOR ORDER BY');
      expect(await holds.find({ filter: holdsOf('2027_c0') })).toEqual([
        expect.objectContaining({ enrollmentId: '2027_c0', released: false }),
      ]);
    } finally {
      await store.close();
    }
  });
});
