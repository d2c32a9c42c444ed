import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { INFO_PAGES, isBackOffice, matchRoute, paths, safeReturnPath } from './routes.js';

describe('web addresses', () => {
  const id = '97f4cf4b-afbc-4893-ba7d-67015c8cdaee';
  it('recognises each page', () => {
    assert.deepEqual(matchRoute('/'), { name: 'home' });
    assert.deepEqual(matchRoute('/drome'), { name: 'search', slug: 'drome' });
    assert.deepEqual(matchRoute('/saone-et-loire/'), { name: 'search', slug: 'saone-et-loire' });
    assert.deepEqual(matchRoute(`/drome/offres/${id.toUpperCase()}`), { name: 'offer', slug: 'drome', id });
    assert.deepEqual(matchRoute(`/isere/structures/${id}`), { name: 'organization', slug: 'isere', id });
  });

  it('sends anything else to "page introuvable"', () => {
    for (const p of ['/Drome', '/drome/offres/42', '/drome/offres', '/a/b/c', '/drome--x', '//']) {
      assert.deepEqual(matchRoute(p), { name: 'not-found' }, p);
    }
  });

  it('builds the addresses it recognises', () => {
    assert.deepEqual(matchRoute(paths.offer('drome', id)), { name: 'offer', slug: 'drome', id });
    assert.deepEqual(matchRoute(paths.organization('drome', id)), { name: 'organization', slug: 'drome', id });
    assert.deepEqual(matchRoute(paths.search('drome', '?q=fle').split('?')[0]!), { name: 'search', slug: 'drome' });
  });
});

describe('information pages (accessibility, legal notice, personal data, site map)', () => {
  it('recognises them at the root, for the platform, and under a département, which is then responsible', () => {
    for (const page of INFO_PAGES) {
      assert.deepEqual(matchRoute(`/${page}`), { name: 'info', page, slug: null }, page);
      assert.deepEqual(matchRoute(`/${page}/`), { name: 'info', page, slug: null }, page);
      assert.deepEqual(matchRoute(`/drome/${page}`), { name: 'info', page, slug: 'drome' }, page);
      assert.deepEqual(matchRoute(`/saone-et-loire/${page}/`), { name: 'info', page, slug: 'saone-et-loire' }, page);
      assert.equal(isBackOffice(matchRoute(`/${page}`)), false, 'public pages, no sign-in');
    }
    assert.deepEqual(
      INFO_PAGES.map((p) => matchRoute(paths.info(p))),
      INFO_PAGES.map((page) => ({ name: 'info', page, slug: null })),
    );
    assert.equal(paths.info('mentions-legales', 'isere'), '/isere/mentions-legales');
    assert.deepEqual(matchRoute(paths.info('plan-du-site', 'isere')), {
      name: 'info',
      page: 'plan-du-site',
      slug: 'isere',
    });
  });

  it('knows no other page under those names', () => {
    for (const p of [
      '/accessibilite/drome',
      '/drome/accessibilite/x',
      '/drome/espace/mentions-legales',
      '/Accessibilite',
    ]) {
      assert.deepEqual(matchRoute(p), { name: 'not-found' }, p);
    }
  });
});

describe('back-office addresses', () => {
  const id = '97f4cf4b-afbc-4893-ba7d-67015c8cdaee';
  it('recognises the sign-in pages and the ones the emails link to', () => {
    assert.deepEqual(matchRoute('/connexion'), { name: 'login' });
    assert.deepEqual(matchRoute('/connexion/'), { name: 'login' });
    assert.deepEqual(matchRoute('/inscription'), { name: 'register' });
    assert.deepEqual(matchRoute('/mot-de-passe-oublie'), { name: 'forgot-password' });
    assert.deepEqual(matchRoute('/connexion/verifier-email'), { name: 'verify-email' });
    assert.deepEqual(matchRoute('/connexion/nouveau-mot-de-passe'), { name: 'new-password' });
    assert.deepEqual(matchRoute('/connexion/lien-magique'), { name: 'magic-link' });
    assert.deepEqual(matchRoute('/espace'), { name: 'space' });
    assert.deepEqual(matchRoute('/admin'), { name: 'platform-admin' });
    assert.deepEqual(matchRoute('/drome/invitation'), { name: 'invitation', slug: 'drome' });
    assert.deepEqual(matchRoute(`/drome/espace/offres/${id}`), { name: 'bo-offer', slug: 'drome', id });
    assert.deepEqual(matchRoute('/drome/espace/moderation'), { name: 'bo-moderation', slug: 'drome' });
  });

  it('recognises each back-office page of a département, and builds their addresses', () => {
    assert.deepEqual(matchRoute(paths.newOrganization('drome')), { name: 'bo-new-organization', slug: 'drome' });
    assert.deepEqual(matchRoute(paths.boOrganization('drome', id)), { name: 'bo-organization', slug: 'drome', id });
    assert.deepEqual(matchRoute(paths.editOrganization('drome', id)), {
      name: 'bo-edit-organization',
      slug: 'drome',
      id,
    });
    assert.deepEqual(matchRoute(paths.boOrganizations('drome')), { name: 'bo-organizations', slug: 'drome' });
    assert.deepEqual(matchRoute(paths.newOffer('drome', id).split('?')[0]!), { name: 'bo-new-offer', slug: 'drome' });
    assert.equal(paths.newOffer('drome', id), `/drome/espace/offres/nouvelle?structure=${id}`);
    assert.deepEqual(matchRoute(paths.dashboard('isere')), { name: 'bo-dashboard', slug: 'isere' });
    assert.deepEqual(matchRoute(paths.settings('isere')), { name: 'bo-settings', slug: 'isere' });
    assert.deepEqual(matchRoute(paths.audit('isere')), { name: 'bo-audit', slug: 'isere' });
    assert.deepEqual(matchRoute('/drome/espace/inconnu'), { name: 'not-found' });
    assert.deepEqual(matchRoute('/drome/espace/offres/42'), { name: 'not-found' });
    assert.equal(paths.login('/drome/espace/moderation'), '/connexion?retour=%2Fdrome%2Fespace%2Fmoderation');
  });

  it('recognises the pages of the plan, the calls for projects, the applications and the agreements', () => {
    const d = 'drome';
    assert.deepEqual(matchRoute(paths.plan(d)), { name: 'plan', slug: d });
    assert.deepEqual(matchRoute(paths.calls(d)), { name: 'calls', slug: d });
    assert.deepEqual(matchRoute(paths.call(d, id)), { name: 'call', slug: d, id });
    assert.deepEqual(matchRoute(paths.boPlan(d)), { name: 'bo-plan', slug: d });
    assert.deepEqual(matchRoute(paths.boCalls(d)), { name: 'bo-calls', slug: d });
    assert.deepEqual(matchRoute(paths.newCall(d)), { name: 'bo-new-call', slug: d });
    assert.deepEqual(matchRoute(paths.boCall(d, id)), { name: 'bo-call', slug: d, id });
    assert.deepEqual(matchRoute(paths.ranking(d, id)), { name: 'bo-ranking', slug: d, id });
    assert.deepEqual(matchRoute(paths.applications(d)), { name: 'bo-applications', slug: d });
    assert.deepEqual(matchRoute(paths.application(d, id)), { name: 'bo-application', slug: d, id });
    assert.deepEqual(matchRoute(paths.agreements(d)), { name: 'bo-agreements', slug: d });
    assert.deepEqual(matchRoute(paths.agreement(d, id)), { name: 'bo-agreement', slug: d, id });
    assert.equal(isBackOffice(matchRoute(paths.call(d, id))), false);
    assert.equal(isBackOffice(matchRoute(paths.ranking(d, id))), true);
    assert.deepEqual(matchRoute('/drome/appels-a-projets/42'), { name: 'not-found' });
  });

  it('only goes back to a path of this site after signing in', () => {
    assert.equal(safeReturnPath('/drome/espace/moderation'), '/drome/espace/moderation');
    for (const bad of [null, '', 'https://evil.example', '//evil.example', '/\\evil.example', 'espace'])
      assert.equal(safeReturnPath(bad), null, String(bad));
  });
});
