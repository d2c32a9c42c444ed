import type { OrganizationDetail } from '@catalogue/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class OrganizationOfferDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ type: [String] }) themes!: string[];
  @ApiProperty({ enum: ['prescription', 'self_registration', 'open'] }) access!: string;
}

export class OrganizationResponseDto implements OrganizationDetail {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'association' }) kind!: string;
  @ApiPropertyOptional({ nullable: true, type: String, example: '73282932000074' }) siret!: string | null;
  @ApiProperty() description!: string;
  @ApiProperty() address!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) communeInsee!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) commune!: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) lat!: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) lng!: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) website!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) email!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) phone!: string | null;
  @ApiProperty({ type: [OrganizationOfferDto], description: 'Offres publiées' }) offers!: OrganizationOfferDto[];
}
