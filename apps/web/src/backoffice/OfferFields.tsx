// Every field of an offer (BRIEF §4), as a controlled form over OfferForm. Field ids follow the
// error keys (see fieldIdOf) so the error summary links to each field.
import type { SeatAllocation, TenantDetail, UpdateFrequencyMonths } from '@catalogue/contracts';
import { UPDATE_FREQUENCIES } from '@catalogue/contracts';
import { useState } from 'react';
import type { Labels } from '../app/taxonomy.js';
import type { Bbox } from '../map/geometry.js';
import { PinMap } from '../map/PinMap.js';
import { CommuneField } from '../search/CommuneField.js';
import { api } from '../app/api.js';
import { useLoad } from '../app/use-load.js';
import {
  emptyPlace,
  emptySession,
  filterZoneChoices,
  OFFER_LIMITS,
  setZoneCodes,
  withZoneType,
  zoneChoicesOf,
  type OfferForm,
  type PlaceForm,
  type SessionForm,
  type ZoneType,
} from './offer-form.js';
import { ChoiceGroup, TextArea, TextField } from './ui.js';
import { FicheSelect } from '../plan/FicheSelect.js';

/** The element id of an error key (`places.0.commune` → `offer-places-0-commune`). */
export const fieldIdOf = (key: string): string => `offer-${key.replace(/\./g, '-')}`;

interface Props {
  slug: string;
  tenant: TenantDetail;
  labels: Labels;
  form: OfferForm;
  onChange: (f: OfferForm) => void;
  errors: Record<string, string>;
  disabled?: boolean;
}

const SEAT_ALLOCATION_CHOICES: { code: SeatAllocation; label: string }[] = [
  { code: 'automatic', label: 'Automatique : la place est donnée tout de suite s’il en reste, sinon liste d’attente' },
  { code: 'review', label: 'Après examen par la structure' },
];

const ZONE_TYPES: { code: ZoneType; label: string }[] = [
  { code: 'departement', label: 'Tout le département' },
  { code: 'communes', label: 'Des communes' },
  { code: 'epci', label: 'Des intercommunalités (EPCI)' },
  { code: 'territory', label: 'Des territoires du département' },
];

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section className="cat-bo-card" aria-labelledby={id}>
      <h2 className="fr-h5" id={id}>
        {title}
      </h2>
      {children}
    </section>
  );
}

function Themes({
  labels,
  value,
  onChange,
  error,
}: {
  labels: Labels;
  value: string[];
  onChange: (v: string[]) => void;
  error?: string | undefined;
}) {
  const t = labels.taxonomy;
  return (
    <fieldset
      className={`fr-fieldset${error ? ' fr-fieldset--error' : ''}`}
      id={fieldIdOf('themes')}
      aria-labelledby={`${fieldIdOf('themes')}-legend`}
    >
      <legend className="fr-fieldset__legend fr-fieldset__legend--regular" id={`${fieldIdOf('themes')}-legend`}>
        Thématiques *
        <span className="fr-hint-text">
          Ouvrez une catégorie pour cocher ses thématiques ({value.length} choisie{value.length > 1 ? 's' : ''})
        </span>
      </legend>
      <div className="fr-fieldset__element">
        {t.themeCategories.map((c) => {
          const themes = t.themes.filter((th) => th.category === c.code);
          const chosen = themes.filter((th) => value.includes(th.code)).length;
          return (
            <details key={c.code} className="cat-theme-group" open={chosen > 0 || undefined}>
              <summary>
                {c.label}
                {chosen > 0 && (
                  <span className="cat-muted">
                    {' '}
                    — {chosen} choisie{chosen > 1 ? 's' : ''}
                  </span>
                )}
              </summary>
              <div className="cat-choice-columns">
                {themes.map((th) => (
                  <div key={th.code} className="fr-checkbox-group fr-checkbox-group--sm">
                    <input
                      type="checkbox"
                      id={`theme-${th.code}`}
                      checked={value.includes(th.code)}
                      onChange={(e) =>
                        onChange(e.target.checked ? [...value, th.code] : value.filter((v) => v !== th.code))
                      }
                    />
                    <label className="fr-label" htmlFor={`theme-${th.code}`}>
                      {th.label}
                    </label>
                  </div>
                ))}
              </div>
            </details>
          );
        })}
      </div>
      {error && (
        <div className="fr-messages-group" aria-live="polite">
          <p className="fr-message fr-message--error">{error}</p>
        </div>
      )}
    </fieldset>
  );
}

function PlaceEditor({
  slug,
  tenant,
  place,
  index,
  errors,
  onChange,
  onRemove,
  disabled,
}: {
  slug: string;
  tenant: TenantDetail;
  place: PlaceForm;
  index: number;
  errors: Record<string, string>;
  onChange: (p: PlaceForm) => void;
  onRemove: () => void;
  disabled: boolean;
}) {
  const k = (f: string): string => `places.${index}.${f}`;
  return (
    <div className="cat-subform" role="group" aria-labelledby={`place-${place.key}`}>
      <div className="cat-subform__head">
        <h3 id={`place-${place.key}`}>Lieu {index + 1}</h3>
        {!disabled && (
          <button
            type="button"
            className="fr-btn fr-btn--sm fr-btn--tertiary fr-icon-delete-line fr-btn--icon-left"
            onClick={onRemove}
          >
            Retirer le lieu {index + 1}
          </button>
        )}
      </div>
      <div className="cat-row">
        <TextField
          id={fieldIdOf(k('label'))}
          label="Nom du lieu"
          hint="Facultatif (ex. : « Salle des fêtes »)"
          value={place.label}
          onChange={(v) => onChange({ ...place, label: v })}
        />
        <TextField
          id={fieldIdOf(k('address'))}
          label="Adresse"
          value={place.address}
          onChange={(v) => onChange({ ...place, address: v })}
          error={errors[k('address')]}
          required
        />
      </div>
      <div id={fieldIdOf(k('commune'))}>
        <CommuneField
          slug={slug}
          label="Commune"
          hint="Nom ou code postal, puis choisir dans la liste"
          required
          error={errors[k('commune')]}
          value={place.commune}
          onChange={(c) => onChange({ ...place, commune: c })}
          onPick={(c) =>
            onChange({
              ...place,
              commune: { insee: c.insee, label: `${c.name} (${c.postcodes[0] ?? c.insee.slice(0, 2)})` },
              lat: c.lat,
              lng: c.lng,
            })
          }
        />
      </div>
      <p className="fr-text--sm fr-mb-1w" id={fieldIdOf(k('pin'))} tabIndex={-1}>
        Repère du lieu : placé au centre de la commune choisie ; cliquez sur la carte ou faites glisser le repère
        jusqu’à l’adresse exacte.
      </p>
      {errors[k('pin')] && <p className="fr-error-text fr-mt-0">{errors[k('pin')]}</p>}
      <div className="cat-pinbox">
        <PinMap
          label={`Carte : emplacement du lieu ${index + 1}`}
          value={place.lat !== null && place.lng !== null ? { lat: place.lat, lng: place.lng } : null}
          onChange={(p) => onChange({ ...place, lat: p.lat, lng: p.lng })}
          frame={tenant.bbox as Bbox}
          outline={tenant.outline}
          disabled={disabled}
        />
      </div>
    </div>
  );
}

function ZonePicker({
  slug,
  form,
  onChange,
  error,
  disabled,
}: {
  slug: string;
  form: OfferForm;
  onChange: (f: OfferForm) => void;
  error?: string | undefined;
  disabled: boolean;
}) {
  const zones = useLoad(`zones:${slug}`, () => api.zones(slug));
  const [filter, setFilter] = useState('');
  const add = (a: { code: string; name: string }): void => {
    if (!form.zoneAreas.some((z) => z.code === a.code)) onChange({ ...form, zoneAreas: [...form.zoneAreas, a] });
  };
  const choices = zoneChoicesOf(form.zoneType, zones.data);
  const shown = filterZoneChoices(choices, filter);
  const isEpci = form.zoneType === 'epci';
  const chosenCodes = form.zoneAreas.map((a) => a.code);
  return (
    <div id={fieldIdOf('zone')}>
      <ChoiceGroup
        id="offer-zoneType"
        legend="Zone de diffusion"
        hint="Où habitent les personnes à qui l’offre s’adresse"
        type="radio"
        options={ZONE_TYPES}
        value={[form.zoneType]}
        onChange={(v) => {
          setFilter('');
          onChange(withZoneType(form, v[0] as ZoneType));
        }}
        inline
        error={error}
      />
      {form.zoneType !== 'departement' && (
        <>
          {form.zoneAreas.length > 0 && (
            <ul className="fr-tags-group" aria-label="Zones choisies">
              {form.zoneAreas.map((a) => (
                <li key={a.code}>
                  <button
                    type="button"
                    className="fr-tag fr-tag--sm fr-tag--dismiss"
                    aria-label={`Retirer ${a.name}`}
                    disabled={disabled}
                    onClick={() => onChange({ ...form, zoneAreas: form.zoneAreas.filter((z) => z.code !== a.code) })}
                  >
                    {a.name}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {form.zoneType === 'communes' ? (
            <CommuneField
              slug={slug}
              label="Ajouter une commune"
              hint="Nom ou code postal"
              value={null}
              onChange={() => undefined}
              onPick={(c) => add({ code: c.insee, name: c.name })}
            />
          ) : zones.status === 'error' && !zones.data ? (
            <p className="fr-error-text">
              La liste des {isEpci ? 'intercommunalités' : 'territoires'} n’a pas pu être chargée ({zones.error.message}
              ). Rechargez la page pour réessayer.
            </p>
          ) : !zones.data ? (
            <p className="fr-text--sm" role="status">
              Chargement de la liste…
            </p>
          ) : choices.length === 0 ? (
            <p className="fr-text--sm">
              {isEpci
                ? 'Aucune intercommunalité n’est connue pour ce département.'
                : 'Le département n’a défini aucun territoire : choisissez des communes ou des intercommunalités.'}
            </p>
          ) : (
            <>
              {choices.length > 8 && (
                <TextField
                  id="offer-zone-filter"
                  label={isEpci ? 'Filtrer les intercommunalités' : 'Filtrer les territoires'}
                  hint="Une partie du nom (ou le numéro SIREN)"
                  value={filter}
                  onChange={setFilter}
                  autoComplete="off"
                />
              )}
              <div className="cat-zone-choices">
                <ChoiceGroup
                  id="offer-zone-areas"
                  legend={
                    isEpci
                      ? `Intercommunalités (EPCI) du département — ${form.zoneAreas.length} choisie${form.zoneAreas.length > 1 ? 's' : ''}`
                      : `Territoires du département — ${form.zoneAreas.length} choisi${form.zoneAreas.length > 1 ? 's' : ''}`
                  }
                  type="checkbox"
                  options={shown.map((c) => ({ code: c.code, label: c.name }))}
                  value={chosenCodes}
                  onChange={(codes) => onChange(setZoneCodes(form, codes, choices))}
                  columns
                />
                {shown.length === 0 && (
                  <p className="fr-text--sm" role="status">
                    Aucun nom ne contient « {filter.trim()} ».
                  </p>
                )}
              </div>
            </>
          )}
        </>
      )}
    </div>
  );
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
/** "3 places prises, 2 personnes en liste d’attente". */
const heldLabel = ({ booked, waitlist }: { booked: number; waitlist: number }): string =>
  [
    booked > 0 ? plural(booked, 'place prise', 'places prises') : '',
    waitlist > 0 ? `${plural(waitlist, 'personne', 'personnes')} en liste d’attente` : '',
  ]
    .filter(Boolean)
    .join(', ');

function SessionEditor({
  session,
  index,
  errors,
  onChange,
  onRemove,
  disabled,
}: {
  session: SessionForm;
  index: number;
  errors: Record<string, string>;
  onChange: (s: SessionForm) => void;
  onRemove: () => void;
  disabled: boolean;
}) {
  const k = (f: string): string => `sessions.${index}.${f}`;
  return (
    <div className="cat-subform" role="group" aria-labelledby={`session-${session.key}`}>
      <div className="cat-subform__head">
        <h3 id={`session-${session.key}`}>Session {index + 1}</h3>
        {!disabled && (
          <button
            type="button"
            className="fr-btn fr-btn--sm fr-btn--tertiary fr-icon-delete-line fr-btn--icon-left"
            onClick={onRemove}
          >
            Retirer la session {index + 1}
          </button>
        )}
      </div>
      {session.held && (session.held.booked > 0 || session.held.waitlist > 0) && (
        <p className="fr-text--sm cat-muted fr-mb-1w">
          {heldLabel(session.held)} : la session ne peut pas être retirée, ni ses places réduites sous les places
          prises.
        </p>
      )}
      <div className="cat-row">
        <TextField
          id={fieldIdOf(k('startsAt'))}
          label="Début"
          type="datetime-local"
          value={session.startsAt}
          onChange={(v) => onChange({ ...session, startsAt: v })}
          error={errors[k('startsAt')]}
          required
        />
        <TextField
          id={fieldIdOf(k('endsAt'))}
          label="Fin"
          hint="Facultatif"
          type="datetime-local"
          value={session.endsAt}
          onChange={(v) => onChange({ ...session, endsAt: v })}
          error={errors[k('endsAt')]}
        />
        <TextField
          id={fieldIdOf(k('capacity'))}
          label="Nombre de places"
          type="number"
          inputMode="numeric"
          value={session.capacity}
          onChange={(v) => onChange({ ...session, capacity: v })}
          error={errors[k('capacity')]}
          required
        />
      </div>
    </div>
  );
}

export function OfferFields({ slug, tenant, labels, form, onChange, errors, disabled = false }: Props) {
  const t = labels.taxonomy;
  const set = <K extends keyof OfferForm>(key: K, value: OfferForm[K]): void => onChange({ ...form, [key]: value });
  const costs = t.costs.filter((c) => c.code === 'gratuit' || c.code === 'payant');
  return (
    <fieldset disabled={disabled} className="cat-offer-fields">
      <legend className="fr-sr-only">Contenu de l’offre</legend>
      <Section id="s-desc" title="Présentation">
        <TextField
          id={fieldIdOf('title')}
          label="Titre"
          value={form.title}
          onChange={(v) => set('title', v)}
          error={errors.title}
          required
          maxLength={OFFER_LIMITS.titleMax}
        />
        <TextArea
          id={fieldIdOf('summary')}
          label="Résumé"
          hint="Une ou deux phrases, affichées dans les résultats de recherche"
          value={form.summary}
          onChange={(v) => set('summary', v)}
          error={errors.summary}
          rows={2}
          maxLength={OFFER_LIMITS.summaryMax}
        />
        <TextArea
          id={fieldIdOf('description')}
          label="Description"
          hint="Déroulé, objectifs, ce que la personne y trouvera"
          value={form.description}
          onChange={(v) => set('description', v)}
          error={errors.description}
          rows={6}
          maxLength={OFFER_LIMITS.descriptionMax}
        />
      </Section>
      <Section id="s-class" title="Thématiques et publics">
        <Themes labels={labels} value={form.themes} onChange={(v) => set('themes', v)} error={errors.themes} />
        <ChoiceGroup
          id={fieldIdOf('audiences')}
          legend="Publics"
          type="checkbox"
          options={t.audiences}
          value={form.audiences}
          onChange={(v) => set('audiences', v)}
          columns
        />
        <ChoiceGroup
          id={fieldIdOf('serviceTypes')}
          legend="Types de service"
          type="checkbox"
          options={t.serviceTypes}
          value={form.serviceTypes}
          onChange={(v) => set('serviceTypes', v)}
          columns
        />
        <TextArea
          id={fieldIdOf('eligibility')}
          label="Conditions d’accès"
          hint="Critères à remplir (âge, statut, lieu de résidence…)"
          value={form.eligibility}
          onChange={(v) => set('eligibility', v)}
          rows={2}
        />
      </Section>
      <Section id="s-access" title="Accès et modalités">
        <ChoiceGroup
          id={fieldIdOf('access')}
          legend="Mode d’accès"
          type="radio"
          required
          options={t.accessModes}
          value={form.access ? [form.access] : []}
          onChange={(v) => set('access', v[0] as OfferForm['access'])}
          error={errors.access}
        />
        <ChoiceGroup
          id={fieldIdOf('mobilisationModes')}
          legend="Comment mobiliser l’offre"
          type="checkbox"
          options={t.mobilisationModes}
          value={form.mobilisationModes}
          onChange={(v) => set('mobilisationModes', v)}
          columns
        />
        <ChoiceGroup
          id={fieldIdOf('modes')}
          legend="Modalités d’accueil"
          type="checkbox"
          options={t.modes}
          value={form.modes}
          onChange={(v) => set('modes', v)}
          inline
        />
        <ChoiceGroup
          id={fieldIdOf('cost')}
          legend="Coût pour la personne"
          type="radio"
          options={
            costs.length
              ? costs
              : [
                  { code: 'gratuit', label: 'Gratuit' },
                  { code: 'payant', label: 'Payant' },
                ]
          }
          value={form.cost ? [form.cost] : []}
          onChange={(v) => set('cost', v[0] as OfferForm['cost'])}
          inline
        />
        {form.cost === 'payant' && (
          <TextField
            id={fieldIdOf('costDetails')}
            label="Détail du coût"
            value={form.costDetails}
            onChange={(v) => set('costDetails', v)}
            error={errors.costDetails}
            required
          />
        )}
      </Section>
      <Section id="s-places" title="Lieux">
        {form.places.length === 0 && (
          <p className="fr-text--sm">Aucun lieu : l’offre se déroule à distance ou chez la personne.</p>
        )}
        {form.places.map((p, i) => (
          <PlaceEditor
            key={p.key}
            slug={slug}
            tenant={tenant}
            place={p}
            index={i}
            errors={errors}
            disabled={disabled}
            onChange={(np) =>
              set(
                'places',
                form.places.map((x) => (x.key === p.key ? np : x)),
              )
            }
            onRemove={() =>
              set(
                'places',
                form.places.filter((x) => x.key !== p.key),
              )
            }
          />
        ))}
        {!disabled && (
          <button
            type="button"
            className="fr-btn fr-btn--secondary fr-btn--sm fr-icon-add-line fr-btn--icon-left"
            onClick={() => set('places', [...form.places, emptyPlace()])}
          >
            Ajouter un lieu
          </button>
        )}
      </Section>
      <Section id="s-zone" title="Zone de diffusion">
        <ZonePicker slug={slug} form={form} onChange={onChange} error={errors.zone} disabled={disabled} />
      </Section>
      <Section id="s-sessions" title="Sessions">
        {form.sessions.length === 0 && (
          <p className="fr-text--sm">Aucune session datée : l’offre est proposée en continu.</p>
        )}
        {form.sessions.map((s, i) => (
          <SessionEditor
            key={s.key}
            session={s}
            index={i}
            errors={errors}
            disabled={disabled}
            onChange={(ns) =>
              set(
                'sessions',
                form.sessions.map((x) => (x.key === s.key ? ns : x)),
              )
            }
            onRemove={() =>
              set(
                'sessions',
                form.sessions.filter((x) => x.key !== s.key),
              )
            }
          />
        ))}
        {!disabled && (
          <button
            type="button"
            className="fr-btn fr-btn--secondary fr-btn--sm fr-icon-add-line fr-btn--icon-left"
            onClick={() => set('sessions', [...form.sessions, emptySession()])}
          >
            Ajouter une session
          </button>
        )}
      </Section>
      <Section id="s-registrations" title="Inscriptions">
        <ChoiceGroup
          id={fieldIdOf('seatAllocation')}
          legend="Attribution des places"
          hint="Pour chaque inscription à une session"
          type="radio"
          options={SEAT_ALLOCATION_CHOICES}
          value={[form.seatAllocation]}
          onChange={(v) => set('seatAllocation', v[0] as SeatAllocation)}
          error={errors.seatAllocation}
        />
        <TextField
          id={fieldIdOf('cancellationCutoffHours')}
          label="Délai d’annulation (heures avant la session)"
          hint={`Jusqu’à ce délai, la personne ou son référent peut annuler ; après, l’annulation est enregistrée comme une absence excusée. De 0 à ${OFFER_LIMITS.cutoffHoursMax} heures.`}
          type="number"
          inputMode="numeric"
          value={form.cancellationCutoffHours}
          onChange={(v) => set('cancellationCutoffHours', v)}
          error={errors.cancellationCutoffHours}
          required
        />
      </Section>
      <Section id="s-contact" title="Contact et financement">
        <div className="cat-row">
          <TextField
            id={fieldIdOf('contactName')}
            label="Nom du contact"
            value={form.contactName}
            onChange={(v) => set('contactName', v)}
          />
          <TextField
            id={fieldIdOf('contactEmail')}
            label="Courriel"
            type="email"
            value={form.contactEmail}
            onChange={(v) => set('contactEmail', v)}
            error={errors.contactEmail}
          />
          <TextField
            id={fieldIdOf('contactPhone')}
            label="Téléphone"
            type="tel"
            value={form.contactPhone}
            onChange={(v) => set('contactPhone', v)}
            error={errors.contactPhone}
          />
        </div>
        <ChoiceGroup
          id={fieldIdOf('funding')}
          legend="Financements"
          type="checkbox"
          options={t.fundingSources}
          value={form.funding}
          onChange={(v) => set('funding', v)}
          columns
        />
        <FicheSelect
          id={fieldIdOf('ficheId')}
          slug={slug}
          value={form.ficheId}
          onChange={(v) => set('ficheId', v)}
          error={errors.ficheId}
          disabled={disabled}
        />
        <ChoiceGroup
          id={fieldIdOf('updateFrequencyMonths')}
          legend="Fréquence de mise à jour"
          hint="Passé ce délai, l’offre est signalée « à mettre à jour »"
          type="radio"
          inline
          options={UPDATE_FREQUENCIES.map((m) => ({ code: String(m), label: `${m} mois` }))}
          value={[String(form.updateFrequencyMonths)]}
          onChange={(v) => set('updateFrequencyMonths', Number(v[0]) as UpdateFrequencyMonths)}
        />
      </Section>
    </fieldset>
  );
}
