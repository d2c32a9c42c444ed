import type { ReferenceItem, Taxonomy } from '@catalogue/contracts';

type ThemeItem = Taxonomy['themes'][number];
import { ApiProperty } from '@nestjs/swagger';

export class ReferenceItemDto implements ReferenceItem {
  @ApiProperty({ example: 'mobilite' })
  code!: string;

  @ApiProperty({ example: 'Mobilité' })
  label!: string;
}

export class ThemeItemDto extends ReferenceItemDto implements ThemeItem {
  @ApiProperty({ example: 'mobilite', nullable: true, type: String })
  category!: string | null;
}

export class TaxonomyDto implements Taxonomy {
  @ApiProperty({ type: [ReferenceItemDto] }) themeCategories!: ReferenceItemDto[];
  @ApiProperty({ type: [ThemeItemDto] }) themes!: ThemeItemDto[];
  @ApiProperty({ type: [ReferenceItemDto] }) audiences!: ReferenceItemDto[];
  @ApiProperty({ type: [ReferenceItemDto] }) costs!: ReferenceItemDto[];
  @ApiProperty({ type: [ReferenceItemDto], description: "Modes d'accueil" }) modes!: ReferenceItemDto[];
  @ApiProperty({ type: [ReferenceItemDto], description: "Modes d'accès : prescription, inscription, accès libre" })
  accessModes!: ReferenceItemDto[];
  @ApiProperty({ type: [ReferenceItemDto] }) mobilisationModes!: ReferenceItemDto[];
  @ApiProperty({ type: [ReferenceItemDto] }) mobilisers!: ReferenceItemDto[];
  @ApiProperty({ type: [ReferenceItemDto] }) serviceTypes!: ReferenceItemDto[];
  @ApiProperty({ type: [ReferenceItemDto] }) organizationKinds!: ReferenceItemDto[];
  @ApiProperty({ type: [ReferenceItemDto] }) fundingSources!: ReferenceItemDto[];
  @ApiProperty({ type: [ReferenceItemDto] }) zoneTypes!: ReferenceItemDto[];
}
