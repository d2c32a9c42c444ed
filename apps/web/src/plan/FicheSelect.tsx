// The offer's fiche of the plan: a select grouped by axis, « Aucune » allowed. While the
// département has no plan, the field says so instead.
import { useLoad } from '../app/use-load.js';
import { planApi } from './plan-api.js';
import { ficheOptionGroups } from './plan-editor.js';

export function FicheSelect(p: {
  id: string;
  slug: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
  disabled?: boolean;
}) {
  const plan = useLoad(`plan:${p.slug}`, (signal) => planApi.find(p.slug, signal));
  const groups = plan.data ? ficheOptionGroups(plan.data) : [];
  const hint =
    plan.status === 'ok' && !plan.data
      ? 'Le plan n’a pas encore été saisi par le Département.'
      : 'La fiche action du plan départemental d’insertion que sert l’offre, si elle en sert une.';
  return (
    <div className={`fr-select-group${p.error ? ' fr-select-group--error' : ''}`}>
      <label className="fr-label" htmlFor={p.id}>
        Fiche action du plan
        <span className="fr-hint-text">{hint}</span>
      </label>
      <select
        id={p.id}
        name={p.id}
        className={`fr-select${p.error ? ' fr-select--error' : ''}`}
        value={p.value}
        disabled={p.disabled || plan.status === 'loading'}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={p.error ? `${p.id}-error` : undefined}
        onChange={(e) => p.onChange(e.target.value)}
      >
        <option value="">Aucune</option>
        {/* The offer's fiche stays selectable while the plan loads or if it left the plan. */}
        {p.value && !groups.some((g) => g.options.some((o) => o.value === p.value)) && (
          <option value={p.value}>Fiche actuelle</option>
        )}
        {groups.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {plan.status === 'error' && <p className="fr-hint-text">Le plan n’a pas pu être chargé.</p>}
      {p.error && (
        <p id={`${p.id}-error`} className="fr-error-text">
          {p.error}
        </p>
      )}
    </div>
  );
}
