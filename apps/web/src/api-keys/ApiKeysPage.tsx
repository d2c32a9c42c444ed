// The département's API keys (admins): list, create (the secret shown once), revoke with a
// confirmation, and how a program uses a key.
import { API_KEY_LIMITS, type ApiKeyCreated, type ApiKeySummary } from '@catalogue/contracts';
import { useRef, useState, type FormEvent } from 'react';
import { paths } from '../app/routes.js';
import { useLoad } from '../app/use-load.js';
import { ErrorState, Loading } from '../layout/Layout.js';
import {
  ErrorSummary,
  Forbidden,
  Notice,
  Page,
  SignedIn,
  TextField,
  canIn,
  dateTimeLabel,
  useAction,
} from '../backoffice/ui.js';
import { ApiKeyHelp } from './ApiKeyHelp.js';
import { nameError } from './api-key-form.js';
import { apiKeys } from './api-keys-api.js';
import './api-keys.css';

const TITLE = 'Clés d’API';

export function ApiKeysPage({ slug }: { slug: string }) {
  return (
    <SignedIn title={TITLE}>
      {(me) => (
        <Page title={TITLE} crumbs={[{ label: 'Mon espace', to: paths.space() }]}>
          <h1>{TITLE}</h1>
          {canIn(me, slug).manageApiKeys ? (
            <Keys slug={slug} />
          ) : (
            <Forbidden what="Cette page est réservée aux administrateurs du département." />
          )}
        </Page>
      )}
    </SignedIn>
  );
}

function Keys({ slug }: { slug: string }) {
  const [version, setVersion] = useState(0);
  const list = useLoad(`api-keys:${slug}:${version}`, (s) => apiKeys.list(slug, s));
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const reload = () => setVersion((v) => v + 1);
  return (
    <>
      <p className="fr-text--lead">
        Une clé d’API permet à un programme (tableau de bord, entrepôt de données) de lire les statistiques et les
        exports du département sans compte personnel. Créez une clé par programme, et révoquez-la dès qu’il ne s’en sert
        plus.
      </p>
      {done && <Notice kind="success">{done}</Notice>}
      {created && <NewSecret created={created} onDone={() => setCreated(null)} />}
      <CreateForm
        slug={slug}
        onCreated={(k) => {
          setDone(null);
          setCreated(k);
          reload();
        }}
      />
      <section className="cat-bo-card" aria-labelledby="keys-list">
        <h2 className="fr-h5" id="keys-list">
          Clés du département
        </h2>
        {list.status === 'error' && !list.data ? (
          <ErrorState title="Liste indisponible" message={list.error.message} />
        ) : !list.data ? (
          <Loading label="Chargement…" />
        ) : list.data.length === 0 ? (
          <p>Aucune clé pour l’instant.</p>
        ) : (
          <KeyTable
            slug={slug}
            keys={list.data}
            onRevoked={(k) => {
              setCreated(null);
              setDone(`La clé « ${k.name} » est révoquée : elle ne fonctionne plus.`);
              reload();
            }}
          />
        )}
      </section>
      <ApiKeyHelp slug={slug} />
    </>
  );
}

function CreateForm({ slug, onCreated }: { slug: string; onCreated: (k: ApiKeyCreated) => void }) {
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const action = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const error = nameError(name);
    if (error) return setErrors({ name: error });
    setErrors({});
    void action
      .run(() => apiKeys.create(slug, name.trim()))
      .then((k) => {
        if (!k) return;
        setName('');
        onCreated(k);
      });
  };
  const apiError = action.lastError?.parameter === 'name' ? action.error : null;
  return (
    <section className="cat-bo-card" aria-labelledby="keys-new">
      <h2 className="fr-h5" id="keys-new">
        Nouvelle clé
      </h2>
      <form onSubmit={submit} noValidate>
        <ErrorSummary errors={errors} fieldId={() => 'key-name'} />
        {action.error && !apiError && <Notice kind="error">{action.error}</Notice>}
        <TextField
          id="key-name"
          label="Nom de la clé"
          hint="Le programme ou le service qui l’utilisera, pour la reconnaître dans la liste."
          value={name}
          onChange={setName}
          maxLength={API_KEY_LIMITS.nameMax}
          error={errors.name ?? apiError ?? undefined}
          required
        />
        <button type="submit" className="fr-btn fr-icon-add-line fr-btn--icon-left" disabled={action.busy}>
          Créer la clé
        </button>
      </form>
    </section>
  );
}

/** The secret, this one time: focused, with a copy button and the warning. */
function NewSecret({ created, onDone }: { created: ApiKeyCreated; onDone: () => void }) {
  const [copied, setCopied] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const copy = () =>
    navigator.clipboard.writeText(created.secret).then(
      () => setCopied('Clé copiée dans le presse-papiers.'),
      () => setCopied('Copie impossible : sélectionnez la clé et copiez-la vous-même.'),
    );
  return (
    <div
      ref={(el) => {
        if (el && !ref.current) el.focus();
        ref.current = el;
      }}
      tabIndex={-1}
      className="fr-alert fr-alert--warning fr-mb-3w"
      role="region"
      aria-labelledby="new-key-title"
    >
      <h2 className="fr-alert__title" id="new-key-title">
        Clé « {created.name} » créée : copiez-la maintenant
      </h2>
      <p>Elle ne sera plus jamais affichée. Si vous la perdez, révoquez-la et créez-en une autre.</p>
      <code className="cat-secret" id="new-key-secret" data-testid="api-key-secret">
        {created.secret}
      </code>
      <div className="cat-actions cat-actions--tight">
        <button type="button" className="fr-btn fr-btn--sm" onClick={() => void copy()}>
          Copier la clé
        </button>
        <button type="button" className="fr-btn fr-btn--sm fr-btn--secondary" onClick={onDone}>
          J’ai copié la clé
        </button>
      </div>
      <p role="status" className="fr-text--sm fr-mb-0">
        {copied}
      </p>
    </div>
  );
}

function KeyTable({
  slug,
  keys,
  onRevoked,
}: {
  slug: string;
  keys: ApiKeySummary[];
  onRevoked: (k: ApiKeySummary) => void;
}) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const action = useAction();
  return (
    <>
      {action.error && <Notice kind="error">{action.error}</Notice>}
      <div className="cat-table-wrap cat-table-stack fr-table fr-table--no-caption">
        <table>
          <caption>Clés d’API</caption>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Début de la clé</th>
              <th scope="col">Création</th>
              <th scope="col">Dernière utilisation</th>
              <th scope="col">État</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.id}>
                <td>
                  <strong>{k.name}</strong>
                </td>
                <td data-label="Début de la clé">
                  <code>{k.prefix}…</code>
                </td>
                <td data-label="Création">
                  {dateTimeLabel(k.createdAt)}
                  {k.createdBy && <span className="cat-muted"> par {k.createdBy}</span>}
                </td>
                <td data-label="Dernière utilisation">{k.lastUsedAt ? dateTimeLabel(k.lastUsedAt) : 'Jamais'}</td>
                <td data-label="État">
                  {k.revokedAt ? (
                    <p className="fr-badge fr-badge--sm">Révoquée le {dateTimeLabel(k.revokedAt)}</p>
                  ) : (
                    <p className="fr-badge fr-badge--sm fr-badge--success">Active</p>
                  )}
                </td>
                <td>
                  {!k.revokedAt && confirming !== k.id && (
                    <button
                      type="button"
                      className="fr-btn fr-btn--sm fr-btn--tertiary"
                      aria-label={`Révoquer la clé « ${k.name} »`}
                      onClick={() => setConfirming(k.id)}
                    >
                      Révoquer
                    </button>
                  )}
                  {!k.revokedAt && confirming === k.id && (
                    <div role="group" aria-label={`Confirmer la révocation de « ${k.name} »`}>
                      <p className="fr-text--sm fr-mb-1w">
                        Les programmes qui l’utilisent recevront aussitôt un refus (401). C’est définitif.
                      </p>
                      <div className="cat-actions cat-actions--tight">
                        <button
                          type="button"
                          className="fr-btn fr-btn--sm"
                          disabled={action.busy}
                          ref={(el) => el?.focus()}
                          onClick={() =>
                            void action
                              .run(() => apiKeys.revoke(slug, k.id))
                              .then((r) => {
                                if (!r) return;
                                setConfirming(null);
                                onRevoked(r);
                              })
                          }
                        >
                          Confirmer la révocation
                        </button>
                        <button
                          type="button"
                          className="fr-btn fr-btn--sm fr-btn--secondary"
                          onClick={() => setConfirming(null)}
                        >
                          Annuler
                        </button>
                      </div>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
