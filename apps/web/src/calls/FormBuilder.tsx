// The form builder of a call: questions of the 12 types with their label, help, required flag,
// choices, columns and yes/no condition, moved and removed; keys follow the labels. Read-only once
// the call is published (the form is frozen).
import { QUESTION_TYPES, type CallQuestion, type QuestionType, type RepeatField } from '@catalogue/contracts';
import { useState } from 'react';
import {
  conditionTargets,
  keyFromLabel,
  moveQuestion,
  newQuestion,
  QUESTION_TYPE_LABELS,
  relabel,
  removeQuestion,
  REPEAT_FIELD_LABELS,
  retype,
} from './call-builder.js';

const REPEAT_TYPES = Object.keys(REPEAT_FIELD_LABELS) as RepeatField['type'][];

function Options({ q, onChange }: { q: CallQuestion; onChange: (q: CallQuestion) => void }) {
  const options = q.options ?? [];
  const set = (list: string[]) => onChange({ ...q, options: list });
  return (
    <fieldset className="fr-fieldset fr-mb-0">
      <legend className="fr-fieldset__legend fr-text--regular">Choix proposés</legend>
      {options.map((o, i) => (
        <div key={i} className="fr-fieldset__element cat-builder-row">
          <label className="fr-sr-only" htmlFor={`${q.key}-opt-${i}`}>
            Choix {i + 1}
          </label>
          <input
            className="fr-input"
            id={`${q.key}-opt-${i}`}
            value={o}
            maxLength={200}
            onChange={(e) => set(options.map((x, j) => (j === i ? e.target.value : x)))}
          />
          <button
            type="button"
            className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm fr-icon-delete-line"
            title={`Retirer le choix ${i + 1}`}
            onClick={() => set(options.filter((_, j) => j !== i))}
          >
            Retirer
          </button>
        </div>
      ))}
      <button type="button" className="fr-btn fr-btn--secondary fr-btn--sm" onClick={() => set([...options, ''])}>
        Ajouter un choix
      </button>
    </fieldset>
  );
}

function Columns({ q, onChange }: { q: CallQuestion; onChange: (q: CallQuestion) => void }) {
  const fields = q.fields ?? [];
  const set = (list: RepeatField[]) => onChange({ ...q, fields: list });
  return (
    <fieldset className="fr-fieldset fr-mb-0">
      <legend className="fr-fieldset__legend fr-text--regular">Colonnes de chaque ligne</legend>
      {fields.map((f, i) => (
        <div key={i} className="fr-fieldset__element cat-builder-row">
          <label className="fr-sr-only" htmlFor={`${q.key}-col-${i}`}>
            Intitulé de la colonne {i + 1}
          </label>
          <input
            className="fr-input"
            id={`${q.key}-col-${i}`}
            value={f.label}
            maxLength={200}
            onChange={(e) =>
              set(
                fields.map((x, j) =>
                  j === i
                    ? {
                        ...x,
                        label: e.target.value,
                        key: keyFromLabel(
                          e.target.value,
                          fields.filter((_, k) => k !== i).map((y) => y.key),
                          'colonne',
                        ),
                      }
                    : x,
                ),
              )
            }
          />
          <label className="fr-sr-only" htmlFor={`${q.key}-coltype-${i}`}>
            Type de la colonne {i + 1}
          </label>
          <select
            className="fr-select"
            id={`${q.key}-coltype-${i}`}
            value={f.type}
            onChange={(e) =>
              set(fields.map((x, j) => (j === i ? { ...x, type: e.target.value as RepeatField['type'] } : x)))
            }
          >
            {REPEAT_TYPES.map((t) => (
              <option key={t} value={t}>
                {REPEAT_FIELD_LABELS[t]}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm fr-icon-delete-line"
            title={`Retirer la colonne ${i + 1}`}
            onClick={() => set(fields.filter((_, j) => j !== i))}
          >
            Retirer
          </button>
        </div>
      ))}
      <button
        type="button"
        className="fr-btn fr-btn--secondary fr-btn--sm"
        onClick={() =>
          set([
            ...fields,
            {
              key: keyFromLabel(
                'Colonne',
                fields.map((f) => f.key),
              ),
              label: 'Colonne',
              type: 'short_text',
              required: false,
            },
          ])
        }
      >
        Ajouter une colonne
      </button>
    </fieldset>
  );
}

function QuestionEditor({
  questions,
  i,
  error,
  onChange,
}: {
  questions: CallQuestion[];
  i: number;
  error?: string | undefined;
  onChange: (qs: CallQuestion[]) => void;
}) {
  const q = questions[i]!;
  const set = (next: CallQuestion) => onChange(questions.map((x, j) => (j === i ? next : x)));
  const targets = conditionTargets(questions, i);
  const id = `call-questions-${i}`;
  return (
    <li id={id} className={`cat-builder-item${error ? ' cat-builder-item--error' : ''}`} tabIndex={-1}>
      <div className="cat-builder-head">
        <p className="fr-badge fr-badge--sm">{QUESTION_TYPE_LABELS[q.type]}</p>
        <div className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
          <button
            type="button"
            className="fr-btn fr-btn--tertiary fr-icon-arrow-up-line"
            title="Monter"
            disabled={i === 0}
            onClick={() => onChange(moveQuestion(questions, i, -1))}
          >
            Monter
          </button>
          <button
            type="button"
            className="fr-btn fr-btn--tertiary fr-icon-arrow-down-line"
            title="Descendre"
            disabled={i === questions.length - 1}
            onClick={() => onChange(moveQuestion(questions, i, 1))}
          >
            Descendre
          </button>
          <button
            type="button"
            className="fr-btn fr-btn--tertiary fr-icon-delete-line"
            title="Supprimer la question"
            onClick={() => onChange(removeQuestion(questions, i))}
          >
            Supprimer
          </button>
        </div>
      </div>
      {error && (
        <p className="fr-error-text" id={`${id}-error`}>
          {error}
        </p>
      )}
      <div className="fr-input-group">
        <label className="fr-label" htmlFor={`${id}-label`}>
          Question {i + 1}
        </label>
        <input
          className="fr-input"
          id={`${id}-label`}
          value={q.label}
          maxLength={500}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => onChange(relabel(questions, i, e.target.value))}
        />
      </div>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <div className="fr-select-group">
            <label className="fr-label" htmlFor={`${id}-type`}>
              Type
            </label>
            <select
              className="fr-select"
              id={`${id}-type`}
              value={q.type}
              onChange={(e) => onChange(retype(questions, i, e.target.value as QuestionType))}
            >
              {QUESTION_TYPES.map((t) => (
                <option key={t} value={t}>
                  {QUESTION_TYPE_LABELS[t]}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <div className="fr-checkbox-group fr-mt-md-5w">
            <input
              type="checkbox"
              id={`${id}-required`}
              checked={q.required}
              onChange={(e) => set({ ...q, required: e.target.checked })}
            />
            <label className="fr-label" htmlFor={`${id}-required`}>
              Réponse obligatoire
            </label>
          </div>
        </div>
      </div>
      <div className="fr-input-group">
        <label className="fr-label" htmlFor={`${id}-help`}>
          Aide (facultative)
        </label>
        <input
          className="fr-input"
          id={`${id}-help`}
          value={q.help ?? ''}
          maxLength={2000}
          onChange={(e) => {
            const { help: _h, ...rest } = q;
            set(e.target.value ? { ...rest, help: e.target.value } : rest);
          }}
        />
      </div>
      {(q.type === 'choice' || q.type === 'multi_choice') && <Options q={q} onChange={set} />}
      {q.type === 'repeat' && <Columns q={q} onChange={set} />}
      {targets.length > 0 && (
        <div className="fr-select-group">
          <label className="fr-label" htmlFor={`${id}-showif`}>
            Afficher seulement si…
          </label>
          <select
            className="fr-select"
            id={`${id}-showif`}
            value={q.showIf ? `${q.showIf.key}|${q.showIf.equals}` : ''}
            onChange={(e) => {
              const { showIf: _s, ...rest } = q;
              if (!e.target.value) return set(rest);
              const [key, equals] = e.target.value.split('|');
              set({ ...rest, showIf: { key: key!, equals: equals === 'true' } });
            }}
          >
            <option value="">Toujours afficher</option>
            {targets.flatMap((t) =>
              [true, false].map((v) => (
                <option key={`${t.key}|${v}`} value={`${t.key}|${v}`}>
                  « {t.label} » = {v ? 'oui' : 'non'}
                </option>
              )),
            )}
          </select>
        </div>
      )}
    </li>
  );
}

export function FormBuilder({
  questions,
  errors,
  onChange,
}: {
  questions: CallQuestion[];
  errors: Record<string, string>;
  onChange: (qs: CallQuestion[]) => void;
}) {
  const [type, setType] = useState<QuestionType>('short_text');
  return (
    <div id="call-questions" tabIndex={-1}>
      {errors['call-questions'] && <p className="fr-error-text">{errors['call-questions']}</p>}
      {questions.length === 0 && <p>Aucune question pour l’instant.</p>}
      <ol className="cat-builder-list">
        {questions.map((_q, i) => (
          <QuestionEditor
            key={i}
            questions={questions}
            i={i}
            error={errors[`call-questions-${i}`]}
            onChange={onChange}
          />
        ))}
      </ol>
      <div className="cat-builder-row cat-builder-add">
        <div className="fr-select-group fr-mb-0">
          <label className="fr-label" htmlFor="new-question-type">
            Type de la nouvelle question
          </label>
          <select
            className="fr-select"
            id="new-question-type"
            value={type}
            onChange={(e) => setType(e.target.value as QuestionType)}
          >
            {QUESTION_TYPES.map((t) => (
              <option key={t} value={t}>
                {QUESTION_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className="fr-btn fr-btn--secondary fr-icon-add-line fr-btn--icon-left"
          onClick={() => onChange([...questions, newQuestion(type, questions)])}
        >
          Ajouter la question
        </button>
      </div>
    </div>
  );
}
