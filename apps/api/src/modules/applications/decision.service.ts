// The committee's decision on an application, made once: under the call's row lock (FOR UPDATE) so
// that decisions take turns and each selection sums what was granted before it against the
// envelope; a conditional UPDATE from `submitted`; a selection drafts its agreement in the same
// transaction. Then the letter (PDF, kept by the storage), emailed to the structure with the letter
// attached, the log and the audit.
import { Inject, Injectable } from '@nestjs/common';
import { envelopeLeft, fromCents, toCents, type Application, type CallDecision } from '@catalogue/contracts';
import type { Actor } from '../../common/auth/actor.js';
import type { RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { AuditLog } from '../../common/audit/audit-log.js';
import { invalidParameter } from '../../common/errors/app-errors.js';
import { Outbox } from '../../common/outbox/outbox.js';
import { FileStorage } from '../../common/storage/file-storage.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import { APP_SETTINGS, type AppSettings } from '../../config/settings.js';
import { AgreementDrafts } from '../agreements/agreement-drafts.js';
import { CallsReader } from '../calls/calls-reader.js';
import { ApplicationAccess, conflict } from './application-access.js';
import { applicationLinks, decisionEmail, euros } from './application-emails.js';
import { ApplicationsRepository, type ApplicationRow } from './applications.repository.js';
import { chefLieuOf, renderLetter } from './decision-letter.js';
import { InstructionRepository } from './instruction.repository.js';

/** The action's title: the answer to a `title` / `project_title` question, else the call and the structure. */
function actionTitle(row: ApplicationRow): string {
  for (const key of ['title', 'project_title']) {
    const v = row.answers[key];
    if (typeof v === 'string' && v.trim()) return v.trim();
  }
  return `${row.call_title} — ${row.organization_name}`;
}

export interface DecisionInput {
  decision: CallDecision;
  amountGranted?: number;
  reasons?: string;
}

@Injectable()
export class DecisionService {
  constructor(
    private readonly repo: ApplicationsRepository,
    private readonly instruction: InstructionRepository,
    private readonly access: ApplicationAccess,
    private readonly calls: CallsReader,
    private readonly agreements: AgreementDrafts,
    private readonly storage: FileStorage,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly db: TenantTransaction,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
  ) {}

  async decide(
    actor: Actor | null,
    tenant: Tenant,
    id: string,
    body: DecisionInput,
    meta: RequestMetaValue,
  ): Promise<Application> {
    const { actor: agent, row: before } = await this.access.authorize(actor, tenant, id, 'application.decide');
    const selected = body.decision === 'selected';
    const reasons = body.reasons?.trim() ?? '';
    let grantedCents: number | null = null;
    if (selected) {
      const requested = before.amount_requested_cents === null ? null : Number(before.amount_requested_cents);
      grantedCents = body.amountGranted === undefined ? null : toCents(body.amountGranted);
      if (grantedCents === null || grantedCents <= 0)
        throw invalidParameter('amountGranted', 'is required to select: an amount in euros above 0');
      if (requested !== null && grantedCents > requested)
        throw invalidParameter('amountGranted', `must not exceed the amount requested (${euros(requested)})`);
    } else {
      if (body.amountGranted !== undefined) throw invalidParameter('amountGranted', 'is only for a selection');
      if (reasons.length < 3)
        throw invalidParameter('reasons', 'must give the reasons of a rejection (3 characters at least)');
    }

    // Decisions on the call's applications take turns from here to the commit.
    await this.calls.lockForDecision(before.call_id);
    const call = (await this.calls.forApplications(before.call_id))!;
    const row = (await this.repo.load(id))!;
    const p = this.access.plan(
      { kind: 'decide', decision: body.decision },
      this.access.facts({ ...row, call_status: call.status }, await this.repo.clock(call.id, id)),
    );
    if (selected) {
      const granted = await this.instruction.grantedCents(call.id);
      if (granted + grantedCents! > call.envelopeCents) {
        const left = envelopeLeft(fromCents(call.envelopeCents)!, [granted / 100]);
        throw conflict(
          'envelope_exceeded',
          `L’enveloppe de l’appel à projets ne le permet pas : il reste ${euros(Math.round(left * 100))} à accorder.`,
          { left },
        );
      }
    }
    const moved = await this.repo.transition(id, 'submitted', body.decision, {
      kind: 'decision',
      amountGrantedCents: grantedCents,
      reasons,
      actorId: agent.userId,
    });
    if (!moved) throw conflict('invalid_transition', 'Ce dossier vient d’être décidé ou a changé d’état.');
    const decided = (await this.repo.load(id))!;
    if (selected)
      await this.agreements.createForSelected({
        applicationId: id,
        callId: call.id,
        organizationId: row.organization_id,
        title: actionTitle(decided),
        amountCents: grantedCents!,
        decidedAt: decided.decided_at!,
        ficheIds: call.ficheIds,
        actorId: agent.userId,
      });
    await this.repo.addEvent({
      applicationId: id,
      kind: p.event!,
      from: p.from,
      to: p.to,
      actorId: agent.userId,
      message: reasons || null,
    });
    await this.audit.record(this.db.manager(), {
      tenantId: tenant.id,
      actor: agent,
      action: selected ? 'application.selected' : 'application.rejected',
      targetType: 'application',
      targetId: id,
      summary: selected
        ? `Dossier de ${row.organization_name} retenu : ${euros(grantedCents!)} (appel à projets « ${call.title} »)`
        : `Dossier de ${row.organization_name} non retenu (appel à projets « ${call.title} »)`,
      ip: meta.ip,
    });
    await this.sendLetter(tenant, decided, selected, grantedCents, reasons);
    return this.access.view(agent, tenant, id);
  }

  /** Writes the letter, keeps it, and emails it to the structure's members (in this transaction). */
  private async sendLetter(
    tenant: Tenant,
    row: ApplicationRow,
    selected: boolean,
    grantedCents: number | null,
    reasons: string,
  ): Promise<void> {
    const chefLieu = chefLieuOf(tenant.code);
    const pdf = await renderLetter({
      departement: { code: tenant.code, name: tenant.name },
      place: chefLieu ? await this.repo.communeName(chefLieu) : null,
      decidedAt: row.decided_at!,
      callTitle: row.call_title,
      organization: {
        name: row.organization_name,
        address: row.organization_address,
        postcode: row.organization_postcode,
        commune: row.organization_commune,
      },
      selected,
      amountRequestedCents: row.amount_requested_cents === null ? null : Number(row.amount_requested_cents),
      amountGrantedCents: grantedCents,
      reasons: reasons || 'Le projet répond aux objectifs et aux critères de l’appel à projets.',
      applicationId: row.id,
    });
    const stored = await this.storage.put('letters', pdf);
    await this.repo.setLetter(row.id, stored.key);
    const email = decisionEmail(
      {
        callTitle: row.call_title,
        organizationName: row.organization_name,
        url: applicationLinks.one(this.settings.publicUrl, tenant.slug, row.id),
      },
      { selected, amountGrantedCents: grantedCents },
      {
        filename: `decision-${row.id.slice(0, 8)}.pdf`,
        contentType: 'application/pdf',
        content: pdf.toString('base64'),
        encoding: 'base64',
      },
    );
    await this.outbox.enqueueAll(
      this.db.manager(),
      (await this.repo.structureEmails(row.organization_id)).map((to) => ({ to, ...email })),
    );
  }
}
