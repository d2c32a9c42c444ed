// « S'inscrire »: a beneficiary registers themself to an offer, to a session (chosen here when there
// are several) or to the offer itself (continuous intake); says beforehand what will happen (a seat
// at once, the wait list, the structure's review) and afterwards what did.
import type { Me, OfferDetail, RegistrationCreated } from '@catalogue/contracts';
import { LIMITS } from '@catalogue/contracts';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../app/api.js';
import { Link, useLocation } from '../app/router.js';
import { paths } from '../app/routes.js';
import { useLoad } from '../app/use-load.js';
import { ErrorState, Loading } from '../layout/Layout.js';
import { ErrorSummary, Notice, Page, TextArea, canIn, useAction } from '../backoffice/ui.js';
import { registrations } from './registration-api.js';
import { aheadLabel, createdTitle, sessionLabel, upcomingSessions } from './registration-text.js';
import { NotAllowed, PersonSignedIn, SensitiveDataWarning, SessionChoice } from './registration-ui.js';

const TITLE = 'S’inscrire';

/** What will happen when the person confirms, in one sentence or two. */
function WhatHappens({ offer, sessionId }: { offer: OfferDetail; sessionId: string }) {
  const session = offer.sessions.find((s) => s.id === sessionId);
  const full = session ? session.placesLeft <= 0 : false;
  if (offer.seatAllocation === 'review')
    return (
      <p>
        La structure étudie chaque demande : elle confirmera votre inscription et vous recevrez sa réponse par courriel.
        {full &&
          ' La session est complète pour l’instant : si elle vous accepte, vous serez placé sur la liste d’attente.'}
      </p>
    );
  if (full && session)
    return (
      <p>
        Cette session est complète : vous serez inscrit sur la liste d’attente ({aheadLabel(session.waitlist)}). Dès
        qu’une place se libère, elle est donnée à la première personne de la liste et vous êtes prévenu par courriel.
      </p>
    );
  return <p>Votre place est réservée dès que vous confirmez ; vous recevrez un courriel de confirmation.</p>;
}

function Result({ slug, offer, created }: { slug: string; offer: OfferDetail; created: RegistrationCreated }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const kind = created.status === 'accepted' ? 'success' : 'info';
  const next =
    created.status === 'accepted'
      ? 'Un courriel de confirmation vous est envoyé, avec la session à ajouter à votre agenda.'
      : created.status === 'waitlisted'
        ? 'Si une place se libère, elle est donnée dans l’ordre de la liste : vous serez prévenu par courriel.'
        : created.status === 'pending'
          ? 'La structure étudie votre demande : vous recevrez sa réponse par courriel.'
          : '';
  return (
    <div className="cat-reg-result">
      <div ref={ref} tabIndex={-1} className={`fr-alert fr-alert--${kind} fr-mb-3w`} role="status">
        <h2 className="fr-alert__title">{createdTitle(created.status, created.waitlistPosition)}</h2>
        <p>« {offer.title} »</p>
        {next && <p>{next}</p>}
      </div>
      {created.warnings.includes('already_registered_to_offer') && (
        <Notice kind="warning">
          <p>
            Vous aviez déjà une inscription en cours à cette action. Vérifiez dans « Mes inscriptions » que vous
            souhaitez bien garder les deux, et annulez celle qui ne vous sert plus.
          </p>
        </Notice>
      )}
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li>
          <Link className="fr-btn" to={paths.myRegistrations(slug)}>
            Mes inscriptions
          </Link>
        </li>
        <li>
          <Link className="fr-btn fr-btn--secondary" to={paths.registration(slug, created.id)}>
            Voir mon inscription
          </Link>
        </li>
      </ul>
      <p>
        <Link className="fr-link fr-icon-arrow-left-line fr-link--icon-left" to={paths.offer(slug, offer.id)}>
          Retour à l’offre
        </Link>
      </p>
    </div>
  );
}

function SelfRegisterForm({ slug, offer, me, wanted }: { slug: string; offer: OfferDetail; me: Me; wanted: string }) {
  const upcoming = upcomingSessions(offer.sessions);
  const [sessionId, setSessionId] = useState(
    upcoming.some((s) => s.id === wanted) ? wanted : upcoming.length === 1 ? upcoming[0]!.id : '',
  );
  const [message, setMessage] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<RegistrationCreated | null>(null);
  const action = useAction();
  const err = action.lastError;
  const existing = err?.status === 409 ? (err.body?.existing as { id: string } | undefined) : undefined;

  useEffect(() => {
    if (err?.status !== 400) return;
    if (err.parameter === 'sessionId') setErrors({ sessionId: 'Choisissez une session à venir.' });
    else if (err.parameter === 'message')
      setErrors({ message: `Le message dépasse ${LIMITS.registration.message} caractères.` });
  }, [err]);

  if (created) return <Result slug={slug} offer={offer} created={created} />;
  if (offer.sessions.length > 0 && upcoming.length === 0)
    return (
      <Notice kind="info" title="Pas de session à venir">
        <p>
          Toutes les sessions de cette action ont commencé. Contactez la structure pour connaître les prochaines dates.
        </p>
      </Notice>
    );

  const chosen = upcoming.find((s) => s.id === sessionId);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (upcoming.length > 0 && !chosen) problems.sessionId = 'Choisissez une session.';
    if (message.length > LIMITS.registration.message)
      problems.message = `Le message dépasse ${LIMITS.registration.message} caractères.`;
    setErrors(problems);
    if (Object.keys(problems).length) return;
    void action
      .run(() =>
        registrations.create(slug, offer.id, {
          ...(chosen ? { sessionId: chosen.id } : {}),
          message: message.trim() || null,
        }),
      )
      .then((r) => r && setCreated(r));
  };
  const label =
    offer.seatAllocation === 'review'
      ? 'Envoyer ma demande'
      : chosen && chosen.placesLeft <= 0
        ? 'Rejoindre la liste d’attente'
        : 'Confirmer mon inscription';
  const fieldError = err?.status === 400 && (err.parameter === 'sessionId' || err.parameter === 'message');
  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} fieldId={(k) => (k === 'sessionId' ? 'sessionId' : 'reg-message')} />
      {existing ? (
        <Notice kind="warning" title="Vous êtes déjà inscrit à cette session">
          <p>
            <Link className="fr-link" to={paths.registration(slug, existing.id)}>
              Voir votre inscription
            </Link>
          </p>
        </Notice>
      ) : (
        action.error && !fieldError && <Notice kind="error">{action.error}</Notice>
      )}
      {upcoming.length > 1 ? (
        <SessionChoice sessions={upcoming} value={sessionId} onChange={setSessionId} error={errors.sessionId} self />
      ) : chosen ? (
        <p>
          Session : <strong>{sessionLabel(chosen.startsAt, chosen.endsAt)}</strong>
        </p>
      ) : (
        <p>Entrées tout au long de l’année : pas de session à choisir.</p>
      )}
      <WhatHappens offer={offer} sessionId={sessionId} />
      <p className="fr-text--sm">
        Vous vous inscrivez avec votre compte : {me.name ? `${me.name}, ` : ''}
        {me.email}. La structure verra votre nom et votre adresse électronique pour vous contacter. Vous pourrez annuler
        depuis « Mes inscriptions »
        {offer.sessions.length > 0 ? ` jusqu’à ${offer.cancellationCutoffHours} h avant la session` : ''}.
      </p>
      <SensitiveDataWarning />
      <TextArea
        id="reg-message"
        label="Message à la structure (facultatif)"
        hint="Une question, une contrainte d’horaire… La structure le lira avec votre demande."
        value={message}
        onChange={setMessage}
        rows={3}
        maxLength={LIMITS.registration.message}
        error={errors.message}
      />
      <div className="cat-actions">
        <button type="submit" className="fr-btn" disabled={action.busy}>
          {label}
        </button>
        <Link className="fr-btn fr-btn--tertiary" to={paths.offer(slug, offer.id)}>
          Annuler
        </Link>
      </div>
    </form>
  );
}

function SelfRegister({ slug, offerId, me }: { slug: string; offerId: string; me: Me }) {
  const { search } = useLocation();
  const wanted = new URLSearchParams(search).get('session') ?? '';
  const offer = useLoad(`offer:${slug}:${offerId}`, (s) => api.offer(slug, offerId, s));
  const o = offer.data;
  const crumbs = [
    { label: 'Offres', to: paths.search(slug) },
    ...(o ? [{ label: o.title, to: paths.offer(slug, o.id) }] : []),
  ];
  const can = canIn(me, slug);
  if (o && !can.registerSelf)
    return (
      <NotAllowed title={TITLE} crumbs={crumbs}>
        <p>
          Votre compte ne permet pas de vous inscrire vous-même dans ce département : les inscriptions en ligne se font
          avec un compte personnel.
        </p>
        {can.prescribe && (
          <p>
            <Link className="fr-link" to={paths.prescribe(slug, o.id, wanted || undefined)}>
              Inscrire une personne à cette action
            </Link>
          </p>
        )}
      </NotAllowed>
    );
  return (
    <Page title={TITLE} crumbs={crumbs} narrow>
      <h1>{TITLE}</h1>
      {offer.status === 'error' && !o && (
        <ErrorState
          title={offer.error.notFound ? 'Offre introuvable' : 'L’offre n’a pas pu être chargée'}
          message={offer.error.notFound ? 'Cette offre a peut-être été retirée du catalogue.' : offer.error.message}
        />
      )}
      {!o && offer.status === 'loading' && <Loading label="Chargement de l’offre…" />}
      {o && (
        <>
          <p className="fr-text--lead fr-mb-1w">{o.title}</p>
          <p className="cat-muted">{o.organization.name}</p>
          {o.access === 'prescription' ? (
            <Notice kind="info" title="Demander une orientation à un référent">
              <p>
                Cette action est accessible sur prescription : c’est un professionnel qui vous y inscrit, avec votre
                accord. Parlez-en à votre conseiller France Travail, à la mission locale si vous avez moins de 26 ans, à
                votre référent RSA ou à un travailleur social des services du département.
              </p>
            </Notice>
          ) : (
            <SelfRegisterForm slug={slug} offer={o} me={me} wanted={wanted} />
          )}
        </>
      )}
    </Page>
  );
}

export function SelfRegisterPage({ slug, offerId }: { slug: string; offerId: string }) {
  return (
    <PersonSignedIn slug={slug} title={TITLE}>
      {(me) => <SelfRegister slug={slug} offerId={offerId} me={me} />}
    </PersonSignedIn>
  );
}
