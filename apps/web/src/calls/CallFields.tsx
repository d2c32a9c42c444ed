// The general fields of a call in the editor: fiches of the plan by axis, eligible structures and
// publics, territory (the whole département, EPCIs or communes with a picker).
import type { CallTerritory, CommuneSummary, Plan } from '@catalogue/contracts';
import { useEffect, useState } from 'react';
import { api } from '../app/api.js';
import type { Labels } from '../app/taxonomy.js';

function Checks({
  id,
  legend,
  items,
  chosen,
  error,
  onChange,
}: {
  id: string;
  legend: string;
  items: { code: string; label: string }[];
  chosen: string[];
  error?: string | undefined;
  onChange: (codes: string[]) => void;
}) {
  return (
    <fieldset
      className={`fr-fieldset${error ? ' fr-fieldset--error' : ''}`}
      id={id}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend className="fr-fieldset__legend">{legend}</legend>
      {items.map((it) => (
        <div key={it.code} className="fr-fieldset__element">
          <div className="fr-checkbox-group fr-checkbox-group--sm">
            <input
              type="checkbox"
              id={`${id}-${it.code}`}
              checked={chosen.includes(it.code)}
              onChange={(e) => onChange(e.target.checked ? [...chosen, it.code] : chosen.filter((c) => c !== it.code))}
            />
            <label className="fr-label" htmlFor={`${id}-${it.code}`}>
              {it.label}
            </label>
          </div>
        </div>
      ))}
      {error && (
        <div className="fr-messages-group" id={`${id}-error`}>
          <p className="fr-message fr-message--error">{error}</p>
        </div>
      )}
    </fieldset>
  );
}

export function FicheChecks({
  plan,
  chosen,
  error,
  onChange,
}: {
  plan: Plan | null;
  chosen: string[];
  error?: string | undefined;
  onChange: (ids: string[]) => void;
}) {
  if (!plan)
    return <p id="call-fiches">Le plan du département n’est pas encore saisi : aucune fiche action à choisir.</p>;
  return (
    <div id="call-fiches" tabIndex={-1}>
      <p className="fr-mb-1w">
        <strong>Fiches action du plan servies par l’appel</strong> <span className="cat-muted">({plan.name})</span>
      </p>
      {plan.axes.map((a) => (
        <details key={a.id} open={a.fiches.some((f) => chosen.includes(f.id))} className="fr-mb-1w">
          <summary>
            Axe {a.number} — {a.title}
          </summary>
          <Checks
            id={`fiches-axis-${a.number}`}
            legend={`Fiches de l’axe ${a.number}`}
            items={a.fiches.map((f) => ({ code: f.id, label: `Fiche ${f.number} — ${f.title}` }))}
            chosen={chosen}
            onChange={(ids) =>
              onChange([
                ...chosen.filter((c) => !a.fiches.some((f) => f.id === c)),
                ...ids.filter((c) => a.fiches.some((f) => f.id === c)),
              ])
            }
          />
        </details>
      ))}
      {error && <p className="fr-error-text">{error}</p>}
    </div>
  );
}

export function EligibilityChecks({
  labels,
  kinds,
  publics,
  errors,
  onKinds,
  onPublics,
}: {
  labels: Labels | null;
  kinds: string[];
  publics: string[];
  errors: Record<string, string>;
  onKinds: (c: string[]) => void;
  onPublics: (c: string[]) => void;
}) {
  if (!labels) return <p>Chargement des référentiels…</p>;
  return (
    <div className="fr-grid-row fr-grid-row--gutters">
      <div className="fr-col-12 fr-col-md-6">
        <Checks
          id="call-eligibleKinds"
          legend="Structures éligibles (aucune cochée : toutes)"
          items={labels.taxonomy.organizationKinds}
          chosen={kinds}
          error={errors['call-eligibleKinds']}
          onChange={onKinds}
        />
      </div>
      <div className="fr-col-12 fr-col-md-6">
        <Checks
          id="call-eligiblePublics"
          legend="Publics visés (aucun coché : tous)"
          items={labels.taxonomy.audiences}
          chosen={publics}
          error={errors['call-eligiblePublics']}
          onChange={onPublics}
        />
      </div>
    </div>
  );
}

export function TerritoryField({
  slug,
  territory,
  error,
  onChange,
}: {
  slug: string;
  territory: CallTerritory;
  error?: string | undefined;
  onChange: (t: CallTerritory) => void;
}) {
  const [epcis, setEpcis] = useState<{ code: string; name: string }[]>([]);
  const [names, setNames] = useState(new Map<string, string>());
  const [q, setQ] = useState('');
  const [found, setFound] = useState<CommuneSummary[]>([]);
  useEffect(() => {
    api.zones(slug).then(
      (z) => setEpcis(z.epcis),
      () => undefined,
    );
  }, [slug]);
  useEffect(() => {
    if (territory.kind !== 'communes') return;
    const missing = territory.codes.filter((c) => !names.has(c));
    if (!missing.length) return;
    void Promise.all(missing.map((c) => api.commune(slug, c).catch(() => null))).then((cs) =>
      setNames((m) => new Map([...m, ...cs.flatMap((c) => (c ? [[c.insee, c.name] as [string, string]] : []))])),
    );
  }, [slug, territory, names]);
  useEffect(() => {
    if (q.trim().length < 2) return setFound([]);
    const ctrl = new AbortController();
    api.communes(slug, q.trim(), ctrl.signal).then(setFound, () => undefined);
    return () => ctrl.abort();
  }, [slug, q]);
  const kinds: [CallTerritory['kind'], string][] = [
    ['department', 'Tout le département'],
    ['epci', 'Des intercommunalités (EPCI)'],
    ['communes', 'Des communes'],
  ];
  return (
    <fieldset
      className={`fr-fieldset${error ? ' fr-fieldset--error' : ''}`}
      id="call-territory"
      aria-describedby={error ? 'call-territory-error' : undefined}
    >
      <legend className="fr-fieldset__legend">Territoire des projets</legend>
      {kinds.map(([k, label]) => (
        <div key={k} className="fr-fieldset__element fr-fieldset__element--inline">
          <div className="fr-radio-group">
            <input
              type="radio"
              id={`territory-${k}`}
              name="territory"
              checked={territory.kind === k}
              onChange={() => onChange({ kind: k, codes: [] })}
            />
            <label className="fr-label" htmlFor={`territory-${k}`}>
              {label}
            </label>
          </div>
        </div>
      ))}
      {territory.kind === 'epci' && (
        <div className="fr-fieldset__element">
          {epcis.map((e) => (
            <div key={e.code} className="fr-checkbox-group fr-checkbox-group--sm">
              <input
                type="checkbox"
                id={`epci-${e.code}`}
                checked={territory.codes.includes(e.code)}
                onChange={(ev) =>
                  onChange({
                    kind: 'epci',
                    codes: ev.target.checked
                      ? [...territory.codes, e.code]
                      : territory.codes.filter((c) => c !== e.code),
                  })
                }
              />
              <label className="fr-label" htmlFor={`epci-${e.code}`}>
                {e.name}
              </label>
            </div>
          ))}
        </div>
      )}
      {territory.kind === 'communes' && (
        <div className="fr-fieldset__element">
          <ul className="fr-tags-group">
            {territory.codes.map((c) => (
              <li key={c}>
                <button
                  type="button"
                  className="fr-tag fr-tag--dismiss"
                  aria-label={`Retirer ${names.get(c) ?? c}`}
                  onClick={() => onChange({ kind: 'communes', codes: territory.codes.filter((x) => x !== c) })}
                >
                  {names.get(c) ?? c}
                </button>
              </li>
            ))}
          </ul>
          <div className="fr-input-group">
            <label className="fr-label" htmlFor="territory-commune-search">
              Ajouter une commune
            </label>
            <input
              className="fr-input"
              id="territory-commune-search"
              value={q}
              autoComplete="off"
              onChange={(e) => setQ(e.target.value)}
            />
          </div>
          {found.length > 0 && (
            <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
              {found.slice(0, 8).map((c) => (
                <li key={c.insee}>
                  <button
                    type="button"
                    className="fr-btn fr-btn--tertiary"
                    disabled={territory.codes.includes(c.insee)}
                    onClick={() => {
                      setNames((m) => new Map(m).set(c.insee, c.name));
                      onChange({ kind: 'communes', codes: [...territory.codes, c.insee] });
                      setQ('');
                    }}
                  >
                    {c.name} ({c.postcodes[0] ?? c.insee})
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {error && (
        <div className="fr-messages-group" id="call-territory-error">
          <p className="fr-message fr-message--error">{error}</p>
        </div>
      )}
    </fieldset>
  );
}
