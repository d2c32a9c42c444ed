// Single sign-on with OpenID Connect (ProConnect, the State's sign-in for professionals, or any
// conformant provider): authorization code flow with PKCE, state and nonce, through openid-client.
import { Inject, Injectable, Logger } from '@nestjs/common';
import * as client from 'openid-client';
import { DataSource, type EntityManager } from 'typeorm';
import { isEmailAddress } from '@catalogue/contracts';
import type { RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { SessionsRepository } from '../../common/auth/sessions.repository.js';
import { APP_SETTINGS, type AppSettings, type OidcSettings } from '../../config/settings.js';
import { AuditLog } from '../../common/audit/audit-log.js';
import { AuthTokensRepository } from './auth-tokens.repository.js';
import { AuthService, type OpenedSession } from './auth.service.js';
import { UsersRepository } from './users.repository.js';

/** How long a sign-on round trip may take (state, nonce and PKCE verifier kept server-side). */
export const OIDC_STATE_SECONDS = 10 * 60;
export const OIDC_CALLBACK_PATH = '/api/v1/auth/oidc/callback';

/** Any failure of the round trip: the person is sent back to the sign-in page. */
export class OidcFailure extends Error {}

export interface OidcIdentity {
  issuer: string;
  subject: string;
  email: string;
  name: string;
  siret: string | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** What the account keeps of the provider's claims (ProConnect: given_name, usual_name, email, siret). */
export function identityFrom(issuer: string, claims: Record<string, unknown>): OidcIdentity {
  const subject = str(claims.sub);
  const email = str(claims.email)?.toLowerCase() ?? null;
  if (!subject) throw new OidcFailure('no subject');
  if (!email || !isEmailAddress(email)) throw new OidcFailure('no usable email claim');
  // A provider that says it did not check the address cannot vouch for it.
  if (claims.email_verified === false) throw new OidcFailure('email not verified by the provider');
  const given = str(claims.given_name);
  const family = str(claims.usual_name) ?? str(claims.family_name);
  const name = (given || family ? [given, family].filter(Boolean).join(' ') : (str(claims.name) ?? '')).slice(0, 120);
  const siret = str(claims.siret)?.replace(/\s/g, '') ?? null;
  return { issuer, subject, email, name, siret: siret && /^\d{14}$/.test(siret) ? siret : null };
}

@Injectable()
export class OidcService {
  private readonly logger = new Logger('Oidc');
  private config: Promise<client.Configuration> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly tokens: AuthTokensRepository,
    private readonly sessions: SessionsRepository,
    private readonly audit: AuditLog,
    private readonly auth: AuthService,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
  ) {}

  get options(): OidcSettings | null {
    return this.settings.oidc;
  }

  get redirectUri(): string {
    return `${this.settings.publicUrl}${OIDC_CALLBACK_PATH}`;
  }

  /** The provider's metadata, discovered once (and again after a failure). */
  private configuration(): Promise<client.Configuration> {
    const o = this.settings.oidc;
    if (!o) return Promise.reject(new OidcFailure('single sign-on is not configured'));
    this.config ??= client
      .discovery(new URL(o.issuer), o.clientId, o.clientSecret, undefined, {
        // Plain http is only for a provider on this machine (tests, local development).
        execute: new URL(o.issuer).protocol === 'http:' ? [client.allowInsecureRequests] : [],
        timeout: 10,
      })
      .catch((e: unknown) => {
        this.config = null;
        throw e;
      });
    return this.config;
  }

  /** Where to send the browser, and the state to bind to it (cookie). */
  async start(): Promise<{ url: string; state: string }> {
    const config = await this.configuration();
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    await this.tokens.issue(this.dataSource, 'oidc_state', null, OIDC_STATE_SECONDS, { verifier, nonce }, state);
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      scope: this.settings.oidc!.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, state };
  }

  /** The provider's answer: checks it, finds or creates the account, opens a session. */
  async finish(
    query: string,
    browserState: string | null,
    meta: RequestMetaValue,
    previousToken: string | null,
  ): Promise<OpenedSession> {
    const state = new URLSearchParams(query).get('state');
    if (!state || state !== browserState) throw new OidcFailure('state missing or not bound to this browser');
    const saved = await this.tokens.consume(this.dataSource, 'oidc_state', state);
    if (!saved) throw new OidcFailure('unknown, used or expired state');
    const config = await this.configuration();
    const grant = await client.authorizationCodeGrant(config, new URL(`${this.redirectUri}?${query}`), {
      pkceCodeVerifier: String(saved.data.verifier),
      expectedState: state,
      expectedNonce: String(saved.data.nonce),
      idTokenExpected: true,
    });
    const idClaims = grant.claims();
    if (!idClaims) throw new OidcFailure('no ID token');
    let claims: Record<string, unknown> = { ...idClaims };
    // ProConnect gives the email, names and SIRET at the userinfo endpoint (signed), not in the ID token.
    if (config.serverMetadata().userinfo_endpoint) {
      claims = { ...claims, ...(await client.fetchUserInfo(config, grant.access_token, idClaims.sub)) };
    }
    const identity = identityFrom(config.serverMetadata().issuer, claims);
    const userId = await this.dataSource.transaction((m) => this.accountFor(m, identity, meta));
    return this.auth.openSession(
      userId,
      meta,
      previousToken,
      'auth.oidc_login',
      `Connexion par ${this.settings.oidc!.label}`,
    );
  }

  /**
   * The account of this identity: already bound to it; else the account of the same (verified)
   * address, now bound; else a new, verified account without password. An unverified account of
   * the address loses its password: whoever set it never proved they own the address.
   */
  private async accountFor(m: EntityManager, id: OidcIdentity, meta: RequestMetaValue): Promise<string> {
    const link = { issuer: id.issuer, subject: id.subject, siret: id.siret };
    const bound = await this.users.findByOidc(id.issuer, id.subject, m);
    if (bound) {
      await this.users.linkOidc(m, bound.id, link);
      return bound.id;
    }
    const byEmail = await this.users.findByEmail(id.email, m);
    if (byEmail) {
      if (!byEmail.email_verified_at) {
        await this.users.clearPassword(m, byEmail.id);
        await this.sessions.deleteAllOf(m, byEmail.id);
        await this.users.markVerified(m, byEmail.id);
      }
      await this.users.linkOidc(m, byEmail.id, link);
      await this.audit.record(m, {
        tenantId: null,
        actor: { userId: byEmail.id, email: byEmail.email },
        action: 'auth.oidc_link',
        targetType: 'user',
        targetId: byEmail.id,
        summary: `Compte relié à ${this.settings.oidc!.label}`,
        ip: meta.ip,
      });
      return byEmail.id;
    }
    const created = await this.users.createIfAbsent(m, {
      email: id.email,
      name: id.name,
      passwordHash: null,
      verified: true,
    });
    if (!created) throw new OidcFailure('account created concurrently');
    await this.users.linkOidc(m, created, link);
    await this.audit.record(m, {
      tenantId: null,
      actor: { userId: created, email: id.email },
      action: 'auth.register',
      targetType: 'user',
      targetId: created,
      summary: `Compte créé par ${this.settings.oidc!.label}`,
      ip: meta.ip,
    });
    return created;
  }

  /** Failures are logged by kind only: no code, token or claim leaves in the logs. */
  logFailure(e: unknown): void {
    const kind =
      e instanceof OidcFailure ? e.message : e instanceof Error ? `${e.name}: ${e.message}` : 'unknown error';
    this.logger.warn(`single sign-on refused: ${kind.slice(0, 200)}`);
  }
}
