// A person's own data: the sign-up of a beneficiary, the export of everything stored about them
// (GET /me/export) and the deletion of their account (DELETE /me). Shared by the API and the web.
import type { EmailRequest, MembershipRole, MembershipStatus } from './backoffice.js';
import type {
  AgeBand,
  ConsentMethod,
  PersonSituation,
  RefusalReason,
  RegistrationActorKind,
  RegistrationChannel,
  RegistrationOutcome,
  RegistrationStatus,
  Sex,
} from './registrations.js';

/**
 * POST /auth/register-beneficiary: a personal account (to register oneself to actions), not a
 * professional one. The verification link signs in and makes the person a beneficiary of the
 * département; without a password, the person signs in later by an emailed link.
 */
export interface BeneficiaryRegisterRequest extends EmailRequest {
  name: string;
  /** The département's slug. */
  tenant: string;
  password?: string | null;
}

/** The person as a registration stored them (in one département), as they are now. */
export interface ExportedPerson {
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  communeInsee: string | null;
  situation: PersonSituation | null;
  ageBand: AgeBand | null;
  sex: Sex | null;
  createdAt: string;
  lastActivityAt: string;
}

export interface ExportedRegistrationEvent {
  at: string;
  event: string;
  from: RegistrationStatus | null;
  to: RegistrationStatus;
  actorKind: RegistrationActorKind;
  detail: string | null;
}

export interface ExportedRegistration {
  id: string;
  /** The département's slug and name. */
  tenant: string;
  tenantName: string;
  offer: { id: string; title: string };
  session: { id: string; startsAt: string; endsAt: string | null } | null;
  status: RegistrationStatus;
  channel: RegistrationChannel;
  person: ExportedPerson;
  /** How the referent recorded the person's consent (prescriptions). */
  consent: { how: ConsentMethod; at: string } | null;
  message: string | null;
  refusalReason: RefusalReason | null;
  refusalMessage: string | null;
  cancelledBy: RegistrationActorKind | null;
  excused: boolean;
  outcome: RegistrationOutcome | null;
  createdAt: string;
  updatedAt: string;
  history: ExportedRegistrationEvent[];
}

/** GET /me/export: a JSON file of the account and of every registration of the person, in every département. */
export interface PersonalDataExport {
  exportedAt: string;
  account: {
    email: string;
    name: string;
    createdAt: string;
    emailVerifiedAt: string | null;
    memberships: { tenant: string; tenantName: string; role: MembershipRole; status: MembershipStatus }[];
  };
  registrations: ExportedRegistration[];
}

/** The name an anonymised person's registrations show (first name, last name). */
export const ANONYMISED_PERSON = { firstName: 'Personne', lastName: 'anonymisée' } as const;
