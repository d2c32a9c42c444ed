// A structure's registrations inbox: the requests waiting for a decision first, then each session
// (seats, wait list, capacity, attendance sheet) with its registrations; accept, refuse with a
// reason, wait-list; and the member's own email choices. Buttons come from each item's `can`.
import {
  LIMITS,
  REFUSAL_REASONS,
  REGISTRATION_NOTIFICATION_KINDS,
  type Me,
  type RefusalReason,
  type RegistrationItem,
  type RegistrationNotificationKind,
  type RegistrationNotificationSettings,
} from '@catalogue/contracts';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from '../app/router.js';
import { paths } from '../app/routes.js';
import { useLoad } from '../app/use-load.js';
import { countLabel, phoneHref } from '../lib/format.js';
import { ErrorState, Loading } from '../layout/Layout.js';
import { orgs } from '../backoffice/bo-api.js';
import {
  ChoiceGroup,
  Forbidden,
  Notice,
  Page,
  SelectField,
  SignedIn,
  TextArea,
  TextField,
  canInStructure,
  dateTimeLabel,
  useAction,
} from '../backoffice/ui.js';
import { partner } from './partner-api.js';
import {
  DEFAULT_INBOX_FILTER,
  INBOX_FILTERS,
  REFUSAL_REASON_LABELS,
  STATUS_BADGES,
  STATUS_LABELS,
  capacityError,
  capacityResultLabel,
  channelLabel,
  inboxSections,
  personName,
  phoneLabel,
  seatsLabel,
  sessionLabel,
  type SessionGroup,
} from './partner-labels.js';
import './partner.css';

/** A message after an action, announced and focused (the line it came from may have moved). */
type Flash = { kind: 'success' | 'info' | 'warning'; text: string } | null;

export function StatusBadge({ item }: { item: Pick<RegistrationItem, 'status' | 'waitlistPosition' | 'excused'> }) {
  return (
    <>
      <p className={`fr-badge fr-badge--sm ${STATUS_BADGES[item.status]}`}>
        {item.status === 'absent' && item.excused ? 'Absence excusée' : STATUS_LABELS[item.status]}
      </p>
      {item.status === 'waitlisted' && item.waitlistPosition !== null && (
        <p className="fr-badge fr-badge--sm">n° {item.waitlistPosition} sur la liste</p>
      )}
    </>
  );
}

function RefuseForm({
  item,
  busy,
  onConfirm,
  onCancel,
}: {
  item: RegistrationItem;
  busy: boolean;
  onConfirm: (reason: RefusalReason, message: string) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState('');
  const [errors, setErrors] = useState<{ reason?: string; message?: string }>({});
  const id = `refuse-${item.id}`;
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const next: typeof errors = {};
    if (!reason) next.reason = 'Choisissez le motif du refus.';
    if (reason === 'other' && !message.trim())
      next.message = 'Précisez le motif : il est envoyé à la personne et à son référent.';
    setErrors(next);
    if (next.reason || next.message) {
      document.getElementById(next.reason ? `${id}-reason` : `${id}-message`)?.focus();
      return;
    }
    onConfirm(reason as RefusalReason, message.trim());
  };
  return (
    <form onSubmit={submit} noValidate className="cat-subform">
      <SelectField
        id={`${id}-reason`}
        label={`Motif du refus de ${personName(item)}`}
        value={reason}
        onChange={setReason}
        placeholder="Choisir un motif"
        required
        error={errors.reason}
        options={REFUSAL_REASONS.map((r) => ({ code: r, label: REFUSAL_REASON_LABELS[r] }))}
      />
      <TextArea
        id={`${id}-message`}
        label="Message"
        hint={`Envoyé à la personne et à son référent ; obligatoire pour « Autre ». N’y écrivez aucune donnée sensible (santé, justice, numéro de sécurité sociale…).`}
        value={message}
        onChange={setMessage}
        required={reason === 'other'}
        error={errors.message}
        rows={3}
        maxLength={LIMITS.registration.reason}
      />
      <div className="cat-actions">
        <button type="submit" className="fr-btn fr-btn--sm" disabled={busy}>
          Confirmer le refus
        </button>
        <button type="button" className="fr-btn fr-btn--sm fr-btn--tertiary" onClick={onCancel}>
          Annuler
        </button>
      </div>
    </form>
  );
}

function CancelForm({
  item,
  busy,
  onConfirm,
  onCancel,
}: {
  item: RegistrationItem;
  busy: boolean;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const id = `cancel-${item.id}`;
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!reason.trim()) {
      setError('Indiquez pourquoi : le motif est envoyé à la personne et à son référent.');
      document.getElementById(id)?.focus();
      return;
    }
    onConfirm(reason.trim());
  };
  return (
    <form onSubmit={submit} noValidate className="cat-subform">
      <TextArea
        id={id}
        label={`Motif de l’annulation pour ${personName(item)}`}
        hint={`Envoyé à la personne et à son référent. ${
          item.status === 'accepted' ? 'Sa place revient à la première personne de la liste d’attente. ' : ''
        }Aucune donnée sensible.`}
        value={reason}
        onChange={setReason}
        required
        error={error}
        rows={3}
        maxLength={LIMITS.registration.reason}
      />
      <div className="cat-actions">
        <button type="submit" className="fr-btn fr-btn--sm" disabled={busy}>
          Confirmer l’annulation
        </button>
        <button type="button" className="fr-btn fr-btn--sm fr-btn--tertiary" onClick={onCancel}>
          Ne pas annuler
        </button>
      </div>
    </form>
  );
}

function RegistrationLine({
  slug,
  item,
  withSession,
  onDone,
}: {
  slug: string;
  item: RegistrationItem;
  withSession: boolean;
  onDone: (flash: Flash) => void;
}) {
  const action = useAction();
  const [form, setForm] = useState<'refuse' | 'cancel' | null>(null);
  const name = personName(item);
  const p = item.person;
  const decided = (r: RegistrationItem | undefined, what: 'accept' | 'waitlist' | 'refuse' | 'cancel'): void => {
    if (!r) return;
    setForm(null);
    const told = item.referent ? 'la personne et son référent sont informés' : 'la personne est informée';
    if (r.status === 'waitlisted') {
      const position = r.waitlistPosition ? ` (n° ${r.waitlistPosition})` : '';
      onDone({
        kind: what === 'accept' ? 'warning' : 'success',
        text:
          what === 'accept'
            ? `Plus de place libre : ${name} est en liste d’attente${position}. Augmentez la capacité de la session pour lui donner une place.`
            : `${name} est en liste d’attente${position} : ${told}.`,
      });
      return;
    }
    const done = r.status === 'accepted' ? 'acceptée' : r.status === 'refused' ? 'refusée' : 'annulée';
    const freed =
      what === 'cancel' && item.status === 'accepted'
        ? ' Sa place revient à la première personne de la liste d’attente, s’il y en a une.'
        : '';
    onDone({ kind: 'success', text: `Inscription de ${name} ${done} : ${told}.${freed}` });
  };
  return (
    <li className="cat-reg">
      <div className="cat-reg__head">
        <p className="cat-reg__name">{name}</p>
        <span className="cat-chips-inline">
          <StatusBadge item={item} />
        </span>
      </div>
      {withSession && (
        <p className="fr-text--sm fr-mb-1v">
          <strong>{item.offer.title}</strong>
          {item.session ? ` — ${sessionLabel(item.session.startsAt, item.session.endsAt)}` : ' — entrée permanente'}
        </p>
      )}
      <ul className="cat-reg__facts fr-text--sm">
        {p.email && (
          <li>
            <a href={`mailto:${p.email}`}>{p.email}</a>
          </li>
        )}
        {p.phone && (
          <li>
            <a href={phoneHref(p.phone)}>{phoneLabel(p.phone)}</a>
          </li>
        )}
        {p.commune && <li>{p.commune}</li>}
        <li>{channelLabel(item)}</li>
        <li>reçue le {dateTimeLabel(item.createdAt)}</li>
      </ul>
      {item.status === 'refused' && item.refusalReason && (
        <p className="fr-text--sm fr-mb-1v">
          Motif : {REFUSAL_REASON_LABELS[item.refusalReason]}
          {item.refusalMessage ? ` — ${item.refusalMessage}` : ''}
        </p>
      )}
      {item.message && (
        <blockquote className="cat-history__comment fr-text--sm">
          <span className="fr-sr-only">Message : </span>
          {item.message}
        </blockquote>
      )}
      {action.error && <Notice kind="error">{action.error}</Notice>}
      {!form && (
        <div className="cat-actions cat-actions--tight fr-mt-1w">
          {item.can.accept && (
            <button
              type="button"
              className="fr-btn fr-btn--sm fr-icon-check-line fr-btn--icon-left"
              disabled={action.busy}
              onClick={() => void action.run(() => partner.accept(slug, item.id)).then((r) => decided(r, 'accept'))}
            >
              Accepter<span className="fr-sr-only"> l’inscription de {name}</span>
            </button>
          )}
          {item.can.waitlist && (
            <button
              type="button"
              className="fr-btn fr-btn--sm fr-btn--secondary"
              disabled={action.busy}
              onClick={() => void action.run(() => partner.waitlist(slug, item.id)).then((r) => decided(r, 'waitlist'))}
            >
              Mettre en liste d’attente<span className="fr-sr-only"> : {name}</span>
            </button>
          )}
          {item.can.refuse && (
            <button
              type="button"
              className="fr-btn fr-btn--sm fr-btn--secondary fr-icon-close-line fr-btn--icon-left"
              disabled={action.busy}
              onClick={() => setForm('refuse')}
            >
              Refuser<span className="fr-sr-only"> l’inscription de {name}</span>
            </button>
          )}
          {/* A request not decided yet is refused (with a reason), not cancelled. */}
          {item.can.cancel && !item.can.refuse && (
            <button
              type="button"
              className="fr-btn fr-btn--sm fr-btn--tertiary"
              disabled={action.busy}
              onClick={() => setForm('cancel')}
            >
              Annuler<span className="fr-sr-only"> l’inscription de {name}</span>
            </button>
          )}
          <Link className="fr-link fr-link--sm cat-reg__detail" to={paths.registration(slug, item.id)}>
            Voir le détail<span className="fr-sr-only"> de l’inscription de {name}</span>
          </Link>
        </div>
      )}
      {form === 'cancel' && (
        <CancelForm
          item={item}
          busy={action.busy}
          onCancel={() => setForm(null)}
          onConfirm={(reason) =>
            void action.run(() => partner.cancel(slug, item.id, reason)).then((r) => decided(r, 'cancel'))
          }
        />
      )}
      {form === 'refuse' && (
        <RefuseForm
          item={item}
          busy={action.busy}
          onCancel={() => setForm(null)}
          onConfirm={(reason, message) =>
            void action
              .run(() => partner.refuse(slug, item.id, reason, message || undefined))
              .then((r) => decided(r, 'refuse'))
          }
        />
      )}
    </li>
  );
}

function CapacityForm({
  slug,
  group,
  onDone,
}: {
  slug: string;
  group: SessionGroup & { session: NonNullable<SessionGroup['session']> };
  onDone: (flash: Flash) => void;
}) {
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState(String(group.session.capacity));
  const [error, setError] = useState<string | undefined>();
  const action = useAction();
  const id = `capacity-${group.session.id}`;
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const invalid = capacityError(value, group.session.accepted);
    setError(invalid);
    if (invalid) return;
    void action
      .run(() => partner.capacity(slug, group.offer.id, group.session.id, Number(value.trim())))
      .then((r) => {
        if (!r) return;
        setOpen(false);
        onDone({ kind: 'success', text: capacityResultLabel(r) });
      });
  };
  if (!open)
    return (
      <button
        type="button"
        className="fr-btn fr-btn--sm fr-btn--tertiary fr-icon-edit-line fr-btn--icon-left"
        onClick={() => setOpen(true)}
      >
        Modifier la capacité
        <span className="fr-sr-only"> de la session du {sessionLabel(group.session.startsAt, null)}</span>
      </button>
    );
  return (
    <form onSubmit={submit} noValidate className="cat-subform cat-capacity">
      {action.error && <Notice kind="error">{action.error}</Notice>}
      <TextField
        id={id}
        label="Nombre de places"
        hint={`Au moins ${group.session.accepted} (les personnes acceptées). Une place de plus revient à la première personne de la liste d’attente.`}
        value={value}
        onChange={setValue}
        inputMode="numeric"
        error={error}
        required
      />
      <div className="cat-actions cat-actions--tight">
        <button type="submit" className="fr-btn fr-btn--sm" disabled={action.busy}>
          Enregistrer la capacité
        </button>
        <button type="button" className="fr-btn fr-btn--sm fr-btn--tertiary" onClick={() => setOpen(false)}>
          Annuler
        </button>
      </div>
    </form>
  );
}

function SessionSection({
  slug,
  group,
  onDone,
}: {
  slug: string;
  group: SessionGroup;
  onDone: (flash: Flash) => void;
}) {
  const s = group.session;
  const headingId = `session-${group.key.replace(/[^a-z0-9-]/gi, '')}`;
  return (
    <section className="cat-bo-card cat-session" aria-labelledby={headingId}>
      <h3 className="fr-h6 fr-mb-1v" id={headingId}>
        {group.offer.title}
        <span className="cat-session__when">
          {s ? sessionLabel(s.startsAt, s.endsAt) : 'Entrée permanente (sans session)'}
        </span>
      </h3>
      {s && <p className="fr-mb-1w cat-session__seats">{seatsLabel(s)}</p>}
      {group.pending > 0 && (
        <p className="fr-text--sm fr-mb-1w">
          {countLabel(group.pending, 'demande à traiter', 'demandes à traiter')} (ci-dessus)
        </p>
      )}
      {s && (
        <div className="cat-actions cat-actions--tight fr-mb-1w">
          <Link
            className="fr-btn fr-btn--sm fr-btn--secondary fr-icon-file-text-line fr-btn--icon-left"
            to={paths.attendanceSheet(slug, group.offer.id, s.id)}
          >
            Feuille de présence<span className="fr-sr-only"> du {sessionLabel(s.startsAt, null)}</span>
          </Link>
          <CapacityForm slug={slug} group={{ ...group, session: s }} onDone={onDone} />
        </div>
      )}
      {group.items.length > 0 && (
        <ul className="cat-history">
          {group.items.map((item) => (
            <RegistrationLine key={item.id} slug={slug} item={item} withSession={false} onDone={onDone} />
          ))}
        </ul>
      )}
    </section>
  );
}

const NOTIFICATION_LABELS: Record<RegistrationNotificationKind, string> = {
  new_registration: 'une nouvelle inscription arrive',
  cancellation: 'une inscription est annulée',
  pending_reminder: 'des demandes attendent une réponse depuis plusieurs jours (rappel)',
};

function NotificationSettings({ slug, organizationId }: { slug: string; organizationId: string }) {
  const data = useLoad(`registration-notifications:${organizationId}`, (s) =>
    partner.notifications(slug, organizationId, s),
  );
  const [value, setValue] = useState<RegistrationNotificationSettings | null>(null);
  const [saved, setSaved] = useState(false);
  const action = useAction();
  const current = value ?? data.data ?? null;
  if (data.status === 'error' && !data.data)
    return <ErrorState title="Préférences indisponibles" message={data.error.message} />;
  if (!current) return <Loading label="Chargement de vos préférences…" />;
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setSaved(false);
    void action
      .run(() => partner.saveNotifications(slug, organizationId, current))
      .then((r) => {
        if (!r) return;
        setValue(r);
        setSaved(true);
      });
  };
  return (
    <form onSubmit={submit} noValidate>
      <ChoiceGroup
        id="registration-notifications"
        legend="M’écrire quand…"
        hint="Vos choix pour cette structure seulement ; les autres membres font les leurs."
        type="checkbox"
        options={REGISTRATION_NOTIFICATION_KINDS.map((k) => ({ code: k, label: NOTIFICATION_LABELS[k] }))}
        value={REGISTRATION_NOTIFICATION_KINDS.filter((k) => current[k])}
        onChange={(codes) => {
          setSaved(false);
          setValue(
            Object.fromEntries(
              REGISTRATION_NOTIFICATION_KINDS.map((k) => [k, codes.includes(k)]),
            ) as RegistrationNotificationSettings,
          );
        }}
      />
      {action.error && <Notice kind="error">{action.error}</Notice>}
      <div role="status">{saved && <p className="fr-text--sm cat-saved">Vos choix sont enregistrés.</p>}</div>
      <button type="submit" className="fr-btn fr-btn--sm fr-btn--secondary" disabled={action.busy}>
        Enregistrer mes choix
      </button>
    </form>
  );
}

function Inbox({ slug, organizationId, me }: { slug: string; organizationId: string; me: Me }) {
  const can = canInStructure(me, slug, organizationId);
  const [status, setStatus] = useState(DEFAULT_INBOX_FILTER);
  const [offerId, setOfferId] = useState('');
  const [page, setPage] = useState(1);
  const [version, setVersion] = useState(0);
  const [flash, setFlash] = useState<Flash>(null);
  const flashRef = useRef<HTMLDivElement>(null);
  const org = useLoad(`bo-org:${organizationId}`, (s) => orgs.get(slug, organizationId, s));
  const offerList = useLoad(`org-offers:${organizationId}`, (s) => orgs.offers(slug, organizationId, s));
  const list = useLoad(`inbox:${organizationId}:${status}:${offerId}:${page}:${version}`, (s) =>
    partner.inbox(slug, { organizationId, status, offerId, page }, s),
  );
  // How many wait for a decision in all (the list shows one page of them).
  const pendingTotal = useLoad(`inbox-pending:${organizationId}:${offerId}:${version}`, (s) =>
    partner.inbox(slug, { organizationId, status: 'pending', offerId, page: 1 }, s),
  ).data?.total;
  useEffect(() => {
    if (flash) flashRef.current?.focus();
  }, [flash]);
  const done = (f: Flash): void => {
    setFlash(f);
    setVersion((v) => v + 1);
  };
  const orgName = org.data?.name ?? 'Structure';
  const crumbs = [
    { label: 'Mon espace', to: paths.space() },
    { label: orgName, to: paths.boOrganization(slug, organizationId) },
  ];
  if (!can?.manageRegistrations)
    return (
      <Page title="Inscriptions" crumbs={crumbs}>
        <h1>Inscriptions</h1>
        <Forbidden what="Les inscriptions d’une structure sont réservées à ses membres." />
      </Page>
    );
  const data = list.data;
  const { pending, groups } = inboxSections(data?.items ?? []);
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const offerOptions = (offerList.data ?? [])
    .filter((o) => o.publishedAt !== null)
    .map((o) => ({ code: o.id, label: o.title }));
  return (
    <Page title="Inscriptions" crumbs={crumbs}>
      <div className="cat-bo-header">
        <h1>Inscriptions</h1>
        <p className="fr-text--lead fr-mb-0">{org.data?.name}</p>
      </div>
      <div className="cat-bo-grid">
        <div>
          <form
            className="cat-filters-bar"
            role="search"
            aria-label="Filtrer les inscriptions"
            onSubmit={(e) => e.preventDefault()}
          >
            <SelectField
              id="inbox-status"
              label="État"
              value={status}
              onChange={(v) => {
                setStatus(v);
                setPage(1);
              }}
              options={INBOX_FILTERS}
            />
            <SelectField
              id="inbox-offer"
              label="Offre"
              value={offerId}
              onChange={(v) => {
                setOfferId(v);
                setPage(1);
              }}
              options={[{ code: '', label: 'Toutes les offres' }, ...offerOptions]}
            />
          </form>
          <div ref={flashRef} tabIndex={-1} className="cat-flash">
            {flash && <Notice kind={flash.kind}>{flash.text}</Notice>}
          </div>
          {list.status === 'error' && !data && (
            <ErrorState title="Inscriptions indisponibles" message={list.error.message} />
          )}
          {!data && list.status === 'loading' && <Loading label="Chargement des inscriptions…" />}
          {data && (
            <div aria-busy={list.status === 'loading'}>
              <p className="cat-reg-count" role="status">
                {countLabel(data.total, 'inscription', 'inscriptions')}
                {pages > 1 ? ` — page ${page} sur ${pages}` : ''}
              </p>
              {data.total === 0 && (
                <p>
                  Aucune inscription dans cet état
                  {offerId ? ' pour cette offre' : ''}. Les personnes s’inscrivent depuis la page publique de vos
                  offres, ou un référent les y inscrit.
                </p>
              )}
              {pending.length > 0 && (
                <section className="cat-bo-card cat-pending" aria-labelledby="inbox-pending">
                  <h2 className="fr-h5" id="inbox-pending">
                    À traiter ({Math.max(pendingTotal ?? 0, pending.length)})
                  </h2>
                  <ul className="cat-history">
                    {pending.map((item) => (
                      <RegistrationLine key={item.id} slug={slug} item={item} withSession onDone={done} />
                    ))}
                  </ul>
                </section>
              )}
              {groups.length > 0 && (
                <>
                  <h2 className="fr-h5 fr-mt-3w">Par session</h2>
                  {groups.map((g) => (
                    <SessionSection key={g.key} slug={slug} group={g} onDone={done} />
                  ))}
                </>
              )}
              {pages > 1 && (
                <nav className="cat-actions" aria-label="Pages des inscriptions">
                  <button
                    type="button"
                    className="fr-btn fr-btn--sm fr-btn--secondary fr-icon-arrow-left-line fr-btn--icon-left"
                    disabled={page <= 1}
                    onClick={() => setPage((p) => p - 1)}
                  >
                    Page précédente
                  </button>
                  <button
                    type="button"
                    className="fr-btn fr-btn--sm fr-btn--secondary fr-icon-arrow-right-line fr-btn--icon-right"
                    disabled={page >= pages}
                    onClick={() => setPage((p) => p + 1)}
                  >
                    Page suivante
                  </button>
                </nav>
              )}
            </div>
          )}
        </div>
        <aside className="cat-bo-aside">
          <section className="cat-bo-card" aria-labelledby="inbox-emails">
            <h2 className="fr-h5" id="inbox-emails">
              Mes courriels
            </h2>
            <NotificationSettings slug={slug} organizationId={organizationId} />
          </section>
        </aside>
      </div>
    </Page>
  );
}

export function InboxPage({ slug, organizationId }: { slug: string; organizationId: string }) {
  return (
    <SignedIn title="Inscriptions">{(me) => <Inbox slug={slug} organizationId={organizationId} me={me} />}</SignedIn>
  );
}
