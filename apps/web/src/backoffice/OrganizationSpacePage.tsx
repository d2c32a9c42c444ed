// A structure's back-office page: profile and status, the département's decision (agents),
// members, access requests and invitations (structure admins), and the structure's offers.
import { isEmailAddress, type BackOfficeOrganization, type Me, type StructureRole } from '@catalogue/contracts';
import { useState, type FormEvent } from 'react';
import { Link } from '../app/router.js';
import { paths } from '../app/routes.js';
import { useLabels } from '../app/taxonomy.js';
import { useLoad } from '../app/use-load.js';
import { ErrorState, Loading } from '../layout/Layout.js';
import { offers as offersApi, orgs } from './bo-api.js';
import { IdentityChangePanel } from './IdentityChange.js';
import {
  Forbidden,
  Notice,
  OfferStatusBadge,
  OrganizationStatusBadge,
  OverdueBadge,
  Page,
  RefusalForm,
  SelectField,
  SignedIn,
  TextField,
  dateTimeLabel,
  canIn,
  canInStructure,
  useAction,
} from './ui.js';

const MEMBER_ROLES = [
  { code: 'structure_member', label: 'Membre' },
  { code: 'structure_admin', label: 'Administrateur' },
];

/** Agents' decision on a pending (or any) structure: validate, or reject with a reason. */
export function OrganizationDecision({
  slug,
  organization,
  onDone,
}: {
  slug: string;
  organization: BackOfficeOrganization;
  onDone: () => void;
}) {
  const [rejecting, setRejecting] = useState(false);
  const action = useAction();
  const validate = (): void => void action.run(() => orgs.validate(slug, organization.id)).then((r) => r && onDone());
  // Decided already: validating or refusing again would be refused (409).
  if (organization.status !== 'pending')
    return (
      <p className="fr-text--sm fr-mb-0">
        {organization.status === 'validated' ? 'Structure validée.' : 'Structure refusée.'}
      </p>
    );
  return (
    <div>
      {action.error && <Notice kind="error">{action.error}</Notice>}
      {!rejecting ? (
        <div className="cat-actions">
          <button
            type="button"
            className="fr-btn fr-btn--sm fr-icon-check-line fr-btn--icon-left"
            disabled={action.busy}
            onClick={validate}
          >
            Valider {organization.name}
          </button>
          <button
            type="button"
            className="fr-btn fr-btn--sm fr-btn--secondary fr-icon-close-line fr-btn--icon-left"
            onClick={() => setRejecting(true)}
          >
            Refuser {organization.name}
          </button>
        </div>
      ) : (
        <RefusalForm
          id={`reason-${organization.id}`}
          label="Raison du refus"
          hint="Envoyée aux membres ; le refus détache les membres de la structure."
          tooShort="Indiquez la raison du refus (3 caractères au moins) : elle est envoyée aux membres de la structure."
          busy={action.busy}
          onConfirm={(reason) =>
            void action.run(() => orgs.reject(slug, organization.id, reason)).then((r) => r && onDone())
          }
          onCancel={() => setRejecting(false)}
        />
      )}
    </div>
  );
}

function Members({ slug, id }: { slug: string; id: string }) {
  const [version, setVersion] = useState(0);
  const data = useLoad(`members:${id}:${version}`, (s) => orgs.members(slug, id, s));
  const action = useAction();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<StructureRole>('structure_member');
  const [inviteError, setInviteError] = useState<string | undefined>();
  const [invited, setInvited] = useState<string | null>(null);
  const reload = (): void => setVersion((v) => v + 1);
  const act = (fn: () => Promise<unknown>): void => void action.run(fn).then(reload);
  const invite = (e: FormEvent): void => {
    e.preventDefault();
    if (!isEmailAddress(email.trim())) {
      setInviteError('Adresse électronique invalide (exemple : nom@domaine.fr).');
      return;
    }
    setInviteError(undefined);
    void action
      .run(() => orgs.invite(slug, id, email.trim(), role).then(() => true))
      .then((ok) => {
        if (ok) {
          setInvited(email.trim());
          setEmail('');
          reload();
        }
      });
  };
  if (data.status === 'error' && !data.data)
    return <ErrorState title="Membres indisponibles" message={data.error.message} />;
  if (!data.data) return <Loading label="Chargement des membres…" />;
  const requests = data.data.members.filter((m) => m.status === 'pending');
  const active = data.data.members.filter((m) => m.status === 'active');
  return (
    <>
      {action.error && <Notice kind="error">{action.error}</Notice>}
      {requests.length > 0 && (
        <>
          <h3 className="fr-h6">Demandes d’accès</h3>
          <ul className="cat-history">
            {requests.map((m) => (
              <li key={m.membershipId}>
                <strong>{m.name}</strong> <span className="cat-muted">{m.email}</span>
                {m.message && <p className="cat-history__comment">{m.message}</p>}
                <div className="cat-actions">
                  <button
                    type="button"
                    className="fr-btn fr-btn--sm"
                    onClick={() => act(() => orgs.acceptMember(slug, id, m.membershipId))}
                  >
                    Accepter {m.name}
                  </button>
                  <button
                    type="button"
                    className="fr-btn fr-btn--sm fr-btn--secondary"
                    onClick={() => act(() => orgs.refuseMember(slug, id, m.membershipId))}
                  >
                    Refuser
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="cat-table-wrap cat-table-stack fr-table fr-table--no-caption">
        <table>
          <caption>Membres</caption>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Rôle</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {active.map((m) => (
              <tr key={m.membershipId}>
                <td>
                  {m.name}
                  <br />
                  <span className="cat-muted fr-text--sm">{m.email}</span>
                </td>
                <td data-label="Rôle">
                  <select
                    className="fr-select"
                    aria-label={`Rôle de ${m.name}`}
                    value={m.role}
                    onChange={(e) => act(() => orgs.setRole(slug, id, m.membershipId, e.target.value as StructureRole))}
                  >
                    {MEMBER_ROLES.map((r) => (
                      <option key={r.code} value={r.code}>
                        {r.label}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <button
                    type="button"
                    className="fr-btn fr-btn--sm fr-btn--tertiary"
                    onClick={() => act(() => orgs.removeMember(slug, id, m.membershipId))}
                  >
                    Retirer {m.name}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {data.data.invitations.length > 0 && (
        <>
          <h3 className="fr-h6">Invitations en cours</h3>
          <ul>
            {data.data.invitations.map((i) => (
              <li key={i.id}>
                {i.email} — expire le {dateTimeLabel(i.expiresAt)}{' '}
                <button
                  type="button"
                  className="fr-btn fr-btn--sm fr-btn--tertiary-no-outline"
                  onClick={() => act(() => orgs.cancelInvitation(slug, id, i.id))}
                >
                  Annuler l’invitation de {i.email}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <form onSubmit={invite} noValidate className="cat-subform fr-mt-2w">
        <h3 className="fr-h6">Inviter une personne</h3>
        {invited && <Notice kind="success">Invitation envoyée à {invited} (lien valable 7 jours).</Notice>}
        <div className="cat-row">
          <TextField
            id="invite-email"
            label="Adresse électronique"
            type="email"
            value={email}
            onChange={setEmail}
            error={inviteError}
          />
          <SelectField
            id="invite-role"
            label="Rôle"
            value={role}
            onChange={(v) => setRole(v as StructureRole)}
            options={MEMBER_ROLES}
          />
        </div>
        <button type="submit" className="fr-btn fr-btn--sm" disabled={action.busy}>
          Envoyer l’invitation
        </button>
      </form>
    </>
  );
}

function Offers({
  slug,
  organization,
  canWrite,
  canImport,
}: {
  slug: string;
  organization: BackOfficeOrganization;
  canWrite: boolean;
  canImport: boolean;
}) {
  const [version, setVersion] = useState(0);
  const list = useLoad(`org-offers:${organization.id}:${version}`, (s) => orgs.offers(slug, organization.id, s));
  const action = useAction();
  return (
    <>
      {canWrite && organization.status === 'validated' && (
        <Link className="fr-btn fr-icon-add-line fr-btn--icon-left fr-mb-2w" to={paths.newOffer(slug, organization.id)}>
          Nouvelle offre
        </Link>
      )}
      {canImport && (
        <Link
          className="fr-btn fr-btn--secondary fr-icon-file-add-line fr-btn--icon-left fr-mb-2w fr-ml-1w"
          to={paths.offerImport(slug, organization.id)}
        >
          Importer depuis un tableur
        </Link>
      )}
      {canWrite && organization.status !== 'validated' && (
        <p className="fr-text--sm">Vous pourrez écrire des offres quand le département aura validé la structure.</p>
      )}
      {action.error && <Notice kind="error">{action.error}</Notice>}
      {list.status === 'error' && !list.data && (
        <ErrorState title="Offres indisponibles" message={list.error.message} />
      )}
      {list.data && list.data.length === 0 && <p>Aucune offre pour l’instant.</p>}
      {list.data && list.data.length > 0 && (
        <ul className="cat-history">
          {list.data.map((o) => (
            <li key={o.id}>
              <Link className="fr-link" to={paths.boOffer(slug, o.id)}>
                {o.title}
              </Link>{' '}
              <span className="cat-chips-inline">
                <OfferStatusBadge status={o.status} />
                {o.revision && (
                  <p className="fr-badge fr-badge--sm fr-badge--info">
                    Modification {o.revision.status === 'submitted' ? 'en attente' : 'en cours'}
                  </p>
                )}
                {o.reviewComment && <p className="fr-badge fr-badge--sm fr-badge--warning">Modifications demandées</p>}
                {o.overdue && <OverdueBadge />}
              </span>
              {o.overdue && canWrite && (
                <button
                  type="button"
                  className="fr-btn fr-btn--sm fr-btn--secondary fr-icon-check-line fr-btn--icon-left fr-ml-1w"
                  disabled={action.busy}
                  onClick={() =>
                    void action.run(() => offersApi.confirm(slug, o.id)).then(() => setVersion((v) => v + 1))
                  }
                >
                  Toujours à jour
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function OrganizationSpace({ slug, id, me }: { slug: string; id: string; me: Me }) {
  const [version, setVersion] = useState(0);
  const org = useLoad(`bo-org:${id}:${version}`, (s) => orgs.get(slug, id, s));
  const labels = useLabels();
  const can = canIn(me, slug);
  // Null unless it is one of the person's structures.
  const mine = canInStructure(me, slug, id);
  if (org.status === 'error' && !org.data) {
    return (
      <Page title="Structure" crumbs={[{ label: 'Mon espace', to: paths.space() }]}>
        {org.error.notFound ? (
          <Forbidden what="Cette structure est introuvable, ou vous n’en êtes pas membre." />
        ) : (
          <ErrorState title="Structure indisponible" message={org.error.message} />
        )}
      </Page>
    );
  }
  if (!org.data) return <Page title="Structure">{<Loading label="Chargement de la structure…" />}</Page>;
  const o = org.data;
  return (
    <Page
      title={o.name}
      crumbs={[
        { label: 'Mon espace', to: paths.space() },
        ...(can.reviewStructures ? [{ label: 'Structures', to: paths.boOrganizations(slug) }] : []),
      ]}
    >
      <div className="cat-bo-header">
        <h1>{o.name}</h1>
        <OrganizationStatusBadge status={o.status} />
      </div>
      {o.status === 'pending' && !can.reviewStructures && (
        <Notice kind="info">Le département examine votre structure : vous recevrez un courriel dès sa décision.</Notice>
      )}
      {o.status === 'rejected' && (
        <Notice kind="warning" title="Structure refusée">
          <p>{o.rejectionReason ?? 'Aucune raison donnée.'}</p>
        </Notice>
      )}
      {(mine || can.reviewStructures) && (
        <IdentityChangePanel
          slug={slug}
          organization={o}
          canDecide={can.reviewStructures}
          canWithdraw={mine?.withdrawChange ?? false}
          onDone={() => setVersion((v) => v + 1)}
        />
      )}
      <div className="cat-bo-grid">
        <div>
          <section className="cat-bo-card" aria-labelledby="org-offers">
            <h2 className="fr-h4" id="org-offers">
              Offres
            </h2>
            <Offers slug={slug} organization={o} canWrite={mine !== null} canImport={mine?.importOffers ?? false} />
          </section>
          {mine?.manageRegistrations && (
            <section className="cat-bo-card" aria-labelledby="org-registrations">
              <h2 className="fr-h4" id="org-registrations">
                Inscriptions
              </h2>
              <p>Les demandes à traiter, les listes d’attente, la capacité et les feuilles de présence des sessions.</p>
              <Link className="fr-btn fr-icon-team-line fr-btn--icon-left" to={paths.inbox(slug, o.id)}>
                Voir les inscriptions
              </Link>
            </section>
          )}
          {(mine?.manageMembers || can.reviewStructures) && (
            <section className="cat-bo-card" aria-labelledby="org-members">
              <h2 className="fr-h4" id="org-members">
                Membres
              </h2>
              <Members slug={slug} id={id} />
            </section>
          )}
        </div>
        <aside className="cat-bo-aside">
          {can.reviewStructures && (
            <section className="cat-bo-card" aria-labelledby="org-decision">
              <h2 className="fr-h5" id="org-decision">
                Décision du département
              </h2>
              <OrganizationDecision slug={slug} organization={o} onDone={() => setVersion((v) => v + 1)} />
            </section>
          )}
          <section className="cat-bo-card" aria-labelledby="org-profile">
            <h2 className="fr-h5" id="org-profile">
              Fiche
            </h2>
            <dl className="cat-dl">
              <dt>SIRET</dt>
              <dd>{o.siret ?? '—'}</dd>
              <dt>Nom</dt>
              <dd>{o.name}</dd>
              <dt>Type</dt>
              <dd>{labels ? labels.organizationKind(o.kind) : o.kind}</dd>
              <dt>Adresse</dt>
              <dd>
                {o.address}
                {o.commune ? `, ${o.commune}` : ''}
              </dd>
              {o.website && (
                <>
                  <dt>Site internet</dt>
                  <dd>{o.website}</dd>
                </>
              )}
              {o.email && (
                <>
                  <dt>Courriel</dt>
                  <dd>{o.email}</dd>
                </>
              )}
              {o.phone && (
                <>
                  <dt>Téléphone</dt>
                  <dd>{o.phone}</dd>
                </>
              )}
              <dt>Prescriptrice</dt>
              <dd>{o.prescriber ? 'Oui' : 'Non'}</dd>
              <dt>Inscrite le</dt>
              <dd>{dateTimeLabel(o.createdAt)}</dd>
            </dl>
            <ul className="cat-plain-list fr-mt-2w">
              {(mine?.editStructure || can.editStructures) && o.status !== 'rejected' && (
                <li>
                  <Link
                    className="fr-btn fr-btn--sm fr-btn--secondary fr-icon-edit-line fr-btn--icon-left"
                    to={paths.editOrganization(slug, o.id)}
                  >
                    Modifier la fiche
                  </Link>
                </li>
              )}
              {o.status === 'validated' && (
                <li className="fr-mt-1w">
                  <Link className="fr-link" to={paths.organization(slug, o.id)}>
                    Voir la fiche publique
                  </Link>
                </li>
              )}
            </ul>
          </section>
        </aside>
      </div>
    </Page>
  );
}

export function OrganizationSpacePage({ slug, id }: { slug: string; id: string }) {
  return <SignedIn title="Structure">{(me) => <OrganizationSpace slug={slug} id={id} me={me} />}</SignedIn>;
}
