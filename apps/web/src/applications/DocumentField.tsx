// A document to join for one key (a `file` question or a required document): the files already
// joined (download, remove) and an upload. The type is checked by the API from the content.
import { ACCEPTED_DOCUMENT_TYPES, CALL_LIMITS, type Application, type ApplicationDocument } from '@catalogue/contracts';
import { useRef, useState } from 'react';
import { ApiRequestError } from '../app/api.js';
import { messageOf } from '../backoffice/ui.js';
import { applicationsApi } from './applications-api.js';
import { DocumentLink } from './application-ui.js';
import { fieldDomId } from './application-form.js';

const ACCEPT = '.pdf,.odt,.docx,.ods,.xlsx,.jpg,.jpeg,.png';
const TYPES = [...new Set(Object.values(ACCEPTED_DOCUMENT_TYPES))].join(', ');
const MAX_MB = Math.round(CALL_LIMITS.fileBytes / 1024 / 1024);

function uploadMessage(e: unknown): string {
  if (!(e instanceof ApiRequestError)) return 'Le fichier n’a pas pu être envoyé.';
  if (e.status === 413) return `Fichier trop volumineux : ${MAX_MB} Mo au plus.`;
  if (e.status === 415) return e.message || `Type de fichier non accepté : ${TYPES}.`;
  return messageOf(e);
}

export function DocumentField(p: {
  slug: string;
  app: Application;
  /** The API field its errors are named by: `answers.<key>` or `documents.<key>`. */
  field: string;
  docKey: string;
  label: string;
  help?: string | undefined;
  required: boolean;
  error?: string | undefined;
  disabled?: boolean;
  onChanged: (docs: { added?: ApplicationDocument; removedId?: string }) => void;
}) {
  const id = fieldDomId(p.field);
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const docs = p.app.documents.filter((d) => d.key === p.docKey);
  const error = problem ?? p.error;
  const upload = async (file: File | undefined) => {
    if (!file) return;
    setProblem(null);
    if (file.size > CALL_LIMITS.fileBytes) {
      setProblem(`Fichier trop volumineux : ${MAX_MB} Mo au plus.`);
      return;
    }
    setBusy(true);
    try {
      const added = await applicationsApi.upload(p.slug, p.app.id, p.docKey, file);
      p.onChanged({ added });
    } catch (e) {
      setProblem(uploadMessage(e));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };
  const remove = async (doc: ApplicationDocument) => {
    setProblem(null);
    setBusy(true);
    try {
      await applicationsApi.removeDocument(p.slug, p.app.id, doc.id);
      p.onChanged({ removedId: doc.id });
    } catch (e) {
      setProblem(e instanceof ApiRequestError ? messageOf(e) : 'La pièce n’a pas pu être retirée.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className={`fr-upload-group cat-app-question${error ? ' fr-upload-group--error' : ''}`}>
      <label className="fr-label" htmlFor={id}>
        {p.label}
        {p.required ? ' *' : ''}
        <span className="fr-hint-text">
          {p.help ? `${p.help} ` : ''}Formats acceptés : {TYPES}. {MAX_MB} Mo au plus par fichier.
        </span>
      </label>
      {docs.length > 0 && (
        <ul className="cat-app-files">
          {docs.map((d) => (
            <li key={d.id}>
              <DocumentLink slug={p.slug} appId={p.app.id} doc={d} />
              {!p.disabled && (
                <button
                  type="button"
                  className="fr-btn fr-btn--sm fr-btn--tertiary-no-outline fr-icon-delete-line fr-btn--icon-left"
                  disabled={busy}
                  onClick={() => void remove(d)}
                >
                  Retirer<span className="fr-sr-only"> {d.fileName}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!p.disabled && (
        <input
          ref={input}
          className="fr-upload"
          type="file"
          id={id}
          accept={ACCEPT}
          disabled={busy}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => void upload(e.target.files?.[0])}
        />
      )}
      <p className="fr-text--sm fr-mb-0" role="status">
        {busy ? 'Envoi en cours…' : ''}
      </p>
      {error && (
        <p id={`${id}-error`} className="fr-error-text">
          {error}
        </p>
      )}
    </div>
  );
}
