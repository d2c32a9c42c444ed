// The only code that reads or writes offer_session at run time (the demo loader and the test
// factories insert sessions with whole offers through database/catalogue-writer.ts). Every query
// names its tenant explicitly on top of row-level security.
import { Injectable } from '@nestjs/common';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';

/** A session as stored: its capacity, how many places are booked and how many people wait for one. */
export interface OfferSession {
  id: string;
  startsAt: string;
  endsAt: string | null;
  capacity: number;
  booked: number;
  waitlisted: number;
}

/** A session as an edit gives it: with the id of an existing one (kept with its bookings), or new. */
export interface SessionUpdate {
  id: string | null;
  startsAt: Date;
  endsAt: Date | null;
  capacity: number;
}

@Injectable()
export class OfferSessionsRepository {
  constructor(private readonly db: TenantTransaction) {}

  private get tenantId(): string {
    return this.db.tenant().id;
  }

  /** The sessions of these offers (`upcoming`: those not over yet), by offer, in date order. */
  async sessionsOf(offerIds: string[], upcoming: boolean): Promise<Map<string, OfferSession[]>> {
    if (offerIds.length === 0) return new Map();
    // JSON built by PostgreSQL, so dates read as they always did in the offer's own JSON.
    const rows: { offer_id: string; sessions: OfferSession[] }[] = await this.db.manager().query(
      `SELECT s.offer_id,
              json_agg(json_build_object('id', s.id, 'startsAt', s.starts_at, 'endsAt', s.ends_at,
                                         'capacity', s.capacity, 'booked', s.booked, 'waitlisted', s.waitlisted)
                       ORDER BY s.starts_at, s.id) AS sessions
         FROM offer_session s
        WHERE s.tenant_id = $1 AND s.offer_id = ANY($2::uuid[])
          ${upcoming ? 'AND coalesce(s.ends_at, s.starts_at) >= now()' : ''}
        GROUP BY s.offer_id`,
      [this.tenantId, offerIds],
    );
    return new Map(rows.map((r) => [r.offer_id, r.sessions]));
  }

  /**
   * The offer's sessions with their bookings, locked: no booking may slip between a check and a
   * change. `registered`: a registration (in any state) names the session, which then cannot be
   * deleted (its foreign key). Read by a second statement, once the locks are held, so that it sees
   * a registration committed while this one waited for them (a new registration's foreign key
   * check waits for the lock in turn).
   */
  async lockForOffer(offerId: string): Promise<{ id: string; booked: number; registered: boolean }[]> {
    const sessions: { id: string; booked: number }[] = await this.db
      .manager()
      .query(`SELECT id, booked FROM offer_session WHERE tenant_id = $1 AND offer_id = $2 FOR UPDATE`, [
        this.tenantId,
        offerId,
      ]);
    if (sessions.length === 0) return [];
    // The registrations module's table, read only.
    const registered: { session_id: string }[] = await this.db
      .manager()
      .query(`SELECT DISTINCT session_id FROM registration WHERE tenant_id = $1 AND session_id = ANY($2::uuid[])`, [
        this.tenantId,
        sessions.map((s) => s.id),
      ]);
    const ids = new Set(registered.map((r) => r.session_id));
    return sessions.map((s) => ({ ...s, registered: ids.has(s.id) }));
  }

  async remove(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .manager()
      .query(`DELETE FROM offer_session WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [this.tenantId, ids]);
  }

  async update(s: SessionUpdate & { id: string }): Promise<void> {
    await this.db
      .manager()
      .query(`UPDATE offer_session SET starts_at = $3, ends_at = $4, capacity = $5 WHERE tenant_id = $1 AND id = $2`, [
        this.tenantId,
        s.id,
        s.startsAt,
        s.endsAt,
        s.capacity,
      ]);
  }

  /** New sessions (none booked yet); a given id is kept, a missing one generated. */
  async insert(offerId: string, sessions: SessionUpdate[]): Promise<void> {
    if (sessions.length === 0) return;
    await this.db.manager().query(
      `INSERT INTO offer_session (id, tenant_id, offer_id, starts_at, ends_at, capacity)
       SELECT coalesce(t.id, gen_random_uuid()), $1, $2, t.starts_at, t.ends_at, t.capacity
         FROM unnest($3::uuid[], $4::timestamptz[], $5::timestamptz[], $6::int[]) AS t(id, starts_at, ends_at, capacity)`,
      [
        this.tenantId,
        offerId,
        sessions.map((s) => s.id),
        sessions.map((s) => s.startsAt),
        sessions.map((s) => s.endsAt),
        sessions.map((s) => s.capacity),
      ],
    );
  }

  // ---- Seats (registrations) --------------------------------------------------------------

  /**
   * One session of the offer with its seat counters, row-locked until the end of the transaction:
   * every change of its seats or its wait list goes through this lock (callers lock the offer first).
   */
  async lockSeats(offerId: string, sessionId: string): Promise<SessionSeats | undefined> {
    const rows: SessionSeats[] = await this.db.manager().query(
      `SELECT id, offer_id AS "offerId", starts_at AS "startsAt", ends_at AS "endsAt", capacity, booked, waitlisted
         FROM offer_session WHERE tenant_id = $1 AND offer_id = $2 AND id = $3 FOR UPDATE`,
      [this.tenantId, offerId, sessionId],
    );
    return rows[0];
  }

  /** Moves the counters of a session locked by lockSeats; the CHECKs (booked <= capacity, >= 0) are the last guard. */
  async moveSeats(sessionId: string, booked: number, waitlisted: number): Promise<void> {
    if (booked === 0 && waitlisted === 0) return;
    await this.db
      .manager()
      .query(
        `UPDATE offer_session SET booked = booked + $3, waitlisted = waitlisted + $4 WHERE tenant_id = $1 AND id = $2`,
        [this.tenantId, sessionId, booked, waitlisted],
      );
  }

  async setCapacity(sessionId: string, capacity: number): Promise<void> {
    await this.db
      .manager()
      .query(`UPDATE offer_session SET capacity = $3 WHERE tenant_id = $1 AND id = $2`, [
        this.tenantId,
        sessionId,
        capacity,
      ]);
  }
}

/** A session's seats, as registrations book them. */
export interface SessionSeats {
  id: string;
  offerId: string;
  startsAt: Date;
  endsAt: Date | null;
  capacity: number;
  booked: number;
  waitlisted: number;
}
