// What bilans answer, for OpenAPI (the types are the contracts').
import { ApiProperty } from '@nestjs/swagger';
import {
  BILAN_FIGURE_KEYS,
  BILAN_STATUSES,
  type Bilan,
  type BilanBudgetLine,
  type BilanDocument,
  type BilanEvent,
  type BilanFigure,
  type BilanFigureKey,
  type BilanIndicatorValue,
  type BilanMoney,
  type BilanStatus,
  type BilanSummary,
} from '@catalogue/contracts';

export class BilanSummaryDto implements BilanSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) agreementId!: string | null;
  @ApiProperty({ nullable: true, type: String }) agreementTitle!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) offerId!: string | null;
  @ApiProperty({ nullable: true, type: String }) offerTitle!: string | null;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty() year!: number;
  @ApiProperty({ format: 'date' }) periodStart!: string;
  @ApiProperty({ format: 'date' }) periodEnd!: string;
  @ApiProperty({ format: 'date' }) dueOn!: string;
  @ApiProperty({ enum: BILAN_STATUSES }) status!: BilanStatus;
  @ApiProperty({ description: 'Échéance passée et bilan pas encore transmis' }) overdue!: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) submittedAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) validatedAt!: string | null;
}

export class BilanListDto {
  @ApiProperty({ type: [BilanSummaryDto] }) items!: BilanSummaryDto[];
}

class BilanFigureDto implements BilanFigure {
  @ApiProperty({ enum: BILAN_FIGURE_KEYS }) key!: BilanFigureKey;
  @ApiProperty() label!: string;
  @ApiProperty({ enum: ['personnes', 'sessions', '%'] }) unit!: 'personnes' | 'sessions' | '%';
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Calculé depuis les inscriptions (figé à la transmission)',
  })
  computed!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Déclaré par la structure' }) declared!: number | null;
  @ApiProperty({ nullable: true, type: String }) justification!: string | null;
}

class BilanIndicatorValueDto implements BilanIndicatorValue {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) indicatorId!: string | null;
  @ApiProperty() label!: string;
  @ApiProperty() unit!: string;
  @ApiProperty({ nullable: true, type: Number }) target!: number | null;
  @ApiProperty({ nullable: true, type: Number }) value!: number | null;
  @ApiProperty() comment!: string;
}

class BilanBudgetLineOutDto implements BilanBudgetLine {
  @ApiProperty() label!: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Euros' }) planned!: number | null;
  @ApiProperty({ description: 'Euros' }) spent!: number;
}

class BilanMoneyDto implements BilanMoney {
  @ApiProperty({ description: 'Euros : le montant de la convention' }) granted!: number;
  @ApiProperty({ description: 'Euros : les échéances de l’échéancier arrivées à date' }) paid!: number;
  @ApiProperty({ description: 'Euros : la somme des lignes déclarées' }) spent!: number;
  @ApiProperty({ type: [BilanBudgetLineOutDto] }) lines!: BilanBudgetLine[];
}

export class BilanDocumentDto implements BilanDocument {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty() mediaType!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty({ format: 'date-time' }) uploadedAt!: string;
}

class BilanEventDto implements BilanEvent {
  @ApiProperty({ enum: BILAN_STATUSES, nullable: true }) fromStatus!: BilanStatus | null;
  @ApiProperty({ enum: BILAN_STATUSES }) toStatus!: BilanStatus;
  @ApiProperty({ nullable: true, type: String }) actorName!: string | null;
  @ApiProperty({ nullable: true, type: String }) message!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

class BilanRightsDto {
  @ApiProperty() edit!: boolean;
  @ApiProperty() submit!: boolean;
  @ApiProperty() requestChanges!: boolean;
  @ApiProperty() validate!: boolean;
}

export class BilanDto extends BilanSummaryDto implements Bilan {
  @ApiProperty({ type: [BilanFigureDto] }) figures!: BilanFigure[];
  @ApiProperty({ type: [BilanIndicatorValueDto] }) indicators!: BilanIndicatorValue[];
  @ApiProperty({ type: BilanMoneyDto }) money!: BilanMoney;
  @ApiProperty() whatWorked!: string;
  @ApiProperty() difficulties!: string;
  @ApiProperty() outlook!: string;
  @ApiProperty({ type: [BilanDocumentDto] }) documents!: BilanDocument[];
  @ApiProperty({ nullable: true, type: String }) changesMessage!: string | null;
  @ApiProperty({ type: [BilanEventDto] }) events!: BilanEvent[];
  @ApiProperty() version!: number;
  @ApiProperty({ type: BilanRightsDto }) can!: Bilan['can'];
}
