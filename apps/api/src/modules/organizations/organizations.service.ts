import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { ORGANIZATION_KINDS, isValidSiret } from '@catalogue/domain';
import type { OrganizationStatus } from '@catalogue/contracts';
import type { Actor } from '../../common/auth/actor.js';
import type { RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { invalidParameter, notFound } from '../../common/errors/app-errors.js';
import { Policy } from '../../common/policy/policy.service.js';
import type { Resource } from '../../common/policy/policy.js';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { APP_SETTINGS, type AppSettings } from '../../config/settings.js';
import { AuditLog } from '../../common/audit/audit-log.js';
import { CommunesService } from '../geo/communes.service.js';
import { Outbox } from '../../common/outbox/outbox.js';
import { toCsv } from '../../common/csv/csv.js';
import { MembershipsRepository } from './memberships.repository.js';
import type {
  BackOfficeOrganizationDto,
  BackOfficeOrganizationListDto,
  OrganizationBySiretDto,
  OrganizationResponseDto,
} from './organization.dto.js';
import {
  newOrganizationEmail,
  organizationRejectedEmail,
  organizationValidatedEmail,
  emailSite,
  type EmailSite,
} from './organization-emails.js';
import type {
  CreateOrganizationDto,
  ListOrganizationsQueryDto,
  UpdateOrganizationDto,
} from './organization-input.dto.js';
import { OrganizationChanges, identityDiff } from './organization-changes.service.js';
import {
  OrganizationsRepository,
  type BackOfficeRow,
  type IdentityChangeJson,
  type OrganizationState,
  type OrganizationWrite,
} from './organizations.repository.js';
import { refuseDuplicateSiret } from './siret-conflict.js';

/** How far outside the département's box (of commune centres) a map pin may fall, in degrees (~10 km). */
const PIN_MARGIN_DEGREES = 0.1;
const DEFAULT_PAGE_SIZE = 50;
const KIND_LABELS = new Map<string, string>(ORGANIZATION_KINDS.map((k) => [k.code, k.label]));

export const toBackOffice = (r: BackOfficeRow): BackOfficeOrganizationDto => ({
  id: r.id,
  siret: r.siret,
  name: r.name,
  kind: r.kind,
  description: r.description,
  address: r.address,
  communeInsee: r.commune_insee,
  commune: r.commune_name,
  lat: r.lat,
  lng: r.lng,
  website: r.website,
  email: r.email,
  phone: r.phone,
  prescriber: r.prescriber,
  notifyCalls: r.notify_calls,
  status: r.status,
  rejectionReason: r.rejection_reason,
  createdAt: new Date(r.created_at).toISOString(),
  offerCount: r.offer_count,
  identityChange: r.identity_change ? toIdentityChange(r.identity_change) : null,
});

const toIdentityChange = (c: IdentityChangeJson): BackOfficeOrganizationDto['identityChange'] => ({
  id: c.id,
  status: c.status,
  proposed: c.proposed,
  previous: c.previous,
  reason: c.reason,
  requestedAt: new Date(c.requestedAt).toISOString(),
  requestedBy: c.requestedByEmail ? { name: c.requestedByName ?? '', email: c.requestedByEmail } : null,
  decidedAt: c.decidedAt ? new Date(c.decidedAt).toISOString() : null,
});

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly organizations: OrganizationsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly communes: CommunesService,
    private readonly policy: Policy,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly db: TenantTransaction,
    private readonly changes: OrganizationChanges,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
  ) {}

  private site(tenant: Tenant): EmailSite {
    return emailSite(this.settings.publicUrl, tenant);
  }

  private resource(tenant: Tenant, o: OrganizationState): Resource {
    return { tenantId: tenant.id, organizationId: o.id, organizationStatus: o.status };
  }

  /**
   * The structure, if the actor may see its back office (agents, its members): 404 otherwise,
   * exactly like a missing one. Then the action itself is asked.
   */
  async visible(
    actor: Actor | null,
    tenant: Tenant,
    id: string,
    lock = false,
  ): Promise<OrganizationState & { resource: Resource }> {
    const o = await this.organizations.findState(id, lock);
    if (!o) throw notFound('Structure');
    const resource = this.resource(tenant, o);
    this.policy.authorize(actor, 'organization.read', resource, 'Structure');
    return { ...o, resource };
  }

  /** Public profile of a validated structure (public route: no further access check). */
  async get(id: string): Promise<OrganizationResponseDto> {
    const r = await this.organizations.findWithPublishedOffers(id);
    if (!r) throw notFound('Structure');
    return {
      id: r.id,
      name: r.name,
      kind: r.kind,
      siret: r.siret,
      description: r.description,
      address: r.address,
      communeInsee: r.commune_insee,
      commune: r.commune_name,
      lat: r.lat,
      lng: r.lng,
      website: r.website,
      email: r.email,
      phone: r.phone,
      offers: r.offers,
    };
  }

  async create(
    actor: Actor | null,
    tenant: Tenant,
    input: CreateOrganizationDto,
    meta: RequestMetaValue,
  ): Promise<BackOfficeOrganizationDto> {
    this.policy.authorize(actor, 'organization.create', { tenantId: tenant.id }, 'Structure');
    const commune = await this.communeOf(tenant, input.communeInsee);
    const pin = this.pin(tenant, commune, input.lat, input.lng);
    const write: OrganizationWrite = {
      siret: input.siret,
      name: input.name,
      kind: input.kind,
      description: input.description ?? '',
      address: input.address,
      communeInsee: commune.insee,
      ...pin,
      website: input.website ?? null,
      email: input.email ?? null,
      phone: input.phone ?? null,
      prescriber: input.prescriber ?? false,
      notifyCalls: input.notifyCalls ?? false,
    };
    await refuseDuplicateSiret(this.organizations, input.siret, null);
    const id = await this.organizations.insert(write, actor.userId);
    await this.memberships.insert(actor.userId, id, 'structure_admin', 'active');
    const manager = this.db.manager();
    for (const to of await this.organizations.agentEmails()) {
      await this.outbox.enqueue(manager, {
        to,
        ...newOrganizationEmail(
          this.site(tenant),
          { id, name: write.name, siret: input.siret, commune: commune.name },
          actor.email,
        ),
      });
    }
    await this.audit.record(manager, {
      tenantId: tenant.id,
      actor,
      action: 'organization.created',
      targetType: 'organization',
      targetId: id,
      summary: `Structure « ${write.name} » (SIRET ${input.siret}) créée, en attente de validation`,
      ip: meta.ip,
    });
    return this.backOfficeRow(id);
  }

  /** The validated structure with this SIRET (a single sign-on SIRET suggests the structure to join). */
  async bySiret(actor: Actor | null, tenant: Tenant, siret: string): Promise<OrganizationBySiretDto> {
    this.policy.authorize(actor, 'organization.join', { tenantId: tenant.id }, 'Structure');
    if (!isValidSiret(siret)) throw invalidParameter('siret', 'must be a SIRET: 14 digits with a valid check digit');
    const o = await this.organizations.findValidatedBySiret(siret);
    if (!o) throw notFound('Structure');
    return { id: o.id, name: o.name, status: o.status };
  }

  async list(
    actor: Actor | null,
    tenant: Tenant,
    query: ListOrganizationsQueryDto,
  ): Promise<BackOfficeOrganizationListDto> {
    this.policy.authorize(actor, 'organization.list', { tenantId: tenant.id }, 'Structure');
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const { total, rows } = await this.organizations.list({
      status: query.status,
      pendingChange: query.pendingChange,
      q: query.q,
      limit: pageSize,
      offset: ((query.page ?? 1) - 1) * pageSize,
    });
    return { total, items: rows.map(toBackOffice) };
  }

  async backOffice(actor: Actor | null, tenant: Tenant, id: string): Promise<BackOfficeOrganizationDto> {
    await this.visible(actor, tenant, id);
    return this.backOfficeRow(id);
  }

  async exportCsv(actor: Actor | null, tenant: Tenant, meta: RequestMetaValue): Promise<string> {
    this.policy.authorize(actor, 'export.read', { tenantId: tenant.id }, 'Export');
    const rows = await this.organizations.exportAll();
    await this.audit.record(this.db.manager(), {
      tenantId: tenant.id,
      actor,
      action: 'export.organizations',
      targetType: 'organization',
      targetId: null,
      summary: `Export CSV des structures (${rows.length})`,
      ip: meta.ip,
    });
    return toCsv(
      [
        'id',
        'siret',
        'nom',
        'typologie',
        'statut',
        'prescripteur',
        'adresse',
        'code_insee',
        'commune',
        'latitude',
        'longitude',
        'site_web',
        'courriel',
        'telephone',
        'offres',
        'motif_refus',
        'creee_le',
        'decidee_le',
      ],
      rows.map((r) => [
        r.id,
        r.siret,
        r.name,
        KIND_LABELS.get(r.kind) ?? r.kind,
        STATUS_LABELS[r.status],
        r.prescriber,
        r.address,
        r.commune_insee,
        r.commune_name,
        r.lat,
        r.lng,
        r.website,
        r.email,
        r.phone,
        r.offer_count,
        r.rejection_reason,
        iso(r.created_at),
        iso(r.decided_at),
      ]),
    );
  }

  /**
   * Edits in place, except the identity (name, SIRET, prescriber) of a validated structure: that
   * becomes a change an agent reviews, unless the actor could accept it themself (ADR 008).
   */
  async update(
    actor: Actor | null,
    tenant: Tenant,
    id: string,
    input: UpdateOrganizationDto,
    meta: RequestMetaValue,
  ): Promise<BackOfficeOrganizationDto> {
    const o = await this.visible(actor, tenant, id, true);
    this.policy.authorize(actor, 'organization.edit', o.resource, 'Structure');
    const current = (await this.organizations.findBackOffice(id))!;
    const movesCommune = input.communeInsee !== undefined && input.communeInsee !== current.commune_insee;
    const commune = movesCommune ? await this.communeOf(tenant, input.communeInsee!) : null;
    // A new commune without a new pin: the pin moves to the commune's centre.
    const pinGiven = input.lat !== undefined || input.lng !== undefined;
    let pin = { lat: current.lat, lng: current.lng };
    if (pinGiven || commune) {
      const centre =
        commune ?? (current.commune_insee ? await this.communes.resolve(tenant, current.commune_insee) : undefined);
      if (!centre && (isAbsent(input.lat) || isAbsent(input.lng)))
        throw invalidParameter('communeInsee', 'is required to place the structure on the map');
      pin = this.pin(tenant, centre ?? { lat: 0, lng: 0 }, pinGiven ? input.lat : null, pinGiven ? input.lng : null);
    }
    const pick = <K extends keyof UpdateOrganizationDto>(k: K) => input[k] !== undefined;
    const write: OrganizationWrite = {
      siret: input.siret ?? current.siret,
      name: input.name ?? current.name,
      kind: input.kind ?? current.kind,
      description: input.description ?? current.description,
      address: input.address ?? current.address,
      communeInsee: commune?.insee ?? current.commune_insee,
      ...pin,
      website: pick('website') ? input.website! : current.website,
      email: pick('email') ? input.email! : current.email,
      phone: pick('phone') ? input.phone! : current.phone,
      prescriber: input.prescriber ?? current.prescriber,
      notifyCalls: input.notifyCalls ?? current.notify_calls,
    };
    const validatedIdentity = { name: current.name, siret: current.siret, prescriber: current.prescriber };
    const proposed = identityDiff(validatedIdentity, write);
    const reviewed = o.status === 'validated' && Object.keys(proposed).length > 0;
    if (reviewed) await this.changes.refuseIfPending(id);
    const atOnce = !reviewed || (await this.changes.appliesAtOnce(actor, o));
    if (write.siret && write.siret !== current.siret) await refuseDuplicateSiret(this.organizations, write.siret, id);
    if (!atOnce) Object.assign(write, validatedIdentity);

    await this.organizations.update(id, write, actor.userId);
    if (write.name !== current.name) await this.organizations.rederiveOffers(id, write.name);
    const changed = (Object.keys(input) as (keyof UpdateOrganizationDto)[]).filter(
      (k) => pick(k) && (atOnce || !(k in proposed)),
    );
    if (atOnce || changed.length) {
      await this.audit.record(this.db.manager(), {
        tenantId: tenant.id,
        actor,
        action: 'organization.updated',
        targetType: 'organization',
        targetId: id,
        summary: `Structure « ${write.name} » modifiée (${changed.join(', ') || 'aucun champ'})`,
        ip: meta.ip,
      });
    }
    if (!atOnce) {
      const previous = Object.fromEntries(
        Object.keys(proposed).map((k) => [k, validatedIdentity[k as keyof typeof validatedIdentity]]),
      );
      await this.changes.propose(actor, tenant, o, proposed, previous, meta);
    }
    return this.backOfficeRow(id);
  }

  async acceptChange(
    actor: Actor | null,
    tenant: Tenant,
    id: string,
    changeId: string,
    meta: RequestMetaValue,
  ): Promise<BackOfficeOrganizationDto> {
    await this.changes.accept(actor, tenant, await this.visible(actor, tenant, id, true), changeId, meta);
    return this.backOfficeRow(id);
  }

  async refuseChange(
    actor: Actor | null,
    tenant: Tenant,
    id: string,
    changeId: string,
    reason: string,
    meta: RequestMetaValue,
  ): Promise<BackOfficeOrganizationDto> {
    await this.changes.refuse(actor, tenant, await this.visible(actor, tenant, id, true), changeId, reason, meta);
    return this.backOfficeRow(id);
  }

  async withdrawChange(
    actor: Actor | null,
    tenant: Tenant,
    id: string,
    changeId: string,
    meta: RequestMetaValue,
  ): Promise<void> {
    await this.changes.withdraw(actor, tenant, await this.visible(actor, tenant, id, true), changeId, meta);
  }

  async validate(
    actor: Actor | null,
    tenant: Tenant,
    id: string,
    meta: RequestMetaValue,
  ): Promise<BackOfficeOrganizationDto> {
    const o = await this.decidable(actor, tenant, id, 'organization.validate');
    await this.organizations.decide(id, 'validated', null, actor!.userId);
    const manager = this.db.manager();
    for (const to of await this.memberships.adminEmails(id)) {
      await this.outbox.enqueue(manager, { to, ...organizationValidatedEmail(this.site(tenant), o) });
    }
    await this.audit.record(manager, {
      tenantId: tenant.id,
      actor,
      action: 'organization.validated',
      targetType: 'organization',
      targetId: id,
      summary: `Structure « ${o.name} » validée`,
      ip: meta.ip,
    });
    return this.backOfficeRow(id);
  }

  /** Rejects a pending structure: its members are detached (memberships 'refused') and told why. */
  async reject(
    actor: Actor | null,
    tenant: Tenant,
    id: string,
    reason: string,
    meta: RequestMetaValue,
  ): Promise<BackOfficeOrganizationDto> {
    const o = await this.decidable(actor, tenant, id, 'organization.reject');
    await this.organizations.decide(id, 'rejected', reason, actor!.userId);
    const detached = await this.memberships.detachAll(id, actor!.userId);
    await this.memberships.deleteInvitationsOf(id);
    const manager = this.db.manager();
    for (const m of detached) {
      await this.outbox.enqueue(manager, { to: m.email, ...organizationRejectedEmail(this.site(tenant), o, reason) });
    }
    await this.audit.record(manager, {
      tenantId: tenant.id,
      actor,
      action: 'organization.rejected',
      targetType: 'organization',
      targetId: id,
      summary: `Structure « ${o.name} » refusée (${detached.length} membre(s) détaché(s)) : ${reason}`,
      ip: meta.ip,
    });
    return this.backOfficeRow(id);
  }

  /** A pending structure the actor may decide; validating it under four eyes is not for who created or last edited it. */
  private async decidable(
    actor: Actor | null,
    tenant: Tenant,
    id: string,
    action: 'organization.validate' | 'organization.reject',
  ): Promise<OrganizationState> {
    const o = await this.visible(actor, tenant, id, true);
    const fourEyes = action === 'organization.validate' && (await this.organizations.fourEyes());
    this.policy.authorize(
      actor,
      action,
      { ...o.resource, fourEyes, createdBy: o.created_by, lastEditedBy: o.updated_by },
      'Structure',
    );
    if (o.status !== 'pending') {
      throw new ConflictException({
        code: 'not_pending',
        message: `Cette structure a déjà été ${o.status === 'validated' ? 'validée' : 'refusée'}`,
      });
    }
    return o;
  }

  private async communeOf(
    tenant: Tenant,
    insee: string,
  ): Promise<{ insee: string; name: string; lat: number; lng: number }> {
    const commune = await this.communes.resolve(tenant, insee);
    if (!commune) throw invalidParameter('communeInsee', `must be a commune of the département (${tenant.code})`);
    return commune;
  }

  /** The map pin: both coordinates or neither (the commune's centre); near the département's box. */
  private pin(
    tenant: Tenant,
    centre: { lat: number; lng: number },
    lat: number | null | undefined,
    lng: number | null | undefined,
  ): { lat: number; lng: number } {
    if (isAbsent(lat) !== isAbsent(lng))
      throw invalidParameter(isAbsent(lat) ? 'lat' : 'lng', 'must be given with the other coordinate');
    if (isAbsent(lat) || isAbsent(lng)) return { lat: centre.lat, lng: centre.lng };
    const [minLng, minLat, maxLng, maxLat] = tenant.bbox;
    if (lat < minLat - PIN_MARGIN_DEGREES || lat > maxLat + PIN_MARGIN_DEGREES)
      throw invalidParameter('lat', 'must fall within the département');
    if (lng < minLng - PIN_MARGIN_DEGREES || lng > maxLng + PIN_MARGIN_DEGREES)
      throw invalidParameter('lng', 'must fall within the département');
    return { lat, lng };
  }

  private async backOfficeRow(id: string): Promise<BackOfficeOrganizationDto> {
    const r = await this.organizations.findBackOffice(id);
    if (!r) throw notFound('Structure');
    return toBackOffice(r);
  }
}

const STATUS_LABELS: Record<OrganizationStatus, string> = {
  pending: 'en attente',
  validated: 'validée',
  rejected: 'refusée',
};
const isAbsent = (v: number | null | undefined): v is null | undefined => v === null || v === undefined;
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
