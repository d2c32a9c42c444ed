// Bilans: the structure fills its bilan (declared figures beside the computed ones, budget lines,
// texts) and submits it; the agents ask for changes or validate; an agent opens one early or asks
// for one on any offer. Each use case asks the policy first, locks the bilan's row, asks the pure
// state machine, and writes the change, its history line, its audit entry and its emails.
import { ConflictException, Injectable } from '@nestjs/common';
import {
  bilanSubmitErrors,
  bilanWriteErrors,
  isIsoDate,
  toCents,
  type Bilan,
  type BilanIndicatorValue,
  type BilanStatus,
  type BilanSummary,
} from '@catalogue/contracts';
import type { Actor } from '../../common/auth/actor.js';
import type { RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { AuditLog } from '../../common/audit/audit-log.js';
import { invalidFields, notFound } from '../../common/errors/app-errors.js';
import { Policy } from '../../common/policy/policy.service.js';
import type { Resource } from '../../common/policy/policy.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import { BilanFiguresRepository } from './bilan-figures.repository.js';
import {
  addDays,
  EDITABLE_STATUSES,
  InvalidBilanTransition,
  OPEN_DAYS_BEFORE,
  parisToday,
  plan,
  possible,
  type BilanAction,
  type BilanPlan,
} from './bilan-lifecycle.js';
import { BilanNotices, type BilanNotice } from './bilan-notices.js';
import { figuresOf, frozen, moneyOf, summaryOf } from './bilan-view.js';
import type { BilanCreateDto, BilanListQueryDto, BilanPatchDto } from './bilans.dto.js';
import { BilansRepository, type BilanRow, type StoredDeclared, type StoredFigures } from './bilans.repository.js';

const invalidTransition = (message: string) => new ConflictException({ code: 'invalid_transition', message });
const STEP_WORDS: Record<BilanPlan['event'], string> = {
  opened: 'ouvert',
  edited: 'modifié',
  submitted: 'transmis',
  changes_requested: 'renvoyé pour compléments',
  validated: 'validé',
};

@Injectable()
export class BilansService {
  constructor(
    private readonly repo: BilansRepository,
    private readonly figures: BilanFiguresRepository,
    private readonly notices: BilanNotices,
    private readonly policy: Policy,
    private readonly audit: AuditLog,
    private readonly db: TenantTransaction,
  ) {}

  private resource(tenant: Tenant, r: Pick<BilanRow, 'organization_id'>): Resource {
    return { tenantId: tenant.id, organizationId: r.organization_id };
  }

  /**
   * `mine`: the bilans of the reader's structures (agents without a structure: none); `all`: every
   * structure's, agents only (a structure's member is refused, 403; anyone else sees nothing, 404).
   */
  async list(actor: Actor | null, tenant: Tenant, q: BilanListQueryDto): Promise<{ items: BilanSummary[] }> {
    const own = (actor?.memberships ?? [])
      .filter((m) => m.tenantId === tenant.id && m.status === 'active' && m.organizationId)
      .map((m) => m.organizationId!);
    let organizationIds: string[] | null;
    if (q.view === 'all') {
      this.policy.authorize(actor, 'bilan.review', { tenantId: tenant.id, organizationId: own[0] }, 'Bilans');
      organizationIds = q.organizationId ? [q.organizationId] : null;
    } else if (q.organizationId) {
      this.policy.authorize(
        actor,
        'bilan.read',
        { tenantId: tenant.id, organizationId: q.organizationId },
        'Structure',
      );
      organizationIds = [q.organizationId];
    } else if (own.length) {
      for (const organizationId of own)
        this.policy.authorize(actor, 'bilan.read', { tenantId: tenant.id, organizationId }, 'Bilans');
      organizationIds = own;
    } else {
      // No structure: only an agent may ask (and has none of its own).
      this.policy.authorize(actor, 'bilan.review', { tenantId: tenant.id }, 'Bilans');
      organizationIds = [];
    }
    const today = parisToday();
    const rows = await this.repo.list({ organizationIds, status: q.status, year: q.year });
    return { items: rows.map((r) => summaryOf(r, today)) };
  }

  /** The bilan if the reader may see it (404 otherwise, exactly like a missing one). */
  async readable(actor: Actor | null, tenant: Tenant, id: string): Promise<BilanRow> {
    const r = await this.repo.load(id);
    if (!r) throw notFound('Bilan');
    this.policy.authorize(actor, 'bilan.read', this.resource(tenant, r), 'Bilan');
    return r;
  }

  /** Readable, then `action` allowed to the actor, then the row locked for the change. */
  private async lockedFor(
    actor: Actor | null,
    tenant: Tenant,
    id: string,
    action: 'bilan.edit' | 'bilan.review',
  ): Promise<BilanRow> {
    const before = await this.readable(actor, tenant, id);
    this.policy.authorize(actor, action, this.resource(tenant, before), 'Bilan');
    return (await this.repo.load(id, true))!;
  }

  async get(actor: Actor | null, tenant: Tenant, id: string): Promise<Bilan> {
    const r = await this.readable(actor, tenant, id);
    return this.view(actor!, tenant, r);
  }

  async edit(
    actor: Actor | null,
    tenant: Tenant,
    id: string,
    body: BilanPatchDto,
    meta: RequestMetaValue,
  ): Promise<Bilan> {
    const r = await this.lockedFor(actor, tenant, id, 'bilan.edit');
    this.planOf('edit', r.status);
    if (body.version !== r.version)
      throw new ConflictException({
        code: 'stale',
        message: 'Le bilan a été modifié entre-temps : rechargez-le avant d’enregistrer.',
      });
    const live = await this.figures.compute(r.offer_id, r.period_start, r.period_end);
    const errors = bilanWriteErrors(body, live);
    if (errors.length) throw invalidFields(errors);
    const declared: Record<string, StoredDeclared> = { ...r.declared };
    for (const [key, entry] of Object.entries(body.declared ?? {})) {
      const justification = entry?.justification?.trim() || null;
      if (entry!.value === null && !justification) delete declared[key];
      else declared[key] = { value: entry!.value, justification };
    }
    const indicators: BilanIndicatorValue[] | undefined = body.indicators?.map((w) => {
      const stored =
        r.indicator_values.find((s) => w.indicatorId && s.indicatorId === w.indicatorId) ??
        r.indicator_values.find((s) => !w.indicatorId && s.label === w.label.trim());
      return {
        indicatorId: stored?.indicatorId ?? null,
        label: w.label.trim(),
        unit: stored?.unit ?? '',
        target: stored?.target ?? null,
        value: w.value ?? null,
        comment: w.comment?.trim() ?? '',
      };
    });
    const saved = await this.repo.updateContent(
      id,
      {
        declared,
        indicators: indicators ?? r.indicator_values,
        budgetLines:
          body.budgetLines?.map((l) => ({
            label: l.label.trim(),
            plannedCents: l.planned === null || l.planned === undefined ? null : toCents(l.planned, 1e9)!,
            spentCents: toCents(l.spent, 1e9)!,
          })) ?? r.budget_lines,
        whatWorked: body.whatWorked ?? r.what_worked,
        difficulties: body.difficulties ?? r.difficulties,
        outlook: body.outlook ?? r.outlook,
      },
      r.version,
    );
    if (!saved) throw invalidTransition('Le bilan n’est plus modifiable.');
    await this.record(actor!, tenant, r, 'bilan.edited', 'modifié', meta);
    return this.get(actor, tenant, id);
  }

  /**
   * The submission: under the row lock, the figures computed now are checked (justifications) and
   * frozen, and the bilan moves by a conditional UPDATE … WHERE status IN (open,
   * changes_requested): of two racing submissions, the second finds it submitted (409).
   */
  async submit(actor: Actor | null, tenant: Tenant, id: string, meta: RequestMetaValue): Promise<Bilan> {
    const r = await this.lockedFor(actor, tenant, id, 'bilan.edit');
    const p = this.planOf('submit', r.status);
    const live = await this.figures.compute(r.offer_id, r.period_start, r.period_end);
    const errors = bilanSubmitErrors({
      whatWorked: r.what_worked,
      figures: figuresOf(r, live),
      money: moneyOf(r, parisToday()),
    });
    if (errors.length) throw invalidFields(errors);
    if (!(await this.repo.move(id, EDITABLE_STATUSES, p.to, { computed: live })))
      throw invalidTransition('Ce bilan a déjà été transmis.');
    return this.after(actor!, tenant, r, p, { kind: 'submitted' }, null, meta);
  }

  async requestChanges(
    actor: Actor | null,
    tenant: Tenant,
    id: string,
    message: string,
    meta: RequestMetaValue,
  ): Promise<Bilan> {
    const r = await this.lockedFor(actor, tenant, id, 'bilan.review');
    const p = this.planOf('request_changes', r.status);
    const text = message.trim();
    if (!text) throw invalidFields([{ field: 'message', message: 'Message : les compléments attendus, à renseigner' }]);
    if (!(await this.repo.move(id, [p.from], p.to, { changesMessage: text })))
      throw invalidTransition('Le bilan a changé.');
    return this.after(actor!, tenant, r, p, { kind: 'changes_requested', message: text }, text, meta);
  }

  async validate(actor: Actor | null, tenant: Tenant, id: string, meta: RequestMetaValue): Promise<Bilan> {
    const r = await this.lockedFor(actor, tenant, id, 'bilan.review');
    const p = this.planOf('validate', r.status);
    if (!(await this.repo.move(id, [p.from], p.to, { validatedBy: actor!.userId })))
      throw invalidTransition('Le bilan a changé.');
    return this.after(actor!, tenant, r, p, { kind: 'validated' }, null, meta);
  }

  /** An agent opens a bilan before the clock does (30 days before its due date). */
  async open(actor: Actor | null, tenant: Tenant, id: string, meta: RequestMetaValue): Promise<Bilan> {
    const r = await this.lockedFor(actor, tenant, id, 'bilan.review');
    const p = this.planOf('open', r.status);
    if (!(await this.repo.move(id, [p.from], p.to))) throw invalidTransition('Le bilan a changé.');
    return this.after(actor!, tenant, r, p, { kind: 'opened' }, null, meta);
  }

  /** The clock opens a bilan, in the current transaction; false when it moved meanwhile. */
  async openBySystem(tenant: Tenant, id: string): Promise<boolean> {
    const r = await this.repo.load(id, true);
    if (!r || !possible('open', r.status)) return false;
    if (!(await this.repo.move(id, ['to_come'], 'open'))) return false;
    await this.repo.addEvent({ id, from: 'to_come', to: 'open', actorId: null, message: 'Échéance dans 30 jours' });
    await this.audit.record(this.db.manager(), {
      tenantId: tenant.id,
      actor: null,
      action: 'bilan.opened',
      targetType: 'bilan',
      targetId: id,
      summary: `Bilan ${r.year} de ${r.organization_name} ouvert`,
    });
    await this.notices.send(tenant, (await this.repo.load(id))!, { kind: 'opened' }, null);
    return true;
  }

  /** An agent asks for a bilan of an offer funded outside the agreements (409 when one exists for that year). */
  async create(actor: Actor | null, tenant: Tenant, body: BilanCreateDto, meta: RequestMetaValue): Promise<Bilan> {
    this.policy.authorize(actor, 'bilan.create', { tenantId: tenant.id }, 'Bilans');
    const errors = (['periodStart', 'periodEnd', 'dueOn'] as const)
      .filter((f) => !isIsoDate(body[f]))
      .map((field) => ({ field, message: 'Date invalide' }));
    if (!errors.length && body.periodEnd < body.periodStart)
      errors.push({ field: 'periodEnd', message: 'Fin de période : pas avant son début' });
    if (errors.length) throw invalidFields(errors);
    const offer = await this.repo.offer(body.offerId);
    if (!offer) throw notFound('Offre');
    const id = await this.repo.createForOffer({
      offerId: body.offerId,
      organizationId: offer.organization_id,
      year: body.year,
      periodStart: body.periodStart,
      periodEnd: body.periodEnd,
      dueOn: body.dueOn,
      createdBy: actor.userId,
    });
    if (!id)
      throw new ConflictException({
        code: 'bilan_exists',
        message: `Un bilan ${body.year} existe déjà pour cette offre.`,
      });
    await this.repo.addEvent({ id, from: null, to: 'to_come', actorId: actor.userId });
    const r = (await this.repo.load(id))!;
    await this.record(actor, tenant, r, 'bilan.created', 'demandé', meta);
    // Within the opening window already: the structure is asked at once.
    if (addDays(body.dueOn, -OPEN_DAYS_BEFORE) <= parisToday()) await this.openBySystem(tenant, id);
    return this.get(actor, tenant, id);
  }

  // ---- Helpers ------------------------------------------------------------------------------

  private planOf(action: BilanAction, status: BilanStatus): BilanPlan {
    try {
      return plan(action, status);
    } catch (e) {
      if (e instanceof InvalidBilanTransition) throw invalidTransition(e.message);
      throw e;
    }
  }

  /** A transition's history line, audit entry and emails; the bilan as it is now. */
  private async after(
    actor: Actor,
    tenant: Tenant,
    r: BilanRow,
    p: BilanPlan,
    notice: BilanNotice,
    message: string | null,
    meta: RequestMetaValue,
  ): Promise<Bilan> {
    await this.repo.addEvent({ id: r.id, from: r.status, to: p.to, actorId: actor.userId, message });
    await this.record(actor, tenant, r, `bilan.${p.event}`, STEP_WORDS[p.event], meta);
    const moved = (await this.repo.load(r.id))!;
    await this.notices.send(tenant, moved, notice, actor.userId);
    return this.view(actor, tenant, moved);
  }

  private async record(
    actor: Actor,
    tenant: Tenant,
    r: BilanRow,
    action: string,
    words: string,
    meta: RequestMetaValue,
  ) {
    await this.audit.record(this.db.manager(), {
      tenantId: tenant.id,
      actor,
      action,
      targetType: 'bilan',
      targetId: r.id,
      summary: `Bilan ${r.year} « ${r.agreement_title ?? r.offer_title ?? ''} » ${words} (${r.organization_name})`,
      ip: meta.ip,
    });
  }

  private async view(actor: Actor, tenant: Tenant, r: BilanRow): Promise<Bilan> {
    const today = parisToday();
    const computed: StoredFigures = frozen(r)
      ? r.computed!
      : await this.figures.compute(r.offer_id, r.period_start, r.period_end);
    const [events, documents] = await Promise.all([this.repo.events(r.id), this.repo.documents(r.id)]);
    const edits = this.policy.can(actor, 'bilan.edit', this.resource(tenant, r));
    const reviews = this.policy.can(actor, 'bilan.review', this.resource(tenant, r));
    return {
      ...summaryOf(r, today),
      figures: figuresOf(r, computed),
      indicators: r.indicator_values,
      money: moneyOf(r, today),
      whatWorked: r.what_worked,
      difficulties: r.difficulties,
      outlook: r.outlook,
      documents: documents.map((d) => ({
        id: d.id,
        fileName: d.file_name,
        mediaType: d.media_type,
        sizeBytes: Number(d.size_bytes),
        uploadedAt: d.created_at.toISOString(),
      })),
      changesMessage: r.changes_message,
      events: events.map((e) => ({
        fromStatus: e.from_status,
        toStatus: e.to_status,
        actorName: e.actor_name,
        message: e.message,
        at: e.at.toISOString(),
      })),
      version: r.version,
      can: {
        edit: edits && possible('edit', r.status),
        submit: edits && possible('submit', r.status),
        requestChanges: reviews && possible('request_changes', r.status),
        validate: reviews && possible('validate', r.status),
      },
    };
  }
}
