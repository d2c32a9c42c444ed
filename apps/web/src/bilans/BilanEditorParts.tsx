// The form's other parts: the agreement's indicators (target, value, comment), the budget lines
// (label, planned, spent; add, remove; totals) and the attachments (upload, list, delete).
import { BILAN_LIMITS, type Bilan } from '@catalogue/contracts';
import { useRef, useState } from 'react';
import { Notice, TextField, useAction } from '../backoffice/ui.js';
import { eurosLabel } from '../agreements/agreement-text.js';
import { fieldIdOf, figureLabel, type BilanForm } from './bilan-form.js';
import { DocumentList } from './BilanParts.js';
import { bilansApi } from './bilans-api.js';

interface PartProps {
  form: BilanForm;
  errors: Record<string, string>;
  patch: (p: Partial<BilanForm>) => void;
}

export function IndicatorsEditor({ form, errors, patch }: PartProps) {
  const set = (n: number, p: Partial<BilanForm['indicators'][number]>) =>
    patch({ indicators: form.indicators.map((i, k) => (k === n ? { ...i, ...p } : i)) });
  return (
    <section className="cat-bo-card" aria-labelledby="bilan-indicators">
      <h2 className="fr-h5" id="bilan-indicators">
        Indicateurs de la convention
      </h2>
      {form.indicators.length === 0 ? (
        <p>La convention ne fixe pas d’indicateur.</p>
      ) : (
        form.indicators.map((i, n) => (
          <fieldset key={n} className="fr-fieldset cat-bilan-indicator" aria-labelledby={`indicator-${n}-legend`}>
            <legend className="fr-fieldset__legend fr-fieldset__legend--regular" id={`indicator-${n}-legend`}>
              <strong>{i.label}</strong>
              <span className="fr-hint-text">
                Cible : {i.target === null ? 'à préciser' : `${figureLabel(i.target)} ${i.unit}`}
              </span>
            </legend>
            <div className="fr-fieldset__element cat-bilan-indicator__fields">
              <TextField
                id={fieldIdOf(`indicators.${n}.value`)}
                label={`Valeur atteinte (${i.unit})`}
                inputMode="text"
                value={i.value}
                onChange={(v) => set(n, { value: v })}
                error={errors[`indicators.${n}.value`]}
              />
              <TextField
                id={fieldIdOf(`indicators.${n}.comment`)}
                label="Commentaire"
                value={i.comment}
                maxLength={BILAN_LIMITS.comment}
                onChange={(v) => set(n, { comment: v })}
                error={errors[`indicators.${n}.comment`]}
              />
            </div>
          </fieldset>
        ))
      )}
    </section>
  );
}

export function BudgetEditor({
  form,
  errors,
  patch,
  totals,
}: PartProps & { totals: { planned: number; spent: number } }) {
  const lines = form.budgetLines;
  const set = (n: number, p: Partial<BilanForm['budgetLines'][number]>) =>
    patch({ budgetLines: lines.map((l, k) => (k === n ? { ...l, ...p } : l)) });
  return (
    <fieldset className="fr-fieldset" id={fieldIdOf('budgetLines')} aria-labelledby="budget-legend">
      <legend className="fr-fieldset__legend fr-h6" id="budget-legend">
        Dépenses par poste
        <span className="fr-hint-text">Montants en euros. Le total dépensé est la somme des lignes.</span>
      </legend>
      {errors.budgetLines && (
        <p className="fr-fieldset__element fr-error-text fr-mt-0" id={`${fieldIdOf('budgetLines')}-error`}>
          {errors.budgetLines}
        </p>
      )}
      {lines.length === 0 && <p className="fr-fieldset__element">Aucune ligne pour le moment.</p>}
      {lines.map((l, n) => (
        <div key={n} className="fr-fieldset__element cat-bilan-line">
          <TextField
            id={fieldIdOf(`budgetLines.${n}.label`)}
            label={`Poste ${n + 1}`}
            value={l.label}
            maxLength={BILAN_LIMITS.budgetLabel}
            onChange={(v) => set(n, { label: v })}
            error={errors[`budgetLines.${n}.label`]}
          />
          <TextField
            id={fieldIdOf(`budgetLines.${n}.planned`)}
            label="Prévu"
            inputMode="text"
            value={l.planned}
            onChange={(v) => set(n, { planned: v })}
            error={errors[`budgetLines.${n}.planned`]}
          />
          <TextField
            id={fieldIdOf(`budgetLines.${n}.spent`)}
            label="Dépensé"
            inputMode="text"
            value={l.spent}
            onChange={(v) => set(n, { spent: v })}
            error={errors[`budgetLines.${n}.spent`]}
          />
          <button
            type="button"
            className="fr-btn fr-btn--sm fr-btn--tertiary fr-icon-delete-line fr-btn--icon-left"
            onClick={() => patch({ budgetLines: lines.filter((_, k) => k !== n) })}
          >
            Retirer<span className="fr-sr-only"> le poste {n + 1}</span>
          </button>
        </div>
      ))}
      <p className="fr-fieldset__element fr-mb-1w" aria-live="polite">
        Total prévu : <strong>{eurosLabel(totals.planned)}</strong> — total dépensé :{' '}
        <strong>{eurosLabel(totals.spent)}</strong>
      </p>
      {lines.length < BILAN_LIMITS.budgetLines && (
        <div className="fr-fieldset__element">
          <button
            type="button"
            className="fr-btn fr-btn--sm fr-btn--secondary fr-icon-add-line fr-btn--icon-left"
            onClick={() => patch({ budgetLines: [...lines, { label: '', planned: '', spent: '' }] })}
          >
            Ajouter un poste
          </button>
        </div>
      )}
    </fieldset>
  );
}

export function DocumentsPanel({ slug, b, onChanged }: { slug: string; b: Bilan; onChanged: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const action = useAction();
  const upload = async () => {
    if (!file) return action.setError('Choisissez un fichier.');
    const done = await action.run(async () => {
      await bilansApi.addDocument(slug, b.id, file);
      return true;
    });
    if (done) {
      setFile(null);
      if (input.current) input.current.value = '';
      onChanged();
    }
  };
  const remove = (docId: string) =>
    void action
      .run(async () => {
        await bilansApi.removeDocument(slug, b.id, docId);
        return true;
      })
      .then((done) => done && onChanged());
  return (
    <section className="cat-bo-card" aria-labelledby="bilan-documents">
      <h2 className="fr-h5" id="bilan-documents">
        Pièces jointes
      </h2>
      {action.error && <Notice kind="error">{action.error}</Notice>}
      <DocumentList slug={slug} b={b} onRemove={b.can.edit ? remove : undefined} busy={action.busy} />
      {b.can.edit && (
        <div className="fr-upload-group fr-mb-2w">
          <label className="fr-label" htmlFor="bilan-file">
            Ajouter une pièce
            <span className="fr-hint-text">PDF, image, tableur ou texte : feuilles d’émargement, bilan financier…</span>
          </label>
          <input
            ref={input}
            className="fr-upload"
            type="file"
            id="bilan-file"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          <button
            type="button"
            className="fr-btn fr-btn--sm fr-btn--secondary fr-mt-1w"
            disabled={action.busy || !file}
            onClick={() => void upload()}
          >
            Joindre le fichier
          </button>
        </div>
      )}
    </section>
  );
}
