// « Inscrire une personne »: a referent registers someone to an offer (prescription-only ones
// included), with the minimum about the person and their recorded consent. The form checks what
// the API checks (prescription-form.ts) and puts the API's 400 back on the field it names.
import type { Me, OfferDetail, RegistrationCreated } from '@catalogue/contracts';
import { AGE_BANDS, CONSENT_METHODS, LIMITS, PERSON_SITUATIONS, SEXES } from '@catalogue/contracts';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../app/api.js';
import { Link, useLocation } from '../app/router.js';
import { paths } from '../app/routes.js';
import { useLoad } from '../app/use-load.js';
import { ErrorState, Loading } from '../layout/Layout.js';
import { CommuneField, type ChosenCommune, type CommuneFieldHandle } from '../search/CommuneField.js';
import {
  ChoiceGroup,
  ErrorSummary,
  Notice,
  Page,
  SelectField,
  SignedIn,
  TextArea,
  TextField,
  canIn,
  useAction,
} from '../backoffice/ui.js';
import { registrations } from './registration-api.js';
import {
  FIELD_MESSAGES,
  emptyPrescriptionForm,
  fieldOfApiParameter,
  prescriptionRequest,
  validatePrescription,
  type PrescriptionField,
  type PrescriptionForm,
} from './prescription-form.js';
import {
  AGE_BAND_LABELS,
  CONSENT_LABELS,
  SEX_LABELS,
  SITUATION_LABELS,
  createdTitle,
  sessionLabel,
  upcomingSessions,
} from './registration-text.js';
import { NotAllowed, SensitiveDataWarning, SessionChoice } from './registration-ui.js';

const TITLE = 'Inscrire une personne';

/** The element each field's error links to (the error summary). */
const fieldId = (k: string): string => (k === 'sessionId' ? 'sessionId' : `p-${k}`);

function Result({
  slug,
  offer,
  created,
  who,
  onAnother,
}: {
  slug: string;
  offer: OfferDetail;
  created: RegistrationCreated;
  who: string;
  onAnother: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const next =
    created.status === 'accepted'
      ? `${who} a sa place. La personne et vous êtes prévenus de chaque changement.`
      : created.status === 'waitlisted'
        ? 'Si une place se libère, elle est donnée dans l’ordre de la liste : la personne et vous en serez prévenus.'
        : created.status === 'pending'
          ? 'La structure étudie la demande : la personne et vous recevrez sa réponse.'
          : '';
  return (
    <div className="cat-reg-result">
      <div
        ref={ref}
        tabIndex={-1}
        className={`fr-alert fr-alert--${created.status === 'accepted' ? 'success' : 'info'} fr-mb-3w`}
        role="status"
      >
        <h2 className="fr-alert__title">
          {createdTitle(created.status, created.waitlistPosition, who)}
          {created.status === 'waitlisted' ? '' : ` — ${who}`}
        </h2>
        <p>« {offer.title} »</p>
        {next && <p>{next}</p>}
      </div>
      {created.warnings.includes('already_registered_to_offer') && (
        <Notice kind="warning">
          <p>
            {who} avait déjà une inscription en cours à cette action. Vérifiez avec la personne qu’elle souhaite bien
            garder les deux.
          </p>
        </Notice>
      )}
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li>
          <Link className="fr-btn" to={paths.prescriptions(slug)}>
            Mes prescriptions
          </Link>
        </li>
        <li>
          <Link className="fr-btn fr-btn--secondary" to={paths.registration(slug, created.id)}>
            Voir l’inscription
          </Link>
        </li>
        <li>
          <button type="button" className="fr-btn fr-btn--tertiary" onClick={onAnother}>
            Inscrire une autre personne
          </button>
        </li>
      </ul>
    </div>
  );
}

function PrescribeForm({ slug, offer, wanted }: { slug: string; offer: OfferDetail; wanted: string }) {
  const upcoming = upcomingSessions(offer.sessions);
  const initialSession = upcoming.some((s) => s.id === wanted) ? wanted : upcoming.length === 1 ? upcoming[0]!.id : '';
  const [form, setForm] = useState<PrescriptionForm>(() => emptyPrescriptionForm(initialSession));
  const [commune, setCommune] = useState<ChosenCommune | null>(null);
  const [errors, setErrors] = useState<Partial<Record<PrescriptionField, string>>>({});
  const [created, setCreated] = useState<{ r: RegistrationCreated; who: string } | null>(null);
  const communeField = useRef<CommuneFieldHandle>(null);
  const action = useAction();
  const err = action.lastError;
  const existing = err?.status === 409 ? (err.body?.existing as { id: string } | undefined) : undefined;
  const apiField = err?.status === 400 ? fieldOfApiParameter(err.parameter) : null;
  const set = <K extends keyof PrescriptionForm>(k: K, v: PrescriptionForm[K]): void =>
    setForm((f) => ({ ...f, [k]: v }));

  useEffect(() => {
    if (apiField) setErrors({ [apiField]: FIELD_MESSAGES[apiField] });
  }, [apiField, err]);

  if (created)
    return (
      <Result
        slug={slug}
        offer={offer}
        created={created.r}
        who={created.who}
        onAnother={() => {
          setCreated(null);
          setForm(emptyPrescriptionForm(initialSession));
          setCommune(null);
          setErrors({});
          window.scrollTo(0, 0);
        }}
      />
    );
  if (offer.sessions.length > 0 && upcoming.length === 0)
    return (
      <Notice kind="info" title="Pas de session à venir">
        <p>
          Toutes les sessions de cette action ont commencé : contactez la structure pour connaître les prochaines dates.
        </p>
      </Notice>
    );

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    // A commune typed but not picked is resolved as the search does; several matches: the person picks.
    const resolved = await communeField.current?.resolve();
    if (resolved === 'pending') return;
    const chosen = resolved ?? null;
    setCommune(chosen);
    const filled = { ...form, communeInsee: chosen?.insee ?? null };
    const problems = validatePrescription(filled, upcoming.length > 0);
    setErrors(problems);
    if (Object.keys(problems).length) return;
    const who = `${filled.firstName.trim()} ${filled.lastName.trim()}`;
    const r = await action.run(() => registrations.create(slug, offer.id, prescriptionRequest(filled)));
    if (r) setCreated({ r, who });
  };
  const chosenSession = upcoming.find((s) => s.id === form.sessionId);
  const options = <T extends string>(codes: readonly T[], labels: Record<T, string>) =>
    codes.map((code) => ({ code, label: labels[code] }));
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <ErrorSummary errors={errors as Record<string, string>} fieldId={fieldId} />
      {existing ? (
        <Notice kind="warning" title="Cette personne est déjà inscrite à cette session">
          <p>
            <Link className="fr-link" to={paths.registration(slug, existing.id)}>
              Voir son inscription
            </Link>
          </p>
        </Notice>
      ) : (
        action.error && !apiField && <Notice kind="error">{action.error}</Notice>
      )}

      <section className="cat-bo-card" aria-labelledby="p-session-title">
        <h2 className="fr-h5" id="p-session-title">
          Session
        </h2>
        {upcoming.length > 1 ? (
          <SessionChoice
            sessions={upcoming}
            value={form.sessionId}
            onChange={(v) => set('sessionId', v)}
            error={errors.sessionId}
            self={false}
          />
        ) : chosenSession ? (
          <p className="fr-mb-0">
            <strong>{sessionLabel(chosenSession.startsAt, chosenSession.endsAt)}</strong>
          </p>
        ) : (
          <p className="fr-mb-0">Entrées tout au long de l’année : pas de session à choisir.</p>
        )}
        {offer.seatAllocation === 'review' && (
          <p className="fr-text--sm fr-mt-1w fr-mb-0">
            La structure étudie chaque demande avant de confirmer la place.
          </p>
        )}
      </section>

      <fieldset className="cat-bo-card">
        <legend className="fr-h5">La personne</legend>
        <p className="fr-text--sm">
          Le strict nécessaire : pas de date de naissance, ni de numéro de sécurité sociale ou d’allocataire CAF.
        </p>
        <div className="cat-row">
          <TextField
            id="p-firstName"
            label="Prénom"
            value={form.firstName}
            onChange={(v) => set('firstName', v)}
            error={errors.firstName}
            maxLength={LIMITS.registration.firstName}
            autoComplete="off"
            required
          />
          <TextField
            id="p-lastName"
            label="Nom"
            value={form.lastName}
            onChange={(v) => set('lastName', v)}
            error={errors.lastName}
            maxLength={LIMITS.registration.lastName}
            autoComplete="off"
            required
          />
        </div>
        <p className="fr-text--sm fr-mb-1w">
          Une adresse électronique ou un numéro de mobile au moins : la personne est prévenue à chaque étape.
        </p>
        <div className="cat-row">
          <TextField
            id="p-email"
            label="Adresse électronique"
            hint="Exemple : nom@domaine.fr"
            type="email"
            inputMode="email"
            value={form.email}
            onChange={(v) => set('email', v)}
            error={errors.email}
            maxLength={LIMITS.email}
            autoComplete="off"
          />
          <TextField
            id="p-phone"
            label="Mobile"
            hint="Exemple : 06 12 34 56 78"
            type="tel"
            inputMode="tel"
            value={form.phone}
            onChange={(v) => set('phone', v)}
            error={errors.phone}
            maxLength={30}
            autoComplete="off"
          />
        </div>
        <div id="p-commune">
          <CommuneField
            ref={communeField}
            slug={slug}
            label="Commune de résidence"
            hint="Commune du département ou code postal, puis choisir dans la liste"
            required
            error={errors.commune}
            value={commune}
            onChange={setCommune}
          />
        </div>
        <p className="fr-text--sm fr-mt-2w fr-mb-1w">Pour les statistiques du département seulement :</p>
        <div className="cat-row">
          <SelectField
            id="p-situation"
            label="Situation"
            value={form.situation}
            onChange={(v) => set('situation', v as PrescriptionForm['situation'])}
            options={options(PERSON_SITUATIONS, SITUATION_LABELS)}
            placeholder="Choisir"
            error={errors.situation}
            required
          />
          <SelectField
            id="p-ageBand"
            label="Tranche d’âge"
            value={form.ageBand}
            onChange={(v) => set('ageBand', v as PrescriptionForm['ageBand'])}
            options={options(AGE_BANDS, AGE_BAND_LABELS)}
            placeholder="Choisir"
            error={errors.ageBand}
            required
          />
        </div>
        <ChoiceGroup
          id="p-sex"
          legend="Sexe"
          type="radio"
          inline
          options={options(SEXES, SEX_LABELS)}
          value={[form.sex]}
          onChange={(v) => set('sex', (v[0] ?? 'unspecified') as PrescriptionForm['sex'])}
          error={errors.sex}
        />
      </fieldset>

      <fieldset className="cat-bo-card">
        <legend className="fr-h5">Accord de la personne</legend>
        <div className={`fr-checkbox-group${errors.consent ? ' fr-checkbox-group--error' : ''}`}>
          <input
            type="checkbox"
            id="p-consent"
            checked={form.consent}
            aria-describedby={errors.consent ? 'p-consent-error' : undefined}
            onChange={(e) => set('consent', e.target.checked)}
          />
          <label className="fr-label" htmlFor="p-consent">
            La personne est d’accord et a été informée du traitement de ses données *
            <span className="fr-hint-text">
              Ses données servent à l’inscription et à son suivi ; la personne peut y accéder, les corriger ou les faire
              effacer. Votre nom et la date de l’accord sont enregistrés.
            </span>
          </label>
          {errors.consent && (
            <p className="fr-error-text" id="p-consent-error">
              {errors.consent}
            </p>
          )}
        </div>
        {form.consent && (
          <ChoiceGroup
            id="p-consentHow"
            legend="Comment l’accord a-t-il été recueilli ?"
            type="radio"
            inline
            required
            options={options(CONSENT_METHODS, CONSENT_LABELS)}
            value={form.consentHow ? [form.consentHow] : []}
            onChange={(v) => set('consentHow', (v[0] ?? '') as PrescriptionForm['consentHow'])}
            error={errors.consentHow}
          />
        )}
      </fieldset>

      <section className="cat-bo-card" aria-labelledby="p-message-title">
        <h2 className="fr-h5" id="p-message-title">
          Message à la structure
        </h2>
        <SensitiveDataWarning />
        <TextArea
          id="p-message"
          label="Message (facultatif)"
          hint="Ce qui aide la structure à accueillir la personne : disponibilités, attentes, contraintes de transport…"
          value={form.message}
          onChange={(v) => set('message', v)}
          rows={4}
          maxLength={LIMITS.registration.message}
          error={errors.message}
        />
      </section>

      <div className="cat-actions">
        <button type="submit" className="fr-btn" disabled={action.busy}>
          Inscrire la personne
        </button>
        <Link className="fr-btn fr-btn--tertiary" to={paths.offer(slug, offer.id)}>
          Annuler
        </Link>
      </div>
    </form>
  );
}

function Prescribe({ slug, offerId, me }: { slug: string; offerId: string; me: Me }) {
  const { search } = useLocation();
  const wanted = new URLSearchParams(search).get('session') ?? '';
  const offer = useLoad(`offer:${slug}:${offerId}`, (s) => api.offer(slug, offerId, s));
  const o = offer.data;
  const crumbs = [
    { label: 'Mon espace', to: paths.space() },
    ...(o ? [{ label: o.title, to: paths.offer(slug, o.id) }] : []),
  ];
  if (!canIn(me, slug).prescribe)
    return (
      <NotAllowed title={TITLE} crumbs={crumbs}>
        <p>
          Seuls les référents inscrivent une personne : membres d’une structure prescriptrice validée par le
          département, ou agents du département.
        </p>
      </NotAllowed>
    );
  return (
    <Page title={TITLE} crumbs={crumbs}>
      <div className="cat-narrow-wide">
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
            <PrescribeForm slug={slug} offer={o} wanted={wanted} />
          </>
        )}
      </div>
    </Page>
  );
}

export function PrescribePage({ slug, offerId }: { slug: string; offerId: string }) {
  return <SignedIn title={TITLE}>{(me) => <Prescribe slug={slug} offerId={offerId} me={me} />}</SignedIn>;
}
