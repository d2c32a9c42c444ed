// Helpers of the structure and membership tests: emails and audit lines as the database holds them.
import type pg from 'pg';
import { inTenantTransaction } from '../../database/catalogue-writer.js';
import type { TestTenant } from '../../testing/test-database.js';
import type { CommunePoint } from '../../testing/factories.js';
import { freshSiret } from '../../testing/factories.js';

export interface OutboxEmail {
  subject: string;
  text: string;
  html: string;
}

/** Emails written to the outbox for this address, oldest first. */
export async function emailsTo(owner: pg.Client, to: string): Promise<OutboxEmail[]> {
  const { rows } = await owner.query<OutboxEmail>(
    `SELECT subject, text_body AS text, html_body AS html FROM email_outbox WHERE to_address = $1 ORDER BY created_at`,
    [to],
  );
  return rows;
}

/** The audit actions recorded on a target, oldest first. */
export async function auditActions(owner: pg.Client, tenant: TestTenant, targetId: string): Promise<string[]> {
  return inTenantTransaction(owner, tenant.id, async () => {
    const { rows } = await owner.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE target_id = $1 ORDER BY id`,
      [targetId],
    );
    return rows.map((r) => r.action);
  });
}

export async function membershipsOf(
  owner: pg.Client,
  tenant: TestTenant,
  organizationId: string,
): Promise<{ user_id: string; role: string; status: string }[]> {
  return inTenantTransaction(owner, tenant.id, async () => {
    const { rows } = await owner.query<{ user_id: string; role: string; status: string }>(
      `SELECT user_id, role, status FROM membership WHERE organization_id = $1 ORDER BY created_at`,
      [organizationId],
    );
    return rows;
  });
}

/** A valid creation body for a commune of the tenant. */
export const organizationInput = (commune: CommunePoint, overrides: Record<string, unknown> = {}) => ({
  siret: freshSiret(),
  name: `Atelier ${Math.random().toString(36).slice(2, 8)}`,
  kind: 'association',
  address: '3 rue des Tanneurs',
  communeInsee: commune.insee,
  email: 'contact@atelier.test',
  phone: '04 75 12 34 56',
  ...overrides,
});

/** The token of the invitation link in an email's text. */
export const tokenIn = (text: string): string => {
  const m = /jeton=([A-Za-z0-9_%-]+)/.exec(text);
  if (!m) throw new Error(`no invitation link in: ${text}`);
  return decodeURIComponent(m[1]!);
};
