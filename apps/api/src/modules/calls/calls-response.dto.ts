// What the calls routes answer, for OpenAPI (the shapes are Call and CallSummary of contracts).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CALL_STATUSES,
  type Call,
  type CallPublicDocument,
  type CallStatus,
  type CallSummary,
  type FicheRef,
  APPLICATION_STATUSES,
} from '@catalogue/contracts';
import { DocumentRequirementDto, GridCriterionDto, QuestionDto, TerritoryDto } from './calls.dto.js';
import { FicheRefDto } from '../plan/plan-response.dto.js';

export class CallSummaryDto implements CallSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: CALL_STATUSES }) status!: CallStatus;
  @ApiProperty({ description: 'Euros' }) envelope!: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) opensAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) closesAt!: string | null;
  @ApiProperty({ type: [FicheRefDto] }) fiches!: FicheRef[];
  @ApiPropertyOptional({
    type: 'object',
    properties: Object.fromEntries(APPLICATION_STATUSES.map((s) => [s, { type: 'integer' }])),
    additionalProperties: false,
    description: 'Agents : nombre de dossiers par état',
    example: { draft: 2, submitted: 5 },
  })
  applicationCounts?: CallSummary['applicationCounts'];
}

export class CallListDto {
  @ApiProperty({ type: [CallSummaryDto] }) items!: CallSummary[];
}

export class CallPublicDocumentDto implements CallPublicDocument {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() label!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty() mediaType!: string;
  @ApiProperty() sizeBytes!: number;
}

export class CallInstructorDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
}

export class CallDto implements Call {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CALL_STATUSES }) status!: CallStatus;
  @ApiProperty() title!: string;
  @ApiProperty() context!: string;
  @ApiProperty({ type: [String], format: 'uuid' }) fiches!: string[];
  @ApiProperty({ type: [FicheRefDto] }) ficheRefs!: FicheRef[];
  @ApiProperty({ type: [String] }) eligibleKinds!: string[];
  @ApiProperty({ type: [String] }) eligiblePublics!: string[];
  @ApiProperty({ type: TerritoryDto }) territory!: TerritoryDto;
  @ApiProperty({ description: 'Euros' }) envelope!: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) opensAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) closesAt!: string | null;
  @ApiProperty({ type: [QuestionDto] }) questions!: QuestionDto[];
  @ApiProperty({ type: [DocumentRequirementDto] }) documents!: DocumentRequirementDto[];
  @ApiProperty({ type: [GridCriterionDto] }) grid!: GridCriterionDto[];
  @ApiProperty({ type: [CallPublicDocumentDto] }) publicDocuments!: CallPublicDocument[];
  @ApiProperty({ nullable: true, type: String }) withdrawnReason!: string | null;
  @ApiProperty({ nullable: true, type: String }) results!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) publishedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) closedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) decidedAt!: string | null;
  @ApiProperty() version!: number;
  @ApiPropertyOptional({ type: [CallInstructorDto], description: 'Agents seulement' })
  instructors?: CallInstructorDto[];
}
