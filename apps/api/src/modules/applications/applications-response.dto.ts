// The OpenAPI shapes of what applications answer (each `implements` its contract in funding.ts).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  APPLICATION_STATUSES,
  type AnswerValue,
  type Application,
  type ApplicationDocument,
  type ApplicationEvent,
  type ApplicationListItem,
  type ApplicationRights,
  type ApplicationScore,
  type ApplicationStatus,
  type Ranking,
  type RankingLine,
} from '@catalogue/contracts';

const STATUS = { enum: APPLICATION_STATUSES } as const;
const NULLABLE_STATUS = { enum: APPLICATION_STATUSES, nullable: true } as const;
const NULLABLE_DATE = { format: 'date-time', nullable: true, type: String } as const;
const NULLABLE_EUROS = { nullable: true, type: Number, description: 'Euros' } as const;

export class ApplicationDocumentDto implements ApplicationDocument {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'La question `file` ou la pièce demandée' }) key!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty() mediaType!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty({ format: 'date-time' }) uploadedAt!: string;
}

export class ApplicationEventDto implements ApplicationEvent {
  @ApiProperty({ description: 'started, submitted, resubmitted, completion_requested, withdrawn, selected, rejected' })
  kind!: string;
  @ApiProperty(NULLABLE_STATUS) fromStatus!: ApplicationStatus | null;
  @ApiProperty(NULLABLE_STATUS) toStatus!: ApplicationStatus | null;
  @ApiProperty({ nullable: true, type: String }) actorName!: string | null;
  @ApiProperty({ nullable: true, type: String }) message!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class ApplicationScoreDto implements ApplicationScore {
  @ApiProperty({ format: 'uuid' }) instructorId!: string;
  @ApiProperty() instructorName!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } }) scores!: Record<string, number>;
  @ApiProperty() comment!: string;
  @ApiProperty({ description: 'Total pondéré sur 100' }) total!: number;
  @ApiProperty({ description: 'Un critère éliminatoire noté 0' }) eliminated!: boolean;
  @ApiProperty({ format: 'date-time' }) scoredAt!: string;
}

class ApplicationRightsDto implements ApplicationRights {
  @ApiProperty() edit!: boolean;
  @ApiProperty() submit!: boolean;
  @ApiProperty() withdraw!: boolean;
  @ApiProperty() requestCompletion!: boolean;
  @ApiProperty() score!: boolean;
  @ApiProperty() decide!: boolean;
}

export class ApplicationDto implements Application {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) callId!: string;
  @ApiProperty() callTitle!: string;
  @ApiProperty(NULLABLE_DATE) callClosesAt!: string | null;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty(STATUS) status!: ApplicationStatus;
  @ApiProperty({ type: 'object', additionalProperties: true }) answers!: Record<string, AnswerValue>;
  @ApiProperty(NULLABLE_EUROS) amountRequested!: number | null;
  @ApiProperty(NULLABLE_EUROS) amountGranted!: number | null;
  @ApiProperty({ nullable: true, type: String }) decisionReasons!: string | null;
  @ApiProperty({ nullable: true, type: String }) completionMessage!: string | null;
  @ApiProperty(NULLABLE_DATE) completionDueAt!: string | null;
  @ApiProperty(NULLABLE_DATE) submittedAt!: string | null;
  @ApiProperty(NULLABLE_DATE) decidedAt!: string | null;
  @ApiProperty({ type: [ApplicationDocumentDto] }) documents!: ApplicationDocument[];
  @ApiProperty({ type: [ApplicationEventDto], description: 'Le journal du dossier' }) events!: ApplicationEvent[];
  @ApiPropertyOptional({
    type: [ApplicationScoreDto],
    description: 'Instructeurs de l’appel et administrateurs seulement',
  })
  scores?: ApplicationScore[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'La convention, une fois retenu' })
  agreementId!: string | null;
  @ApiProperty({ description: 'Le courrier de décision est disponible (GET …/letter.pdf)' }) hasLetter!: boolean;
  @ApiProperty({ type: ApplicationRightsDto, description: 'Ce que la personne connectée peut faire maintenant' })
  can!: ApplicationRights;
  @ApiProperty() version!: number;
}

export class ApplicationListItemDto implements ApplicationListItem {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) callId!: string;
  @ApiProperty() callTitle!: string;
  @ApiProperty(NULLABLE_DATE) callClosesAt!: string | null;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty(STATUS) status!: ApplicationStatus;
  @ApiProperty(NULLABLE_EUROS) amountRequested!: number | null;
  @ApiProperty(NULLABLE_EUROS) amountGranted!: number | null;
  @ApiProperty(NULLABLE_DATE) submittedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) agreementId!: string | null;
}

export class ApplicationListDto {
  @ApiProperty({ type: [ApplicationListItemDto] }) items!: ApplicationListItem[];
}

export class RankingLineDto implements RankingLine {
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty(STATUS) status!: ApplicationStatus;
  @ApiProperty(NULLABLE_EUROS) amountRequested!: number | null;
  @ApiProperty(NULLABLE_EUROS) amountGranted!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Moyenne des totaux pondérés des instructeurs, sur 100' })
  score!: number | null;
  @ApiProperty() scoreCount!: number;
  @ApiProperty({ description: 'Un critère éliminatoire noté 0 par un instructeur' }) ineligible!: boolean;
  @ApiProperty({ nullable: true, type: Number, description: 'Rang des dossiers éligibles notés' }) rank!: number | null;
}

export class RankingDto implements Ranking {
  @ApiProperty({ format: 'uuid' }) callId!: string;
  @ApiProperty({ description: 'Euros' }) envelope!: number;
  @ApiProperty() instructorCount!: number;
  @ApiProperty({ type: [RankingLineDto] }) lines!: RankingLine[];
  @ApiProperty({ description: 'Somme accordée (euros)' }) granted!: number;
}
