import {
  LIMITS,
  SEAT_ALLOCATIONS,
  type OfferContact,
  type OfferDetail,
  type OfferDiffusionZone,
  type OfferPlace,
  type OfferSession,
  type OrganizationRef,
  type SeatAllocation,
  type ZoneArea,
} from '@catalogue/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FicheRefDto } from '../plan/plan-response.dto.js';

export class PlaceDto implements OfferPlace {
  @ApiPropertyOptional({ nullable: true, type: String }) label!: string | null;
  @ApiProperty() address!: string;
  @ApiProperty({ example: 'Valence' }) commune!: string;
  @ApiProperty({ example: '26362' }) communeInsee!: string;
  @ApiProperty() lat!: number;
  @ApiProperty() lng!: number;
}

export class SessionDto implements OfferSession {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) endsAt!: string | null;
  @ApiProperty() capacity!: number;
  @ApiProperty({ description: 'Places restantes' }) placesLeft!: number;
  @ApiProperty({ description: 'Personnes en liste d’attente' }) waitlist!: number;
}

export class ZoneAreaDto implements ZoneArea {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
}

export class DiffusionZoneDto implements OfferDiffusionZone {
  @ApiProperty({ enum: ['communes', 'epci', 'territory', 'departement'] }) type!: string;
  @ApiProperty({
    type: [ZoneAreaDto],
    description: 'Communes, EPCI ou territoires ; le département pour "departement"',
  })
  areas!: ZoneAreaDto[];
}

export class ContactDto implements OfferContact {
  @ApiPropertyOptional({ nullable: true, type: String }) name!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) email!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) phone!: string | null;
}

export class OfferOrganizationDto implements OrganizationRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class OfferDetailResponseDto implements OfferDetail {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() summary!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: OfferOrganizationDto }) organization!: OfferOrganizationDto;
  @ApiProperty({ type: [String] }) themes!: string[];
  @ApiProperty({ type: [String] }) audiences!: string[];
  @ApiProperty({ type: [String] }) serviceTypes!: string[];
  @ApiProperty() eligibility!: string;
  @ApiProperty({ enum: ['gratuit', 'payant'] }) cost!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) costDetails!: string | null;
  @ApiProperty({ type: [String] }) modes!: string[];
  @ApiProperty({ enum: ['prescription', 'self_registration', 'open'] }) access!: string;
  @ApiProperty({ type: [String] }) mobilisationModes!: string[];
  @ApiProperty({ type: [PlaceDto] }) places!: PlaceDto[];
  @ApiProperty({ type: DiffusionZoneDto }) diffusionZone!: DiffusionZoneDto;
  @ApiProperty({ type: ContactDto }) contact!: ContactDto;
  @ApiProperty({ type: [String] }) funding!: string[];
  @ApiPropertyOptional({
    nullable: true,
    type: FicheRefDto,
    description: 'La fiche action du plan d’insertion que sert l’offre',
  })
  fiche!: FicheRefDto | null;
  @ApiProperty() hasPlaces!: boolean;
  @ApiProperty({ type: [SessionDto], description: 'Sessions en cours ou à venir' }) sessions!: SessionDto[];
  @ApiProperty({
    enum: SEAT_ALLOCATIONS,
    description:
      'Attribution des places : `automatic`, la place est donnée tout de suite s’il en reste (sinon liste d’attente) ; `review`, après examen par la structure',
  })
  seatAllocation!: SeatAllocation;
  @ApiProperty({
    minimum: 0,
    maximum: LIMITS.registration.cutoffHoursMax,
    description: 'Délai d’annulation, en heures avant la session (au-delà : absence excusée)',
  })
  cancellationCutoffHours!: number;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) publishedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}
