// The département's indicators: the plan's targets beside what was achieved, then the year's
// registrations in charts, each with its table (the figures for screen readers) and its CSV.
// The filters live in the address (?year=&axis=&fiche=&theme=&territory=).
import {
  FIGURE_SOURCE_LABELS,
  type Figure,
  type IndicatorsReport,
  type IndicatorTable,
  type PlanIndicatorFigure,
} from '@catalogue/contracts';
import type { ReactNode } from 'react';
import { api } from '../app/api.js';
import { navigate, useLocation } from '../app/router.js';
import { paths } from '../app/routes.js';
import { useLabels } from '../app/taxonomy.js';
import { useLoad } from '../app/use-load.js';
import { callsApi } from '../calls/calls-api.js';
import { canIn, Forbidden, Page, SignedIn } from '../backoffice/ui.js';
import { ErrorState, Loading } from '../layout/Layout.js';
import { IndicatorChart } from './IndicatorChart.js';
import { indicatorsApi } from './indicators-api.js';
import {
  chartRows,
  csvHref,
  figureText,
  filtersFromSearch,
  HIDDEN_TEXT,
  medianText,
  progressOf,
  rateText,
  searchOf,
  type FilterState,
} from './indicators-view.js';
import './indicators.css';

const TITLE = 'Indicateurs';

export function IndicatorsPage({ slug }: { slug: string }) {
  return (
    <SignedIn title={TITLE}>
      {(me) =>
        canIn(me, slug).readIndicators ? (
          <IndicatorsView slug={slug} />
        ) : (
          <Page title={TITLE} crumbs={[{ label: 'Mon espace', to: paths.space() }]}>
            <h1>{TITLE}</h1>
            <Forbidden what="Cette page est réservée aux agents du département." />
          </Page>
        )
      }
    </SignedIn>
  );
}

function IndicatorsView({ slug }: { slug: string }) {
  const { pathname, search } = useLocation();
  const filters = filtersFromSearch(search);
  const query = searchOf(filters);
  const data = useLoad(`indicators:${slug}:${query}`, (s) => indicatorsApi.report(slug, query, s));
  const d = data.data;
  const set = (k: keyof FilterState, v: string) => {
    const next = { ...filters, [k]: k === 'year' ? (v ? Number(v) : null) : v };
    if (k === 'axis') next.fiche = '';
    navigate(`${pathname}${searchOf(next) ? `?${searchOf(next)}` : ''}`, { replace: true, keepScroll: true });
  };
  const shown = { ...filters, year: filters.year ?? d?.filters.year ?? null };
  return (
    <Page title={TITLE} crumbs={[{ label: 'Mon espace', to: paths.space() }]}>
      <h1>{TITLE}</h1>
      <p>
        Les cibles du plan d’insertion face aux valeurs atteintes, puis les inscriptions de l’année. Chaque chiffre
        nomme sa source. Un effectif de 1 à 4 personnes, et un taux ou une médiane calculés sur moins de 5 personnes,
        sont masqués (« {HIDDEN_TEXT} ») pour que personne ne puisse être reconnu.
      </p>
      <Filters slug={slug} filters={filters} years={d?.years ?? []} year={d?.filters.year ?? null} onChange={set} />
      {data.status === 'error' && <ErrorState title="Indicateurs indisponibles" message={data.error.message} />}
      {!d && data.status === 'loading' && <Loading label="Chargement des indicateurs…" />}
      {d && <Report slug={slug} d={d} filters={shown} />}
    </Page>
  );
}

function Filters(p: {
  slug: string;
  filters: FilterState;
  years: number[];
  year: number | null;
  onChange: (k: keyof FilterState, v: string) => void;
}) {
  const plan = useLoad(`plan:${p.slug}`, (s) => callsApi.plan(p.slug, s).catch(() => null));
  const zones = useLoad(`zones:${p.slug}`, () => api.zones(p.slug));
  const labels = useLabels();
  const axes = plan.data?.axes ?? [];
  const fiches = axes.filter((a) => !p.filters.axis || a.id === p.filters.axis).flatMap((a) => a.fiches);
  const select = (k: keyof FilterState, label: string, value: string, options: ReactNode) => (
    <div className="fr-select-group">
      <label className="fr-label" htmlFor={`ind-${k}`}>
        {label}
      </label>
      <select className="fr-select" id={`ind-${k}`} value={value} onChange={(e) => p.onChange(k, e.target.value)}>
        {options}
      </select>
    </div>
  );
  const years = p.years.length ? p.years : p.year ? [p.year] : [];
  return (
    <form className="fr-mb-3w" onSubmit={(e) => e.preventDefault()} aria-label="Filtres des indicateurs">
      <div className="cat-ind-filters">
        {select(
          'year',
          'Année',
          String(p.filters.year ?? p.year ?? ''),
          years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          )),
        )}
        {select(
          'axis',
          'Axe du plan',
          p.filters.axis,
          <>
            <option value="">Tous les axes</option>
            {axes.map((a) => (
              <option key={a.id} value={a.id}>
                Axe {a.number} — {a.title}
              </option>
            ))}
          </>,
        )}
        {select(
          'fiche',
          'Fiche',
          p.filters.fiche,
          <>
            <option value="">Toutes les fiches</option>
            {fiches.map((f) => (
              <option key={f.id} value={f.id}>
                Fiche {f.number} — {f.title}
              </option>
            ))}
          </>,
        )}
        {select(
          'theme',
          'Thématique',
          p.filters.theme,
          <>
            <option value="">Toutes les thématiques</option>
            {labels?.taxonomy.themeCategories.map((c) => (
              <optgroup key={c.code} label={c.label}>
                <option value={c.code}>{c.label} (toute la catégorie)</option>
                {labels.taxonomy.themes
                  .filter((t) => t.category === c.code)
                  .map((t) => (
                    <option key={t.code} value={t.code}>
                      {t.label}
                    </option>
                  ))}
              </optgroup>
            ))}
          </>,
        )}
        {select(
          'territory',
          'Territoire',
          p.filters.territory,
          <>
            <option value="">Tout le département</option>
            {!!zones.data?.territories.length && (
              <optgroup label="Territoires du département">
                {zones.data.territories.map((t) => (
                  <option key={t.code} value={t.code}>
                    {t.name}
                  </option>
                ))}
              </optgroup>
            )}
            {!!zones.data?.epcis.length && (
              <optgroup label="EPCI">
                {zones.data.epcis.map((t) => (
                  <option key={t.code} value={t.code}>
                    {t.name}
                  </option>
                ))}
              </optgroup>
            )}
          </>,
        )}
      </div>
    </form>
  );
}

function Csv({
  slug,
  table,
  filters,
  what,
}: {
  slug: string;
  table: IndicatorTable;
  filters: FilterState;
  what: string;
}) {
  return (
    <p className="cat-ind-csv">
      <a className="fr-link fr-icon-download-line fr-link--icon-left" href={csvHref(slug, table, filters)} download>
        Télécharger (CSV)<span className="fr-sr-only"> : {what}</span>
      </a>
    </p>
  );
}

function Source({ source }: { source: Figure['source'] }) {
  return <span className="fr-badge fr-badge--sm fr-badge--info fr-badge--no-icon">{FIGURE_SOURCE_LABELS[source]}</span>;
}

function Hidden() {
  return <abbr title="Moins de 5 personnes : chiffre masqué">{HIDDEN_TEXT}</abbr>;
}
const cell = (f: Figure, text = figureText) => (f.hidden ? <Hidden /> : text(f));

function Report({ slug, d, filters }: { slug: string; d: IndicatorsReport; filters: FilterState }) {
  const r = d.registrations;
  return (
    <>
      <PlanSection slug={slug} plan={d.plan} filters={filters} year={d.filters.year} />
      <section className="fr-mt-5w" aria-labelledby="ind-reg">
        <h2 id="ind-reg">Inscriptions en {d.filters.year}</h2>
        <p className="fr-text--sm">
          Source : inscriptions faites sur la plateforme pendant l’année (heure de Paris). Les territoires sont ceux où
          vivent les personnes (commune renseignée à l’inscription).
        </p>
        <div className="cat-ind-stats">
          <Stat label="inscriptions" value={figureText(r.registrations)} />
          <Stat label="personnes" value={figureText(r.people)} />
          <Stat label="taux d’acceptation" value={rateText(r.acceptanceRate)} />
          <Stat label="taux de refus" value={rateText(r.refusalRate)} />
          <Stat label="délai médian de décision" value={medianText(r.medianHoursToDecision, 'h')} />
          <Stat label="en liste d’attente aujourd’hui" value={figureText(r.waitlistNow)} />
          <Stat label="promotions depuis la liste d’attente" value={figureText(r.promotions)} />
          <Stat label="taux d’absence non excusée" value={rateText(r.noShowRate)} />
          <Stat
            label="de la demande à la première présence (médiane)"
            value={medianText(r.medianDaysToFirstAttendance, 'jours')}
          />
        </div>
        <div className="cat-ind-grid fr-mt-3w">
          <ChartTable
            id="channels"
            title="Inscriptions par canal"
            kind="doughnut"
            rows={r.byChannel}
            label={(c) => c.label}
            figure={(c) => c.registrations}
            columns={['Canal', 'Inscriptions']}
            slug={slug}
            filters={filters}
          />
          <ChartTable
            id="refusals"
            title="Motifs de refus"
            kind="bar"
            horizontal
            rows={r.refusalReasons}
            label={(c) => c.label}
            figure={(c) => c.registrations}
            columns={['Motif', 'Refus']}
            slug={slug}
            filters={filters}
            empty="Aucun refus cette année."
          />
        </div>
        <SessionsBlock slug={slug} d={d} filters={filters} />
        <div className="cat-ind-grid fr-mt-3w">
          <ChartTable
            id="themes"
            title="Inscriptions par thématique"
            kind="bar"
            horizontal
            rows={d.byTheme}
            label={(c) => c.label}
            figure={(c) => c.registrations}
            columns={['Thématique', 'Inscriptions', 'Personnes', 'Acceptées']}
            extra={(c) => [c.people, c.accepted]}
            slug={slug}
            filters={filters}
            empty="Aucune inscription."
          />
          <ChartTable
            id="territories"
            title="Inscriptions par territoire"
            kind="bar"
            horizontal
            rows={d.byTerritory}
            label={(c) => c.label}
            figure={(c) => c.registrations}
            columns={['Territoire', 'Inscriptions', 'Personnes', 'Acceptées']}
            extra={(c) => [c.people, c.accepted]}
            slug={slug}
            filters={filters}
            empty="Aucune inscription."
          />
        </div>
        <ChartTable
          id="years"
          title="Inscriptions par année"
          kind="bar"
          rows={d.byYear}
          label={(c) => String(c.year)}
          figure={(c) => c.registrations}
          columns={['Année', 'Inscriptions', 'Personnes', 'Acceptées']}
          extra={(c) => [c.people, c.accepted]}
          slug={slug}
          filters={filters}
          empty="Aucune inscription."
        />
      </section>
    </>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="cat-ind-stat">
      <strong>{value === HIDDEN_TEXT ? <Hidden /> : value}</strong>
      <span>{label}</span>
    </div>
  );
}

function ChartTable<T>(p: {
  id: IndicatorTable;
  title: string;
  kind: 'bar' | 'doughnut';
  horizontal?: boolean;
  rows: T[];
  label: (r: T) => string;
  figure: (r: T) => Figure;
  columns: string[];
  extra?: (r: T) => Figure[];
  slug: string;
  filters: FilterState;
  empty?: string;
}) {
  const chart = chartRows(p.rows, p.figure, p.label);
  const height = p.horizontal ? Math.max(160, 40 + 28 * Math.max(chart.labels.length, 3)) : 260;
  return (
    <section className="cat-bo-card" aria-labelledby={`ind-${p.id}`}>
      <h3 className="fr-h5" id={`ind-${p.id}`}>
        {p.title}
      </h3>
      {p.rows.length === 0 ? (
        <p>{p.empty ?? 'Aucune donnée.'}</p>
      ) : (
        <>
          {chart.labels.length > 0 ? (
            <IndicatorChart
              kind={p.kind}
              horizontal={p.horizontal}
              labels={chart.labels}
              values={chart.values}
              label={p.columns[1]!}
              height={height}
            />
          ) : (
            <p className="fr-text--sm">Aucun chiffre à représenter : tous sont masqués (moins de 5 personnes).</p>
          )}
          {chart.left > 0 && chart.labels.length > 0 && (
            <p className="fr-text--xs fr-mb-1w">
              {chart.left} ligne{chart.left > 1 ? 's' : ''} masquée{chart.left > 1 ? 's' : ''} du graphique (moins de 5
              personnes), voir le tableau.
            </p>
          )}
          <div className="cat-ind-table" tabIndex={0} role="region" aria-label={`${p.title} (tableau)`}>
            <table>
              <caption className="fr-sr-only">{p.title} (mêmes chiffres que le graphique)</caption>
              <thead>
                <tr>
                  {p.columns.map((c, i) => (
                    <th key={c} scope="col" className={i ? 'cat-num' : undefined}>
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {p.rows.map((r, i) => (
                  <tr key={i}>
                    <th scope="row">{p.label(r)}</th>
                    {[p.figure(r), ...(p.extra?.(r) ?? [])].map((f, j) => (
                      <td key={j} className="cat-num">
                        {cell(f)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <Csv slug={p.slug} table={p.id} filters={p.filters} what={p.title} />
    </section>
  );
}

const dateLabel = (iso: string) =>
  new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(
    new Date(iso),
  );

function SessionsBlock({ slug, d, filters }: { slug: string; d: IndicatorsReport; filters: FilterState }) {
  const s = d.registrations.sessions;
  const chart = chartRows(
    s.items,
    (x) => x.fillRate,
    (x) => `${x.offerTitle} (${dateLabel(x.startsAt)})`,
    15,
  );
  return (
    <section className="cat-bo-card fr-mt-3w" aria-labelledby="ind-sessions">
      <h3 className="fr-h5" id="ind-sessions">
        Remplissage des sessions
      </h3>
      <p className="fr-text--sm">
        {s.count} session{s.count > 1 ? 's' : ''} commençant en {d.filters.year}, {s.capacity} places,{' '}
        {figureText(s.accepted)} personnes acceptées : taux de remplissage {rateText(s.fillRate)}.
        {s.items.length < s.count && ` Les ${s.items.length} premières sont détaillées ; le CSV les donne toutes.`}
      </p>
      {s.items.length > 0 && (
        <>
          {chart.left > 0 && (
            <p className="fr-text--xs fr-mb-1w">
              Le graphique montre les {chart.labels.length} premières sessions dont le taux peut être montré ; le
              tableau les donne toutes.
            </p>
          )}
          <IndicatorChart
            kind="bar"
            horizontal
            percent
            labels={chart.labels}
            values={chart.values}
            label="Taux de remplissage"
            height={Math.max(160, 40 + 28 * Math.max(chart.labels.length, 3))}
          />
          <div className="cat-ind-table" tabIndex={0} role="region" aria-label="Remplissage des sessions (tableau)">
            <table>
              <caption className="fr-sr-only">Remplissage des sessions (mêmes chiffres que le graphique)</caption>
              <thead>
                <tr>
                  <th scope="col">Session</th>
                  <th scope="col" className="cat-num">
                    Places
                  </th>
                  <th scope="col" className="cat-num">
                    Acceptées
                  </th>
                  <th scope="col" className="cat-num">
                    Taux de remplissage
                  </th>
                </tr>
              </thead>
              <tbody>
                {s.items.map((x) => (
                  <tr key={x.id}>
                    <th scope="row">
                      {x.offerTitle} <span className="fr-text--xs">({dateLabel(x.startsAt)})</span>
                    </th>
                    <td className="cat-num">{x.capacity}</td>
                    <td className="cat-num">{cell(x.accepted)}</td>
                    <td className="cat-num">{cell(x.fillRate, rateText)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <Csv slug={slug} table="sessions" filters={filters} what="Remplissage des sessions" />
    </section>
  );
}

function PlanSection(p: { slug: string; plan: PlanIndicatorFigure[]; filters: FilterState; year: number }) {
  const fiches = [...new Set(p.plan.map((x) => x.ficheId))];
  return (
    <section className="cat-bo-card" aria-labelledby="ind-plan">
      <h2 className="fr-h4" id="ind-plan">
        Plan d’insertion : cibles et réalisations {p.year}
      </h2>
      {p.plan.length === 0 ? (
        <p>Aucun indicateur dans le plan en cours pour ces filtres.</p>
      ) : (
        <div
          className="cat-ind-table cat-ind-table--wide"
          tabIndex={0}
          role="region"
          aria-label="Indicateurs du plan (tableau)"
        >
          <table>
            <caption className="fr-sr-only">Indicateurs du plan : cible, réalisé, avancement et source</caption>
            <thead>
              <tr>
                <th scope="col">Indicateur</th>
                <th scope="col" className="cat-num">
                  Cible
                </th>
                <th scope="col" className="cat-num">
                  Réalisé
                </th>
                <th scope="col">Avancement</th>
                <th scope="col">Source</th>
              </tr>
            </thead>
            {fiches.map((ficheId, i) => {
              const rows = p.plan.filter((x) => x.ficheId === ficheId);
              const first = rows[0]!;
              const newAxis = i === 0 || p.plan.find((x) => x.ficheId === fiches[i - 1])!.axisId !== first.axisId;
              return (
                <tbody key={ficheId}>
                  {newAxis && (
                    <tr className="cat-ind-axis">
                      <th scope="colgroup" colSpan={5}>
                        Axe {first.axisNumber} — {first.axisTitle}
                      </th>
                    </tr>
                  )}
                  <tr className="cat-ind-fiche">
                    <th scope="colgroup" colSpan={5}>
                      Fiche {first.ficheNumber} — {first.ficheTitle}
                    </th>
                  </tr>
                  {rows.map((x) => {
                    const progress = progressOf(x.progress);
                    return (
                      <tr key={x.indicatorId}>
                        <th scope="row">
                          {x.label} <span className="fr-text--xs">({x.unit})</span>
                          {x.note && <span className="fr-text--xs cat-ind-note">{x.note}</span>}
                        </th>
                        <td className="cat-num">
                          {x.target === null ? '—' : figureText({ value: x.target, hidden: false })}
                        </td>
                        <td className="cat-num">{cell({ value: x.achieved, hidden: x.hidden, source: x.source })}</td>
                        <td>
                          {progress ? (
                            <div className="cat-ind-progress">
                              <div className="cat-ind-progress__bar" aria-hidden="true">
                                <span style={{ width: `${progress.width}%` }} />
                              </div>
                              {progress.label}
                            </div>
                          ) : (
                            '—'
                          )}
                        </td>
                        <td>
                          <Source source={x.source} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              );
            })}
          </table>
        </div>
      )}
      <p className="fr-text--xs fr-mt-1w">
        « {HIDDEN_TEXT} » : moins de 5 personnes, chiffre masqué. Les filtres de thématique et de territoire ne
        s’appliquent pas aux indicateurs du plan.
      </p>
      <Csv slug={p.slug} table="plan" filters={p.filters} what="Indicateurs du plan" />
    </section>
  );
}
