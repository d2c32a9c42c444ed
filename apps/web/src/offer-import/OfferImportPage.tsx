// « Importer depuis un tableur » (a structure's members): download the template, read what each
// column takes, choose the filled file, « Vérifier » (a dry run: the line-by-line report, refused
// lines first), then « Importer les N lignes valides » (offers submitted for moderation).
import { IMPORT_LIMITS, SPREADSHEET_COLUMNS, type ImportReport } from '@catalogue/contracts';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiRequestError } from '../app/api.js';
import { Link } from '../app/router.js';
import { paths } from '../app/routes.js';
import { useLoad } from '../app/use-load.js';
import { orgs } from '../backoffice/bo-api.js';
import { canInStructure, Forbidden, messageOf, Page, SignedIn } from '../backoffice/ui.js';
import { ErrorState, Loading } from '../layout/Layout.js';
import { offerImportApi } from './offer-import-api.js';
import { ImportReportView } from './ImportReportView.js';
import './offer-import.css';

const TITLE = 'Importer des offres depuis un tableur';
const nf = (n: number) => n.toLocaleString('fr-FR');

export function OfferImportPage({ slug, organizationId }: { slug: string; organizationId: string }) {
  return (
    <SignedIn title={TITLE}>
      {(me) => {
        const can = canInStructure(me, slug, organizationId);
        if (!can?.importOffers)
          return (
            <Page title={TITLE} crumbs={[{ label: 'Mon espace', to: paths.space() }]}>
              <h1>{TITLE}</h1>
              <Forbidden what="L’import de tableur est réservé aux membres d’une structure validée par le département." />
            </Page>
          );
        return <ImportForm slug={slug} organizationId={organizationId} />;
      }}
    </SignedIn>
  );
}

function uploadError(e: unknown): string {
  if (!(e instanceof ApiRequestError)) return 'Une erreur inattendue s’est produite.';
  if (e.status === 413 && e.code === 'payload_too_large') return 'Ce fichier est trop volumineux (10 Mo au plus).';
  if (e.status === 400 || e.status === 413 || e.status === 409) return e.message;
  return messageOf(e);
}

function ImportForm({ slug, organizationId }: { slug: string; organizationId: string }) {
  const org = useLoad(`bo-org:${organizationId}`, (s) => orgs.get(slug, organizationId, s));
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [done, setDone] = useState<ImportReport | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);
  useEffect(() => {
    if (report || done) resultRef.current?.focus();
  }, [report, done]);

  async function send(dryRun: boolean) {
    if (!file) return setError('Choisissez le fichier du tableur (CSV ou XLSX).');
    setError(null);
    setBusy(dryRun ? 'check' : 'import');
    try {
      const r = await offerImportApi.upload(slug, organizationId, file, dryRun);
      if (dryRun) setReport(r);
      else {
        setDone(r);
        setReport(null);
      }
    } catch (e) {
      setError(uploadError(e));
    } finally {
      setBusy(null);
    }
  }

  const name = org.data?.name;
  const crumbs = [
    { label: 'Mon espace', to: paths.space() },
    ...(name ? [{ label: name, to: paths.boOrganization(slug, organizationId) }] : []),
  ];
  if (org.status === 'error' && !org.data)
    return (
      <Page title={TITLE} crumbs={crumbs}>
        <ErrorState title="Structure indisponible" message={org.error.message} />
      </Page>
    );
  const valid = report?.counts.created ?? 0;
  return (
    <Page title={TITLE} crumbs={crumbs}>
      <h1>{TITLE}</h1>
      <p className="fr-text--lead">
        {name ? `Pour ${name} : ` : ''}chaque ligne du tableur devient une offre, soumise à la modération du
        département.
      </p>

      <section className="cat-bo-card fr-mb-3w" aria-labelledby="import-template">
        <h2 className="fr-h4" id="import-template">
          1. Télécharger le modèle
        </h2>
        <p>
          Une ligne d’exemple montre chaque colonne remplie. Le classeur XLSX a une feuille « Aide » qui liste les codes
          acceptés.
        </p>
        <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left">
          <li>
            <a
              className="fr-btn fr-btn--secondary fr-icon-download-line"
              href={offerImportApi.templateUrl(slug, organizationId, 'xlsx')}
              download
            >
              Modèle XLSX (Excel, LibreOffice)
            </a>
          </li>
          <li>
            <a
              className="fr-btn fr-btn--secondary fr-icon-download-line"
              href={offerImportApi.templateUrl(slug, organizationId, 'csv')}
              download
            >
              Modèle CSV
            </a>
          </li>
        </ul>
        <ColumnsHelp />
      </section>

      <form
        className="cat-bo-card fr-mb-3w"
        aria-labelledby="import-file-title"
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void send(true);
        }}
      >
        <h2 className="fr-h4" id="import-file-title">
          2. Vérifier le fichier rempli
        </h2>
        <div className={`fr-upload-group${error ? ' fr-upload-group--error' : ''}`}>
          <label className="fr-label" htmlFor="import-file">
            Fichier du tableur
            <span className="fr-hint-text">
              {`CSV (UTF-8 ou Windows-1252, séparateur «\u00a0;\u00a0» ou «\u00a0,\u00a0») ou XLSX ; ${nf(IMPORT_LIMITS.spreadsheetLines)} lignes et 10\u00a0Mo au plus.`}
            </span>
          </label>
          <input
            className="fr-upload"
            type="file"
            id="import-file"
            name="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'import-file-error' : undefined}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setReport(null);
              setDone(null);
              setError(null);
            }}
          />
          {error && (
            <p id="import-file-error" className="fr-error-text" role="alert" tabIndex={-1} ref={errorRef}>
              {error}
            </p>
          )}
        </div>
        <button type="submit" className="fr-btn fr-mt-2w" disabled={busy !== null}>
          {busy === 'check' ? 'Vérification…' : 'Vérifier'}
        </button>
      </form>

      <div ref={resultRef} tabIndex={-1} aria-live="polite">
        {busy === 'import' && <Loading label="Import en cours…" />}
        {done && (
          <div className="fr-alert fr-alert--success fr-mb-3w">
            <h2 className="fr-alert__title">
              {done.counts.created > 1
                ? `${nf(done.counts.created)} offres importées`
                : done.counts.created === 1
                  ? 'Une offre importée'
                  : 'Aucune offre importée'}
            </h2>
            <p>
              Elles sont soumises à la modération du département
              {done.counts.refused > 1
                ? ` ; les ${nf(done.counts.refused)} lignes refusées n’ont pas été importées`
                : done.counts.refused === 1
                  ? ' ; la ligne refusée n’a pas été importée'
                  : ''}
              .
            </p>
            <p>
              <Link className="fr-link" to={paths.boOrganization(slug, organizationId)}>
                Voir les offres de la structure
              </Link>
            </p>
          </div>
        )}
        {report && (
          <section className="cat-bo-card fr-mb-3w" aria-labelledby="import-report">
            <h2 className="fr-h4" id="import-report">
              3. Rapport de vérification
            </h2>
            <ImportReportView report={report} />
            {valid > 0 ? (
              <button
                type="button"
                className="fr-btn fr-mt-2w"
                disabled={busy !== null}
                onClick={() => void send(false)}
              >
                {valid > 1 ? `Importer les ${nf(valid)} lignes valides` : 'Importer la ligne valide'}
              </button>
            ) : (
              <p className="fr-mt-2w">Aucune ligne valide : corrigez le fichier puis vérifiez-le de nouveau.</p>
            )}
          </section>
        )}
      </div>
      {org.status === 'loading' && !org.data && <span className="fr-sr-only">Chargement de la structure…</span>}
    </Page>
  );
}

/** What each column takes (the template's notes, from the contracts). */
function ColumnsHelp() {
  return (
    <details className="fr-mt-2w">
      <summary>Ce que prend chaque colonne ({SPREADSHEET_COLUMNS.length} colonnes)</summary>
      <div className="cat-table-wrap cat-table-stack fr-table fr-table--no-caption fr-mt-2w cat-import-table">
        <table>
          <caption>Colonnes du modèle</caption>
          <thead>
            <tr>
              <th scope="col">Colonne</th>
              <th scope="col">Ce qu’il faut écrire</th>
              <th scope="col">Exemple</th>
            </tr>
          </thead>
          <tbody>
            {SPREADSHEET_COLUMNS.map((c) => (
              <tr key={c.name}>
                <td>
                  <code>{c.name}</code>
                  {c.required && (
                    <span className="fr-badge fr-badge--sm fr-badge--no-icon fr-badge--warning fr-ml-1w">
                      obligatoire
                    </span>
                  )}
                </td>
                <td data-label="Ce qu’il faut écrire">{c.help}</td>
                <td data-label="Exemple">{c.example || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
