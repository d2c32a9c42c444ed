// Each table of the indicators page as CSV rows: French column names, a hidden figure written « < 5 ».
import {
  FIGURE_SOURCE_LABELS,
  SMALL_COUNT_MIN,
  type Figure,
  type IndicatorsReport,
  type IndicatorTable,
} from '@catalogue/contracts';
import type { CsvValue } from '../../common/csv/csv.js';

export const HIDDEN_CELL = `< ${SMALL_COUNT_MIN}`;

/** A figure's cell: « < 5 » when hidden, empty when unknown; rates as percentages (one decimal). */
export function figureCell(f: Figure, percent = false): CsvValue {
  if (f.hidden) return HIDDEN_CELL;
  if (f.value === null) return '';
  return percent ? Math.round(f.value * 1000) / 10 : f.value;
}

const counts = ['Inscriptions', 'Personnes', 'Personnes acceptées'];
const countCells = (r: { registrations: Figure; people: Figure; accepted: Figure }) => [
  figureCell(r.registrations),
  figureCell(r.people),
  figureCell(r.accepted),
];

export function indicatorsCsv(
  report: IndicatorsReport,
  table: IndicatorTable,
): { header: string[]; rows: CsvValue[][] } {
  const reg = report.registrations;
  switch (table) {
    case 'plan':
      return {
        header: ['Axe', 'Fiche', 'Indicateur', 'Unité', 'Source', 'Cible', 'Réalisé', 'Avancement (%)'],
        rows: report.plan.map((p) => [
          p.axisNumber,
          p.ficheNumber,
          p.label,
          p.unit,
          FIGURE_SOURCE_LABELS[p.source],
          p.target,
          p.hidden ? HIDDEN_CELL : p.achieved,
          p.hidden || p.progress === null ? '' : Math.round(p.progress * 1000) / 10,
        ]),
      };
    case 'channels':
      return {
        header: ['Canal', 'Inscriptions'],
        rows: reg.byChannel.map((c) => [c.label, figureCell(c.registrations)]),
      };
    case 'refusals':
      return {
        header: ['Motif de refus', 'Inscriptions refusées'],
        rows: reg.refusalReasons.map((r) => [r.label, figureCell(r.registrations)]),
      };
    case 'sessions':
      return {
        header: ['Offre', 'Début de la session', 'Places', 'Personnes acceptées', 'Taux de remplissage (%)'],
        rows: reg.sessions.items.map((s) => [
          s.offerTitle,
          new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(
            new Date(s.startsAt),
          ),
          s.capacity,
          figureCell(s.accepted),
          figureCell(s.fillRate, true),
        ]),
      };
    case 'themes':
      return {
        header: ['Thématique', 'Code', ...counts],
        rows: report.byTheme.map((t) => [t.label, t.code, ...countCells(t)]),
      };
    case 'territories':
      return {
        header: ['Territoire', 'Type', 'Code', ...counts],
        rows: report.byTerritory.map((t) => [
          t.label,
          t.kind === 'epci' ? 'EPCI' : t.kind === 'territory' ? 'Territoire du département' : 'Non renseigné',
          t.kind === 'territory' ? '' : t.code,
          ...countCells(t),
        ]),
      };
    case 'years':
      return {
        header: ['Année', ...counts],
        rows: report.byYear.map((y) => [y.year, ...countCells(y)]),
      };
  }
}
