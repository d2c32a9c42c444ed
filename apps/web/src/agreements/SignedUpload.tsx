// « Déposer la convention signée (PDF) »: a file input, the upload's progress, and the API's
// refusals in French (too large, not a PDF).
import type { Agreement } from '@catalogue/contracts';
import { useState, type FormEvent } from 'react';
import { ApiRequestError } from '../app/api.js';
import { messageOf } from '../backoffice/ui.js';
import { agreementsApi } from './agreements-api.js';

export function signedUploadError(e: ApiRequestError): string {
  if (e.status === 413) return 'Ce fichier est trop volumineux (20 Mo au plus).';
  if (e.status === 415) return 'Ce fichier n’est pas un PDF : déposez la convention signée au format PDF.';
  if (e.status === 409) return 'La convention signée a déjà été déposée : rechargez la page.';
  return messageOf(e);
}

export function SignedUpload({
  slug,
  id,
  csrfToken,
  onSigned,
}: {
  slug: string;
  id: string;
  csrfToken: string;
  onSigned: (a: Agreement) => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) return setError('Choisissez le PDF de la convention signée.');
    setError(null);
    setProgress(0);
    try {
      onSigned(await agreementsApi.uploadSigned(slug, id, file, csrfToken, setProgress));
    } catch (err) {
      setError(err instanceof ApiRequestError ? signedUploadError(err) : 'Une erreur inattendue s’est produite.');
    } finally {
      setProgress(null);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="cat-bo-card" aria-labelledby="signed-title">
      <h2 className="fr-h5" id="signed-title">
        Déposer la convention signée (PDF)
      </h2>
      <div className={`fr-upload-group${error ? ' fr-upload-group--error' : ''}`}>
        <label className="fr-label" htmlFor="signed-file">
          Convention signée par les deux parties
          <span className="fr-hint-text">Format PDF, 20 Mo au plus.</span>
        </label>
        <input
          className="fr-upload"
          type="file"
          id="signed-file"
          name="file"
          accept="application/pdf,.pdf"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'signed-file-error' : undefined}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        {error && (
          <p id="signed-file-error" className="fr-error-text" role="alert">
            {error}
          </p>
        )}
      </div>
      {progress !== null && (
        <p className="fr-mt-2w">
          <label htmlFor="signed-progress">Envoi en cours</label>{' '}
          <progress id="signed-progress" max={1} value={progress}>
            {Math.round(progress * 100)} %
          </progress>
        </p>
      )}
      <button type="submit" className="fr-btn fr-mt-2w" disabled={progress !== null}>
        Déposer la convention signée
      </button>
    </form>
  );
}
