// A call for projects' public page: context, who may apply and where, the envelope, the dates in
// French, the call's documents, what a dossier asks and how it is scored; the withdrawal or the
// results when there are some; and « Déposer un dossier » for the members of a structure.
import type { Call, Me } from '@catalogue/contracts';
import { useEffect, useState } from 'react';
import { api, ApiRequestError } from '../app/api.js';
import { Link, navigate, useLocation, usePageTitle } from '../app/router.js';
import { paths } from '../app/routes.js';
import { useSession } from '../app/session.js';
import { useLabels } from '../app/taxonomy.js';
import { useLoad } from '../app/use-load.js';
import { messageOf } from '../backoffice/ui.js';
import { Breadcrumb } from '../layout/Breadcrumb.js';
import { ErrorState, Layout, Loading, NotFound } from '../layout/Layout.js';
import { CallDates, CallStatusBadge, FicheTags, GridTable, RequiredDocuments } from './CallParts.js';
import { callsApi, existingApplicationId } from './calls-api.js';
import { euros } from './call-time.js';

const paragraphs = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p, i) => <p key={i}>{p}</p>);

/** The names of a call's territory codes (EPCI from the zones list, communes one by one). */
export function useTerritoryNames(slug: string, territory: Call['territory'] | undefined): Map<string, string> {
  const [names, setNames] = useState(new Map<string, string>());
  const key = territory ? `${territory.kind}:${territory.codes.join(',')}` : '';
  useEffect(() => {
    if (!territory || territory.kind === 'department' || !territory.codes.length) return;
    let live = true;
    const load =
      territory.kind === 'epci'
        ? api.zones(slug).then((z) => new Map(z.epcis.map((e) => [e.code, e.name])))
        : Promise.all(territory.codes.map((c) => api.commune(slug, c).catch(() => null))).then(
            (cs) => new Map(cs.flatMap((c) => (c ? [[c.insee, c.name] as [string, string]] : []))),
          );
    load.then(
      (m) => live && setNames(m),
      () => undefined,
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [slug, key]);
  return names;
}

export function territoryLabel(territory: Call['territory'], names: Map<string, string>, tenantName: string): string {
  if (territory.kind === 'department') return `Tout le département (${tenantName})`;
  const list = territory.codes.map((c) => names.get(c) ?? c).join(', ');
  return territory.kind === 'epci' ? `Intercommunalités : ${list}` : `Communes : ${list}`;
}

function ApplyBlock({ slug, call }: { slug: string; call: Call }) {
  const session = useSession();
  const { pathname } = useLocation();
  const [choice, setChoice] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const open = call.status === 'published' && (!call.opensAt || Date.parse(call.opensAt) <= Date.now());
  if (!open) return null;
  if (session.status === 'loading') return <div style={{ minHeight: '5rem' }} />;
  if (session.status === 'signed-out')
    return (
      <div className="fr-callout">
        <h2 className="fr-callout__title fr-h5">Déposer un dossier</h2>
        <p className="fr-callout__text">Connectez-vous avec le compte de votre structure pour déposer un dossier.</p>
        <Link className="fr-btn" to={paths.login(pathname)}>
          Se connecter pour déposer un dossier
        </Link>
      </div>
    );
  const structures = applicantStructures(session.me, slug);
  if (!structures.length)
    return (
      <div className="fr-callout">
        <p className="fr-callout__text">
          Seuls les membres d’une structure validée du département peuvent déposer un dossier.
        </p>
        <Link className="fr-link" to={paths.space()}>
          Mon espace
        </Link>
      </div>
    );
  const organizationId = structures.length === 1 ? structures[0]!.id : choice;
  const apply = async () => {
    if (!organizationId) return setError('Choisissez la structure qui dépose le dossier.');
    setBusy(true);
    setError(null);
    try {
      const made = await callsApi.apply(slug, call.id, organizationId);
      navigate(paths.application(slug, made.id));
    } catch (e) {
      const err = e instanceof ApiRequestError ? e : new ApiRequestError(0, 'client_error', 'Erreur inattendue');
      const existing = err.code === 'already_applied' ? existingApplicationId(err) : null;
      if (existing) navigate(paths.application(slug, existing));
      else setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="fr-callout">
      <h2 className="fr-callout__title fr-h5">Déposer un dossier</h2>
      {structures.length > 1 && (
        <div className="fr-select-group">
          <label className="fr-label" htmlFor="apply-structure">
            Structure qui dépose le dossier
          </label>
          <select className="fr-select" id="apply-structure" value={choice} onChange={(e) => setChoice(e.target.value)}>
            <option value="">Choisir</option>
            {structures.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {error && (
        <p className="fr-error-text" role="alert">
          {error}
        </p>
      )}
      <button type="button" className="fr-btn fr-mt-2w" disabled={busy} onClick={() => void apply()}>
        Déposer un dossier
      </button>
    </div>
  );
}

/** The person's structures here that may apply (GET /me capabilities), with their names. */
export function applicantStructures(me: Me, slug: string): { id: string; name: string }[] {
  const tenant = me.capabilities.tenants.find((t) => t.tenant === slug);
  return (tenant?.structures ?? [])
    .filter((s) => s.capabilities.applyToCalls)
    .map((s) => ({
      id: s.organizationId,
      name: me.memberships.find((m) => m.organizationId === s.organizationId)?.organizationName ?? 'Ma structure',
    }));
}

export function CallPage({ slug, id }: { slug: string; id: string }) {
  const tenant = useLoad(`tenant:${slug}`, () => api.tenant(slug));
  const call = useLoad(`call:${slug}:${id}`, (s) => callsApi.get(slug, id, s));
  const labels = useLabels();
  const names = useTerritoryNames(slug, call.data?.territory);
  usePageTitle(call.data ? call.data.title : 'Appel à projets', id);
  if ((call.status === 'error' && call.error.notFound) || (tenant.status === 'error' && tenant.error.notFound))
    return (
      <Layout>
        <NotFound />
      </Layout>
    );
  const c = call.data;
  return (
    <Layout tenantName={tenant.data?.name} tenantHref={paths.search(slug)}>
      <div className="fr-container fr-mb-7w">
        <Breadcrumb
          crumbs={[
            { label: 'Accueil', to: '/' },
            { label: tenant.data?.name ?? 'Département', to: paths.search(slug) },
            { label: 'Appels à projets', to: paths.calls(slug) },
            { label: c?.title ?? 'Appel à projets' },
          ]}
        />
        {call.status === 'loading' && !c && <Loading label="Chargement de l’appel à projets…" />}
        {call.status === 'error' && !c && (
          <ErrorState title="Appel à projets indisponible" message={call.error.message} />
        )}
        {c && (
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-12 fr-col-md-8">
              <CallStatusBadge call={c} />
              <h1 className="fr-mt-1w">{c.title}</h1>
              {c.status === 'withdrawn' && (
                <div className="fr-alert fr-alert--warning fr-mb-3w">
                  <h2 className="fr-alert__title">Appel à projets retiré</h2>
                  <p>Motif : {c.withdrawnReason}</p>
                </div>
              )}
              {c.results && (
                <div className="fr-alert fr-alert--info fr-mb-3w">
                  <h2 className="fr-alert__title">Résultats</h2>
                  {paragraphs(c.results)}
                </div>
              )}
              <h2>Contexte</h2>
              {paragraphs(c.context)}
              <FicheTags fiches={c.ficheRefs} />
              <h2>Qui peut répondre</h2>
              <ul>
                <li>
                  Structures :{' '}
                  {c.eligibleKinds.length
                    ? c.eligibleKinds.map((k) => labels?.organizationKind(k) ?? k).join(', ')
                    : 'toutes les structures validées du département'}
                </li>
                <li>
                  Publics :{' '}
                  {c.eligiblePublics.length
                    ? c.eligiblePublics.map((p) => labels?.audience(p) ?? p).join(', ')
                    : 'tous publics'}
                </li>
                <li>Territoire : {territoryLabel(c.territory, names, tenant.data?.name ?? 'département')}</li>
              </ul>
              <h2>Le dossier</h2>
              <p>
                Le formulaire comporte {c.questions.length} question{c.questions.length > 1 ? 's' : ''}
                {c.questions.some((q) => q.type === 'budget_table') ? ', dont un budget prévisionnel' : ''}.
              </p>
              <h3 className="fr-h6">Pièces à joindre</h3>
              <RequiredDocuments documents={c.documents} />
              <h2>Comment les dossiers sont analysés</h2>
              <GridTable grid={c.grid} />
            </div>
            <div className="fr-col-12 fr-col-md-4">
              <div className="cat-bo-card">
                <p className="fr-mb-1w">
                  Enveloppe : <strong>{euros(c.envelope)}</strong>
                </p>
                <CallDates call={c} />
                {c.publicDocuments.length > 0 && (
                  <>
                    <h2 className="fr-h6">Documents de l’appel</h2>
                    <ul>
                      {c.publicDocuments.map((d) => (
                        <li key={d.id}>
                          <a
                            className="fr-link fr-link--download"
                            href={callsApi.documentUrl(slug, c.id, d.id)}
                            download
                          >
                            {d.label}
                            <span className="fr-link__detail">
                              {d.mediaType === 'application/pdf' ? 'PDF' : d.fileName.split('.').pop()?.toUpperCase()} —{' '}
                              {Math.max(1, Math.round(d.sizeBytes / 1024))} Ko
                            </span>
                          </a>
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </div>
              <ApplyBlock slug={slug} call={c} />
            </div>
          </div>
        )}
      </div>
    </Layout>
  );
}
