// The scoring grid (criteria with help, weight, scale and the eliminatory flag) and the documents a
// dossier must join; keys follow the labels.
import type { CallDocumentRequirement, CallQuestion, GridCriterion } from '@catalogue/contracts';
import { keyFromLabel, move, newCriterion, newDocument } from './call-builder.js';

const numberOf = (v: string): number => (v.trim() === '' ? NaN : Number(v));

export function GridBuilder({
  grid,
  errors,
  onChange,
}: {
  grid: GridCriterion[];
  errors: Record<string, string>;
  onChange: (g: GridCriterion[]) => void;
}) {
  const set = (i: number, c: GridCriterion) => onChange(grid.map((x, j) => (j === i ? c : x)));
  return (
    <div id="call-grid" tabIndex={-1}>
      {errors['call-grid'] && <p className="fr-error-text">{errors['call-grid']}</p>}
      <ol className="cat-builder-list">
        {grid.map((c, i) => {
          const id = `call-grid-${i}`;
          return (
            <li
              key={i}
              id={id}
              className={`cat-builder-item${errors[id] ? ' cat-builder-item--error' : ''}`}
              tabIndex={-1}
            >
              <div className="cat-builder-head">
                <p className="fr-badge fr-badge--sm">Critère {i + 1}</p>
                <div className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
                  <button
                    type="button"
                    className="fr-btn fr-btn--tertiary fr-icon-arrow-up-line"
                    disabled={i === 0}
                    onClick={() => onChange(move(grid, i, -1))}
                  >
                    Monter
                  </button>
                  <button
                    type="button"
                    className="fr-btn fr-btn--tertiary fr-icon-delete-line"
                    onClick={() => onChange(grid.filter((_, j) => j !== i))}
                  >
                    Supprimer
                  </button>
                </div>
              </div>
              {errors[id] && (
                <p className="fr-error-text" id={`${id}-error`}>
                  {errors[id]}
                </p>
              )}
              <div className="fr-input-group">
                <label className="fr-label" htmlFor={`${id}-label`}>
                  Intitulé
                </label>
                <input
                  className="fr-input"
                  id={`${id}-label`}
                  value={c.label}
                  maxLength={500}
                  aria-describedby={errors[id] ? `${id}-error` : undefined}
                  onChange={(e) =>
                    set(i, {
                      ...c,
                      label: e.target.value,
                      key: keyFromLabel(
                        e.target.value,
                        grid.filter((_, j) => j !== i).map((x) => x.key),
                        'critere',
                      ),
                    })
                  }
                />
              </div>
              <div className="fr-input-group">
                <label className="fr-label" htmlFor={`${id}-help`}>
                  Aide aux instructeurs (facultative)
                </label>
                <input
                  className="fr-input"
                  id={`${id}-help`}
                  value={c.help ?? ''}
                  maxLength={2000}
                  onChange={(e) => {
                    const { help: _h, ...rest } = c;
                    set(i, e.target.value ? { ...rest, help: e.target.value } : rest);
                  }}
                />
              </div>
              <div className="fr-grid-row fr-grid-row--gutters">
                <div className="fr-col-6 fr-col-md-4">
                  <div className="fr-input-group">
                    <label className="fr-label" htmlFor={`${id}-weight`}>
                      Poids <span className="fr-hint-text">de 1 à 100</span>
                    </label>
                    <input
                      className="fr-input"
                      id={`${id}-weight`}
                      type="number"
                      min={1}
                      max={100}
                      value={Number.isNaN(c.weight) ? '' : c.weight}
                      onChange={(e) => set(i, { ...c, weight: numberOf(e.target.value) })}
                    />
                  </div>
                </div>
                <div className="fr-col-6 fr-col-md-4">
                  <div className="fr-input-group">
                    <label className="fr-label" htmlFor={`${id}-scale`}>
                      Note maximale <span className="fr-hint-text">de 1 à 20</span>
                    </label>
                    <input
                      className="fr-input"
                      id={`${id}-scale`}
                      type="number"
                      min={1}
                      max={20}
                      value={Number.isNaN(c.scale) ? '' : c.scale}
                      onChange={(e) => set(i, { ...c, scale: numberOf(e.target.value) })}
                    />
                  </div>
                </div>
                <div className="fr-col-12 fr-col-md-4">
                  <div className="fr-checkbox-group fr-mt-md-5w">
                    <input
                      type="checkbox"
                      id={`${id}-eliminatory`}
                      checked={Boolean(c.eliminatory)}
                      onChange={(e) => {
                        const { eliminatory: _e, ...rest } = c;
                        set(i, e.target.checked ? { ...rest, eliminatory: true } : rest);
                      }}
                    />
                    <label className="fr-label" htmlFor={`${id}-eliminatory`}>
                      Éliminatoire <span className="fr-hint-text">noté 0 : dossier inéligible</span>
                    </label>
                  </div>
                </div>
              </div>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="fr-btn fr-btn--secondary fr-icon-add-line fr-btn--icon-left"
        onClick={() => onChange([...grid, newCriterion(grid)])}
      >
        Ajouter un critère
      </button>
    </div>
  );
}

export function DocumentsBuilder({
  documents,
  questions,
  errors,
  onChange,
}: {
  documents: CallDocumentRequirement[];
  questions: CallQuestion[];
  errors: Record<string, string>;
  onChange: (d: CallDocumentRequirement[]) => void;
}) {
  const set = (i: number, d: CallDocumentRequirement) => onChange(documents.map((x, j) => (j === i ? d : x)));
  return (
    <div id="call-documents" tabIndex={-1}>
      {documents.length === 0 && <p>Aucune pièce demandée.</p>}
      <ul className="cat-builder-list">
        {documents.map((d, i) => {
          const id = `call-documents-${i}`;
          return (
            <li key={i} id={id} className="cat-builder-row" tabIndex={-1}>
              <div className="fr-input-group fr-mb-0 cat-grow">
                <label className="fr-label" htmlFor={`${id}-label`}>
                  Pièce {i + 1}
                </label>
                <input
                  className={`fr-input${errors[id] ? ' fr-input--error' : ''}`}
                  id={`${id}-label`}
                  value={d.label}
                  maxLength={500}
                  aria-describedby={errors[id] ? `${id}-error` : undefined}
                  onChange={(e) => {
                    const taken = [
                      ...documents.filter((_, j) => j !== i).map((x) => x.key),
                      ...questions.map((q) => q.key),
                    ];
                    set(i, { ...d, label: e.target.value, key: keyFromLabel(e.target.value, taken, 'piece') });
                  }}
                />
                {errors[id] && (
                  <p className="fr-error-text" id={`${id}-error`}>
                    {errors[id]}
                  </p>
                )}
              </div>
              <div className="fr-checkbox-group">
                <input
                  type="checkbox"
                  id={`${id}-required`}
                  checked={d.required}
                  onChange={(e) => set(i, { ...d, required: e.target.checked })}
                />
                <label className="fr-label" htmlFor={`${id}-required`}>
                  Obligatoire
                </label>
              </div>
              <button
                type="button"
                className="fr-btn fr-btn--tertiary fr-btn--sm fr-icon-delete-line"
                onClick={() => onChange(documents.filter((_, j) => j !== i))}
              >
                Retirer
              </button>
            </li>
          );
        })}
      </ul>
      <button
        type="button"
        className="fr-btn fr-btn--secondary fr-btn--sm fr-icon-add-line fr-btn--icon-left"
        onClick={() => onChange([...documents, newDocument({ documents, questions })])}
      >
        Ajouter une pièce
      </button>
    </div>
  );
}
