// What the plan routes answer, for OpenAPI (the classes implement the contracts: a drift fails the build).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  INDICATOR_MEASURES,
  type FicheRef,
  type IndicatorMeasure,
  type Plan,
  type PlanAxis,
  type PlanFiche,
  type PlanIndicator,
  type PlanSaved,
} from '@catalogue/contracts';

export class FicheRefAxisDto {
  @ApiProperty({ example: 2 }) number!: number;
  @ApiProperty() title!: string;
}

export class FicheRefDto implements FicheRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '7' }) number!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: FicheRefAxisDto }) axis!: FicheRefAxisDto;
}

export class PlanIndicatorDto implements PlanIndicator {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Nombre de contrats PEC signés' }) label!: string;
  @ApiProperty({ example: 'contrats' }) unit!: string;
  @ApiProperty({
    enum: INDICATOR_MEASURES,
    description: '`manual` saisi par le Département, `registrations` compté des inscriptions, `bilans` tiré des bilans',
  })
  measure!: IndicatorMeasure;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    example: { '2019': 70 },
    description: 'Valeur cible par année de la période',
  })
  targets!: Record<string, number>;
}

export class PlanFicheDto implements PlanFiche {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '7', description: '« 7 », ou « 1.2 » quand le plan numérote ses fiches par axe' })
  number!: string;
  @ApiProperty() title!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) objective!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) description!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Public visé' }) publicText!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Moyens et partenaires' }) means!: string | null;
  @ApiProperty({ type: [PlanIndicatorDto] }) indicators!: PlanIndicatorDto[];
  @ApiProperty({ description: 'Offres publiées rattachées à la fiche' }) offerCount!: number;
}

export class PlanAxisDto implements PlanAxis {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 1 }) number!: number;
  @ApiProperty() title!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ type: [PlanFicheDto] }) fiches!: PlanFicheDto[];
}

export class PlanDto implements Plan {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Plan départemental d’insertion vers l’emploi 2019-2022' }) name!: string;
  @ApiProperty({ example: 2019 }) periodStart!: number;
  @ApiProperty({ example: 2022 }) periodEnd!: number;
  @ApiPropertyOptional({ nullable: true, type: String }) source!: string | null;
  @ApiProperty({
    format: 'date-time',
    description: 'À renvoyer dans `expectedUpdatedAt` pour détecter une modification concurrente',
  })
  updatedAt!: string;
  @ApiProperty({ type: [PlanAxisDto], description: 'Par numéro d’axe, puis fiches dans leur ordre' })
  axes!: PlanAxisDto[];
}

export class PlanSavedDto implements PlanSaved {
  @ApiProperty({ type: PlanDto }) plan!: PlanDto;
  @ApiProperty({ description: 'Offres dont le texte libre nommait une fiche, désormais rattachées à elle' })
  offersLinked!: number;
  @ApiProperty({ description: 'Offres qui pointaient vers une fiche retirée du plan (plus rattachées à aucune)' })
  offersUnlinked!: number;
}
