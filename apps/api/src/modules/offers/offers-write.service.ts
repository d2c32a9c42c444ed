// Members write offers, agents moderate them: each use case asks the policy first, plans the
// transition with the pure state machine, then writes the change, its history line, its audit
// entry and its emails in the request's one transaction.
import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { offerFieldErrors, type BackOfficeOffer, type OfferHistoryEntry } from '@catalogue/contracts';
import type { Actor } from '../../common/auth/actor.js';
import type { RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { invalidFields, invalidParameter, notFound } from '../../common/errors/app-errors.js';
import { Policy } from '../../common/policy/policy.service.js';
import { isProfessionalIn, type Action, type Resource } from '../../common/policy/policy.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import { APP_SETTINGS, type AppSettings } from '../../config/settings.js';
import { AuditLog } from '../../common/audit/audit-log.js';
import { Outbox } from '../../common/outbox/outbox.js';
import { SessionInUseError, SessionsService } from '../sessions/sessions.service.js';
import {
  contentOf,
  revisionDetail,
  sessionUpdates,
  toBackOfficeOffer,
  writerInput,
  writerUpdate,
} from './backoffice-offer.mapper.js';
import { changedFields, mergeContent, type OfferContent } from './offer-content.js';
import { changesRequestedEmail, offerLinks, publishedEmail, submittedEmail } from './offer-emails.js';
import { InvalidTransition, plan, type OfferAction, type Plan } from './offer-lifecycle.js';
import type { OfferWriteDto } from './offer-write.dto.js';
import { OffersCatalogueRepository } from './offers-catalogue.repository.js';
import { OffersWriteRepository, type CommuneRef, type OfferRecord } from './offers-write.repository.js';

/** How far a place may sit from its commune's centre (large rural communes included). */
export const MAX_PLACE_DISTANCE_KM = 25;

const TRANSITION_RIGHTS: Record<Exclude<OfferAction, 'edit'>, Action> = {
  submit: 'offer.submit',
  request_changes: 'offer.moderate',
  publish: 'offer.publish',
  archive: 'offer.archive',
  confirm: 'offer.confirm',
};

const AUDIT_ACTIONS: Partial<Record<Plan['event'], { action: string; verb: string }>> = {
  published: { action: 'offer.published', verb: 'publiée' },
  changes_requested: { action: 'offer.changes_requested', verb: 'renvoyée pour modifications' },
  archived: { action: 'offer.archived', verb: 'archivée' },
};

function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lng - a.lng) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

const invalidTransition = (message: string) => new ConflictException({ code: 'invalid_transition', message });

@Injectable()
export class OffersWriteService {
  constructor(
    private readonly repo: OffersWriteRepository,
    private readonly sessions: SessionsService,
    private readonly catalogue: OffersCatalogueRepository,
    private readonly policy: Policy,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly db: TenantTransaction,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
  ) {}

  private resource(tenant: Tenant, r: OfferRecord): Resource {
    return { tenantId: tenant.id, organizationId: r.organization_id, organizationStatus: r.organization_status };
  }

  private async loadOr404(id: string, lock = false): Promise<OfferRecord> {
    const r = await this.load(id, lock);
    if (!r) throw notFound('Offre');
    return r;
  }

  /** The offer in any state, with its sessions (read from the sessions module). */
  private async load(id: string, lock = false): Promise<OfferRecord | undefined> {
    const r = await this.repo.load(id, lock);
    if (!r) return undefined;
    // A revision saved before the offer had registration settings keeps the offer's own.
    // One saved before offers pointed to a fiche keeps the offer's fiche (and drops the old free text).
    const { planMeasure: _legacy, ...stored } = (r.revision_data ?? {}) as NonNullable<typeof r.revision_data> & {
      planMeasure?: unknown;
    };
    const revision = r.revision_data && {
      seatAllocation: r.seat_allocation,
      cancellationCutoffHours: r.cancellation_cutoff_hours,
      ficheId: r.plan_fiche_id,
      ...stored,
    };
    return { ...r, revision_data: revision, sessions: (await this.sessions.sessionsOf([id])).get(id) ?? [] };
  }

  /** The back-office view for a member of its structure or an agent; null for anyone else (public view). */
  async findForBackOffice(actor: Actor | null, tenant: Tenant, id: string): Promise<BackOfficeOffer | null> {
    // Cheap first: without a professional role here, the public view is the only one.
    if (!actor || !isProfessionalIn(actor, tenant.id)) return null;
    const r = await this.load(id);
    if (!r || !this.policy.can(actor, 'offer.read', this.resource(tenant, r))) return null;
    return this.view(tenant, r);
  }

  async get(actor: Actor | null, tenant: Tenant, id: string): Promise<BackOfficeOffer> {
    const r = await this.loadOr404(id);
    this.policy.authorize(actor, 'offer.read', this.resource(tenant, r), 'Offre');
    return this.view(tenant, r);
  }

  async create(actor: Actor | null, tenant: Tenant, body: OfferWriteDto): Promise<BackOfficeOffer> {
    if (!body.organization) throw invalidParameter('organization', 'is required');
    const org = await this.repo.organization(body.organization.id);
    this.policy.authorize(
      actor,
      'offer.create',
      { tenantId: tenant.id, organizationId: body.organization.id, organizationStatus: org?.status },
      'Structure',
    );
    if (!org) throw notFound('Structure');
    for (const field of ['title', 'themes', 'access', 'diffusionZone'] as const) {
      if (body[field] === undefined) throw invalidParameter(field, 'is required');
    }
    const content = mergeContent(null, body);
    const communes = await this.validate(tenant, content, body, new Set());
    const id = await this.repo.create(
      {
        ...writerInput(content, org, communes),
        status: 'draft',
      },
      body.updateFrequencyMonths ?? 6,
      actor.userId,
    );
    await this.sessions.replaceForOffer(id, sessionUpdates(content));
    await this.repo.addEvent({ offerId: id, actorId: actor.userId, action: 'created', from: null, to: 'draft' });
    return this.view(tenant, await this.loadOr404(id));
  }

  /** PATCH: a draft in place; a published offer through its pending revision; 409 while moderated. */
  async edit(actor: Actor | null, tenant: Tenant, id: string, body: OfferWriteDto): Promise<BackOfficeOffer> {
    const r = await this.loadOr404(id, true);
    this.policy.authorize(actor, 'offer.edit', this.resource(tenant, r), 'Offre');
    if (body.organization && body.organization.id !== r.organization_id)
      throw invalidParameter('organization.id', 'cannot be changed');
    const p = this.plan('edit', r, 'before');
    const current = contentOf(r);
    const base = p.editTarget === 'offer' ? current : (r.revision_data ?? current);
    const merged = mergeContent(base, body);
    const known = new Set([...current.sessions, ...base.sessions].flatMap((s) => (s.id ? [s.id] : [])));
    const communes = await this.validate(tenant, merged, body, known);
    const changed = changedFields(base, merged);
    const frequencyChanged =
      body.updateFrequencyMonths !== undefined && body.updateFrequencyMonths !== r.update_frequency_months;
    const org = { id: r.organization_id, name: r.organization_name };

    if (changed.length && p.editTarget === 'offer')
      await this.withSessions(() => this.update(id, merged, org, communes, actor.userId));
    if (p.editTarget === 'offer' && changed.includes('ficheId')) await this.repo.clearLegacyMeasure(id);
    if (changed.length && p.editTarget === 'revision') {
      // New sessions get their id now, so the revision can be edited again and applied later.
      await this.repo.saveRevision(
        id,
        { ...merged, sessions: merged.sessions.map((s) => ({ ...s, id: s.id ?? randomUUID() })) },
        actor.userId,
      );
    }
    if (frequencyChanged) await this.repo.setFrequency(id, body.updateFrequencyMonths!, actor.userId);

    const own =
      p.editTarget === 'offer' ? [...changed, ...(frequencyChanged ? ['updateFrequencyMonths'] : [])] : changed;
    if (own.length)
      await this.repo.addEvent({
        offerId: id,
        actorId: actor.userId,
        action: 'edited',
        from: p.from,
        to: p.to,
        changedFields: own,
        onRevision: p.onRevision,
      });
    if (frequencyChanged && p.editTarget === 'revision') {
      await this.repo.addEvent({
        offerId: id,
        actorId: actor.userId,
        action: 'edited',
        from: r.status,
        to: r.status,
        changedFields: ['updateFrequencyMonths'],
      });
    }
    return this.view(tenant, await this.loadOr404(id));
  }

  async transition(
    actor: Actor | null,
    tenant: Tenant,
    id: string,
    action: Exclude<OfferAction, 'edit'>,
    meta: RequestMetaValue,
    comment: string | null = null,
  ) {
    const r = await this.loadOr404(id, true);
    const rules = await this.repo.rules();
    // Four eyes: what is published (the offer, or its pending revision) is not approved by who wrote it.
    const authors = {
      fourEyes: rules.fourEyes,
      createdBy: r.revision_status ? r.revision_created_by : r.created_by,
      lastEditedBy: r.last_editor_id,
    };
    this.policy.authorize(actor, TRANSITION_RIGHTS[action], { ...this.resource(tenant, r), ...authors }, 'Offre');
    const p = this.plan(action, r, rules.moderation);
    const org = { id: r.organization_id, name: r.organization_name };

    let changed: string[] = [];
    const revision = r.revision_data;
    if (revision && (p.revision === 'submit' || p.revision === 'apply'))
      changed = changedFields(contentOf(r), revision);
    if (p.revision === 'apply' && revision) {
      const communes = await this.repo.communes(revision.places.map((x) => x.communeInsee));
      // The plan may have dropped the revision's fiche since it was written.
      if (revision.ficheId && !(await this.repo.ficheRef(revision.ficheId))) revision.ficheId = null;
      await this.withSessions(() => this.update(id, revision, org, communes, actor.userId));
      if (changed.includes('ficheId')) await this.repo.clearLegacyMeasure(id);
      await this.repo.dropRevision(id);
    }
    if (p.revision === 'submit') await this.repo.setRevisionStatus(id, 'submitted', null);
    if (p.revision === 'back_to_draft') await this.repo.setRevisionStatus(id, 'draft', comment);
    if (p.revision === 'drop') await this.repo.dropRevision(id);
    if (p.offer) await this.repo.applyOfferPlan(id, p.offer, comment, actor.userId);
    await this.repo.addEvent({
      offerId: id,
      actorId: actor.userId,
      action: p.event,
      from: p.from,
      to: p.to,
      comment,
      changedFields: changed,
      onRevision: p.onRevision,
    });

    const title = p.revision === 'apply' && revision ? revision.title : r.title;
    const audit = AUDIT_ACTIONS[p.event];
    if (audit) {
      await this.audit.record(this.db.manager(), {
        tenantId: tenant.id,
        actor,
        action: audit.action,
        targetType: 'offer',
        targetId: id,
        ip: meta.ip,
        summary: `Offre « ${title} » ${p.onRevision ? '(modification) ' : ''}${audit.verb}${comment ? ` : ${comment}` : ''}`,
      });
    }
    await this.notify(tenant, r, p, title, comment);
    return this.view(tenant, await this.loadOr404(id));
  }

  async history(actor: Actor | null, tenant: Tenant, id: string): Promise<OfferHistoryEntry[]> {
    const r = await this.loadOr404(id);
    this.policy.authorize(actor, 'offer.read', this.resource(tenant, r), 'Offre');
    return (await this.repo.history(id)).map((e) => ({
      id: e.id,
      at: new Date(e.at).toISOString(),
      actor: e.actor_id ? { id: e.actor_id, name: e.actor_name ?? '', email: e.actor_email ?? '' } : null,
      action: e.action as OfferHistoryEntry['action'],
      from: e.from_status,
      to: e.to_status,
      comment: e.comment,
      changedFields: e.changed_fields,
      onRevision: e.on_revision,
    }));
  }

  private plan(action: OfferAction, r: OfferRecord, moderation: 'before' | 'after'): Plan {
    try {
      return plan(action, { status: r.status, needsReview: r.needs_review, revision: r.revision_status }, moderation);
    } catch (e) {
      if (e instanceof InvalidTransition) throw invalidTransition(e.message);
      throw e;
    }
  }

  /** The offer's content, then its sessions (kept by id with their bookings). */
  private async update(
    id: string,
    content: OfferContent,
    org: { id: string; name: string },
    communes: Map<string, CommuneRef>,
    actorId: string,
  ): Promise<void> {
    await this.repo.update(id, writerUpdate(content, org, communes), actorId);
    await this.sessions.replaceForOffer(id, sessionUpdates(content));
  }

  /** A booked session cannot be removed (409) nor shrunk below its bookings (400). */
  private async withSessions(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (e) {
      if (!(e instanceof SessionInUseError)) throw e;
      if (e.reason === 'capacity_below_booked' && e.index !== null)
        throw invalidParameter(`sessions.${e.index}.capacity`, 'is below the places already booked');
      throw new ConflictException({
        code: 'session_in_use',
        message: 'Une session qui a des inscrits ne peut pas être supprimée.',
      });
    }
  }

  private async view(tenant: Tenant, r: OfferRecord): Promise<BackOfficeOffer> {
    const zone = await this.catalogue.zoneLabels(r.zone_type, r.zone_codes);
    let revision = null;
    if (r.revision_data) {
      const d = r.revision_data;
      const [revisionZone, communes, fiche] = await Promise.all([
        this.catalogue.zoneLabels(d.diffusionZone.type, d.diffusionZone.codes),
        this.repo.communes(d.places.map((p) => p.communeInsee)),
        d.ficheId ? this.repo.ficheRef(d.ficheId) : undefined,
      ]);
      revision = revisionDetail(d, r, revisionZone, communes, tenant, fiche ?? null);
    }
    return toBackOfficeOffer(r, zone, tenant, revision);
  }

  /** Checks what needs the database, on the fields the body gives; each failure names its field. */
  private async validate(tenant: Tenant, c: OfferContent, body: OfferWriteDto, knownSessions: Set<string>) {
    const broken = offerFieldErrors({
      ...c,
      diffusionZone: { type: c.diffusionZone.type, areaCount: c.diffusionZone.codes.length },
    });
    if (broken.length > 0) throw invalidFields(broken);
    if (body.ficheId && !(await this.repo.ficheRef(body.ficheId)))
      throw invalidParameter('ficheId', `is not a fiche of the plan of ${tenant.name}`);
    const communes = await this.repo.communes(c.places.map((p) => p.communeInsee));
    (body.places ?? []).forEach((p, i) => {
      const commune = communes.get(p.communeInsee);
      if (!commune || commune.departement !== tenant.code)
        throw invalidParameter(`places.${i}.communeInsee`, `${p.communeInsee} is not a commune of ${tenant.name}`);
      if (distanceKm(p, commune) > MAX_PLACE_DISTANCE_KM) {
        throw invalidParameter(
          `places.${i}.lat`,
          `lat and lng must be within ${MAX_PLACE_DISTANCE_KM} km of ${commune.name}`,
        );
      }
    });
    const zone = body.diffusionZone;
    if (zone) {
      const areas = zone.areas ?? [];
      if (zone.type === 'departement') {
        areas.forEach((a, i) => {
          if (a.code !== tenant.code)
            throw invalidParameter(`diffusionZone.areas.${i}.code`, 'must be left out for the whole département');
        });
      } else {
        const existing = await this.repo.existingZoneCodes(
          zone.type,
          areas.map((a) => a.code),
          tenant.code,
        );
        const what = { communes: 'commune', epci: 'EPCI', territory: 'territory' }[zone.type];
        areas.forEach((a, i) => {
          if (!existing.has(a.code))
            throw invalidParameter(`diffusionZone.areas.${i}.code`, `${a.code} is not a ${what} of ${tenant.name}`);
        });
      }
    }
    const seen = new Set<string>();
    (body.sessions ?? []).forEach((s, i) => {
      if (s.id && (!knownSessions.has(s.id) || seen.has(s.id)))
        throw invalidParameter(`sessions.${i}.id`, 'is not a session of this offer');
      if (s.id) seen.add(s.id);
    });
    return communes;
  }

  private async notify(tenant: Tenant, r: OfferRecord, p: Plan, title: string, comment: string | null): Promise<void> {
    const db = this.db.manager();
    const base = this.settings.publicUrl;
    const offerUrl = offerLinks.offer(base, tenant.slug, r.id);
    let message: { subject: string; text: string; html: string } | null = null;
    let recipients: { email: string }[] = [];
    if (p.event === 'submitted') {
      recipients = await this.repo.agents();
      message = submittedEmail({
        title,
        organization: r.organization_name,
        tenantName: tenant.name,
        url: offerLinks.moderation(base, tenant.slug),
        revision: p.onRevision,
        publishedAtOnce: p.to === 'published',
      });
    } else if (p.event === 'changes_requested') {
      recipients = await this.repo.members(r.organization_id);
      message = changesRequestedEmail({ title, comment: comment ?? '', url: offerUrl, revision: p.onRevision });
    } else if (p.event === 'published') {
      recipients = await this.repo.members(r.organization_id);
      message = publishedEmail({
        title,
        url: offerUrl,
        kind: p.onRevision ? 'revision' : p.from === 'published' ? 'post' : 'new',
      });
    }
    if (!message) return;
    for (const { email } of recipients) await this.outbox.enqueue(db, { to: email, ...message });
  }
}
