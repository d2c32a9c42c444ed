// The demo's invented people: common French first and last names drawn at random (a seeded
// generator, so every load draws the same), living near the action, with a situation that fits its
// audiences, and contacts that cannot reach anyone (a fiction email domain, the mobile range kept
// for fiction). No real person's data.
import { createHash } from 'node:crypto';
import type { AgeBand, PersonSituation, Sex } from '@catalogue/contracts';
import { DEMO_PERSON_DOMAIN, DEMO_PHONE_PREFIX, type DemoPerson } from '../modules/registrations/registrations-demo.js';

/** A small deterministic generator (mulberry32), seeded by a text: the same demo at every load. */
export function rng(seed: string) {
  let a = createHash('sha256').update(seed).digest().readUInt32LE(0);
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
    /** One of the keys, by weight. */
    weighted: <K extends string>(weights: Record<K, number>): K => {
      const entries = Object.entries(weights) as [K, number][];
      let x = next() * entries.reduce((s, [, w]) => s + w, 0);
      for (const [k, w] of entries) if ((x -= w) < 0) return k;
      return entries[entries.length - 1]![0];
    },
  };
}
export type Rng = ReturnType<typeof rng>;

// prettier-ignore
const FEMALE = [
  'Amina', 'Aurélie', 'Chloé', 'Clara', 'Élodie', 'Emma', 'Fatou', 'Hélène', 'Jade', 'Julie',
  'Laëtitia', 'Léna', 'Lina', 'Manon', 'Marie', 'Maryam', 'Mélanie', 'Nora', 'Océane', 'Rose',
] as const;
// prettier-ignore
const MALE = [
  'Adrien', 'Bilal', 'Cédric', 'Damien', 'Enzo', 'Florian', 'Hugo', 'Ibrahima', 'Jérémy', 'Lucas',
  'Mamadou', 'Mathéo', 'Maxime', 'Mehdi', 'Nicolas', 'Noah', 'Rayan', 'Sébastien', 'Théo', 'Yohan',
] as const;
// prettier-ignore
const LAST = [
  'Arnaud', 'Aubert', 'Barbier', 'Benoît', 'Bertin', 'Boyer', 'Brun', 'Carpentier', 'Chauvin', 'Colin',
  'Diallo', 'Dumas', 'Durand', 'Étienne', 'Fabre', 'Fleury', 'Gauthier', 'Gilles', 'Guérin', 'Hamdi',
  'Henry', 'Jacob', 'Joly', 'Julien', 'Lacroix', 'Lambert', 'Laurent', 'Lebrun', 'Leclerc', 'Lemoine',
  'Marchand', 'Masson', 'Mercier', 'Meunier', 'Morel', 'Noël', 'Ould', 'Perrin', 'Picard', 'Renaud',
  'Rey', 'Rivière', 'Roche', 'Rolland', 'Sanchez', 'Schmitt', 'Traoré', 'Vidal', 'Vincent', 'Weber',
] as const;

const ascii = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '-');

/** `prenom.nom[.n]@fictif.demo.local`: every invented person has one (how a reload finds them again). */
export const fictionalEmail = (first: string, last: string, n?: number) =>
  `${ascii(first)}.${ascii(last)}${n === undefined ? '' : `.${n}`}@${DEMO_PERSON_DOMAIN}`;
/** `06 39 98 xx xx`. */
export const fictionalPhone = (n: number) =>
  `${DEMO_PHONE_PREFIX} ${String(Math.floor(n / 100) % 100).padStart(2, '0')} ${String(n % 100).padStart(2, '0')}`;

/** What the people's draw needs to know of an offer. */
export interface PlacedOffer {
  audiences: string[];
  /** Its first place's commune (or its structure's), and that commune's EPCI. */
  commune: string | null;
  epci: string | null;
}

/** Where invented people live: a commune of the offer's EPCI, the more populated the likelier, or the offer's own. */
export type Near = (o: PlacedOffer, r: Rng) => string | null;

export function nearOffers(communes: { insee: string; epci: string; population: number }[]): Near {
  const byEpci = new Map<string, { insee: string; weight: number }[]>();
  for (const c of communes)
    byEpci.set(c.epci, [...(byEpci.get(c.epci) ?? []), { insee: c.insee, weight: Math.sqrt(c.population + 1) }]);
  return (o, r) => {
    const list = o.epci ? byEpci.get(o.epci) : undefined;
    if (!list?.length || r.next() < 0.4) return o.commune;
    let x = r.next() * list.reduce((s, c) => s + c.weight, 0);
    for (const c of list) if ((x -= c.weight) < 0) return c.insee;
    return o.commune;
  };
}

/** An invented person (the `n`th) living near the offer, whose situation fits its audiences. */
export function inventPerson(o: PlacedOffer, r: Rng, n: number, near: Near): DemoPerson {
  const women = o.audiences.includes('femmes');
  const young = o.audiences.includes('jeunes') && (o.audiences.length === 1 || r.next() < 0.6);
  const sex: Sex = women ? 'female' : r.next() < 0.05 ? 'unspecified' : r.next() < 0.52 ? 'female' : 'male';
  const firstName = r.pick(sex === 'female' || (sex === 'unspecified' && r.next() < 0.5) ? FEMALE : MALE);
  const lastName = r.pick(LAST);
  const ageBand: AgeBand = young
    ? 'under-26'
    : r.weighted<AgeBand>({ 'under-26': 12, '26-44': 50, '45-54': 26, '55-plus': 12 });
  const situation: PersonSituation = young
    ? 'young'
    : r.weighted<PersonSituation>({ rsa: 45, job_seeker: 35, other: 15, young: ageBand === 'under-26' ? 5 : 0 });
  const contact = r.weighted({ email: 60, both: 30, phone: 10 });
  return {
    firstName,
    lastName,
    email: fictionalEmail(firstName, lastName, n),
    phone: contact === 'email' ? null : fictionalPhone(n),
    communeInsee: near(o, r),
    situation,
    ageBand,
    sex,
    userId: null,
  };
}

/** A named person of the scenario, living where the action takes place. */
export function namedPerson(
  o: PlacedOffer,
  name: [first: string, last: string],
  sex: Sex,
  ageBand: AgeBand,
  situation: PersonSituation,
  contact: { phone?: number; email?: boolean } = {},
): DemoPerson {
  const [firstName, lastName] = name;
  return {
    firstName,
    lastName,
    email: contact.email === false ? null : fictionalEmail(firstName, lastName),
    phone: contact.phone === undefined ? null : fictionalPhone(contact.phone),
    communeInsee: o.commune,
    situation,
    ageBand,
    sex,
    userId: null,
  };
}
