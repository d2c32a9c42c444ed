// What the draft offer of a signed agreement is prefilled with, from the application's answers,
// the call and the structure (pure): the structure completes the rest in the usual editor.
import { ALL_AUDIENCES, AUDIENCE_CODES, type ZoneType } from '@catalogue/domain';
import type { CallQuestion } from '@catalogue/contracts';
import type { DraftOffer } from '../offers/offer-drafts.js';
import type { OfferSource } from './agreements.repository.js';

const DESCRIPTION_KEY = /description|presentation|projet|project|objectif/i;
const END_KEY = /fin|end/i;
const CAPACITY_KEY = /place|capacit|particip|stagiaire|personne/i;
const SUMMARY_MAX = 500;
const MAX_SESSIONS = 50;

const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

/** The long text that describes the project: a description-like long_text question first, then any long_text. */
function describingAnswer(questions: CallQuestion[], answers: Record<string, unknown>): string | null {
  const longTexts = questions.filter((q) => q.type === 'long_text' && isText(answers[q.key]));
  const q = longTexts.find((x) => DESCRIPTION_KEY.test(x.key) || DESCRIPTION_KEY.test(x.label)) ?? longTexts[0];
  return q ? (answers[q.key] as string).trim() : null;
}

/** The first sentence (or the start) of a text, within the summary's limit. */
export function summaryOf(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const sentence = /^(.{20,}?[.!?])(\s|$)/.exec(flat)?.[1] ?? flat;
  return sentence.length <= SUMMARY_MAX ? sentence : `${sentence.slice(0, SUMMARY_MAX - 1).trimEnd()}…`;
}

/** Publics of the call that are audiences of the catalogue (the same data·inclusion list); « tous publics » alone. */
export function audiencesOf(publics: readonly string[]): string[] {
  const known = [...new Set(publics.filter((p) => AUDIENCE_CODES.has(p)))];
  return known.includes(ALL_AUDIENCES) ? [ALL_AUDIENCES] : known;
}

/** 09:00 in Europe/Paris on `day`, as an instant. */
export function parisMorning(day: string): string {
  const guess = new Date(`${day}T09:00:00Z`);
  const name = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Paris', timeZoneName: 'longOffset' })
    .formatToParts(guess)
    .find((p) => p.type === 'timeZoneName')!.value;
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  const offsetMin = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  return new Date(guess.getTime() - offsetMin * 60_000).toISOString();
}

/** Sessions from a `repeat` block whose lines carry a date (the planned sessions), future ones only. */
export function sessionsOf(
  questions: CallQuestion[],
  answers: Record<string, unknown>,
  today: string,
): DraftOffer['sessions'] {
  for (const q of questions) {
    if (q.type !== 'repeat' || !Array.isArray(answers[q.key])) continue;
    const dates = (q.fields ?? []).filter((f) => f.type === 'date');
    if (!dates.length) continue;
    const start = dates.find((f) => !END_KEY.test(f.key)) ?? dates[0]!;
    const end = dates.find((f) => f !== start && END_KEY.test(f.key));
    const numbers = (q.fields ?? []).filter((f) => f.type === 'number');
    const capacity = numbers.find((f) => CAPACITY_KEY.test(f.key) || CAPACITY_KEY.test(f.label)) ?? numbers[0];
    const sessions = (answers[q.key] as Record<string, unknown>[]).flatMap((line) => {
      const day = line?.[start.key];
      if (!isDate(day) || day < today) return [];
      const endDay = end ? line[end.key] : null;
      const n = capacity ? Number(line[capacity.key]) : NaN;
      return [
        {
          startsAt: parisMorning(day),
          endsAt: isDate(endDay) && endDay >= day ? parisMorning(endDay) : null,
          capacity: Number.isInteger(n) && n > 0 ? Math.min(n, 1000) : 12,
        },
      ];
    });
    if (sessions.length) return sessions.slice(0, MAX_SESSIONS);
  }
  return [];
}

/** The draft offer of a signed agreement. */
export function draftOfferOf(
  s: OfferSource,
  a: { organizationId: string; title: string; planFicheId: string | null },
  tenantCode: string,
  today: string,
  origin: string,
  actor: DraftOffer['actor'],
): DraftOffer {
  const text = describingAnswer(s.questions, s.answers);
  const sentence = `Action « ${a.title} » portée par ${s.organization_name}, retenue dans le cadre de l’appel à projets « ${s.call_title} ».`;
  const zone: { type: ZoneType; codes: string[] } =
    s.territory?.kind === 'epci' && s.territory.codes.length
      ? { type: 'epci', codes: s.territory.codes }
      : s.territory?.kind === 'communes' && s.territory.codes.length
        ? { type: 'communes', codes: s.territory.codes }
        : { type: 'departement', codes: [] };
  // The structure's address as the place, when its commune is in the département.
  const places: DraftOffer['places'] = [];
  if (s.commune_insee && s.commune_departement === tenantCode && s.commune_lat !== null && s.commune_lng !== null) {
    const own =
      s.lat !== null &&
      s.lng !== null &&
      Math.abs(s.lat - s.commune_lat) < 0.2 &&
      Math.abs(s.lng - s.commune_lng) < 0.2;
    places.push({
      label: null,
      address: s.organization_address.trim() || 'Adresse à préciser',
      communeInsee: s.commune_insee,
      lat: own ? s.lat! : s.commune_lat,
      lng: own ? s.lng! : s.commune_lng,
    });
  }
  return {
    organizationId: a.organizationId,
    title: a.title,
    summary: summaryOf(text ?? sentence),
    description: text ?? sentence,
    audiences: audiencesOf(s.eligible_publics ?? []),
    diffusionZone: zone,
    places,
    sessions: sessionsOf(s.questions ?? [], s.answers ?? {}, today),
    planFicheId: a.planFicheId,
    origin,
    actor,
  };
}
