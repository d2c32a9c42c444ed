import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatFigure, formatProgress, formatReportEuros, type ReportFiche } from '@catalogue/contracts';
import { ficheForm, ficheWrite, parseTyped, reportYears, updatedLine } from './report-view.js';

const fiche: ReportFiche = {
  id: 'f1',
  number: '14',
  title: 'Contrats aidés',
  description: null,
  objective: null,
  publicText: null,
  means: null,
  funding: { voted: 80000.5, committed: 0, paid: 0 },
  indicators: [
    {
      indicatorId: 'i1',
      label: 'Contrats PEC',
      unit: 'contrats',
      measure: 'manual',
      source: 'manual',
      target: 70,
      achieved: 68,
      hidden: false,
      progress: 68 / 70,
      note: 'Engagés',
    },
    {
      indicatorId: 'i2',
      label: 'Personnes',
      unit: 'personnes',
      measure: 'registrations',
      source: 'registrations',
      target: 300,
      achieved: null,
      hidden: true,
      progress: null,
      note: null,
    },
  ],
  progress: '68 contrats',
  progressUpdatedAt: '2026-12-05T10:00:00.000Z',
  progressUpdatedBy: 'Agent Drôme',
};

describe('execution report helpers', () => {
  it('offers the plan’s years up to this one, newest first', () => {
    assert.deepEqual(reportYears(2026, 2019, 2022), [2026, 2025, 2024, 2023, 2022, 2021, 2020, 2019]);
    assert.deepEqual(reportYears(2026, 2024, 2028), [2028, 2027, 2026, 2025, 2024]);
    assert.deepEqual(reportYears(2026), [2026, 2025, 2024, 2023, 2022]);
  });

  it('fills the form with the fiche as read (manual indicators only) and sends it back', () => {
    const form = ficheForm(fiche);
    assert.deepEqual(form, {
      progress: '68 contrats',
      voted: '80000,5',
      values: { i1: { value: '68', note: 'Engagés' } },
    });
    assert.deepEqual(ficheWrite(form).body, {
      progress: '68 contrats',
      voted: 80000.5,
      values: [{ indicatorId: 'i1', value: 68, note: 'Engagés' }],
    });
  });

  it('reads French numbers, clears empty entries, and names what is wrong', () => {
    assert.equal(parseTyped('12 500,50'), 12500.5);
    assert.ok(Number.isNaN(parseTyped('douze')));
    const cleared = ficheWrite({ progress: ' ', voted: '', values: { i1: { value: '', note: '' } } });
    assert.deepEqual(cleared.body, {
      progress: '',
      voted: null,
      values: [{ indicatorId: 'i1', value: null, note: null }],
    });
    const bad = ficheWrite({ progress: '', voted: '-3', values: { i1: { value: '1,234', note: 'x'.repeat(1001) } } });
    assert.deepEqual(Object.keys(bad.errors ?? {}).sort(), ['note-i1', 'value-i1', 'voted']);
  });

  it('formats figures as the report shows them', () => {
    assert.equal(formatProgress(68 / 70), '97\u202f%');
    assert.equal(formatProgress(null), '—');
    assert.equal(formatFigure(null, true), '<\u00a05');
    assert.equal(formatFigure(1234.5), '1\u202f234,5');
    assert.equal(formatReportEuros(1949709), '1\u202f949\u202f709,00\u202f€');
    assert.equal(updatedLine(fiche.progressUpdatedAt, 'Agent Drôme'), 'Mis à jour le 5 décembre 2026 par Agent Drôme');
    assert.equal(updatedLine(null, null), null);
  });
});
