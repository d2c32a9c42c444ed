// The plan's execution report: read (JSON, PDF, spreadsheet, all from the same ExecutionReport) by
// the département's staff, and what agents write for it per fiche and year (progress text, amount
// voted, hand-entered values of `manual` indicators), audited.
import { Injectable } from '@nestjs/common';
import { ofDepartement, reportFileName, toCents, type ExecutionReport } from '@catalogue/contracts';
import type { Actor } from '../../common/auth/actor.js';
import type { RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { AuditLog } from '../../common/audit/audit-log.js';
import { invalidFields, notFound } from '../../common/errors/app-errors.js';
import { Policy } from '../../common/policy/policy.service.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import { IndicatorFigures } from '../indicators/indicator-figures.js';
import { buildReport } from './report-builder.js';
import { renderReportPdf } from './report-pdf.js';
import { renderReportXlsx } from './report-xlsx.js';
import type { ReportFicheWriteDto } from './reports.dto.js';
import { ReportsRepository } from './reports.repository.js';

/** The current year in Paris. */
export const parisYear = (now = new Date()): number =>
  Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Paris', year: 'numeric' }).format(now));

const planMissing = () => notFound('Plan');

@Injectable()
export class ReportsService {
  constructor(
    private readonly repo: ReportsRepository,
    private readonly figures: IndicatorFigures,
    private readonly policy: Policy,
    private readonly audit: AuditLog,
    private readonly db: TenantTransaction,
  ) {}

  async report(actor: Actor | null, tenant: Tenant, year = parisYear()): Promise<ExecutionReport> {
    this.policy.authorize(actor, 'indicators.read', { tenantId: tenant.id });
    const plan = await this.repo.currentPlan();
    if (!plan) throw planMissing();
    const [fiches, agreements, figures] = [
      await this.repo.fiches(plan.id, year),
      await this.repo.fundedAgreements(plan.id, year),
      await this.figures.forYear(year),
    ];
    return buildReport({
      tenant: { slug: tenant.slug, name: `Département ${ofDepartement(tenant.code, tenant.name)}` },
      plan,
      year,
      fiches,
      agreements,
      figures,
      now: new Date(),
    });
  }

  async pdf(actor: Actor | null, tenant: Tenant, year?: number): Promise<{ fileName: string; data: Buffer }> {
    const r = await this.report(actor, tenant, year);
    return { fileName: reportFileName(tenant.slug, r.year, 'pdf'), data: await renderReportPdf(r) };
  }

  async xlsx(actor: Actor | null, tenant: Tenant, year?: number): Promise<{ fileName: string; data: Buffer }> {
    const r = await this.report(actor, tenant, year);
    return { fileName: reportFileName(tenant.slug, r.year, 'xlsx'), data: await renderReportXlsx(r) };
  }

  /** Writes a fiche's year; the fiche and its indicators must be the current plan's (404 otherwise). */
  async writeFiche(
    actor: Actor | null,
    tenant: Tenant,
    year: number,
    ficheId: string,
    body: ReportFicheWriteDto,
    meta: RequestMetaValue,
  ): Promise<ExecutionReport['axes'][number]['fiches'][number]> {
    this.policy.authorize(actor, 'report.edit', { tenantId: tenant.id });
    const fiche = await this.repo.lockFiche(ficheId);
    if (!fiche) throw notFound('Fiche');
    const indicators = new Map((await this.repo.indicatorsOf(ficheId)).map((i) => [i.id, i.measure]));
    const values = body.values ?? [];
    const seen = new Set<string>();
    values.forEach((v, k) => {
      if (!indicators.has(v.indicatorId)) throw notFound('Indicateur');
      if (seen.has(v.indicatorId))
        throw invalidFields([{ field: `values.${k}.indicatorId`, message: 'Indicateur en double' }]);
      seen.add(v.indicatorId);
      if (indicators.get(v.indicatorId) !== 'manual')
        throw invalidFields([
          { field: `values.${k}.indicatorId`, message: 'Cet indicateur est calculé, pas saisi : valeur refusée' },
        ]);
    });
    if (body.progress !== undefined || body.voted !== undefined) {
      const votedCents = body.voted === undefined ? undefined : body.voted === null ? null : toCents(body.voted, 1e9);
      if (votedCents !== undefined && body.voted !== null && votedCents === null)
        throw invalidFields([{ field: 'voted', message: 'Montant voté : nombre positif, 2 décimales au plus' }]);
      await this.repo.saveFicheYear(
        ficheId,
        year,
        {
          ...(body.progress !== undefined ? { progress: body.progress.trim() } : {}),
          ...(votedCents !== undefined ? { votedCents } : {}),
        },
        actor.userId,
      );
    }
    for (const v of values) {
      if (v.value === null) await this.repo.deleteValue(v.indicatorId, year);
      else await this.repo.saveValue(v.indicatorId, year, v.value, v.note?.trim() || null, actor.userId);
    }
    const parts = [
      body.progress !== undefined ? 'état d’avancement' : null,
      body.voted !== undefined ? 'montant voté' : null,
      values.length
        ? `${values.length} valeur${values.length > 1 ? 's' : ''} saisie${values.length > 1 ? 's' : ''}`
        : null,
    ].filter(Boolean);
    await this.audit.record(this.db.manager(), {
      tenantId: tenant.id,
      actor,
      action: 'report.fiche.edit',
      targetType: 'plan_fiche',
      targetId: ficheId,
      summary: `Rapport d’exécution ${year}, fiche ${fiche.number} : ${parts.join(', ') || 'rien de changé'}`,
      ip: meta.ip ?? null,
    });
    const report = await this.report(actor, tenant, year);
    return report.axes.flatMap((a) => a.fiches).find((f) => f.id === ficheId)!;
  }
}
