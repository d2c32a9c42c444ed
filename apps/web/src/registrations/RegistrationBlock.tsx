// The offer page's registration block: a button that says what will happen, for whoever reads the
// offer (a beneficiary, a referent, a visitor), from the offer's access mode and the reader's
// capabilities in GET /me. Near the top of the page, so that on a phone the next session and the
// contact come first. Part of the public offer page: it imports nothing of the back office.
import type { Me, OfferDetail, OfferSession, TenantCapabilities } from '@catalogue/contracts';
import { Link } from '../app/router.js';
import { paths } from '../app/routes.js';
import { useSession } from '../app/session.js';
import { phoneHref, placesLeftLabel } from '../lib/format.js';
import { joinLabel, registrationOptions, sessionLabel, upcomingSessions } from './registration-text.js';
import './registration-block.css';

/** Sessions listed in the block; the others are chosen on the registration page. */
const SHOWN = 3;

const capabilitiesIn = (me: Me, slug: string): TenantCapabilities =>
  me.capabilities.tenants.find((t) => t.tenant === slug)?.capabilities ?? me.capabilities.otherTenants;

function Places({ s }: { s: OfferSession }) {
  return (
    <p
      className={`fr-badge fr-badge--sm fr-badge--no-icon ${s.placesLeft > 0 ? 'fr-badge--success' : 'fr-badge--error'}`}
    >
      {placesLeftLabel(s.placesLeft, s.capacity, s.waitlist)}
    </p>
  );
}

/** Who to ask for an orientation, in plain words. */
function Orientation() {
  return (
    <div className="fr-callout fr-callout--brown-caramel cat-reg-block__callout">
      <h3 className="fr-callout__title fr-h6">Demander une orientation à un référent</h3>
      <p className="fr-callout__text fr-text--md">
        On ne s’inscrit pas seul à cette action : c’est un professionnel qui vous y inscrit, avec votre accord.
        Parlez-en à la personne qui vous accompagne : votre conseiller France Travail, la mission locale si vous avez
        moins de 26 ans, votre référent RSA ou un travailleur social des services du département (centre médico-social,
        CCAS de votre commune). Montrez-lui cette page : il pourra vous inscrire directement.
      </p>
    </div>
  );
}

function Contact({ offer }: { offer: OfferDetail }) {
  const { email, phone } = offer.contact;
  if (!email && !phone) return null;
  return (
    <div className="cat-reg-block__contact">
      <h3 className="fr-h6 fr-mb-1w">Une question ? {offer.contact.name ?? offer.organization.name}</h3>
      <ul className="cat-reg-block__contact-list">
        {phone && (
          <li>
            <a className="fr-link fr-icon-phone-line fr-link--icon-left" href={phoneHref(phone)}>
              {phone}
            </a>
          </li>
        )}
        {email && (
          <li>
            <a className="fr-link fr-icon-mail-line fr-link--icon-left" href={`mailto:${email}`}>
              {email}
            </a>
          </li>
        )}
      </ul>
    </div>
  );
}

export function RegistrationBlock({ slug, offer }: { slug: string; offer: OfferDetail }) {
  const session = useSession({ probe: false });
  // While the session is asked (a browser that signed in lately), the visitor's block holds the
  // place: the same buttons per session, so the page does not jump when the answer comes.
  const can = session.status === 'signed-in' ? capabilitiesIn(session.me, slug) : null;
  const options = registrationOptions(offer.access, can);
  const upcoming = upcomingSessions(offer.sessions);
  const hasSessions = offer.sessions.length > 0;
  const review = offer.seatAllocation === 'review';

  // Where each button leads: the self-registration page (after signing in or creating an account
  // for a visitor), else the referent's page.
  const selfPath = (sessionId?: string): string => paths.selfRegister(slug, offer.id, sessionId);
  const primary: { href: (sessionId?: string) => string; label: (s?: OfferSession) => string } | null =
    options.self === 'register'
      ? { href: selfPath, label: (s) => (s ? joinLabel(s) : 'S’inscrire') }
      : options.self === 'sign-in'
        ? {
            href: (id) => paths.beneficiaryRegister(slug, selfPath(id)),
            label: (s) => (s ? joinLabel(s) : 'S’inscrire'),
          }
        : options.prescribe
          ? { href: (id) => paths.prescribe(slug, offer.id, id), label: () => 'Inscrire une personne' }
          : null;
  const title = options.orientation ? 'Comment s’inscrire ?' : primary ? 'Inscription' : 'Sessions';

  return (
    <section className="cat-reg-block fr-mb-3w" aria-labelledby="inscription">
      <h2 className="fr-h5 fr-mb-2w" id="inscription">
        {title}
      </h2>
      {hasSessions && upcoming.length === 0 && (
        <p>Aucune session à venir pour le moment : contactez la structure pour connaître les prochaines dates.</p>
      )}
      {upcoming.length > 0 && (
        <ul className="cat-reg-block__sessions">
          {upcoming.slice(0, SHOWN).map((s, i) => (
            <li key={s.id}>
              <p className="fr-mb-1v">
                {i === 0 && <span className="cat-reg-block__next">Prochaine session : </span>}
                <strong>{sessionLabel(s.startsAt, s.endsAt)}</strong>
              </p>
              <Places s={s} />
              {primary && (
                <Link
                  className={`fr-btn fr-btn--sm ${s.placesLeft > 0 ? '' : 'fr-btn--secondary'}`}
                  to={primary.href(s.id)}
                >
                  {primary.label(s)}
                  <span className="fr-sr-only"> — session {sessionLabel(s.startsAt, s.endsAt)}</span>
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}
      {upcoming.length > SHOWN && primary && (
        <p>
          <Link className="fr-link" to={primary.href()}>
            Voir les {upcoming.length - SHOWN} autres sessions
          </Link>
        </p>
      )}
      {!hasSessions && primary && (
        <>
          <p className="fr-mb-2w">Entrées tout au long de l’année : pas de session à choisir.</p>
          <Link className="fr-btn" to={primary.href()}>
            {primary.label()}
          </Link>
        </>
      )}
      {options.self && review && (
        <p className="fr-text--sm fr-mt-2w fr-mb-0">
          La structure étudie chaque demande et confirme l’inscription : vous recevrez sa réponse par courriel.
        </p>
      )}
      {options.self === 'sign-in' && (
        <p className="fr-text--sm fr-mt-2w fr-mb-0">
          Pour vous inscrire, créez votre compte personnel (gratuit) ou{' '}
          <Link className="fr-link fr-text--sm" to={paths.login(selfPath())}>
            connectez-vous
          </Link>
          . Vous suivrez ensuite vos inscriptions dans votre espace.
        </p>
      )}
      {options.self && options.prescribe && (
        <p className="fr-mt-2w fr-mb-0">
          <Link className="fr-btn fr-btn--secondary fr-btn--sm" to={paths.prescribe(slug, offer.id)}>
            Inscrire une personne
          </Link>
        </p>
      )}
      {options.orientation && <Orientation />}
      <Contact offer={offer} />
    </section>
  );
}
