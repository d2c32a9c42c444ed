// The département's registration delays as the settings page edits them (pure, unit-tested in
// node): numbers as typed, checked against the API's bounds and rules (@catalogue/contracts).
import { TENANT_DELAYS, tenantSettingsErrors, type SettingsRule, type TenantSettings } from '@catalogue/contracts';

export type DelayKey = keyof typeof TENANT_DELAYS;
export const DELAY_KEYS = Object.keys(TENANT_DELAYS) as DelayKey[];

/** The delays as typed. */
export type DelaysForm = Record<DelayKey, string>;

/** Each delay's label and help, in French. */
export const DELAY_FIELDS: Record<DelayKey, { label: string; hint: string; unit: string }> = {
  registrationReminderDays: {
    label: 'Rappel d’une inscription en attente (jours)',
    hint: 'La structure reçoit un rappel quand une inscription attend sa réponse depuis ce nombre de jours.',
    unit: 'jours',
  },
  registrationExpiryDays: {
    label: 'Expiration d’une inscription en attente (jours)',
    hint: 'Sans réponse de la structure après ce nombre de jours, l’inscription expire et la personne en est prévenue. Plus long que le rappel.',
    unit: 'jours',
  },
  personalDataRetentionMonths: {
    label: 'Conservation des données personnelles (mois)',
    hint: 'Ce nombre de mois après la dernière activité d’une personne inscrite, ses nom et coordonnées sont effacés ; les statistiques restent.',
    unit: 'mois',
  },
};

export const delaysFormOf = (s: Pick<TenantSettings, DelayKey>): DelaysForm =>
  Object.fromEntries(DELAY_KEYS.map((k) => [k, String(s[k])])) as DelaysForm;

export const delaysFromForm = (f: DelaysForm): Pick<TenantSettings, DelayKey> =>
  Object.fromEntries(DELAY_KEYS.map((k) => [k, Number(f[k])])) as Pick<TenantSettings, DelayKey>;

/** "De 1 à 90 jours." */
export const delayBoundsLabel = (k: DelayKey): string =>
  `De ${TENANT_DELAYS[k].min} à ${TENANT_DELAYS[k].max} ${DELAY_FIELDS[k].unit}.`;

const RULE_MESSAGES: Record<SettingsRule, (f: DelaysForm) => string> = {
  reminderBeforeExpiry: (f) =>
    `L’expiration doit venir après le rappel : plus de ${f.registrationReminderDays.trim()} jours.`,
};

/** French messages by field; empty when valid. */
export function validateDelays(f: DelaysForm): Partial<Record<DelayKey, string>> {
  const errors: Partial<Record<DelayKey, string>> = {};
  for (const k of DELAY_KEYS) {
    const n = Number(f[k]);
    const { min, max } = TENANT_DELAYS[k];
    if (f[k].trim() === '' || !Number.isInteger(n) || n < min || n > max)
      errors[k] = `Un nombre entier de ${DELAY_FIELDS[k].unit}, de ${min} à ${max}.`;
  }
  if (errors.registrationReminderDays || errors.registrationExpiryDays) return errors;
  for (const e of tenantSettingsErrors(delaysFromForm(f))) errors[e.field as DelayKey] ??= RULE_MESSAGES[e.rule](f);
  return errors;
}
