import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiCookieAuth, ApiForbiddenResponse, ApiHeader, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from '../errors/error-response.dto.js';

export const ACCESS_KEY = 'access';

/**
 * Who may call a route. Routes without a declared rule are refused (default deny). `signedIn`
 * only requires a session: what the actor may do is then decided by the policy in the service.
 */
export type AccessRule = { kind: 'public' } | { kind: 'signedIn' };

/** Open to anyone, signed in or not (the public catalogue, sign-in itself). */
export const Public = () => SetMetadata(ACCESS_KEY, { kind: 'public' } satisfies AccessRule);

/** A session is required (401 otherwise); the service then asks the policy. */
export const SignedIn = () =>
  applyDecorators(
    SetMetadata(ACCESS_KEY, { kind: 'signedIn' } satisfies AccessRule),
    ApiCookieAuth('session'),
    ApiHeader({
      name: 'X-CSRF-Token',
      required: false,
      description: 'Jeton donné par `GET /me` (obligatoire pour POST, PATCH, PUT, DELETE)',
    }),
    ApiUnauthorizedResponse({ description: 'Non connecté', type: ErrorResponseDto }),
    ApiForbiddenResponse({
      description: 'Action non autorisée, ou jeton CSRF / origine refusés',
      type: ErrorResponseDto,
    }),
  );
