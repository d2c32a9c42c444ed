// The département's indicators page: the plan's indicators (IndicatorFigures) and the year's
// registrations, every people count and every rate under the small-number rule.
import { Injectable } from '@nestjs/common';
import {
  countFigure,
  figureFromBase,
  INDICATOR_CHANNEL_LABELS,
  INDICATOR_REFUSAL_LABELS,
  INDICATOR_TABLES,
  type Figure,
  type IndicatorFilters,
  type IndicatorsReport,
  type IndicatorTable,
  type RegistrationIndicators,
} from '@catalogue/contracts';
import { THEME_CATEGORIES, THEMES } from '@catalogue/domain';
import type { Actor } from '../../common/auth/actor.js';
import { toCsv } from '../../common/csv/csv.js';
import { invalidParameter } from '../../common/errors/app-errors.js';
import { Policy } from '../../common/policy/policy.service.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { IndicatorFigures } from './indicator-figures.js';
import { indicatorsCsv } from './indicators-csv.js';
import type { IndicatorsQueryDto } from './indicators.dto.js';
import { IndicatorsRepository, type Counts, type RegistrationRows } from './indicators.repository.js';

/** Sessions listed on the page; the CSV lists them all (up to this). */
const PAGE_SESSIONS = 100;
const CSV_SESSIONS = 100_000;

const THEME_LABELS = new Map([...THEMES, ...THEME_CATEGORIES].map((t) => [t.code, t.label]));
const round = (x: number | null, digits: number) => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);
const rate = (n: number, base: number) => figureFromBase(base ? round(n / base, 4) : null, base);
/** A fill rate: hidden for 1 to 4 people accepted (it would tell them); 0 people is a shown 0 %. */
const fill = (accepted: number, capacity: number): Figure =>
  countFigure(accepted).hidden
    ? { value: null, hidden: true, source: 'registrations' }
    : { value: capacity ? round(accepted / capacity, 4) : null, hidden: false, source: 'registrations' };
const countRow = (c: Counts) => ({
  registrations: countFigure(c.registrations),
  people: countFigure(c.people),
  accepted: countFigure(c.accepted),
});

/** The current year in Paris. */
export function parisYear(now = new Date()): number {
  return Number(new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', year: 'numeric' }).format(now));
}

@Injectable()
export class IndicatorsService {
  constructor(
    private readonly policy: Policy,
    private readonly figures: IndicatorFigures,
    private readonly repo: IndicatorsRepository,
  ) {}

  async report(actor: Actor | null, tenant: Tenant, query: IndicatorsQueryDto): Promise<IndicatorsReport> {
    this.policy.authorize(actor, 'indicators.read', { tenantId: tenant.id });
    return this.build(query, PAGE_SESSIONS);
  }

  /** One table of the page as CSV (French column names, hidden cells « < 5 »). */
  async csv(
    actor: Actor | null,
    tenant: Tenant,
    query: IndicatorsQueryDto,
    table: IndicatorTable | undefined,
  ): Promise<{ filename: string; body: string }> {
    this.policy.authorize(actor, 'indicators.read', { tenantId: tenant.id });
    // Checked here, after the filters: a bad filter is named first.
    if (!table)
      throw invalidParameter('table', `table must be one of the following values: ${INDICATOR_TABLES.join(', ')}`);
    const report = await this.build(query, CSV_SESSIONS);
    const { header, rows } = indicatorsCsv(report, table);
    return { filename: `indicateurs-${table}-${tenant.slug}-${report.filters.year}.csv`, body: toCsv(header, rows) };
  }

  private async build(query: IndicatorsQueryDto, sessionLimit: number): Promise<IndicatorsReport> {
    const filters: IndicatorFilters = {
      year: query.year ?? parisYear(),
      axis: query.axis ?? null,
      fiche: query.fiche ?? null,
      theme: query.theme ?? null,
      territory: query.territory ?? null,
    };
    // Unknown here (another tenant's, or none): named like a bad value, never a silent empty page.
    if (filters.axis && !(await this.repo.planPartExists('axis', filters.axis)))
      throw invalidParameter('axis', 'Axe inconnu dans le plan en cours');
    if (filters.fiche && !(await this.repo.planPartExists('fiche', filters.fiche)))
      throw invalidParameter('fiche', 'Fiche inconnue dans le plan en cours');
    const communes = filters.territory ? await this.repo.territoryCommunes(filters.territory) : null;
    if (filters.territory && communes === null) throw invalidParameter('territory', 'Territoire inconnu');

    const [plan, rows, planYears] = [
      await this.figures.forYear(filters.year, {
        ...(filters.axis ? { axisId: filters.axis } : {}),
        ...(filters.fiche ? { ficheId: filters.fiche } : {}),
      }),
      await this.repo.registrations({
        year: filters.year,
        axisId: filters.axis,
        ficheId: filters.fiche,
        theme: filters.theme,
        communes,
        sessionLimit,
      }),
      await this.repo.planYears(),
    ];
    const years = [...new Set([parisYear(), filters.year, ...planYears, ...rows.years.map((y) => y.year)])].sort(
      (a, b) => b - a,
    );
    return {
      filters,
      years,
      plan,
      registrations: registrationIndicators(rows),
      byTheme: rows.themes.map((t) => ({ code: t.code, label: THEME_LABELS.get(t.code) ?? t.code, ...countRow(t) })),
      byTerritory: [
        ...rows.epcis.map((e) => ({
          kind: e.code ? ('epci' as const) : ('unknown' as const),
          code: e.code ?? '',
          label: e.code ? (e.name ?? e.code) : 'Commune non renseignée',
          ...countRow(e),
        })),
        ...rows.territories.map((t) => ({ kind: 'territory' as const, code: t.code, label: t.name, ...countRow(t) })),
      ],
      byYear: rows.years.map((y) => ({ year: y.year, ...countRow(y) })),
    };
  }
}

export function registrationIndicators(r: RegistrationRows): RegistrationIndicators {
  const t = r.totals;
  const decisions = t.accepted + t.refused;
  const s = r.session_totals;
  return {
    registrations: countFigure(t.registrations),
    people: countFigure(t.people),
    byChannel: (['prescription', 'self'] as const).map((channel) => ({
      channel,
      label: INDICATOR_CHANNEL_LABELS[channel],
      registrations: countFigure(t[channel]),
    })),
    accepted: countFigure(t.accepted),
    refused: countFigure(t.refused),
    acceptanceRate: rate(t.accepted, decisions),
    refusalRate: rate(t.refused, decisions),
    refusalReasons: r.refusals.map((x) => ({
      reason: x.reason,
      label: INDICATOR_REFUSAL_LABELS[x.reason] ?? x.reason,
      registrations: countFigure(x.n),
    })),
    medianHoursToDecision: figureFromBase(round(t.median_hours, 1), t.decided),
    sessions: {
      count: s.count,
      capacity: s.capacity,
      accepted: countFigure(s.accepted),
      fillRate: fill(s.accepted, s.capacity),
      items: r.sessions.map((x) => ({
        id: x.id,
        offerId: x.offer_id,
        offerTitle: x.title,
        startsAt: new Date(x.starts_at).toISOString(),
        capacity: x.capacity,
        accepted: countFigure(x.accepted),
        fillRate: fill(x.accepted, x.capacity),
      })),
    },
    waitlistNow: countFigure(t.waitlist_now),
    promotions: countFigure(t.promotions),
    noShowRate: rate(t.no_shows, t.recorded),
    medianDaysToFirstAttendance: figureFromBase(round(t.median_days, 1), t.attended),
  };
}
