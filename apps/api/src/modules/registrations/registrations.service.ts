// Registrations: beneficiaries register themselves, referents prescribe, structures decide. Each use
// case asks the policy first, then locks in one order (the offer, then the session, then the
// registration), reads the facts under those locks, asks the pure state machine for the plan and
// carries it out in the request's one transaction: the row, the session's counters, the history,
// the audit line, the emails, and the wait list's promotion when a seat frees.
import { ConflictException, Inject, Injectable } from '@nestjs/common';
import {
  LIMITS,
  personFieldErrors,
  REGISTRATION_NOTIFICATION_KINDS,
  REGISTRATION_STATUSES,
  type AttendanceValue,
  type RefusalReason,
  type RegistrationActorKind,
  type RegistrationCreated,
  type RegistrationDetail,
  type RegistrationItem,
  type RegistrationNotificationSettings,
  type RegistrationOutcome,
  type RegistrationPage,
  type RegistrationStats,
  type RegistrationStatus,
  type RegistrationWarning,
  type SessionCapacityResult,
} from '@catalogue/contracts';
import type { Actor } from '../../common/auth/actor.js';
import type { RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { AuditLog } from '../../common/audit/audit-log.js';
import { invalidFields, invalidParameter, notFound } from '../../common/errors/app-errors.js';
import { Outbox, type EmailMessage } from '../../common/outbox/outbox.js';
import { Policy, unauthenticated } from '../../common/policy/policy.service.js';
import { decide, isPrescriberMembership, type Resource } from '../../common/policy/policy.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import { APP_SETTINGS, type AppSettings } from '../../config/settings.js';
import { SessionsService, type SessionSeats } from '../sessions/sessions.service.js';
import {
  personEmail,
  registrationLinks,
  sessionCalendar,
  structureEmail,
  type RegistrationEmailFacts,
} from './registration-emails.js';
import {
  InvalidRegistrationTransition,
  plan,
  type Plan,
  type RegistrationAction,
  type RegistrationFacts,
} from './registration-lifecycle.js';
import type { PersonDto, RegistrationRequestDto } from './registrations.dto.js';
import {
  RegistrationsRepository,
  type PersonFields,
  type RegistrationChange,
  type RegistrationRow,
} from './registrations.repository.js';

const HOUR = 3_600_000;
/** How long a request waits for a session's lock before answering 503 with nothing done. */
export const LOCK_WAIT_MS = 20_000;

export const REFUSAL_LABELS: Record<RefusalReason, string> = {
  full: 'complet',
  prerequisites_not_met: 'ne correspond pas aux prérequis',
  unreachable: 'personne non joignable',
  duplicate: 'doublon',
  other: 'autre',
};
const CANCELLED_BY: Record<RegistrationActorKind, string> = {
  person: 'la personne',
  referent: 'le référent',
  structure: 'la structure',
  system: 'le système',
};
const STATUS_LABELS: Record<RegistrationStatus, string> = {
  pending: 'en attente de décision',
  accepted: 'acceptée',
  waitlisted: 'en liste d’attente',
  refused: 'refusée',
  cancelled: 'annulée',
  expired: 'expirée',
  attended: 'présent',
  absent: 'absent',
  completed: 'terminée',
  dropped_out: 'abandon',
};

const invalidTransition = (message: string) => new ConflictException({ code: 'invalid_transition', message });

/** Digits of a phone number, French numbers in their national form: « +33 6 12… » and « 06 12… » match. */
export const phoneKey = (phone: string): string => {
  const digits = phone.replace(/[^0-9+]/g, '');
  return digits.replace(/^\+33/, '0').replace(/^0033/, '0').replace(/\+/g, '');
};

/** « Camille Martin » → first and last name (one word: a first name only). */
const splitName = (name: string, email: string): { firstName: string; lastName: string } => {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { firstName: email.split('@')[0]!.slice(0, 100), lastName: '' };
  return { firstName: words[0]!.slice(0, 100), lastName: words.slice(1).join(' ').slice(0, 100) };
};

export interface ListQuery {
  view?: 'mine' | 'prescribed' | 'inbox';
  status?: RegistrationStatus[];
  offerId?: string;
  sessionId?: string;
  organizationId?: string;
  q?: string;
  page?: number;
}

/** Who acts, as the registration's history and emails name them. */
interface Acting {
  actorId: string | null;
  kind: RegistrationActorKind;
  email: string | null;
}

@Injectable()
export class RegistrationsService {
  constructor(
    private readonly repo: RegistrationsRepository,
    private readonly sessions: SessionsService,
    private readonly policy: Policy,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly db: TenantTransaction,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
  ) {}

  private resource(tenant: Tenant, r: RegistrationRow): Resource {
    return {
      tenantId: tenant.id,
      organizationId: r.organization_id,
      personUserId: r.person_user_id,
      referentId: r.referent_id,
    };
  }

  // ---- Registering ------------------------------------------------------------------------

  async create(
    actor: Actor | null,
    tenant: Tenant,
    offerId: string,
    body: RegistrationRequestDto,
    meta: RequestMetaValue,
  ): Promise<RegistrationCreated> {
    const preview = await this.repo.offer(offerId, false);
    if (!preview || preview.status !== 'published') throw notFound('Offre');
    const prescription = body.person !== undefined;
    this.policy.authorize(
      actor,
      prescription ? 'registration.prescribe' : 'registration.self',
      { tenantId: tenant.id, organizationId: preview.organization_id, offerAccess: preview.access },
      'Offre',
    );
    if (prescription && body.consent?.obtained !== true)
      throw invalidParameter('consent', 'must record that the person agreed and was informed (obtained: true, how)');
    if (!prescription && body.consent !== undefined)
      throw invalidParameter('consent', 'is for a referent registering someone else');
    const person = prescription ? await this.personFields(tenant, body.person!) : null;
    const sessionId = await this.sessionFor(offerId, body.sessionId ?? null);
    // The person, found or made before any lock; their details are written under the locks, at the end.
    const known = person
      ? await this.prescribedPerson(person, actor.userId)
      : {
          id: await this.repo.ensurePersonOfUser(actor.userId, {
            ...splitName(actor.name, actor.email),
            email: actor.email,
            phone: null,
            phoneKey: null,
            communeInsee: null,
            situation: null,
            ageBand: null,
            sex: null,
          }),
          update: null,
        };
    const personId = known.id;

    // Locks, in the one order: the offer (against edits of its sessions), then the session.
    await this.repo.boundLockWait(LOCK_WAIT_MS);
    const offer = await this.repo.offer(offerId, true);
    if (!offer || offer.status !== 'published') throw notFound('Offre');
    const seats = sessionId ? await this.sessions.lockSeats(offerId, sessionId) : undefined;
    if (sessionId && !seats) throw invalidParameter('sessionId', 'is not a session of this offer');

    const { existing, other } = await this.repo.activeOn(personId, offerId, sessionId);
    if (existing)
      throw new ConflictException({
        code: 'already_registered',
        message: 'Cette personne est déjà inscrite à cette session (inscription en cours).',
        existing,
      });
    const warnings: RegistrationWarning[] = other ? ['already_registered_to_offer'] : [];

    const facts = this.facts(null, offer.seat_allocation, offer.cancellation_cutoff_hours, seats, 'request');
    const p = this.plan({ kind: 'request' }, facts);
    const referentOrganizationId = prescription
      ? (actor.memberships.find((m) => m.tenantId === tenant.id && isPrescriberMembership(m))?.organizationId ?? null)
      : null;
    const acting: Acting = { actorId: actor.userId, kind: prescription ? 'referent' : 'person', email: actor.email };
    let id: string;
    try {
      id = await this.repo.insert(
        {
          offerId,
          sessionId,
          personId,
          channel: prescription ? 'prescription' : 'self',
          referentId: prescription ? actor.userId : null,
          referentOrganizationId,
          status: p.to,
          message: body.message?.trim() || null,
          consent: prescription ? { how: body.consent!.how, by: actor.userId } : null,
          // Given at once (automatic seats): no decision by the structure to time.
          decided: false,
        },
        {
          actorId: actor.userId,
          actorKind: acting.kind,
          event: p.event,
          detail: prescription ? `Consentement recueilli (${body.consent!.how === 'oral' ? 'oral' : 'écrit'})` : null,
        },
      );
    } catch (e) {
      // The unique index is the last word on « one active registration per person and session ».
      const code =
        (e as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (e as { code?: string }).code;
      if (code === '23505')
        throw new ConflictException({
          code: 'already_registered',
          message: 'Cette personne est déjà inscrite à cette session.',
        });
      throw e;
    }
    if (seats) await this.sessions.moveSeats(seats.id, p.seat === 'take' ? 1 : 0, p.to === 'waitlisted' ? 1 : 0);
    if (known.update) await known.update();
    else await this.repo.touchPerson(personId);
    const row = (await this.repo.load(id))!;
    await this.audit.record(this.db.manager(), {
      tenantId: tenant.id,
      actor,
      action: prescription ? 'registration.prescribed' : 'registration.self_registered',
      targetType: 'registration',
      targetId: id,
      summary: `${prescription ? 'Prescription' : 'Inscription'} à « ${offer.title} » : ${STATUS_LABELS[p.to]}`,
      ip: meta.ip,
    });
    await this.notify(tenant, row, p, acting);
    return {
      id,
      status: row.status,
      ...(row.waitlist_position ? { waitlistPosition: row.waitlist_position } : {}),
      warnings,
    };
  }

  /** The session of the request: required while the offer has sessions to come, none for continuous intake. */
  private async sessionFor(offerId: string, sessionId: string | null): Promise<string | null> {
    const sessions = await this.repo.sessionsOf(offerId);
    if (sessionId) {
      if (!sessions.some((s) => s.id === sessionId))
        throw invalidParameter('sessionId', 'is not a session of this offer');
      return sessionId;
    }
    if (sessions.some((s) => s.starts_at.getTime() > Date.now()))
      throw invalidParameter('sessionId', 'is required: choose one of the offer’s sessions');
    if (sessions.length > 0)
      throw new ConflictException({ code: 'no_upcoming_session', message: 'Cette offre n’a plus de session à venir.' });
    return null;
  }

  private async personFields(tenant: Tenant, p: PersonDto): Promise<PersonFields> {
    const broken = personFieldErrors(p);
    if (broken.length) throw invalidFields(broken);
    const commune = await this.repo.commune(p.communeInsee, tenant.code);
    if (!commune) throw invalidParameter('person.communeInsee', 'is not a commune of this département');
    const phone = p.phone?.trim() || null;
    return {
      firstName: p.firstName.trim(),
      lastName: p.lastName.trim(),
      email: p.email?.trim().toLowerCase() || null,
      phone,
      phoneKey: phone ? phoneKey(phone) : null,
      communeInsee: commune.insee,
      situation: p.situation,
      ageBand: p.ageBand,
      sex: p.sex,
    };
  }

  /**
   * The person a referent registers: the one already known here by the same email or mobile (so
   * that « one registration per person and session » holds across referents), linked to the
   * account with that email if there is one (they then follow it in their space).
   */
  private async prescribedPerson(
    p: PersonFields,
    referentId: string,
  ): Promise<{ id: string; update: (() => Promise<void>) | null }> {
    const userId = p.email ? await this.repo.userIdByEmail(p.email) : null;
    const known =
      (userId && (await this.repo.personOfUser(userId))) || (await this.repo.personByContact(p.email, p.phoneKey, p));
    if (known) return { id: known.id, update: () => this.repo.updatePerson(known.id, p, userId) };
    return { id: await this.repo.insertPerson(p, userId, referentId), update: null };
  }

  // ---- Reading ----------------------------------------------------------------------------

  async list(actor: Actor | null, tenant: Tenant, query: ListQuery, meta: RequestMetaValue): Promise<RegistrationPage> {
    if (!actor) throw unauthenticated();
    const view = query.view ?? 'mine';
    let organizationIds: string[] = [];
    if (view === 'inbox') {
      const mine = actor.memberships
        .filter((m) => m.tenantId === tenant.id && m.organizationId)
        .map((m) => m.organizationId!)
        .filter((id) => decide(actor, 'registration.decide', { tenantId: tenant.id, organizationId: id }) === 'allow');
      if (query.organizationId) {
        this.policy.authorize(
          actor,
          'registration.decide',
          { tenantId: tenant.id, organizationId: query.organizationId },
          'Structure',
        );
        organizationIds = [query.organizationId];
      } else organizationIds = mine;
    }
    const pageSize = LIMITS.registration.pageSize;
    const page = Math.max(1, query.page ?? 1);
    const { total, rows } = await this.repo.list({
      view,
      userId: actor.userId,
      organizationIds,
      statuses: query.status ?? [],
      offerId: query.offerId ?? null,
      sessionId: query.sessionId ?? null,
      q: query.q?.trim() || null,
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    if (rows.length && view !== 'mine')
      await this.audit.record(this.db.manager(), {
        tenantId: tenant.id,
        actor,
        action: 'registration.list_viewed',
        targetType: view === 'inbox' ? 'organization' : 'registration_list',
        targetId: view === 'inbox' ? (query.organizationId ?? null) : null,
        summary: `Consultation de ${rows.length} inscription(s) (${view === 'inbox' ? 'boîte de la structure' : 'mes prescriptions'}${query.sessionId ? ', feuille de présence' : ''})`,
        ip: meta.ip,
      });
    return { total, page, pageSize, items: rows.map((r) => this.item(actor, tenant, r)) };
  }

  async get(actor: Actor | null, tenant: Tenant, id: string, meta: RequestMetaValue): Promise<RegistrationDetail> {
    const row = await this.repo.load(id);
    if (!row) throw notFound('Inscription');
    this.policy.authorize(actor, 'registration.read', this.resource(tenant, row), 'Inscription');
    if (row.person_user_id !== actor.userId)
      await this.audit.record(this.db.manager(), {
        tenantId: tenant.id,
        actor,
        action: 'registration.viewed',
        targetType: 'registration',
        targetId: id,
        summary: `Consultation de l’inscription de ${row.first_name} ${row.last_name} à « ${row.offer_title} »`,
        ip: meta.ip,
      });
    const history = await this.repo.history(id);
    return {
      ...this.item(actor, tenant, row),
      consent:
        row.consent_how && row.consent_at
          ? {
              how: row.consent_how,
              by: row.consent_by ? { id: row.consent_by, name: row.consent_by_name ?? '' } : null,
              at: row.consent_at.toISOString(),
            }
          : null,
      history: history.map((h) => ({
        at: h.at.toISOString(),
        event: h.event,
        from: h.from_status,
        to: h.to_status,
        actorKind: h.actor_kind,
        actor: h.actor_id ? { id: h.actor_id, name: h.actor_name ?? '' } : null,
        detail: h.detail,
      })),
    };
  }

  // ---- Deciding ---------------------------------------------------------------------------

  async act(
    actor: Actor | null,
    tenant: Tenant,
    id: string,
    action:
      | { kind: 'accept' }
      | { kind: 'waitlist' }
      | { kind: 'refuse'; reason: RefusalReason; message?: string | null }
      | { kind: 'cancel'; reason?: string | null }
      | { kind: 'attendance'; value: AttendanceValue; sessionId?: string | null }
      | { kind: 'outcome'; status: 'completed' | 'dropped_out'; outcome: RegistrationOutcome },
    meta: RequestMetaValue,
  ): Promise<RegistrationItem> {
    const before = await this.repo.load(id);
    if (!before) throw notFound('Inscription');
    const resource = this.resource(tenant, before);
    this.policy.authorize(
      actor,
      action.kind === 'cancel' ? 'registration.cancel' : 'registration.decide',
      resource,
      'Inscription',
    );
    if (action.kind === 'refuse' && action.reason === 'other' && !action.message?.trim())
      throw invalidParameter('message', 'is required when the reason is « autre »');
    if (action.kind === 'attendance' && action.sessionId && action.sessionId !== before.session_id)
      throw invalidParameter('sessionId', 'is not the session of this registration');

    const acting: Acting = { actorId: actor.userId, kind: this.kindOf(actor, tenant, before), email: actor.email };
    if (action.kind === 'cancel' && acting.kind === 'structure' && !action.reason?.trim())
      throw invalidParameter('reason', 'is required when the structure cancels');

    const { row, seats } = await this.lockRegistration(before);
    const machineAction: RegistrationAction =
      action.kind === 'cancel'
        ? { kind: 'cancel', by: acting.kind }
        : action.kind === 'refuse'
          ? { kind: 'refuse', reason: action.reason }
          : action.kind === 'attendance'
            ? { kind: 'attendance', value: action.value }
            : action.kind === 'outcome'
              ? { kind: 'outcome', status: action.status, outcome: action.outcome }
              : { kind: action.kind };
    const change: Partial<RegistrationChange> =
      action.kind === 'refuse'
        ? { refusalReason: action.reason, refusalMessage: action.message?.trim() || null, decided: true }
        : action.kind === 'cancel'
          ? { cancelledBy: acting.kind }
          : action.kind === 'outcome'
            ? { outcome: action.outcome }
            : action.kind === 'attendance'
              ? { excused: action.value === 'excused', attendance: action.value }
              : { decided: true };
    const detail =
      action.kind === 'refuse'
        ? `Motif : ${REFUSAL_LABELS[action.reason]}${action.message?.trim() ? ` — ${action.message.trim()}` : ''}`
        : action.kind === 'cancel'
          ? action.reason?.trim() || null
          : action.kind === 'attendance'
            ? { present: 'Présent', absent: 'Absent', excused: 'Absent excusé' }[action.value]
            : null;
    const p = await this.transition(tenant, row, seats, machineAction, acting, change, detail);
    await this.audit.record(this.db.manager(), {
      tenantId: tenant.id,
      actor,
      action: `registration.${p.event}`,
      targetType: 'registration',
      targetId: id,
      summary: `Inscription de ${row.first_name} ${row.last_name} à « ${row.offer_title} » : ${STATUS_LABELS[p.to]}`,
      ip: meta.ip,
    });
    return this.item(actor, tenant, (await this.repo.load(id))!);
  }

  /** A session's new capacity: raising it promotes the wait list in order; never below the seats taken. */
  async setCapacity(
    actor: Actor | null,
    tenant: Tenant,
    offerId: string,
    sessionId: string,
    capacity: number,
    meta: RequestMetaValue,
  ): Promise<SessionCapacityResult> {
    const offer = await this.repo.offer(offerId, false);
    if (!offer) throw notFound('Offre');
    this.policy.authorize(
      actor,
      'registration.decide',
      { tenantId: tenant.id, organizationId: offer.organization_id },
      'Offre',
    );
    await this.repo.boundLockWait(LOCK_WAIT_MS);
    await this.repo.offer(offerId, true);
    const seats = await this.sessions.lockSeats(offerId, sessionId);
    if (!seats) throw notFound('Session');
    if (capacity < seats.booked)
      throw new ConflictException({
        code: 'capacity_below_booked',
        message: `La session compte déjà ${seats.booked} personne(s) acceptée(s) : la capacité ne peut pas descendre en dessous.`,
      });
    await this.sessions.setCapacity(sessionId, capacity);
    seats.capacity = capacity;
    const promoted = await this.promoteWhileFree(tenant, seats);
    await this.audit.record(this.db.manager(), {
      tenantId: tenant.id,
      actor,
      action: 'session.capacity_changed',
      targetType: 'offer_session',
      targetId: sessionId,
      summary: `Capacité de la session de « ${offer.title} » portée à ${capacity}${promoted ? ` (${promoted} personne(s) de la liste d’attente acceptée(s))` : ''}`,
      ip: meta.ip,
    });
    return { capacity, accepted: seats.booked, waitlist: seats.waitlisted, promoted };
  }

  /**
   * A transition carried out in the current transaction, under the locks taken by the caller
   * (offer, session, registration): the row, the session's counters, the history, the emails;
   * then the first waiting gets the seat freed, if any.
   */
  private async transition(
    tenant: Tenant,
    row: RegistrationRow,
    seats: SessionSeats | undefined,
    action: RegistrationAction,
    acting: Acting,
    change: Partial<RegistrationChange>,
    detail: string | null,
  ): Promise<Plan> {
    const facts = this.facts(row.status, row.seat_allocation, row.cancellation_cutoff_hours, seats, action.kind);
    const p = this.plan(action, facts);
    await this.repo.update(row.id, {
      ...change,
      status: p.to,
      ...(p.to === 'waitlisted' ? { waitlisted: true } : p.from === 'waitlisted' ? { waitlisted: false } : {}),
      ...(p.excused ? { excused: true } : {}),
      ...(p.event === 'cancelled_late' ? { attendance: 'excused' as const } : {}),
      ...(p.event === 'promoted' ? { promoted: true } : {}),
    });
    if (seats) {
      const booked = p.seat === 'take' ? 1 : p.seat === 'free' ? -1 : 0;
      const waiting = (p.to === 'waitlisted' ? 1 : 0) - (p.from === 'waitlisted' ? 1 : 0);
      await this.sessions.moveSeats(seats.id, booked, waiting);
      seats.booked += booked;
      seats.waitlisted += waiting;
    }
    await this.repo.addEvent({
      registrationId: row.id,
      actorId: acting.actorId,
      actorKind: acting.kind,
      event: p.event,
      from: p.from,
      to: p.to,
      detail,
    });
    await this.repo.touchPerson(row.person_id);
    await this.notify(tenant, (await this.repo.load(row.id))!, p, acting);
    if (p.promoteNext && seats) await this.promoteWhileFree(tenant, seats);
    return p;
  }

  /**
   * Locks a registration for a change, in the one order (its offer, its session, the registration)
   * with a bounded wait, and reads it again under those locks.
   */
  private async lockRegistration(
    before: RegistrationRow,
  ): Promise<{ row: RegistrationRow; seats: SessionSeats | undefined }> {
    await this.repo.boundLockWait(LOCK_WAIT_MS);
    await this.repo.offer(before.offer_id, true);
    const seats = before.session_id ? await this.sessions.lockSeats(before.offer_id, before.session_id) : undefined;
    return { row: (await this.repo.load(before.id, true))!, seats };
  }

  /** Gives the free seats of a locked session to the wait list, first in line first. */
  private async promoteWhileFree(tenant: Tenant, seats: SessionSeats): Promise<number> {
    let promoted = 0;
    while (seats.booked < seats.capacity && seats.startsAt.getTime() > Date.now()) {
      const next = await this.repo.firstWaiting(seats.id);
      if (!next) break;
      const row = (await this.repo.load(next, true))!;
      await this.transition(
        tenant,
        row,
        seats,
        { kind: 'promote' },
        { actorId: null, kind: 'system', email: null },
        {},
        null,
      );
      promoted++;
    }
    return promoted;
  }

  /**
   * A transition decided by the platform (the jobs: expiry), on a registration in the current
   * tenant transaction. Returns false when the registration moved meanwhile.
   */
  async system(tenant: Tenant, id: string, action: RegistrationAction & { kind: 'expire' }): Promise<boolean> {
    const before = await this.repo.load(id);
    if (!before) return false;
    const { row, seats } = await this.lockRegistration(before);
    try {
      await this.transition(tenant, row, seats, action, { actorId: null, kind: 'system', email: null }, {}, null);
      return true;
    } catch (e) {
      if (e instanceof ConflictException) return false;
      throw e;
    }
  }

  /**
   * Cancels, as the person, the registrations of these people still waiting or holding a seat (the
   * deletion of their account): each seat freed goes to the wait list, and the structure is told.
   * What can no longer be cancelled (a session already started) is left as it is. In the current
   * tenant transaction; returns how many were cancelled.
   */
  async cancelAllOf(tenant: Tenant, personIds: string[], userId: string): Promise<number> {
    let cancelled = 0;
    for (const id of await this.repo.activeOfPeople(personIds)) {
      const before = await this.repo.load(id);
      if (!before) continue;
      const { row, seats } = await this.lockRegistration(before);
      try {
        await this.transition(
          tenant,
          row,
          seats,
          { kind: 'cancel', by: 'person' },
          { actorId: userId, kind: 'person', email: null },
          { cancelledBy: 'person' },
          'Compte supprimé par la personne',
        );
        cancelled++;
      } catch (e) {
        if (!(e instanceof ConflictException)) throw e;
      }
    }
    return cancelled;
  }

  /** The reminder emails of the jobs (no state change). */
  async remind(tenant: Tenant, id: string, kind: 'reminder' | 'pending_reminder'): Promise<void> {
    const row = await this.repo.load(id);
    if (!row) return;
    const facts = this.emailFacts(tenant, row, kind, null);
    if (kind === 'pending_reminder') {
      const email = structureEmail({
        ...facts,
        url: registrationLinks.inbox(this.settings.publicUrl, tenant.slug, row.organization_id),
      });
      if (!email) return;
      for (const m of await this.repo.structureRecipients(row.organization_id, 'pending_reminder'))
        await this.outbox.enqueue(this.db.manager(), { to: m.email, ...email });
      return;
    }
    const attachments = this.calendar(tenant, row);
    if (row.email)
      await this.outbox.enqueue(this.db.manager(), { to: row.email, ...personEmail(facts, 'self'), attachments });
    if (row.referent_email)
      await this.outbox.enqueue(this.db.manager(), {
        to: row.referent_email,
        ...personEmail(facts, 'referent'),
        attachments,
      });
  }

  // ---- Statistics and settings ------------------------------------------------------------

  async stats(actor: Actor | null, tenant: Tenant): Promise<RegistrationStats> {
    this.policy.authorize(actor, 'registration.stats', { tenantId: tenant.id });
    const s = await this.repo.stats();
    const byStatus = Object.fromEntries(REGISTRATION_STATUSES.map((k) => [k, 0])) as RegistrationStats['byStatus'];
    for (const r of s.byStatus) byStatus[r.status] = r.n;
    const byChannel: RegistrationStats['byChannel'] = { self: 0, prescription: 0 };
    for (const r of s.byChannel) byChannel[r.channel] = r.n;
    return {
      byStatus,
      byChannel,
      waitlisted: byStatus.waitlisted,
      promoted: s.promoted,
      noShows: s.noShows,
      medianHoursToDecision: s.medianHours === null ? null : Math.round(s.medianHours * 10) / 10,
      sessions: s.sessions.map((x) => ({
        id: x.id,
        offerId: x.offer_id,
        offerTitle: x.offer_title,
        startsAt: x.starts_at.toISOString(),
        capacity: x.capacity,
        accepted: x.booked,
        waitlist: x.waitlisted,
        fillRate: Math.round((x.booked / x.capacity) * 1000) / 1000,
      })),
    };
  }

  async notificationSettings(
    actor: Actor | null,
    tenant: Tenant,
    organizationId: string,
  ): Promise<RegistrationNotificationSettings> {
    this.policy.authorize(actor, 'registration.decide', { tenantId: tenant.id, organizationId }, 'Structure');
    const off = new Set(await this.repo.optOuts(actor.userId, organizationId));
    return Object.fromEntries(
      REGISTRATION_NOTIFICATION_KINDS.map((k) => [k, !off.has(k)]),
    ) as RegistrationNotificationSettings;
  }

  async setNotificationSettings(
    actor: Actor | null,
    tenant: Tenant,
    organizationId: string,
    body: Partial<RegistrationNotificationSettings>,
  ): Promise<RegistrationNotificationSettings> {
    this.policy.authorize(actor, 'registration.decide', { tenantId: tenant.id, organizationId }, 'Structure');
    const current = await this.notificationSettings(actor, tenant, organizationId);
    const next = { ...current, ...body };
    await this.repo.setOptOuts(
      actor.userId,
      organizationId,
      REGISTRATION_NOTIFICATION_KINDS.filter((k) => !next[k]),
    );
    return next;
  }

  // ---- Helpers ----------------------------------------------------------------------------

  private facts(
    status: RegistrationStatus | null,
    seatAllocation: RegistrationFacts['seatAllocation'],
    cutoffHours: number,
    seats: Pick<SessionSeats, 'startsAt' | 'booked' | 'capacity'> | undefined,
    action: RegistrationAction['kind'],
  ): RegistrationFacts {
    const now = Date.now();
    return {
      status,
      seatAllocation,
      seatFree: seats ? seats.booked < seats.capacity : true,
      // Without sessions (continuous intake) the action is under way once accepted: attendance may be noted.
      sessionStarted: seats ? seats.startsAt.getTime() <= now : action === 'attendance',
      beforeCutoff: seats ? now < seats.startsAt.getTime() - cutoffHours * HOUR : true,
    };
  }

  private plan(action: RegistrationAction, facts: RegistrationFacts): Plan {
    try {
      return plan(action, facts);
    } catch (e) {
      if (e instanceof InvalidRegistrationTransition) throw invalidTransition(e.message);
      throw e;
    }
  }

  /** The reader acting on a registration: its person first, then its referent, then the structure. */
  private kindOf(actor: Actor, tenant: Tenant, r: RegistrationRow): RegistrationActorKind {
    if (r.person_user_id === actor.userId) return 'person';
    if (r.referent_id === actor.userId) return 'referent';
    return decide(actor, 'registration.decide', this.resource(tenant, r)) === 'allow' ? 'structure' : 'person';
  }

  private rowSeats(r: RegistrationRow) {
    return r.session_starts_at && r.session_capacity !== null
      ? { startsAt: r.session_starts_at, booked: r.session_booked ?? 0, capacity: r.session_capacity }
      : undefined;
  }

  /** What the reader may do now: the policy and the state machine both say yes. */
  private item(actor: Actor, tenant: Tenant, r: RegistrationRow): RegistrationItem {
    const resource = this.resource(tenant, r);
    const decides = decide(actor, 'registration.decide', resource) === 'allow';
    const cancels = decide(actor, 'registration.cancel', resource) === 'allow';
    const seats = this.rowSeats(r);
    const possible = (action: RegistrationAction) => {
      try {
        plan(action, this.facts(r.status, r.seat_allocation, r.cancellation_cutoff_hours, seats, action.kind));
        return true;
      } catch {
        return false;
      }
    };
    const kind = this.kindOf(actor, tenant, r);
    const facts = this.facts(r.status, r.seat_allocation, r.cancellation_cutoff_hours, seats, 'cancel');
    return {
      id: r.id,
      status: r.status,
      channel: r.channel,
      offer: {
        id: r.offer_id,
        title: r.offer_title,
        access: r.offer_access,
        seatAllocation: r.seat_allocation,
        cancellationCutoffHours: r.cancellation_cutoff_hours,
      },
      organization: { id: r.organization_id, name: r.organization_name },
      session:
        r.session_id && r.session_starts_at
          ? {
              id: r.session_id,
              startsAt: r.session_starts_at.toISOString(),
              endsAt: r.session_ends_at?.toISOString() ?? null,
              capacity: r.session_capacity ?? 0,
              accepted: r.session_booked ?? 0,
              waitlist: r.session_waitlisted ?? 0,
            }
          : null,
      person: {
        firstName: r.first_name,
        lastName: r.last_name,
        email: r.email,
        phone: r.phone,
        communeInsee: r.commune_insee,
        commune: r.commune_name,
        situation: r.situation,
        ageBand: r.age_band,
        sex: r.sex,
        hasAccount: r.person_user_id !== null,
      },
      referent: r.referent_id
        ? {
            id: r.referent_id,
            name: r.referent_name ?? '',
            email: r.referent_email ?? '',
            organizationName: r.referent_organization_name,
          }
        : null,
      waitlistPosition: r.waitlist_position,
      refusalReason: r.refusal_reason,
      refusalMessage: r.refusal_message,
      cancelledBy: r.cancelled_by,
      excused: r.excused,
      attendance: r.attendance,
      outcome: r.outcome,
      message: r.message,
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
      can: {
        cancel: cancels && possible({ kind: 'cancel', by: kind }),
        accept: decides && possible({ kind: 'accept' }),
        refuse: decides && possible({ kind: 'refuse', reason: 'other' }),
        waitlist: decides && possible({ kind: 'waitlist' }),
        attendance: decides && possible({ kind: 'attendance', value: 'present' }),
        outcome: decides && possible({ kind: 'outcome', status: 'completed', outcome: 'employment' }),
      },
      lateCancellation: r.status === 'accepted' && !facts.beforeCutoff && kind !== 'structure',
    };
  }

  private emailFacts(
    tenant: Tenant,
    r: RegistrationRow,
    event: RegistrationEmailFacts['event'],
    acting: Acting | null,
  ): RegistrationEmailFacts {
    return {
      event,
      offerTitle: r.offer_title,
      organizationName: r.organization_name,
      session: r.session_starts_at ? { startsAt: r.session_starts_at, endsAt: r.session_ends_at } : null,
      personName: `${r.first_name} ${r.last_name}`.trim(),
      waitlistPosition: r.waitlist_position,
      refusal: r.refusal_reason
        ? `${REFUSAL_LABELS[r.refusal_reason]}${r.refusal_message ? ` — ${r.refusal_message}` : ''}`
        : null,
      cancelledBy: r.cancelled_by ? CANCELLED_BY[r.cancelled_by] : acting ? CANCELLED_BY[acting.kind] : null,
      url: registrationLinks.one(this.settings.publicUrl, tenant.slug, r.id),
    };
  }

  private calendar(tenant: Tenant, r: RegistrationRow) {
    if (!r.session_starts_at) return [];
    return [
      sessionCalendar({
        registrationId: r.id,
        offerTitle: r.offer_title,
        organizationName: r.organization_name,
        startsAt: r.session_starts_at,
        endsAt: r.session_ends_at,
        url: registrationLinks.offer(this.settings.publicUrl, tenant.slug, r.offer_id),
        publicUrl: this.settings.publicUrl,
      }),
    ];
  }

  /**
   * Tells the parties the plan names, through the outbox (in this transaction): the person (when
   * reachable by email), their referent, the structure's members who want that kind of email. Nobody
   * is told of what they did themselves, except a person of their own registration (a receipt).
   */
  private async notify(tenant: Tenant, r: RegistrationRow, p: Plan, acting: Acting): Promise<void> {
    if (p.notify.length === 0) return;
    const event = p.event as RegistrationEmailFacts['event'];
    const facts = this.emailFacts(tenant, r, event, acting);
    const attachments = p.to === 'accepted' ? this.calendar(tenant, r) : [];
    const receipt = p.event !== 'cancelled' && p.event !== 'cancelled_late';
    const messages: EmailMessage[] = [];
    if (p.notify.includes('person') && r.email && (r.person_user_id !== acting.actorId || receipt))
      messages.push({ to: r.email, ...personEmail(facts, 'self'), attachments });
    if (p.notify.includes('referent') && r.referent_email && r.referent_id !== acting.actorId)
      messages.push({ to: r.referent_email, ...personEmail(facts, 'referent'), attachments });
    if (p.notify.includes('structure') && acting.kind !== 'structure') {
      const kind = p.from === null ? 'new_registration' : 'cancellation';
      const email = structureEmail({
        ...facts,
        url: registrationLinks.inbox(this.settings.publicUrl, tenant.slug, r.organization_id),
      });
      if (email)
        for (const member of await this.repo.structureRecipients(r.organization_id, kind))
          if (member.id !== acting.actorId) messages.push({ to: member.email, ...email });
    }
    // One statement for all of them: the lock of the session is held until commit.
    await this.outbox.enqueueAll(this.db.manager(), messages);
  }
}
