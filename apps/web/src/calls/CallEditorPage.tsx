// The agents' editor of a call for projects: the general fields, the form builder, the required
// documents, the grid, a preview of the form as a structure sees it, then « Publier » with the
// shared rules' messages. Once published, what is frozen is shown read-only, and the panels take
// over: documents, instructors, applications, withdrawal, postponement, results.
import { callWriteErrors, type Call, type Me, type Plan } from '@catalogue/contracts';
import { useEffect, useState } from 'react';
import { ApiRequestError } from '../app/api.js';
import { Link, navigate, useLocation } from '../app/router.js';
import { paths } from '../app/routes.js';
import { useLabels } from '../app/taxonomy.js';
import { useLoad } from '../app/use-load.js';
import { canIn, ErrorSummary, Forbidden, Page, SignedIn, TextArea, TextField } from '../backoffice/ui.js';
import { Loading } from '../layout/Layout.js';
import { callPrefillFrom, prefilledContext } from '../coverage/coverage-prefill.js';
import { EMPTY_EDITOR_FORM, errorsByAnchor, formFromCall, writeFromForm, type CallEditorForm } from './call-builder.js';
import { euros } from './call-time.js';
import { EligibilityChecks, FicheChecks, TerritoryField } from './CallFields.js';
import { CallDates, CallStatusBadge, FicheTags, FormPreview, GridTable, RequiredDocuments } from './CallParts.js';
import { Applications, Instructors, Lifecycle, OwnDocuments } from './CallPanels.js';
import { territoryLabel, useTerritoryNames } from './CallPage.js';
import { callsApi } from './calls-api.js';
import { FormBuilder } from './FormBuilder.js';
import { DocumentsBuilder, GridBuilder } from './GridBuilder.js';

type Errors = Record<string, string>;

/**
 * The notice a new call's editor hands to the page it lands on: the route changes to the call's own
 * address once created, and that page is a new mount (it would otherwise lose the notice).
 */
let landing: { id: string; text: string } | null = null;

function takeLanding(id: string | undefined): string | null {
  if (!id || landing?.id !== id) return null;
  const text = landing.text;
  landing = null;
  return text;
}

function apiErrors(e: ApiRequestError): Errors {
  const fields = (e.body?.fields as { field: string; message: string }[] | undefined) ?? [];
  if (fields.length) return errorsByAnchor(fields);
  return e.parameter ? errorsByAnchor([{ field: e.parameter, message: e.message }]) : { 'call-form': e.message };
}

function DateTime({
  id,
  label,
  date,
  time,
  error,
  disabled,
  onChange,
}: {
  id: string;
  label: string;
  date: string;
  time: string;
  error?: string | undefined;
  disabled?: boolean;
  onChange: (date: string, time: string) => void;
}) {
  return (
    <fieldset
      className={`fr-fieldset${error ? ' fr-fieldset--error' : ''}`}
      id={id}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend className="fr-fieldset__legend">
        {label} <span className="fr-hint-text">Heure de Paris</span>
      </legend>
      <div className="fr-fieldset__element fr-fieldset__element--inline">
        <div className="fr-input-group">
          <label className="fr-label" htmlFor={`${id}-date`}>
            Date
          </label>
          <input
            className="fr-input"
            type="date"
            id={`${id}-date`}
            value={date}
            disabled={disabled}
            onChange={(e) => onChange(e.target.value, time)}
          />
        </div>
      </div>
      <div className="fr-fieldset__element fr-fieldset__element--inline">
        <div className="fr-input-group">
          <label className="fr-label" htmlFor={`${id}-time`}>
            Heure
          </label>
          <input
            className="fr-input"
            type="time"
            id={`${id}-time`}
            value={time}
            disabled={disabled}
            onChange={(e) => onChange(date, e.target.value)}
          />
        </div>
      </div>
      {error && (
        <div className="fr-messages-group" id={`${id}-error`}>
          <p className="fr-message fr-message--error">{error}</p>
        </div>
      )}
    </fieldset>
  );
}

/** What a published call keeps frozen, read-only. */
function Frozen({ slug, call, tenantName }: { slug: string; call: Call; tenantName: string }) {
  const labels = useLabels();
  const names = useTerritoryNames(slug, call.territory);
  return (
    <section className="cat-bo-card">
      <h2 className="fr-h5">Figé depuis la publication</h2>
      <dl className="cat-readonly">
        <dt>Fiches action</dt>
        <dd>{call.ficheRefs.length ? <FicheTags fiches={call.ficheRefs} /> : 'Aucune'}</dd>
        <dt>Structures éligibles</dt>
        <dd>{call.eligibleKinds.map((k) => labels?.organizationKind(k) ?? k).join(', ') || 'Toutes'}</dd>
        <dt>Publics</dt>
        <dd>{call.eligiblePublics.map((p) => labels?.audience(p) ?? p).join(', ') || 'Tous'}</dd>
        <dt>Territoire</dt>
        <dd>{territoryLabel(call.territory, names, tenantName)}</dd>
        <dt>Enveloppe</dt>
        <dd>{euros(call.envelope)}</dd>
        <dt>Dates</dt>
        <dd>
          <CallDates call={call} />
        </dd>
      </dl>
      <h3 className="fr-h6">Formulaire</h3>
      <FormPreview questions={call.questions} />
      <h3 className="fr-h6 fr-mt-3w">Pièces demandées</h3>
      <RequiredDocuments documents={call.documents} />
      <h3 className="fr-h6">Grille d’analyse</h3>
      <GridTable grid={call.grid} />
    </section>
  );
}

function Editor({ slug, me, id }: { slug: string; me: Me; id?: string | undefined }) {
  const loaded = useLoad(`bo-call:${slug}:${id ?? 'new'}`, (s) =>
    id ? callsApi.get(slug, id, s) : Promise.resolve(null),
  );
  const plan = useLoad(`plan:${slug}`, (s) => callsApi.plan(slug, s).catch((): Plan | null => null));
  const labels = useLabels();
  const [call, setCall] = useState<Call | null>(null);
  // A new call started from the coverage map: its communes (and theme) come from the address.
  const { search } = useLocation();
  const [prefill] = useState(() => (id ? null : callPrefillFrom(search)));
  const [form, setForm] = useState<CallEditorForm>(() =>
    prefill?.territory ? { ...EMPTY_EDITOR_FORM, territory: prefill.territory } : EMPTY_EDITOR_FORM,
  );
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(() => takeLanding(id));
  const [preview, setPreview] = useState(false);
  useEffect(() => {
    if (loaded.data) {
      setCall(loaded.data);
      setForm(formFromCall(loaded.data));
    }
  }, [loaded.data]);
  useEffect(() => {
    const theme = prefill?.theme;
    if (theme && labels) setForm((f) => (f.context ? f : { ...f, context: prefilledContext(labels.theme(theme)) }));
  }, [prefill, labels]);
  if (id && !call) {
    if (loaded.status === 'error') return <p className="fr-error-text">{loaded.error.message}</p>;
    return <Loading label="Chargement de l’appel…" />;
  }
  const draft = !call || call.status === 'draft';
  const published = call?.status === 'published';
  const set = <K extends keyof CallEditorForm>(k: K, v: CallEditorForm[K]) => {
    setForm((f) => ({ ...f, [k]: v }));
    setNotice(null);
  };
  const refresh = (c: Call) => {
    setCall(c);
    setForm(formFromCall(c));
  };

  /**
   * Saves (creates the draft, or sends the changes); the call saved, or null with the errors shown.
   * A new call moves to its own address, unless `stay` (publication moves once published).
   */
  const save = async (forPublication: boolean, stay = false): Promise<Call | null> => {
    const { write, errors: local } = writeFromForm(form);
    const all = [...local, ...(draft ? callWriteErrors(write, { forPublication }) : [])];
    if (all.length) {
      setErrors(errorsByAnchor(all));
      return null;
    }
    setBusy(true);
    setErrors({});
    try {
      const body = draft ? write : { title: write.title, context: write.context };
      const saved = call
        ? await callsApi.update(slug, call.id, { ...body, version: call.version })
        : await callsApi.create(slug, write);
      refresh(saved);
      if (!id && !stay) navigate(paths.boCall(slug, saved.id), { replace: true });
      return saved;
    } catch (e) {
      if (e instanceof ApiRequestError) setErrors(e.status === 400 ? apiErrors(e) : { 'call-form': e.message });
      return null;
    } finally {
      setBusy(false);
    }
  };
  const publish = async () => {
    const saved = await save(true, true);
    if (!saved) return;
    setBusy(true);
    try {
      const done = await callsApi.publish(slug, saved.id);
      const text = 'L’appel est publié : les structures qui l’ont demandé sont prévenues par e-mail.';
      if (!id) {
        landing = { id: done.id, text };
        navigate(paths.boCall(slug, done.id), { replace: true });
        return;
      }
      refresh(done);
      setNotice(text);
    } catch (e) {
      if (e instanceof ApiRequestError) setErrors(e.status === 400 ? apiErrors(e) : { 'call-form': e.message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <div className="fr-grid-row fr-grid-row--middle fr-mb-2w" style={{ gap: '1rem' }}>
        <h1 className="fr-mb-0">{call ? call.title : 'Nouvel appel à projets'}</h1>
        {call && <CallStatusBadge call={call} />}
      </div>
      {call && call.status !== 'draft' && (
        <p>
          <Link className="fr-link" to={paths.call(slug, call.id)}>
            Voir la page publique
          </Link>
        </p>
      )}
      {notice && (
        <div className="fr-alert fr-alert--success fr-alert--sm fr-mb-3w" role="status">
          <p>{notice}</p>
        </div>
      )}
      <ErrorSummary errors={errors} fieldId={(k) => k} />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-lg-8">
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void save(false).then((c) => c && setNotice('Enregistré.'));
            }}
          >
            <section className="cat-bo-card">
              <h2 className="fr-h5">L’appel</h2>
              {errors['call-form'] && (
                <p className="fr-error-text" id="call-form">
                  {errors['call-form']}
                </p>
              )}
              <TextField
                id="call-title"
                label="Titre"
                value={form.title}
                onChange={(v) => set('title', v)}
                error={errors['call-title']}
                required
                maxLength={300}
                disabled={!draft && !published}
              />
              <TextArea
                id="call-context"
                label="Contexte et objectifs"
                hint="Paragraphes séparés par une ligne vide"
                value={form.context}
                onChange={(v) => set('context', v)}
                error={errors['call-context']}
                rows={6}
                maxLength={20000}
              />
            </section>
            {draft && (
              <>
                <section className="cat-bo-card">
                  <h2 className="fr-h5">Cadre</h2>
                  <FicheChecks
                    plan={plan.data ?? null}
                    chosen={form.fiches}
                    error={errors['call-fiches']}
                    onChange={(v) => set('fiches', v)}
                  />
                  <EligibilityChecks
                    labels={labels}
                    kinds={form.eligibleKinds}
                    publics={form.eligiblePublics}
                    errors={errors}
                    onKinds={(v) => set('eligibleKinds', v)}
                    onPublics={(v) => set('eligiblePublics', v)}
                  />
                  <TerritoryField
                    slug={slug}
                    territory={form.territory}
                    error={errors['call-territory']}
                    onChange={(v) => set('territory', v)}
                  />
                  <TextField
                    id="call-envelope"
                    label="Enveloppe (€)"
                    hint="Par exemple 150 000 ou 12 500,50"
                    inputMode="text"
                    value={form.envelopeText}
                    onChange={(v) => set('envelopeText', v)}
                    error={errors['call-envelope']}
                  />
                  <DateTime
                    id="call-opensAt"
                    label="Ouverture"
                    date={form.opensDate}
                    time={form.opensTime}
                    error={errors['call-opensAt']}
                    onChange={(d, t) => setForm((f) => ({ ...f, opensDate: d, opensTime: t }))}
                  />
                  <DateTime
                    id="call-closesAt"
                    label="Date limite de dépôt"
                    date={form.closesDate}
                    time={form.closesTime}
                    error={errors['call-closesAt']}
                    onChange={(d, t) => setForm((f) => ({ ...f, closesDate: d, closesTime: t }))}
                  />
                </section>
                <section className="cat-bo-card">
                  <h2 className="fr-h5">Formulaire du dossier</h2>
                  <div className="fr-toggle fr-mb-2w">
                    <input
                      type="checkbox"
                      className="fr-toggle__input"
                      id="call-preview"
                      checked={preview}
                      onChange={(e) => setPreview(e.target.checked)}
                    />
                    <label className="fr-toggle__label" htmlFor="call-preview">
                      Aperçu tel que la structure le verra
                    </label>
                  </div>
                  {preview ? (
                    <FormPreview questions={form.questions} />
                  ) : (
                    <FormBuilder questions={form.questions} errors={errors} onChange={(v) => set('questions', v)} />
                  )}
                </section>
                <section className="cat-bo-card">
                  <h2 className="fr-h5">Pièces à joindre</h2>
                  <DocumentsBuilder
                    documents={form.documents}
                    questions={form.questions}
                    errors={errors}
                    onChange={(v) => set('documents', v)}
                  />
                </section>
                <section className="cat-bo-card">
                  <h2 className="fr-h5">Grille d’analyse</h2>
                  <GridBuilder grid={form.grid} errors={errors} onChange={(v) => set('grid', v)} />
                </section>
              </>
            )}
            {(draft || published) && (
              <ul className="fr-btns-group fr-btns-group--inline-md">
                <li>
                  <button type="submit" className={`fr-btn${draft ? ' fr-btn--secondary' : ''}`} disabled={busy}>
                    {draft ? 'Enregistrer le brouillon' : 'Enregistrer'}
                  </button>
                </li>
                {draft && (
                  <li>
                    <button type="button" className="fr-btn" disabled={busy} onClick={() => void publish()}>
                      Publier
                    </button>
                  </li>
                )}
              </ul>
            )}
          </form>
          {call && !draft && (
            <Frozen
              slug={slug}
              call={call}
              tenantName={me.capabilities.tenants.find((t) => t.tenant === slug)?.tenantName ?? ''}
            />
          )}
        </div>
        <div className="fr-col-12 fr-col-lg-4">
          {!call && (
            <p className="cat-muted">
              Les documents de l’appel, les instructeurs et les dossiers apparaissent une fois le brouillon enregistré.
            </p>
          )}
          {call && <Lifecycle slug={slug} call={call} onCall={refresh} />}
          {call && <OwnDocuments slug={slug} call={call} me={me} onCall={refresh} />}
          {call && canIn(me, slug).assignInstructors && (
            <Instructors key={call.id} slug={slug} call={call} onCall={refresh} />
          )}
          {call && call.status !== 'draft' && <Applications slug={slug} call={call} />}
        </div>
      </div>
    </>
  );
}

export function CallEditorPage({ slug, id }: { slug: string; id?: string }) {
  const title = id ? 'Appel à projets' : 'Nouvel appel à projets';
  return (
    <SignedIn title={title}>
      {(me) => (
        <Page
          title={title}
          crumbs={[
            { label: 'Mon espace', to: paths.space() },
            { label: 'Appels à projets', to: paths.boCalls(slug) },
          ]}
        >
          {canIn(me, slug).manageCalls ? (
            <Editor slug={slug} me={me} id={id} />
          ) : (
            <Forbidden what="Les appels à projets sont rédigés par les agents du département." />
          )}
        </Page>
      )}
    </SignedIn>
  );
}
