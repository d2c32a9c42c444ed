// Filters with counts (disjunctive: each group counts as if its own choice were not made).
import type { FacetCount, SearchFacets } from '@catalogue/contracts';
import { useId, useState } from 'react';
import type { Labels } from '../app/taxonomy.js';
import { toggleCode, updateSearch, type SearchState } from './search-state.js';

interface Props {
  state: SearchState;
  facets: SearchFacets | undefined;
  labels: Labels | null;
  onSearch: (next: SearchState) => void;
}

const countOf = (facets: FacetCount[] | undefined, code: string): number =>
  facets?.find((f) => f.code === code)?.count ?? 0;

/** Values to list: those with offers, plus the ones chosen (so they can be unchecked), by count. */
function values(
  facets: FacetCount[] | undefined,
  chosen: readonly string[],
  keep: (code: string) => boolean = () => true,
): FacetCount[] {
  const list = (facets ?? []).filter((f) => keep(f.code) && f.count > 0);
  for (const code of chosen)
    if (keep(code) && !list.some((f) => f.code === code)) list.push({ code, count: countOf(facets, code) });
  return list.sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}

function Checkbox({
  id,
  label,
  count,
  checked,
  onChange,
  sub,
}: {
  id: string;
  label: string;
  count: number;
  checked: boolean;
  onChange: () => void;
  sub?: boolean;
}) {
  return (
    <div className={`fr-fieldset__element ${sub ? 'cat-facet--sub' : ''}`}>
      <div className="fr-checkbox-group fr-checkbox-group--sm">
        <input type="checkbox" id={id} checked={checked} onChange={onChange} />
        <label className="fr-label" htmlFor={id}>
          {label}
          <span className="cat-facet-count" aria-label={`${count} offre${count > 1 ? 's' : ''}`}>
            {count}
          </span>
        </label>
      </div>
    </div>
  );
}

function Group({ legend, children, id }: { legend: string; children: React.ReactNode; id: string }) {
  return (
    <fieldset className="fr-fieldset cat-facet" aria-labelledby={`${id}-legend`}>
      <legend className="fr-fieldset__legend fr-text--md" id={`${id}-legend`}>
        {legend}
      </legend>
      {children}
    </fieldset>
  );
}

const THEMES_SHOWN = 8;

export function Facets({ state, facets, labels, onSearch }: Props) {
  const id = useId();
  const [allThemes, setAllThemes] = useState(false);
  const label = (kind: keyof Pick<Labels, 'theme' | 'audience' | 'access' | 'mode'>, code: string): string =>
    labels ? labels[kind](code) : code;
  const toggle = (key: 'themes' | 'audiences' | 'access' | 'modes', code: string): void =>
    onSearch(updateSearch(state, { [key]: toggleCode(state[key], code) }));

  const isCategory = (code: string): boolean => !code.includes('--');
  const categories = values(facets?.themes, state.themes, isCategory);
  const shownCategories = allThemes ? categories : categories.slice(0, THEMES_SHOWN);
  // Sub-themes show under a chosen category, and a sub-theme chosen alone shows under its category.
  const subThemesOf = (category: string): FacetCount[] =>
    values(facets?.themes, state.themes, (c) => c.startsWith(`${category}--`));
  const openCategories = new Set(state.themes.map((c) => c.split('--')[0]!));
  const withPlaces = countOf(facets?.hasPlaces, 'true');

  return (
    <div className="cat-facets">
      <Group legend="Thématiques" id={`${id}-themes`}>
        {shownCategories.length === 0 && (
          <p className="fr-text--sm cat-muted">Aucune thématique pour cette recherche.</p>
        )}
        {shownCategories.map((f) => (
          <div key={f.code} className="cat-facet__category">
            <Checkbox
              id={`${id}-t-${f.code}`}
              label={label('theme', f.code)}
              count={f.count}
              checked={state.themes.includes(f.code)}
              onChange={() => toggle('themes', f.code)}
            />
            {openCategories.has(f.code) &&
              subThemesOf(f.code).map((s) => (
                <Checkbox
                  key={s.code}
                  sub
                  id={`${id}-t-${s.code}`}
                  label={label('theme', s.code)}
                  count={s.count}
                  checked={state.themes.includes(s.code)}
                  onChange={() => toggle('themes', s.code)}
                />
              ))}
          </div>
        ))}
        {categories.length > THEMES_SHOWN && (
          <button
            type="button"
            className="fr-btn fr-btn--sm fr-btn--tertiary-no-outline"
            aria-expanded={allThemes}
            onClick={() => setAllThemes((v) => !v)}
          >
            {allThemes ? 'Voir moins de thématiques' : `Voir les ${categories.length} thématiques`}
          </button>
        )}
      </Group>
      <Group legend="Accès" id={`${id}-access`}>
        {values(facets?.access, state.access).map((f) => (
          <Checkbox
            key={f.code}
            id={`${id}-a-${f.code}`}
            label={label('access', f.code)}
            count={f.count}
            checked={state.access.includes(f.code)}
            onChange={() => toggle('access', f.code)}
          />
        ))}
        <Checkbox
          id={`${id}-places`}
          label="Places disponibles"
          count={withPlaces}
          checked={state.hasPlaces}
          onChange={() => onSearch(updateSearch(state, { hasPlaces: !state.hasPlaces }))}
        />
      </Group>
      <Group legend="Publics" id={`${id}-audiences`}>
        {values(facets?.audiences, state.audiences).map((f) => (
          <Checkbox
            key={f.code}
            id={`${id}-p-${f.code}`}
            label={label('audience', f.code)}
            count={f.count}
            checked={state.audiences.includes(f.code)}
            onChange={() => toggle('audiences', f.code)}
          />
        ))}
      </Group>
      <Group legend="Mode d’accueil" id={`${id}-modes`}>
        {values(facets?.modes, state.modes).map((f) => (
          <Checkbox
            key={f.code}
            id={`${id}-m-${f.code}`}
            label={label('mode', f.code)}
            count={f.count}
            checked={state.modes.includes(f.code)}
            onChange={() => toggle('modes', f.code)}
          />
        ))}
      </Group>
    </div>
  );
}
