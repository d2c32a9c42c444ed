// The demo's registrations of one département, as a story told step by step with dates relative to
// now: the parts each demo account finds (see demo-registrations.ts for the sessions they play
// on), then every other seat the catalogue shows as taken, given to an invented person. Nothing is
// written here; the registrations module's demo writer replays it through the state machine.
import type { RegistrationOutcome, RegistrationStatus } from '@catalogue/contracts';
import type {
  DemoOfferFacts,
  DemoPerson,
  DemoRegistration,
  DemoSessionFacts,
  DemoStep,
} from '../modules/registrations/registrations-demo.js';
import { inventPerson, namedPerson, rng, type Near, type PlacedOffer, type Rng } from './demo-people.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface ScenarioOffer extends DemoOfferFacts, PlacedOffer {
  id: string;
  key: string;
  access: 'prescription' | 'self_registration' | 'open';
  organizationId: string;
  sessions: ScenarioSession[];
}

export interface ScenarioSession extends DemoSessionFacts {
  id: string;
  offer: ScenarioOffer;
  endsAt: Date | null;
  /** Seats the catalogue shows as taken that no registration holds yet. */
  unheld: number;
  /** Some registration already names it: the scenario leaves it alone (its seats only are filled). */
  inUse: boolean;
}

type Target = ScenarioSession | ScenarioOffer;

export class DemoScenario {
  readonly registrations: DemoRegistration[] = [];
  private invented = 0;
  private readonly random: Rng;

  constructor(
    private readonly c: {
      seed: string;
      now: Date;
      /** The demo structure and its demo account, who decides on its offers' registrations. */
      structureId: string;
      partnerId: string;
      referent: { id: string; organizationId: string | null };
      /** The demo beneficiary, as the person their account registers. */
      me: DemoPerson;
      near: Near;
    },
  ) {
    this.random = rng(c.seed);
  }

  /** `days` (and `hours`) before now. */
  private ago(days: number, hours = 0): Date {
    return new Date(this.c.now.getTime() - days * DAY - hours * HOUR);
  }

  private add(person: DemoPerson, target: Target, r: Omit<DemoRegistration, 'person' | 'offerId' | 'sessionId'>) {
    const offer = 'offer' in target ? target.offer : target;
    this.registrations.push({ person, offerId: offer.id, sessionId: 'offer' in target ? target.id : null, ...r });
  }

  private structureActor(o: ScenarioOffer): string | null {
    return o.organizationId === this.c.structureId ? this.c.partnerId : null;
  }

  private self(person: DemoPerson, target: Target, steps: DemoStep[], expect?: RegistrationStatus) {
    const offer = 'offer' in target ? target.offer : target;
    this.add(person, target, { referent: null, structureActorId: this.structureActor(offer), steps, expect });
  }

  private prescription(
    person: DemoPerson,
    target: Target,
    consent: 'oral' | 'written',
    steps: DemoStep[],
    expect: RegistrationStatus,
    message: string | null = null,
  ) {
    const offer = 'offer' in target ? target.offer : target;
    this.add(person, target, {
      referent: { userId: this.c.referent.id, organizationId: this.c.referent.organizationId, consent },
      message,
      structureActorId: this.structureActor(offer),
      steps,
      expect,
    });
  }

  private someone(o: ScenarioOffer, r: Rng = this.random): DemoPerson {
    return inventPerson(o, r, ++this.invented, this.c.near);
  }

  /** Asked for at `at`; when the structure decides, accepted a day later. */
  private static admitted(o: ScenarioOffer, at: Date): DemoStep[] {
    return o.seatAllocation === 'review'
      ? [
          { kind: 'request', at },
          { kind: 'accept', at: new Date(at.getTime() + DAY) },
        ]
      : [{ kind: 'request', at }];
  }

  /** The demo structure's « review » session: requests to decide, decisions taken, one expired. */
  reviewSession(s: ScenarioSession): void {
    const o = s.offer;
    const ago = this.ago.bind(this);
    this.self(this.c.me, s, [{ kind: 'request', at: ago(1, 3) }], 'pending');
    this.prescription(
      namedPerson(o, ['Inès', 'Moreau'], 'female', '26-44', 'rsa', { phone: 11 }),
      s,
      'written',
      [{ kind: 'request', at: ago(2) }],
      'pending',
      'Disponible le matin uniquement (garde d’enfant l’après-midi).',
    );
    for (const days of [0.4, 3, 8]) this.self(this.someone(o), s, [{ kind: 'request', at: ago(days) }], 'pending');
    this.prescription(
      namedPerson(o, ['Jordan', 'Petit'], 'male', 'under-26', 'young'),
      s,
      'oral',
      [
        { kind: 'request', at: ago(7) },
        { kind: 'accept', at: ago(6) },
      ],
      'accepted',
    );
    this.prescription(
      namedPerson(o, ['Kévin', 'Garnier'], 'male', '45-54', 'job_seeker'),
      s,
      'oral',
      [
        { kind: 'request', at: ago(9) },
        {
          kind: 'refuse',
          at: ago(8),
          reason: 'prerequisites_not_met',
          message:
            'L’atelier demande une première pratique de l’ordinateur : nous proposons de commencer par un parcours découverte.',
        },
      ],
      'refused',
    );
    this.prescription(
      namedPerson(o, ['Bruno', 'Faure'], 'male', '55-plus', 'rsa'),
      s,
      'written',
      [
        { kind: 'request', at: ago(40) },
        { kind: 'expire', at: ago(10) },
      ],
      'expired',
    );
    const refusals = [
      { reason: 'unreachable', days: 12 },
      { reason: 'duplicate', days: 11 },
      { reason: 'other', days: 6, message: 'Atelier réservé aux habitants du territoire couvert par la structure.' },
    ] as const;
    for (const r of refusals)
      this.self(
        this.someone(o),
        s,
        [
          { kind: 'request', at: ago(r.days) },
          { kind: 'refuse', at: ago(r.days - 1), reason: r.reason, ...('message' in r ? { message: r.message } : {}) },
        ],
        'refused',
      );
    this.self(
      this.someone(o),
      s,
      [
        { kind: 'request', at: ago(13) },
        { kind: 'accept', at: ago(12) },
        {
          kind: 'cancel',
          at: ago(4),
          by: 'structure',
          reason:
            'L’horaire de l’atelier a changé et la personne ne peut plus venir : elle sera recontactée pour la session suivante.',
        },
      ],
      'cancelled',
    );
  }

  /** The demo structure's full session (seats taken weeks ago): one freed and given to the first waiting, four waiting now. */
  fullSession(s: ScenarioSession): void {
    const o = s.offer;
    const ago = this.ago.bind(this);
    this.self(
      this.someone(o),
      s,
      [
        { kind: 'request', at: ago(12) },
        { kind: 'cancel', at: ago(6), by: 'person', reason: 'Reprise d’un emploi à temps plein.' },
      ],
      'cancelled',
    );
    this.self(this.someone(o), s, [{ kind: 'request', at: ago(8) }], 'accepted'); // promoted at ago(6)
    this.self(this.someone(o), s, [{ kind: 'request', at: ago(5) }], 'waitlisted');
    this.prescription(
      namedPerson(o, ['Nadia', 'Lefebvre'], 'female', '26-44', 'job_seeker', { phone: 12 }),
      s,
      'oral',
      [{ kind: 'request', at: ago(4) }],
      'waitlisted',
    );
    this.self(this.c.me, s, [{ kind: 'request', at: ago(3) }], 'waitlisted');
    this.self(this.someone(o), s, [{ kind: 'request', at: ago(2) }], 'waitlisted');
  }

  /** The demo structure's past session: attendance and outcomes recorded, two attendances left to record. */
  pastSession(s: ScenarioSession): void {
    const o = s.offer;
    const start = s.startsAt.getTime();
    const before = (days: number, hours = 0) => new Date(start - days * DAY - hours * HOUR);
    const attendance = new Date(start + 2 * HOUR);
    // The next morning.
    const closed = new Date((s.endsAt ?? s.startsAt).getTime() + 18 * HOUR);
    const admitted = (at: Date) => DemoScenario.admitted(o, at);
    this.self(
      this.c.me,
      s,
      [
        ...admitted(before(20)),
        { kind: 'attendance', at: attendance, value: 'present' },
        { kind: 'outcome', at: closed, status: 'completed', outcome: 'other_insertion_action' },
      ],
      'completed',
    );
    this.prescription(
      namedPerson(o, ['Léa', 'Chevalier'], 'female', '26-44', 'rsa'),
      s,
      'written',
      [
        ...admitted(before(25)),
        { kind: 'attendance', at: attendance, value: 'present' },
        { kind: 'outcome', at: new Date(closed.getTime() + HOUR), status: 'completed', outcome: 'employment' },
      ],
      'completed',
    );
    this.prescription(
      namedPerson(o, ['Yanis', 'Blanc'], 'male', 'under-26', 'young', { phone: 13, email: false }),
      s,
      'oral',
      [
        ...admitted(before(22)),
        { kind: 'attendance', at: attendance, value: 'absent' },
        { kind: 'outcome', at: closed, status: 'dropped_out', outcome: 'gave_up' },
      ],
      'dropped_out',
    );
    this.prescription(
      namedPerson(o, ['Thierry', 'Dupuis'], 'male', '45-54', 'rsa'),
      s,
      'oral',
      [...admitted(before(18)), { kind: 'attendance', at: attendance, value: 'present' }],
      'attended',
    );
    // Cancelled after the cut-off: an excused absence.
    this.self(
      this.someone(o),
      s,
      [
        ...admitted(before(15)),
        { kind: 'cancel', at: before(0, 3), by: 'person', reason: 'Rendez-vous médical ce jour-là.' },
      ],
      'absent',
    );
    this.self(
      this.someone(o),
      s,
      [...admitted(before(16)), { kind: 'attendance', at: attendance, value: 'excused' }],
      'absent',
    );
    for (const days of [10, 9]) this.self(this.someone(o), s, admitted(before(days)), 'accepted');
  }

  /** The beneficiary's registrations elsewhere: one to come, one cancelled. */
  beneficiaryElsewhere(accepted: ScenarioSession | undefined, cancelled: ScenarioSession | undefined): void {
    const ago = this.ago.bind(this);
    if (accepted) this.self(this.c.me, accepted, [{ kind: 'request', at: ago(5) }], 'accepted');
    if (cancelled)
      this.self(
        this.c.me,
        cancelled,
        [
          { kind: 'request', at: ago(12) },
          { kind: 'cancel', at: ago(4), by: 'person', reason: 'Je ne suis plus disponible à cette date.' },
        ],
        'cancelled',
      );
  }

  /** The referent's prescriptions elsewhere: accepted, cancelled by the referent, and to an offer without sessions. */
  referentElsewhere(
    accepted: ScenarioSession | undefined,
    cancelled: ScenarioSession | undefined,
    continuous: ScenarioOffer | undefined,
  ): void {
    const ago = this.ago.bind(this);
    if (accepted)
      this.prescription(
        namedPerson(accepted.offer, ['Karim', 'Benali'], 'male', '26-44', 'rsa'),
        accepted,
        'written',
        [{ kind: 'request', at: ago(6) }],
        'accepted',
        'Permis B en cours, mobile sur l’agglomération.',
      );
    if (cancelled)
      this.prescription(
        namedPerson(cancelled.offer, ['Sofia', 'Roux'], 'female', 'under-26', 'young'),
        cancelled,
        'oral',
        [
          { kind: 'request', at: ago(10) },
          { kind: 'cancel', at: ago(3), by: 'referent', reason: 'La personne a trouvé un emploi en CDD de six mois.' },
        ],
        'cancelled',
      );
    if (continuous)
      this.prescription(
        namedPerson(continuous, ['Amandine', 'Girard'], 'female', '45-54', 'job_seeker'),
        continuous,
        'oral',
        [{ kind: 'request', at: ago(3) }],
        continuous.seatAllocation === 'review' ? 'pending' : 'accepted',
      );
  }

  /**
   * Every seat a session shows as taken that the scenario does not hold: an invented person's,
   * taken before the scenario's own (weeks before the session or before now, whichever first).
   */
  seatHolders(sessions: ScenarioSession[]): void {
    const held = new Map<string, number>();
    for (const r of this.registrations)
      if (r.sessionId && holdsSeat(r)) held.set(r.sessionId, (held.get(r.sessionId) ?? 0) + 1);
    for (const s of sessions) {
      const r = rng(`${this.c.seed}:${s.offer.key}:${s.startsAt.toISOString()}`);
      for (let k = s.unheld - (held.get(s.id) ?? 0); k > 0; k--) {
        const steps = seatHolderSteps(s, r, this.c.now);
        this.self(this.someone(s.offer, r), s, steps);
      }
    }
  }
}

/** Whether a registration of the scenario ends holding its seat (one cancelled late does not). */
function holdsSeat(r: DemoRegistration): boolean {
  return (
    ['accepted', 'attended', 'absent', 'completed', 'dropped_out'].includes(r.expect ?? '') &&
    !r.steps.some((s) => s.kind === 'cancel')
  );
}

/**
 * A seat taken two to four weeks before the session or now (accepted by the structure when it
 * decides); once the session started, the attendance; once it ended, most outcomes.
 */
function seatHolderSteps(s: ScenarioSession, r: Rng, now: Date): DemoStep[] {
  const start = s.startsAt.getTime();
  const t = now.getTime();
  const requested = Math.min(t - 14 * DAY, start - 7 * DAY) - r.int(14 * DAY);
  const steps: DemoStep[] = [{ kind: 'request', at: new Date(requested) }];
  if (s.offer.seatAllocation === 'review')
    steps.push({ kind: 'accept', at: new Date(requested + 4 * HOUR + r.int(44 * HOUR)) });
  const attendance = start + 2 * HOUR;
  if (attendance > t) return steps;
  const value = r.weighted({ present: 78, absent: 12, excused: 10 });
  steps.push({ kind: 'attendance', at: new Date(attendance), value });
  // The next morning or a few days later, in office hours (sessions end late in the afternoon).
  const closed = (s.endsAt?.getTime() ?? start) + 16 * HOUR + r.int(3) * DAY + r.int(6) * HOUR;
  if (closed > t || value === 'excused') return steps;
  if (value === 'absent') {
    if (r.next() < 0.5)
      steps.push({ kind: 'outcome', at: new Date(closed), status: 'dropped_out', outcome: 'gave_up' });
    return steps;
  }
  const end = r.weighted({ open: 15, completed: 75, dropped: 10 });
  if (end === 'completed') {
    const outcome = r.weighted<RegistrationOutcome>({
      employment: 25,
      training: 25,
      other_insertion_action: 30,
      no_follow_up: 20,
      gave_up: 0,
    });
    steps.push({ kind: 'outcome', at: new Date(closed), status: 'completed', outcome });
  } else if (end === 'dropped')
    steps.push({ kind: 'outcome', at: new Date(closed), status: 'dropped_out', outcome: 'gave_up' });
  return steps;
}
