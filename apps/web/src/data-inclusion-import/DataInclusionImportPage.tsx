// An admin loads a data·inclusion file (JSON or CSV): « Vérifier le fichier » shows what the import
// would do line by line (nothing saved), « Importer » does it and shows the result.
import { useRef, useState } from 'react';
import { IMPORT_LINE_STATUS_LABELS, type ImportLineStatus, type ImportReport } from '@catalogue/contracts';
import { paths } from '../app/routes.js';
import { canIn, ChoiceGroup, ErrorSummary, Forbidden, Page, SignedIn, useAction } from '../backoffice/ui.js';
import { dataInclusionImportApi, type ImportChoices } from './data-inclusion-import-api.js';

const TITLE = 'Importer un fichier data·inclusion';
const BADGE: Record<ImportLineStatus, string> = {
  created: 'fr-badge--success',
  updated: 'fr-badge--info',
  unchanged: 'fr-badge--new',
  refused: 'fr-badge--error',
};
const KIND_LABELS = { structure: 'Structure', service: 'Service' } as const;

export function DataInclusionImportPage({ slug }: { slug: string }) {
  return (
    <SignedIn title={TITLE}>
      {(me) =>
        canIn(me, slug).importDataInclusion ? (
          <ImportForm slug={slug} />
        ) : (
          <Page title={TITLE} crumbs={[{ label: 'Mon espace', to: paths.space() }]}>
            <h1>{TITLE}</h1>
            <Forbidden what="L’import data·inclusion est réservé aux administrateurs du département." />
          </Page>
        )
      }
    </SignedIn>
  );
}

function ImportForm({ slug }: { slug: string }) {
  const [file, setFile] = useState<File | null>(null);
  const [choices, setChoices] = useState<ImportChoices>({ offerStatus: 'draft', structureStatus: 'validated' });
  const [report, setReport] = useState<ImportReport | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const action = useAction();
  const resultRef = useRef<HTMLHeadingElement>(null);

  const send = async (dryRun: boolean) => {
    if (!file) {
      setErrors({ file: 'Choisissez un fichier JSON ou CSV au format data·inclusion.' });
      return;
    }
    setErrors({});
    const r = await action.run(() => dataInclusionImportApi.run(slug, file, choices, dryRun));
    if (r) {
      setReport(r);
      requestAnimationFrame(() => resultRef.current?.focus());
    } else if (action.lastError === null) setReport(null);
  };
  const checked = report?.dryRun === true;
  const fieldError = errors.file ?? (action.lastError?.parameter === 'file' ? action.error : undefined) ?? undefined;

  return (
    <Page title={TITLE} crumbs={[{ label: 'Mon espace', to: paths.space() }]}>
      <h1>{TITLE}</h1>
      <p>
        Chargez les structures et les services d’un fichier au schéma national data·inclusion (liste JSON, ou CSV encodé
        en UTF-8, séparé par des virgules). Vérifiez d’abord le fichier : rien n’est enregistré avant « Importer ». Un
        second import du même fichier ne change rien.
      </p>
      <ErrorSummary errors={errors} fieldId={(k) => `di-${k}`} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void send(true);
        }}
        noValidate
      >
        <div className={`fr-upload-group fr-mb-3w${fieldError ? ' fr-upload-group--error' : ''}`}>
          <label className="fr-label" htmlFor="di-file">
            Fichier data·inclusion *
            <span className="fr-hint-text">
              JSON ou CSV, 100 Mo au plus. Structures et services dans un même fichier ou séparés.
            </span>
          </label>
          <input
            className="fr-upload"
            type="file"
            id="di-file"
            name="file"
            accept=".json,.csv,application/json,text/csv"
            aria-describedby={fieldError ? 'di-file-error' : undefined}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setReport(null);
            }}
          />
          {fieldError && (
            <p className="fr-error-text" id="di-file-error">
              {fieldError}
            </p>
          )}
        </div>
        <ChoiceGroup
          id="di-offer-status"
          legend="Les services importés deviennent des offres"
          type="radio"
          options={[
            { code: 'draft', label: 'en brouillon (à relire avant publication)' },
            { code: 'published', label: 'publiées aussitôt' },
          ]}
          value={[choices.offerStatus]}
          onChange={([v]) => {
            setChoices({ ...choices, offerStatus: v as ImportChoices['offerStatus'] });
            setReport(null);
          }}
        />
        <ChoiceGroup
          id="di-structure-status"
          legend="Les structures importées sont"
          type="radio"
          options={[
            { code: 'validated', label: 'validées' },
            { code: 'pending', label: 'à valider' },
          ]}
          value={[choices.structureStatus]}
          onChange={([v]) => {
            setChoices({ ...choices, structureStatus: v as ImportChoices['structureStatus'] });
            setReport(null);
          }}
        />
        {action.error && action.lastError?.parameter !== 'file' && (
          <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-3w" role="alert">
            <p>{action.error}</p>
          </div>
        )}
        <ul className="fr-btns-group fr-btns-group--inline-md">
          <li>
            <button className="fr-btn fr-btn--secondary" type="submit" disabled={action.busy}>
              Vérifier le fichier
            </button>
          </li>
          {checked && (
            <li>
              <button className="fr-btn" type="button" disabled={action.busy} onClick={() => void send(false)}>
                Importer
              </button>
            </li>
          )}
        </ul>
        {action.busy && <p aria-live="polite">Lecture du fichier…</p>}
      </form>
      {report && <ReportView report={report} headingRef={resultRef} />}
    </Page>
  );
}

function ReportView({
  report,
  headingRef,
}: {
  report: ImportReport;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
}) {
  const statuses = Object.keys(IMPORT_LINE_STATUS_LABELS) as ImportLineStatus[];
  const plural = (s: ImportLineStatus, n: number) => `${IMPORT_LINE_STATUS_LABELS[s].toLowerCase()}${n > 1 ? 's' : ''}`;
  return (
    <section className="fr-mt-5w" aria-labelledby="di-report-title">
      <h2 id="di-report-title" ref={headingRef} tabIndex={-1}>
        {report.dryRun ? 'Vérification : ce que l’import fera' : 'Import terminé'}
      </h2>
      <div className={`fr-alert ${report.counts.refused ? 'fr-alert--warning' : 'fr-alert--success'} fr-mb-3w`}>
        <p>
          {report.dryRun ? 'Rien n’est encore enregistré. ' : ''}
          {statuses.map((s) => `${report.counts[s]} ${plural(s, report.counts[s])}`).join(', ')}.
          {report.counts.refused > 0 &&
            ' Les lignes refusées sont ignorées ; corrigez-les dans le fichier puis importez-le de nouveau.'}
        </p>
      </div>
      <div className="fr-table fr-table--no-caption" id="di-report-table">
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
                  {report.lines.map((l) => (
                    <tr key={l.line}>
                      <td>{l.line}</td>
                      <td>{l.kind ? KIND_LABELS[l.kind] : ''}</td>
                      <td>{l.label ?? ''}</td>
                      <td>
                        <p className={`fr-badge fr-badge--sm ${BADGE[l.status]}`}>
                          {IMPORT_LINE_STATUS_LABELS[l.status]}
                        </p>
                      </td>
                      <td>
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
    </section>
  );
}
