// The OpenAPI shapes of what registrations answer (each `implements` its contract).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AGE_BANDS,
  ATTENDANCE_VALUES,
  CONSENT_METHODS,
  PERSON_SITUATIONS,
  REFUSAL_REASONS,
  REGISTRATION_OUTCOMES,
  REGISTRATION_STATUSES,
  SEAT_ALLOCATIONS,
  SEXES,
  type RegistrationCreated,
  type RegistrationDetail,
  type RegistrationHistoryEntry,
  type RegistrationItem,
  type RegistrationNotificationSettings,
  type RegistrationPage,
  type RegistrationPerson,
  type RegistrationSessionRef,
  type RegistrationStats,
  type RegistrationStatus,
  type RegistrationWarning,
  type SessionCapacityResult,
} from '@catalogue/contracts';

const ACTOR_KINDS = ['person', 'referent', 'structure', 'system'] as const;

export class RegistrationCreatedDto implements RegistrationCreated {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: REGISTRATION_STATUSES }) status!: RegistrationStatus;
  @ApiPropertyOptional({ minimum: 1, description: 'Position sur la liste d’attente (1 : la prochaine place)' })
  waitlistPosition?: number;
  @ApiProperty({
    enum: ['already_registered_to_offer'],
    isArray: true,
    description:
      '`already_registered_to_offer` : la personne a déjà une inscription en cours à cette offre (avertissement)',
  })
  warnings!: RegistrationWarning[];
}

class OfferRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ['prescription', 'self_registration', 'open'] }) access!: string;
  @ApiProperty({ enum: SEAT_ALLOCATIONS }) seatAllocation!: RegistrationItem['offer']['seatAllocation'];
  @ApiProperty() cancellationCutoffHours!: number;
}

class NamedRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class RegistrationSessionRefDto implements RegistrationSessionRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) endsAt!: string | null;
  @ApiProperty() capacity!: number;
  @ApiProperty() accepted!: number;
  @ApiProperty() waitlist!: number;
}

export class RegistrationPersonDto implements RegistrationPerson {
  @ApiProperty() firstName!: string;
  @ApiProperty() lastName!: string;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ nullable: true, type: String }) phone!: string | null;
  @ApiProperty({ nullable: true, type: String }) communeInsee!: string | null;
  @ApiProperty({ nullable: true, type: String }) commune!: string | null;
  @ApiProperty({ nullable: true, enum: PERSON_SITUATIONS }) situation!: RegistrationPerson['situation'];
  @ApiProperty({ nullable: true, enum: AGE_BANDS }) ageBand!: RegistrationPerson['ageBand'];
  @ApiProperty({ nullable: true, enum: SEXES }) sex!: RegistrationPerson['sex'];
  @ApiProperty() hasAccount!: boolean;
}

class ReferentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ nullable: true, type: String }) organizationName!: string | null;
}

class RegistrationCanDto {
  @ApiProperty() cancel!: boolean;
  @ApiProperty() accept!: boolean;
  @ApiProperty() refuse!: boolean;
  @ApiProperty() waitlist!: boolean;
  @ApiProperty() attendance!: boolean;
  @ApiProperty() outcome!: boolean;
}

export class RegistrationItemDto implements RegistrationItem {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: REGISTRATION_STATUSES }) status!: RegistrationStatus;
  @ApiProperty({ enum: ['self', 'prescription'] }) channel!: RegistrationItem['channel'];
  @ApiProperty({ type: OfferRefDto }) offer!: OfferRefDto;
  @ApiProperty({ type: NamedRefDto }) organization!: NamedRefDto;
  @ApiProperty({ type: RegistrationSessionRefDto, nullable: true }) session!: RegistrationSessionRefDto | null;
  @ApiProperty({ type: RegistrationPersonDto }) person!: RegistrationPersonDto;
  @ApiProperty({ type: ReferentDto, nullable: true }) referent!: ReferentDto | null;
  @ApiProperty({ nullable: true, type: Number }) waitlistPosition!: number | null;
  @ApiProperty({ nullable: true, enum: REFUSAL_REASONS }) refusalReason!: RegistrationItem['refusalReason'];
  @ApiProperty({ nullable: true, type: String }) refusalMessage!: string | null;
  @ApiProperty({ nullable: true, enum: ACTOR_KINDS }) cancelledBy!: RegistrationItem['cancelledBy'];
  @ApiProperty() excused!: boolean;
  @ApiProperty({ nullable: true, enum: ATTENDANCE_VALUES }) attendance!: RegistrationItem['attendance'];
  @ApiProperty({ nullable: true, enum: REGISTRATION_OUTCOMES }) outcome!: RegistrationItem['outcome'];
  @ApiProperty({ nullable: true, type: String }) message!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: RegistrationCanDto, description: 'Ce que la personne connectée peut faire maintenant' })
  can!: RegistrationCanDto;
  @ApiProperty({ description: 'Annuler maintenant serait noté comme une absence excusée (délai dépassé)' })
  lateCancellation!: boolean;
}

export class RegistrationPageDto implements RegistrationPage {
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ type: [RegistrationItemDto] }) items!: RegistrationItemDto[];
}

class ConsentRecordDto {
  @ApiProperty({ enum: CONSENT_METHODS }) how!: NonNullable<RegistrationDetail['consent']>['how'];
  @ApiProperty({ type: NamedRefDto, nullable: true }) by!: NamedRefDto | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class RegistrationHistoryEntryDto implements RegistrationHistoryEntry {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ example: 'accepted' }) event!: string;
  @ApiProperty({ nullable: true, enum: REGISTRATION_STATUSES }) from!: RegistrationStatus | null;
  @ApiProperty({ enum: REGISTRATION_STATUSES }) to!: RegistrationStatus;
  @ApiProperty({ enum: ACTOR_KINDS }) actorKind!: RegistrationHistoryEntry['actorKind'];
  @ApiProperty({ type: NamedRefDto, nullable: true }) actor!: NamedRefDto | null;
  @ApiProperty({ nullable: true, type: String }) detail!: string | null;
}

export class RegistrationDetailDto extends RegistrationItemDto implements RegistrationDetail {
  @ApiProperty({ type: ConsentRecordDto, nullable: true }) consent!: ConsentRecordDto | null;
  @ApiProperty({ type: [RegistrationHistoryEntryDto] }) history!: RegistrationHistoryEntryDto[];
}

class StatsSessionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) offerId!: string;
  @ApiProperty() offerTitle!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty() capacity!: number;
  @ApiProperty() accepted!: number;
  @ApiProperty() waitlist!: number;
  @ApiProperty({ minimum: 0, maximum: 1 }) fillRate!: number;
}

export class RegistrationStatsDto implements RegistrationStats {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Par état',
    example: { pending: 3, accepted: 12 },
  })
  byStatus!: RegistrationStats['byStatus'];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { self: 4, prescription: 11 } })
  byChannel!: RegistrationStats['byChannel'];
  @ApiProperty() waitlisted!: number;
  @ApiProperty() promoted!: number;
  @ApiProperty() noShows!: number;
  @ApiProperty({ nullable: true, type: Number }) medianHoursToDecision!: number | null;
  @ApiProperty({ type: [StatsSessionDto] }) sessions!: StatsSessionDto[];
}

export class RegistrationNotificationSettingsDto implements RegistrationNotificationSettings {
  @ApiProperty() new_registration!: boolean;
  @ApiProperty() cancellation!: boolean;
  @ApiProperty() pending_reminder!: boolean;
}

export class CapacityChangedDto implements SessionCapacityResult {
  @ApiProperty() capacity!: number;
  @ApiProperty() accepted!: number;
  @ApiProperty() waitlist!: number;
  @ApiProperty({ description: 'Personnes de la liste d’attente acceptées par ce changement' }) promoted!: number;
}
