// The structure's form: each figure computed by the platform beside the value it declares (and its
// justification as soon as it differs), the indicators, the budget lines, the qualitative parts and
// the attachments; « Enregistrer » (with the version read: a stale one reloads) and « Transmettre
// au département » (saved first, then checked as the API checks it, then confirmed).
import { BILAN_FIGURE_GROUPS, BILAN_LIMITS, type Bilan } from '@catalogue/contracts';
import { useState, type FormEvent } from 'react';
import { ApiRequestError } from '../app/api.js';
import { ErrorSummary, messageOf, Notice, TextArea } from '../backoffice/ui.js';
import {
  budgetTotals,
  differs,
  fieldIdOf,
  figureLabel,
  formErrors,
  formOf,
  parseNumber,
  submitErrors,
  summaryMessage,
  writeOf,
  type BilanForm,
} from './bilan-form.js';
import { BudgetEditor, DocumentsPanel, IndicatorsEditor } from './BilanEditorParts.js';
import { figuresOf, MoneyFacts, TEXT_PARTS } from './BilanParts.js';
import { bilansApi } from './bilans-api.js';

export const STALE_MESSAGE =
  'Ce bilan a été modifié entre-temps (dans un autre onglet ou par une autre personne de la structure) : la dernière version est affichée. Reprenez vos modifications puis enregistrez.';

export function BilanEditor({
  slug,
  b,
  onSaved,
  onStale,
  onDocuments,
}: {
  slug: string;
  b: Bilan;
  onSaved: (b: Bilan, notice: string) => void;
  onStale: () => void;
  /** The documents changed: reload the bilan without touching the form. */
  onDocuments: () => void;
}) {
  const [form, setForm] = useState<BilanForm>(() => formOf(b));
  const [checked, setChecked] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const live = checked ? formErrors(form, b) : {};
  const errors = { ...serverErrors, ...live };
  const summary = Object.fromEntries(Object.entries(errors).map(([k, m]) => [k, summaryMessage(k, m)]));
  const patch = (p: Partial<BilanForm>) => {
    setForm((f) => ({ ...f, ...p }));
    setServerErrors({});
  };

  /** One API call: a refusal naming a field goes beside it, a stale version reloads the bilan. */
  async function attempt<T>(fn: () => Promise<T>): Promise<T | null> {
    setBusy(true);
    setError(null);
    try {
      return await fn();
    } catch (e) {
      const err =
        e instanceof ApiRequestError
          ? e
          : new ApiRequestError(0, 'client_error', 'Une erreur inattendue s’est produite.');
      if (err.status === 409 && err.code === 'stale') onStale();
      else if (err.status === 400 && err.parameter) setServerErrors({ [err.parameter]: err.message });
      else setError(messageOf(err));
      return null;
    } finally {
      setBusy(false);
    }
  }

  /** PATCH with the version read; null when it did not save. */
  const save = async (): Promise<Bilan | null> => {
    setChecked(true);
    setServerErrors({});
    if (Object.keys(formErrors(form, b)).length) return null;
    return attempt(() => bilansApi.save(slug, b.id, writeOf(form, b)));
  };

  const onSave = async (ev: FormEvent) => {
    ev.preventDefault();
    const saved = await save();
    if (saved) onSaved(saved, 'Le bilan est enregistré.');
  };
  const onSubmit = async () => {
    setConfirming(false);
    const saved = await save();
    if (!saved) return;
    onSaved(saved, '');
    const missing = submitErrors(saved);
    if (Object.keys(missing).length) return setServerErrors(missing);
    const sent = await attempt(() => bilansApi.submit(slug, b.id));
    if (sent) onSaved(sent, 'Le bilan est transmis au département. Vous serez prévenu s’il demande des compléments.');
  };

  const totals = budgetTotals(form.budgetLines);
  return (
    <form onSubmit={(e) => void onSave(e)} noValidate aria-describedby="bilan-form-hint">
      <ErrorSummary errors={summary} fieldId={fieldIdOf} />
      {error && <Notice kind="error">{error}</Notice>}
      <p id="bilan-form-hint" className="fr-hint-text">
        Les valeurs calculées par la plateforme sont préremplies. Corrigez-les si des personnes sont venues hors
        plateforme : une justification est alors demandée. Vous pouvez enregistrer à tout moment et revenir plus tard.
      </p>

      <section className="cat-bo-card" aria-labelledby="bilan-figures">
        <h2 className="fr-h5" id="bilan-figures">
          Chiffres de l’action
        </h2>
        {BILAN_FIGURE_GROUPS.map((g) => {
          const figures = figuresOf(
            b,
            g.figures.map((f) => f.key),
          );
          if (!figures.length) return null;
          return (
            <fieldset key={g.key} className="fr-fieldset cat-bilan-group" aria-labelledby={`group-${g.key}`}>
              <legend className="fr-fieldset__legend fr-h6 fr-mb-1w" id={`group-${g.key}`}>
                {g.label}
              </legend>
              <div className="fr-fieldset__element cat-table-wrap fr-table fr-table--sm fr-table--no-caption cat-bilan-table">
                <table>
                  <caption>{g.label}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Chiffre</th>
                      <th scope="col">Calculé par la plateforme</th>
                      <th scope="col">Déclaré par la structure</th>
                      <th scope="col">Justification</th>
                    </tr>
                  </thead>
                  <tbody>
                    {figures.map((f) => {
                      const input = form.figures[f.key] ?? { value: '', justification: '' };
                      const parsed = parseNumber(input.value);
                      const diff =
                        parsed !== null && !Number.isNaN(parsed) && differs({ computed: f.computed, declared: parsed });
                      const vKey = `declared.${f.key}.value`;
                      const jKey = `declared.${f.key}.justification`;
                      const vErr = errors[vKey];
                      const jErr = errors[jKey];
                      const set = (p: Partial<typeof input>) =>
                        patch({ figures: { ...form.figures, [f.key]: { ...input, ...p } } });
                      return (
                        <tr key={f.key} className={diff ? 'cat-bilan-diff' : undefined}>
                          <th scope="row" id={`${fieldIdOf(vKey)}-name`}>
                            {f.label}
                          </th>
                          <td id={`${fieldIdOf(vKey)}-computed`}>{figureLabel(f.computed, f.unit)}</td>
                          <td>
                            <label className="fr-sr-only" htmlFor={fieldIdOf(vKey)}>
                              {f.label} : valeur déclarée{f.unit === '%' ? ' (en %)' : ''}
                            </label>
                            <input
                              id={fieldIdOf(vKey)}
                              className={`fr-input cat-bilan-number${vErr ? ' fr-input--error' : ''}`}
                              inputMode="decimal"
                              value={input.value}
                              aria-invalid={vErr ? true : undefined}
                              aria-describedby={[
                                `${fieldIdOf(vKey)}-computed`,
                                vErr ? `${fieldIdOf(vKey)}-error` : '',
                                diff ? fieldIdOf(jKey) : '',
                              ]
                                .filter(Boolean)
                                .join(' ')}
                              onChange={(e) => set({ value: e.target.value })}
                            />
                            {vErr && (
                              <p id={`${fieldIdOf(vKey)}-error`} className="fr-error-text">
                                {vErr}
                              </p>
                            )}
                          </td>
                          <td>
                            <label className="fr-sr-only" htmlFor={fieldIdOf(jKey)}>
                              {f.label} : justification de l’écart
                            </label>
                            <input
                              id={fieldIdOf(jKey)}
                              className={`fr-input cat-bilan-text${jErr ? ' fr-input--error' : ''}`}
                              value={input.justification}
                              maxLength={BILAN_LIMITS.justification}
                              disabled={!diff && !input.justification}
                              required={diff}
                              placeholder={diff ? 'Requise : la valeur diffère' : ''}
                              aria-invalid={jErr ? true : undefined}
                              aria-describedby={jErr ? `${fieldIdOf(jKey)}-error` : undefined}
                              onChange={(e) => set({ justification: e.target.value })}
                            />
                            {jErr && (
                              <p id={`${fieldIdOf(jKey)}-error`} className="fr-error-text">
                                {jErr}
                              </p>
                            )}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            </fieldset>
          );
        })}
      </section>

      <IndicatorsEditor form={form} errors={errors} patch={patch} />

      <section className="cat-bo-card" aria-labelledby="bilan-money">
        <h2 className="fr-h5" id="bilan-money">
          Financement
        </h2>
        <MoneyFacts b={b} spent={totals.spent} />
        <BudgetEditor form={form} errors={errors} patch={patch} totals={totals} />
      </section>

      <section className="cat-bo-card" aria-labelledby="bilan-texts">
        <h2 className="fr-h5" id="bilan-texts">
          Bilan qualitatif
        </h2>
        {TEXT_PARTS.map((p) => (
          <TextArea
            key={p.key}
            id={fieldIdOf(p.key)}
            label={p.label}
            required={p.key === 'whatWorked'}
            hint={p.key === 'whatWorked' ? 'Requis pour transmettre le bilan.' : undefined}
            value={form[p.key]}
            onChange={(v) => patch({ [p.key]: v })}
            error={errors[p.key]}
            rows={5}
            maxLength={BILAN_LIMITS.text}
          />
        ))}
      </section>

      <DocumentsPanel slug={slug} b={b} onChanged={onDocuments} />

      <div className="cat-actions cat-sticky-actions">
        <button type="submit" className="fr-btn fr-btn--secondary" disabled={busy}>
          Enregistrer
        </button>
        {b.can.submit && !confirming && (
          <button
            type="button"
            className="fr-btn fr-icon-send-plane-line fr-btn--icon-left"
            disabled={busy}
            onClick={() => setConfirming(true)}
          >
            Transmettre au département
          </button>
        )}
        {busy && <span aria-live="polite">Enregistrement…</span>}
      </div>
      {confirming && (
        <div className="fr-alert fr-alert--info fr-mb-3w" role="alertdialog" aria-labelledby="bilan-confirm-title">
          <h2 className="fr-alert__title" id="bilan-confirm-title">
            Transmettre le bilan au département ?
          </h2>
          <p>
            Il sera enregistré puis transmis ; vous ne pourrez plus le modifier, sauf si le département demande des
            compléments.
          </p>
          <div className="cat-actions">
            <button type="button" className="fr-btn fr-btn--sm" autoFocus onClick={() => void onSubmit()}>
              Confirmer la transmission
            </button>
            <button type="button" className="fr-btn fr-btn--sm fr-btn--tertiary" onClick={() => setConfirming(false)}>
              Annuler
            </button>
          </div>
        </div>
      )}
    </form>
  );
}
