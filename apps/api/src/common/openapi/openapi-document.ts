// The OpenAPI document of the whole API, built from the controllers' decorators, then completed
// with what decorators cannot say once for every route (servers, tags, security of public routes,
// the input rule's 413/415). Served at /api/docs-json; linted and checked against real responses in
// openapi-lint.spec.ts and openapi-contract.spec.ts.
import { API_KEY_SECURITY } from '../auth/api-key.js';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { documentRequestInput } from '../validation/request-input.js';
import { OPEN_DATA_LICENCE } from '@catalogue/contracts';

/** The API's version as published in `info.version` (the path carries the major: /api/v1). */
export const API_VERSION = '1.0.0';

/** The session scheme's name, referenced by `@SignedIn()` (ApiCookieAuth('session')). */
export const SESSION_SCHEME = 'session';

/** Every tag the controllers use, with its description (Redocly's `tag-description`). */
export const API_TAGS: Record<string, string> = {
  Catalogue: 'Recherche d’offres, carte des résultats, fiches offre et structure publiées.',
  Référentiels: 'Référentiels data·inclusion (thématiques, publics, frais, modes d’accueil et de mobilisation).',
  Géographie: 'Communes d’un département et zones de diffusion (EPCI, territoires).',
  Départements: 'Les départements ouverts sur la plateforme, leur cadre et leur contour.',
  Comptes: 'Connexion, session, inscription, mots de passe, authentification unique, données personnelles.',
  'Administration de la plateforme': 'Ouvrir un département (administrateurs de la plateforme).',
  'Administration du département': 'Équipe, réglages et journal d’audit d’un département.',
  Structures: 'Créer, valider, modifier une structure ; son espace professionnel.',
  'Structures : membres': 'Adhésions, rôles et invitations des membres d’une structure.',
  'Offres (espace professionnel)': 'Rédaction, modération et cycle de vie des offres.',
  Inscriptions: 'Inscriptions des bénéficiaires aux sessions des offres, listes d’attente, présences.',
  'Plan d’insertion': 'Le plan départemental d’insertion : axes, fiches action, indicateurs et cibles.',
  'Appels à projets': 'Appels à projets du plan : rédaction, publication, documents, résultats.',
  'Dossiers de candidature': 'Dossiers déposés par les structures en réponse à un appel.',
  'Instruction des dossiers': 'Instruction, notes, classement et décisions des dossiers.',
  Conventions: 'Conventions nées des dossiers retenus, signature et offre qui en naît.',
  Bilans: 'Bilans annuels des actions conventionnées.',
  Indicateurs: 'Indicateurs du plan et des inscriptions, zones blanches.',
  'Rapport d’exécution': 'Rapport d’exécution annuel du plan (PDF, tableur).',
  'Données ouvertes':
    'Export des structures et services publiés au schéma data·inclusion (JSON, CSV ; Licence Ouverte 2.0) et import d’un fichier data·inclusion par les administrateurs.',
  'Import de tableur (structures)':
    'Modèle de tableur (CSV, XLSX) et import des offres d’une structure, vérification ligne par ligne puis brouillons soumis à la modération.',
  'Clés d’API':
    'Clés d’API d’un département, en lecture seule, pour les machines (statistiques des inscriptions, exports).',
  Supervision: 'Santé du service.',
};

export function openApiConfig(publicUrl: string): Omit<OpenAPIObject, 'paths'> {
  const builder = new DocumentBuilder()
    .setTitle("Catalogue de l'offre d'insertion — API")
    .setDescription(
      "API publique du catalogue de l'offre d'insertion des départements : référentiels data·inclusion, communes, départements et leur contour, recherche d'offres (texte, géographie, rectangle de carte, facettes) et carte des résultats, fiches offre et structure ; et l'espace des professionnels (session par cookie). Toutes les erreurs ont la forme `{statusCode, code, message}` ; un paramètre invalide (400) est nommé dans `parameter`. Versionnée par le chemin (`/api/v1`) : journal des changements dans `docs/api/CHANGELOG.md`, politique de dépréciation dans `docs/api/deprecation.md`.",
    )
    .setVersion(API_VERSION)
    .setLicense(OPEN_DATA_LICENCE.name, OPEN_DATA_LICENCE.url)
    .addServer(publicUrl, 'Ce déploiement')
    .addCookieAuth(
      'catalogue_session',
      {
        type: 'apiKey',
        in: 'cookie',
        description:
          'Cookie de session posé par `POST /auth/login` (`__Host-catalogue_session` en production). Toute requête qui modifie porte aussi `X-CSRF-Token` (donné par `GET /me`).',
      },
      SESSION_SCHEME,
    )
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        description: 'Clé d’API du département (`cik_…`), en lecture seule : voir docs/api/cles-api.md',
      },
      API_KEY_SECURITY,
    );
  for (const [name, description] of Object.entries(API_TAGS)) builder.addTag(name, description);
  const config = builder.build();
  config.info.contact = { name: 'Catalogue de l’offre d’insertion', url: publicUrl };
  return config;
}

export function buildOpenApiDocument(app: INestApplication, publicUrl: string): OpenAPIObject {
  const document = SwaggerModule.createDocument(app, openApiConfig(publicUrl));
  documentRequestInput(document);
  for (const item of Object.values(document.paths))
    for (const operation of [item.get, item.post, item.put, item.patch, item.delete]) {
      if (!operation) continue;
      // A route without `@SignedIn()` is `@Public()` (the access guard refuses a route with
      // neither): say so explicitly, as Redocly's `security-defined` asks.
      operation.security ??= [];
      // The input rule (request-input.ts) answers 400 for any path or query that is not valid text.
      operation.responses['400'] ??= {
        description: 'Chemin ou paramètre qui n’est pas du texte valide (`invalid_parameter`, nommé dans `parameter`)',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponseDto' } } },
      };
    }
  return document;
}
