// Applications, the structure's side: start one for a call, save its answers as often as needed,
// submit it once before the deadline (the database clock decides, to the second, in the
// transaction that changes the state, under the call's row lock), withdraw it until the decision.
// And the lists: a structure's applications, a call's (its instructors and the admins).
import { Inject, Injectable } from '@nestjs/common';
import {
  answerErrors,
  fromCents,
  toCents,
  visibleAnswers,
  type AnswerValue,
  type Application,
  type ApplicationListItem,
} from '@catalogue/contracts';
import type { Actor } from '../../common/auth/actor.js';
import type { RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { AuditLog } from '../../common/audit/audit-log.js';
import { invalidFields, notFound } from '../../common/errors/app-errors.js';
import { Outbox, type EmailMessage } from '../../common/outbox/outbox.js';
import { Policy, unauthenticated } from '../../common/policy/policy.service.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import { APP_SETTINGS, type AppSettings } from '../../config/settings.js';
import { CallsReader, type CallForApplications } from '../calls/calls-reader.js';
import { ApplicationAccess, conflict } from './application-access.js';
import {
  applicationLinks,
  deadlineLabel,
  resubmittedToInstructorsEmail,
  submittedEmail,
  withdrawnEmail,
  type ApplicationEmailFacts,
} from './application-emails.js';
import { toListItem } from './application.mapper.js';
import { ApplicationsRepository, type ApplicationRow } from './applications.repository.js';

const CALL = 'Appel à projets';

@Injectable()
export class ApplicationsService {
  constructor(
    private readonly repo: ApplicationsRepository,
    private readonly access: ApplicationAccess,
    private readonly calls: CallsReader,
    private readonly policy: Policy,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly db: TenantTransaction,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
  ) {}

  // ---- Starting ---------------------------------------------------------------------------

  async start(
    actor: Actor | null,
    tenant: Tenant,
    callId: string,
    organizationId: string,
    meta: RequestMetaValue,
  ): Promise<Application> {
    const org = await this.repo.organization(organizationId);
    this.policy.authorize(
      actor,
      'application.create',
      { tenantId: tenant.id, organizationId, organizationStatus: org?.status },
      'Structure',
    );
    if (!org) throw notFound('Structure');
    // FOR SHARE: the call stays as read (published, its dates) until this application exists.
    const call = await this.calls.forApplications(callId, true);
    if (!call || call.status === 'draft') throw notFound(CALL);
    const already = async () => {
      const id = await this.repo.liveOf(callId, organizationId);
      return id
        ? conflict('already_applied', 'Cette structure a déjà un dossier en cours pour cet appel à projets.', {
            existing: { id },
          })
        : null;
    };
    const existing = await already();
    if (existing) throw existing;
    const clock = await this.repo.clock(callId, null);
    this.access.plan({ kind: 'start' }, this.access.facts({ status: null, call_status: call.status }, clock));
    const id = await this.repo.insert(callId, organizationId, actor.userId);
    // Two starts at once: the partial unique index made the second wait, then insert nothing.
    if (!id) throw (await already()) ?? conflict('already_applied', 'Cette structure a déjà un dossier en cours.');
    await this.audit.record(this.db.manager(), {
      tenantId: tenant.id,
      actor,
      action: 'application.started',
      targetType: 'application',
      targetId: id,
      summary: `Dossier commencé par ${org.name} pour l’appel à projets « ${call.title} »`,
      ip: meta.ip,
    });
    return this.access.view(actor, tenant, id);
  }

  // ---- Reading ----------------------------------------------------------------------------

  async listOfOrganization(
    actor: Actor | null,
    tenant: Tenant,
    organizationId: string,
  ): Promise<ApplicationListItem[]> {
    this.policy.authorize(actor, 'application.read', { tenantId: tenant.id, organizationId }, 'Structure');
    return (await this.repo.list({ organizationId })).map(toListItem);
  }

  async listOfCall(actor: Actor | null, tenant: Tenant, callId: string): Promise<ApplicationListItem[]> {
    if (!actor) throw unauthenticated();
    const instructor = await this.calls.isInstructor(callId, actor.userId);
    // No structure: the call's instructors and the admins; another agent is refused, anyone else sees nothing.
    this.policy.authorize(actor, 'application.read', { tenantId: tenant.id, organizationId: null, instructor }, CALL);
    if (!(await this.calls.forApplications(callId))) throw notFound(CALL);
    return (await this.repo.list({ callId })).map(toListItem);
  }

  async get(actor: Actor | null, tenant: Tenant, id: string): Promise<Application> {
    const { actor: reader } = await this.access.authorize(actor, tenant, id, 'application.read');
    return this.access.view(reader, tenant, id);
  }

  // ---- Editing ----------------------------------------------------------------------------

  async save(
    actor: Actor | null,
    tenant: Tenant,
    id: string,
    body: { answers?: Record<string, AnswerValue>; amountRequested?: number | null; version?: number },
  ): Promise<Application> {
    const { actor: member, row } = await this.access.authorize(actor, tenant, id, 'application.edit');
    this.access.plan({ kind: 'edit' }, this.access.facts(row, await this.repo.clock(row.call_id, id)));
    const call = (await this.calls.forApplications(row.call_id))!;
    const answers = body.answers ?? row.answers;
    const amount = body.amountRequested !== undefined ? body.amountRequested : fromCents(row.amount_requested_cents);
    const errors = answerErrors(call.questions, answers, { complete: false, amountRequested: amount });
    if (errors.length) throw invalidFields(errors);
    const kept = visibleAnswers(call.questions, answers);
    await this.checkPlaces(tenant, call, kept);
    const saved = await this.repo.save(id, kept, amount === null ? null : toCents(amount), body.version ?? null);
    if (!saved) {
      const now = (await this.repo.load(id))!;
      if (now.status !== 'draft' && now.status !== 'completion_requested')
        throw conflict('invalid_transition', 'Ce dossier n’est plus modifiable.');
      throw conflict('stale', 'Le dossier a été modifié entre-temps : rechargez-le avant d’enregistrer.', {
        version: now.version,
      });
    }
    return this.access.view(member, tenant, id);
  }

  /** A `commune` answer names a commune (INSEE) or an EPCI (SIREN) of this département. */
  private async checkPlaces(tenant: Tenant, call: CallForApplications, answers: Record<string, AnswerValue>) {
    const wrong = [];
    for (const q of call.questions) {
      const v = answers[q.key];
      if (q.type !== 'commune' || typeof v !== 'string' || !v) continue;
      if (!(await this.repo.isPlaceOf(v, tenant.code)))
        wrong.push({ field: `answers.${q.key}`, message: `${q.label} : une commune ou un EPCI du département` });
    }
    if (wrong.length) throw invalidFields(wrong);
  }

  // ---- Submitting and withdrawing ---------------------------------------------------------

  async submit(actor: Actor | null, tenant: Tenant, id: string, meta: RequestMetaValue): Promise<Application> {
    const { actor: member, row } = await this.access.authorize(actor, tenant, id, 'application.edit');
    // FOR SHARE on the call: its closing waits for this submission, and the deadline read below holds.
    const call = (await this.calls.forApplications(row.call_id, true))!;
    const clock = await this.repo.clock(row.call_id, id);
    const facts = this.access.facts({ ...row, call_status: call.status }, clock);
    if (row.status === 'draft' && !clock.before_deadline && call.closesAt)
      throw conflict(
        'call_closed',
        `L’appel à projets est clos depuis le ${deadlineLabel(call.closesAt)} : le dossier ne peut plus être déposé.`,
        { closesAt: call.closesAt.toISOString() },
      );
    if (row.status === 'completion_requested' && !clock.before_completion_due && row.completion_due_at)
      throw conflict(
        'call_closed',
        `Le délai pour compléter le dossier a expiré le ${deadlineLabel(row.completion_due_at)} : il ne peut plus être redéposé.`,
        { closesAt: row.completion_due_at.toISOString() },
      );
    const p = this.access.plan({ kind: 'submit' }, facts);
    const documents = await this.repo.documents(id);
    const errors = answerErrors(call.questions, row.answers, {
      complete: true,
      documentKeys: new Set(documents.map((d) => d.key)),
      requiredDocuments: call.documents,
      amountRequested: fromCents(row.amount_requested_cents),
    });
    if (errors.length) throw invalidFields(errors);
    // Once: the UPDATE only moves an application still in the state the plan was made from.
    if (!(await this.repo.transition(id, row.status, 'submitted', { kind: 'submitted' })))
      throw conflict('invalid_transition', 'Ce dossier vient d’être déposé ou a changé d’état.');
    await this.repo.addEvent({ applicationId: id, kind: p.event!, from: p.from, to: p.to, actorId: member.userId });
    await this.audit.record(this.db.manager(), {
      tenantId: tenant.id,
      actor: member,
      action: p.event === 'resubmitted' ? 'application.resubmitted' : 'application.submitted',
      targetType: 'application',
      targetId: id,
      summary: `Dossier de ${row.organization_name} ${p.event === 'resubmitted' ? 'redéposé' : 'déposé'} (appel à projets « ${call.title} »)`,
      ip: meta.ip,
    });
    const after = (await this.repo.load(id))!;
    const facts4mail = this.emailFacts(tenant, after);
    const messages: EmailMessage[] = (await this.repo.structureEmails(row.organization_id)).map((to) => ({
      to,
      ...submittedEmail(facts4mail, after.submitted_at!, p.event === 'resubmitted'),
    }));
    if (p.notify.includes('instructors'))
      for (const i of await this.calls.instructorsOf(row.call_id))
        messages.push({ to: i.email, ...resubmittedToInstructorsEmail(facts4mail) });
    await this.outbox.enqueueAll(this.db.manager(), messages);
    return this.access.view(member, tenant, id);
  }

  async withdraw(
    actor: Actor | null,
    tenant: Tenant,
    id: string,
    reason: string | undefined,
    meta: RequestMetaValue,
  ): Promise<Application> {
    const { actor: member, row } = await this.access.authorize(actor, tenant, id, 'application.edit');
    const p = this.access.plan({ kind: 'withdraw' }, this.access.facts(row, await this.repo.clock(row.call_id, id)));
    if (!(await this.repo.transition(id, row.status, 'withdrawn', { kind: 'plain' })))
      throw conflict('invalid_transition', 'Ce dossier vient de changer d’état.');
    const message = reason?.trim() || null;
    await this.repo.addEvent({
      applicationId: id,
      kind: 'withdrawn',
      from: p.from,
      to: p.to,
      actorId: member.userId,
      message,
    });
    await this.audit.record(this.db.manager(), {
      tenantId: tenant.id,
      actor: member,
      action: 'application.withdrawn',
      targetType: 'application',
      targetId: id,
      summary: `Dossier de ${row.organization_name} retiré (appel à projets « ${row.call_title} »)${message ? ` : ${message}` : ''}`,
      ip: meta.ip,
    });
    if (p.notify.includes('instructors')) {
      const email = withdrawnEmail(this.emailFacts(tenant, row), message);
      await this.outbox.enqueueAll(
        this.db.manager(),
        (await this.calls.instructorsOf(row.call_id)).map((i) => ({ to: i.email, ...email })),
      );
    }
    return this.access.view(member, tenant, id);
  }

  private emailFacts(tenant: Tenant, row: ApplicationRow): ApplicationEmailFacts {
    return {
      callTitle: row.call_title,
      organizationName: row.organization_name,
      url: applicationLinks.one(this.settings.publicUrl, tenant.slug, row.id),
    };
  }
}
