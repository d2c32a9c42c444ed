// "Mon espace": the person's roles per département, pending access requests, and what to do next
// (create a structure, join one), the link to « Mon compte » (own data), plus "sign out everywhere".
import type { Me, MeMembership, OrganizationBySiret, TenantCapabilities } from '@catalogue/contracts';
import { useState, type FormEvent } from 'react';
import { api } from '../app/api.js';
import { Link, navigate } from '../app/router.js';
import { paths } from '../app/routes.js';
import { refreshSession, signOut } from '../app/session.js';
import { useLoad } from '../app/use-load.js';
import { orgs } from './bo-api.js';
import { normalizeSiret, siretProblem } from './organization-form.js';
import { ROLE_LABELS, structuresOf } from './people.js';
import {
  canIn,
  Notice,
  OrganizationStatusBadge,
  Page,
  SelectField,
  SignedIn,
  TextArea,
  TextField,
  useAction,
} from './ui.js';

function byTenant(me: Me): Map<string, { name: string; memberships: MeMembership[] }> {
  const groups = new Map<string, { name: string; memberships: MeMembership[] }>();
  for (const m of me.memberships) {
    const g = groups.get(m.tenant) ?? { name: m.tenantName, memberships: [] };
    g.memberships.push(m);
    groups.set(m.tenant, g);
  }
  return groups;
}

function TenantBlock({
  slug,
  name,
  memberships,
  can,
  applies = false,
  agreements = false,
  bilans = false,
}: {
  slug: string;
  name: string;
  memberships: MeMembership[];
  can: TenantCapabilities;
  /** One of the person's structures here may apply to calls for projects. */
  applies?: boolean;
  /** Agents who manage agreements, or members of a structure that answers calls. */
  agreements?: boolean;
  /** One of the person's structures here files bilans. */
  bilans?: boolean;
}) {
  const active = memberships.filter((m) => m.status === 'active');
  const pending = memberships.filter((m) => m.status === 'pending');
  const inStructure = active.some((m) => m.organizationId);
  // The back-office pages the policy opens to the person here (GET /me), in this order.
  const links = [
    {
      show: can.registerSelf,
      to: paths.myRegistrations(slug),
      label: 'Mes inscriptions',
      className: 'fr-icon-calendar-line',
    },
    {
      show: applies,
      to: paths.applications(slug),
      label: 'Mes dossiers',
      className: 'fr-icon-folder-2-line',
    },
    {
      show: can.prescribe,
      to: paths.prescriptions(slug),
      label: 'Mes prescriptions',
      className: 'fr-icon-team-line',
    },
    {
      show: can.moderateOffers,
      to: paths.moderation(slug),
      label: 'Modération des offres',
      className: 'fr-icon-checkbox-circle-line',
    },
    {
      show: can.reviewStructures,
      to: paths.boOrganizations(slug),
      label: 'Structures',
      className: 'fr-btn--secondary fr-icon-building-line',
    },
    {
      show: can.manageCalls || inStructure,
      to: paths.boCalls(slug),
      label: 'Appels à projets',
      className: 'fr-btn--secondary fr-icon-file-add-line',
    },
    {
      show: can.readDashboard,
      to: paths.dashboard(slug),
      label: 'Tableau de bord',
      className: 'fr-btn--secondary fr-icon-dashboard-3-line',
    },
    {
      show: can.readIndicators,
      to: paths.coverage(slug),
      label: 'Zones blanches',
      className: 'fr-btn--secondary fr-icon-map-pin-2-line',
    },
    {
      show: agreements,
      to: paths.agreements(slug),
      label: 'Conventions',
      className: 'fr-btn--secondary fr-icon-file-text-line',
    },
    {
      show: can.reviewBilans || bilans,
      to: paths.bilans(slug),
      label: 'Bilans',
      className: 'fr-btn--secondary fr-icon-survey-line',
    },
    {
      show: can.readIndicators,
      to: paths.indicators(slug),
      label: 'Indicateurs',
      className: 'fr-btn--secondary fr-icon-line-chart-line',
    },
    {
      show: can.importDataInclusion,
      to: paths.dataInclusionImport(slug),
      label: 'Importer depuis data·inclusion',
      className: 'fr-btn--secondary fr-icon-upload-line',
    },
    {
      show: can.editPlan,
      to: paths.boPlan(slug),
      label: 'Plan d’insertion',
      className: 'fr-btn--secondary fr-icon-draft-line',
    },
    {
      show: can.editReport,
      to: paths.boReport(slug),
      label: 'Rapport d’exécution (rédaction)',
      className: 'fr-btn--secondary fr-icon-edit-line',
    },
    {
      show: can.readIndicators,
      to: paths.report(
        slug,
        Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Paris', year: 'numeric' }).format(new Date())),
      ),
      label: 'Rapport d’exécution',
      className: 'fr-btn--secondary fr-icon-file-text-line',
    },
    {
      show: can.manageSettings,
      to: paths.settings(slug),
      label: 'Réglages et équipe',
      className: 'fr-btn--tertiary fr-icon-settings-5-line',
    },
    {
      show: can.manageApiKeys,
      to: paths.apiKeys(slug),
      label: 'Clés d’API',
      className: 'fr-btn--tertiary fr-icon-lock-line',
    },
    {
      show: can.readAudit,
      to: paths.audit(slug),
      label: 'Journal d’audit',
      className: 'fr-btn--tertiary fr-icon-file-text-line',
    },
  ].filter((l) => l.show);
  const structures = structuresOf(memberships);
  return (
    <section className="cat-bo-card" aria-labelledby={`t-${slug}`}>
      <h2 className="fr-h4" id={`t-${slug}`}>
        {name}
      </h2>
      <ul>
        {active
          .filter((m) => !m.organizationId)
          .map((m) => (
            <li key={m.role}>{ROLE_LABELS[m.role] ?? m.role}</li>
          ))}
      </ul>
      {links.length > 0 && (
        <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm fr-btns-group--icon-left">
          {links.map((l) => (
            <li key={l.to}>
              <Link className={`fr-btn ${l.className}`} to={l.to}>
                {l.label}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {structures.length > 0 && (
        <>
          <h3 className="fr-h6">Mes structures</h3>
          <ul>
            {structures.map((s) => (
              <li key={s.organizationId}>
                <Link className="fr-link" to={paths.boOrganization(slug, s.organizationId)}>
                  {s.name}
                </Link>{' '}
                <span className="cat-muted">— {s.roles.map((r) => ROLE_LABELS[r] ?? r).join(', ')}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {pending.length > 0 && (
        <>
          <h3 className="fr-h6">Demandes en attente</h3>
          <ul>
            {pending.map((m) => (
              <li key={`${m.organizationId}-${m.role}`}>
                {m.organizationName ?? 'Structure'}{' '}
                <span className="cat-muted">— en attente de réponse d’un administrateur de la structure</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function JoinOrCreate({ me }: { me: Me }) {
  const tenants = useLoad('tenants', () => api.tenants());
  const [slug, setSlug] = useState(me.memberships[0]?.tenant ?? '');
  const [siret, setSiret] = useState(me.suggestedSiret ?? '');
  const [siretError, setSiretError] = useState<string | undefined>();
  const [found, setFound] = useState<OrganizationBySiret | null>(null);
  const [message, setMessage] = useState('');
  const [sent, setSent] = useState(false);
  const search = useAction();
  const join = useAction();
  const options = (tenants.data ?? []).map((t) => ({ code: t.slug, label: `${t.name} (${t.code})` }));

  const find = (e: FormEvent): void => {
    e.preventDefault();
    setFound(null);
    setSent(false);
    const problem = slug ? siretProblem(siret) : null;
    setSiretError(slug ? (problem ?? undefined) : undefined);
    if (!slug || problem) return;
    void search.run(() => orgs.bySiret(slug, normalizeSiret(siret))).then((o) => o && setFound(o));
  };
  const ask = (): void => {
    if (!found) return;
    void join
      .run(() => orgs.join(slug, found.id, message.trim() || undefined).then(() => true))
      .then((ok) => {
        if (ok) {
          setSent(true);
          void refreshSession();
        }
      });
  };

  return (
    <section className="cat-bo-card" aria-labelledby="next-steps">
      <h2 className="fr-h4" id="next-steps">
        Publier les offres de votre structure
      </h2>
      <SelectField
        id="tenant"
        label="Département"
        value={slug}
        onChange={setSlug}
        options={options}
        placeholder="Choisir un département"
        required
      />
      <div className="cat-row">
        <div>
          <h3 className="fr-h6">Votre structure n’est pas encore inscrite</h3>
          <p className="fr-text--sm">Vous en deviendrez l’administrateur ; le département la validera.</p>
          <button
            type="button"
            className="fr-btn fr-icon-add-line fr-btn--icon-left"
            disabled={!slug}
            onClick={() => navigate(paths.newOrganization(slug))}
          >
            Créer une structure
          </button>
        </div>
        <form onSubmit={find} noValidate>
          <h3 className="fr-h6">Rejoindre une structure déjà inscrite</h3>
          <TextField
            id="join-siret"
            label="SIRET de la structure"
            hint="14 chiffres"
            inputMode="numeric"
            value={siret}
            onChange={setSiret}
            error={siretError}
          />
          <button type="submit" className="fr-btn fr-btn--secondary" disabled={!slug || search.busy}>
            Chercher
          </button>
        </form>
      </div>
      {search.error && (
        <Notice kind="info">
          {search.lastError?.status === 404
            ? 'Aucune structure inscrite avec ce SIRET dans ce département : vous pouvez la créer.'
            : search.error}
        </Notice>
      )}
      {found && (
        <div className="cat-subform fr-mt-2w">
          <p className="fr-mb-1w">
            <strong>{found.name}</strong> <OrganizationStatusBadge status={found.status} />
          </p>
          {sent ? (
            <Notice kind="success">Demande envoyée : un administrateur de la structure va y répondre.</Notice>
          ) : (
            <>
              {join.error && <Notice kind="error">{join.error}</Notice>}
              <TextArea
                id="join-message"
                label="Message aux administrateurs (facultatif)"
                value={message}
                onChange={setMessage}
                rows={2}
                maxLength={1000}
              />
              <button type="button" className="fr-btn" onClick={ask} disabled={join.busy}>
                Demander à rejoindre
              </button>
            </>
          )}
        </div>
      )}
    </section>
  );
}

export function SpacePage() {
  const action = useAction();
  return (
    <SignedIn title="Mon espace" signedOutText="Connectez-vous pour voir votre espace.">
      {(me) => {
        const groups = byTenant(me);
        return (
          <Page title="Mon espace">
            <div className="cat-bo-header">
              <h1>Mon espace</h1>
              <p className="fr-mb-0 cat-muted">
                {me.name} — {me.email}
              </p>
            </div>
            {me.capabilities.platform.createTenants && (
              <Notice kind="info">
                <p>
                  Vous administrez la plateforme :{' '}
                  <Link className="fr-link" to={paths.platformAdmin()}>
                    ouvrir un nouveau département
                  </Link>
                  .
                </p>
              </Notice>
            )}
            {groups.size === 0 && <p>Vous n’êtes encore rattaché à aucune structure ni à aucun département.</p>}
            {[...groups.entries()].map(([slug, g]) => (
              <TenantBlock
                key={slug}
                slug={slug}
                name={g.name}
                memberships={g.memberships}
                can={canIn(me, slug)}
                applies={me.capabilities.tenants.some(
                  (t) => t.tenant === slug && t.structures.some((s) => s.capabilities.applyToCalls),
                )}
                bilans={me.capabilities.tenants.some(
                  (t) => t.tenant === slug && t.structures.some((s) => s.capabilities.fileBilans),
                )}
                agreements={
                  canIn(me, slug).manageAgreements ||
                  !!me.capabilities.tenants
                    .find((t) => t.tenant === slug)
                    ?.structures.some((s) => s.capabilities.applyToCalls)
                }
              />
            ))}
            {/* A personal account (beneficiary only) is not here to publish a structure's offers. */}
            {!(me.memberships.length > 0 && me.memberships.every((m) => m.role === 'beneficiary')) && (
              <JoinOrCreate me={me} />
            )}
            <section className="cat-bo-card" aria-labelledby="my-account">
              <h2 className="fr-h5" id="my-account">
                Mon compte
              </h2>
              <p className="fr-text--sm">
                Télécharger une copie de vos données, ou supprimer votre compte (vos inscriptions restent, anonymisées,
                pour les statistiques).
              </p>
              <Link className="fr-btn fr-btn--secondary fr-icon-user-line fr-btn--icon-left" to={paths.account()}>
                Mon compte et mes données
              </Link>
            </section>
            <section className="cat-bo-card" aria-labelledby="security">
              <h2 className="fr-h5" id="security">
                Sécurité
              </h2>
              <p className="fr-text--sm">
                Un appareil perdu, un doute ? Fermez toutes vos sessions, sur tous vos appareils.
              </p>
              {action.error && <Notice kind="error">{action.error}</Notice>}
              <button
                type="button"
                className="fr-btn fr-btn--secondary fr-icon-logout-box-r-line fr-btn--icon-left"
                disabled={action.busy}
                onClick={() => void action.run(() => signOut(true)).then(() => navigate(paths.login()))}
              >
                Se déconnecter partout
              </button>
            </section>
          </Page>
        );
      }}
    </SignedIn>
  );
}
