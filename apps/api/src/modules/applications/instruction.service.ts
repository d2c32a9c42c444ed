// The instruction of applications: a completion asked of the structure (what is missing, until
// when), each assigned agent's scores on the call's grid with the declaration of no conflict of
// interest, and the call's ranking against its envelope. The decisions: decision.service.ts.
import { Inject, Injectable } from '@nestjs/common';
import {
  fromCents,
  weightedTotal,
  type Application,
  type GridCriterion,
  type Ranking,
  type RankingLine,
} from '@catalogue/contracts';
import type { Actor } from '../../common/auth/actor.js';
import type { RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { AuditLog } from '../../common/audit/audit-log.js';
import { invalidFields, invalidParameter, notFound } from '../../common/errors/app-errors.js';
import { Outbox } from '../../common/outbox/outbox.js';
import { Policy, unauthenticated } from '../../common/policy/policy.service.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import { APP_SETTINGS, type AppSettings } from '../../config/settings.js';
import { CallsReader } from '../calls/calls-reader.js';
import { ApplicationAccess, conflict } from './application-access.js';
import { applicationLinks, completionEmail, deadlineLabel } from './application-emails.js';
import { ApplicationsRepository } from './applications.repository.js';
import { InstructionRepository, type RankingRow } from './instruction.repository.js';

/** A completion's due date: in the future, within a year. */
const MAX_COMPLETION_DAYS = 366;

/** Each criterion of the grid scored with an integer from 0 to its scale, and nothing else. */
export function scoreErrors(grid: readonly GridCriterion[], scores: Record<string, unknown>) {
  const errors: { field: string; message: string }[] = [];
  const byKey = new Map(grid.map((c) => [c.key, c]));
  for (const k of Object.keys(scores))
    if (!byKey.has(k)) errors.push({ field: `scores.${k}`, message: 'Critère inconnu de la grille' });
  for (const c of grid) {
    const v = scores[c.key];
    if (v === undefined || v === null) errors.push({ field: `scores.${c.key}`, message: `${c.label} : à noter` });
    else if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > c.scale)
      errors.push({ field: `scores.${c.key}`, message: `${c.label} : une note entière de 0 à ${c.scale}` });
  }
  return errors;
}

/**
 * Ranked best first: the eligible scored applications by their mean score (ties: the earlier
 * submission first), then those not scored yet, then the ineligible ones. Only the first get a rank.
 */
export function rankLines(rows: readonly RankingRow[]): RankingLine[] {
  const submitted = (r: RankingRow) => (r.first_submitted_at ?? r.submitted_at)?.getTime() ?? Infinity;
  const group = (r: RankingRow) => (r.eliminated ? 2 : r.mean_total === null ? 1 : 0);
  const sorted = [...rows].sort(
    (a, b) =>
      group(a) - group(b) ||
      Number(b.mean_total ?? 0) - Number(a.mean_total ?? 0) ||
      submitted(a) - submitted(b) ||
      a.id.localeCompare(b.id),
  );
  let rank = 0;
  return sorted.map((r) => ({
    applicationId: r.id,
    organizationName: r.organization_name,
    status: r.status,
    amountRequested: fromCents(r.amount_requested_cents),
    amountGranted: fromCents(r.amount_granted_cents),
    score: r.mean_total === null ? null : Math.round(Number(r.mean_total) * 1000) / 1000,
    scoreCount: r.score_count,
    ineligible: r.eliminated,
    rank: group(r) === 0 ? ++rank : null,
  }));
}

@Injectable()
export class InstructionService {
  constructor(
    private readonly repo: ApplicationsRepository,
    private readonly instruction: InstructionRepository,
    private readonly access: ApplicationAccess,
    private readonly calls: CallsReader,
    private readonly policy: Policy,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly db: TenantTransaction,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
  ) {}

  async requestCompletion(
    actor: Actor | null,
    tenant: Tenant,
    id: string,
    body: { message: string; dueAt: string },
    meta: RequestMetaValue,
  ): Promise<Application> {
    const { actor: agent, row } = await this.access.authorize(actor, tenant, id, 'application.complete');
    const message = body.message.trim();
    if (message.length < 3) throw invalidParameter('message', 'must say what is missing (3 characters at least)');
    const due = new Date(body.dueAt);
    const now = Date.now();
    if (Number.isNaN(due.getTime()) || due.getTime() <= now)
      throw invalidParameter('dueAt', 'must be a date-time to come');
    if (due.getTime() > now + MAX_COMPLETION_DAYS * 86_400_000)
      throw invalidParameter('dueAt', `must be within ${MAX_COMPLETION_DAYS} days`);
    const p = this.access.plan(
      { kind: 'request_completion' },
      this.access.facts(row, await this.repo.clock(row.call_id, id)),
    );
    const moved = await this.repo.transition(id, 'submitted', 'completion_requested', {
      kind: 'completion',
      message,
      dueAt: due.toISOString(),
    });
    if (!moved) throw conflict('invalid_transition', 'Ce dossier vient de changer d’état.');
    await this.repo.addEvent({
      applicationId: id,
      kind: 'completion_requested',
      from: p.from,
      to: p.to,
      actorId: agent.userId,
      message: `${message}\n(à compléter avant le ${deadlineLabel(due)})`,
    });
    await this.audit.record(this.db.manager(), {
      tenantId: tenant.id,
      actor: agent,
      action: 'application.completion_requested',
      targetType: 'application',
      targetId: id,
      summary: `Complément demandé à ${row.organization_name} avant le ${deadlineLabel(due)} (appel à projets « ${row.call_title} »)`,
      ip: meta.ip,
    });
    const email = completionEmail(
      {
        callTitle: row.call_title,
        organizationName: row.organization_name,
        url: applicationLinks.one(this.settings.publicUrl, tenant.slug, id),
      },
      message,
      due,
    );
    await this.outbox.enqueueAll(
      this.db.manager(),
      (await this.repo.structureEmails(row.organization_id)).map((to) => ({ to, ...email })),
    );
    return this.access.view(agent, tenant, id);
  }

  async score(
    actor: Actor | null,
    tenant: Tenant,
    id: string,
    body: { scores: Record<string, unknown>; comment?: string; noConflictOfInterest: unknown },
    meta: RequestMetaValue,
  ): Promise<Application> {
    const { actor: agent, row } = await this.access.authorize(actor, tenant, id, 'application.score');
    if (body.noConflictOfInterest !== true)
      throw invalidParameter(
        'noConflictOfInterest',
        ': déclarez n’avoir aucun conflit d’intérêts avec cette structure ; sinon, ne l’évaluez pas',
      );
    this.access.plan({ kind: 'score' }, this.access.facts(row, await this.repo.clock(row.call_id, id)));
    const call = (await this.calls.forApplications(row.call_id))!;
    const errors = scoreErrors(call.grid, body.scores);
    if (errors.length) throw invalidFields(errors);
    const scores = body.scores as Record<string, number>;
    const { total, eliminated } = weightedTotal(call.grid, scores);
    await this.instruction.upsertScore({
      applicationId: id,
      instructorId: agent.userId,
      scores,
      comment: body.comment?.trim() ?? '',
      total,
      eliminated,
    });
    await this.audit.record(this.db.manager(), {
      tenantId: tenant.id,
      actor: agent,
      action: 'application.scored',
      targetType: 'application',
      targetId: id,
      summary: `Dossier de ${row.organization_name} évalué : ${total.toLocaleString('fr-FR')} / 100${eliminated ? ' (critère éliminatoire à 0)' : ''}, absence de conflit d’intérêts déclarée`,
      ip: meta.ip,
    });
    return this.access.view(agent, tenant, id);
  }

  async ranking(actor: Actor | null, tenant: Tenant, callId: string): Promise<Ranking> {
    if (!actor) throw unauthenticated();
    const instructor = await this.calls.isInstructor(callId, actor.userId);
    this.policy.authorize(actor, 'call.rank', { tenantId: tenant.id, instructor }, 'Appel à projets');
    const call = await this.calls.forApplications(callId);
    if (!call) throw notFound('Appel à projets');
    const lines = rankLines(await this.instruction.ranking(callId));
    const grantedCents = lines.reduce(
      (s, l) => s + (l.status === 'selected' ? Math.round((l.amountGranted ?? 0) * 100) : 0),
      0,
    );
    return {
      callId,
      envelope: fromCents(call.envelopeCents)!,
      instructorCount: (await this.calls.instructorsOf(callId)).length,
      lines,
      granted: grantedCents / 100,
    };
  }
}
