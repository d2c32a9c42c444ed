// Pure helpers of the report's pages: the years offered, and the editor's form for one fiche (what
// is typed, checked as the API checks it, and turned into the PUT body).
import {
  REPORT_LIMITS,
  REPORT_YEAR_MAX,
  REPORT_YEAR_MIN,
  type ReportFiche,
  type ReportFicheWrite,
} from '@catalogue/contracts';

/** The years to choose from, newest first: the plan's period and up to this year. */
export function reportYears(current: number, periodStart?: number, periodEnd?: number): number[] {
  const from = Math.max(REPORT_YEAR_MIN, Math.min(periodStart ?? current - 4, current));
  const to = Math.min(REPORT_YEAR_MAX, Math.max(current, periodEnd ?? current));
  const years: number[] = [];
  for (let y = to; y >= from && years.length < 30; y--) years.push(y);
  return years;
}

export interface FicheForm {
  progress: string;
  /** Euros as typed (« 12 500,50 »); '' when none. */
  voted: string;
  /** Per manual indicator: value as typed and note. */
  values: Record<string, { value: string; note: string }>;
}

const typed = (n: number | null): string => (n === null ? '' : String(n).replace('.', ','));

export function ficheForm(f: ReportFiche): FicheForm {
  return {
    progress: f.progress,
    voted: typed(f.funding.voted),
    values: Object.fromEntries(
      f.indicators
        .filter((i) => i.measure === 'manual')
        .map((i) => [i.indicatorId, { value: typed(i.achieved), note: i.note ?? '' }]),
    ),
  };
}

/** A number as typed in French or English (« 1 200,5 »); NaN when it is not one. */
export function parseTyped(s: string): number {
  const t = s.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  return t === '' || !/^-?\d+(\.\d+)?$/.test(t) ? Number.NaN : Number(t);
}

const twoDecimals = (n: number) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6;

/** The PUT body, or the errors keyed by field id (`voted`, `value-<indicatorId>`, …). */
export function ficheWrite(
  form: FicheForm,
): { body: ReportFicheWrite; errors: null } | { body: null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (form.progress.length > REPORT_LIMITS.progress)
    errors['progress'] = `État d’avancement : ${REPORT_LIMITS.progress.toLocaleString('fr-FR')} caractères au plus`;
  let voted: number | null = null;
  if (form.voted.trim() !== '') {
    voted = parseTyped(form.voted);
    if (Number.isNaN(voted) || voted < 0 || !twoDecimals(voted))
      errors['voted'] = 'Montant voté : un nombre d’euros positif, deux décimales au plus (ex. 12 500,50)';
    else if (voted > REPORT_LIMITS.votedMax)
      errors['voted'] = `Montant voté : ${REPORT_LIMITS.votedMax.toLocaleString('fr-FR')} € au plus`;
  }
  const values = Object.entries(form.values).map(([indicatorId, v]) => {
    let value: number | null = null;
    if (v.value.trim() !== '') {
      value = parseTyped(v.value);
      if (Number.isNaN(value) || !twoDecimals(value) || Math.abs(value) > REPORT_LIMITS.valueMax)
        errors[`value-${indicatorId}`] = 'Valeur réalisée : un nombre, deux décimales au plus';
    }
    if (v.note.length > REPORT_LIMITS.note)
      errors[`note-${indicatorId}`] = `Note : ${REPORT_LIMITS.note} caractères au plus`;
    return { indicatorId, value, note: v.note.trim() || null };
  });
  if (Object.keys(errors).length) return { body: null, errors };
  return { body: { progress: form.progress.trim(), voted, values }, errors: null };
}

/** « Mis à jour le 5 déc. 2026 par Agent Drôme » */
export function updatedLine(at: string | null, by: string | null): string | null {
  if (!at) return null;
  const day = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long' }).format(new Date(at));
  return `Mis à jour le ${day}${by ? ` par ${by}` : ''}`;
}
