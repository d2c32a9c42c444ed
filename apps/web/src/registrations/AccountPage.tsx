// « Mon compte »: the person's own data. A copy of everything stored about them (a JSON file),
// and the deletion of the account, confirmed in the page, which says what is kept: the
// registrations, anonymised, for the départements' statistics.
import { type Me } from '@catalogue/contracts';
import { useRef, useState } from 'react';
import { Link } from '../app/router.js';
import { paths } from '../app/routes.js';
import { setSession } from '../app/session.js';
import { myData } from '../backoffice/bo-api.js';
import { ROLE_LABELS } from '../backoffice/people.js';
import { Notice, Page, SignedIn, useAction } from '../backoffice/ui.js';

const TITLE = 'Mon compte';

function Deletion({ me, onDeleted }: { me: Me; onDeleted: () => void }) {
  const [asked, setAsked] = useState(false);
  const action = useAction();
  const opener = useRef<HTMLButtonElement>(null);
  const confirmTitle = useRef<HTMLHeadingElement>(null);
  const registering = me.capabilities.tenants.filter((t) => t.capabilities.registerSelf);

  if (!me.capabilities.account.deleteAccount)
    return (
      <Notice kind="info" title="Suppression impossible pour l’instant">
        <p>
          Votre compte a un rôle professionnel (structure, agent ou administrateur d’un département) : demandez d’abord
          le retrait de ce rôle à un administrateur de la structure ou du département, puis revenez ici.
        </p>
      </Notice>
    );

  const remove = (): void => {
    void action
      .run(() => myData.deleteAccount().then(() => true))
      .then((ok) => {
        if (ok) {
          setSession(null);
          onDeleted();
        }
      });
  };

  return asked ? (
    <div className="cat-subform" role="group" aria-labelledby="confirmer-suppression">
      <h3 className="fr-h6" id="confirmer-suppression" tabIndex={-1} ref={confirmTitle}>
        Supprimer définitivement votre compte ?
      </h3>
      <ul>
        <li>Votre compte est supprimé et vous êtes déconnecté sur tous vos appareils.</li>
        <li>
          Vos inscriptions sont gardées, anonymisées (sans votre nom ni vos coordonnées), pour les statistiques des
          départements : la situation, la tranche d’âge et le sexe restent comptés.
        </li>
        <li>
          Vos inscriptions en cours ne sont pas annulées : si vous ne pouvez pas venir, annulez-les d’abord
          {registering.length > 0 ? (
            <>
              {' '}
              dans{' '}
              {registering.map((t, i) => (
                <span key={t.tenant}>
                  {i > 0 ? ', ' : ''}
                  <Link className="fr-link" to={paths.myRegistrations(t.tenant)}>
                    Mes inscriptions ({t.tenantName})
                  </Link>
                </span>
              ))}
            </>
          ) : null}
          .
        </li>
        <li>Cette action est définitive : téléchargez d’abord vos données si vous voulez en garder une copie.</li>
      </ul>
      {action.error && <Notice kind="error">{action.error}</Notice>}
      <div className="cat-actions">
        <button type="button" className="fr-btn" onClick={remove} disabled={action.busy}>
          Oui, supprimer mon compte
        </button>
        <button
          type="button"
          className="fr-btn fr-btn--tertiary"
          onClick={() => {
            setAsked(false);
            setTimeout(() => opener.current?.focus());
          }}
        >
          Annuler
        </button>
      </div>
    </div>
  ) : (
    <button
      type="button"
      ref={opener}
      className="fr-btn fr-btn--secondary fr-icon-delete-line fr-btn--icon-left"
      onClick={() => {
        setAsked(true);
        setTimeout(() => confirmTitle.current?.focus());
      }}
    >
      Supprimer mon compte
    </button>
  );
}

export function AccountPage() {
  const [deleted, setDeleted] = useState(false);
  if (deleted)
    return (
      <Page title="Compte supprimé" narrow>
        <h1>Compte supprimé</h1>
        <Notice kind="success" title="Votre compte a été supprimé">
          <p>Vos inscriptions sont gardées, anonymisées, pour les statistiques. Vous êtes déconnecté.</p>
        </Notice>
        <Link className="fr-btn" to={paths.home()}>
          Retour à l’accueil
        </Link>
      </Page>
    );
  return (
    <SignedIn title={TITLE} signedOutText="Connectez-vous pour voir votre compte.">
      {(me) => (
        <Page title={TITLE} crumbs={[{ label: 'Mon espace', to: paths.space() }]} narrow>
          <h1>{TITLE}</h1>
          <section className="cat-bo-card" aria-labelledby="mon-compte-identite">
            <h2 className="fr-h5" id="mon-compte-identite">
              Votre compte
            </h2>
            <dl className="cat-facts">
              <dt>Nom</dt>
              <dd>{me.name || '—'}</dd>
              <dt>Adresse électronique</dt>
              <dd>{me.email}</dd>
              {me.memberships.length > 0 && (
                <>
                  <dt>Rôles</dt>
                  <dd>
                    <ul className="fr-mb-0">
                      {me.memberships.map((m) => (
                        <li key={`${m.tenant}-${m.role}-${m.organizationId ?? ''}`}>
                          {ROLE_LABELS[m.role] ?? m.role}
                          {m.organizationName ? ` — ${m.organizationName}` : ''} ({m.tenantName})
                          {m.status === 'pending' ? ' : demande en attente' : ''}
                        </li>
                      ))}
                    </ul>
                  </dd>
                </>
              )}
            </dl>
          </section>
          <section className="cat-bo-card" aria-labelledby="mes-donnees">
            <h2 className="fr-h5" id="mes-donnees">
              Mes données
            </h2>
            <p className="fr-text--sm">
              Une copie de tout ce que la plateforme enregistre sur vous : votre compte et chacune de vos inscriptions,
              dans tous les départements, avec leur historique (fichier JSON, lisible par un autre logiciel).
            </p>
            <a
              className="fr-btn fr-btn--secondary fr-icon-download-line fr-btn--icon-left"
              href={myData.exportUrl}
              download
            >
              Télécharger mes données (JSON)
            </a>
          </section>
          <section className="cat-bo-card" aria-labelledby="supprimer-compte">
            <h2 className="fr-h5" id="supprimer-compte">
              Supprimer mon compte
            </h2>
            <p className="fr-text--sm">
              Vos inscriptions sont alors gardées, anonymisées, pour les statistiques des départements.
            </p>
            <Deletion me={me} onDeleted={() => setDeleted(true)} />
          </section>
          <p>
            <Link className="fr-link" to={paths.info('donnees-personnelles', me.memberships[0]?.tenant ?? null)}>
              Vos données personnelles : ce qui est enregistré, qui le voit, combien de temps
            </Link>
          </p>
        </Page>
      )}
    </SignedIn>
  );
}
