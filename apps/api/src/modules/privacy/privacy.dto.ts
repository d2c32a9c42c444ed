import { ApiProperty } from '@nestjs/swagger';
import {
  AGE_BANDS,
  CONSENT_METHODS,
  PERSON_SITUATIONS,
  REFUSAL_REASONS,
  REGISTRATION_OUTCOMES,
  REGISTRATION_STATUSES,
  SEXES,
  type ExportedPerson,
  type ExportedRegistration,
  type ExportedRegistrationEvent,
  type PersonalDataExport,
} from '@catalogue/contracts';

const ACTOR_KINDS = ['person', 'referent', 'structure', 'system'];

export class ExportedPersonDto implements ExportedPerson {
  @ApiProperty() firstName!: string;
  @ApiProperty() lastName!: string;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '26362' }) communeInsee!: string | null;
  @ApiProperty({ enum: PERSON_SITUATIONS, nullable: true }) situation!: ExportedPerson['situation'];
  @ApiProperty({ enum: AGE_BANDS, nullable: true }) ageBand!: ExportedPerson['ageBand'];
  @ApiProperty({ enum: SEXES, nullable: true }) sex!: ExportedPerson['sex'];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) lastActivityAt!: string;
}

export class ExportedRegistrationEventDto implements ExportedRegistrationEvent {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ example: 'accepted' }) event!: string;
  @ApiProperty({ enum: REGISTRATION_STATUSES, nullable: true }) from!: ExportedRegistrationEvent['from'];
  @ApiProperty({ enum: REGISTRATION_STATUSES }) to!: ExportedRegistrationEvent['to'];
  @ApiProperty({ enum: ACTOR_KINDS }) actorKind!: ExportedRegistrationEvent['actorKind'];
  @ApiProperty({ type: String, nullable: true }) detail!: string | null;
}

class ExportedOfferRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
}

class ExportedSessionRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endsAt!: string | null;
}

class ExportedConsentDto {
  @ApiProperty({ enum: CONSENT_METHODS }) how!: 'oral' | 'written';
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class ExportedRegistrationDto implements ExportedRegistration {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'drome' }) tenant!: string;
  @ApiProperty({ example: 'Drôme' }) tenantName!: string;
  @ApiProperty({ type: ExportedOfferRefDto }) offer!: ExportedOfferRefDto;
  @ApiProperty({ type: ExportedSessionRefDto, nullable: true }) session!: ExportedSessionRefDto | null;
  @ApiProperty({ enum: REGISTRATION_STATUSES }) status!: ExportedRegistration['status'];
  @ApiProperty({ enum: ['self', 'prescription'] }) channel!: ExportedRegistration['channel'];
  @ApiProperty({ type: ExportedPersonDto, description: 'La personne telle que l’inscription l’a enregistrée' })
  person!: ExportedPersonDto;
  @ApiProperty({ type: ExportedConsentDto, nullable: true }) consent!: ExportedConsentDto | null;
  @ApiProperty({ type: String, nullable: true }) message!: string | null;
  @ApiProperty({ enum: REFUSAL_REASONS, nullable: true }) refusalReason!: ExportedRegistration['refusalReason'];
  @ApiProperty({ type: String, nullable: true }) refusalMessage!: string | null;
  @ApiProperty({ enum: ACTOR_KINDS, nullable: true }) cancelledBy!: ExportedRegistration['cancelledBy'];
  @ApiProperty() excused!: boolean;
  @ApiProperty({ enum: REGISTRATION_OUTCOMES, nullable: true }) outcome!: ExportedRegistration['outcome'];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: [ExportedRegistrationEventDto] }) history!: ExportedRegistrationEventDto[];
}

class ExportedMembershipDto {
  @ApiProperty({ example: 'drome' }) tenant!: string;
  @ApiProperty({ example: 'Drôme' }) tenantName!: string;
  @ApiProperty({ enum: ['admin', 'agent', 'structure_admin', 'structure_member', 'referent', 'beneficiary'] })
  role!: PersonalDataExport['account']['memberships'][number]['role'];
  @ApiProperty({ enum: ['pending', 'active', 'refused'] })
  status!: PersonalDataExport['account']['memberships'][number]['status'];
}

class ExportedAccountDto {
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) emailVerifiedAt!: string | null;
  @ApiProperty({ type: [ExportedMembershipDto] }) memberships!: ExportedMembershipDto[];
}

export class PersonalDataExportDto implements PersonalDataExport {
  @ApiProperty({ format: 'date-time' }) exportedAt!: string;
  @ApiProperty({ type: ExportedAccountDto }) account!: ExportedAccountDto;
  @ApiProperty({ type: [ExportedRegistrationDto], description: 'Dans tous les départements' })
  registrations!: ExportedRegistrationDto[];
}
