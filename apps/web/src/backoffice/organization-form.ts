// The structure form's state and checks (pure, unit-tested in node), for creating and editing.
import {
  isEmailAddress,
  isPhoneNumber,
  ORGANIZATION_IDENTITY_FIELDS,
  type BackOfficeOrganization,
  type OrganizationIdentityField,
  type OrganizationInput,
} from '@catalogue/contracts';

export interface OrganizationForm {
  siret: string;
  name: string;
  kind: string;
  description: string;
  address: string;
  commune: { insee: string; label: string } | null;
  lat: number | null;
  lng: number | null;
  website: string;
  email: string;
  phone: string;
  prescriber: boolean;
  /** Told by email of new calls for projects. */
  notifyCalls: boolean;
}

export const emptyOrganizationForm = (): OrganizationForm => ({
  siret: '',
  name: '',
  kind: '',
  description: '',
  address: '',
  commune: null,
  lat: null,
  lng: null,
  website: '',
  email: '',
  phone: '',
  prescriber: false,
  notifyCalls: false,
});

/** The digits of a SIRET as typed with spaces or dots ("123 456 789 00012"). */
export const normalizeSiret = (value: string): string => value.replace(/[\s.]/g, '');

const luhn = (digits: string): boolean => {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
};

/** Same rule as the API (@catalogue/domain isValidSiret): Luhn, La Poste's establishments by digit sum. */
export function siretProblem(value: string): string | null {
  const s = normalizeSiret(value);
  if (s === '') return 'Indiquez le SIRET de la structure (14 chiffres).';
  if (!/^\d+$/.test(s)) return 'Le SIRET ne contient que des chiffres.';
  if (s.length !== 14) return `Le SIRET compte 14 chiffres (${s.length} saisi${s.length > 1 ? 's' : ''}).`;
  const ok =
    s.startsWith('356000000') && s !== '35600000000012' ? [...s].reduce((a, c) => a + Number(c), 0) % 5 === 0 : luhn(s);
  return ok ? null : 'Ce SIRET n’existe pas : vérifiez les chiffres (clé de contrôle incorrecte).';
}

export function validateOrganizationForm(f: OrganizationForm): Record<string, string> {
  const errors: Record<string, string> = {};
  const siret = siretProblem(f.siret);
  if (siret) errors.siret = siret;
  if (f.name.trim() === '') errors.name = 'Indiquez le nom de la structure.';
  if (f.kind === '') errors.kind = 'Choisissez le type de structure.';
  if (f.address.trim() === '') errors.address = 'Indiquez l’adresse.';
  if (!f.commune) errors.commune = 'Choisissez la commune dans la liste proposée.';
  if (f.email.trim() && !isEmailAddress(f.email.trim()))
    errors.email = 'Adresse électronique invalide (exemple : contact@structure.fr).';
  if (f.phone.trim() && !isPhoneNumber(f.phone.trim()))
    errors.phone = 'Numéro de téléphone invalide (exemple : 04 75 00 00 00).';
  if (f.website.trim() && !/^https?:\/\/\S+\.\S+/.test(f.website.trim()))
    errors.website = 'Adresse du site invalide (exemple : https://www.structure.fr).';
  return errors;
}

const orNull = (s: string): string | null => (s.trim() ? s.trim() : null);

export function organizationInputFromForm(f: OrganizationForm): OrganizationInput {
  return {
    siret: normalizeSiret(f.siret),
    name: f.name.trim(),
    kind: f.kind,
    description: f.description.trim(),
    address: f.address.trim(),
    communeInsee: f.commune!.insee,
    lat: f.lat,
    lng: f.lng,
    website: orNull(f.website),
    email: orNull(f.email),
    phone: orNull(f.phone),
    prescriber: f.prescriber,
    ...(f.notifyCalls ? { notifyCalls: true } : {}),
  };
}

/** The edit form of an existing structure. */
export function organizationFormFrom(o: BackOfficeOrganization): OrganizationForm {
  return {
    siret: o.siret ?? '',
    name: o.name,
    kind: o.kind,
    description: o.description,
    address: o.address,
    commune: o.communeInsee ? { insee: o.communeInsee, label: o.commune ?? o.communeInsee } : null,
    lat: o.lat,
    lng: o.lng,
    website: o.website ?? '',
    email: o.email ?? '',
    phone: o.phone ?? '',
    prescriber: o.prescriber,
    notifyCalls: o.notifyCalls,
  };
}

/** The form's field for a field the API named in a 400 (`communeInsee` is the commune field). */
export const formFieldOfParameter = (parameter: string): string =>
  parameter === 'communeInsee' ? 'commune' : parameter;

/** The edit's checks: those of creation, except on a value left as it was (an imported structure without SIRET). */
export function validateOrganizationEdit(initial: OrganizationForm, f: OrganizationForm): Record<string, string> {
  const errors = validateOrganizationForm(f);
  if (normalizeSiret(f.siret) === normalizeSiret(initial.siret)) delete errors.siret;
  if (!f.commune && !initial.commune) delete errors.commune;
  return errors;
}

/** Only what the person changed (PATCH keeps every field it is not sent); a moved pin is sent whole. */
export function organizationPatchFromForm(initial: OrganizationForm, f: OrganizationForm): Partial<OrganizationInput> {
  const patch: Partial<OrganizationInput> = {};
  const set = <K extends keyof OrganizationInput>(
    key: K,
    before: OrganizationInput[K],
    after: OrganizationInput[K],
  ): void => {
    if (before !== after) patch[key] = after;
  };
  set('siret', normalizeSiret(initial.siret), normalizeSiret(f.siret));
  set('name', initial.name.trim(), f.name.trim());
  set('kind', initial.kind, f.kind);
  set('description', initial.description.trim(), f.description.trim());
  set('address', initial.address.trim(), f.address.trim());
  if (f.commune && f.commune.insee !== initial.commune?.insee) patch.communeInsee = f.commune.insee;
  if (f.lat !== initial.lat || f.lng !== initial.lng) Object.assign(patch, { lat: f.lat, lng: f.lng });
  set('website', orNull(initial.website), orNull(f.website));
  set('email', orNull(initial.email), orNull(f.email));
  set('phone', orNull(initial.phone), orNull(f.phone));
  set('prescriber', initial.prescriber, f.prescriber);
  set('notifyCalls', initial.notifyCalls, f.notifyCalls);
  return patch;
}

/** The fields of a change that a validated structure submits to the département's review. */
export const reviewedFieldsOf = (patch: Partial<OrganizationInput>): OrganizationIdentityField[] =>
  ORGANIZATION_IDENTITY_FIELDS.filter((k) => k in patch);

/** Password rule of the API (AUTH_LIMITS): a message, or null. */
export function passwordProblem(password: string, min: number, max: number): string | null {
  if (password.length < min) return `Le mot de passe doit compter au moins ${min} caractères.`;
  if (password.length > max) return `Le mot de passe ne peut dépasser ${max} caractères.`;
  return null;
}
