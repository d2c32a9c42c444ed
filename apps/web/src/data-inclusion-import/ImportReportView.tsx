// The import's report: the counts, then one row per line (on a phone, one block per line, each
// figure named). A dry run speaks in the future (« À créer »): nothing is saved yet.
import { useState } from 'react';
import { IMPORT_LINE_STATUS_LABELS, type ImportLineStatus, type ImportReport } from '@catalogue/contracts';
import './data-inclusion-import.css';

const BADGE: Record<ImportLineStatus, string> = {
  created: 'fr-badge--success',
  updated: 'fr-badge--info',
  unchanged: '',
  refused: 'fr-badge--error',
};
const DRY_RUN_LABELS: Record<ImportLineStatus, string> = {
  created: 'À créer',
  updated: 'À mettre à jour',
  unchanged: 'Inchangée',
  refused: 'Refusée',
};
const KIND_LABELS = { structure: 'Structure', service: 'Service' } as const;
/** Rows drawn at most (a département's file may hold tens of thousands of lines). */
const SHOWN = 500;
const count = (n: number) => n.toLocaleString('fr-FR');

function countsSentence(report: ImportReport): string {
  const c = report.counts;
  const s = (n: number) => (n > 1 ? 's' : '');
  const parts = report.dryRun
    ? [
        `${count(c.created)} à créer`,
        `${count(c.updated)} à mettre à jour`,
        `${count(c.unchanged)} inchangée${s(c.unchanged)}`,
        `${count(c.refused)} refusée${s(c.refused)}`,
      ]
    : [
        `${count(c.created)} créée${s(c.created)}`,
        `${count(c.updated)} mise${s(c.updated)} à jour`,
        `${count(c.unchanged)} inchangée${s(c.unchanged)}`,
        `${count(c.refused)} refusée${s(c.refused)}`,
      ];
  const total = report.lines.length;
  return `${count(total)} ligne${s(total)} : ${parts.join(', ')}.`;
}

export function ReportView({
  report,
  headingRef,
}: {
  report: ImportReport;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
}) {
  const [refusedOnly, setRefusedOnly] = useState(false);
  const labels = report.dryRun ? DRY_RUN_LABELS : IMPORT_LINE_STATUS_LABELS;
  const lines = refusedOnly ? report.lines.filter((l) => l.status === 'refused') : report.lines;
  const refused = report.counts.refused;
  return (
    <section className="fr-mt-5w" aria-labelledby="di-report-title">
      <h2 id="di-report-title" ref={headingRef} tabIndex={-1}>
        {report.dryRun ? 'Vérification : ce que l’import fera' : 'Import terminé'}
      </h2>
      <div className={`fr-alert ${refused ? 'fr-alert--warning' : 'fr-alert--success'} fr-mb-3w`} id="di-counts">
        <p>
          {report.dryRun ? 'Rien n’est encore enregistré. ' : ''}
          {countsSentence(report)}
          {refused > 0 &&
            (report.dryRun
              ? ' L’import ignorera les lignes refusées ; corrigez-les dans le fichier pour les importer.'
              : ' Les lignes refusées sont ignorées ; corrigez-les dans le fichier puis importez-le de nouveau.')}
        </p>
      </div>
      {refused > 0 && refused < report.lines.length && (
        <div className="fr-checkbox-group fr-checkbox-group--sm fr-mb-2w">
          <input
            type="checkbox"
            id="di-refused-only"
            checked={refusedOnly}
            onChange={(e) => setRefusedOnly(e.target.checked)}
          />
          <label className="fr-label" htmlFor="di-refused-only">
            Afficher seulement les lignes refusées ({count(refused)})
          </label>
        </div>
      )}
      <div className="fr-table fr-table--no-caption cat-di-report" id="di-report-table">
        <div className="fr-table__wrapper">
          <div className="fr-table__container">
            <div className="fr-table__content">
              <table>
                <caption>Rapport ligne par ligne</caption>
                <thead>
                  <tr>
                    <th scope="col">Ligne</th>
                    <th scope="col">Type</th>
                    <th scope="col">Nom</th>
                    <th scope="col">Résultat</th>
                    <th scope="col">Erreurs</th>
                  </tr>
                </thead>
                <tbody>
                  {lines.slice(0, SHOWN).map((l) => (
                    <tr key={l.line} data-status={l.status}>
                      <td data-label="Ligne">{l.line}</td>
                      <td data-label="Type">{l.kind ? KIND_LABELS[l.kind] : ''}</td>
                      <td className="cat-di-report__name">{l.label ?? ''}</td>
                      <td>
                        <p className={`fr-badge fr-badge--sm ${BADGE[l.status]}`}>{labels[l.status]}</p>
                      </td>
                      <td className="cat-di-report__errors">
                        {l.errors.length > 0 && (
                          <ul className="fr-my-0">
                            {l.errors.map((e, i) => (
                              <li key={i}>{e.message}</li>
                            ))}
                          </ul>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </div>
      </div>
      {lines.length > SHOWN && (
        <p className="fr-text--sm">
          Les {count(SHOWN)} premières lignes sont affichées sur {count(lines.length)}
          {refusedOnly ? '' : ' ; cochez « Afficher seulement les lignes refusées » pour voir celles à corriger'}.
        </p>
      )}
    </section>
  );
}
