// Building blocks of the registration pages (a person's, a referent's): the sign-in gate that also
// speaks to beneficiaries, the state badge, the session line, the warning against sensitive data,
// cancelling with its confirmation, and a pager.
import { LIMITS, type Me, type OfferSession, type RegistrationItem } from '@catalogue/contracts';
import { useState, type ReactNode } from 'react';
import { Link, useLocation } from '../app/router.js';
import { paths } from '../app/routes.js';
import { useSession } from '../app/session.js';
import { Layout, Loading } from '../layout/Layout.js';
import { Notice, Page, TextArea, useAction, type Crumb } from '../backoffice/ui.js';
import { registrations } from './registration-api.js';
import { placesLeftLabel } from '../lib/format.js';
import { aheadLabel, sessionLabel, statusBadge } from './registration-text.js';
import './registrations.css';

/**
 * Renders its children for a signed-in person; otherwise invites to sign in, or to create a
 * personal account in this département, and to come back here.
 */
export function PersonSignedIn({
  slug,
  title,
  children,
}: {
  slug: string;
  title: string;
  children: (me: Me) => ReactNode;
}) {
  const session = useSession();
  const { pathname, search } = useLocation();
  if (session.status === 'loading') {
    return (
      <Layout>
        <div className="fr-container fr-my-5w">
          <Loading label="Chargement…" />
        </div>
      </Layout>
    );
  }
  if (session.status === 'signed-out') {
    const here = pathname + search;
    return (
      <Page title={title} narrow>
        <h1>{title}</h1>
        <p>Connectez-vous pour continuer. Vous reviendrez ensuite sur cette page.</p>
        <ul className="fr-btns-group fr-btns-group--inline-sm">
          <li>
            <Link className="fr-btn" to={paths.login(here)}>
              Se connecter
            </Link>
          </li>
          <li>
            <Link className="fr-btn fr-btn--secondary" to={paths.beneficiaryRegister(slug, here)}>
              Créer mon compte personnel
            </Link>
          </li>
        </ul>
      </Page>
    );
  }
  return <>{children(session.me)}</>;
}

/** The page of a person without the right (a capability the policy did not give). */
export function NotAllowed({ title, crumbs, children }: { title: string; crumbs?: Crumb[]; children: ReactNode }) {
  return (
    <Page title={title} crumbs={crumbs ?? [{ label: 'Mon espace', to: paths.space() }]}>
      <h1>{title}</h1>
      <div className="fr-alert fr-alert--warning fr-my-3w">
        <h2 className="fr-alert__title">Accès réservé</h2>
        {children}
      </div>
    </Page>
  );
}

export function RegistrationBadge({ r }: { r: Pick<RegistrationItem, 'status' | 'excused' | 'waitlistPosition'> }) {
  const b = statusBadge(r);
  return <p className={`fr-badge fr-badge--sm fr-badge--no-icon ${b.kind}`}>{b.label}</p>;
}

/** When: the session with its times, or the offer itself for a continuous intake. */
export function sessionText(r: Pick<RegistrationItem, 'session'>): string {
  return r.session ? sessionLabel(r.session.startsAt, r.session.endsAt) : 'Entrées en continu (sans session datée)';
}

/** Above a message to a structure: what must never be written there. */
export function SensitiveDataWarning() {
  return (
    <div className="fr-alert fr-alert--warning fr-alert--sm fr-mb-2w">
      <p>
        N’écrivez aucune donnée sensible : rien sur la santé ou le handicap, la situation judiciaire, ni numéro de
        sécurité sociale ou numéro d’allocataire CAF.
      </p>
    </div>
  );
}

/**
 * « Annuler » with a confirmation that says what will happen: the seat goes to the next one
 * waiting, or, past the offer's cut-off, the cancellation is recorded as an excused absence. The
 * structure cancels with a reason (the API requires it), sent to the person and their referent.
 */
export function CancelRegistration({
  slug,
  r,
  by,
  onDone,
}: {
  slug: string;
  r: RegistrationItem;
  /** Who cancels: the person themself, their referent, or the structure. */
  by: 'person' | 'referent' | 'structure';
  onDone: (updated: RegistrationItem) => void;
}) {
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const action = useAction();
  if (!r.can.cancel) return null;
  const what = by === 'person' ? 'mon inscription' : 'l’inscription';
  const confirm = (): void => {
    if (by === 'structure' && !reason.trim()) {
      setReasonError('Indiquez la raison de l’annulation : elle est envoyée à la personne et à son référent.');
      return;
    }
    setReasonError(undefined);
    void action
      .run(() => registrations.cancel(slug, r.id, reason.trim() || undefined))
      .then((updated) => {
        if (updated) {
          setAsking(false);
          onDone(updated);
        }
      });
  };
  if (!asking)
    return (
      <button
        type="button"
        className="fr-btn fr-btn--sm fr-btn--tertiary fr-icon-close-line fr-btn--icon-left"
        onClick={() => setAsking(true)}
      >
        Annuler {what}
        <span className="fr-sr-only"> à « {r.offer.title} »</span>
      </button>
    );
  const hours = r.offer.cancellationCutoffHours;
  const freed =
    r.status === 'accepted' ? 'La place sera libérée et proposée à la première personne de la liste d’attente. ' : '';
  return (
    <div className="cat-subform cat-reg-confirm" role="group" aria-labelledby={`cancel-${r.id}`}>
      <p className="fr-text--bold fr-mb-1w" id={`cancel-${r.id}`}>
        Annuler {what} à « {r.offer.title} » ?
      </p>
      {by === 'structure' ? (
        <>
          <p className="fr-mb-1w">{freed}La personne et son référent en seront prévenus, avec votre raison.</p>
          <TextArea
            id={`cancel-reason-${r.id}`}
            label="Raison de l’annulation"
            hint="Aucune donnée sensible."
            value={reason}
            onChange={setReason}
            rows={2}
            maxLength={LIMITS.registration.reason}
            error={reasonError}
            required
          />
        </>
      ) : r.lateCancellation ? (
        <p className="fr-mb-1w">
          La session commence dans moins de {hours} h : l’annulation sera enregistrée comme une{' '}
          <strong>absence excusée</strong>. La structure en sera prévenue.
        </p>
      ) : (
        <p className="fr-mb-1w">{freed}La structure en sera prévenue.</p>
      )}
      {action.error && <Notice kind="error">{action.error}</Notice>}
      <div className="cat-actions fr-mb-0">
        <button type="button" className="fr-btn fr-btn--sm" disabled={action.busy} onClick={confirm}>
          Confirmer l’annulation
        </button>
        <button type="button" className="fr-btn fr-btn--sm fr-btn--secondary" onClick={() => setAsking(false)}>
          {by === 'person' ? 'Garder mon inscription' : 'Ne pas annuler'}
        </button>
      </div>
    </div>
  );
}

/** Previous / next page of a list (the count is said by the list). */
export function Pager({
  page,
  pageSize,
  total,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav className="cat-actions" aria-label="Pages de la liste">
      <button
        type="button"
        className="fr-btn fr-btn--sm fr-btn--secondary fr-icon-arrow-left-s-line fr-btn--icon-left"
        disabled={page <= 1}
        onClick={() => onPage(page - 1)}
      >
        Page précédente
      </button>
      <p className="fr-mb-0 cat-pager-status">
        Page {page} sur {pages}
      </p>
      <button
        type="button"
        className="fr-btn fr-btn--sm fr-btn--secondary fr-icon-arrow-right-s-line fr-btn--icon-right"
        disabled={page >= pages}
        onClick={() => onPage(page + 1)}
      >
        Page suivante
      </button>
    </nav>
  );
}

/**
 * The sessions to choose from, each with its date, times and places (a full one says the wait
 * list); `self`: the reader registers themself (« personnes avant vous »).
 */
export function SessionChoice({
  sessions,
  value,
  onChange,
  error,
  self,
}: {
  sessions: OfferSession[];
  value: string;
  onChange: (id: string) => void;
  error?: string | undefined;
  self: boolean;
}) {
  return (
    <fieldset
      className={`fr-fieldset cat-session-choice${error ? ' fr-fieldset--error' : ''}`}
      id="sessionId"
      role="radiogroup"
      aria-labelledby={`sessionId-legend${error ? ' sessionId-error' : ''}`}
    >
      <legend className="fr-fieldset__legend" id="sessionId-legend">
        Choisissez la session *
      </legend>
      {sessions.map((s) => (
        <div key={s.id} className="fr-fieldset__element">
          <div className="fr-radio-group">
            <input
              type="radio"
              id={`session-${s.id}`}
              name="sessionId"
              value={s.id}
              checked={value === s.id}
              onChange={() => onChange(s.id)}
            />
            <label className="fr-label" htmlFor={`session-${s.id}`}>
              {sessionLabel(s.startsAt, s.endsAt)}
              <span className="fr-hint-text">
                {s.placesLeft > 0
                  ? placesLeftLabel(s.placesLeft, s.capacity)
                  : `Complet — liste d’attente (${self ? aheadLabel(s.waitlist) : s.waitlist > 0 ? `${s.waitlist} en attente` : 'personne en attente'})`}
              </span>
            </label>
          </div>
        </div>
      ))}
      {error && (
        <div className="fr-messages-group" id="sessionId-error" aria-live="polite">
          <p className="fr-message fr-message--error">{error}</p>
        </div>
      )}
    </fieldset>
  );
}
