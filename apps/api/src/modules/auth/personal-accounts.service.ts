import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { UsersRepository } from './users.repository.js';

type Db = Pick<EntityManager, 'query'>;

/**
 * A person's own account, for their data export and the deletion of their account (the privacy
 * module asks this service: accounts are this module's table).
 */
@Injectable()
export class PersonalAccounts {
  constructor(private readonly users: UsersRepository) {}

  async describe(
    userId: string,
    db?: Db,
  ): Promise<{ email: string; name: string; createdAt: Date; emailVerifiedAt: Date | null } | null> {
    const row = await this.users.accountFacts(userId, db);
    return row
      ? { email: row.email, name: row.name, createdAt: row.created_at, emailVerifiedAt: row.email_verified_at }
      : null;
  }

  /** Deletes the account in the caller's transaction: every session ends with it. */
  delete(db: Db, userId: string): Promise<boolean> {
    return this.users.delete(db, userId);
  }
}
