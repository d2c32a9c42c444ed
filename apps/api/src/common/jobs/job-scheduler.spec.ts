import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp } from '../../testing/test-app.js';
import { JobScheduler } from './job-scheduler.js';

describe('background jobs', () => {
  it('finds every registered job, and the test app starts none of them', async () => {
    const t = await startTestApp();
    try {
      const scheduler = t.app.get(JobScheduler);
      assert.deepEqual(
        scheduler
          .jobs()
          .map((j) => j.jobName)
          .sort(),
        [
          'anonymisation des personnes inactives',
          'clôture et rappels des appels à projets',
          'création, ouverture et relances des bilans',
          'début et clôture des conventions',
          'nettoyage des comptes',
          'relances et expirations des inscriptions',
          'reprise des demandes de lien',
          'récapitulatif des offres à mettre à jour',
        ],
      );
      assert.ok(scheduler.jobs().every((j) => j.intervalMs > 0));
      assert.equal((scheduler as unknown as { timers: unknown[] }).timers.length, 0);
    } finally {
      await t.close();
    }
  });
});
