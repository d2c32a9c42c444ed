// Coverage gaps (« zones blanches »): for a theme (and a public), each commune of the département
// on a map by distance to the nearest offer, the largest uncovered communes in a list, and from
// them a new call for projects on those communes.
import { COVERAGE_BAND_LABELS, type CoverageBand, type CoverageResponse } from '@catalogue/contracts';
import { useCallback, useMemo, useState } from 'react';
import { api, request } from '../app/api.js';
import { Link, navigate, useLocation } from '../app/router.js';
import { paths } from '../app/routes.js';
import { useLabels, type Labels } from '../app/taxonomy.js';
import { useLoad } from '../app/use-load.js';
import { canIn, Forbidden, Page, SelectField, SignedIn } from '../backoffice/ui.js';
import { ErrorState, Loading } from '../layout/Layout.js';
import type { Bbox } from '../map/geometry.js';
import { newCallSearch } from './coverage-prefill.js';
import { BAND_COLOURS, kmText, leastServedList, populationText } from './coverage-view.js';
import { CoverageMap } from './CoverageMap.js';
import './coverage.css';

const TITLE = 'Zones blanches';
/** The theme shown first: mobility, the plans' most cited gap. */
const DEFAULT_THEME = 'mobilite';

export function CoveragePage({ slug }: { slug: string }) {
  return (
    <SignedIn title={TITLE}>
      {(me) =>
        canIn(me, slug).readIndicators ? (
          <Coverage slug={slug} />
        ) : (
          <Page title={TITLE} crumbs={[{ label: 'Mon espace', to: paths.space() }]}>
            <h1>{TITLE}</h1>
            <Forbidden what="Cette page est réservée aux agents du département." />
          </Page>
        )
      }
    </SignedIn>
  );
}

function themeOptions(labels: Labels | null): { code: string; label: string }[] {
  if (!labels) return [{ code: DEFAULT_THEME, label: 'Mobilité' }];
  const t = labels.taxonomy;
  return t.themeCategories.flatMap((c) => [
    { code: c.code, label: c.label },
    ...t.themes.filter((s) => s.category === c.code).map((s) => ({ code: s.code, label: `${c.label} › ${s.label}` })),
  ]);
}

function Coverage({ slug }: { slug: string }) {
  const { pathname, search } = useLocation();
  const q = new URLSearchParams(search);
  const labels = useLabels();
  const theme = q.get('theme') || DEFAULT_THEME;
  const audience = q.get('audience') ?? '';
  const setParam = (name: string, value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(name, value);
    else next.delete(name);
    navigate(`${pathname}?${next.toString()}`, { replace: true, keepScroll: true });
  };
  const tenant = useLoad(`tenant:${slug}`, () => api.tenant(slug));
  const query = new URLSearchParams({ theme, ...(audience ? { audience } : {}) }).toString();
  const data = useLoad(`coverage:${slug}:${query}`, (s) =>
    request<CoverageResponse>('GET', `/tenants/${encodeURIComponent(slug)}/coverage?${query}`, undefined, s),
  );
  const d = data.data;
  const offerHref = useCallback((id: string) => paths.offer(slug, id), [slug]);
  const audiences = labels?.taxonomy.audiences ?? [];

  return (
    <Page title={TITLE} crumbs={[{ label: 'Mon espace', to: paths.space() }]}>
      <h1>{TITLE}</h1>
      <p>
        Pour une thématique (et un public), chaque commune du département selon la distance à vol d’oiseau au lieu le
        plus proche d’une offre publiée, ou couverte quand la zone de diffusion d’une offre l’inclut.
      </p>
      <form className="cat-coverage-filters" onSubmit={(e) => e.preventDefault()} aria-label="Choix de la thématique">
        <SelectField
          id="coverage-theme"
          label="Thématique"
          required
          value={theme}
          options={themeOptions(labels)}
          onChange={(v) => setParam('theme', v)}
        />
        <SelectField
          id="coverage-audience"
          label="Public"
          hint="Les offres « tous publics » comptent pour chaque public."
          value={audience}
          placeholder="Tous les publics"
          options={audiences.filter((a) => a.code !== 'tous-publics')}
          onChange={(v) => setParam('audience', v)}
        />
      </form>
      {data.status === 'error' && <ErrorState title="Carte indisponible" message={data.error.message} />}
      <p className="cat-coverage-summary" aria-live="polite">
        {d
          ? `${d.offers} offre${d.offers > 1 ? 's' : ''} publiée${d.offers > 1 ? 's' : ''} « ${d.themeLabel} »${d.audienceLabel ? ` pour le public « ${d.audienceLabel} »` : ''} ; ${d.communes.length} communes.`
          : 'Chargement…'}
      </p>
      <div className="cat-coverage-grid">
        <section aria-labelledby="coverage-map-title">
          <h2 className="fr-h5" id="coverage-map-title">
            Carte des communes
          </h2>
          <div className="cat-pinbox cat-coverage-map">
            {tenant.data && d ? (
              <CoverageMap
                label="Carte des communes du département par distance à l’offre"
                communes={d.communes}
                frame={tenant.data.bbox as Bbox}
                outline={tenant.data.outline}
                offerHref={offerHref}
              />
            ) : (
              <Loading label="Chargement de la carte…" />
            )}
          </div>
          <Legend />
          <p className="fr-text--sm">
            Chaque commune est un disque placé en son centre, de surface proportionnelle à sa population : les contours
            des communes ne sont pas fournis avec le catalogue.
          </p>
        </section>
        <section aria-labelledby="coverage-list-title">
          <h2 className="fr-h5" id="coverage-list-title">
            Communes les moins desservies
          </h2>
          {d ? <UncoveredList slug={slug} data={d} /> : <Loading label="Chargement de la liste…" />}
        </section>
      </div>
    </Page>
  );
}

function Legend() {
  return (
    <ul className="cat-coverage-legend" aria-label="Légende">
      {(Object.keys(COVERAGE_BAND_LABELS) as CoverageBand[]).map((b) => (
        <li key={b}>
          <span className="cat-coverage-swatch" style={{ background: BAND_COLOURS[b] }} aria-hidden="true" />
          {COVERAGE_BAND_LABELS[b]}
        </li>
      ))}
    </ul>
  );
}

function UncoveredList({ slug, data }: { slug: string; data: CoverageResponse }) {
  const rows = useMemo(() => leastServedList(data.communes), [data.communes]);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const chosen = rows.filter((r) => picked.has(r.insee)).map((r) => r.insee);
  const toggle = (insee: string) =>
    setPicked((p) => {
      const n = new Set(p);
      if (n.has(insee)) n.delete(insee);
      else n.add(insee);
      return n;
    });
  if (rows.length === 0)
    return (
      <p>
        Aucune commune à plus de 15 km d’une offre de cette thématique sans zone de diffusion qui la couvre, ni de
        commune hors zone dont la distance est incertaine.
      </p>
    );
  return (
    <>
      <p className="fr-text--sm">
        D’abord les communes <strong>non couvertes</strong> : à plus de 15 km de toute offre (ou sans aucune), sans zone
        de diffusion qui les inclut.
        {rows.some((r) => r.reason === 'uncertain') && (
          <>
            {' '}
            Puis, <strong>à vérifier</strong>, les communes hors de toute zone de diffusion dont la position est estimée
            : le référentiel ne donne pas leurs coordonnées, elles sont placées au centre des communes de leur code
            postal ou de leur EPCI ; leur distance réelle peut être bien plus grande.
          </>
        )}
      </p>
      <div className="fr-table fr-table--no-caption cat-coverage-table">
        <table>
          <caption>Communes les moins desservies : non couvertes puis à vérifier, par population</caption>
          <thead>
            <tr>
              <th scope="col">Commune</th>
              <th scope="col">Population</th>
              <th scope="col">Distance</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.insee}>
                <th scope="row">
                  <div className="fr-checkbox-group fr-checkbox-group--sm">
                    <input
                      type="checkbox"
                      id={`coverage-pick-${c.insee}`}
                      checked={picked.has(c.insee)}
                      onChange={() => toggle(c.insee)}
                    />
                    <label className="fr-label" htmlFor={`coverage-pick-${c.insee}`}>
                      {c.name}
                    </label>
                  </div>
                </th>
                <td>{populationText(c.population)}</td>
                <td>
                  {kmText(c)}
                  <br />
                  {c.reason === 'uncovered' ? (
                    <span className="fr-badge fr-badge--sm fr-badge--error fr-badge--no-icon">Non couverte</span>
                  ) : (
                    <span className="fr-badge fr-badge--sm fr-badge--warning fr-badge--no-icon">À vérifier</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="fr-text--sm" aria-live="polite">
        {chosen.length} commune{chosen.length > 1 ? 's' : ''} choisie{chosen.length > 1 ? 's' : ''}
      </p>
      {chosen.length > 0 ? (
        <Link className="fr-btn" to={paths.newCall(slug) + newCallSearch(chosen, data.theme)}>
          Lancer un appel à projets sur ces communes
        </Link>
      ) : (
        <button type="button" className="fr-btn" disabled>
          Lancer un appel à projets sur ces communes
        </button>
      )}
    </>
  );
}
