// Pieces shared by the calls' pages: the state badge, a call's card, the form as a structure will
// see it (read-only), the scoring grid and the required documents.
import type { Call, CallQuestion, CallStatus, CallSummary, FicheRef } from '@catalogue/contracts';
import { questionVisible } from '@catalogue/contracts';
import { useState } from 'react';
import { Link } from '../app/router.js';
import { CALL_STATUS_LABELS, QUESTION_TYPE_LABELS, REPEAT_FIELD_LABELS } from './call-builder.js';
import { deadlineLabel, dateTimeFr, euros } from './call-time.js';
import './calls.css';

const STATUS_KIND: Record<CallStatus, string> = {
  draft: 'fr-badge--new',
  published: 'fr-badge--success',
  closed: 'fr-badge--warning',
  decided: 'fr-badge--info',
  withdrawn: 'fr-badge--error',
};

/** « Ouvert », « À venir » (published, not open yet), « Clos », « Résultats publiés »… */
export function callStatusLabel(c: Pick<CallSummary, 'status' | 'opensAt'>, now = Date.now()): string {
  if (c.status === 'published' && c.opensAt && Date.parse(c.opensAt) > now) return 'À venir';
  return CALL_STATUS_LABELS[c.status];
}

export function CallStatusBadge({ call }: { call: Pick<CallSummary, 'status' | 'opensAt'> }) {
  return <p className={`fr-badge fr-badge--sm ${STATUS_KIND[call.status]}`}>{callStatusLabel(call)}</p>;
}

export const ficheLabel = (f: FicheRef): string => `Fiche ${f.number} — ${f.title}`;

export function FicheTags({ fiches }: { fiches: FicheRef[] }) {
  if (!fiches.length) return null;
  return (
    <ul className="fr-tags-group">
      {fiches.map((f) => (
        <li key={f.id}>
          <p className="fr-tag fr-tag--sm" title={`Axe ${f.axis.number} — ${f.axis.title}`}>
            {ficheLabel(f)}
          </p>
        </li>
      ))}
    </ul>
  );
}

/** A call in a list: title (link), state, envelope, deadline, fiches. */
export function CallCard({ call, to, extra }: { call: CallSummary; to: string; extra?: React.ReactNode }) {
  return (
    <div className="fr-card fr-card--horizontal fr-enlarge-link fr-mb-3w">
      <div className="fr-card__body">
        <div className="fr-card__content">
          <h3 className="fr-card__title">
            <Link to={to}>{call.title}</Link>
          </h3>
          <div className="fr-card__start">
            <CallStatusBadge call={call} />
          </div>
          <div className="fr-card__desc">
            <p className="fr-mb-1v">
              Enveloppe : <strong>{euros(call.envelope)}</strong>
            </p>
            {call.closesAt && <p className="fr-mb-1v">{deadlineLabel(call.closesAt)}</p>}
            <FicheTags fiches={call.fiches} />
            {extra}
          </div>
        </div>
      </div>
    </div>
  );
}

/** The dates of a call in words. */
export function CallDates({ call }: { call: Pick<Call, 'opensAt' | 'closesAt'> }) {
  return (
    <ul>
      {call.opensAt && <li>Ouverture : {dateTimeFr(call.opensAt)}</li>}
      {call.closesAt && (
        <li>
          <strong>{deadlineLabel(call.closesAt)}</strong> (heure de Paris)
        </li>
      )}
    </ul>
  );
}

export function GridTable({ grid }: { grid: Call['grid'] }) {
  if (!grid.length) return <p>Aucun critère pour l’instant.</p>;
  const total = grid.reduce((s, c) => s + c.weight, 0);
  return (
    <div className="fr-table fr-table--no-caption">
      <table>
        <caption>Grille d’analyse</caption>
        <thead>
          <tr>
            <th scope="col">Critère</th>
            <th scope="col">Poids</th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {grid.map((c) => (
            <tr key={c.key}>
              <td>
                {c.label}
                {c.eliminatory && (
                  <span className="fr-badge fr-badge--sm fr-badge--warning fr-ml-1w">Éliminatoire</span>
                )}
                {c.help && <span className="fr-hint-text">{c.help}</span>}
              </td>
              <td>{total ? `${Math.round((c.weight / total) * 100)} %` : c.weight}</td>
              <td>de 0 à {c.scale}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function RequiredDocuments({ documents }: { documents: Call['documents'] }) {
  if (!documents.length) return <p>Aucune pièce demandée.</p>;
  return (
    <ul>
      {documents.map((d) => (
        <li key={d.key}>
          {d.label}{' '}
          {d.required ? (
            <span className="cat-muted">(obligatoire)</span>
          ) : (
            <span className="cat-muted">(facultative)</span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** One question as a structure will see it, disabled (a preview). */
function PreviewQuestion({
  q,
  answers,
  setAnswer,
}: {
  q: CallQuestion;
  answers: Record<string, unknown>;
  setAnswer: (k: string, v: unknown) => void;
}) {
  const id = `preview-${q.key}`;
  const label = (
    <label className="fr-label" htmlFor={id}>
      {q.label}
      {q.required ? ' *' : ''}
      {q.help && <span className="fr-hint-text">{q.help}</span>}
    </label>
  );
  switch (q.type) {
    case 'yes_no':
      return (
        <fieldset className="fr-fieldset" id={id}>
          <legend className="fr-fieldset__legend fr-text--regular">
            {q.label}
            {q.required ? ' *' : ''}
            {q.help && <span className="fr-hint-text">{q.help}</span>}
          </legend>
          {[true, false].map((v) => (
            <div key={String(v)} className="fr-fieldset__element fr-fieldset__element--inline">
              <div className="fr-radio-group">
                <input
                  type="radio"
                  id={`${id}-${v}`}
                  name={id}
                  checked={answers[q.key] === v}
                  onChange={() => setAnswer(q.key, v)}
                />
                <label className="fr-label" htmlFor={`${id}-${v}`}>
                  {v ? 'Oui' : 'Non'}
                </label>
              </div>
            </div>
          ))}
        </fieldset>
      );
    case 'choice':
    case 'multi_choice':
      return (
        <fieldset className="fr-fieldset" id={id} disabled>
          <legend className="fr-fieldset__legend fr-text--regular">
            {q.label}
            {q.required ? ' *' : ''}
          </legend>
          {(q.options ?? []).map((o, i) => (
            <div key={i} className="fr-fieldset__element">
              <div className={q.type === 'choice' ? 'fr-radio-group' : 'fr-checkbox-group'}>
                <input type={q.type === 'choice' ? 'radio' : 'checkbox'} id={`${id}-${i}`} name={id} />
                <label className="fr-label" htmlFor={`${id}-${i}`}>
                  {o}
                </label>
              </div>
            </div>
          ))}
        </fieldset>
      );
    case 'budget_table':
    case 'repeat': {
      const cols =
        q.type === 'budget_table'
          ? ['Poste de dépense', 'Montant (€)']
          : (q.fields ?? []).map((f) => `${f.label} (${REPEAT_FIELD_LABELS[f.type].toLowerCase()})`);
      return (
        <div className="fr-input-group" id={id}>
          <p className="fr-label">
            {q.label}
            {q.required ? ' *' : ''}
            <span className="fr-hint-text">
              {q.help ??
                (q.type === 'budget_table'
                  ? 'Lignes de dépenses ; le total est calculé.'
                  : 'Ajoutez autant de lignes que nécessaire.')}
            </span>
          </p>
          <div className="fr-table fr-table--no-caption fr-mb-0">
            <table>
              <caption>{q.label}</caption>
              <thead>
                <tr>
                  {cols.map((c) => (
                    <th key={c} scope="col">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                <tr>
                  {cols.map((c) => (
                    <td key={c}>…</td>
                  ))}
                </tr>
                {q.type === 'budget_table' && (
                  <tr>
                    <th scope="row">Total</th>
                    <td>0 €</td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
        </div>
      );
    }
    default: {
      const type = { number: 'number', amount: 'text', date: 'date', file: 'file' }[q.type as string] ?? 'text';
      // Not `fr-input-group--disabled`: its grey label and hint fail the contrast minimum (the field alone is disabled).
      return (
        <div className="fr-input-group">
          {label}
          {q.type === 'long_text' ? (
            <textarea className="fr-input" id={id} disabled rows={3} />
          ) : (
            <input className={type === 'file' ? 'fr-upload' : 'fr-input'} id={id} type={type} disabled />
          )}
          <p className="fr-hint-text fr-mt-1v">{QUESTION_TYPE_LABELS[q.type]}</p>
        </div>
      );
    }
  }
}

/** The form as a structure will fill it (read-only; yes/no answers drive the conditions). */
export function FormPreview({ questions }: { questions: CallQuestion[] }) {
  const [answers, setAnswers] = useState<Record<string, unknown>>({});
  if (!questions.length) return <p>Le formulaire ne comporte aucune question.</p>;
  return (
    <div className="cat-call-preview">
      {questions
        .filter((q) => questionVisible(q, answers))
        .map((q) => (
          <PreviewQuestion
            key={q.key}
            q={q}
            answers={answers}
            setAnswer={(k, v) => setAnswers((a) => ({ ...a, [k]: v }))}
          />
        ))}
    </div>
  );
}
