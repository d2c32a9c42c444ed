// The structure form's fields, shared by its creation and its edit: identity, address with commune
// autocomplete and a pin the person can move, contact.
import type { TenantDetail } from '@catalogue/contracts';
import type { Dispatch, ReactNode, SetStateAction } from 'react';
import { useLabels } from '../app/taxonomy.js';
import type { Bbox } from '../map/geometry.js';
import { PinMap } from '../map/PinMap.js';
import { CommuneField } from '../search/CommuneField.js';
import type { OrganizationForm } from './organization-form.js';
import { SelectField, TextArea, TextField } from './ui.js';

const FIELD_IDS: Record<string, string> = { commune: 'org-commune-anchor' };
export const organizationFieldId = (key: string): string => FIELD_IDS[key] ?? `org-${key}`;

export function OrganizationFields(p: {
  slug: string;
  tenant: TenantDetail | undefined;
  form: OrganizationForm;
  setForm: Dispatch<SetStateAction<OrganizationForm>>;
  errors: Record<string, string>;
  /** A check as typed (e.g. the SIRET's key), shown when no submitted error is. */
  liveSiretError?: string | null;
  /** Under the SIRET field: its check against the registered structures (creation). */
  siretStatus?: ReactNode;
  /** After the SIRET field: the structure already registered with it (creation). */
  afterSiret?: ReactNode;
  /** At the top of the identity part: what changing it implies (edit of a validated structure). */
  identityNotice?: ReactNode;
  /** Name, SIRET and prescriber flag read-only (a change of them is waiting for the département). */
  identityLocked?: boolean;
}) {
  const { form, setForm, errors } = p;
  const labels = useLabels();
  const set = <K extends keyof OrganizationForm>(key: K, value: OrganizationForm[K]): void =>
    setForm((f) => ({ ...f, [key]: value }));
  const locked = p.identityLocked ?? false;
  return (
    <>
      <fieldset className="cat-bo-card">
        <legend className="fr-h5">Identité</legend>
        {p.identityNotice}
        <TextField
          id="org-siret"
          label="SIRET"
          hint="14 chiffres, sur l’avis de situation Sirene ou une facture"
          inputMode="numeric"
          autoComplete="off"
          value={form.siret}
          onChange={(v) => set('siret', v)}
          error={errors.siret ?? p.liveSiretError ?? undefined}
          required
          disabled={locked}
          after={p.siretStatus}
        />
        {p.afterSiret}
        <TextField
          id="org-name"
          label="Nom de la structure"
          value={form.name}
          onChange={(v) => set('name', v)}
          error={errors.name}
          required
          maxLength={200}
          disabled={locked}
        />
        <SelectField
          id="org-kind"
          label="Type de structure"
          value={form.kind}
          onChange={(v) => set('kind', v)}
          options={labels?.taxonomy.organizationKinds ?? []}
          placeholder="Choisir un type"
          error={errors.kind}
          required
        />
        <TextArea
          id="org-description"
          label="Présentation"
          hint="En quelques phrases : missions, publics accompagnés"
          value={form.description}
          onChange={(v) => set('description', v)}
          rows={3}
          maxLength={5000}
        />
        <div className="fr-checkbox-group">
          <input
            type="checkbox"
            id="org-prescriber"
            checked={form.prescriber}
            disabled={locked}
            onChange={(e) => set('prescriber', e.target.checked)}
          />
          <label className="fr-label" htmlFor="org-prescriber">
            Structure prescriptrice
            <span className="fr-hint-text">Ses membres orientent des personnes vers les offres (référents).</span>
          </label>
        </div>
        <div className="fr-checkbox-group">
          <input
            type="checkbox"
            id="org-notify-calls"
            checked={form.notifyCalls}
            onChange={(e) => set('notifyCalls', e.target.checked)}
          />
          <label className="fr-label" htmlFor="org-notify-calls">
            Être prévenu par e-mail des nouveaux appels à projets
            <span className="fr-hint-text">
              Chaque membre de la structure reçoit un e-mail à la publication d’un appel du département.
            </span>
          </label>
        </div>
      </fieldset>
      <fieldset className="cat-bo-card">
        <legend className="fr-h5">Adresse</legend>
        <TextField
          id="org-address"
          label="Adresse"
          hint="Numéro et voie"
          autoComplete="street-address"
          value={form.address}
          onChange={(v) => set('address', v)}
          error={errors.address}
          required
        />
        <div id="org-commune-anchor">
          <CommuneField
            slug={p.slug}
            label="Commune"
            hint="Nom ou code postal, puis choisir dans la liste"
            required
            error={errors.commune}
            value={form.commune}
            onChange={(c) => set('commune', c)}
            onPick={(c) => setForm((f) => ({ ...f, lat: c.lat, lng: c.lng }))}
          />
        </div>
        <p className="fr-text--sm fr-mt-1w fr-mb-1w" id="org-pin-help">
          Le repère est placé au centre de la commune : cliquez sur la carte ou faites-le glisser pour le mettre à
          l’adresse exacte.
        </p>
        {p.tenant && (
          <div className="cat-pinbox">
            <PinMap
              label="Carte : emplacement de la structure"
              value={form.lat !== null && form.lng !== null ? { lat: form.lat, lng: form.lng } : null}
              onChange={(pin) => setForm((f) => ({ ...f, lat: pin.lat, lng: pin.lng }))}
              frame={p.tenant.bbox as Bbox}
              outline={p.tenant.outline}
            />
          </div>
        )}
      </fieldset>
      <fieldset className="cat-bo-card">
        <legend className="fr-h5">Contact</legend>
        <div className="cat-row">
          <TextField
            id="org-email"
            label="Adresse électronique"
            type="email"
            autoComplete="email"
            value={form.email}
            onChange={(v) => set('email', v)}
            error={errors.email}
          />
          <TextField
            id="org-phone"
            label="Téléphone"
            type="tel"
            autoComplete="tel"
            value={form.phone}
            onChange={(v) => set('phone', v)}
            error={errors.phone}
          />
        </div>
        <TextField
          id="org-website"
          label="Site internet"
          hint="https://…"
          type="url"
          value={form.website}
          onChange={(v) => set('website', v)}
          error={errors.website}
        />
      </fieldset>
    </>
  );
}
