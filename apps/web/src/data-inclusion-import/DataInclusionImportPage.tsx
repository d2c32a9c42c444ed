// An admin loads a data·inclusion file (JSON or CSV): « Vérifier le fichier » shows what the import
// would do line by line (nothing saved), « Importer » does it and shows the result.
import { useEffect, useRef, useState } from 'react';
import type { ImportReport } from '@catalogue/contracts';
import { ApiRequestError } from '../app/api.js';
import { paths } from '../app/routes.js';
import { canIn, ChoiceGroup, ErrorSummary, Forbidden, messageOf, Page, SignedIn, useAction } from '../backoffice/ui.js';
import { dataInclusionImportApi, type ImportChoices } from './data-inclusion-import-api.js';
import { ReportView } from './ImportReportView.js';

const TITLE = 'Importer un fichier data·inclusion';

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

/** The API names the field (`file …`): said in French for the admin. */
const fileMessage = (e: ApiRequestError) => messageOf(e).replace(/^file\s*:?\s*/, 'Le fichier ');

function ImportForm({ slug }: { slug: string }) {
  const [file, setFile] = useState<File | null>(null);
  const [choices, setChoices] = useState<ImportChoices>({ offerStatus: 'draft', structureStatus: 'validated' });
  const [report, setReport] = useState<ImportReport | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const action = useAction();
  const resultRef = useRef<HTMLHeadingElement>(null);
  // Each new report takes the focus once drawn (a frame callback may run before React draws it).
  useEffect(() => {
    if (report) resultRef.current?.focus();
  }, [report]);

  const send = async (dryRun: boolean) => {
    if (!file) {
      setErrors({ file: 'Choisissez un fichier JSON ou CSV au format data·inclusion.' });
      return;
    }
    setErrors({});
    let failure: ApiRequestError | null = null;
    const r = await action.run(async () => {
      try {
        return await dataInclusionImportApi.run(slug, file, choices, dryRun);
      } catch (e) {
        if (e instanceof ApiRequestError) failure = e;
        throw e;
      }
    });
    setReport(r ?? null);
    // A refused file is the field's error: in the summary (focused) and under the field.
    const f = failure as ApiRequestError | null;
    if (f && (f.parameter === 'file' || f.status === 413))
      setErrors({ file: f.status === 413 ? 'Le fichier dépasse 100 Mo.' : fileMessage(f) });
  };
  const checked = report?.dryRun === true;
  const fieldError = errors.file;
  const otherError = action.error && !errors.file ? action.error : null;

  return (
    <Page title={TITLE} crumbs={[{ label: 'Mon espace', to: paths.space() }]}>
      <h1>{TITLE}</h1>
      <p>
        Chargez les structures et les services d’un fichier au schéma national data·inclusion. Vérifiez d’abord le
        fichier : rien n’est enregistré avant « Importer ». Importer de nouveau le même fichier ne crée rien en double.
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
              Une liste JSON, ou un CSV (UTF-8, séparé par des virgules) ; 100 Mo au plus. Structures et services dans
              un même fichier ou séparés.
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
              setErrors({});
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
          legend="Les nouvelles structures sont"
          hint="Une structure déjà importée garde son état."
          type="radio"
          options={[
            { code: 'validated', label: 'validées' },
            { code: 'pending', label: 'à valider par un agent' },
          ]}
          value={[choices.structureStatus]}
          onChange={([v]) => {
            setChoices({ ...choices, structureStatus: v as ImportChoices['structureStatus'] });
            setReport(null);
          }}
        />
        {otherError && (
          <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-3w" role="alert">
            <p>{otherError}</p>
          </div>
        )}
        <ul className="fr-btns-group fr-btns-group--inline-md">
          <li>
            <button className={`fr-btn${checked ? ' fr-btn--secondary' : ''}`} type="submit" disabled={action.busy}>
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
        <p aria-live="polite" className="fr-text--sm fr-mb-0">
          {action.busy ? 'Lecture du fichier…' : ''}
        </p>
      </form>
      {report && <ReportView report={report} headingRef={resultRef} />}
    </Page>
  );
}
