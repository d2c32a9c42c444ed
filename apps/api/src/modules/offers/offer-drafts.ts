// A draft offer made for a structure by another module (the agreement's signature): written the
// way POST offers writes one (the same content merge, catalogue writer, sessions and `created`
// history line), in the caller's transaction, then linked to its plan fiche. The structure then
// completes it in the usual editor and submits it to the usual moderation.
import { Injectable } from '@nestjs/common';
import type { ZoneType } from '@catalogue/domain';
import { AuditLog } from '../../common/audit/audit-log.js';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { sessionUpdates, writerInput } from './backoffice-offer.mapper.js';
import { mergeContent } from './offer-content.js';
import type { OfferWriteDto } from './offer-write.dto.js';
import { OffersWriteRepository } from './offers-write.repository.js';

/** An offer needs a theme: the structure's own, or this one, for the structure to change. */
export const FALLBACK_THEME =
  'difficultes-administratives-ou-juridiques--beneficier-dune-mesure-daccompagnement-adapte';

export interface DraftOffer {
  organizationId: string;
  title: string;
  summary: string;
  description: string;
  audiences: string[];
  diffusionZone: { type: ZoneType; codes: string[] };
  places: { label: string | null; address: string; communeInsee: string; lat: number; lng: number }[];
  sessions: { startsAt: string; endsAt: string | null; capacity: number }[];
  planFicheId: string | null;
  /** What the history says of its origin (« Créée à la signature de la convention … »). */
  origin: string;
  actor: { userId: string; email: string };
}

@Injectable()
export class OfferDrafts {
  constructor(
    private readonly repo: OffersWriteRepository,
    private readonly sessions: SessionsService,
    private readonly audit: AuditLog,
    private readonly db: TenantTransaction,
  ) {}

  /** Creates the draft in the current transaction; returns its id. */
  async create(d: DraftOffer): Promise<string> {
    const org = await this.repo.organization(d.organizationId);
    if (!org) throw new Error('OfferDrafts: unknown structure');
    const body = {
      title: d.title.slice(0, 200),
      summary: d.summary.slice(0, 500),
      description: d.description.slice(0, 10_000),
      themes: await this.themesOf(d.organizationId),
      audiences: d.audiences,
      access: 'prescription',
      diffusionZone: {
        type: d.diffusionZone.type,
        areas: d.diffusionZone.type === 'departement' ? [] : d.diffusionZone.codes.map((code) => ({ code })),
      },
      places: d.places,
      sessions: d.sessions,
    } as unknown as OfferWriteDto;
    const content = mergeContent(null, body);
    const communes = await this.repo.communes(content.places.map((p) => p.communeInsee));
    const id = await this.repo.create({ ...writerInput(content, org, communes), status: 'draft' }, 6, d.actor.userId);
    await this.sessions.replaceForOffer(id, sessionUpdates(content));
    await this.repo.addEvent({
      offerId: id,
      actorId: d.actor.userId,
      action: 'created',
      from: null,
      to: 'draft',
      comment: d.origin,
    });
    const tenantId = this.db.tenant().id;
    if (d.planFicheId)
      await this.db
        .manager()
        .query(`UPDATE offer SET plan_fiche_id = $3 WHERE tenant_id = $1 AND id = $2`, [tenantId, id, d.planFicheId]);
    await this.audit.record(this.db.manager(), {
      tenantId,
      actor: d.actor,
      action: 'offer.created',
      targetType: 'offer',
      targetId: id,
      summary: `Offre brouillon « ${content.title} » créée pour ${org.name} (${d.origin})`,
    });
    return id;
  }

  /** The themes of the structure's latest offer, else the fallback. */
  private async themesOf(organizationId: string): Promise<string[]> {
    const rows: { themes: string[] }[] = await this.db
      .manager()
      .query(
        `SELECT themes FROM offer WHERE tenant_id = $1 AND organization_id = $2 ORDER BY updated_at DESC LIMIT 1`,
        [this.db.tenant().id, organizationId],
      );
    return rows[0]?.themes.length ? rows[0].themes : [FALLBACK_THEME];
  }
}
