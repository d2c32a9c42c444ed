// The printable execution report (/{slug}/rapport/{year}), in the shape of the Drôme's 2019 report:
// a summary table, then per axe (a new page when printed) its fiches with description, objective,
// public, means, funding, indicators and the year's progress. The PDF and the spreadsheet carry the
// same figures (the API builds all three from one ExecutionReport).
import {
  FIGURE_SOURCE_LABELS,
  formatFigure,
  formatProgress,
  formatReportEuros,
  type ExecutionReport,
  type Me,
  type ReportFiche,
  type ReportSummaryLine,
} from '@catalogue/contracts';
import { Link, navigate } from '../app/router.js';
import { paths } from '../app/routes.js';
import { useLoad } from '../app/use-load.js';
import { Loading } from '../layout/Layout.js';
import { canIn, Forbidden, messageOf, Notice, Page, SelectField, SignedIn } from '../backoffice/ui.js';
import { reportApi } from './report-api.js';
import { reportYears, updatedLine } from './report-view.js';
import './reports.css';

const thisYear = () =>
  Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Paris', year: 'numeric' }).format(new Date()));

export function ReportPage({ slug, year }: { slug: string; year: number }) {
  return (
    <SignedIn title={`Rapport d’exécution ${year}`}>{(me) => <Report me={me} slug={slug} year={year} />}</SignedIn>
  );
}

function Report({ me, slug, year }: { me: Me; slug: string; year: number }) {
  const allowed = canIn(me, slug).readIndicators;
  const report = useLoad(`report:${slug}:${year}:${allowed}`, (signal) =>
    allowed ? reportApi.get(slug, year, signal) : Promise.resolve(null),
  );
  const title = `Rapport d’exécution ${year}`;
  const crumbs = [{ label: 'Mon espace', to: paths.space() }];
  if (!allowed)
    return (
      <Page title={title} crumbs={crumbs}>
        <h1>{title}</h1>
        <Forbidden what="Le rapport d’exécution est réservé aux agents du département." />
      </Page>
    );
  const r = report.data ?? null;
  return (
    <Page title={title} crumbs={crumbs}>
      <div className="cat-report">
        <h1 className="fr-mb-1w">{title}</h1>
        {r && (
          <p className="fr-text--lead fr-mb-1w">
            {r.plan.name} ({r.plan.periodStart}–{r.plan.periodEnd}) · {r.tenant.name}
          </p>
        )}
        <div className="cat-report-tools cat-no-print">
          <SelectField
            id="report-year"
            label="Année"
            value={String(year)}
            onChange={(v) => navigate(paths.report(slug, Number(v)))}
            options={reportYears(thisYear(), r?.plan.periodStart, r?.plan.periodEnd).map((y) => ({
              code: String(y),
              label: String(y),
            }))}
          />
          <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
            <li>
              <button type="button" className="fr-btn fr-icon-printer-line" onClick={() => window.print()}>
                Imprimer
              </button>
            </li>
            <li>
              <a
                className="fr-btn fr-btn--secondary fr-icon-download-line"
                href={reportApi.pdfUrl(slug, year)}
                download
              >
                Télécharger le PDF
              </a>
            </li>
            <li>
              <a
                className="fr-btn fr-btn--secondary fr-icon-download-line"
                href={reportApi.xlsxUrl(slug, year)}
                download
              >
                Télécharger le tableur (XLSX)
              </a>
            </li>
            {canIn(me, slug).editReport && (
              <li>
                <Link className="fr-btn fr-btn--tertiary fr-icon-edit-line" to={paths.boReport(slug)}>
                  Rédiger l’état d’avancement
                </Link>
              </li>
            )}
          </ul>
        </div>
        {report.status === 'error' && (
          <Notice kind="error">
            {report.error.status === 404 ? 'Le plan d’insertion n’a pas encore été saisi.' : messageOf(report.error)}
          </Notice>
        )}
        {!r ? report.status === 'loading' && <Loading label="Chargement du rapport…" /> : <ReportBody report={r} />}
      </div>
    </Page>
  );
}

const summaryCells = (l: ReportSummaryLine) => (
  <>
    <td data-label="Indicateurs" className="cat-num">
      {l.indicators}
    </td>
    <td data-label="Cibles atteintes" className="cat-num">
      {l.reached} / {l.measured}
    </td>
    <td data-label="Voté" className="cat-num">
      {formatReportEuros(l.funding.voted)}
    </td>
    <td data-label="Engagé" className="cat-num">
      {formatReportEuros(l.funding.committed)}
    </td>
    <td data-label="Versé" className="cat-num">
      {formatReportEuros(l.funding.paid)}
    </td>
  </>
);

function ReportBody({ report: r }: { report: ExecutionReport }) {
  const generated = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long' }).format(
    new Date(r.generatedAt),
  );
  return (
    <>
      <p className="fr-text--sm cat-muted">Édité le {generated} à partir des données de la plateforme.</p>
      <section aria-labelledby="report-summary">
        <h2 id="report-summary">Synthèse</h2>
        <p className="fr-text--sm">
          « Cibles atteintes » : indicateurs dont le réalisé atteint la cible, sur ceux qui ont une cible et un réalisé.
        </p>
        <div className="cat-table-stack fr-table cat-report-table">
          <table>
            <caption className="fr-sr-only">Synthèse par axe et par fiche</caption>
            <thead>
              <tr>
                <th scope="col">Axe / fiche</th>
                <th scope="col">Indicateurs</th>
                <th scope="col">Cibles atteintes</th>
                <th scope="col">Voté</th>
                <th scope="col">Engagé</th>
                <th scope="col">Versé</th>
              </tr>
            </thead>
            <tbody>
              {r.summary.axes.map((a) => [
                <tr key={`a${a.number}`} className="cat-report-axis-row">
                  <th scope="row">{a.label}</th>
                  {summaryCells(a)}
                </tr>,
                ...a.fiches.map((f) => (
                  <tr key={`f${f.number}`}>
                    <th scope="row" className="cat-report-fiche-cell">
                      {f.label}
                    </th>
                    {summaryCells(f)}
                  </tr>
                )),
              ])}
              <tr className="cat-report-axis-row">
                <th scope="row">{r.summary.total.label}</th>
                {summaryCells(r.summary.total)}
              </tr>
            </tbody>
          </table>
        </div>
      </section>
      {r.axes.map((axis) => (
        <section key={axis.id} className="cat-report-axis" aria-labelledby={`axe-${axis.number}`}>
          <h2 id={`axe-${axis.number}`}>
            Axe {axis.number} – {axis.title}
          </h2>
          {axis.description && <p>{axis.description}</p>}
          {axis.fiches.map((f) => (
            <FicheReport key={f.id} fiche={f} year={r.year} />
          ))}
        </section>
      ))}
    </>
  );
}

function FicheReport({ fiche: f, year }: { fiche: ReportFiche; year: number }) {
  const id = `fiche-${f.number.replace('.', '-')}`;
  const sections: [string, string | null][] = [
    ['Description', f.description],
    ['Objectif', f.objective],
    ['Public visé', f.publicText],
    ['Moyens et partenaires', f.means],
  ];
  const updated = updatedLine(f.progressUpdatedAt, f.progressUpdatedBy);
  return (
    <article className="cat-report-fiche" aria-labelledby={id}>
      <h3 id={id} className="fr-h4">
        Fiche {f.number} – {f.title}
      </h3>
      <div className="cat-report-grid">
        {sections
          .filter(([, text]) => text)
          .map(([label, text]) => (
            <div key={label}>
              <h4 className="fr-h6 fr-mb-1v">{label}</h4>
              <p className="cat-report-text">{text}</p>
            </div>
          ))}
        <div>
          <h4 className="fr-h6 fr-mb-1v">Financement {year}</h4>
          <dl className="cat-report-money">
            <dt>Voté</dt>
            <dd>{formatReportEuros(f.funding.voted)}</dd>
            <dt>Engagé</dt>
            <dd>{formatReportEuros(f.funding.committed)}</dd>
            <dt>Versé</dt>
            <dd>{formatReportEuros(f.funding.paid)}</dd>
          </dl>
        </div>
      </div>
      {f.indicators.length > 0 && (
        <div className="cat-table-stack fr-table cat-report-table">
          <table>
            <caption>Indicateurs de la fiche {f.number}</caption>
            <thead>
              <tr>
                <th scope="col">Indicateur</th>
                <th scope="col">Cible</th>
                <th scope="col">Réalisé</th>
                <th scope="col">Avancement</th>
                <th scope="col">Source</th>
              </tr>
            </thead>
            <tbody>
              {f.indicators.map((i) => (
                <tr key={i.indicatorId}>
                  <td data-label="Indicateur">
                    {i.label} <span className="cat-muted">({i.unit})</span>
                    {i.note && <span className="fr-hint-text">{i.note}</span>}
                  </td>
                  <td data-label="Cible" className="cat-num">
                    {formatFigure(i.target)}
                  </td>
                  <td data-label="Réalisé" className="cat-num">
                    {i.hidden ? (
                      <abbr title="Moins de 5 personnes : chiffre masqué">{formatFigure(null, true)}</abbr>
                    ) : (
                      formatFigure(i.achieved)
                    )}
                  </td>
                  <td data-label="Avancement" className="cat-num">
                    {formatProgress(i.progress)}
                  </td>
                  <td data-label="Source">{FIGURE_SOURCE_LABELS[i.source]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h4 className="fr-h6 fr-mb-1v">État d’avancement</h4>
      {f.progress ? <p className="cat-report-text">{f.progress}</p> : <p className="cat-muted">Non renseigné.</p>}
      {updated && <p className="fr-text--xs cat-muted">{updated}</p>}
    </article>
  );
}
