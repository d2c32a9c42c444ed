// Every input of applications refuses bad values with a 400 naming the field, never a 500 (the
// hostile-input spec covers encodings and odd JSON on every route; here, the values and the
// answers' own rules).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { applicationsWorld, type ApplicationsWorld } from './applications.test-helpers.js';

const deep = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

describe('bad input on applications', () => {
  let api: ApiTest;
  let w: ApplicationsWorld;
  let call: string;
  let draft: string;
  let submitted: string;
  let closedSubmitted: string;
  before(async () => {
    api = await startApiTest();
    w = await applicationsWorld(api);
    call = await w.call();
    draft = await w.draft(call);
    submitted = await w.submitted(await w.call());
    const closed = await w.call();
    closedSubmitted = await w.submitted(closed, { amount: 1000 });
    await w.close(closed);
  });
  after(() => api.close());

  /** A raw JSON body, sent as is (NUL, lone surrogates, depth, huge numbers). */
  const raw = (client: ApplicationsWorld['member'], method: 'post' | 'patch', path: string, json: string) =>
    api.t.http[method](path)
      .set('Cookie', client.cookie)
      .set('X-CSRF-Token', client.csrfToken)
      .set('Content-Type', 'application/json')
      .send(json);

  // [why, who, method, path, raw JSON body, field named]
  type Case = [string, () => ApplicationsWorld['member'], 'post' | 'patch', () => string, string, string];
  const cases: Case[] = [
    // Starting
    [
      'start: an organization id that is no UUID',
      () => w.member,
      'post',
      () => `${w.base}/calls/${call}/applications`,
      '{"organizationId":"42"}',
      'organizationId',
    ],
    [
      'start: an organization id as a number',
      () => w.member,
      'post',
      () => `${w.base}/calls/${call}/applications`,
      '{"organizationId":42}',
      'organizationId',
    ],
    [
      'start: an unknown field',
      () => w.member,
      'post',
      () => `${w.base}/calls/${call}/applications`,
      `{"organizationId":"${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}","status":"selected"}`,
      'status',
    ],
    // Saving
    [
      'save: answers as a list',
      () => w.member,
      'patch',
      () => `${w.base}/applications/${draft}`,
      '{"answers":["a"]}',
      'answers',
    ],
    [
      'save: answers as text',
      () => w.member,
      'patch',
      () => `${w.base}/applications/${draft}`,
      '{"answers":"tout"}',
      'answers',
    ],
    [
      'save: an unknown answer key',
      () => w.member,
      'patch',
      () => `${w.base}/applications/${draft}`,
      '{"answers":{"nope":"x"}}',
      'answers.nope',
    ],
    [
      'save: a NUL in an answer',
      () => w.member,
      'patch',
      () => `${w.base}/applications/${draft}`,
      '{"answers":{"project_title":"a\\u0000b"}}',
      'answers.project_title',
    ],
    [
      'save: a lone surrogate in an answer',
      () => w.member,
      'patch',
      () => `${w.base}/applications/${draft}`,
      '{"answers":{"project_title":"x\\ud800y"}}',
      'answers.project_title',
    ],
    [
      'save: a number for a text',
      () => w.member,
      'patch',
      () => `${w.base}/applications/${draft}`,
      '{"answers":{"project_title":12}}',
      'answers.project_title',
    ],
    [
      'save: a text too long',
      () => w.member,
      'patch',
      () => `${w.base}/applications/${draft}`,
      `{"answers":{"project_title":"${'x'.repeat(301)}"}}`,
      'answers.project_title',
    ],
    [
      'save: deep JSON in the answers',
      () => w.member,
      'patch',
      () => `${w.base}/applications/${draft}`,
      `{"answers":${deep(40)}}`,
      'answers',
    ],
    [
      'save: a budget line with a huge amount',
      () => w.member,
      'patch',
      () => `${w.base}/applications/${draft}`,
      '{"answers":{"budget":[{"label":"Salaires","amount":999999999999999999999999}]}}',
      'answers.budget.0.amount',
    ],
    [
      'save: a budget line with an unknown field',
      () => w.member,
      'patch',
      () => `${w.base}/applications/${draft}`,
      '{"answers":{"budget":[{"label":"Salaires","amount":1,"vat":2}]}}',
      'answers.budget.0.vat',
    ],
    [
      'save: a yes/no as text',
      () => w.member,
      'patch',
      () => `${w.base}/applications/${draft}`,
      '{"answers":{"has_partners":"oui"}}',
      'answers.has_partners',
    ],
    [
      'save: a commune that is no code',
      () => w.member,
      'patch',
      () => `${w.base}/applications/${draft}`,
      '{"answers":{"where":"Valence"}}',
      'answers.where',
    ],
    [
      'save: a file given as an answer',
      () => w.member,
      'patch',
      () => `${w.base}/applications/${draft}`,
      '{"answers":{"statutes":"statuts.pdf"}}',
      'answers.statutes',
    ],
    [
      'save: an amount as text',
      () => w.member,
      'patch',
      () => `${w.base}/applications/${draft}`,
      '{"amountRequested":"12500"}',
      'amountRequested',
    ],
    [
      'save: an amount with 3 decimals',
      () => w.member,
      'patch',
      () => `${w.base}/applications/${draft}`,
      '{"amountRequested":12.345}',
      'amountRequested',
    ],
    [
      'save: a huge amount',
      () => w.member,
      'patch',
      () => `${w.base}/applications/${draft}`,
      '{"amountRequested":999999999999999999999999}',
      'amountRequested',
    ],
    [
      'save: a negative amount',
      () => w.member,
      'patch',
      () => `${w.base}/applications/${draft}`,
      '{"amountRequested":-1}',
      'amountRequested',
    ],
    [
      'save: a version that is no integer',
      () => w.member,
      'patch',
      () => `${w.base}/applications/${draft}`,
      '{"version":1.5}',
      'version',
    ],
    [
      'save: a huge version',
      () => w.member,
      'patch',
      () => `${w.base}/applications/${draft}`,
      '{"version":1e30}',
      'version',
    ],
    // Withdrawing
    [
      'withdraw: a reason too long',
      () => w.member,
      'post',
      () => `${w.base}/applications/${draft}/withdraw`,
      `{"reason":"${'x'.repeat(2001)}"}`,
      'reason',
    ],
    [
      'withdraw: a reason as a number',
      () => w.member,
      'post',
      () => `${w.base}/applications/${draft}/withdraw`,
      '{"reason":42}',
      'reason',
    ],
    // Completion
    [
      'completion: no message',
      () => w.instructor,
      'post',
      () => `${w.base}/applications/${submitted}/completion-request`,
      `{"dueAt":"${new Date(Date.now() + 86_400_000).toISOString()}"}`,
      'message',
    ],
    [
      'completion: a blank message',
      () => w.instructor,
      'post',
      () => `${w.base}/applications/${submitted}/completion-request`,
      `{"message":"  ","dueAt":"${new Date(Date.now() + 86_400_000).toISOString()}"}`,
      'message',
    ],
    [
      'completion: a due date that is no date',
      () => w.instructor,
      'post',
      () => `${w.base}/applications/${submitted}/completion-request`,
      '{"message":"Le RIB","dueAt":"demain"}',
      'dueAt',
    ],
    [
      'completion: a due date past',
      () => w.instructor,
      'post',
      () => `${w.base}/applications/${submitted}/completion-request`,
      '{"message":"Le RIB","dueAt":"2020-01-01T00:00:00Z"}',
      'dueAt',
    ],
    [
      'completion: a due date years away',
      () => w.instructor,
      'post',
      () => `${w.base}/applications/${submitted}/completion-request`,
      '{"message":"Le RIB","dueAt":"2099-01-01T00:00:00Z"}',
      'dueAt',
    ],
    // Scores
    [
      'scores as a list',
      () => w.instructor,
      'post',
      () => `${w.base}/applications/${submitted}/scores`,
      '{"scores":[4,3],"noConflictOfInterest":true}',
      'scores',
    ],
    [
      'a score above the scale',
      () => w.instructor,
      'post',
      () => `${w.base}/applications/${submitted}/scores`,
      '{"scores":{"relevance":6,"budget":3},"noConflictOfInterest":true}',
      'scores.relevance',
    ],
    [
      'a negative score',
      () => w.instructor,
      'post',
      () => `${w.base}/applications/${submitted}/scores`,
      '{"scores":{"relevance":-1,"budget":3},"noConflictOfInterest":true}',
      'scores.relevance',
    ],
    [
      'a huge score',
      () => w.instructor,
      'post',
      () => `${w.base}/applications/${submitted}/scores`,
      '{"scores":{"relevance":1e300,"budget":3},"noConflictOfInterest":true}',
      'scores.relevance',
    ],
    [
      'a score as text',
      () => w.instructor,
      'post',
      () => `${w.base}/applications/${submitted}/scores`,
      '{"scores":{"relevance":"4","budget":3},"noConflictOfInterest":true}',
      'scores.relevance',
    ],
    [
      'a score of an unknown criterion',
      () => w.instructor,
      'post',
      () => `${w.base}/applications/${submitted}/scores`,
      '{"scores":{"relevance":4,"budget":3,"charm":5},"noConflictOfInterest":true}',
      'scores.charm',
    ],
    [
      'no declaration of interests',
      () => w.instructor,
      'post',
      () => `${w.base}/applications/${submitted}/scores`,
      '{"scores":{"relevance":4,"budget":3}}',
      'noConflictOfInterest',
    ],
    [
      'the declaration as text',
      () => w.instructor,
      'post',
      () => `${w.base}/applications/${submitted}/scores`,
      '{"scores":{"relevance":4,"budget":3},"noConflictOfInterest":"true"}',
      'noConflictOfInterest',
    ],
    [
      'a comment too long',
      () => w.instructor,
      'post',
      () => `${w.base}/applications/${submitted}/scores`,
      `{"scores":{"relevance":4,"budget":3},"noConflictOfInterest":true,"comment":"${'x'.repeat(5001)}"}`,
      'comment',
    ],
    [
      'a NUL in a comment',
      () => w.instructor,
      'post',
      () => `${w.base}/applications/${submitted}/scores`,
      '{"scores":{"relevance":4,"budget":3},"noConflictOfInterest":true,"comment":"a\\u0000"}',
      'comment',
    ],
    // Decisions
    [
      'an unknown decision',
      () => w.instructor,
      'post',
      () => `${w.base}/applications/${closedSubmitted}/decision`,
      '{"decision":"maybe","reasons":"Pourquoi pas"}',
      'decision',
    ],
    [
      'an amount granted with 3 decimals',
      () => w.instructor,
      'post',
      () => `${w.base}/applications/${closedSubmitted}/decision`,
      '{"decision":"selected","amountGranted":100.001}',
      'amountGranted',
    ],
    [
      'a huge amount granted',
      () => w.instructor,
      'post',
      () => `${w.base}/applications/${closedSubmitted}/decision`,
      '{"decision":"selected","amountGranted":1e20}',
      'amountGranted',
    ],
    [
      'an amount granted as text',
      () => w.instructor,
      'post',
      () => `${w.base}/applications/${closedSubmitted}/decision`,
      '{"decision":"selected","amountGranted":"100"}',
      'amountGranted',
    ],
    [
      'an amount granted of 0',
      () => w.instructor,
      'post',
      () => `${w.base}/applications/${closedSubmitted}/decision`,
      '{"decision":"selected","amountGranted":0}',
      'amountGranted',
    ],
    [
      'an amount granted above the request',
      () => w.instructor,
      'post',
      () => `${w.base}/applications/${closedSubmitted}/decision`,
      '{"decision":"selected","amountGranted":1000.01}',
      'amountGranted',
    ],
    [
      'reasons too long',
      () => w.instructor,
      'post',
      () => `${w.base}/applications/${closedSubmitted}/decision`,
      `{"decision":"rejected","reasons":"${'x'.repeat(5001)}"}`,
      'reasons',
    ],
    [
      'reasons as a number',
      () => w.instructor,
      'post',
      () => `${w.base}/applications/${closedSubmitted}/decision`,
      '{"decision":"rejected","reasons":42}',
      'reasons',
    ],
    [
      'a rejection without reasons',
      () => w.instructor,
      'post',
      () => `${w.base}/applications/${closedSubmitted}/decision`,
      '{"decision":"rejected"}',
      'reasons',
    ],
  ];
  for (const [why, who, method, path, json, field] of cases)
    it(`${why}: 400 naming ${field}`, async () => {
      const res = await raw(who(), method, path(), json);
      assert.equal(res.status, 400, `${why}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.parameter, field, `${why}: ${JSON.stringify(res.body)}`);
    });

  it('names the list’s organizationId when it is no UUID or missing', async () => {
    for (const q of ['?organizationId=42', '']) {
      const res = await w.member.get(`${w.base}/applications${q}`);
      assert.equal(res.status, 400);
      assert.equal(res.body.parameter, 'organizationId');
    }
  });

  it('left every application as it was', async () => {
    const res = await w.member.get(`${w.base}/applications/${draft}`);
    assert.equal(res.body.status, 'draft');
    assert.equal(res.body.amountRequested, 12500);
    assert.equal((await w.instructor.get(`${w.base}/applications/${submitted}`)).body.scores.length, 0);
    assert.equal((await w.instructor.get(`${w.base}/applications/${closedSubmitted}`)).body.status, 'submitted');
  });
});
