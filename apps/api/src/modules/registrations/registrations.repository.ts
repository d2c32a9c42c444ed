// The only code that writes registrations, their people and their history at run time. Every
// query names its tenant explicitly on top of row-level security.
import { Injectable } from '@nestjs/common';
import type {
  AgeBand,
  AttendanceValue,
  ConsentMethod,
  PersonSituation,
  RefusalReason,
  RegistrationActorKind,
  RegistrationChannel,
  RegistrationNotificationKind,
  RegistrationOutcome,
  RegistrationStatus,
  SeatAllocation,
  Sex,
} from '@catalogue/contracts';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';

/** An offer as a registration needs it. */
export interface OfferForRegistration {
  id: string;
  title: string;
  status: string;
  access: 'prescription' | 'self_registration' | 'open';
  seat_allocation: SeatAllocation;
  cancellation_cutoff_hours: number;
  organization_id: string;
  organization_name: string;
}

export interface PersonFields {
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  phoneKey: string | null;
  communeInsee: string | null;
  situation: PersonSituation | null;
  ageBand: AgeBand | null;
  sex: Sex | null;
}

/** A registration row with what its views and decisions need (joined in one query). */
export interface RegistrationRow {
  id: string;
  offer_id: string;
  session_id: string | null;
  person_id: string;
  channel: RegistrationChannel;
  referent_id: string | null;
  status: RegistrationStatus;
  waitlisted_at: Date | null;
  message: string | null;
  consent_how: ConsentMethod | null;
  consent_by: string | null;
  consent_by_name: string | null;
  consent_at: Date | null;
  refusal_reason: RefusalReason | null;
  refusal_message: string | null;
  cancelled_by: RegistrationActorKind | null;
  excused: boolean;
  attendance: AttendanceValue | null;
  outcome: RegistrationOutcome | null;
  decided_at: Date | null;
  created_at: Date;
  updated_at: Date;
  offer_title: string;
  offer_access: OfferForRegistration['access'];
  seat_allocation: SeatAllocation;
  cancellation_cutoff_hours: number;
  organization_id: string;
  organization_name: string;
  session_starts_at: Date | null;
  session_ends_at: Date | null;
  session_capacity: number | null;
  session_booked: number | null;
  session_waitlisted: number | null;
  person_user_id: string | null;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  commune_insee: string | null;
  commune_name: string | null;
  situation: PersonSituation | null;
  age_band: AgeBand | null;
  sex: Sex | null;
  referent_name: string | null;
  referent_email: string | null;
  referent_organization_name: string | null;
  waitlist_position: number | null;
}

const ITEM_SELECT = `
  SELECT r.id, r.offer_id, r.session_id, r.person_id, r.channel, r.referent_id, r.status, r.waitlisted_at, r.message,
         r.consent_how, r.consent_by, cu.name AS consent_by_name, r.consent_at, r.refusal_reason, r.refusal_message,
         r.cancelled_by, r.excused, r.attendance, r.outcome, r.decided_at, r.created_at, r.updated_at,
         o.title AS offer_title, o.access AS offer_access, o.seat_allocation, o.cancellation_cutoff_hours,
         o.organization_id, org.name AS organization_name,
         s.starts_at AS session_starts_at, s.ends_at AS session_ends_at, s.capacity AS session_capacity,
         s.booked AS session_booked, s.waitlisted AS session_waitlisted,
         p.user_id AS person_user_id, p.first_name, p.last_name, p.email, p.phone, p.commune_insee,
         c.name AS commune_name, p.situation, p.age_band, p.sex,
         ru.name AS referent_name, ru.email AS referent_email, rorg.name AS referent_organization_name,
         CASE WHEN r.status = 'waitlisted' THEN (
           SELECT count(*)::int FROM registration w
            WHERE w.tenant_id = r.tenant_id AND w.session_id = r.session_id AND w.status = 'waitlisted'
              AND (w.waitlisted_at, w.id) <= (r.waitlisted_at, r.id)) END AS waitlist_position
    FROM registration r
    JOIN registration_person p ON p.tenant_id = r.tenant_id AND p.id = r.person_id
    JOIN offer o ON o.tenant_id = r.tenant_id AND o.id = r.offer_id
    JOIN organization org ON org.tenant_id = r.tenant_id AND org.id = o.organization_id
    LEFT JOIN offer_session s ON s.tenant_id = r.tenant_id AND s.id = r.session_id
    LEFT JOIN commune c ON c.insee = p.commune_insee
    LEFT JOIN app_user ru ON ru.id = r.referent_id
    LEFT JOIN app_user cu ON cu.id = r.consent_by
    LEFT JOIN organization rorg ON rorg.tenant_id = r.tenant_id AND rorg.id = r.referent_organization_id`;

export interface RegistrationFilter {
  view: 'mine' | 'prescribed' | 'inbox';
  userId: string;
  /** inbox: the structures whose registrations the reader handles. */
  organizationIds: string[];
  statuses: RegistrationStatus[];
  offerId: string | null;
  sessionId: string | null;
  q: string | null;
  limit: number;
  offset: number;
}

export interface NewRegistration {
  offerId: string;
  sessionId: string | null;
  personId: string;
  channel: RegistrationChannel;
  referentId: string | null;
  referentOrganizationId: string | null;
  status: RegistrationStatus;
  message: string | null;
  consent: { how: ConsentMethod; by: string } | null;
  /** The structure decided at once (decided_at: the time to decision the statistics report). */
  decided: boolean;
}

/** What a transition changes on the row (only the given fields). */
export interface RegistrationChange {
  status: RegistrationStatus;
  waitlisted?: boolean;
  refusalReason?: RefusalReason | null;
  refusalMessage?: string | null;
  cancelledBy?: RegistrationActorKind | null;
  excused?: boolean;
  attendance?: AttendanceValue | null;
  outcome?: RegistrationOutcome | null;
  promoted?: boolean;
  decided?: boolean;
}

@Injectable()
export class RegistrationsRepository {
  constructor(private readonly db: TenantTransaction) {}

  private get tenantId(): string {
    return this.db.tenant().id;
  }

  private q<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.db.manager().query(sql, params) as Promise<T[]>;
  }

  /**
   * Bounds how long this transaction waits for a row lock (a crowd on one session): past it the
   * request fails with nothing done (55P03), instead of waiting until the client gives up.
   */
  async boundLockWait(ms: number): Promise<void> {
    await this.q(`SELECT set_config('lock_timeout', $1, true)`, [`${ms}ms`]);
  }

  /** The offer, locked against edits for the transaction when `lock` (offer first, then its session). */
  async offer(offerId: string, lock: boolean): Promise<OfferForRegistration | undefined> {
    const rows = await this.q<OfferForRegistration>(
      `SELECT o.id, o.title, o.status, o.access, o.seat_allocation, o.cancellation_cutoff_hours, o.organization_id,
              org.name AS organization_name
         FROM offer o JOIN organization org ON org.tenant_id = o.tenant_id AND org.id = o.organization_id
        WHERE o.tenant_id = $1 AND o.id = $2
        ${lock ? 'FOR NO KEY UPDATE OF o' : ''}`,
      [this.tenantId, offerId],
    );
    return rows[0];
  }

  /** The offer's sessions: how many in all, and whether `sessionId` is one of them. */
  async sessionsOf(offerId: string): Promise<{ id: string; starts_at: Date }[]> {
    return this.q(`SELECT id, starts_at FROM offer_session WHERE tenant_id = $1 AND offer_id = $2`, [
      this.tenantId,
      offerId,
    ]);
  }

  /** A commune of the tenant's département, with its name. */
  async commune(insee: string, departement: string): Promise<{ insee: string; name: string } | undefined> {
    const rows = await this.q<{ insee: string; name: string }>(
      `SELECT insee, name FROM commune WHERE insee = $1 AND departement = $2`,
      [insee, departement],
    );
    return rows[0];
  }

  /** The account with this address, if any (a prescription is linked to it). */
  async userIdByEmail(email: string): Promise<string | null> {
    const rows = await this.q<{ id: string }>(`SELECT id FROM app_user WHERE email = $1`, [email]);
    return rows[0]?.id ?? null;
  }

  async personOfUser(userId: string): Promise<{ id: string } | undefined> {
    const rows = await this.q<{ id: string }>(
      `SELECT id FROM registration_person WHERE tenant_id = $1 AND user_id = $2`,
      [this.tenantId, userId],
    );
    return rows[0];
  }

  /**
   * A person already known here (not anonymised), oldest first: by the same email, or by the same
   * mobile and the same name (a phone is often shared: a family's, a structure's).
   */
  async personByContact(
    email: string | null,
    phoneKey: string | null,
    name: { firstName: string; lastName: string },
  ): Promise<{ id: string } | undefined> {
    const rows = await this.q<{ id: string }>(
      `SELECT id FROM registration_person
        WHERE tenant_id = $1 AND anonymised_at IS NULL
          AND (($2::text IS NOT NULL AND email = $2)
            OR ($3::text IS NOT NULL AND phone_key = $3
                AND unaccent(lower(first_name)) = unaccent(lower($4)) AND unaccent(lower(last_name)) = unaccent(lower($5))))
        ORDER BY (email = $2) DESC NULLS LAST, created_at LIMIT 1`,
      [this.tenantId, email, phoneKey, name.firstName, name.lastName],
    );
    return rows[0];
  }

  /**
   * A person for this account in this tenant, made once even when two requests race (the unique
   * index on (tenant, user) decides; the loser reads the winner's row). Takes no row lock: the
   * person's row is only written under the registration's locks, at the end.
   */
  async ensurePersonOfUser(userId: string, p: PersonFields): Promise<string> {
    const made = await this.q<{ id: string }>(
      `INSERT INTO registration_person (tenant_id, user_id, first_name, last_name, email, created_by)
       VALUES ($1, $2, $3, $4, $5, $2)
       ON CONFLICT (tenant_id, user_id) WHERE user_id IS NOT NULL DO NOTHING
       RETURNING id`,
      [this.tenantId, userId, p.firstName, p.lastName, p.email],
    );
    return made[0]?.id ?? (await this.personOfUser(userId))!.id;
  }

  async insertPerson(p: PersonFields, userId: string | null, createdBy: string): Promise<string> {
    const rows = await this.q<{ id: string }>(
      `INSERT INTO registration_person (tenant_id, user_id, first_name, last_name, email, phone, phone_key, commune_insee,
                                        situation, age_band, sex, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [
        this.tenantId,
        userId,
        p.firstName,
        p.lastName,
        p.email,
        p.phone,
        p.phoneKey,
        p.communeInsee,
        p.situation,
        p.ageBand,
        p.sex,
        createdBy,
      ],
    );
    return rows[0]!.id;
  }

  /**
   * A referent's newer information about a known person: contact, commune and statistics (names
   * stay as first recorded; an account, once linked, stays linked).
   */
  async updatePerson(id: string, p: PersonFields, userId: string | null): Promise<void> {
    await this.q(
      `UPDATE registration_person
          SET first_name = coalesce(nullif(first_name, ''), $3), last_name = coalesce(nullif(last_name, ''), $4),
              email = coalesce($5, email), phone = coalesce($6, phone),
              phone_key = coalesce($7, phone_key), commune_insee = $8, situation = $9, age_band = $10, sex = $11,
              user_id = coalesce(user_id, $12), last_activity_at = now()
        WHERE tenant_id = $1 AND id = $2`,
      [
        this.tenantId,
        id,
        p.firstName,
        p.lastName,
        p.email,
        p.phone,
        p.phoneKey,
        p.communeInsee,
        p.situation,
        p.ageBand,
        p.sex,
        userId,
      ],
    );
  }

  async touchPerson(id: string): Promise<void> {
    await this.q(`UPDATE registration_person SET last_activity_at = now() WHERE tenant_id = $1 AND id = $2`, [
      this.tenantId,
      id,
    ]);
  }

  /**
   * The person's active registrations to this offer: the one to this session (or to the offer
   * itself, without session), if any, and whether they hold another one (a warning, not a block).
   */
  async activeOn(
    personId: string,
    offerId: string,
    sessionId: string | null,
  ): Promise<{ existing: { id: string; status: RegistrationStatus } | undefined; other: boolean }> {
    const rows = await this.q<{ id: string; status: RegistrationStatus; same: boolean }>(
      `SELECT id, status, session_id IS NOT DISTINCT FROM $4::uuid AS same FROM registration
        WHERE tenant_id = $1 AND person_id = $2 AND offer_id = $3 AND status IN ('pending', 'accepted', 'waitlisted')`,
      [this.tenantId, personId, offerId, sessionId],
    );
    const same = rows.find((r) => r.same);
    return { existing: same && { id: same.id, status: same.status }, other: rows.some((r) => !r.same) };
  }

  /** The registrations of these people still waiting or holding a seat. */
  async activeOfPeople(personIds: string[]): Promise<string[]> {
    if (personIds.length === 0) return [];
    const rows = await this.q<{ id: string }>(
      `SELECT id FROM registration WHERE tenant_id = $1 AND person_id = ANY($2::uuid[])
          AND status IN ('pending', 'accepted', 'waitlisted') ORDER BY created_at`,
      [this.tenantId, personIds],
    );
    return rows.map((r) => r.id);
  }

  /** A new registration and the first line of its history, in one statement. */
  async insert(
    r: NewRegistration,
    event: { actorId: string; actorKind: RegistrationActorKind; event: string; detail: string | null },
  ): Promise<string> {
    const rows = await this.q<{ id: string }>(
      `WITH made AS (
         INSERT INTO registration (tenant_id, offer_id, session_id, person_id, channel, referent_id, referent_organization_id,
                                   status, waitlisted_at, message, consent_how, consent_by, consent_at, decided_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $8 = 'waitlisted' THEN clock_timestamp() END, $9, $10, $11,
                 CASE WHEN $10::text IS NOT NULL THEN now() END, CASE WHEN $12 THEN clock_timestamp() END)
         RETURNING id, tenant_id, status),
       logged AS (
         INSERT INTO registration_event (tenant_id, registration_id, actor_id, actor_kind, event, from_status, to_status, detail)
         SELECT tenant_id, id, $13, $14, $15, NULL, status, $16 FROM made)
       SELECT id FROM made`,
      [
        this.tenantId,
        r.offerId,
        r.sessionId,
        r.personId,
        r.channel,
        r.referentId,
        r.referentOrganizationId,
        r.status,
        r.message,
        r.consent?.how ?? null,
        r.consent?.by ?? null,
        r.decided,
        event.actorId,
        event.actorKind,
        event.event,
        event.detail,
      ],
    );
    return rows[0]!.id;
  }

  async update(id: string, c: RegistrationChange): Promise<void> {
    const sets: string[] = ['status = $3', 'updated_at = clock_timestamp()'];
    const params: unknown[] = [this.tenantId, id, c.status];
    const set = (column: string, value: unknown) => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    if (c.waitlisted !== undefined) sets.push(`waitlisted_at = ${c.waitlisted ? 'clock_timestamp()' : 'NULL'}`);
    if (c.refusalReason !== undefined) set('refusal_reason', c.refusalReason);
    if (c.refusalMessage !== undefined) set('refusal_message', c.refusalMessage);
    if (c.cancelledBy !== undefined) set('cancelled_by', c.cancelledBy);
    if (c.excused !== undefined) set('excused', c.excused);
    if (c.attendance !== undefined) set('attendance', c.attendance);
    if (c.outcome !== undefined) set('outcome', c.outcome);
    if (c.promoted) sets.push('promoted = true');
    if (c.decided) sets.push('decided_at = coalesce(decided_at, clock_timestamp())');
    await this.q(`UPDATE registration SET ${sets.join(', ')} WHERE tenant_id = $1 AND id = $2`, params);
  }

  async addEvent(e: {
    registrationId: string;
    actorId: string | null;
    actorKind: RegistrationActorKind;
    event: string;
    from: RegistrationStatus | null;
    to: RegistrationStatus;
    detail: string | null;
  }): Promise<void> {
    await this.q(
      `INSERT INTO registration_event (tenant_id, registration_id, actor_id, actor_kind, event, from_status, to_status, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [this.tenantId, e.registrationId, e.actorId, e.actorKind, e.event, e.from, e.to, e.detail],
    );
  }

  /** One registration with everything its views need; `lock` locks the registration's row. */
  async load(id: string, lock = false): Promise<RegistrationRow | undefined> {
    const rows = await this.q<RegistrationRow>(
      `${ITEM_SELECT} WHERE r.tenant_id = $1 AND r.id = $2 ${lock ? 'FOR UPDATE OF r' : ''}`,
      [this.tenantId, id],
    );
    return rows[0];
  }

  /** The first in line on a locked session's wait list (strict order of arrival on it). */
  async firstWaiting(sessionId: string): Promise<string | undefined> {
    const rows = await this.q<{ id: string }>(
      `SELECT id FROM registration WHERE tenant_id = $1 AND session_id = $2 AND status = 'waitlisted'
        ORDER BY waitlisted_at, id LIMIT 1 FOR UPDATE`,
      [this.tenantId, sessionId],
    );
    return rows[0]?.id;
  }

  async list(f: RegistrationFilter): Promise<{ total: number; rows: RegistrationRow[] }> {
    const params: unknown[] = [this.tenantId];
    const where: string[] = ['r.tenant_id = $1'];
    const add = (sql: (n: number) => string, value: unknown) => {
      params.push(value);
      where.push(sql(params.length));
    };
    if (f.view === 'mine') add((n) => `p.user_id = $${n}`, f.userId);
    else if (f.view === 'prescribed') add((n) => `r.referent_id = $${n}`, f.userId);
    else add((n) => `o.organization_id = ANY($${n}::uuid[])`, f.organizationIds);
    if (f.statuses.length) add((n) => `r.status = ANY($${n}::text[])`, f.statuses);
    if (f.offerId) add((n) => `r.offer_id = $${n}`, f.offerId);
    if (f.sessionId) add((n) => `r.session_id = $${n}`, f.sessionId);
    if (f.q)
      add(
        (n) => `unaccent(lower(p.first_name || ' ' || p.last_name)) LIKE '%' || unaccent(lower($${n})) || '%'`,
        f.q.replace(/[\\%_]/g, (c) => `\\${c}`),
      );
    const order =
      f.view === 'inbox'
        ? `(r.status = 'pending') DESC, s.starts_at NULLS LAST, (r.status = 'waitlisted'), r.waitlisted_at, r.created_at, r.id`
        : `r.created_at DESC, r.id`;
    const count = await this.q<{ n: number }>(
      `SELECT count(*)::int AS n FROM registration r
         JOIN registration_person p ON p.tenant_id = r.tenant_id AND p.id = r.person_id
         JOIN offer o ON o.tenant_id = r.tenant_id AND o.id = r.offer_id
        WHERE ${where.join(' AND ')}`,
      params,
    );
    const rows = await this.q<RegistrationRow>(
      `${ITEM_SELECT} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${f.limit} OFFSET ${f.offset}`,
      params,
    );
    return { total: count[0]!.n, rows };
  }

  async history(id: string): Promise<
    {
      at: Date;
      event: string;
      from_status: RegistrationStatus | null;
      to_status: RegistrationStatus;
      actor_kind: RegistrationActorKind;
      actor_id: string | null;
      actor_name: string | null;
      detail: string | null;
    }[]
  > {
    return this.q(
      `SELECT e.at, e.event, e.from_status, e.to_status, e.actor_kind, e.actor_id, u.name AS actor_name, e.detail
         FROM registration_event e LEFT JOIN app_user u ON u.id = e.actor_id
        WHERE e.tenant_id = $1 AND e.registration_id = $2 ORDER BY e.at, e.id`,
      [this.tenantId, id],
    );
  }

  /** The active members of a structure who want this kind of email, with their addresses. */
  async structureRecipients(
    organizationId: string,
    kind: RegistrationNotificationKind,
  ): Promise<{ id: string; email: string; name: string }[]> {
    return this.q(
      `SELECT DISTINCT u.id, u.email, u.name
         FROM membership m JOIN app_user u ON u.id = m.user_id
        WHERE m.tenant_id = $1 AND m.organization_id = $2 AND m.status = 'active'
          AND m.role IN ('structure_admin', 'structure_member')
          AND NOT EXISTS (SELECT 1 FROM registration_notification_opt_out x
                           WHERE x.tenant_id = m.tenant_id AND x.user_id = m.user_id
                             AND x.organization_id = m.organization_id AND x.kind = $3)`,
      [this.tenantId, organizationId, kind],
    );
  }

  async optOuts(userId: string, organizationId: string): Promise<RegistrationNotificationKind[]> {
    const rows = await this.q<{ kind: RegistrationNotificationKind }>(
      `SELECT kind FROM registration_notification_opt_out WHERE tenant_id = $1 AND user_id = $2 AND organization_id = $3`,
      [this.tenantId, userId, organizationId],
    );
    return rows.map((r) => r.kind);
  }

  async setOptOuts(userId: string, organizationId: string, kinds: RegistrationNotificationKind[]): Promise<void> {
    await this.q(
      `DELETE FROM registration_notification_opt_out WHERE tenant_id = $1 AND user_id = $2 AND organization_id = $3`,
      [this.tenantId, userId, organizationId],
    );
    await this.q(
      `INSERT INTO registration_notification_opt_out (tenant_id, user_id, organization_id, kind)
       SELECT $1, $2, $3, unnest($4::text[])`,
      [this.tenantId, userId, organizationId, kinds],
    );
  }

  /** The département's aggregate counts (no person). */
  async stats(): Promise<{
    byStatus: { status: RegistrationStatus; n: number }[];
    byChannel: { channel: RegistrationChannel; n: number }[];
    promoted: number;
    noShows: number;
    medianHours: number | null;
    sessions: {
      id: string;
      offer_id: string;
      offer_title: string;
      starts_at: Date;
      capacity: number;
      booked: number;
      waitlisted: number;
    }[];
  }> {
    const t = [this.tenantId];
    const byStatus = await this.q<{ status: RegistrationStatus; n: number }>(
      `SELECT status, count(*)::int AS n FROM registration WHERE tenant_id = $1 GROUP BY status`,
      t,
    );
    const byChannel = await this.q<{ channel: RegistrationChannel; n: number }>(
      `SELECT channel, count(*)::int AS n FROM registration WHERE tenant_id = $1 GROUP BY channel`,
      t,
    );
    const [agg] = await this.q<{ promoted: number; no_shows: number; median_hours: number | null }>(
      `SELECT count(*) FILTER (WHERE promoted)::int AS promoted,
              count(*) FILTER (WHERE status = 'absent' AND NOT excused)::int AS no_shows,
              (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - created_at))
                 FILTER (WHERE decided_at IS NOT NULL)) / 3600 AS median_hours
         FROM registration WHERE tenant_id = $1`,
      t,
    );
    const sessions = await this.q<{
      id: string;
      offer_id: string;
      offer_title: string;
      starts_at: Date;
      capacity: number;
      booked: number;
      waitlisted: number;
    }>(
      `SELECT s.id, s.offer_id, o.title AS offer_title, s.starts_at, s.capacity, s.booked, s.waitlisted
         FROM offer_session s JOIN offer o ON o.tenant_id = s.tenant_id AND o.id = s.offer_id
        WHERE s.tenant_id = $1 AND o.status = 'published'
          AND s.starts_at BETWEEN now() - interval '90 days' AND now() + interval '90 days'
          AND (s.booked > 0 OR s.waitlisted > 0)
        ORDER BY s.booked::float / s.capacity DESC, s.waitlisted DESC, s.starts_at LIMIT 50`,
      t,
    );
    return {
      byStatus,
      byChannel,
      promoted: agg?.promoted ?? 0,
      noShows: agg?.no_shows ?? 0,
      medianHours: agg?.median_hours === null || agg?.median_hours === undefined ? null : Number(agg.median_hours),
      sessions,
    };
  }

  // ---- Jobs (reminders and expiry) ---------------------------------------------------------

  /** What has to expire: pending past the delay, or pending and waiting on a session that started. */
  async dueToExpire(expiryDays: number, limit: number): Promise<string[]> {
    const rows = await this.q<{ id: string }>(
      `SELECT r.id FROM registration r LEFT JOIN offer_session s ON s.tenant_id = r.tenant_id AND s.id = r.session_id
        WHERE r.tenant_id = $1 AND (
              (r.status = 'pending' AND r.created_at < now() - make_interval(days => $2))
           OR (r.status IN ('pending', 'waitlisted') AND s.starts_at <= now()))
        ORDER BY r.created_at LIMIT $3`,
      [this.tenantId, expiryDays, limit],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Marks, once, the pending registrations to remind their structure of (older than the delay);
   * the UPDATE is won by one caller only, whatever the number of instances. Returns their ids.
   */
  // (UPDATE … RETURNING inside a WITH: TypeORM's query() gives an UPDATE's rows with its count otherwise.)
  async claimPendingReminders(reminderDays: number, limit: number): Promise<string[]> {
    const rows = await this.q<{ id: string }>(
      `WITH claimed AS (UPDATE registration SET pending_reminded_at = now()
        WHERE tenant_id = $1 AND id IN (
          SELECT id FROM registration
           WHERE tenant_id = $1 AND status = 'pending' AND pending_reminded_at IS NULL
             AND created_at < now() - make_interval(days => $2)
           ORDER BY created_at LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING id) SELECT id FROM claimed`,
      [this.tenantId, reminderDays, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Marks, once, the accepted registrations whose session starts within `hours` (the reminder). */
  async claimSessionReminders(hours: number, limit: number): Promise<string[]> {
    const rows = await this.q<{ id: string }>(
      `WITH claimed AS (UPDATE registration SET session_reminded_at = now()
        WHERE tenant_id = $1 AND id IN (
          SELECT r.id FROM registration r JOIN offer_session s ON s.tenant_id = r.tenant_id AND s.id = r.session_id
           WHERE r.tenant_id = $1 AND r.status = 'accepted' AND r.session_reminded_at IS NULL
             AND s.starts_at > now() AND s.starts_at <= now() + make_interval(hours => $2)
           ORDER BY s.starts_at LIMIT $3 FOR UPDATE OF r SKIP LOCKED)
        RETURNING id) SELECT id FROM claimed`,
      [this.tenantId, hours, limit],
    );
    return rows.map((r) => r.id);
  }
}
