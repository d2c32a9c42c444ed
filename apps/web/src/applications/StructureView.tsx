// The structure's application: the call's form while it may be edited (save as a draft, submit
// once, resubmit after a completion request), read-only afterwards; withdrawal until the decision.
import type { Application, ApplicationDocument, Call } from '@catalogue/contracts';
import { useMemo, useState, type FormEvent } from 'react';
import { ApiRequestError } from '../app/api.js';
import { ErrorSummary, Notice, TextArea, useAction } from '../backoffice/ui.js';
import { applicationsApi } from './applications-api.js';
import {
  apiFieldErrors,
  canWithdraw,
  errorMap,
  fieldDomId,
  formErrors,
  formFromAnswers,
  isEditable,
  saveBody,
  visibleQuestions,
  type AnswerForm,
  type FormValue,
} from './application-form.js';
import { amountInput, atLabel, savedLabel } from './application-text.js';
import { AnswersView, DecisionBlock } from './application-ui.js';
import { DocumentField } from './DocumentField.js';
import { AmountField, QuestionField } from './QuestionField.js';

function Withdraw({ slug, app, onDone }: { slug: string; app: Application; onDone: (a: Application) => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const action = useAction();
  if (!canWithdraw(app.status)) return null;
  if (!open)
    return (
      <button
        type="button"
        className="fr-btn fr-btn--tertiary fr-icon-close-circle-line fr-btn--icon-left"
        onClick={() => setOpen(true)}
      >
        Retirer le dossier
      </button>
    );
  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    const done = await action.run(() => applicationsApi.withdraw(slug, app.id, reason.trim() || undefined));
    if (done) onDone(done);
  };
  return (
    <form className="cat-subform" onSubmit={confirm} noValidate>
      <p className="fr-mb-1w">
        <strong>Retirer ce dossier ?</strong> Il ne sera pas examiné et ne pourra plus être déposé.
      </p>
      <TextArea
        id="withdraw-reason"
        label="Raison (facultatif)"
        value={reason}
        onChange={setReason}
        rows={2}
        maxLength={2000}
      />
      {action.error && <Notice kind="error">{action.error}</Notice>}
      <div className="cat-actions">
        <button type="submit" className="fr-btn fr-btn--sm" disabled={action.busy}>
          Confirmer le retrait
        </button>
        <button type="button" className="fr-btn fr-btn--sm fr-btn--tertiary" onClick={() => setOpen(false)}>
          Annuler
        </button>
      </div>
    </form>
  );
}

export function StructureView({
  slug,
  call,
  app,
  setApp,
}: {
  slug: string;
  call: Call;
  app: Application;
  setApp: (change: (a: Application) => Application) => void;
}) {
  const [form, setForm] = useState<AnswerForm>(() => formFromAnswers(call.questions, app.answers));
  const [amount, setAmount] = useState(() => amountInput(app.amountRequested));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error' | 'warning'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const editable = isEditable(app.status);
  const shown = useMemo(() => visibleQuestions(call.questions, form), [call.questions, form]);
  const docKeys = useMemo(() => new Set(app.documents.map((d) => d.key)), [app.documents]);

  const set = (key: string, v: FormValue) => setForm((f) => ({ ...f, [key]: v }));
  const onDocs = ({ added, removedId }: { added?: ApplicationDocument; removedId?: string }) => {
    setApp((a) => ({
      ...a,
      documents: added ? [...a.documents, added] : a.documents.filter((d) => d.id !== removedId),
    }));
    // The document may have moved the application's version: read it again, keeping what is typed.
    applicationsApi.get(slug, app.id).then(
      (fresh) => setApp((a) => ({ ...a, version: fresh.version, documents: fresh.documents, events: fresh.events })),
      () => undefined,
    );
  };

  const failed = (e: unknown) => {
    const err =
      e instanceof ApiRequestError
        ? e
        : new ApiRequestError(0, 'client_error', 'Une erreur inattendue s’est produite.');
    const fields = apiFieldErrors(err.body);
    if (fields.length) {
      setErrors(errorMap(fields));
      return;
    }
    if (err.status === 409 && err.code === 'stale')
      setNotice({
        kind: 'warning',
        text: 'Ce dossier a été modifié entre-temps (dans un autre onglet ou par un autre membre). Rechargez la page pour reprendre la dernière version ; copiez d’abord ce que vous venez de saisir.',
      });
    else setNotice({ kind: 'error', text: err.message });
  };

  /** PATCH with the version read; the answer's version is kept for the next save. */
  const save = async (): Promise<Application | null> => {
    const typeErrors = formErrors(call, form, amount, docKeys, false);
    if (typeErrors.length) {
      setErrors(errorMap(typeErrors));
      return null;
    }
    const saved = await applicationsApi.save(slug, app.id, saveBody(call, form, amount, app.version));
    setApp(() => saved);
    setSavedAt(new Date());
    return saved;
  };

  const onSave = async () => {
    setNotice(null);
    setErrors({});
    setBusy(true);
    try {
      await save();
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    const problems = formErrors(call, form, amount, docKeys, true);
    setErrors(errorMap(problems));
    if (problems.length) return;
    setBusy(true);
    try {
      const saved = await save();
      if (!saved) return;
      const done = await applicationsApi.submit(slug, saved.id);
      setApp(() => done);
      setNotice({ kind: 'success', text: 'Votre dossier est déposé. Vous recevrez un courriel de confirmation.' });
      window.scrollTo({ top: 0 });
    } catch (err) {
      failed(err);
    } finally {
      setBusy(false);
    }
  };

  const resubmit = app.status === 'completion_requested';
  return (
    <>
      <div aria-live="polite">{notice && <Notice kind={notice.kind}>{notice.text}</Notice>}</div>
      <DecisionBlock slug={slug} app={app} />
      {resubmit && (
        <div className="fr-alert fr-alert--warning fr-mb-3w">
          <h2 className="fr-alert__title">Le Département demande un complément</h2>
          {app.completionMessage && <p className="cat-app-pre">{app.completionMessage}</p>}
          {app.completionDueAt && (
            <p>
              À renvoyer avant le <strong>{atLabel(app.completionDueAt)}</strong>.
            </p>
          )}
        </div>
      )}
      {!editable && (
        <section className="cat-bo-card" aria-labelledby="answers-title">
          <h2 className="fr-h4" id="answers-title">
            Votre dossier
          </h2>
          <AnswersView slug={slug} call={call} app={app} />
          <Withdraw slug={slug} app={app} onDone={(a) => setApp(() => a)} />
        </section>
      )}
      {editable && (
        <form onSubmit={onSubmit} noValidate aria-labelledby="form-title">
          <ErrorSummary errors={errors} fieldId={fieldDomId} />
          <section className="cat-bo-card">
            <h2 className="fr-h4" id="form-title">
              Le formulaire
            </h2>
            <p className="fr-text--sm cat-muted">
              Les champs marqués d’un astérisque (*) sont obligatoires pour déposer le dossier.
            </p>
            {shown.map((q) => (
              <div key={q.key} className="cat-app-question">
                {q.type === 'file' ? (
                  <DocumentField
                    slug={slug}
                    app={app}
                    field={`answers.${q.key}`}
                    docKey={q.key}
                    label={q.label}
                    help={q.help}
                    required={q.required}
                    error={errors[`answers.${q.key}`]}
                    onChanged={onDocs}
                  />
                ) : (
                  <QuestionField
                    slug={slug}
                    q={q}
                    value={form[q.key]}
                    onChange={(v) => set(q.key, v)}
                    errors={errors}
                  />
                )}
              </div>
            ))}
          </section>
          {call.documents.length > 0 && (
            <section className="cat-bo-card" aria-labelledby="docs-title">
              <h2 className="fr-h4" id="docs-title">
                Pièces à joindre
              </h2>
              {call.documents.map((d) => (
                <DocumentField
                  key={d.key}
                  slug={slug}
                  app={app}
                  field={`documents.${d.key}`}
                  docKey={d.key}
                  label={d.label}
                  required={d.required}
                  error={errors[`documents.${d.key}`]}
                  onChanged={onDocs}
                />
              ))}
            </section>
          )}
          <section className="cat-bo-card" aria-labelledby="amount-title">
            <h2 className="fr-h4" id="amount-title">
              Subvention demandée
            </h2>
            <AmountField
              id={fieldDomId('amountRequested')}
              label="Montant demandé au Département"
              value={amount}
              onChange={setAmount}
              error={errors.amountRequested}
              required
            />
            <p className="cat-app-saved fr-text--sm" role="status">
              {savedAt ? savedLabel(savedAt) : ''}
            </p>
            <div className="cat-actions">
              <button type="button" className="fr-btn fr-btn--secondary" disabled={busy} onClick={() => void onSave()}>
                Enregistrer le brouillon
              </button>
              <button type="submit" className="fr-btn" disabled={busy}>
                {resubmit ? 'Renvoyer le dossier' : 'Déposer le dossier'}
              </button>
            </div>
            <Withdraw slug={slug} app={app} onDone={(a) => setApp(() => a)} />
          </section>
        </form>
      )}
    </>
  );
}
