import type {
  BackOfficeOrganization,
  BackOfficeOrganizationList,
  MembershipStatus,
  OrganizationBySiret,
  OrganizationDetail,
  OrganizationIdentity,
  OrganizationIdentityChange,
  OrganizationMember,
  OrganizationMembers,
  OrganizationStatus,
  PendingInvitation,
} from '@catalogue/contracts';

// Parts of the contracts' shapes that have no name of their own there.
type OrganizationOffer = OrganizationDetail['offers'][number];
type ChangeAuthor = NonNullable<OrganizationIdentityChange['requestedBy']>;
import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';

export class OrganizationOfferDto implements OrganizationOffer {
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

// ---- Back office ---------------------------------------------------------------------------

export class OrganizationIdentityFieldsDto implements Partial<OrganizationIdentity> {
  @ApiPropertyOptional() name?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) siret?: string | null;
  @ApiPropertyOptional() prescriber?: boolean;
}

export class ChangeAuthorDto implements ChangeAuthor {
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
}

export class OrganizationIdentityChangeDto implements OrganizationIdentityChange {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['pending', 'accepted', 'refused'] }) status!: OrganizationIdentityChange['status'];
  @ApiProperty({
    type: OrganizationIdentityFieldsDto,
    description: 'Les seuls champs modifiés, avec leur nouvelle valeur',
  })
  proposed!: OrganizationIdentityFieldsDto;
  @ApiProperty({
    type: OrganizationIdentityFieldsDto,
    description: 'Les mêmes champs, tels qu’ils étaient à la demande',
  })
  previous!: OrganizationIdentityFieldsDto;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Motif du refus' }) reason!: string | null;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiPropertyOptional({ nullable: true, type: ChangeAuthorDto }) requestedBy!: ChangeAuthorDto | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) decidedAt!: string | null;
}

/** The public profile's fields (documented once) without its offers, and the back office's own. */
export class BackOfficeOrganizationDto
  extends OmitType(OrganizationResponseDto, ['offers'] as const)
  implements BackOfficeOrganization
{
  @ApiProperty() prescriber!: boolean;
  @ApiProperty({ description: 'Ses membres sont prévenus par e-mail des nouveaux appels à projets' })
  notifyCalls!: boolean;
  @ApiProperty({ enum: ['pending', 'validated', 'rejected'] }) status!: OrganizationStatus;
  @ApiPropertyOptional({ nullable: true, type: String }) rejectionReason!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ description: 'Offres de la structure, tous états confondus' }) offerCount!: number;
  @ApiPropertyOptional({
    nullable: true,
    type: OrganizationIdentityChangeDto,
    description: 'La modification du nom, du SIRET ou du caractère prescripteur en attente, sinon la dernière décidée',
  })
  identityChange!: OrganizationIdentityChangeDto | null;
}

export class BackOfficeOrganizationListDto implements BackOfficeOrganizationList {
  @ApiProperty() total!: number;
  @ApiProperty({ type: [BackOfficeOrganizationDto] }) items!: BackOfficeOrganizationDto[];
}

export class OrganizationBySiretDto implements OrganizationBySiret {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['pending', 'validated', 'rejected'] }) status!: OrganizationStatus;
}

export class OrganizationMemberDto implements OrganizationMember {
  @ApiProperty({ format: 'uuid' }) membershipId!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['structure_admin', 'structure_member'] }) role!: OrganizationMember['role'];
  @ApiProperty({ enum: ['pending', 'active', 'refused'] }) status!: MembershipStatus;
  @ApiPropertyOptional({ nullable: true, type: String }) message!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class PendingInvitationDto implements PendingInvitation {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: ['structure_admin', 'structure_member'] }) role!: PendingInvitation['role'];
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}

export class OrganizationMembersDto implements OrganizationMembers {
  @ApiProperty({ type: [OrganizationMemberDto], description: 'Membres actifs et demandes en attente' })
  members!: OrganizationMemberDto[];
  @ApiProperty({
    type: [PendingInvitationDto],
    description: 'Invitations en cours (administrateurs de la structure seulement)',
  })
  invitations!: PendingInvitationDto[];
}
