// The demo texts of planMeasure map to the fiches PLAN_MEASURES.md gives (its table is the data the
// demo reads), and the function real tenants get reads the fiche of every text that names one.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ficheNumberFor, type PlanMeasureTable } from './plan-measures.js';

const data = (path: string) => new URL(`../../data/demo/${path}`, import.meta.url);
const table = JSON.parse(readFileSync(data('plans/plan-measures.json'), 'utf8')) as PlanMeasureTable;

interface Row {
  text: string;
  fiche: string;
  note: string;
}
/** The rows of PLAN_MEASURES.md, per slug. */
function markdownRows(): Record<string, Row[]> {
  const rows: Record<string, Row[]> = {};
  let slug: string | null = null;
  for (const line of readFileSync(data('plans/PLAN_MEASURES.md'), 'utf8').split('\n')) {
    const heading = /^## .*\(`([a-z-]+)\.json`\)/.exec(line);
    if (heading) rows[(slug = heading[1]!)] = [];
    else if (slug && line.startsWith('|') && !/^\|\s*(planMeasure|-)/.test(line)) {
      const [text, , fiche, note] = line
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim());
      rows[slug]!.push({ text: text!, fiche: fiche!, note: note! });
    }
  }
  return rows;
}
const knownNumbers = (slug: string) => {
  const plan = JSON.parse(readFileSync(data(`plans/${slug}.json`), 'utf8')) as {
    axes: { fiches: { number: string }[] }[];
  };
  return new Set(plan.axes.flatMap((a) => a.fiches.map((f) => f.number)));
};

describe('planMeasure texts and the fiches they name', () => {
  const rows = markdownRows();

  it('the demo table holds every text of PLAN_MEASURES.md with its fiche, or its proposed attachment', () => {
    assert.deepEqual(Object.keys(rows).sort(), Object.keys(table).sort());
    for (const [slug, list] of Object.entries(rows)) {
      assert.equal(Object.keys(table[slug]!).length, list.length, slug);
      for (const r of list) {
        const proposed = /rattachement proposé : ([0-9.]+)/.exec(r.note)?.[1] ?? null;
        const expected = r.fiche === 'aucune' ? proposed : r.fiche;
        assert.equal(table[slug]![r.text], expected, `${slug}: ${r.text}`);
        if (expected) assert.ok(knownNumbers(slug).has(expected), `${slug}: fiche ${expected} is in the plan`);
      }
    }
  });

  it('every demo offer’s text is in the table', () => {
    for (const slug of Object.keys(table)) {
      const demo = JSON.parse(readFileSync(data(`${slug}.json`), 'utf8')) as { offers: { planMeasure?: string }[] };
      for (const o of demo.offers) if (o.planMeasure) assert.ok(o.planMeasure in table[slug]!, o.planMeasure);
    }
  });

  it('reads the fiche of every text that names one, as the table says', () => {
    const byPattern = { drome: 0, isere: 0, 'saone-et-loire': 0 } as Record<string, number>;
    for (const slug of Object.keys(byPattern)) {
      const known = knownNumbers(slug);
      for (const r of rows[slug]!) {
        const read = ficheNumberFor(r.text, known);
        // Texts that name no fiche (a convention action, an orientation) are left to a person.
        if (r.fiche === 'aucune' || !/fiche|objectif/i.test(r.text)) assert.equal(read, null, r.text);
        else {
          assert.equal(read, r.fiche, r.text);
          byPattern[slug]!++;
        }
      }
    }
    assert.deepEqual(byPattern, { drome: 36, isere: 14, 'saone-et-loire': 19 });
  });

  it('takes the first fiche named, only among the plan’s, in the usual spellings', () => {
    const known = new Set(['2', '7', '8', '1.2']);
    assert.equal(
      ficheNumberFor('Axe 2 – Fiche action n°7 : accueil ; Fiche action n°2 : accueils collectifs', known),
      '7',
    );
    assert.equal(ficheNumberFor('Fiche action n° 8', known), '8');
    assert.equal(ficheNumberFor('FICHE ACTION N°2', known), '2');
    assert.equal(ficheNumberFor('Axe I – mobilité (fiche 1.2)', known), '1.2');
    assert.equal(ficheNumberFor('Objectif 8 : sécuriser la reprise d’emploi', known), '8');
    assert.equal(ficheNumberFor('Fiche action n°17', known), null);
    assert.equal(ficheNumberFor('Fiche action n°1', known), null);
    assert.equal(ficheNumberFor('Convention d’appui – jeunes', known), null);
    assert.equal(ficheNumberFor(null, known), null);
  });
});
