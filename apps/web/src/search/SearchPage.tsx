import { SEARCH_LIMITS } from '@catalogue/contracts';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../app/api.js';
import { navigate, useLocation, usePageTitle } from '../app/router.js';
import { paths } from '../app/routes.js';
import { useLabels } from '../app/taxonomy.js';
import { PHONE_QUERY, useMediaQuery } from '../app/use-media.js';
import { useLoad } from '../app/use-load.js';
import { ErrorState, Layout, Loading, NotFound } from '../layout/Layout.js';
import { countLabel } from '../lib/format.js';
import { outlineBbox, pointsBbox, radiusBbox, type Bbox } from '../map/geometry.js';
import { MapView } from '../map/MapView.js';
import { communeLabel, type ChosenCommune } from './CommuneField.js';
import { Facets } from './Facets.js';
import { rememberSearch } from './last-search.js';
import { Pagination, ResultsList } from './ResultsList.js';
import { SearchForm } from './SearchForm.js';
import {
  clearFilters,
  correctedWords,
  formatSearch,
  isNarrowed,
  pageParameterOf,
  parseSearch,
  toMapQuery,
  toSearchQuery,
  toggleCode,
  updateSearch,
  type SearchState,
} from './search-state.js';

const NO_POINTS: never[] = [];
const union = (a: Bbox, b: Bbox | null): Bbox =>
  b ? [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])] : a;

export function SearchPage({ slug }: { slug: string }) {
  const location = useLocation();
  const state = useMemo(() => parseSearch(location.search), [location.search]);
  const isPhone = useMediaQuery(PHONE_QUERY);
  const labels = useLabels();
  const tenant = useLoad(`tenant:${slug}`, () => api.tenant(slug));
  const searchQuery = toSearchQuery(state).toString();
  const mapQuery = toMapQuery(state).toString();
  const results = useLoad(`${slug}?${searchQuery}`, (signal) =>
    api.search(slug, new URLSearchParams(searchQuery), signal),
  );
  const map = useLoad(`${slug}?${mapQuery}`, (signal) => api.map(slug, new URLSearchParams(mapQuery), signal));
  const commune = useLoad(`commune:${slug}:${state.commune ?? ''}`, () =>
    state.commune ? api.commune(slug, state.commune) : Promise.resolve(null),
  );
  // The commune the person just picked or typed: its label shows at once, before its details load.
  const [chosen, setChosen] = useState<ChosenCommune | null>(null);
  const [hovered, setHovered] = useState<string | null>(null);
  const [movedTo, setMovedTo] = useState<Bbox | null>(null);
  const [filtersOpen, setFiltersOpen] = useState(false);

  const go = (next: SearchState, options?: { replace?: boolean }): void =>
    navigate(paths.search(slug, formatSearch(next)), { keepScroll: true, ...options });
  useEffect(
    () => rememberSearch(slug, location.pathname + location.search),
    [slug, location.pathname, location.search],
  );
  useEffect(() => setMovedTo(null), [mapQuery]);

  const tenantName = tenant.data?.name;
  usePageTitle(tenantName ? `Offre d’insertion — ${tenantName}` : null, `search:${slug}`);

  if (tenant.status === 'error' && tenant.error.notFound) {
    return (
      <Layout>
        <NotFound what="département" />
      </Layout>
    );
  }

  const data = results.data;
  const total = data?.total ?? 0;
  const pageCount = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const placeName = commune.data
    ? communeLabel(commune.data)
    : chosen && chosen.insee === state.commune
      ? chosen.label
      : null;
  const center = state.commune ? (commune.data ? { lat: commune.data.lat, lng: commune.data.lng } : null) : state.point;
  const radiusKm = state.radiusKm ?? SEARCH_LIMITS.defaultRadiusKm;
  const points = map.data?.items;

  // What the map shows: the chosen zone, else the radius, else the département (and any result outside it).
  const frame: Bbox | null = state.bbox
    ? state.bbox
    : center
      ? radiusBbox(center, radiusKm)
      : tenant.data
        ? union(
            tenant.data.outline ? outlineBbox(tenant.data.outline) : (tenant.data.bbox as Bbox),
            points ? pointsBbox(points) : null,
          )
        : null;
  const frameKey = frame ? frame.map((v) => v.toFixed(4)).join(',') : '';

  // Said from the search itself, not from the commune's details (still loading): the count line
  // does not change its words once they arrive.
  const where = state.bbox
    ? ' dans la zone de la carte'
    : state.commune || state.point
      ? ` à moins de ${radiusKm} km ${state.commune ? `de ${placeName ?? 'la commune'}` : 'de votre position'}`
      : '';
  const countText = data ? `${countLabel(total, 'offre', 'offres')}${where}` : '';
  const typos = data?.correctedQuery ? correctedWords(state.q, data.correctedQuery) : [];
  const located = map.data?.located ?? 0;
  const unlocated = map.data ? map.data.total - map.data.located : 0;

  const chips: { key: string; label: string; next: SearchState }[] = [];
  if (labels) {
    for (const code of state.themes)
      chips.push({
        key: `t-${code}`,
        label: labels.theme(code),
        next: updateSearch(state, { themes: toggleCode(state.themes, code) }),
      });
    for (const code of state.access)
      chips.push({
        key: `a-${code}`,
        label: labels.access(code),
        next: updateSearch(state, { access: toggleCode(state.access, code) }),
      });
    for (const code of state.audiences)
      chips.push({
        key: `p-${code}`,
        label: labels.audience(code),
        next: updateSearch(state, { audiences: toggleCode(state.audiences, code) }),
      });
    for (const code of state.modes)
      chips.push({
        key: `m-${code}`,
        label: labels.mode(code),
        next: updateSearch(state, { modes: toggleCode(state.modes, code) }),
      });
  }
  if (state.hasPlaces)
    chips.push({ key: 'places', label: 'Places disponibles', next: updateSearch(state, { hasPlaces: false }) });
  if (state.bbox) chips.push({ key: 'zone', label: 'Zone de la carte', next: updateSearch(state, { bbox: null }) });

  const view = isPhone ? state.view : null;
  const setView = (v: 'liste' | 'carte'): void => go({ ...state, view: v }, { replace: true });

  const list = (
    <section
      className="cat-list"
      aria-labelledby="resultats-titre"
      id="panneau-liste"
      role={isPhone ? 'tabpanel' : undefined}
      hidden={view === 'carte'}
    >
      <h2 id="resultats-titre" className="fr-sr-only">
        Résultats
      </h2>
      {/* Always there, so that screen readers announce a correction when it appears. */}
      <div className="cat-correction" role="status" aria-atomic="true">
        {data?.correctedQuery && (
          <>
            <p>
              Résultats pour{' '}
              <strong>
                «{'\u00a0'}
                {data.correctedQuery}
                {'\u00a0'}»
              </strong>
            </p>
            {typos.length > 0 && (
              <p className="fr-text--sm cat-muted">
                Aucune offre ne contient {typos.map((w) => `«\u00a0${w}\u00a0»`).join(' ni ')}.
              </p>
            )}
          </>
        )}
      </div>
      <p className="cat-count" role="status" aria-live="polite" aria-atomic="true" tabIndex={-1}>
        {countText}
      </p>
      {chips.length > 0 && (
        <div className="cat-chips">
          <ul className="fr-tags-group" aria-label="Filtres actifs">
            {chips.map((c) => (
              <li key={c.key}>
                <button
                  type="button"
                  className="fr-tag fr-tag--sm fr-tag--dismiss"
                  aria-label={`Retirer le filtre ${c.label}`}
                  onClick={() => go(c.next)}
                >
                  {c.label}
                </button>
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="fr-btn fr-btn--sm fr-btn--tertiary-no-outline"
            onClick={() => go(clearFilters(state))}
          >
            Effacer les filtres
          </button>
        </div>
      )}
      {results.status === 'error' && (
        <ErrorState
          title="La recherche n’a pas abouti"
          message={
            results.error.status === 400
              ? `Un élément de l’adresse n’est pas valide (${pageParameterOf(results.error.parameter) ?? 'paramètre'}) : ${results.error.message}. Corrigez-le ou relancez une recherche.`
              : results.error.message
          }
          onRetry={
            results.error.status === 400
              ? () => go({ ...state, themes: [], audiences: [], access: [], modes: [], page: 1 })
              : () => go({ ...state }, { replace: true })
          }
        />
      )}
      {!data && results.status === 'loading' && <Loading label="Recherche en cours…" />}
      {data && total === 0 && (
        <div className="cat-empty">
          <h3 className="fr-h5">Aucune offre ne correspond à cette recherche</h3>
          {isNarrowed(state) ? (
            <>
              <p>Essayez de l’élargir :</p>
              <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
                {center && radiusKm < 50 && (
                  <li>
                    <button
                      type="button"
                      className="fr-btn fr-btn--secondary"
                      onClick={() => go(updateSearch(state, { radiusKm: 50 }))}
                    >
                      Élargir à 50 km
                    </button>
                  </li>
                )}
                {chips.length > 0 && (
                  <li>
                    <button type="button" className="fr-btn fr-btn--secondary" onClick={() => go(clearFilters(state))}>
                      Retirer les filtres
                    </button>
                  </li>
                )}
                {state.q && (
                  <li>
                    <button
                      type="button"
                      className="fr-btn fr-btn--secondary"
                      onClick={() => go(updateSearch(state, { q: '' }))}
                    >
                      Chercher sans « {state.q} »
                    </button>
                  </li>
                )}
              </ul>
            </>
          ) : (
            <p>Ce département n’a pas encore publié d’offre.</p>
          )}
        </div>
      )}
      {data && total > 0 && (
        <div
          aria-busy={results.status === 'loading'}
          className={results.status === 'loading' ? 'cat-stale' : undefined}
        >
          <ResultsList slug={slug} items={data.items} labels={labels} highlightedId={hovered} onHover={setHovered} />
          <Pagination
            page={data.page}
            pageCount={pageCount}
            hrefOf={(p) => paths.search(slug, formatSearch({ ...state, page: p }))}
          />
        </div>
      )}
    </section>
  );

  const mapPanel = (
    <section
      className="cat-mapcol"
      aria-labelledby="carte-titre"
      id="panneau-carte"
      role={isPhone ? 'tabpanel' : undefined}
      hidden={view === 'liste'}
    >
      <h2 id="carte-titre" className="fr-sr-only">
        Carte des résultats
      </h2>
      <div className="cat-mapbox">
        {frame && (
          <MapView
            label={`Carte des offres${tenantName ? ` — ${tenantName}` : ''}`}
            points={points ?? NO_POINTS}
            hrefOf={(id) => paths.offer(slug, id)}
            outline={tenant.data?.outline}
            frame={frame}
            frameKey={frameKey}
            circle={center && !state.bbox ? { ...center, radiusKm } : null}
            highlightedId={hovered}
            onHover={setHovered}
            onUserMove={setMovedTo}
          />
        )}
        {movedTo && (
          <button
            type="button"
            className="fr-btn fr-btn--sm fr-icon-search-line fr-btn--icon-left cat-refine"
            onClick={() => go(updateSearch(state, { bbox: movedTo, commune: null, point: null, radiusKm: null }))}
          >
            Rechercher dans cette zone
          </button>
        )}
      </div>
      <p className="fr-text--sm cat-map-legend" data-located={located} data-unlocated={unlocated}>
        {map.data ? (
          <>
            {countLabel(located, 'offre placée', 'offres placées')} sur la carte
            {unlocated > 0 &&
              ` ; ${countLabel(unlocated, 'offre', 'offres')} sans lieu d’accueil (à distance ou sur tout un territoire) n’y ${unlocated > 1 ? 'figurent' : 'figure'} pas`}
            {map.data.truncated && ' ; la carte montre les premières : précisez la recherche pour voir les autres'}.
          </>
        ) : map.status === 'error' ? (
          'La carte n’a pas pu être chargée ; la liste reste complète.'
        ) : (
          'Chargement de la carte…'
        )}
      </p>
    </section>
  );

  return (
    <Layout tenantName={tenantName} tenantHref={paths.search(slug)}>
      <div className="cat-search-band">
        <div className="fr-container">
          <h1 className="fr-h3 fr-mb-2w">Offre d’insertion{tenantName ? ` — ${tenantName}` : ''}</h1>
          <SearchForm
            slug={slug}
            state={state}
            communeLabel={placeName}
            onSearch={(next, picked) => {
              if (picked) setChosen(picked);
              go(next);
            }}
          />
        </div>
      </div>
      <div className="fr-container cat-search-body">
        {isPhone && (
          <div className="cat-tabs" role="tablist" aria-label="Affichage des résultats">
            <button
              type="button"
              role="tab"
              id="onglet-liste"
              aria-controls="panneau-liste"
              aria-selected={view === 'liste'}
              onClick={() => setView('liste')}
            >
              Liste{data ? ` (${total})` : ''}
            </button>
            <button
              type="button"
              role="tab"
              id="onglet-carte"
              aria-controls="panneau-carte"
              aria-selected={view === 'carte'}
              onClick={() => setView('carte')}
            >
              Carte
            </button>
          </div>
        )}
        <div className="cat-layout">
          <aside className="cat-filters" aria-label="Filtres">
            {isPhone && (
              <button
                type="button"
                className="fr-btn fr-btn--secondary fr-btn--sm fr-icon-filter-line fr-btn--icon-left"
                aria-expanded={filtersOpen}
                aria-controls="filtres"
                onClick={() => setFiltersOpen((v) => !v)}
              >
                Filtres{chips.length ? ` (${chips.length})` : ''}
              </button>
            )}
            <div id="filtres" hidden={isPhone && !filtersOpen}>
              <h2 className="fr-h6 fr-mb-1w cat-filters__title">Affiner</h2>
              {/* Shown with the first results: empty groups that fill in would push each other down. */}
              {data ? (
                <Facets state={state} facets={data.facets} labels={labels} onSearch={(next) => go(next)} />
              ) : (
                <Loading label="Chargement des filtres…" />
              )}
            </div>
          </aside>
          {list}
          {mapPanel}
        </div>
      </div>
    </Layout>
  );
}
