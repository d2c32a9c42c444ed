// One question of a call's form, editable, for each of the twelve types. Ids come from the API's
// field names (fieldDomId) so that the error summary links to the field, and each error is read
// with its field (aria-describedby).
import { budgetTotal, type CallQuestion, type RepeatField } from '@catalogue/contracts';
import { useEffect, useState } from 'react';
import { api } from '../app/api.js';
import { useLoad } from '../app/use-load.js';
import { ChoiceGroup, SelectField, TextArea, TextField } from '../backoffice/ui.js';
import { CommuneField, communeLabel, type ChosenCommune } from '../search/CommuneField.js';
import { amountInput, euros, parseDecimal } from './application-text.js';
import { budgetLines, emptyLine, fieldDomId, type FormLine, type FormValue } from './application-form.js';

export interface FieldProps {
  slug: string;
  q: CallQuestion;
  value: FormValue | undefined;
  onChange: (v: FormValue) => void;
  /** Errors by API field (`answers.<key>[.<line>.<field>]`). */
  errors: Record<string, string>;
}

/** An amount input: typed freely, written « 12 500,00 » when the field is left. */
export function AmountField(p: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
  required?: boolean;
}) {
  return (
    <div className={`fr-input-group${p.error ? ' fr-input-group--error' : ''}`}>
      <label className="fr-label" htmlFor={p.id}>
        {p.label}
        {p.required ? ' *' : ''}
        <span className="fr-hint-text">{p.hint ?? 'En euros, par exemple 12 500,00'}</span>
      </label>
      <div className="fr-input-wrap cat-app-amount">
        <input
          id={p.id}
          className={`fr-input${p.error ? ' fr-input--error' : ''}`}
          inputMode="decimal"
          autoComplete="off"
          value={p.value}
          aria-invalid={p.error ? true : undefined}
          aria-describedby={p.error ? `${p.id}-error` : undefined}
          onChange={(e) => p.onChange(e.target.value)}
          onBlur={() => {
            const n = parseDecimal(p.value);
            if (typeof n === 'number' && n >= 0) p.onChange(amountInput(n));
          }}
        />
      </div>
      {p.error && (
        <p id={`${p.id}-error`} className="fr-error-text">
          {p.error}
        </p>
      )}
    </div>
  );
}

/** A commune (INSEE code) or an EPCI (SIREN) of the département. */
function PlaceField({ slug, q, value, onChange, error }: FieldProps & { error: string | undefined }) {
  const id = fieldDomId(`answers.${q.key}`);
  const code = typeof value === 'string' ? value : '';
  const [kind, setKind] = useState<'commune' | 'epci'>(/^\d{9}$/.test(code) ? 'epci' : 'commune');
  const zones = useLoad(`zones:${slug}`, () => api.zones(slug));
  const [chosen, setChosen] = useState<ChosenCommune | null>(null);
  useEffect(() => {
    if (kind !== 'commune' || !code || chosen?.insee === code) return;
    let live = true;
    api.commune(slug, code).then(
      (c) => live && setChosen({ insee: c.insee, label: communeLabel(c) }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [slug, code, kind, chosen?.insee]);
  return (
    <fieldset
      className={`fr-fieldset${error ? ' fr-fieldset--error' : ''}`}
      id={id}
      aria-labelledby={`${id}-legend${error ? ` ${id}-error` : ''}`}
    >
      <legend className="fr-fieldset__legend fr-fieldset__legend--regular" id={`${id}-legend`}>
        {q.label}
        {q.required ? ' *' : ''}
        {q.help && <span className="fr-hint-text">{q.help}</span>}
      </legend>
      {(['commune', 'epci'] as const).map((k) => (
        <div className="fr-fieldset__element fr-fieldset__element--inline" key={k}>
          <div className="fr-radio-group">
            <input
              type="radio"
              id={`${id}-${k}`}
              name={`${id}-kind`}
              checked={kind === k}
              onChange={() => {
                setKind(k);
                onChange('');
                setChosen(null);
              }}
            />
            <label className="fr-label" htmlFor={`${id}-${k}`}>
              {k === 'commune' ? 'Une commune' : 'Une intercommunalité (EPCI)'}
            </label>
          </div>
        </div>
      ))}
      <div className="fr-fieldset__element">
        {kind === 'commune' ? (
          <CommuneField
            slug={slug}
            value={chosen && chosen.insee === code ? chosen : null}
            label="Commune"
            hint="Nom ou code postal, puis choisissez dans la liste"
            onChange={(c) => {
              setChosen(c);
              onChange(c?.insee ?? '');
            }}
          />
        ) : (
          <SelectField
            id={`${id}-epci`}
            label="Intercommunalité"
            value={code}
            placeholder={zones.data ? 'Choisir' : 'Chargement…'}
            options={(zones.data?.epcis ?? []).map((z) => ({ code: z.code, label: z.name }))}
            onChange={onChange}
          />
        )}
      </div>
      {error && (
        <div className="fr-messages-group" id={`${id}-error`} aria-live="polite">
          <p className="fr-message fr-message--error">{error}</p>
        </div>
      )}
    </fieldset>
  );
}

const fieldInput = (
  f: Pick<RepeatField, 'type' | 'label' | 'required'>,
  id: string,
  value: string,
  onChange: (v: string) => void,
  error: string | undefined,
) =>
  f.type === 'amount' ? (
    <AmountField
      id={id}
      label={f.label}
      hint="En euros"
      value={value}
      onChange={onChange}
      error={error}
      required={f.required}
    />
  ) : f.type === 'long_text' ? (
    <TextArea id={id} label={f.label} value={value} onChange={onChange} error={error} required={f.required} rows={2} />
  ) : (
    <TextField
      id={id}
      label={f.label}
      type={f.type === 'date' ? 'date' : 'text'}
      inputMode={f.type === 'number' ? 'numeric' : undefined}
      value={value}
      onChange={onChange}
      error={error}
      required={f.required}
    />
  );

/** A budget table or a repeat block: lines to add and remove; a budget shows its total. */
function LinesField({ q, value, onChange, errors }: FieldProps) {
  const field = `answers.${q.key}`;
  const id = fieldDomId(field);
  const lines = Array.isArray(value) ? (value as FormLine[]) : [];
  const cols: Pick<RepeatField, 'key' | 'type' | 'label' | 'required'>[] =
    q.type === 'budget_table'
      ? [
          { key: 'label', label: 'Poste de dépense', type: 'short_text', required: true },
          { key: 'amount', label: 'Montant', type: 'amount', required: true },
        ]
      : (q.fields ?? []);
  const set = (i: number, k: string, v: string) => onChange(lines.map((l, j) => (j === i ? { ...l, [k]: v } : l)));
  const own = errors[field];
  return (
    <fieldset
      className={`fr-fieldset${own ? ' fr-fieldset--error' : ''}`}
      id={id}
      aria-labelledby={`${id}-legend${own ? ` ${id}-error` : ''}`}
    >
      <legend className="fr-fieldset__legend fr-fieldset__legend--regular" id={`${id}-legend`}>
        {q.label}
        {q.required ? ' *' : ''}
        {q.help && <span className="fr-hint-text">{q.help}</span>}
      </legend>
      <div className="fr-fieldset__element">
        <ol className="cat-app-lines">
          {lines.map((l, i) => (
            <li key={i} className="cat-app-line" aria-label={`Ligne ${i + 1}`}>
              {cols.map((c) =>
                fieldInput(
                  { ...c, label: `${c.label} (ligne ${i + 1})` },
                  fieldDomId(`${field}.${i}.${c.key}`),
                  l[c.key] ?? '',
                  (v) => set(i, c.key, v),
                  errors[`${field}.${i}.${c.key}`],
                ),
              )}
              <button
                type="button"
                className="fr-btn fr-btn--sm fr-btn--tertiary fr-icon-delete-line fr-btn--icon-left cat-app-line__remove"
                onClick={() => onChange(lines.filter((_, j) => j !== i))}
              >
                Retirer<span className="fr-sr-only"> la ligne {i + 1}</span>
              </button>
            </li>
          ))}
        </ol>
        <button
          type="button"
          className="fr-btn fr-btn--sm fr-btn--secondary fr-icon-add-line fr-btn--icon-left"
          onClick={() => onChange([...lines, emptyLine(q)])}
        >
          Ajouter une ligne
        </button>
        {q.type === 'budget_table' && (
          <p className="cat-app-total" aria-live="polite">
            Total : {euros(budgetTotal(budgetLines(lines)))}
          </p>
        )}
      </div>
      {own && (
        <div className="fr-messages-group" id={`${id}-error`} aria-live="polite">
          <p className="fr-message fr-message--error">{own}</p>
        </div>
      )}
    </fieldset>
  );
}

/** Any question but `file` (joined as a document by its own field). */
export function QuestionField(p: FieldProps) {
  const { q, value, onChange, errors } = p;
  const field = `answers.${q.key}`;
  const id = fieldDomId(field);
  const error = errors[field];
  const text = typeof value === 'string' ? value : '';
  const common = { id, label: q.label, hint: q.help, error, required: q.required };
  switch (q.type) {
    case 'short_text':
      return <TextField {...common} value={text} onChange={onChange} maxLength={300} />;
    case 'long_text':
      return <TextArea {...common} value={text} onChange={onChange} rows={6} maxLength={10_000} />;
    case 'number':
      return <TextField {...common} value={text} onChange={onChange} inputMode="numeric" />;
    case 'amount':
      return <AmountField {...common} value={text} onChange={onChange} />;
    case 'date':
      return <TextField {...common} type="date" value={text} onChange={onChange} />;
    case 'yes_no':
      return (
        <ChoiceGroup
          id={id}
          legend={q.label}
          hint={q.help}
          error={error}
          required={q.required}
          type="radio"
          inline
          options={[
            { code: 'yes', label: 'Oui' },
            { code: 'no', label: 'Non' },
          ]}
          value={value === true ? ['yes'] : value === false ? ['no'] : []}
          onChange={(v) => onChange(v[0] === 'yes')}
        />
      );
    case 'choice':
      return (q.options ?? []).length > 6 ? (
        <SelectField
          {...common}
          value={text}
          onChange={onChange}
          placeholder="Choisir"
          options={(q.options ?? []).map((o) => ({ code: o, label: o }))}
        />
      ) : (
        <ChoiceGroup
          id={id}
          legend={q.label}
          hint={q.help}
          error={error}
          required={q.required}
          type="radio"
          options={(q.options ?? []).map((o) => ({ code: o, label: o }))}
          value={text ? [text] : []}
          onChange={(v) => onChange(v[0] ?? '')}
        />
      );
    case 'multi_choice':
      return (
        <ChoiceGroup
          id={id}
          legend={q.label}
          hint={q.help ?? 'Plusieurs réponses possibles'}
          error={error}
          required={q.required}
          type="checkbox"
          columns={(q.options ?? []).length > 6}
          options={(q.options ?? []).map((o) => ({ code: o, label: o }))}
          value={Array.isArray(value) ? (value as string[]) : []}
          onChange={onChange}
        />
      );
    case 'commune':
      return <PlaceField {...p} error={error} />;
    case 'budget_table':
    case 'repeat':
      return <LinesField {...p} />;
    case 'file':
      return null;
  }
}
