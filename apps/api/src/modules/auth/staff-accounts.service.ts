import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuthTokensRepository } from './auth-tokens.repository.js';
import { UsersRepository } from './users.repository.js';

type Db = Pick<EntityManager, 'query'>;

/**
 * Accounts made for someone else: the platform module gives département roles to an email address
 * and asks this service for its account (made when missing) and for the link to choose a password.
 * In the caller's transaction.
 */
@Injectable()
export class StaffAccounts {
  constructor(
    private readonly users: UsersRepository,
    private readonly tokens: AuthTokensRepository,
  ) {}

  /** The account of this address, made unverified and without password when there is none. */
  async findOrCreate(db: Db, email: string): Promise<{ userId: string; created: boolean }> {
    const address = email.trim().toLowerCase();
    // A concurrent creation of the same address makes createIfAbsent give null: the account exists then.
    const createdId = (await this.users.findByEmail(address, db))
      ? null
      : await this.users.createIfAbsent(db, { email: address, name: '', passwordHash: null, verified: false });
    const userId = createdId ?? (await this.users.findByEmail(address, db))!.id;
    return { userId, created: createdId !== null };
  }

  /** A single-use link to choose a password, valid `ttlSeconds` (the clear token, for the email). */
  welcomeToken(db: Db, userId: string, ttlSeconds: number): Promise<string> {
    return this.tokens.issue(db, 'password_reset', userId, ttlSeconds, { welcome: true });
  }
}
