// Sessions of an offer and their capacity: what the offers module shows and edits, and what
// registrations will book. Callers (the offers module) check access to the offer first.
import { Injectable } from '@nestjs/common';
import {
  OfferSessionsRepository,
  type OfferSession,
  type SessionSeats,
  type SessionUpdate,
} from './sessions.repository.js';

export type { OfferSession, SessionSeats, SessionUpdate };

/** An edit would drop a session someone booked or registered to, or shrink it below its bookings. */
export class SessionInUseError extends Error {
  constructor(
    readonly reason: 'booked_session_removed' | 'capacity_below_booked',
    readonly sessionId: string,
    /** Position of the session in the edit (capacity_below_booked). */
    readonly index: number | null,
  ) {
    super(`${reason}: ${sessionId}`);
  }
}

@Injectable()
export class SessionsService {
  constructor(private readonly sessions: OfferSessionsRepository) {}

  /** Every session of these offers (`upcoming`: only those not over yet), by offer id. */
  sessionsOf(offerIds: string[], { upcoming = false } = {}): Promise<Map<string, OfferSession[]>> {
    return this.sessions.sessionsOf(offerIds, upcoming);
  }

  /**
   * Sets an offer's sessions, matched by id so their bookings stay: given ids are updated (a given
   * id that does not exist yet is created with it), new ones inserted, missing ones deleted, but
   * never a booked one nor one with registrations, whatever their state (SessionInUseError, as for
   * a capacity below the bookings).
   */
  async replaceForOffer(offerId: string, sessions: SessionUpdate[]): Promise<void> {
    const existing = await this.sessions.lockForOffer(offerId);
    const booked = new Map(existing.map((s) => [s.id, s.booked]));
    const kept = new Set(sessions.flatMap((s) => (s.id ? [s.id] : [])));
    const removed = existing.filter((s) => !kept.has(s.id));
    const inUse = removed.find((s) => s.booked > 0 || s.registered);
    if (inUse) throw new SessionInUseError('booked_session_removed', inUse.id, null);
    sessions.forEach((s, i) => {
      if (s.id && (booked.get(s.id) ?? 0) > s.capacity) throw new SessionInUseError('capacity_below_booked', s.id, i);
    });
    await this.sessions.remove(removed.map((s) => s.id));
    for (const s of sessions) if (s.id && booked.has(s.id)) await this.sessions.update({ ...s, id: s.id });
    await this.sessions.insert(
      offerId,
      sessions.filter((s) => !s.id || !booked.has(s.id)),
    );
  }

  // ---- Seats (the registrations module books them) ----------------------------------------

  /** The session of this offer, locked with its seat counters until the transaction ends (undefined if none). */
  lockSeats(offerId: string, sessionId: string): Promise<SessionSeats | undefined> {
    return this.sessions.lockSeats(offerId, sessionId);
  }

  /** Moves the booked and wait-list counters of a session locked by lockSeats. */
  moveSeats(sessionId: string, booked: number, waitlisted: number): Promise<void> {
    return this.sessions.moveSeats(sessionId, booked, waitlisted);
  }

  /** A new capacity for a session locked by lockSeats (never below its bookings: the CHECK refuses it). */
  setCapacity(sessionId: string, capacity: number): Promise<void> {
    return this.sessions.setCapacity(sessionId, capacity);
  }
}
