// French wording of applications: statuses, amounts, deadlines, the log (pure, unit-tested in node).
import type { ApplicationEvent, ApplicationStatus } from '@catalogue/contracts';
import { shortDateLabel, timeLabel } from '../lib/format.js';

export const STATUS_LABELS: Record<ApplicationStatus, { label: string; kind: string }> = {
  draft: { label: 'Brouillon', kind: 'fr-badge--new' },
  submitted: { label: 'Déposé', kind: 'fr-badge--info' },
  completion_requested: { label: 'Complément demandé', kind: 'fr-badge--warning' },
  withdrawn: { label: 'Retiré', kind: '' },
  selected: { label: 'Retenu', kind: 'fr-badge--success' },
  rejected: { label: 'Non retenu', kind: 'fr-badge--error' },
};

export const statusLabel = (s: ApplicationStatus): string => STATUS_LABELS[s]?.label ?? s;

const eurosFormat = new Intl.NumberFormat('fr-FR', {
  style: 'currency',
  currency: 'EUR',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const decimalFormat = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** « 12 500,00 € » (Intl's narrow no-break spaces); « — » when there is no amount. */
export const euros = (n: number | null | undefined): string =>
  n === null || n === undefined ? '—' : eurosFormat.format(n);

/** An amount as it is shown in its input: « 12 500,00 ». */
export const amountInput = (n: number | null | undefined): string =>
  n === null || n === undefined ? '' : decimalFormat.format(n);

/**
 * A decimal typed the French way (« 12 500,5 », « 12500.50 »): the number, null when empty, or
 * 'invalid'. Spaces of any kind are group separators.
 */
export function parseDecimal(text: string): number | null | 'invalid' {
  const t = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (t === '') return null;
  if (!/^-?\d+(\.\d+)?$/.test(t)) return 'invalid';
  return Number(t);
}

/** « 31 janvier 2027 à 23 h 59 » (Paris time). */
export const deadlineLabel = (iso: string): string => `${shortDateLabel(iso)} à ${timeLabel(iso)}`;

/** « Plus que 3 jours », « Plus que 5 heures », « Moins d’une heure », « Dépôt clos ». */
export function timeLeftLabel(closesAt: string, now: Date): string {
  const ms = Date.parse(closesAt) - now.getTime();
  if (ms <= 0) return 'Dépôt clos';
  const hours = Math.floor(ms / 3_600_000);
  if (hours < 1) return 'Moins d’une heure';
  if (hours < 48) return `Plus que ${hours} ${hours === 1 ? 'heure' : 'heures'}`;
  return `Plus que ${Math.floor(hours / 24)} jours`;
}

/** « Enregistré à 14 h 32 ». */
export const savedLabel = (at: Date): string => `Enregistré à ${timeLabel(at.toISOString())}`;

/** « 3 mars 2027 à 9 h 05 ». */
export const atLabel = (iso: string): string => `${shortDateLabel(iso)} à ${timeLabel(iso)}`;

const TRANSITIONS: Partial<Record<ApplicationStatus, string>> = {
  draft: 'Dossier créé',
  submitted: 'Dossier déposé',
  completion_requested: 'Complément demandé',
  withdrawn: 'Dossier retiré',
  selected: 'Dossier retenu',
  rejected: 'Dossier non retenu',
};
const KINDS: Record<string, string> = {
  created: 'Dossier créé',
  submitted: 'Dossier déposé',
  resubmitted: 'Dossier renvoyé avec le complément',
  completion_requested: 'Complément demandé',
  withdrawn: 'Dossier retiré',
  scored: 'Évaluation enregistrée',
  decided: 'Décision enregistrée',
  document_added: 'Pièce jointe',
  document_removed: 'Pièce retirée',
};

/** What an entry of the log says: its kind when known, else the status it led to. */
export function eventLabel(e: ApplicationEvent): string {
  if (e.fromStatus === 'completion_requested' && e.toStatus === 'submitted') return KINDS.resubmitted!;
  return KINDS[e.kind] ?? (e.toStatus ? TRANSITIONS[e.toStatus] : undefined) ?? 'Modification du dossier';
}
