// The plan: read by anyone, replaced as a whole by the département's admins. Saving also links the
// offers whose legacy text names a fiche (offers module) and goes to the audit log.
import { ConflictException, Injectable } from '@nestjs/common';
import { planWriteErrors, type Plan, type PlanSaved } from '@catalogue/contracts';
import type { Actor } from '../../common/auth/actor.js';
import type { RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { AuditLog } from '../../common/audit/audit-log.js';
import { invalidFields, invalidParameter, notFound } from '../../common/errors/app-errors.js';
import { Policy } from '../../common/policy/policy.service.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import { OfferFicheLinks } from '../offers/offer-fiche-links.js';
import { FicheInUseError, StalePlanError, UnknownPlanIdError } from './plan-store.js';
import type { PlanWriteDto } from './plan.dto.js';
import { PlanRepository } from './plan.repository.js';

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

@Injectable()
export class PlanService {
  constructor(
    private readonly repo: PlanRepository,
    private readonly offers: OfferFicheLinks,
    private readonly policy: Policy,
    private readonly audit: AuditLog,
    private readonly db: TenantTransaction,
  ) {}

  async get(): Promise<Plan> {
    const plan = await this.repo.current();
    if (!plan) throw notFound('Plan');
    return plan;
  }

  async save(actor: Actor | null, tenant: Tenant, body: PlanWriteDto, meta: RequestMetaValue): Promise<PlanSaved> {
    this.policy.authorize(actor, 'plan.edit', { tenantId: tenant.id }, 'Plan');
    const broken = planWriteErrors(body);
    if (broken.length) throw invalidFields(broken);
    const { expectedUpdatedAt, ...plan } = body;
    let written;
    try {
      written = await this.repo.write(plan, actor.userId, expectedUpdatedAt ?? null);
    } catch (e) {
      if (e instanceof UnknownPlanIdError) throw invalidParameter(e.field, 'is not an element of this plan');
      if (e instanceof FicheInUseError)
        throw new ConflictException({
          code: 'fiche_in_use',
          message: `${e.numbers.length > 1 ? 'Les fiches' : 'La fiche'} ${e.numbers.join(', ')} ${
            e.numbers.length > 1 ? 'sont nommées' : 'est nommée'
          } par un appel à projets ou une convention : ${e.numbers.length > 1 ? 'elles ne peuvent' : 'elle ne peut'} pas être ${
            e.numbers.length > 1 ? 'retirées' : 'retirée'
          } du plan.`,
          fiches: e.numbers,
        });
      if (e instanceof StalePlanError)
        throw new ConflictException({
          code: 'stale',
          message: 'Le plan a été modifié entre-temps par une autre personne : rechargez-le avant d’enregistrer.',
        });
      throw e;
    }
    const offersUnlinked = written.unlinkedOffers;
    const offersLinked = await this.offers.link(await this.repo.fichesByNumber());
    const { axes, fiches, indicators } = written.counts;
    await this.audit.record(this.db.manager(), {
      tenantId: tenant.id,
      actor,
      action: 'plan.updated',
      targetType: 'insertion_plan',
      targetId: written.planId,
      ip: meta.ip,
      summary: `Plan d’insertion « ${plan.name.trim()} » ${written.created ? 'saisi' : 'modifié'} : ${plural(
        axes,
        'axe',
        'axes',
      )}, ${plural(fiches, 'fiche', 'fiches')}, ${plural(indicators, 'indicateur', 'indicateurs')}${
        written.deletedFiches.length
          ? `, ${plural(written.deletedFiches.length, 'fiche retirée', 'fiches retirées')}`
          : ''
      }${offersLinked ? `, ${plural(offersLinked, 'offre rattachée', 'offres rattachées')}` : ''}${
        offersUnlinked ? `, ${plural(offersUnlinked, 'offre détachée', 'offres détachées')}` : ''
      }`,
    });
    return { plan: (await this.repo.current())!, offersLinked, offersUnlinked };
  }
}
