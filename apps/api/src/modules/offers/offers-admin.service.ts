// The agents' views over the tenant's offers (queue, dashboard, export) and a structure's list.
import { Injectable } from '@nestjs/common';
import type { Dashboard, ModerationQueue, OrganizationOfferItem } from '@catalogue/contracts';
import { OFFER_STATUSES, ZONE_TYPES, themeLabel } from '@catalogue/domain';
import type { Actor } from '../../common/auth/actor.js';
import type { RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { notFound } from '../../common/errors/app-errors.js';
import { Policy } from '../../common/policy/policy.service.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import { AuditLog } from '../../common/audit/audit-log.js';
import { isoDate } from './offer-content.js';
import { MODERATION_PAGE_SIZE, type ModerationQueryDto } from './offers-admin.dto.js';
import { OffersAdminRepository } from './offers-admin.repository.js';
import { toCsv } from '../../common/csv/csv.js';

const statusLabel = new Map<string, string>(OFFER_STATUSES.map((s) => [s.code, s.label]));
const zoneLabel = new Map<string, string>(ZONE_TYPES.map((z) => [z.code, z.label]));
const parisDate = (d: Date | null) => (d ? new Date(d).toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' }) : '');

@Injectable()
export class OffersAdminService {
  constructor(
    private readonly repo: OffersAdminRepository,
    private readonly policy: Policy,
    private readonly audit: AuditLog,
    private readonly db: TenantTransaction,
  ) {}

  async queue(actor: Actor | null, tenant: Tenant, query: ModerationQueryDto): Promise<ModerationQueue> {
    this.policy.authorize(actor, 'moderation.read', { tenantId: tenant.id });
    const page = query.page ?? 1;
    const rows = await this.repo.queue({
      status: query.status ?? 'submitted',
      organization: query.organization,
      theme: query.theme,
      kind: query.kind,
      offset: (page - 1) * MODERATION_PAGE_SIZE,
      limit: MODERATION_PAGE_SIZE,
    });
    const total = rows.length
      ? Number(rows[0]!.total)
      : page === 1
        ? 0
        : await this.repo.countQueue({ ...query, status: query.status ?? 'submitted' });
    return {
      total,
      items: rows.map((r) => ({
        id: r.id,
        title: r.title,
        organization: { id: r.organization_id, name: r.organization_name },
        status: r.status,
        kind: r.kind,
        submittedAt: r.submitted_at ? isoDate(r.submitted_at) : null,
        themes: r.themes,
      })),
    };
  }

  async dashboard(actor: Actor | null, tenant: Tenant): Promise<Dashboard> {
    this.policy.authorize(actor, 'dashboard.read', { tenantId: tenant.id });
    const [d, points] = await Promise.all([this.repo.dashboard(), this.repo.organizationPoints()]);
    const n = (v: string | undefined) => Number(v ?? 0);
    return {
      organizations: {
        pending: n(d.organizations?.pending),
        validated: n(d.organizations?.validated),
        rejected: n(d.organizations?.rejected),
      },
      offers: {
        draft: n(d.offers?.draft),
        submitted: n(d.offers?.submitted),
        published: n(d.offers?.published),
        archived: n(d.offers?.archived),
      },
      toModerate: Number(d.to_moderate),
      overdue: Number(d.overdue),
      organizationsMap: points,
    };
  }

  /** Every offer of the tenant as CSV (audited: the export leaves the platform). */
  async exportCsv(actor: Actor | null, tenant: Tenant, meta: RequestMetaValue): Promise<string> {
    this.policy.authorize(actor, 'export.read', { tenantId: tenant.id });
    const rows = await this.repo.exportRows();
    await this.audit.record(this.db.manager(), {
      tenantId: tenant.id,
      actor,
      action: 'export.offers',
      targetType: 'offer',
      targetId: null,
      ip: meta.ip,
      summary: `Export CSV des offres (${rows.length})`,
    });
    return toCsv(
      [
        'Identifiant',
        'Titre',
        'Statut',
        'Structure',
        'SIRET',
        'Thématiques',
        'Communes des lieux',
        'Zone de diffusion',
        'Codes de la zone',
        "Mode d'accès",
        'Fréquence de mise à jour (mois)',
        'Confirmée à jour le',
        'À mettre à jour',
        'À relire',
        'Modification en attente',
        'Publiée le',
        'Modifiée le',
      ],
      rows.map((r) => [
        r.id,
        r.title,
        statusLabel.get(r.status) ?? r.status,
        r.organization,
        r.siret,
        r.themes.map((t) => themeLabel(t) ?? t).join(', '),
        r.communes.join(', '),
        zoneLabel.get(r.zone_type) ?? r.zone_type,
        r.zone_codes.join(', '),
        r.access,
        r.update_frequency_months,
        parisDate(r.confirmed_at),
        r.overdue,
        r.needs_review,
        r.revision_status === 'submitted' ? 'soumise' : r.revision_status === 'draft' ? 'brouillon' : '',
        parisDate(r.published_at),
        parisDate(r.updated_at),
      ]),
    );
  }

  async organizationOffers(
    actor: Actor | null,
    tenant: Tenant,
    organizationId: string,
  ): Promise<OrganizationOfferItem[]> {
    this.policy.authorize(actor, 'offer.read', { tenantId: tenant.id, organizationId }, 'Structure');
    if (!(await this.repo.organizationExists(organizationId))) throw notFound('Structure');
    return (await this.repo.organizationOffers(organizationId)).map((r) => ({
      id: r.id,
      title: r.title,
      summary: r.summary,
      themes: r.themes,
      status: r.status,
      overdue: r.overdue,
      needsReview: r.needs_review,
      reviewComment: r.review_comment,
      revision: r.revision_status ? { status: r.revision_status } : null,
      updateFrequencyMonths: r.update_frequency_months,
      confirmedAt: isoDate(r.confirmed_at),
      publishedAt: r.published_at ? isoDate(r.published_at) : null,
      updatedAt: isoDate(r.updated_at),
    }));
  }
}
