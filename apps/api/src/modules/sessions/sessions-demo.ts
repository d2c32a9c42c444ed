// The demo's one write to the sessions' seat counters (`npm start`, never in production): the demo
// writes its registrations outside the running app (registrations-demo.ts), then sets the counters
// of the sessions it filled to what those rows hold, in the same transaction. At run time the
// counters move only under the session's row lock (SessionsService.moveSeats).
import type { Queryable } from '../../database/catalogue-writer.js';

/** Sets the seats taken and the wait-list length of these sessions (the CHECKs still apply). */
export async function setSeatCounters(
  db: Queryable,
  tenantId: string,
  counters: { id: string; booked: number; waitlisted: number }[],
): Promise<void> {
  if (counters.length === 0) return;
  await db.query(
    `UPDATE offer_session s SET booked = t.booked, waitlisted = t.waitlisted
       FROM unnest($2::uuid[], $3::int[], $4::int[]) AS t(id, booked, waitlisted)
      WHERE s.tenant_id = $1 AND s.id = t.id AND (s.booked, s.waitlisted) IS DISTINCT FROM (t.booked, t.waitlisted)`,
    [tenantId, counters.map((c) => c.id), counters.map((c) => c.booked), counters.map((c) => c.waitlisted)],
  );
}
