// The attendance sheet of one session: the people holding a seat, present / absent / excused for
// each once the session has started, then how the action ended for them. Printable on one A4 sheet
// with a signature column (registrations.css, @media print). Controls come from each item's `can`.
import {
  ATTENDANCE_VALUES,
  LIMITS,
  REGISTRATION_OUTCOMES,
  type AttendanceValue,
  type BackOfficeOffer,
  type Me,
  type RegistrationItem,
  type RegistrationOutcome,
  type RegistrationPage,
} from '@catalogue/contracts';
import { useRef, useState, type FormEvent } from 'react';
import { paths } from '../app/routes.js';
import { useLoad } from '../app/use-load.js';
import { Link } from '../app/router.js';
import { ErrorState, Loading } from '../layout/Layout.js';
import { offers } from '../backoffice/bo-api.js';
import { Forbidden, Notice, Page, SignedIn, canInStructure, useAction } from '../backoffice/ui.js';
import { StatusBadge } from './InboxPage.js';
import { partner } from './partner-api.js';
import {
  ATTENDANCE_LABELS,
  END_LABELS,
  OUTCOME_LABELS,
  SHEET_STATUSES,
  attendanceOf,
  personName,
  seatsLabel,
  sessionLabel,
} from './partner-labels.js';
import './partner.css';

/** Every person of the session (the API gives pages of LIMITS.registration.pageSize). */
async function loadSheet(slug: string, sessionId: string, signal: AbortSignal): Promise<RegistrationItem[]> {
  const query = { sessionId, status: SHEET_STATUSES.join(',') };
  const first: RegistrationPage = await partner.inbox(slug, { ...query, page: 1 }, signal);
  const items = [...first.items];
  const pages = Math.ceil(first.total / Math.max(1, first.pageSize));
  for (let page = 2; page <= pages && page <= 1 + 10_000 / LIMITS.registration.pageSize; page += 1)
    items.push(...(await partner.inbox(slug, { ...query, page }, signal)).items);
  // As on a paper sheet: by last name.
  const key = (i: RegistrationItem): string => `${i.person.lastName} ${i.person.firstName}`;
  return items.sort((a, b) => key(a).localeCompare(key(b), 'fr'));
}

function Attendance({
  slug,
  sessionId,
  item,
  onChange,
}: {
  slug: string;
  sessionId: string;
  item: RegistrationItem;
  onChange: (r: RegistrationItem) => void;
}) {
  const action = useAction();
  // The choice shows at once (arrow keys move through the radios); the answer then confirms it, or
  // the recorded value comes back with the error. Only the latest choice's answer counts.
  const [chosen, setChosen] = useState<AttendanceValue | null>(null);
  const latest = useRef(0);
  const current = attendanceOf(item);
  const closed = item.status === 'completed' || item.status === 'dropped_out';
  const shown = chosen ?? current;
  const name = personName(item);
  const id = `attendance-${item.id}`;
  const choose = (v: AttendanceValue): void => {
    setChosen(v);
    const mine = ++latest.current;
    void action
      .run(() => partner.attendance(slug, item.id, sessionId, v))
      .then((r) => {
        if (mine !== latest.current) return;
        setChosen(null);
        if (r) onChange(r);
      });
  };
  return (
    <>
      {item.can.attendance ? (
        <fieldset className="cat-attendance cat-no-print" aria-describedby={action.error ? `${id}-error` : undefined}>
          <legend className="fr-sr-only">Présence de {name}</legend>
          {ATTENDANCE_VALUES.map((v) => (
            <div key={v} className="fr-radio-group fr-radio-group--sm">
              <input
                type="radio"
                id={`${id}-${v}`}
                name={id}
                value={v}
                checked={shown === v}
                onChange={() => choose(v)}
              />
              <label className="fr-label" htmlFor={`${id}-${v}`}>
                {ATTENDANCE_LABELS[v]}
              </label>
            </div>
          ))}
        </fieldset>
      ) : (
        <p className="fr-text--sm fr-mb-0 cat-no-print">
          {closed
            ? `${current ? `${ATTENDANCE_LABELS[current]} · ` : ''}parcours clos`
            : current
              ? ATTENDANCE_LABELS[current]
              : 'Non notée'}
        </p>
      )}
      {action.error && (
        <p id={`${id}-error`} className="fr-error-text cat-no-print" role="alert">
          {action.error}
        </p>
      )}
      {/* On paper: boxes to tick during the session (ticked when already recorded); a closed line says
          what was recorded. */}
      {closed ? (
        <span className="cat-print-only">
          {current ? `${ATTENDANCE_LABELS[current]} · parcours clos` : 'Parcours clos'}
        </span>
      ) : (
        <span className="cat-print-only cat-boxes" aria-hidden="true">
          {ATTENDANCE_VALUES.map((v) => (
            <span key={v}>
              {current === v ? '☒' : '☐'} {ATTENDANCE_LABELS[v]}
            </span>
          ))}
        </span>
      )}
    </>
  );
}

function Outcome({
  slug,
  item,
  onChange,
}: {
  slug: string;
  item: RegistrationItem;
  onChange: (r: RegistrationItem) => void;
}) {
  const action = useAction();
  const [end, setEnd] = useState<'' | 'completed' | 'dropped_out'>('');
  const [outcome, setOutcome] = useState<'' | RegistrationOutcome>('');
  const [error, setError] = useState<string | null>(null);
  const name = personName(item);
  const id = `outcome-${item.id}`;
  if (item.status === 'completed' || item.status === 'dropped_out')
    return (
      <p className="fr-text--sm fr-mb-0">
        {END_LABELS[item.status]}
        {item.outcome ? ` — ${OUTCOME_LABELS[item.outcome]}` : ''}
      </p>
    );
  if (!item.can.outcome)
    return <p className="fr-text--sm fr-mb-0 cat-muted">{item.status === 'accepted' ? 'Après la présence' : '—'}</p>;
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!end || !outcome) {
      setError('Choisissez la fin du parcours et sa suite.');
      return;
    }
    setError(null);
    void action.run(() => partner.outcome(slug, item.id, end, outcome)).then((r) => r && onChange(r));
  };
  return (
    <form className="cat-outcome" onSubmit={submit} noValidate aria-label={`Suite du parcours de ${name}`}>
      <label className="fr-label fr-sr-only" htmlFor={`${id}-end`}>
        Fin du parcours de {name}
      </label>
      <select id={`${id}-end`} className="fr-select" value={end} onChange={(e) => setEnd(e.target.value as typeof end)}>
        <option value="" disabled>
          Fin du parcours
        </option>
        {(['completed', 'dropped_out'] as const).map((s) => (
          <option key={s} value={s}>
            {END_LABELS[s]}
          </option>
        ))}
      </select>
      <label className="fr-label fr-sr-only" htmlFor={`${id}-outcome`}>
        Suite pour {name}
      </label>
      <select
        id={`${id}-outcome`}
        className="fr-select"
        value={outcome}
        onChange={(e) => setOutcome(e.target.value as typeof outcome)}
      >
        <option value="" disabled>
          Suite
        </option>
        {REGISTRATION_OUTCOMES.map((o) => (
          <option key={o} value={o}>
            {OUTCOME_LABELS[o]}
          </option>
        ))}
      </select>
      <button type="submit" className="fr-btn fr-btn--sm fr-btn--secondary" disabled={action.busy}>
        Enregistrer<span className="fr-sr-only"> la suite pour {name}</span>
      </button>
      {(error ?? action.error) && (
        <p className="fr-error-text" role="alert">
          {error ?? action.error}
        </p>
      )}
    </form>
  );
}

function Sheet({ slug, offer, sessionId }: { slug: string; offer: BackOfficeOffer; sessionId: string }) {
  const data = useLoad(`sheet:${sessionId}`, (s) => loadSheet(slug, sessionId, s));
  // Lines answered by an action replace the loaded ones (no reload: the order and focus stay).
  const [updated, setUpdated] = useState<Record<string, RegistrationItem>>({});
  const items = (data.data ?? []).map((i) => updated[i.id] ?? i);
  const update = (r: RegistrationItem): void => setUpdated((u) => ({ ...u, [r.id]: r }));
  const fromOffer = offer.sessions.find((s) => s.id === sessionId);
  const fromItems = items[0]?.session ?? null;
  const session =
    fromItems ?? (fromOffer ? { ...fromOffer, accepted: fromOffer.capacity - fromOffer.placesLeft } : null);
  const started = session ? Date.parse(session.startsAt) <= Date.now() : false;
  const place = offer.places[0];
  const title = 'Feuille de présence';
  const crumbs = [
    { label: 'Mon espace', to: paths.space() },
    { label: 'Inscriptions', to: paths.inbox(slug, offer.organization.id) },
  ];
  return (
    <Page title={title} crumbs={crumbs}>
      <article className="cat-sheet">
        <header className="cat-sheet__head">
          <div>
            <h1 className="fr-h2 fr-mb-1w">{title}</h1>
            <p className="fr-text--lead fr-mb-1w">{offer.title}</p>
            <p className="fr-mb-0">
              {offer.organization.name}
              {session ? ` — ${sessionLabel(session.startsAt, session.endsAt)}` : ''}
            </p>
            {place && (
              <p className="fr-mb-0">
                {place.label ? `${place.label}, ` : ''}
                {place.address}, {place.commune}
              </p>
            )}
            {session && <p className="fr-mb-0 cat-no-print">{seatsLabel(session)}</p>}
          </div>
          <button
            type="button"
            className="fr-btn fr-btn--secondary fr-icon-printer-line fr-btn--icon-left cat-no-print"
            onClick={() => window.print()}
          >
            Imprimer
          </button>
        </header>
        {!session && <Notice kind="warning">Cette session est introuvable dans l’offre.</Notice>}
        {session && !started && (
          <div className="cat-no-print">
            <Notice kind="info">
              La présence se note une fois la session commencée. Vous pouvez déjà imprimer la feuille pour la faire
              signer.
            </Notice>
          </div>
        )}
        {data.status === 'error' && !data.data && (
          <ErrorState title="Feuille de présence indisponible" message={data.error.message} />
        )}
        {!data.data && data.status === 'loading' && <Loading label="Chargement des personnes…" />}
        {data.data && items.length === 0 && (
          <p>
            Personne n’a encore de place pour cette session.{' '}
            <Link className="fr-link cat-no-print" to={paths.inbox(slug, offer.organization.id)}>
              Voir les inscriptions
            </Link>
          </p>
        )}
        {items.length > 0 && (
          <div className="fr-table fr-table--no-caption cat-sheet__table">
            <table>
              <caption>
                Personnes inscrites ({items.length}) — {offer.title}
              </caption>
              <thead>
                <tr>
                  <th scope="col" className="cat-sheet__num">
                    N°
                  </th>
                  <th scope="col">Nom</th>
                  <th scope="col">Présence</th>
                  <th scope="col" className="cat-no-print">
                    Suite du parcours
                  </th>
                  <th scope="col" className="cat-print-only cat-sheet__sign">
                    Signature
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((item, index) => (
                  <tr key={item.id}>
                    <td className="cat-sheet__num">{index + 1}</td>
                    <td>
                      <strong>{personName(item)}</strong>
                      <span className="cat-no-print">
                        <br />
                        <span className="cat-chips-inline">
                          <StatusBadge item={item} />
                        </span>
                        <br />
                        <Link className="fr-link fr-link--sm" to={paths.registration(slug, item.id)}>
                          Voir le détail<span className="fr-sr-only"> de l’inscription de {personName(item)}</span>
                        </Link>
                      </span>
                    </td>
                    <td data-label="Présence">
                      <Attendance slug={slug} sessionId={sessionId} item={item} onChange={update} />
                    </td>
                    <td data-label="Suite du parcours" className="cat-no-print">
                      <Outcome slug={slug} item={item} onChange={update} />
                    </td>
                    <td className="cat-print-only cat-sheet__sign" />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="cat-print-only cat-sheet__footer">Nom et signature de l’intervenant ou de l’intervenante :</p>
      </article>
    </Page>
  );
}

function SheetGate({ slug, offerId, sessionId, me }: { slug: string; offerId: string; sessionId: string; me: Me }) {
  const offer = useLoad(`bo-offer:${offerId}`, (s) => offers.get(slug, offerId, s));
  const title = 'Feuille de présence';
  if (offer.status === 'error' && !offer.data)
    return (
      <Page title={title} crumbs={[{ label: 'Mon espace', to: paths.space() }]}>
        <h1>{title}</h1>
        {offer.error.notFound || offer.error.status === 403 ? (
          <Forbidden what="Cette offre est introuvable, ou sa structure n’est pas la vôtre." />
        ) : (
          <ErrorState title="Feuille de présence indisponible" message={offer.error.message} />
        )}
      </Page>
    );
  if (!offer.data)
    return (
      <Page title={title}>
        <Loading label="Chargement de la session…" />
      </Page>
    );
  if (!canInStructure(me, slug, offer.data.organization.id)?.manageRegistrations)
    return (
      <Page title={title} crumbs={[{ label: 'Mon espace', to: paths.space() }]}>
        <h1>{title}</h1>
        <Forbidden what="La feuille de présence d’une session est réservée aux membres de sa structure." />
      </Page>
    );
  return <Sheet slug={slug} offer={offer.data} sessionId={sessionId} />;
}

export function AttendanceSheetPage({
  slug,
  offerId,
  sessionId,
}: {
  slug: string;
  offerId: string;
  sessionId: string;
}) {
  return (
    <SignedIn title="Feuille de présence">
      {(me) => <SheetGate slug={slug} offerId={offerId} sessionId={sessionId} me={me} />}
    </SignedIn>
  );
}
