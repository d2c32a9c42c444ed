import { SEARCH_LIMITS } from '@catalogue/contracts';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { RADIUS_CHOICES, updateSearch, type SearchState } from './search-state.js';
import { CommuneField, type ChosenCommune, type CommuneFieldHandle } from './CommuneField.js';

interface Props {
  slug: string;
  state: SearchState;
  /** Label of the commune of the address bar (known by the page, or still loading: null). */
  communeLabel: string | null;
  /** The next search; `commune` when the person picked or typed one (its label is then known at once). */
  onSearch: (next: SearchState, commune?: ChosenCommune | null) => void;
}

type GeoStatus = { kind: 'idle' } | { kind: 'locating' } | { kind: 'error'; message: string };

export function SearchForm({ slug, state, communeLabel, onSearch }: Props) {
  const [q, setQ] = useState(state.q);
  const [geo, setGeo] = useState<GeoStatus>({ kind: 'idle' });
  const communeField = useRef<CommuneFieldHandle>(null);
  useEffect(() => setQ(state.q), [state.q]);

  // While the label loads the field stays blank: an INSEE code means nothing to the person.
  const chosen: ChosenCommune | null = state.commune ? { insee: state.commune, label: communeLabel ?? '' } : null;
  const hasPlace = Boolean(state.commune || state.point);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    // A commune typed but not picked is searched, or the field says why not: never silently dropped.
    const place = (await communeField.current?.resolve()) ?? null;
    if (place === 'pending') return;
    const commune = place?.insee ?? null;
    if (commune === state.commune) onSearch(updateSearch(state, { q: q.trim() }));
    else
      onSearch(
        updateSearch(state, {
          q: q.trim(),
          commune,
          point: commune ? null : state.point,
          radiusKm: commune ? state.radiusKm : null,
          bbox: null,
        }),
        place,
      );
  };

  const aroundMe = (): void => {
    if (!('geolocation' in navigator)) {
      setGeo({ kind: 'error', message: 'Votre navigateur ne donne pas votre position : saisissez une commune.' });
      return;
    }
    setGeo({ kind: 'locating' });
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setGeo({ kind: 'idle' });
        onSearch(
          updateSearch(state, {
            q: q.trim(),
            commune: null,
            point: { lat: pos.coords.latitude, lng: pos.coords.longitude },
            bbox: null,
          }),
        );
      },
      (err) =>
        setGeo({
          kind: 'error',
          message:
            err.code === err.PERMISSION_DENIED
              ? 'La géolocalisation est refusée : autorisez-la dans votre navigateur, ou saisissez une commune.'
              : 'Votre position n’a pas pu être obtenue : saisissez une commune.',
        }),
      { enableHighAccuracy: false, timeout: 10_000, maximumAge: 300_000 },
    );
  };

  return (
    <form role="search" aria-label="Rechercher une offre" className="cat-search-form" onSubmit={(e) => void submit(e)}>
      <div className="fr-input-group cat-search-form__words">
        <label className="fr-label" htmlFor="recherche-mots">
          Quoi ?<span className="fr-hint-text">Par exemple : garage solidaire, FLE, permis, garde d’enfants</span>
        </label>
        <input
          id="recherche-mots"
          className="fr-input"
          type="search"
          name="q"
          maxLength={SEARCH_LIMITS.maxQueryLength}
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
      </div>
      <div className="cat-search-form__place">
        <CommuneField
          ref={communeField}
          slug={slug}
          value={chosen}
          placeholder={state.point ? 'Autour de ma position' : undefined}
          onChange={(c) =>
            onSearch(
              updateSearch(state, {
                q: q.trim(),
                commune: c?.insee ?? null,
                point: null,
                radiusKm: c ? state.radiusKm : null,
                bbox: null,
              }),
              c,
            )
          }
        />
        <button
          type="button"
          className={`fr-btn fr-btn--sm fr-btn--tertiary fr-btn--icon-left fr-icon-map-pin-user-line cat-around-me ${state.point ? 'is-on' : ''}`}
          onClick={aroundMe}
          aria-pressed={Boolean(state.point)}
          disabled={geo.kind === 'locating'}
        >
          {geo.kind === 'locating' ? 'Localisation…' : 'Autour de moi'}
        </button>
      </div>
      <div className="fr-select-group cat-search-form__radius">
        <label className="fr-label" htmlFor="recherche-rayon">
          Rayon
        </label>
        <select
          id="recherche-rayon"
          className="fr-select"
          disabled={!hasPlace}
          title={hasPlace ? undefined : 'Choisissez d’abord une commune ou « Autour de moi »'}
          value={String(state.radiusKm ?? SEARCH_LIMITS.defaultRadiusKm)}
          onChange={(e) => onSearch(updateSearch(state, { q: q.trim(), radiusKm: Number(e.target.value) }))}
        >
          {[...new Set<number>([...RADIUS_CHOICES, state.radiusKm ?? SEARCH_LIMITS.defaultRadiusKm])]
            .sort((a, b) => a - b)
            .map((r) => (
              <option key={r} value={r}>
                {r} km
              </option>
            ))}
        </select>
      </div>
      <div className="cat-search-form__submit">
        <button type="submit" className="fr-btn fr-btn--icon-left fr-icon-search-line">
          Rechercher
        </button>
      </div>
      {geo.kind === 'error' && (
        <div className="fr-alert fr-alert--warning fr-alert--sm cat-search-form__alert" role="alert">
          <p>{geo.message}</p>
        </div>
      )}
    </form>
  );
}
