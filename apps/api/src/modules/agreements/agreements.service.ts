// Agreements: agents adjust the drafted terms and send them for signature; the structure (or an
// agent) uploads the signed PDF, which creates the draft offer in the same transaction; the clock
// starts and closes them. Each use case asks the policy first, locks the agreement's row, asks the
// pure state machine, and writes the change, its history line, its audit entry and its emails.
import { ConflictException, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { agreementTermsErrors, fromCents, toCents, type Agreement, type AgreementListItem } from '@catalogue/contracts';
import type { Actor } from '../../common/auth/actor.js';
import type { RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { AuditLog } from '../../common/audit/audit-log.js';
import { invalidFields, notFound } from '../../common/errors/app-errors.js';
import { Outbox, type EmailMessage } from '../../common/outbox/outbox.js';
import { Policy } from '../../common/policy/policy.service.js';
import type { Resource } from '../../common/policy/policy.js';
import { checkDocument, type UploadedDocument } from '../../common/storage/documents.js';
import { FileStorage } from '../../common/storage/file-storage.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import { APP_SETTINGS, type AppSettings } from '../../config/settings.js';
import { OfferDrafts } from '../offers/offer-drafts.js';
import { PlanReader } from '../plan/plan-reader.js';
import { agreementLinks, closedEmail, sentEmail, signedAgentsEmail, signedStructureEmail } from './agreement-emails.js';
import {
  factsOf,
  InvalidAgreementTransition,
  parisToday,
  plan,
  type AgreementAction,
  type AgreementPlan,
} from './agreement-lifecycle.js';
import { draftOfferOf } from './agreement-offer.js';
import { agreementPdf } from './agreement-pdf.js';
import type { AgreementListQueryDto, AgreementPatchDto } from './agreements.dto.js';
import { AgreementsRepository, type AgreementRow } from './agreements.repository.js';

const invalidTransition = (message: string) => new ConflictException({ code: 'invalid_transition', message });
const STATUS_WORDS = {
  sent: 'envoyée pour signature',
  signed: 'signée',
  running: 'en cours',
  closed: 'close',
} as const;

/** The file name of an agreement's PDF. */
export const pdfName = (a: Pick<AgreementRow, 'id'>) => `convention-${a.id.slice(0, 8)}.pdf`;

@Injectable()
export class AgreementsService {
  constructor(
    private readonly repo: AgreementsRepository,
    private readonly plan: PlanReader,
    private readonly offers: OfferDrafts,
    private readonly files: FileStorage,
    private readonly policy: Policy,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly db: TenantTransaction,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
  ) {}

  private resource(tenant: Tenant, r: Pick<AgreementRow, 'organization_id'>): Resource {
    return { tenantId: tenant.id, organizationId: r.organization_id };
  }

  async list(actor: Actor | null, tenant: Tenant, q: AgreementListQueryDto): Promise<{ items: AgreementListItem[] }> {
    // A structure's own agreements (its members, agents); all of them, the agents only.
    if (q.organizationId)
      this.policy.authorize(
        actor,
        'agreement.read',
        { tenantId: tenant.id, organizationId: q.organizationId },
        'Structure',
      );
    else this.policy.authorize(actor, 'agreement.manage', { tenantId: tenant.id });
    const rows = await this.repo.list(q);
    return {
      items: rows.map((r) => ({
        id: r.id,
        callId: r.call_id,
        callTitle: r.call_title,
        organizationId: r.organization_id,
        organizationName: r.organization_name,
        status: r.status,
        title: r.title,
        amount: fromCents(r.amount_cents)!,
        startsOn: r.starts_on,
        endsOn: r.ends_on,
        offerId: r.offer_id,
      })),
    };
  }

  /** The agreement if the reader may see it (404 otherwise, exactly like a missing one). */
  private async readable(actor: Actor | null, tenant: Tenant, id: string, lock = false): Promise<AgreementRow> {
    const r = await this.repo.load(id, lock);
    if (!r) throw notFound('Convention');
    this.policy.authorize(actor, 'agreement.read', this.resource(tenant, r), 'Convention');
    return r;
  }

  async get(actor: Actor | null, tenant: Tenant, id: string): Promise<Agreement> {
    const r = await this.readable(actor, tenant, id);
    return this.view(actor!, tenant, r);
  }

  async pdf(actor: Actor | null, tenant: Tenant, id: string): Promise<{ fileName: string; data: Buffer }> {
    const r = await this.readable(actor, tenant, id);
    return { fileName: pdfName(r), data: await this.render(tenant, r) };
  }

  async edit(actor: Actor | null, tenant: Tenant, id: string, body: AgreementPatchDto, meta: RequestMetaValue) {
    const before = await this.readable(actor, tenant, id);
    this.policy.authorize(actor, 'agreement.manage', this.resource(tenant, before), 'Convention');
    const r = (await this.repo.load(id, true))!;
    this.planOf('edit', r);
    if (body.version !== r.version)
      throw new ConflictException({
        code: 'stale',
        message: 'La convention a été modifiée entre-temps : rechargez-la avant d’enregistrer.',
      });
    const terms = {
      title: body.title?.trim() ?? r.title,
      startsOn: body.startsOn ?? r.starts_on,
      endsOn: body.endsOn ?? r.ends_on,
      paymentSchedule:
        body.paymentSchedule?.map((t) => ({ label: t.label.trim(), amount: t.amount, dueOn: t.dueOn })) ??
        r.payment_schedule.map((t) => ({ label: t.label, amount: t.amountCents / 100, dueOn: t.dueOn })),
      indicatorTargets: body.indicatorTargets ?? r.indicators.map((i) => i.target),
      bilanDueDates: body.bilanDueDates ?? r.bilan_due_dates,
    };
    const errors = agreementTermsErrors(terms, fromCents(r.amount_cents)!, r.indicators.length);
    if (errors.length) throw invalidFields(errors);
    const saved = await this.repo.updateTerms(
      id,
      {
        title: terms.title,
        startsOn: terms.startsOn,
        endsOn: terms.endsOn,
        schedule: terms.paymentSchedule.map((t) => ({
          label: t.label,
          amountCents: toCents(t.amount)!,
          dueOn: t.dueOn,
        })),
        indicators: r.indicators.map((i, n) => ({ ...i, target: terms.indicatorTargets[n] ?? null })),
        bilanDueDates: [...new Set(terms.bilanDueDates)].sort(),
      },
      r.version,
    );
    if (!saved) throw invalidTransition('La convention n’est plus modifiable.');
    await this.record(
      actor!,
      tenant,
      r,
      'agreement.edited',
      `Conditions de la convention « ${terms.title} » modifiées`,
      meta,
    );
    return this.get(actor, tenant, id);
  }

  async send(actor: Actor | null, tenant: Tenant, id: string, meta: RequestMetaValue): Promise<Agreement> {
    const before = await this.readable(actor, tenant, id);
    this.policy.authorize(actor, 'agreement.manage', this.resource(tenant, before), 'Convention');
    const r = (await this.repo.load(id, true))!;
    const p = this.planOf('send', r);
    if (!(await this.repo.move(id, p.from, p.to, { sentAt: true }))) throw invalidTransition('La convention a changé.');
    await this.repo.addEvent({ id, from: p.from, to: p.to, actorId: actor!.userId });
    await this.record(actor!, tenant, r, 'agreement.sent', `Convention « ${r.title} » envoyée pour signature`, meta);
    const sent = (await this.repo.load(id))!;
    const pdf = (await this.render(tenant, sent)).toString('base64');
    const email = sentEmail(this.facts(tenant, sent));
    await this.outbox.enqueueAll(
      this.db.manager(),
      (await this.repo.members(r.organization_id)).map((m) => ({
        to: m.email,
        ...email,
        attachments: [{ filename: pdfName(sent), contentType: 'application/pdf', content: pdf, encoding: 'base64' }],
      })),
    );
    return this.view(actor!, tenant, sent);
  }

  /**
   * The signed PDF: under the agreement's row lock, stored, the draft offer created and the
   * agreement moved by a conditional UPDATE, all in this transaction: of two racing uploads, the
   * second waits for the lock, then finds the agreement signed (409) and creates nothing.
   */
  async sign(
    actor: Actor | null,
    tenant: Tenant,
    id: string,
    file: UploadedDocument | undefined,
    meta: RequestMetaValue,
  ): Promise<Agreement> {
    const before = await this.readable(actor, tenant, id);
    this.policy.authorize(actor, 'agreement.sign', this.resource(tenant, before), 'Convention');
    const doc = await checkDocument(file, this.settings.uploadMaxBytes);
    if (doc.mediaType !== 'application/pdf')
      throw new HttpException(
        {
          code: 'unsupported_document_type',
          message: 'La convention signée doit être un PDF (son contenu a été vérifié, pas seulement son nom).',
          parameter: 'file',
        },
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      );
    const r = (await this.repo.load(id, true))!;
    const today = parisToday();
    const p = this.planOf('sign', r, today);
    const stored = await this.files.put('agreements', doc.buffer);
    try {
      const fiches = await this.plan.ficheRefs(await this.repo.callFicheIds(r.call_id));
      const offerId = await this.offers.create(
        draftOfferOf(
          await this.repo.offerSource(id),
          { organizationId: r.organization_id, title: r.title, planFicheId: fiches[0]?.id ?? null },
          tenant.code,
          today,
          `créée à la signature de la convention « ${r.title} »`,
          actor!,
        ),
      );
      const moved = await this.repo.move(id, 'sent', p.to, {
        signed: {
          fileName: doc.fileName,
          mediaType: doc.mediaType,
          sizeBytes: stored.sizeBytes,
          sha256: stored.sha256,
          key: stored.key,
        },
        offerId,
      });
      if (!moved) throw invalidTransition('La convention signée a déjà été déposée.');
    } catch (e) {
      await this.files.delete(stored.key);
      throw e;
    }
    await this.repo.addEvent({
      id,
      from: 'sent',
      to: 'signed',
      actorId: actor!.userId,
      message: doc.fileName.slice(0, 500),
    });
    if (p.to === 'running')
      await this.repo.addEvent({ id, from: 'signed', to: 'running', actorId: null, message: 'L’action a commencé' });
    await this.record(
      actor!,
      tenant,
      r,
      'agreement.signed',
      `Convention « ${r.title} » signée (${doc.fileName})`,
      meta,
    );
    const signed = (await this.repo.load(id))!;
    await this.notify(tenant, signed, p, actor!.userId);
    return this.view(actor!, tenant, signed);
  }

  async close(actor: Actor | null, tenant: Tenant, id: string, meta: RequestMetaValue): Promise<Agreement> {
    const before = await this.readable(actor, tenant, id);
    this.policy.authorize(actor, 'agreement.manage', this.resource(tenant, before), 'Convention');
    const r = (await this.repo.load(id, true))!;
    const p = this.planOf('close', r);
    if (!(await this.repo.move(id, p.from, p.to))) throw invalidTransition('La convention a changé.');
    await this.repo.addEvent({ id, from: p.from, to: p.to, actorId: actor!.userId });
    await this.record(actor!, tenant, r, 'agreement.closed', `Convention « ${r.title} » close`, meta);
    const closed = (await this.repo.load(id))!;
    await this.notify(tenant, closed, p, actor!.userId);
    return this.view(actor!, tenant, closed);
  }

  /** The clock's step on one agreement (start or close), in the current transaction; false when nothing moved. */
  async tick(tenant: Tenant, id: string, today = parisToday()): Promise<boolean> {
    const r = await this.repo.load(id, true);
    if (!r) return false;
    const action: AgreementAction = r.status === 'signed' ? 'start' : 'expire';
    let p: AgreementPlan;
    try {
      p = plan(action, factsOf(this.dates(r), today));
    } catch (e) {
      if (e instanceof InvalidAgreementTransition) return false;
      throw e;
    }
    if (!(await this.repo.move(id, p.from, p.to))) return false;
    await this.repo.addEvent({
      id,
      from: p.from,
      to: p.to,
      actorId: null,
      message: p.to === 'running' ? 'L’action a commencé' : 'Fin de l’action et des bilans',
    });
    await this.audit.record(this.db.manager(), {
      tenantId: tenant.id,
      actor: null,
      action: `agreement.${p.event}`,
      targetType: 'agreement',
      targetId: id,
      summary: `Convention « ${r.title} » ${STATUS_WORDS[p.to as keyof typeof STATUS_WORDS]}`,
    });
    await this.notify(tenant, (await this.repo.load(id))!, p, null);
    return true;
  }

  // ---- Helpers ------------------------------------------------------------------------------

  private dates(r: AgreementRow) {
    return { status: r.status, startsOn: r.starts_on, endsOn: r.ends_on, bilanDueDates: r.bilan_due_dates };
  }

  private planOf(action: AgreementAction, r: AgreementRow, today = parisToday()): AgreementPlan {
    try {
      return plan(action, factsOf(this.dates(r), today));
    } catch (e) {
      if (e instanceof InvalidAgreementTransition) throw invalidTransition(e.message);
      throw e;
    }
  }

  private possible(action: AgreementAction, r: AgreementRow): boolean {
    try {
      plan(action, factsOf(this.dates(r), parisToday()));
      return true;
    } catch {
      return false;
    }
  }

  private async render(tenant: Tenant, r: AgreementRow): Promise<Buffer> {
    const fiches = await this.plan.ficheRefs(await this.repo.callFicheIds(r.call_id));
    return agreementPdf(r, tenant.name, fiches, parisToday());
  }

  private async record(
    actor: Actor,
    tenant: Tenant,
    r: AgreementRow,
    action: string,
    summary: string,
    meta: RequestMetaValue,
  ) {
    await this.audit.record(this.db.manager(), {
      tenantId: tenant.id,
      actor,
      action,
      targetType: 'agreement',
      targetId: r.id,
      summary: `${summary} (${r.organization_name})`,
      ip: meta.ip,
    });
  }

  private facts(tenant: Tenant, r: AgreementRow) {
    return {
      title: r.title,
      organizationName: r.organization_name,
      tenantName: tenant.name,
      amountCents: Number(r.amount_cents),
      url: agreementLinks.one(this.settings.publicUrl, tenant.slug, r.id),
    };
  }

  /** Tells who the plan names, never the actor of the change. */
  private async notify(tenant: Tenant, r: AgreementRow, p: AgreementPlan, actorId: string | null): Promise<void> {
    const facts = this.facts(tenant, r);
    const messages: EmailMessage[] = [];
    if (p.notify.includes('agents')) {
      const email = signedAgentsEmail({ ...facts, running: r.status === 'running' });
      for (const a of await this.repo.agents(r.call_id)) if (a.id !== actorId) messages.push({ to: a.email, ...email });
    }
    if (p.notify.includes('structure')) {
      const email =
        p.event === 'signed' && r.offer_id
          ? signedStructureEmail({
              ...facts,
              offerUrl: agreementLinks.offer(this.settings.publicUrl, tenant.slug, r.offer_id),
            })
          : closedEmail(facts);
      for (const m of await this.repo.members(r.organization_id))
        if (m.id !== actorId) messages.push({ to: m.email, ...email });
    }
    await this.outbox.enqueueAll(this.db.manager(), messages);
  }

  private async view(actor: Actor, tenant: Tenant, r: AgreementRow): Promise<Agreement> {
    const [fiches, events] = await Promise.all([
      this.repo.callFicheIds(r.call_id).then((ids) => this.plan.ficheRefs(ids)),
      this.repo.events(r.id),
    ]);
    const manages = this.policy.can(actor, 'agreement.manage', this.resource(tenant, r));
    const signs = this.policy.can(actor, 'agreement.sign', this.resource(tenant, r));
    return {
      id: r.id,
      applicationId: r.application_id,
      callId: r.call_id,
      callTitle: r.call_title,
      organizationId: r.organization_id,
      organizationName: r.organization_name,
      organizationSiret: r.organization_siret,
      organizationAddress: [r.organization_address, r.organization_commune].filter(Boolean).join(', ') || null,
      status: r.status,
      title: r.title,
      amount: fromCents(r.amount_cents)!,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      paymentSchedule: r.payment_schedule.map((t) => ({ label: t.label, amount: t.amountCents / 100, dueOn: t.dueOn })),
      indicators: r.indicators,
      bilanDueDates: r.bilan_due_dates,
      fiches,
      signedAt: r.signed_at?.toISOString() ?? null,
      signedFileName: r.signed_file_name,
      sentAt: r.sent_at?.toISOString() ?? null,
      offerId: r.offer_id,
      version: r.version,
      events: events.map((e) => ({
        fromStatus: e.from_status,
        toStatus: e.to_status,
        actorName: e.actor_name,
        message: e.message,
        at: e.at.toISOString(),
      })),
      can: {
        edit: manages && this.possible('edit', r),
        send: manages && this.possible('send', r),
        sign: signs && this.possible('sign', r),
        close: manages && this.possible('close', r),
      },
    };
  }
}
