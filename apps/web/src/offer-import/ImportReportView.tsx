// The line-by-line report of an import (or of its dry run): the counts, then one row per problem,
// refused lines first, then the valid ones.
import { IMPORT_LINE_STATUS_LABELS, type ImportReport } from '@catalogue/contracts';

const nf = (n: number) => n.toLocaleString('fr-FR');

export function ImportReportView({ report }: { report: ImportReport }) {
  const { counts } = report;
  const total = report.lines.length;
  const lines = [...report.lines].sort(
    (a, b) => Number(b.status === 'refused') - Number(a.status === 'refused') || a.line - b.line,
  );
  return (
    <>
      <p>
        <strong>{nf(total)}</strong> ligne{total > 1 ? 's' : ''} lue{total > 1 ? 's' : ''} :{' '}
        <strong>{nf(counts.created)}</strong> valide{counts.created > 1 ? 's' : ''},{' '}
        <strong>{nf(counts.refused)}</strong> refusée{counts.refused > 1 ? 's' : ''}.
        {report.dryRun ? ' Rien n’a encore été enregistré.' : ''}
      </p>
      <div className="cat-table-wrap cat-table-stack fr-table fr-table--no-caption cat-import-table">
        <table>
          <caption>Rapport ligne par ligne (l’en-tête est la ligne 1)</caption>
          <thead>
            <tr>
              <th scope="col">Ligne</th>
              <th scope="col">État</th>
              <th scope="col">Colonne</th>
              <th scope="col">Problème</th>
            </tr>
          </thead>
          <tbody>
            {lines.flatMap((l) =>
              (l.errors.length ? l.errors : [null]).map((e, i) => (
                <tr key={`${l.line}-${i}`}>
                  <td data-label="Ligne">
                    {l.line}
                    {l.label ? <span className="fr-hint-text">{l.label}</span> : null}
                  </td>
                  <td data-label="État">
                    <p
                      className={`fr-badge fr-badge--sm ${l.status === 'refused' ? 'fr-badge--error' : 'fr-badge--success'}`}
                    >
                      {l.status === 'created' && report.dryRun ? 'Valide' : IMPORT_LINE_STATUS_LABELS[l.status]}
                    </p>
                  </td>
                  <td data-label="Colonne">{e?.column ? <code>{e.column}</code> : '—'}</td>
                  <td data-label="Problème">{e?.message ?? '—'}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}
