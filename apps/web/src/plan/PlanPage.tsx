// The département's insertion plan, public: its axes, their fiches (objective, description in a
// DSFR accordion) and each fiche's indicators with their targets per year of the period.
import type { Plan, PlanFiche } from '@catalogue/contracts';
import { periodYears } from '@catalogue/contracts';
import { useState } from 'react';
import { api } from '../app/api.js';
import { usePageTitle } from '../app/router.js';
import { paths } from '../app/routes.js';
import { useLoad } from '../app/use-load.js';
import { Breadcrumb, type Crumb } from '../layout/Breadcrumb.js';
import { ErrorState, Layout, Loading } from '../layout/Layout.js';
import { planApi } from './plan-api.js';
import './plan.css';
import { formatTarget, MEASURE_LABELS } from './plan-editor.js';

export function PlanPage({ slug }: { slug: string }) {
  const plan = useLoad(`plan:${slug}`, (signal) => planApi.find(slug, signal));
  const tenant = useLoad(`tenant:${slug}`, () => api.tenant(slug));
  usePageTitle(plan.status === 'loading' ? null : (plan.data?.name ?? 'Plan d’insertion'), `plan:${slug}`);
  const crumbs: Crumb[] = [
    { label: 'Départements', to: paths.home() },
    { label: 'Offre d’insertion', to: paths.search(slug) },
    { label: 'Plan d’insertion' },
  ];
  return (
    <Layout tenantName={tenant.data?.name} tenantHref={paths.search(slug)}>
      <div className="fr-container fr-mb-7w">
        <Breadcrumb crumbs={crumbs} />
        {plan.status === 'error' ? (
          <ErrorState
            title="Le plan n’a pas pu être chargé"
            message={plan.error.message}
            onRetry={() => window.location.reload()}
          />
        ) : plan.status === 'loading' && plan.data === undefined ? (
          <Loading label="Chargement du plan…" />
        ) : !plan.data ? (
          <>
            <h1 className="fr-h2">Plan d’insertion{tenant.data ? ` – ${tenant.data.name}` : ''}</h1>
            <p>Le plan n’a pas encore été saisi.</p>
          </>
        ) : (
          <PlanView plan={plan.data} />
        )}
      </div>
    </Layout>
  );
}

function PlanView({ plan }: { plan: Plan }) {
  const fiches = plan.axes.reduce((n, a) => n + a.fiches.length, 0);
  return (
    <>
      <h1 className="fr-h2">{plan.name}</h1>
      <p className="fr-text--lg">
        Période {plan.periodStart}–{plan.periodEnd} · {plan.axes.length} axe{plan.axes.length > 1 ? 's' : ''} · {fiches}{' '}
        fiche{fiches > 1 ? 's' : ''} action
      </p>
      {plan.source && <p className="fr-text--sm cat-muted">Source : {plan.source}</p>}
      <nav className="fr-summary fr-mb-4w" aria-labelledby="plan-sommaire">
        <h2 className="fr-summary__title" id="plan-sommaire">
          Axes du plan
        </h2>
        <ol className="fr-summary__list">
          {plan.axes.map((a) => (
            <li key={a.id}>
              <a className="fr-summary__link" href={`#axe-${a.number}`}>
                Axe {a.number} – {a.title}
              </a>
            </li>
          ))}
        </ol>
      </nav>
      {plan.axes.map((a) => (
        <section key={a.id} className="fr-mb-6w" aria-labelledby={`axe-${a.number}`}>
          <h2 className="fr-h3" id={`axe-${a.number}`}>
            Axe {a.number} – {a.title}
          </h2>
          {a.description && <p>{a.description}</p>}
          {a.fiches.length === 0 && <p className="cat-muted">Aucune fiche action dans cet axe.</p>}
          {a.fiches.map((f) => (
            <FicheView key={f.id} fiche={f} years={periodYears(plan.periodStart, plan.periodEnd)} />
          ))}
        </section>
      ))}
    </>
  );
}

function FicheView({ fiche: f, years }: { fiche: PlanFiche; years: number[] }) {
  const [open, setOpen] = useState(false);
  const panel = `fiche-${f.number}-description`;
  return (
    <article className="cat-bo-card fr-mb-3w" aria-labelledby={`fiche-${f.number}`}>
      <h3 className="fr-h5 fr-mb-1w" id={`fiche-${f.number}`}>
        Fiche {f.number} – {f.title}
      </h3>
      {f.objective && (
        <p>
          <strong>Objectif :</strong> {f.objective}
        </p>
      )}
      {f.publicText && (
        <p>
          <strong>Public visé :</strong> {f.publicText}
        </p>
      )}
      {f.means && (
        <p>
          <strong>Moyens et partenaires :</strong> {f.means}
        </p>
      )}
      {f.description && (
        <section className="fr-accordion fr-mb-2w">
          <h4 className="fr-accordion__title">
            <button
              type="button"
              className="fr-accordion__btn"
              aria-expanded={open}
              aria-controls={panel}
              onClick={() => setOpen(!open)}
            >
              Description de la fiche
            </button>
          </h4>
          <div className={`fr-collapse${open ? ' fr-collapse--expanded' : ''}`} id={panel} hidden={!open}>
            <p className="fr-mb-0">{f.description}</p>
          </div>
        </section>
      )}
      {f.indicators.length > 0 && (
        <div className="fr-table fr-table--no-caption fr-mb-1w cat-plan-table">
          <div className="fr-table__wrapper">
            <div className="fr-table__container">
              <div className="fr-table__content">
                <table>
                  <caption>Indicateurs de la fiche {f.number}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Indicateur</th>
                      <th scope="col">Unité</th>
                      <th scope="col">Mesure</th>
                      {years.map((y) => (
                        <th key={y} scope="col" className="cat-num">
                          Cible {y}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {f.indicators.map((i) => (
                      <tr key={i.id}>
                        <th scope="row">{i.label}</th>
                        <td>{i.unit}</td>
                        <td>{MEASURE_LABELS[i.measure]}</td>
                        {years.map((y) => (
                          <td key={y} className="cat-num">
                            {i.targets[String(y)] !== undefined ? formatTarget(i.targets[String(y)]!) : '–'}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </div>
        </div>
      )}
      {f.offerCount > 0 && (
        <p className="fr-text--sm fr-mb-0">
          {f.offerCount} offre{f.offerCount > 1 ? 's' : ''} publiée{f.offerCount > 1 ? 's' : ''} rattachée
          {f.offerCount > 1 ? 's' : ''} à cette fiche
        </p>
      )}
    </article>
  );
}
