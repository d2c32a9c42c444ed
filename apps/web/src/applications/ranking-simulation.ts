// The committee's simulation against the envelope (pure, unit-tested in node): which submitted
// applications are selected, for how much (the amount requested by default, never more), what is
// left of the envelope, and the decisions to record from it.
import {
  CALL_LIMITS,
  envelopeLeft,
  toCents,
  type CallDecision,
  type Ranking,
  type RankingLine,
} from '@catalogue/contracts';
import { amountInput, euros, parseDecimal } from './application-text.js';

export interface SimLine {
  selected: boolean;
  /** The amount to grant, as typed. */
  amount: string;
  /** The line's own reasons; null: the common text of its decision. */
  reasons: string | null;
}

export interface Simulation {
  lines: Record<string, SimLine>;
  /** Typed once for every application not selected. */
  rejectReasons: string;
  /** Typed once for every application selected. */
  selectReasons: string;
}

/** Only submitted applications wait for a decision (the others are decided, or back with their structure). */
export const decidable = (l: RankingLine): boolean => l.status === 'submitted';

export function initialSimulation(r: Ranking): Simulation {
  const lines: Record<string, SimLine> = {};
  for (const l of r.lines)
    if (decidable(l))
      lines[l.applicationId] = { selected: false, amount: amountInput(l.amountRequested), reasons: null };
  return { lines, rejectReasons: '', selectReasons: 'Projet retenu par le comité de sélection.' };
}

const patch = (s: Simulation, id: string, change: Partial<SimLine>): Simulation =>
  s.lines[id] ? { ...s, lines: { ...s.lines, [id]: { ...s.lines[id]!, ...change } } } : s;

export const toggleLine = (s: Simulation, id: string, selected: boolean): Simulation => patch(s, id, { selected });
export const setAmount = (s: Simulation, id: string, amount: string): Simulation => patch(s, id, { amount });
export const setLineReasons = (s: Simulation, id: string, reasons: string | null): Simulation =>
  patch(s, id, { reasons });

/** The amount a selected line grants: what is typed, capped at the amount requested; 0 when unreadable. */
export function grantOf(line: RankingLine, sim: SimLine): number {
  const n = parseDecimal(sim.amount);
  if (typeof n !== 'number' || n < 0 || toCents(n) === null) return 0;
  return line.amountRequested !== null ? Math.min(n, line.amountRequested) : n;
}

export interface SimTotals {
  envelope: number;
  /** Granted by decisions already recorded plus the selected lines. */
  selected: number;
  left: number;
  over: boolean;
  selectedCount: number;
}

export function simulationTotals(r: Ranking, s: Simulation): SimTotals {
  const amounts = [r.granted];
  let selectedCount = 0;
  for (const l of r.lines) {
    const sim = s.lines[l.applicationId];
    if (sim?.selected) {
      amounts.push(grantOf(l, sim));
      selectedCount++;
    }
  }
  const left = envelopeLeft(r.envelope, amounts);
  return {
    envelope: r.envelope,
    selected: Math.round((r.envelope - left) * 100) / 100,
    left,
    over: left < 0,
    selectedCount,
  };
}

/** « Enveloppe : 100 000,00 € — Sélectionné : 85 000,00 € — Reste : 15 000,00 € ». */
export const totalsLabel = (t: SimTotals): string =>
  `Enveloppe : ${euros(t.envelope)} — Sélectionné : ${euros(t.selected)} — Reste : ${euros(t.left)}`;

/** The reasons a line's decision will carry. */
export const reasonsOf = (s: Simulation, id: string): string => {
  const l = s.lines[id];
  if (!l) return '';
  return l.reasons ?? (l.selected ? s.selectReasons : s.rejectReasons);
};

/** Errors by field: `amount.<id>`, `reasons.<id>`, `envelope`. */
export function simulationErrors(r: Ranking, s: Simulation): Record<string, string> {
  const e: Record<string, string> = {};
  for (const l of r.lines) {
    const sim = s.lines[l.applicationId];
    if (!sim) continue;
    if (sim.selected) {
      const n = parseDecimal(sim.amount);
      if (n === null) e[`amount.${l.applicationId}`] = `${l.organizationName} : montant accordé à renseigner`;
      else if (n === 'invalid' || n <= 0 || toCents(n) === null)
        e[`amount.${l.applicationId}`] = `${l.organizationName} : un montant en euros, 2 décimales au plus`;
      else if (l.amountRequested !== null && n > l.amountRequested)
        e[`amount.${l.applicationId}`] =
          `${l.organizationName} : au plus le montant demandé (${euros(l.amountRequested)})`;
    }
    const reasons = reasonsOf(s, l.applicationId).trim();
    if (!reasons)
      e[`reasons.${l.applicationId}`] =
        `${l.organizationName} : ${sim.selected ? 'motivation' : 'motifs du refus'} à renseigner`;
    else if (reasons.length > CALL_LIMITS.reason)
      e[`reasons.${l.applicationId}`] = `${l.organizationName} : ${CALL_LIMITS.reason} caractères au plus`;
  }
  const t = simulationTotals(r, s);
  if (t.over) e.envelope = `La sélection dépasse l’enveloppe de ${euros(-t.left)}`;
  return e;
}

export interface PlannedDecision {
  applicationId: string;
  organizationName: string;
  body: { decision: CallDecision; amountGranted?: number; reasons: string };
}

/** The decisions to record, selected lines first (in ranking order), then the others. */
export function plannedDecisions(r: Ranking, s: Simulation): PlannedDecision[] {
  const plan = (l: RankingLine): PlannedDecision => {
    const sim = s.lines[l.applicationId]!;
    const reasons = reasonsOf(s, l.applicationId).trim();
    return {
      applicationId: l.applicationId,
      organizationName: l.organizationName,
      body: sim.selected
        ? { decision: 'selected', amountGranted: grantOf(l, sim), reasons }
        : { decision: 'rejected', reasons },
    };
  };
  const open = r.lines.filter((l) => s.lines[l.applicationId]);
  return [
    ...open.filter((l) => s.lines[l.applicationId]!.selected),
    ...open.filter((l) => !s.lines[l.applicationId]!.selected),
  ].map(plan);
}
