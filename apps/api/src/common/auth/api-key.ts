// Machines read a tenant's non-public read routes with an API key: `Authorization: Bearer cik_…`.
// Parsing, the machine actor and the route marker live here; the key's table belongs to the
// api-keys module, which provides the `ApiKeyAuthenticator` (common/ writes no module's table).
import { applyDecorators, SetMetadata, UnauthorizedException, ForbiddenException } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { Actor, ActorApiKey } from './actor.js';

/** What a key's secret starts with, so that a leaked one is recognised (and scanned for). */
export const API_KEY_SCHEME_PREFIX = 'cik_';
/** `cik_` + 32 random bytes in base64url. */
const BEARER = /^Bearer (cik_[A-Za-z0-9_-]{43})$/;
/** A key's requests per minute (beyond: 429 with Retry-After). */
export const API_KEY_RATE = { max: 600, windowSeconds: 60 } as const;
/** OpenAPI security scheme name of the keys. */
export const API_KEY_SECURITY = 'cle-api';

export interface ApiKeyIdentity extends ActorApiKey {
  revoked: boolean;
}

/** Finds a key by its secret and marks its use (implemented by the api-keys module). */
export abstract class ApiKeyAuthenticator {
  /** The key whose secret this is (revoked or not), or null. */
  abstract find(secret: string): Promise<ApiKeyIdentity | null>;
  /** Records the use (`last_used_at`), at most once a minute per key. */
  abstract touch(key: ActorApiKey): Promise<void>;
}

export const apiKeyRefused = (message: string) => new UnauthorizedException({ code: 'api_key_invalid', message });
export const API_KEY_MALFORMED =
  'Clé d’API illisible : l’en-tête attendu est « Authorization: Bearer cik_… », avec la clé complète telle qu’elle a été affichée à sa création';
export const API_KEY_UNKNOWN =
  'Clé d’API inconnue ou révoquée : demandez une nouvelle clé à un administrateur du département';
export const apiKeyReadOnly = () =>
  new ForbiddenException({
    code: 'api_key_read_only',
    message: 'Une clé d’API ne permet que la lecture (GET) : aucune modification n’est possible avec elle',
  });
export const apiKeyRouteRefused = () =>
  new ForbiddenException({
    code: 'api_key_route',
    message:
      'Cette route n’est pas ouverte aux clés d’API : une clé ne lit que les statistiques des inscriptions, les exports et les indicateurs de son département',
  });

/** The secret in an Authorization header, or null when the header is not a well-formed key. */
export function parseBearer(header: string): string | null {
  return BEARER.exec(header)?.[1] ?? null;
}

/** The actor of a request made with this key: no user, no membership, the key's tenant only. */
export function machineActor(key: ActorApiKey): Actor {
  return {
    userId: '',
    email: `clé d’API « ${key.name} » (${key.prefix}…)`,
    name: key.name,
    platformAdmin: false,
    sessionId: '',
    csrfToken: '',
    oidcSiret: null,
    memberships: [],
    apiKey: { id: key.id, tenantId: key.tenantId, name: key.name, prefix: key.prefix },
  };
}

export const MACHINE_READABLE_KEY = 'machineReadable';

/**
 * A signed-in read route that an API key may also call (the policy still decides, per action).
 * Any other signed-in route refuses a key (403), and a public route serves it as anonymous.
 */
export const MachineReadable = () =>
  applyDecorators(SetMetadata(MACHINE_READABLE_KEY, true), ApiBearerAuth(API_KEY_SECURITY));
