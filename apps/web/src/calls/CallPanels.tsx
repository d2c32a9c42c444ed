// The editor's panels beside the call itself: its own documents (upload, remove), its instructors
// (admins pick agents), its applications (from the applications module), and the lifecycle
// actions once published: withdraw with a reason, postpone the deadline, publish the results.
import type { ApplicationStatus, Call, Me } from '@catalogue/contracts';
import { useState } from 'react';
import { ApiRequestError } from '../app/api.js';
import { Link } from '../app/router.js';
import { paths } from '../app/routes.js';
import { useLoad } from '../app/use-load.js';
import { messageOf, useAction } from '../backoffice/ui.js';
import { callsApi } from './calls-api.js';
import { euros, isoToParis, parisToIso } from './call-time.js';

const APPLICATION_STATUS: Record<ApplicationStatus, string> = {
  draft: 'En cours de rédaction',
  submitted: 'Déposé',
  completion_requested: 'À compléter',
  withdrawn: 'Retiré',
  selected: 'Retenu',
  rejected: 'Non retenu',
};

export function OwnDocuments({
  slug,
  call,
  me,
  onCall,
}: {
  slug: string;
  call: Call;
  me: Me;
  onCall: (c: Call) => void;
}) {
  const [label, setLabel] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const action = useAction();
  const editable = call.status === 'draft' || call.status === 'published';
  const upload = async () => {
    if (!label.trim() || !file) return action.setError('Donnez un intitulé et choisissez un fichier.');
    const c = await action.run(() => callsApi.addDocument(slug, call.id, label.trim(), file, me.csrfToken));
    if (c) {
      onCall(c);
      setLabel('');
      setFile(null);
    }
  };
  return (
    <section className="cat-bo-card" aria-labelledby="own-docs">
      <h2 className="fr-h5" id="own-docs">
        Documents de l’appel
      </h2>
      <p className="fr-hint-text">Règlement, annexes : publiés sur la page de l’appel.</p>
      <ul>
        {call.publicDocuments.map((d) => (
          <li key={d.id}>
            <a className="fr-link" href={callsApi.documentUrl(slug, call.id, d.id)} download>
              {d.label}
            </a>{' '}
            {editable && (
              <button
                type="button"
                className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm"
                onClick={() =>
                  void action.run(() => callsApi.removeDocument(slug, call.id, d.id)).then((c) => c && onCall(c))
                }
              >
                Retirer
              </button>
            )}
          </li>
        ))}
      </ul>
      {editable && (
        <>
          <div className="fr-input-group">
            <label className="fr-label" htmlFor="own-doc-label">
              Intitulé du document
            </label>
            <input
              className="fr-input"
              id="own-doc-label"
              value={label}
              maxLength={300}
              onChange={(e) => setLabel(e.target.value)}
            />
          </div>
          <div className="fr-upload-group">
            <label className="fr-label" htmlFor="own-doc-file">
              Fichier
              <span className="fr-hint-text">PDF, ODT, DOCX, ODS, XLSX, JPEG ou PNG ; 20 Mo au plus.</span>
            </label>
            <input
              className="fr-upload"
              type="file"
              id="own-doc-file"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </div>
          {action.error && (
            <p className="fr-error-text" role="alert">
              {action.error}
            </p>
          )}
          <button
            type="button"
            className="fr-btn fr-btn--secondary fr-btn--sm fr-mt-2w"
            disabled={action.busy}
            onClick={() => void upload()}
          >
            Joindre le document
          </button>
        </>
      )}
    </section>
  );
}

export function Instructors({ slug, call, onCall }: { slug: string; call: Call; onCall: (c: Call) => void }) {
  const staff = useLoad(`staff:${slug}`, (s) => callsApi.staff(slug, s));
  const [chosen, setChosen] = useState<Set<string>>(new Set((call.instructors ?? []).map((i) => i.userId)));
  const action = useAction();
  const [saved, setSaved] = useState(false);
  return (
    <section className="cat-bo-card" aria-labelledby="instructors">
      <h2 className="fr-h5" id="instructors">
        Instructeurs
      </h2>
      {!staff.data && <p>Chargement des agents…</p>}
      {staff.data && (
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend fr-text--regular">Agents qui notent les dossiers</legend>
          {staff.data.map((m) => (
            <div key={m.userId} className="fr-fieldset__element">
              <div className="fr-checkbox-group">
                <input
                  type="checkbox"
                  id={`instr-${m.userId}`}
                  checked={chosen.has(m.userId)}
                  onChange={(e) => {
                    const next = new Set(chosen);
                    if (e.target.checked) next.add(m.userId);
                    else next.delete(m.userId);
                    setChosen(next);
                    setSaved(false);
                  }}
                />
                <label className="fr-label" htmlFor={`instr-${m.userId}`}>
                  {m.name || m.email}
                  <span className="fr-hint-text">{m.email}</span>
                </label>
              </div>
            </div>
          ))}
        </fieldset>
      )}
      {action.error && (
        <p className="fr-error-text" role="alert">
          {action.error}
        </p>
      )}
      {saved && (
        <p className="fr-valid-text" role="status">
          Instructeurs enregistrés.
        </p>
      )}
      <button
        type="button"
        className="fr-btn fr-btn--secondary fr-btn--sm"
        disabled={action.busy || !staff.data}
        onClick={() =>
          void action
            .run(() => callsApi.instructors(slug, call.id, [...chosen]))
            .then((c) => {
              if (c) {
                onCall(c);
                setSaved(true);
              }
            })
        }
      >
        Enregistrer les instructeurs
      </button>
    </section>
  );
}

export function Applications({ slug, call }: { slug: string; call: Call }) {
  const list = useLoad(`call-apps:${call.id}`, (s) => callsApi.applications(slug, call.id, s));
  return (
    <section className="cat-bo-card" aria-labelledby="apps">
      <h2 className="fr-h5" id="apps">
        Dossiers
      </h2>
      {list.status === 'error' && (
        <p className="cat-muted">
          {list.error.status === 403
            ? 'Réservé aux instructeurs de l’appel et aux administrateurs.'
            : messageOf(list.error)}
        </p>
      )}
      {list.data?.items.length === 0 && <p>Aucun dossier pour l’instant.</p>}
      {list.data && list.data.items.length > 0 && (
        <ul>
          {list.data.items.map((a) => (
            <li key={a.id}>
              <Link className="fr-link" to={paths.application(slug, a.id)}>
                {a.organizationName}
              </Link>{' '}
              — {APPLICATION_STATUS[a.status]}
              {a.amountRequested !== null && <> — {euros(a.amountRequested)} demandés</>}
            </li>
          ))}
        </ul>
      )}
      {call.status !== 'draft' && (
        <Link className="fr-btn fr-btn--secondary fr-btn--sm" to={paths.ranking(slug, call.id)}>
          Classement et comité
        </Link>
      )}
    </section>
  );
}

export function Lifecycle({ slug, call, onCall }: { slug: string; call: Call; onCall: (c: Call) => void }) {
  const action = useAction();
  const [reason, setReason] = useState('');
  const [results, setResults] = useState('');
  const current = isoToParis(call.closesAt);
  const [date, setDate] = useState(current.date);
  const [time, setTime] = useState(current.time);
  const conflict = action.lastError instanceof ApiRequestError && action.lastError.code === 'undecided_applications';
  if (call.status === 'published')
    return (
      <section className="cat-bo-card" aria-labelledby="lifecycle">
        <h2 className="fr-h5" id="lifecycle">
          L’appel est publié
        </h2>
        <h3 className="fr-h6">Reporter la date limite</h3>
        <div className="cat-builder-row">
          <div className="fr-input-group fr-mb-0">
            <label className="fr-label" htmlFor="postpone-date">
              Nouvelle date
            </label>
            <input
              className="fr-input"
              type="date"
              id="postpone-date"
              value={date}
              onChange={(e) => setDate(e.target.value)}
            />
          </div>
          <div className="fr-input-group fr-mb-0">
            <label className="fr-label" htmlFor="postpone-time">
              Heure (Paris)
            </label>
            <input
              className="fr-input"
              type="time"
              id="postpone-time"
              value={time}
              onChange={(e) => setTime(e.target.value)}
            />
          </div>
          <button
            type="button"
            className="fr-btn fr-btn--secondary fr-btn--sm"
            disabled={action.busy}
            onClick={() => {
              const closesAt = parisToIso(date, time);
              if (!closesAt) return action.setError('Date limite invalide');
              void action
                .run(() => callsApi.update(slug, call.id, { version: call.version, closesAt }))
                .then((c) => c && onCall(c));
            }}
          >
            Reporter
          </button>
        </div>
        <h3 className="fr-h6 fr-mt-3w">Retirer l’appel</h3>
        <div className="fr-input-group">
          <label className="fr-label" htmlFor="withdraw-reason">
            Motif (publié sur la page de l’appel)
          </label>
          <textarea
            className="fr-input"
            id="withdraw-reason"
            rows={2}
            maxLength={2000}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
        {action.error && (
          <p className="fr-error-text" role="alert">
            {action.error}
          </p>
        )}
        <button
          type="button"
          className="fr-btn fr-btn--tertiary fr-btn--sm"
          disabled={action.busy}
          onClick={() => {
            if (reason.trim().length < 3) return action.setError('Donnez le motif du retrait (3 caractères au moins).');
            void action.run(() => callsApi.withdraw(slug, call.id, reason.trim())).then((c) => c && onCall(c));
          }}
        >
          Retirer l’appel
        </button>
      </section>
    );
  if (call.status === 'closed')
    return (
      <section className="cat-bo-card" aria-labelledby="lifecycle">
        <h2 className="fr-h5" id="lifecycle">
          Publier les résultats
        </h2>
        <div className="fr-input-group">
          <label className="fr-label" htmlFor="results-text">
            Texte des résultats (publié sur la page de l’appel)
          </label>
          <textarea
            className="fr-input"
            id="results-text"
            rows={4}
            maxLength={20000}
            value={results}
            onChange={(e) => setResults(e.target.value)}
          />
        </div>
        {action.error && (
          <p className="fr-error-text" role="alert">
            {action.error} {conflict && <Link to={paths.ranking(slug, call.id)}>Aller au comité</Link>}
          </p>
        )}
        <button
          type="button"
          className="fr-btn fr-btn--sm"
          disabled={action.busy}
          onClick={() => void action.run(() => callsApi.results(slug, call.id, results)).then((c) => c && onCall(c))}
        >
          Publier les résultats
        </button>
      </section>
    );
  return null;
}
