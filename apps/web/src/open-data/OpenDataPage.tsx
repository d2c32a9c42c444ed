// The département's open data, public: what is published, under which licence, when it last
// changed, the four files (structures and services, JSON and CSV) and the API addresses.
import type { DataInclusionExportInfo } from '@catalogue/contracts';
import {
  DATA_INCLUSION_SCHEMA_DOCUMENTATION,
  DATA_INCLUSION_SCHEMA_VERSION,
  OPEN_DATA_LICENCE,
} from '@catalogue/contracts';
import { api } from '../app/api.js';
import { usePageTitle } from '../app/router.js';
import { paths } from '../app/routes.js';
import { useLoad, type Loadable } from '../app/use-load.js';
import { Breadcrumb, type Crumb } from '../layout/Breadcrumb.js';
import { Layout } from '../layout/Layout.js';
import { countLabel, shortDateLabel, timeLabel } from '../lib/format.js';
import { openDataApi, type ExportFormat, type ExportKind } from './open-data-api.js';
import './open-data.css';

const KINDS: { kind: ExportKind; title: string; what: string }[] = [
  {
    kind: 'services',
    title: 'Services (actions d’insertion)',
    what: 'Les actions publiées : thématiques, publics, modalités d’accès, lieu, zone de diffusion, contact.',
  },
  {
    kind: 'structures',
    title: 'Structures',
    what: 'Les structures validées par le département qui portent ces actions, avec leur numéro SIRET.',
  },
];

const FORMATS: { format: ExportFormat; label: string; detail: string }[] = [
  { format: 'csv', label: 'CSV', detail: 'CSV – séparateur virgule, UTF-8' },
  { format: 'json', label: 'JSON', detail: 'JSON – tableau d’enregistrements' },
];

export function OpenDataPage({ slug }: { slug: string }) {
  const tenant = useLoad(`tenant:${slug}`, () => api.tenant(slug));
  const info = useLoad(`open-data:${slug}`, (signal) => openDataApi.info(slug, signal));
  usePageTitle(tenant.data ? `Données ouvertes – ${tenant.data.name}` : 'Données ouvertes', `open-data:${slug}`);
  const crumbs: Crumb[] = [
    { label: 'Départements', to: paths.home() },
    { label: 'Offre d’insertion', to: paths.search(slug) },
    { label: 'Données ouvertes' },
  ];
  return (
    <Layout tenantName={tenant.data?.name} tenantHref={paths.search(slug)}>
      <div className="fr-container fr-mb-7w">
        <Breadcrumb crumbs={crumbs} />
        <h1 className="fr-h2">Données ouvertes{tenant.data ? ` – ${tenant.data.name}` : ''}</h1>
        <p className="fr-text--lg">
          Les actions d’insertion publiées dans ce catalogue et les structures qui les portent sont librement
          réutilisables, au format national data·inclusion : les plateformes de l’inclusion (data·inclusion, DORA, les
          emplois de l’inclusion…) et tout autre service peuvent les reprendre.
        </p>
        <Summary info={info} />

        <h2 className="fr-h4 fr-mt-5w">Télécharger</h2>
        <div className="fr-grid-row fr-grid-row--gutters">
          {KINDS.map(({ kind, title, what }) => (
            <div key={kind} className="fr-col-12 fr-col-md-6">
              <div className="cat-open-data__card">
                <h3 className="fr-h6 fr-mb-1w">{title}</h3>
                <p className="fr-text--sm fr-mb-2w">{what}</p>
                <ul className="cat-open-data__files">
                  {FORMATS.map(({ format, label, detail }) => (
                    <li key={format}>
                      <a className="fr-link fr-link--download" href={openDataApi.file(slug, kind, format)} download>
                        {`${title.split(' (')[0]} (${label})`}
                        <span className="fr-link__detail">{detail}</span>
                      </a>
                    </li>
                  ))}
                </ul>
              </div>
            </div>
          ))}
        </div>

        <h2 className="fr-h4 fr-mt-5w">Licence</h2>
        <p>
          Ces données sont publiées sous la{' '}
          <a
            href={OPEN_DATA_LICENCE.url}
            target="_blank"
            rel="noopener noreferrer license"
            title="Licence Ouverte 2.0 – nouvelle fenêtre"
          >
            Licence Ouverte 2.0 (Etalab)
          </a>{' '}
          : vous pouvez les copier, les modifier et les rediffuser, y compris commercialement, en citant la source («
          Catalogue de l’offre d’insertion{tenant.data ? ` – ${tenant.data.name}` : ''} ») et la date de mise à jour.
        </p>

        <h2 className="fr-h4 fr-mt-5w">Format</h2>
        <p>
          Les fichiers suivent le schéma national de l’offre d’insertion data·inclusion, version{' '}
          {DATA_INCLUSION_SCHEMA_VERSION} (
          <a
            href={DATA_INCLUSION_SCHEMA_DOCUMENTATION}
            target="_blank"
            rel="noopener noreferrer"
            title="Documentation du schéma data·inclusion – nouvelle fenêtre"
          >
            documentation du schéma
          </a>
          ). Chaque action garde le même identifiant d’un export à l’autre ; les codes (thématiques, publics, modes
          d’accueil…) sont ceux des référentiels nationaux.
        </p>
        <p>
          Dans le CSV, la première ligne donne les noms des champs du schéma ; une liste de codes est séparée par des
          barres verticales (<code>|</code>) et une valeur absente laisse la cellule vide.
        </p>

        <h2 className="fr-h4 fr-mt-5w">API</h2>
        <p>
          Les mêmes données, sans inscription, aux adresses suivantes (JSON ; ajoutez .csv ou .json pour un fichier) :
        </p>
        <ul className="cat-open-data__endpoints">
          {KINDS.map(({ kind, title }) => (
            <li key={kind}>
              {title.split(' (')[0]} : <code>{openDataApi.endpoint(slug, kind)}</code>
            </li>
          ))}
        </ul>
        <p className="fr-text--sm">
          Les réponses portent les en-têtes <code>ETag</code> et <code>Last-Modified</code> : une requête conditionnelle
          reçoit « 304 Non modifié » tant que rien n’a changé. Les données sont mises à jour en continu (cache de 5
          minutes au plus). Description complète : <a href="/api/docs">documentation de l’API publique</a>.
        </p>
      </div>
    </Layout>
  );
}

/** Counts and last update; the box keeps its height while they load (no jump). */
function Summary({ info }: { info: Loadable<DataInclusionExportInfo> }) {
  const data = info.data;
  return (
    <div className="fr-callout cat-open-data__summary" aria-live="polite" aria-busy={info.status === 'loading'}>
      {info.status === 'error' && !data ? (
        <p className="fr-callout__text">
          Les chiffres n’ont pas pu être chargés ; les fichiers restent téléchargeables.
        </p>
      ) : !data ? (
        <p className="fr-callout__text">Chargement des chiffres…</p>
      ) : (
        <>
          <p className="fr-callout__text">
            {countLabel(data.counts.services, 'action publiée', 'actions publiées')} ·{' '}
            {countLabel(data.counts.structures, 'structure', 'structures')}
          </p>
          <p className="fr-text--sm fr-mb-0">
            {data.lastModified
              ? `Dernière mise à jour : le ${shortDateLabel(data.lastModified)} à\u00a0${timeLabel(data.lastModified)}`
              : 'Aucune donnée publiée pour le moment.'}
          </p>
        </>
      )}
    </div>
  );
}
