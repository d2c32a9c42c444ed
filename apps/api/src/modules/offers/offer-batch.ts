// Many offers of one structure at once (a partner's spreadsheet import): each written the way
// POST offers writes one (the same content merge and catalogue writer, in bulk), then submitted
// through the same lifecycle plan as POST …/submit, with their `created` and `submitted` history
// lines, in the caller's transaction. The agents get one email for the batch, not one per offer.
import { Inject, Injectable } from '@nestjs/common';
import type { OfferWrite, UpdateFrequencyMonths } from '@catalogue/contracts';
import { Outbox } from '../../common/outbox/outbox.js';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import { APP_SETTINGS, type AppSettings } from '../../config/settings.js';
import { insertOffers, type OfferInput } from '../../database/catalogue-writer.js';
import { writerInput } from './backoffice-offer.mapper.js';
import { mergeContent } from './offer-content.js';
import { importedEmail, offerLinks } from './offer-emails.js';
import { plan } from './offer-lifecycle.js';
import type { OfferWriteDto } from './offer-write.dto.js';
import { OffersWriteRepository, writerOf } from './offers-write.repository.js';

export interface BatchOffer {
  /** Already checked by the caller (the spreadsheet rules), places and zone in the département. */
  offer: OfferWrite;
  updateFrequencyMonths: UpdateFrequencyMonths;
  /** Unique per tenant: a second write of the same key fails (the caller's guard against a double import). */
  sourceKey: string;
}

export interface BatchResult {
  ids: string[];
  /** `submitted`, or `published` under post-moderation. */
  status: 'submitted' | 'published';
}

@Injectable()
export class OfferBatch {
  constructor(
    private readonly repo: OffersWriteRepository,
    private readonly outbox: Outbox,
    private readonly db: TenantTransaction,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
  ) {}

  /** Creates the offers as drafts and submits them; `notify` false for a dry run. */
  async createSubmitted(
    organizationId: string,
    items: BatchOffer[],
    actor: { userId: string },
    o: { origin: string; notify: boolean },
  ): Promise<BatchResult> {
    const org = await this.repo.organization(organizationId);
    if (!org) throw new Error('OfferBatch: unknown structure');
    const rules = await this.repo.rules();
    const submit = plan('submit', { status: 'draft', needsReview: false, revision: null }, rules.moderation);
    if (items.length === 0) return { ids: [], status: submit.to === 'published' ? 'published' : 'submitted' };

    const contents = items.map((i) => mergeContent(null, i.offer as OfferWriteDto));
    const communes = await this.repo.communes(contents.flatMap((c) => c.places.map((p) => p.communeInsee)));
    const inputs: OfferInput[] = contents.map((c, k) => ({
      ...writerInput(c, org, communes),
      sourceKey: items[k]!.sourceKey,
      status: 'draft',
      sessions: [],
    }));
    const tenant = this.db.tenant();
    const q = (sql: string, params: unknown[]) => this.db.manager().query(sql, params);
    const ids = await insertOffers(writerOf(this.db.manager()), tenant, inputs);
    await q(
      `UPDATE offer o SET update_frequency_months = t.months, created_by = $3, updated_by = $3
         FROM unnest($2::uuid[], $4::int[]) AS t(id, months)
        WHERE o.tenant_id = $1 AND o.id = t.id`,
      [tenant.id, ids, actor.userId, items.map((i) => i.updateFrequencyMonths)],
    );
    await this.events(ids, actor.userId, 'created', null, 'draft', o.origin);
    if (submit.offer) await this.repo.applyOfferPlan(ids, submit.offer, null, actor.userId);
    await this.events(ids, actor.userId, submit.event, submit.from, submit.to, o.origin);

    if (o.notify) {
      const message = importedEmail({
        count: ids.length,
        organization: org.name,
        tenantName: tenant.name,
        url: offerLinks.moderation(this.settings.publicUrl, tenant.slug),
        publishedAtOnce: submit.to === 'published',
      });
      for (const { email } of await this.repo.agents())
        await this.outbox.enqueue(this.db.manager(), { to: email, ...message });
    }
    return { ids, status: submit.to === 'published' ? 'published' : 'submitted' };
  }

  private async events(
    ids: string[],
    actorId: string,
    action: string,
    from: string | null,
    to: string,
    comment: string,
  ) {
    await this.db.manager().query(
      `INSERT INTO offer_event (tenant_id, offer_id, actor_id, action, from_status, to_status, comment, changed_fields, on_revision)
       SELECT $1, t.id, $3, $4, $5, $6, $7, '{}', false FROM unnest($2::uuid[]) AS t(id)`,
      [this.db.tenant().id, ids, actorId, action, from, to, comment],
    );
  }
}
