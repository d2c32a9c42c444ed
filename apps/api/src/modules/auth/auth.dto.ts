import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { TENANT_SLUG_PATTERN } from '@catalogue/domain';
import {
  AUTH_LIMITS,
  type Accepted,
  type AccountCapabilities,
  type BeneficiaryRegisterRequest,
  type EmailRequest,
  type LoginRequest,
  type Me,
  type MeCapabilities,
  type MeMembership,
  type MeStructure,
  type MeTenant,
  type OidcInfo,
  type PasswordResetConfirm,
  type PlatformCapabilities,
  type RegisterRequest,
  type StructureCapabilities,
  type TenantCapabilities,
  type TokenRequest,
} from '@catalogue/contracts';
import { IsEmailAddress } from '../../common/validation/contact-fields.js';

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'agent.drome@demo.local' })
  @IsString()
  @IsEmailAddress()
  email!: string;

  @ApiProperty({ example: 'Demo-Insertion-2026' })
  @IsString()
  @MinLength(1)
  @MaxLength(AUTH_LIMITS.passwordMaxLength)
  password!: string;
}

export class EmailDto implements EmailRequest {
  @ApiProperty({ example: 'personne@exemple.fr' })
  @IsString()
  @IsEmailAddress()
  email!: string;
}

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class RegisterDto extends EmailDto implements RegisterRequest {
  @ApiProperty({
    minLength: AUTH_LIMITS.passwordMinLength,
    maxLength: AUTH_LIMITS.passwordMaxLength,
    example: 'une-phrase-de-passe-longue',
  })
  @IsString()
  @MinLength(AUTH_LIMITS.passwordMinLength, {
    message: `password must be at least ${AUTH_LIMITS.passwordMinLength} characters`,
  })
  @MaxLength(AUTH_LIMITS.passwordMaxLength)
  password!: string;

  @ApiProperty({ maxLength: AUTH_LIMITS.nameMaxLength, example: 'Camille Martin' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(AUTH_LIMITS.nameMaxLength)
  name!: string;
}

export class BeneficiaryRegisterDto extends EmailDto implements BeneficiaryRegisterRequest {
  @ApiProperty({ maxLength: AUTH_LIMITS.nameMaxLength, example: 'Camille Martin' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(AUTH_LIMITS.nameMaxLength)
  name!: string;

  @ApiProperty({ description: 'Le département (son identifiant dans les adresses)', example: 'drome', maxLength: 60 })
  @IsString()
  @MaxLength(60)
  @Matches(TENANT_SLUG_PATTERN, { message: 'tenant must be a département’s slug (e.g. drome)' })
  tenant!: string;

  @ApiProperty({
    required: false,
    type: String,
    nullable: true,
    minLength: AUTH_LIMITS.passwordMinLength,
    maxLength: AUTH_LIMITS.passwordMaxLength,
    description: 'Facultatif : sans mot de passe, la personne se connecte par un lien reçu par e-mail',
  })
  @IsOptional()
  @IsString()
  @MinLength(AUTH_LIMITS.passwordMinLength, {
    message: `password must be at least ${AUTH_LIMITS.passwordMinLength} characters`,
  })
  @MaxLength(AUTH_LIMITS.passwordMaxLength)
  password?: string | null;
}

export class TokenDto implements TokenRequest {
  @ApiProperty({ description: 'Le jeton reçu par e-mail (paramètre `jeton` du lien)' })
  @IsString()
  @IsNotEmpty({ message: 'token must not be empty' })
  @MaxLength(200)
  token!: string;
}

export class PasswordResetConfirmDto extends TokenDto implements PasswordResetConfirm {
  @ApiProperty({ minLength: AUTH_LIMITS.passwordMinLength, maxLength: AUTH_LIMITS.passwordMaxLength })
  @IsString()
  @MinLength(AUTH_LIMITS.passwordMinLength, {
    message: `password must be at least ${AUTH_LIMITS.passwordMinLength} characters`,
  })
  @MaxLength(AUTH_LIMITS.passwordMaxLength)
  password!: string;
}

export class AcceptedDto implements Accepted {
  @ApiProperty({ example: 'Si un compte correspond à cette adresse, un e-mail vient de lui être envoyé.' })
  message!: string;
}

export class OidcInfoDto implements OidcInfo {
  @ApiProperty({ description: 'La connexion unique (ProConnect) est configurée' }) enabled!: boolean;
  @ApiProperty({ type: String, nullable: true, example: 'ProConnect' }) label!: string | null;
}

export class MeMembershipDto implements MeMembership {
  @ApiProperty({ example: 'drome' }) tenant!: string;
  @ApiProperty({ example: 'Drôme' }) tenantName!: string;
  @ApiProperty({ enum: ['admin', 'agent', 'structure_admin', 'structure_member', 'referent', 'beneficiary'] })
  role!: MeMembership['role'];
  @ApiProperty({ required: false, format: 'uuid' }) organizationId?: string;
  @ApiProperty({ required: false }) organizationName?: string;
  @ApiProperty({ enum: ['pending', 'active', 'refused'] }) status!: MeMembership['status'];
}

export class TenantCapabilitiesDto implements TenantCapabilities {
  @ApiProperty({ description: 'File de modération : publier les offres ou demander des modifications' })
  moderateOffers!: boolean;
  @ApiProperty({ description: 'Liste des structures : les valider ou les refuser, ainsi que leurs changements' })
  reviewStructures!: boolean;
  @ApiProperty({ description: 'Modifier n’importe quelle structure du département' }) editStructures!: boolean;
  @ApiProperty({ description: 'Tableau de bord' }) readDashboard!: boolean;
  @ApiProperty({ description: 'Exports CSV' }) exportCsv!: boolean;
  @ApiProperty({ description: 'Réglages du département' }) manageSettings!: boolean;
  @ApiProperty({ description: 'Ajouter ou retirer les agents et administrateurs' }) manageStaff!: boolean;
  @ApiProperty({ description: 'Journal d’audit' }) readAudit!: boolean;
  @ApiProperty({ description: 'Inscrire une autre personne à une offre (référent)' }) prescribe!: boolean;
  @ApiProperty({ description: 'S’inscrire soi-même à une offre (bénéficiaire)' }) registerSelf!: boolean;
  @ApiProperty({ description: 'Modifier le plan d’insertion (axes, fiches, indicateurs, cibles)' }) editPlan!: boolean;
  @ApiProperty({ description: 'Rédiger, publier et retirer les appels à projets' }) manageCalls!: boolean;
  @ApiProperty({ description: 'Affecter les agents instructeurs d’un appel à projets' })
  assignInstructors!: boolean;
  @ApiProperty({ description: 'Envoyer les conventions à la signature et les suivre' }) manageAgreements!: boolean;
  @ApiProperty({ description: 'Suivre les bilans : demander des compléments, valider, demander un bilan' })
  reviewBilans!: boolean;
  @ApiProperty({ description: 'Indicateurs, zones blanches et rapport d’exécution' }) readIndicators!: boolean;
  @ApiProperty({ description: 'Rédiger le rapport d’exécution (avancement, montants votés, valeurs saisies)' })
  editReport!: boolean;
  @ApiProperty({ description: 'Importer un fichier data·inclusion (structures et services)' })
  importDataInclusion!: boolean;
  @ApiProperty({ description: 'Créer et révoquer les clés d’API du département' }) manageApiKeys!: boolean;
}

export class StructureCapabilitiesDto implements StructureCapabilities {
  @ApiProperty({ description: 'Modifier la structure' }) editStructure!: boolean;
  @ApiProperty({ description: 'Gérer les membres et les invitations' }) manageMembers!: boolean;
  @ApiProperty({ description: 'Retirer un changement d’identité en attente' }) withdrawChange!: boolean;
  @ApiProperty({ description: 'Voir les offres de la structure' }) readOffers!: boolean;
  @ApiProperty({ description: 'Créer, modifier et soumettre ses offres (structure validée)' }) editOffers!: boolean;
  @ApiProperty({ description: 'Traiter les inscriptions à ses offres (accepter, refuser, présences, suites)' })
  manageRegistrations!: boolean;
  @ApiProperty({ description: 'Déposer des dossiers aux appels à projets (structure validée)' })
  applyToCalls!: boolean;
  @ApiProperty({ description: 'Remplir et transmettre les bilans de ses actions financées' }) fileBilans!: boolean;
  @ApiProperty({ description: 'Importer des offres depuis un tableur (brouillons soumis à la modération)' })
  importOffers!: boolean;
}

export class MeStructureDto implements MeStructure {
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ type: StructureCapabilitiesDto }) capabilities!: StructureCapabilitiesDto;
}

export class MeTenantDto implements MeTenant {
  @ApiProperty({ example: 'drome' }) tenant!: string;
  @ApiProperty({ example: 'Drôme' }) tenantName!: string;
  @ApiProperty({ type: TenantCapabilitiesDto }) capabilities!: TenantCapabilitiesDto;
  @ApiProperty({ type: [MeStructureDto], description: 'Les structures dont la personne est membre active' })
  structures!: MeStructureDto[];
}

export class PlatformCapabilitiesDto implements PlatformCapabilities {
  @ApiProperty({ description: 'Créer un département' }) createTenants!: boolean;
}

export class AccountCapabilitiesDto implements AccountCapabilities {
  @ApiProperty({ description: 'Supprimer son compte (pas tant qu’il a un rôle professionnel)' })
  deleteAccount!: boolean;
}

export class MeCapabilitiesDto implements MeCapabilities {
  @ApiProperty({ type: [MeTenantDto], description: 'Par département où la personne a un rôle actif' })
  tenants!: MeTenantDto[];
  @ApiProperty({ type: TenantCapabilitiesDto, description: 'Dans tout autre département' })
  otherTenants!: TenantCapabilitiesDto;
  @ApiProperty({ type: PlatformCapabilitiesDto }) platform!: PlatformCapabilitiesDto;
  @ApiProperty({ type: AccountCapabilitiesDto }) account!: AccountCapabilitiesDto;
}

export class MeDto implements Me {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty() platformAdmin!: boolean;
  @ApiProperty({ type: [MeMembershipDto], description: 'Les rôles, pour les afficher' })
  memberships!: MeMembershipDto[];
  @ApiProperty({ type: MeCapabilitiesDto, description: 'Ce que la politique d’accès permet, par département' })
  capabilities!: MeCapabilitiesDto;
  @ApiProperty({ description: 'À renvoyer dans l’en-tête `X-CSRF-Token` des requêtes qui modifient' })
  csrfToken!: string;
  @ApiProperty({ type: String, nullable: true }) suggestedSiret!: string | null;
}
