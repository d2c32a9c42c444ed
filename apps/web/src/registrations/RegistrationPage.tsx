// One registration: its state, session, the person (as far as the reader may see them), the
// consent record, the message, its history (who, when, what), and the actions the API allows the
// reader now (`can`): cancel for the person or the referent; accept, wait-list, refuse with a
// reason, attendance and outcome for the structure. Opening it is written to the audit log by the API.
import type {
  AttendanceValue,
  Me,
  RefusalReason,
  RegistrationDetail,
  RegistrationHistoryEntry,
  RegistrationItem,
  RegistrationOutcome,
} from '@catalogue/contracts';
import { ATTENDANCE_VALUES, LIMITS, REFUSAL_REASONS, REGISTRATION_OUTCOMES } from '@catalogue/contracts';
import { useState, type FormEvent } from 'react';
import { Link } from '../app/router.js';
import { paths } from '../app/routes.js';
import { useLoad } from '../app/use-load.js';
import { ErrorState, Loading } from '../layout/Layout.js';
import { ChoiceGroup, Notice, Page, SelectField, TextArea, canIn, useAction, type Crumb } from '../backoffice/ui.js';
import { registrations } from './registration-api.js';
import {
  ACTOR_LABELS,
  AGE_BAND_LABELS,
  CONSENT_LABELS,
  OUTCOME_LABELS,
  REFUSAL_LABELS,
  SEX_LABELS,
  SITUATION_LABELS,
  STATUS,
  cancelledByLabel,
  momentLabel,
} from './registration-text.js';
import { CancelRegistration, PersonSignedIn, RegistrationBadge, sessionText } from './registration-ui.js';

const ATTENDANCE_LABELS: Record<AttendanceValue, string> = {
  present: 'Présent',
  absent: 'Absent',
  excused: 'Absence excusée',
};

/** What a history entry did, in words (the state it led to when the event is not one we name). */
const EVENT_LABELS: Record<string, string> = {
  requested: 'Demande d’inscription',
  accepted: 'Inscription confirmée',
  waitlisted: 'Placée sur liste d’attente',
  promoted: 'Une place s’est libérée : inscription confirmée',
  refused: 'Refusée',
  cancelled: 'Annulée',
  cancelled_late: 'Annulée après la date limite : absence excusée',
  expired: 'Expirée',
  attendance_recorded: 'Présence enregistrée',
  closed: 'Fin du parcours enregistrée',
};

function eventLabel(h: RegistrationHistoryEntry): string {
  return EVENT_LABELS[h.event] ?? STATUS[h.to]?.label ?? h.event;
}

function History({ entries }: { entries: RegistrationHistoryEntry[] }) {
  if (entries.length === 0) return <p>Pas encore d’historique.</p>;
  return (
    <ol className="cat-history">
      {entries.map((h, i) => (
        <li key={`${h.at}-${i}`}>
          <p className="fr-mb-1v">
            <strong>{eventLabel(h)}</strong>
            {h.from && h.from !== h.to && (
              <span className="fr-text--sm cat-muted">
                {' '}
                ({STATUS[h.from]?.label ?? h.from} → {STATUS[h.to]?.label ?? h.to})
              </span>
            )}
          </p>
          <p className="fr-text--sm fr-mb-0 cat-muted">
            {momentLabel(h.at)}, {h.actor ? `par ${h.actor.name}` : ACTOR_LABELS[h.actorKind]}
            {h.actor && h.actorKind !== 'system' ? ` (${ACTOR_LABELS[h.actorKind]})` : ''}
          </p>
          {h.detail && <p className="cat-history__comment fr-text--sm">{h.detail}</p>}
        </li>
      ))}
    </ol>
  );
}

function Refuse({ slug, r, onDone }: { slug: string; r: RegistrationItem; onDone: (r: RegistrationItem) => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<RefusalReason | ''>('');
  const [message, setMessage] = useState('');
  const [errors, setErrors] = useState<{ reason?: string; message?: string }>({});
  const action = useAction();
  if (!open)
    return (
      <button
        type="button"
        className="fr-btn fr-btn--sm fr-btn--secondary fr-icon-close-line fr-btn--icon-left"
        onClick={() => setOpen(true)}
      >
        Refuser
      </button>
    );
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const problems: typeof errors = {};
    if (!reason) problems.reason = 'Choisissez le motif du refus.';
    if (reason === 'other' && !message.trim()) problems.message = 'Expliquez le motif : il est envoyé à la personne.';
    setErrors(problems);
    if (problems.reason || problems.message || !reason) return;
    void action
      .run(() => registrations.refuse(slug, r.id, reason, message.trim() || undefined))
      .then((u) => u && onDone(u));
  };
  return (
    <form onSubmit={submit} noValidate className="cat-subform cat-reg-confirm">
      {action.error && <Notice kind="error">{action.error}</Notice>}
      <SelectField
        id="refuse-reason"
        label="Motif du refus"
        value={reason}
        onChange={(v) => setReason(v as RefusalReason)}
        options={REFUSAL_REASONS.map((code) => ({ code, label: REFUSAL_LABELS[code] }))}
        placeholder="Choisir"
        error={errors.reason}
        required
      />
      <TextArea
        id="refuse-message"
        label={reason === 'other' ? 'Explication' : 'Explication (facultative)'}
        hint="Envoyée à la personne et à son référent. Aucune donnée sensible."
        value={message}
        onChange={setMessage}
        rows={3}
        maxLength={LIMITS.registration.reason}
        error={errors.message}
        required={reason === 'other'}
      />
      <div className="cat-actions fr-mb-0">
        <button type="submit" className="fr-btn fr-btn--sm" disabled={action.busy}>
          Confirmer le refus
        </button>
        <button type="button" className="fr-btn fr-btn--sm fr-btn--tertiary" onClick={() => setOpen(false)}>
          Annuler
        </button>
      </div>
    </form>
  );
}

function Attendance({ slug, r, onDone }: { slug: string; r: RegistrationItem; onDone: (r: RegistrationItem) => void }) {
  const [value, setValue] = useState<AttendanceValue | ''>('');
  const action = useAction();
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!value) return;
    void action.run(() => registrations.attendance(slug, r.id, value, r.session?.id)).then((u) => u && onDone(u));
  };
  return (
    <form onSubmit={submit} noValidate className="cat-subform">
      {action.error && <Notice kind="error">{action.error}</Notice>}
      <ChoiceGroup
        id="attendance"
        legend="Présence à la session"
        type="radio"
        inline
        options={ATTENDANCE_VALUES.map((code) => ({ code, label: ATTENDANCE_LABELS[code] }))}
        value={value ? [value] : []}
        onChange={(v) => setValue((v[0] ?? '') as AttendanceValue)}
      />
      <button type="submit" className="fr-btn fr-btn--sm" disabled={action.busy || !value}>
        Enregistrer la présence
      </button>
    </form>
  );
}

function Outcome({ slug, r, onDone }: { slug: string; r: RegistrationItem; onDone: (r: RegistrationItem) => void }) {
  const [status, setStatus] = useState<'completed' | 'dropped_out' | ''>('');
  const [outcome, setOutcome] = useState<RegistrationOutcome | ''>('');
  const [error, setError] = useState<string | undefined>();
  const action = useAction();
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!status || !outcome) {
      setError('Choisissez la fin du parcours et ce qu’il est devenu.');
      return;
    }
    setError(undefined);
    void action.run(() => registrations.outcome(slug, r.id, status, outcome)).then((u) => u && onDone(u));
  };
  return (
    <form onSubmit={submit} noValidate className="cat-subform">
      {action.error && <Notice kind="error">{action.error}</Notice>}
      <ChoiceGroup
        id="outcome-status"
        legend="Fin du parcours"
        type="radio"
        inline
        options={[
          { code: 'completed', label: 'Parcours terminé' },
          { code: 'dropped_out', label: 'Abandon' },
        ]}
        value={status ? [status] : []}
        onChange={(v) => setStatus((v[0] ?? '') as 'completed' | 'dropped_out')}
        error={error && !status ? error : undefined}
      />
      <SelectField
        id="outcome"
        label="Et après ?"
        value={outcome}
        onChange={(v) => setOutcome(v as RegistrationOutcome)}
        options={REGISTRATION_OUTCOMES.map((code) => ({ code, label: OUTCOME_LABELS[code] }))}
        placeholder="Choisir"
        error={error && !outcome ? error : undefined}
      />
      <button type="submit" className="fr-btn fr-btn--sm" disabled={action.busy}>
        Enregistrer la fin du parcours
      </button>
    </form>
  );
}

/** The structure's decisions on a registration waiting for it. */
function Decisions({ slug, r, onDone }: { slug: string; r: RegistrationItem; onDone: (r: RegistrationItem) => void }) {
  const action = useAction();
  const run = (fn: () => Promise<RegistrationItem>): void => void action.run(fn).then((u) => u && onDone(u));
  if (!r.can.accept && !r.can.waitlist && !r.can.refuse) return null;
  return (
    <div>
      {action.error && <Notice kind="error">{action.error}</Notice>}
      <div className="cat-actions">
        {r.can.accept && (
          <button
            type="button"
            className="fr-btn fr-btn--sm fr-icon-check-line fr-btn--icon-left"
            disabled={action.busy}
            onClick={() => run(() => registrations.accept(slug, r.id))}
          >
            Accepter
          </button>
        )}
        {r.can.waitlist && (
          <button
            type="button"
            className="fr-btn fr-btn--sm fr-btn--secondary fr-icon-time-line fr-btn--icon-left"
            disabled={action.busy}
            onClick={() => run(() => registrations.waitlist(slug, r.id))}
          >
            Mettre en liste d’attente
          </button>
        )}
        {r.can.refuse && <Refuse slug={slug} r={r} onDone={onDone} />}
      </div>
    </div>
  );
}

function Person({ r, self }: { r: RegistrationDetail; self: boolean }) {
  const p = r.person;
  return (
    <dl className="cat-dl">
      <dt>Nom</dt>
      <dd>
        {p.firstName} {p.lastName}
        {p.hasAccount && !self && <span className="fr-text--sm cat-muted"> — suit l’inscription dans son espace</span>}
      </dd>
      {p.email && (
        <>
          <dt>Adresse électronique</dt>
          <dd>
            <a className="fr-link" href={`mailto:${p.email}`}>
              {p.email}
            </a>
          </dd>
        </>
      )}
      {p.phone && (
        <>
          <dt>Mobile</dt>
          <dd>{p.phone}</dd>
        </>
      )}
      {p.commune && (
        <>
          <dt>Commune</dt>
          <dd>{p.commune}</dd>
        </>
      )}
      {(p.situation || p.ageBand || p.sex) && (
        <>
          <dt>Pour les statistiques</dt>
          <dd>
            {[
              p.situation && SITUATION_LABELS[p.situation],
              p.ageBand && AGE_BAND_LABELS[p.ageBand],
              p.sex && SEX_LABELS[p.sex],
            ]
              .filter(Boolean)
              .join(' · ')}
          </dd>
        </>
      )}
    </dl>
  );
}

/** The reader's own registration (made by themself, or by a referent for them). */
const isOwn = (r: RegistrationItem, me: Me): boolean =>
  r.person.hasAccount && r.person.email !== null && r.person.email.toLowerCase() === me.email.toLowerCase();

function Detail({
  slug,
  r,
  me,
  onChange,
}: {
  slug: string;
  r: RegistrationDetail;
  me: Me;
  onChange: (r: RegistrationItem) => void;
}) {
  const self = isOwn(r, me);
  return (
    <div className="cat-bo-grid">
      <div>
        <section className="cat-bo-card" aria-labelledby="reg-what">
          <h2 className="fr-h5" id="reg-what">
            Inscription
          </h2>
          <dl className="cat-dl">
            <dt>Action</dt>
            <dd>
              <Link className="fr-link" to={paths.offer(slug, r.offer.id)}>
                {r.offer.title}
              </Link>
            </dd>
            <dt>Structure</dt>
            <dd>{r.organization.name}</dd>
            <dt>Session</dt>
            <dd>{sessionText(r)}</dd>
            {r.session && (
              <>
                <dt>Places</dt>
                <dd>
                  {r.session.accepted} confirmée{r.session.accepted > 1 ? 's' : ''} sur {r.session.capacity}
                  {r.session.waitlist > 0 ? ` · ${r.session.waitlist} en liste d’attente` : ''}
                </dd>
              </>
            )}
            <dt>Créée</dt>
            <dd>
              {momentLabel(r.createdAt)},{' '}
              {r.channel === 'self'
                ? 'en ligne par la personne'
                : r.referent
                  ? `par ${r.referent.name}${r.referent.organizationName ? ` (${r.referent.organizationName})` : ''}`
                  : 'par un référent'}
            </dd>
            {r.status === 'refused' && r.refusalReason && (
              <>
                <dt>Motif du refus</dt>
                <dd>
                  {REFUSAL_LABELS[r.refusalReason]}
                  {r.refusalMessage ? ` — ${r.refusalMessage}` : ''}
                </dd>
              </>
            )}
            {r.status === 'cancelled' && (
              <>
                <dt>Annulation</dt>
                <dd>
                  {cancelledByLabel(r.cancelledBy)}
                  {r.excused ? ' (après la date limite : absence excusée)' : ''}
                </dd>
              </>
            )}
            {r.outcome && (
              <>
                <dt>Et après</dt>
                <dd>{OUTCOME_LABELS[r.outcome]}</dd>
              </>
            )}
          </dl>
          {r.status === 'waitlisted' && r.waitlistPosition && (
            <p className="fr-mt-2w fr-mb-0">
              Position sur la liste d’attente : <strong>{r.waitlistPosition}</strong>. Une place libérée est donnée dans
              l’ordre de la liste.
            </p>
          )}
        </section>
        {(r.can.cancel || r.can.accept || r.can.waitlist || r.can.refuse || r.can.attendance || r.can.outcome) && (
          <section className="cat-bo-card" aria-labelledby="reg-actions">
            <h2 className="fr-h5" id="reg-actions">
              Actions
            </h2>
            <Decisions slug={slug} r={r} onDone={onChange} />
            {r.can.attendance && <Attendance slug={slug} r={r} onDone={onChange} />}
            {r.can.outcome && <Outcome slug={slug} r={r} onDone={onChange} />}
            <CancelRegistration
              slug={slug}
              r={r}
              by={self ? 'person' : r.referent?.id === me.id ? 'referent' : 'structure'}
              onDone={onChange}
            />
          </section>
        )}
        {r.message && (
          <section className="cat-bo-card" aria-labelledby="reg-message">
            <h2 className="fr-h5" id="reg-message">
              Message à la structure
            </h2>
            <p className="cat-history__comment cat-prewrap">{r.message}</p>
          </section>
        )}
        <section className="cat-bo-card" aria-labelledby="reg-history">
          <h2 className="fr-h5" id="reg-history">
            Historique
          </h2>
          <History entries={r.history} />
        </section>
      </div>
      <div className="cat-bo-aside">
        <section className="cat-bo-card" aria-labelledby="reg-person">
          <h2 className="fr-h5" id="reg-person">
            {self ? 'Vos coordonnées' : 'La personne'}
          </h2>
          <Person r={r} self={self} />
        </section>
        {!(self && r.channel === 'self') && (
          <section className="cat-bo-card" aria-labelledby="reg-consent">
            <h2 className="fr-h5" id="reg-consent">
              Accord de la personne
            </h2>
            {r.consent ? (
              <p className="fr-mb-0">
                Accord recueilli {CONSENT_LABELS[r.consent.how].toLowerCase()}
                {r.consent.by ? ` par ${r.consent.by.name}` : ''}, {momentLabel(r.consent.at)} : la personne est
                d’accord et a été informée du traitement de ses données.
              </p>
            ) : (
              <p className="fr-mb-0">
                {r.channel === 'self' ? 'Inscription faite par la personne elle-même.' : 'Pas d’accord enregistré.'}
              </p>
            )}
          </section>
        )}
      </div>
    </div>
  );
}

/** Where the reader came from, most likely: their prescriptions, their own registrations, or the structure's inbox. */
function crumbsFor(slug: string, r: RegistrationDetail | undefined, me: Me): Crumb[] {
  const space: Crumb = { label: 'Mon espace', to: paths.space() };
  if (!r) return [space];
  if (r.referent?.id === me.id) return [space, { label: 'Mes prescriptions', to: paths.prescriptions(slug) }];
  if (isOwn(r, me)) return [space, { label: 'Mes inscriptions', to: paths.myRegistrations(slug) }];
  const structure = me.capabilities.tenants
    .find((t) => t.tenant === slug)
    ?.structures.find((s) => s.organizationId === r.organization.id && s.capabilities.manageRegistrations);
  if (structure) return [space, { label: 'Inscriptions reçues', to: paths.inbox(slug, r.organization.id) }];
  if (canIn(me, slug).prescribe) return [space, { label: 'Mes prescriptions', to: paths.prescriptions(slug) }];
  return [space, { label: 'Mes inscriptions', to: paths.myRegistrations(slug) }];
}

function RegistrationView({ slug, id, me }: { slug: string; id: string; me: Me }) {
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const detail = useLoad(`registration:${slug}:${id}:${version}`, (s) => registrations.get(slug, id, s));
  const r = detail.data;
  const title = !r
    ? 'Inscription'
    : isOwn(r, me)
      ? 'Mon inscription'
      : `Inscription de ${r.person.firstName} ${r.person.lastName}`;
  const onChange = (u: RegistrationItem): void => {
    setNotice(`Enregistré : ${STATUS[u.status]?.label ?? u.status}.`);
    // Reloaded whole: the history and the session's counts changed too.
    setVersion((v) => v + 1);
  };
  return (
    <Page title={title} crumbs={crumbsFor(slug, r, me)}>
      <div className="cat-bo-header">
        <h1>{title}</h1>
        {r && <RegistrationBadge r={r} />}
      </div>
      {r && <p className="fr-text--lead">{r.offer.title}</p>}
      <div aria-live="polite">{notice && <Notice kind="success">{notice}</Notice>}</div>
      {detail.status === 'error' && !r && (
        <ErrorState
          title={detail.error.notFound ? 'Inscription introuvable' : 'L’inscription n’a pas pu être chargée'}
          message={
            detail.error.notFound
              ? 'Cette inscription n’existe pas, ou vous n’y avez pas accès.'
              : detail.error.status === 403
                ? 'Vous n’avez pas accès à cette inscription.'
                : detail.error.message
          }
        />
      )}
      {!r && detail.status === 'loading' && <Loading label="Chargement de l’inscription…" />}
      {r && <Detail key={version} slug={slug} r={r} me={me} onChange={onChange} />}
    </Page>
  );
}

export function RegistrationPage({ slug, id }: { slug: string; id: string }) {
  return (
    <PersonSignedIn slug={slug} title="Inscription">
      {(me) => <RegistrationView slug={slug} id={id} me={me} />}
    </PersonSignedIn>
  );
}
