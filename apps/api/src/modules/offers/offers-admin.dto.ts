// Response shapes and query parameters of the offers' back office (OpenAPI + contracts).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, Min } from 'class-validator';
import type {
  BackOfficeOffer,
  Dashboard,
  ModerationItem,
  ModerationQueue,
  OfferHistoryEntry,
  OfferStatusCode,
  OrganizationOfferItem,
  OrganizationStatus,
  UpdateFrequencyMonths,
} from '@catalogue/contracts';

// Parts of the contracts' shapes that have no name of their own there.
type OfferRevision = NonNullable<BackOfficeOffer['revision']>;
type HistoryActor = NonNullable<OfferHistoryEntry['actor']>;
type DashboardMapPoint = Dashboard['organizationsMap'][number];
type OrganizationOfferRevision = NonNullable<OrganizationOfferItem['revision']>;
import { INPUT_LIMITS } from '@catalogue/contracts';
import { isThemeFilterCode } from '@catalogue/domain';
import { QueryNumber } from '../../common/validation/query-transforms.js';
import { registerDecorator } from 'class-validator';
import { OfferDetailResponseDto, OfferOrganizationDto } from './offer-detail.dto.js';

const STATUSES: OfferStatusCode[] = ['draft', 'submitted', 'published', 'archived'];

export class OfferRevisionDto implements OfferRevision {
  @ApiProperty({ enum: ['draft', 'submitted'] }) status!: 'draft' | 'submitted';
  @ApiPropertyOptional({ nullable: true, type: String }) reviewComment!: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: OfferDetailResponseDto, description: 'La version modifiée, telle qu’elle sera publiée' })
  offer!: OfferDetailResponseDto;
}

export class BackOfficeOfferDto extends OfferDetailResponseDto implements BackOfficeOffer {
  @ApiProperty({ enum: STATUSES }) status!: OfferStatusCode;
  @ApiProperty({ enum: [3, 6, 12] }) updateFrequencyMonths!: UpdateFrequencyMonths;
  @ApiProperty({ format: 'date-time' }) confirmedAt!: string;
  @ApiProperty({ description: 'À mettre à jour : la fréquence de mise à jour est dépassée' }) overdue!: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) reviewComment!: string | null;
  @ApiProperty({ description: 'Publiée sans modération préalable, à relire' }) needsReview!: boolean;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) submittedAt!: string | null;
  @ApiPropertyOptional({ type: OfferRevisionDto, nullable: true }) revision!: OfferRevisionDto | null;
}

export class HistoryActorDto implements HistoryActor {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
}

export class OfferHistoryEntryDto implements OfferHistoryEntry {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiPropertyOptional({ type: HistoryActorDto, nullable: true }) actor!: HistoryActorDto | null;
  @ApiProperty({ enum: ['created', 'edited', 'submitted', 'changes_requested', 'published', 'archived', 'confirmed'] })
  action!: OfferHistoryEntry['action'];
  @ApiPropertyOptional({ enum: STATUSES, nullable: true }) from!: OfferStatusCode | null;
  @ApiPropertyOptional({ enum: STATUSES, nullable: true }) to!: OfferStatusCode | null;
  @ApiPropertyOptional({ nullable: true, type: String }) comment!: string | null;
  @ApiProperty({ type: [String], example: ['title', 'places'] }) changedFields!: string[];
  @ApiProperty({ description: 'Concerne la modification en attente d’une offre publiée' }) onRevision!: boolean;
}

export class ModerationItemDto implements ModerationItem {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: OfferOrganizationDto }) organization!: OfferOrganizationDto;
  @ApiProperty({ enum: STATUSES }) status!: OfferStatusCode;
  @ApiProperty({
    enum: ['new', 'revision', 'post'],
    description: 'new : nouvelle offre ; revision : modification d’une offre publiée ; post : publiée, à relire',
  })
  kind!: ModerationItem['kind'];
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) submittedAt!: string | null;
  @ApiProperty({ type: [String] }) themes!: string[];
}

export class ModerationQueueDto implements ModerationQueue {
  @ApiProperty() total!: number;
  @ApiProperty({ type: [ModerationItemDto] }) items!: ModerationItemDto[];
}

/** One theme or theme category of the référentiel. */
function IsThemeCode() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isThemeCode',
      target: target.constructor,
      propertyName,
      validator: {
        validate: (v: unknown) => typeof v === 'string' && isThemeFilterCode(v),
        defaultMessage: () => `${propertyName} is not a theme code`,
      },
    });
}

export const MODERATION_PAGE_SIZE = 20;

export class ModerationQueryDto {
  @ApiPropertyOptional({
    enum: STATUSES,
    default: 'submitted',
    description:
      '`submitted` : ce qui attend une décision (nouvelles offres, modifications, publications à relire) ; sinon les offres dans cet état',
  })
  @IsOptional()
  @IsIn(STATUSES)
  status?: OfferStatusCode;

  @ApiPropertyOptional({ format: 'uuid', description: 'Une structure' })
  @IsOptional()
  @IsUUID('all', { message: 'organization must be a UUID' })
  organization?: string;

  @ApiPropertyOptional({ description: 'Une thématique ou une catégorie', example: 'mobilite' })
  @IsOptional()
  @IsThemeCode()
  @IsString()
  theme?: string;

  @ApiPropertyOptional({ enum: ['new', 'revision', 'post'] })
  @IsOptional()
  @IsIn(['new', 'revision', 'post'])
  kind?: 'new' | 'revision' | 'post';

  @ApiPropertyOptional({
    default: 1,
    minimum: 1,
    maximum: INPUT_LIMITS.maxPage,
    description: `${MODERATION_PAGE_SIZE} par page`,
  })
  @IsOptional()
  @QueryNumber()
  @Min(1)
  @Max(INPUT_LIMITS.maxPage)
  @IsInt()
  page?: number;
}

export class DashboardOrganizationsDto implements Record<OrganizationStatus, number> {
  @ApiProperty() pending!: number;
  @ApiProperty() validated!: number;
  @ApiProperty() rejected!: number;
}

export class DashboardOffersDto implements Record<OfferStatusCode, number> {
  @ApiProperty() draft!: number;
  @ApiProperty() submitted!: number;
  @ApiProperty() published!: number;
  @ApiProperty() archived!: number;
}

export class DashboardMapPointDto implements DashboardMapPoint {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['pending', 'validated', 'rejected'] }) status!: OrganizationStatus;
  @ApiProperty() lat!: number;
  @ApiProperty() lng!: number;
}

export class DashboardDto implements Dashboard {
  @ApiProperty({ type: DashboardOrganizationsDto }) organizations!: DashboardOrganizationsDto;
  @ApiProperty({ type: DashboardOffersDto }) offers!: DashboardOffersDto;
  @ApiProperty({ description: 'Éléments en attente de modération' }) toModerate!: number;
  @ApiProperty({ description: 'Offres publiées à mettre à jour' }) overdue!: number;
  @ApiProperty({ type: [DashboardMapPointDto], description: 'Structures validées ou en attente ayant des coordonnées' })
  organizationsMap!: DashboardMapPointDto[];
}

export class OrganizationOfferRevisionDto implements OrganizationOfferRevision {
  @ApiProperty({ enum: ['draft', 'submitted'] }) status!: 'draft' | 'submitted';
}

export class OrganizationOfferItemDto implements OrganizationOfferItem {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ type: [String] }) themes!: string[];
  @ApiProperty({ enum: STATUSES }) status!: OfferStatusCode;
  @ApiProperty() overdue!: boolean;
  @ApiProperty() needsReview!: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) reviewComment!: string | null;
  @ApiPropertyOptional({
    type: OrganizationOfferRevisionDto,
    nullable: true,
    description: 'La modification en attente, le cas échéant',
  })
  revision!: OrganizationOfferRevisionDto | null;
  @ApiProperty({ enum: [3, 6, 12] }) updateFrequencyMonths!: UpdateFrequencyMonths;
  @ApiProperty({ format: 'date-time' }) confirmedAt!: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) publishedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}
