// A PostgreSQL advisory lock around work that several API instances must not do at once (the start's
// migrations and reference data): the second instance waits, then finds the work done.
import pg from 'pg';

/** Key of the start-up lock (migrations, reference data, demo): any fixed number no other lock uses. */
export const PREPARE_LOCK_KEY = 2_017_001;

export async function withAdvisoryLock<T>(url: string, key: number, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'catalogue-start-lock' });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [key]);
    return await work();
  } finally {
    // Ending the session releases the lock even if the unlock fails.
    await client.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}
