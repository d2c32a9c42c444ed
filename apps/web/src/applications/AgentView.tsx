// The instruction of an application (its instructors and the admins): the answers and documents
// read-only, a completion request, the score on the call's grid, the other instructors' scores,
// and the decision. What shows follows what the API answered (scores, instructors), not roles.
import type { Application, Call, CallDecision, Me } from '@catalogue/contracts';
import { Fragment, useState, type FormEvent } from 'react';
import { ApiRequestError } from '../app/api.js';
import { ChoiceGroup, ErrorSummary, Notice, TextArea, TextField, messageOf } from '../backoffice/ui.js';
import {
  completionBody,
  completionErrors,
  decisionBody,
  decisionErrors,
  scoreBody,
  scoreErrors,
  scoreFormFrom,
  scoreLabel,
  scorePreview,
  type DecisionForm,
} from './agent-forms.js';
import { apiFieldErrors, errorMap, parisToday } from './application-form.js';
import { amountInput, atLabel } from './application-text.js';
import { AnswersView, DecisionBlock } from './application-ui.js';
import { applicationsApi } from './applications-api.js';
import { AmountField } from './QuestionField.js';

const fid = (k: string) => `ag-${k.replace(/[^A-Za-z0-9_-]+/g, '-')}`;

/** Runs an API call; the 400's fields go to the form's errors, any other message is returned. */
async function attempt<T>(fn: () => Promise<T>, setErrors: (e: Record<string, string>) => void): Promise<T | string> {
  try {
    return await fn();
  } catch (e) {
    if (!(e instanceof ApiRequestError)) return 'Une erreur inattendue s’est produite.';
    const fields = apiFieldErrors(e.body);
    if (fields.length) setErrors(errorMap(fields));
    return messageOf(e);
  }
}

function Completion({ slug, app, onDone }: { slug: string; app: Application; onDone: (a: Application) => void }) {
  const [open, setOpen] = useState(false);
  const [f, setF] = useState({ message: '', dueOn: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!open)
    return (
      <button
        type="button"
        className="fr-btn fr-btn--secondary fr-icon-mail-line fr-btn--icon-left"
        onClick={() => setOpen(true)}
      >
        Demander un complément
      </button>
    );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs = completionErrors(f, parisToday(new Date()));
    setErrors(errs);
    setProblem(null);
    if (Object.keys(errs).length) return;
    setBusy(true);
    const r = await attempt(() => applicationsApi.requestCompletion(slug, app.id, completionBody(f)), setErrors);
    setBusy(false);
    if (typeof r === 'string') setProblem(r);
    else onDone(r);
  };
  return (
    <form onSubmit={submit} noValidate className="cat-subform">
      <ErrorSummary errors={errors} fieldId={fid} />
      <TextArea
        id={fid('message')}
        label="Ce qui manque au dossier"
        hint="Envoyé à la structure, qui complète et renvoie son dossier."
        value={f.message}
        onChange={(message) => setF({ ...f, message })}
        error={errors.message}
        required
        rows={4}
      />
      <TextField
        id={fid('dueAt')}
        type="date"
        label="À renvoyer au plus tard le"
        value={f.dueOn}
        onChange={(dueOn) => setF({ ...f, dueOn })}
        error={errors.dueAt}
        required
      />
      {problem && <Notice kind="error">{problem}</Notice>}
      <div className="cat-actions">
        <button type="submit" className="fr-btn fr-btn--sm" disabled={busy}>
          Envoyer la demande
        </button>
        <button type="button" className="fr-btn fr-btn--sm fr-btn--tertiary" onClick={() => setOpen(false)}>
          Annuler
        </button>
      </div>
    </form>
  );
}

function Scoring({
  slug,
  call,
  app,
  me,
  onDone,
}: {
  slug: string;
  call: Call;
  app: Application;
  me: Me;
  onDone: (a: Application) => void;
}) {
  const mine = app.scores?.find((s) => s.instructorId === me.id);
  const [f, setF] = useState(() => scoreFormFrom(call.grid, mine));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const preview = scorePreview(call.grid, f);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs = scoreErrors(call.grid, f);
    setErrors(errs);
    setProblem(null);
    setDone(false);
    if (Object.keys(errs).length) return;
    setBusy(true);
    const r = await attempt(() => applicationsApi.score(slug, app.id, scoreBody(call.grid, f)), setErrors);
    setBusy(false);
    if (typeof r === 'string') setProblem(r);
    else {
      setDone(true);
      onDone(r);
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="score-title">
      <h2 className="fr-h4" id="score-title">
        {mine ? 'Modifier mon évaluation' : 'Mon évaluation'}
      </h2>
      <ErrorSummary errors={errors} fieldId={fid} />
      {call.grid.map((c) => (
        <div key={c.key} className="cat-app-score">
          <TextField
            id={fid(`scores.${c.key}`)}
            label={`${c.label} (sur ${c.scale}, poids ${c.weight})`}
            hint={[c.help, c.eliminatory ? 'Critère éliminatoire : une note de 0 rend le dossier inéligible.' : '']
              .filter(Boolean)
              .join(' ')}
            inputMode="numeric"
            value={f.values[c.key] ?? ''}
            onChange={(v) => setF({ ...f, values: { ...f.values, [c.key]: v } })}
            error={errors[`scores.${c.key}`]}
            required
          />
        </div>
      ))}
      <p aria-live="polite">
        Note pondérée :{' '}
        <strong>{Object.values(f.values).some((v) => v.trim()) ? scoreLabel(preview.total) : '—'}</strong>
        {preview.eliminated && (
          <>
            {' '}
            <span className="fr-badge fr-badge--sm fr-badge--error">Inéligible</span>
          </>
        )}
      </p>
      <TextArea
        id={fid('comment')}
        label="Commentaire"
        value={f.comment}
        onChange={(comment) => setF({ ...f, comment })}
        error={errors.comment}
        required
        rows={4}
      />
      <div className={`fr-checkbox-group fr-mb-2w${errors.noConflictOfInterest ? ' fr-checkbox-group--error' : ''}`}>
        <input
          type="checkbox"
          id={fid('noConflictOfInterest')}
          checked={f.noConflictOfInterest}
          aria-describedby={errors.noConflictOfInterest ? `${fid('noConflictOfInterest')}-error` : undefined}
          onChange={(e) => setF({ ...f, noConflictOfInterest: e.target.checked })}
        />
        <label className="fr-label" htmlFor={fid('noConflictOfInterest')}>
          Je déclare n’avoir aucun conflit d’intérêts avec ce porteur de projet *
        </label>
        {errors.noConflictOfInterest && (
          <p className="fr-error-text" id={`${fid('noConflictOfInterest')}-error`}>
            {errors.noConflictOfInterest}
          </p>
        )}
      </div>
      {problem && <Notice kind="error">{problem}</Notice>}
      <div aria-live="polite">{done && <Notice kind="success">Évaluation enregistrée.</Notice>}</div>
      <button type="submit" className="fr-btn" disabled={busy}>
        Enregistrer mon évaluation
      </button>
    </form>
  );
}

function Scores({ call, app, me }: { call: Call; app: Application; me: Me }) {
  const scores = app.scores ?? [];
  return (
    <section className="cat-bo-card" aria-labelledby="scores-title">
      <h2 className="fr-h4" id="scores-title">
        Évaluations des instructeurs
      </h2>
      {scores.length === 0 ? (
        <p className="cat-muted">Aucune évaluation pour l’instant.</p>
      ) : (
        <ul className="cat-app-scores">
          {scores.map((s) => (
            <li key={s.instructorId}>
              <p className="fr-mb-0">
                <strong>
                  {s.instructorName}
                  {s.instructorId === me.id ? ' (vous)' : ''}
                </strong>{' '}
                — {scoreLabel(s.total)}{' '}
                {s.eliminated && <span className="fr-badge fr-badge--sm fr-badge--error">Inéligible</span>}
              </p>
              <p className="fr-text--xs cat-muted fr-mb-0">{atLabel(s.scoredAt)}</p>
              <dl>
                {call.grid.map((c) => (
                  <Fragment key={c.key}>
                    <dt>{c.label}</dt>
                    <dd>
                      {s.scores[c.key] ?? '—'}&nbsp;/&nbsp;{c.scale}
                    </dd>
                  </Fragment>
                ))}
              </dl>
              {s.comment && <p className="cat-history__comment fr-text--sm">{s.comment}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Decision({ slug, app, onDone }: { slug: string; app: Application; onDone: (a: Application) => void }) {
  const [f, setF] = useState<DecisionForm>({ decision: '', amount: amountInput(app.amountRequested), reasons: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs = decisionErrors(f, app.amountRequested);
    setErrors(errs);
    setProblem(null);
    if (Object.keys(errs).length) return;
    setBusy(true);
    const r = await attempt(() => applicationsApi.decide(slug, app.id, decisionBody(f)), setErrors);
    setBusy(false);
    if (typeof r === 'string') setProblem(r);
    else onDone(r);
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="decision-title">
      <h2 className="fr-h4" id="decision-title">
        Décision
      </h2>
      <ErrorSummary errors={errors} fieldId={fid} />
      <ChoiceGroup
        id={fid('decision')}
        legend="Décision du comité"
        type="radio"
        inline
        required
        error={errors.decision}
        options={[
          { code: 'selected', label: 'Retenu' },
          { code: 'rejected', label: 'Non retenu' },
        ]}
        value={f.decision ? [f.decision] : []}
        onChange={(v) => setF({ ...f, decision: (v[0] ?? '') as CallDecision })}
      />
      {f.decision === 'selected' && (
        <AmountField
          id={fid('amountGranted')}
          label="Montant accordé"
          hint="Au plus le montant demandé"
          value={f.amount}
          onChange={(amount) => setF({ ...f, amount })}
          error={errors.amountGranted}
          required
        />
      )}
      <TextArea
        id={fid('reasons')}
        label={f.decision === 'selected' ? 'Motivation' : 'Motifs'}
        hint="Repris dans la lettre de notification envoyée à la structure."
        value={f.reasons}
        onChange={(reasons) => setF({ ...f, reasons })}
        error={errors.reasons}
        required
        rows={3}
      />
      {problem && <Notice kind="error">{problem}</Notice>}
      <button type="submit" className="fr-btn" disabled={busy}>
        Enregistrer la décision
      </button>
    </form>
  );
}

export function AgentView({
  slug,
  call,
  app,
  setApp,
  me,
}: {
  slug: string;
  call: Call;
  app: Application;
  setApp: (change: (a: Application) => Application) => void;
  me: Me;
}) {
  const [notice, setNotice] = useState<string | null>(null);
  const pending = app.status === 'submitted';
  // The call's instructors, when the API lists them: only they score.
  const instructor = call.instructors ? call.instructors.some((i) => i.userId === me.id) : true;
  return (
    <>
      <div aria-live="polite">{notice && <Notice kind="success">{notice}</Notice>}</div>
      <DecisionBlock slug={slug} app={app} />
      {app.status === 'completion_requested' && (
        <Notice kind="info" title="Complément demandé">
          <p className="cat-app-pre">{app.completionMessage}</p>
          {app.completionDueAt && <p>À renvoyer avant le {atLabel(app.completionDueAt)}.</p>}
        </Notice>
      )}
      <div className="cat-bo-grid">
        <div>
          <section className="cat-bo-card" aria-labelledby="answers-title">
            <h2 className="fr-h4" id="answers-title">
              Le dossier
            </h2>
            <AnswersView slug={slug} call={call} app={app} />
            {pending && (
              <div className="fr-mt-3w">
                <Completion
                  slug={slug}
                  app={app}
                  onDone={(a) => {
                    setApp(() => a);
                    setNotice('Demande de complément envoyée à la structure.');
                  }}
                />
              </div>
            )}
          </section>
          <Scores call={call} app={app} me={me} />
        </div>
        <div>
          {pending && instructor && call.grid.length > 0 && (
            <section className="cat-bo-card">
              <Scoring slug={slug} call={call} app={app} me={me} onDone={(a) => setApp(() => a)} />
            </section>
          )}
          {pending && (
            <section className="cat-bo-card">
              <Decision
                slug={slug}
                app={app}
                onDone={(a) => {
                  setApp(() => a);
                  setNotice('Décision enregistrée : la structure en est informée par courriel.');
                }}
              />
            </section>
          )}
        </div>
      </div>
    </>
  );
}
