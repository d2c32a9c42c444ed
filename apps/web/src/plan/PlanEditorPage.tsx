// The plan editor (admins, capability editPlan): name, period, source; axes, fiches and indicators
// added, removed and moved; targets per year of the period. The whole plan is saved at once
// (PUT …/plan, ids kept), after the shared rule's checks; the API's own 400 lands on the same fields.
import type { Me } from '@catalogue/contracts';
import { periodYears } from '@catalogue/contracts';
import { useEffect, useState, type FormEvent } from 'react';
import type { ApiRequestError } from '../app/api.js';
import { paths } from '../app/routes.js';
import { useLoad } from '../app/use-load.js';
import { ErrorState, Loading } from '../layout/Layout.js';
import {
  ErrorSummary,
  Forbidden,
  Notice,
  Page,
  SignedIn,
  TextArea,
  TextField,
  canIn,
  useAction,
} from '../backoffice/ui.js';
import { planApi } from './plan-api.js';
import './plan.css';
import {
  addAxis,
  addFiche,
  emptyPlanForm,
  MEASURE_LABELS,
  MEASURES,
  move,
  moveAxis,
  newIndicator,
  planFieldId,
  planFormFromPlan,
  planWriteFromForm,
  updateAxis,
  updateFiche,
  validatePlanForm,
  type FicheForm,
  type IndicatorForm,
  type PlanForm,
} from './plan-editor.js';

const TITLE = 'Plan d’insertion';

export function PlanEditorPage({ slug }: { slug: string }) {
  return (
    <SignedIn title={TITLE}>
      {(me: Me) =>
        canIn(me, slug).editPlan ? (
          <Editor slug={slug} />
        ) : (
          <Page title={TITLE} crumbs={[{ label: 'Mon espace', to: paths.space() }]}>
            <h1>{TITLE}</h1>
            <Forbidden what="Cette page est réservée aux administrateurs du département." />
          </Page>
        )
      }
    </SignedIn>
  );
}

type Errors = Record<string, string>;
type Set = (change: (f: PlanForm) => PlanForm) => void;

function Editor({ slug }: { slug: string }) {
  const loaded = useLoad(`plan-editor:${slug}`, (signal) => planApi.find(slug, signal));
  const [form, setForm] = useState<PlanForm | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [saved, setSaved] = useState<string | null>(null);
  const action = useAction();
  useEffect(() => {
    if (loaded.status === 'ok') setForm(loaded.data ? planFormFromPlan(loaded.data) : emptyPlanForm());
  }, [loaded.status, loaded.data]);
  const set: Set = (change) => setForm((f) => (f ? change(f) : f));

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!form) return;
    setSaved(null);
    const found = validatePlanForm(form);
    setErrors(found);
    if (Object.keys(found).length) return;
    const result = await action.run(() => planApi.save(slug, planWriteFromForm(form)));
    if (!result) return;
    setForm(planFormFromPlan(result.plan));
    const notes = [
      result.offersLinked ? `${result.offersLinked} offre(s) rattachée(s) d’après leur ancien texte` : '',
      result.offersUnlinked ? `${result.offersUnlinked} offre(s) n’ont plus de fiche (fiche retirée)` : '',
    ].filter(Boolean);
    setSaved(`Plan enregistré.${notes.length ? ` ${notes.join(' ; ')}.` : ''}`);
  };
  // A 400 names its fields as the form does: shown beside them.
  useEffect(() => {
    const e = action.lastError as
      (ApiRequestError & { body?: { fields?: { field: string; message: string }[] } }) | null;
    if (e?.status === 400 && e.body?.fields)
      setErrors(
        Object.fromEntries((e.body.fields as { field: string; message: string }[]).map((f) => [f.field, f.message])),
      );
  }, [action.lastError]);

  return (
    <Page title={TITLE} crumbs={[{ label: 'Mon espace', to: paths.space() }]}>
      <h1>{TITLE}</h1>
      <p>
        Le plan est public (<a href={paths.plan(slug)}>voir la page du plan</a>). Les offres, appels à projets et
        conventions nomment ses fiches : une fiche nommée par un appel ou une convention ne peut pas être retirée.
      </p>
      {loaded.status === 'error' ? (
        <ErrorState
          title="Le plan n’a pas pu être chargé"
          message={loaded.error.message}
          onRetry={() => window.location.reload()}
        />
      ) : !form ? (
        <Loading label="Chargement du plan…" />
      ) : (
        <form onSubmit={save} noValidate>
          {!loaded.data && (
            <Notice kind="info">Le plan n’a pas encore été saisi : il sera créé à l’enregistrement.</Notice>
          )}
          <ErrorSummary errors={errors} fieldId={planFieldId} />
          {action.error && action.lastError?.status !== 400 && <Notice kind="error">{action.error}</Notice>}
          {saved && <Notice kind="success">{saved}</Notice>}
          <PlanHeader form={form} set={set} errors={errors} />
          {form.axes.map((a, ai) => (
            <section key={a.key} className="cat-bo-card" aria-labelledby={`axe-${a.key}`}>
              <h2 className="fr-h4" id={`axe-${a.key}`}>
                Axe {a.number || '?'} {a.title ? `– ${a.title}` : ''}
              </h2>
              <div className="cat-row">
                <TextField
                  id={planFieldId(`axes.${ai}.number`)}
                  label="Numéro"
                  inputMode="numeric"
                  value={a.number}
                  onChange={(v) => set((f) => updateAxis(f, ai, (x) => ({ ...x, number: v })))}
                  error={errors[`axes.${ai}.number`]}
                  required
                />
                <TextField
                  id={planFieldId(`axes.${ai}.title`)}
                  label="Titre de l’axe"
                  value={a.title}
                  onChange={(v) => set((f) => updateAxis(f, ai, (x) => ({ ...x, title: v })))}
                  error={errors[`axes.${ai}.title`]}
                  required
                />
              </div>
              <TextArea
                id={planFieldId(`axes.${ai}.description`)}
                label="Description"
                rows={2}
                value={a.description}
                onChange={(v) => set((f) => updateAxis(f, ai, (x) => ({ ...x, description: v })))}
                error={errors[`axes.${ai}.description`]}
              />
              <Moves
                what={`l’axe ${a.number}`}
                index={ai}
                count={form.axes.length}
                onMove={(d) => set((f) => moveAxis(f, ai, d))}
                onRemove={() => set((f) => ({ ...f, axes: f.axes.filter((_, k) => k !== ai) }))}
              />
              {a.fiches.map((fi, i) => (
                <FicheEditor
                  key={fi.key}
                  at={`axes.${ai}.fiches.${i}`}
                  fiche={fi}
                  years={periodYears(Number(form.periodStart), Number(form.periodEnd))}
                  errors={errors}
                  count={a.fiches.length}
                  index={i}
                  change={(c) => set((f) => updateFiche(f, ai, i, c))}
                  onMove={(d) => set((f) => updateAxis(f, ai, (x) => ({ ...x, fiches: move(x.fiches, i, d) })))}
                  onRemove={() =>
                    set((f) => updateAxis(f, ai, (x) => ({ ...x, fiches: x.fiches.filter((_, k) => k !== i) })))
                  }
                />
              ))}
              <button
                type="button"
                className="fr-btn fr-btn--secondary fr-btn--sm fr-icon-add-line fr-btn--icon-left"
                onClick={() => set((f) => addFiche(f, ai))}
              >
                Ajouter une fiche à l’axe {a.number}
              </button>
            </section>
          ))}
          <div className="cat-actions fr-mt-3w">
            <button
              type="button"
              className="fr-btn fr-btn--secondary fr-icon-add-line fr-btn--icon-left"
              onClick={() => set(addAxis)}
            >
              Ajouter un axe
            </button>
            <button type="submit" className="fr-btn" disabled={action.busy}>
              {action.busy ? 'Enregistrement…' : 'Enregistrer le plan'}
            </button>
          </div>
        </form>
      )}
    </Page>
  );
}

function PlanHeader({ form, set, errors }: { form: PlanForm; set: Set; errors: Errors }) {
  const field = (k: 'name' | 'periodStart' | 'periodEnd' | 'source') => ({
    id: planFieldId(k),
    value: form[k],
    error: errors[k],
    onChange: (v: string) => set((f) => ({ ...f, [k]: v })),
  });
  return (
    <section className="cat-bo-card" aria-labelledby="plan-general">
      <h2 className="fr-h4" id="plan-general">
        Le plan
      </h2>
      <TextField {...field('name')} label="Nom du plan" required />
      <div className="cat-row">
        <TextField {...field('periodStart')} label="Première année" inputMode="numeric" required />
        <TextField {...field('periodEnd')} label="Dernière année" inputMode="numeric" required />
      </div>
      <TextArea {...field('source')} label="Source" hint="Délibération, document d’où vient le plan" rows={2} />
    </section>
  );
}

function Moves(p: { what: string; index: number; count: number; onMove: (d: -1 | 1) => void; onRemove: () => void }) {
  return (
    <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm fr-mb-2w">
      <li>
        <button
          type="button"
          className="fr-btn fr-btn--tertiary fr-btn--sm"
          disabled={p.index === 0}
          onClick={() => p.onMove(-1)}
        >
          Monter <span className="fr-sr-only">{p.what}</span>
        </button>
      </li>
      <li>
        <button
          type="button"
          className="fr-btn fr-btn--tertiary fr-btn--sm"
          disabled={p.index === p.count - 1}
          onClick={() => p.onMove(1)}
        >
          Descendre <span className="fr-sr-only">{p.what}</span>
        </button>
      </li>
      <li>
        <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm" onClick={p.onRemove}>
          Retirer <span className="fr-sr-only">{p.what}</span>
        </button>
      </li>
    </ul>
  );
}

function FicheEditor(p: {
  at: string;
  fiche: FicheForm;
  years: number[];
  errors: Errors;
  index: number;
  count: number;
  change: (c: (f: FicheForm) => FicheForm) => void;
  onMove: (d: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { at, fiche: f, errors, change } = p;
  const text = (k: 'number' | 'title' | 'objective' | 'description' | 'publicText' | 'means') => ({
    id: planFieldId(`${at}.${k}`),
    value: f[k],
    error: errors[`${at}.${k}`],
    onChange: (v: string) => change((x) => ({ ...x, [k]: v })),
  });
  const setIndicator = (i: number, c: (x: IndicatorForm) => IndicatorForm) =>
    change((x) => ({ ...x, indicators: x.indicators.map((ind, k) => (k === i ? c(ind) : ind)) }));
  return (
    <fieldset className="cat-plan-fiche" aria-labelledby={`${planFieldId(at)}-legend`}>
      <legend className="fr-fieldset__legend fr-h6" id={`${planFieldId(at)}-legend`}>
        Fiche {f.number || '?'} {f.title ? `– ${f.title}` : ''}
        {f.offerCount > 0 && (
          <span className="fr-hint-text">
            {f.offerCount} offre{f.offerCount > 1 ? 's' : ''} publiée{f.offerCount > 1 ? 's' : ''} rattachée
            {f.offerCount > 1 ? 's' : ''}
          </span>
        )}
      </legend>
      <div className="cat-row">
        <TextField {...text('number')} label="Numéro" hint="« 7 » ou « 1.2 »" required />
        <TextField {...text('title')} label="Titre de la fiche" required />
      </div>
      <TextArea {...text('objective')} label="Objectif" rows={2} />
      <TextArea {...text('description')} label="Description" rows={3} />
      <TextArea {...text('publicText')} label="Public visé" rows={2} />
      <TextArea {...text('means')} label="Moyens et partenaires" rows={2} />
      <Moves what={`la fiche ${f.number}`} index={p.index} count={p.count} onMove={p.onMove} onRemove={p.onRemove} />
      {f.indicators.map((ind, i) => (
        <IndicatorEditor
          key={ind.key}
          at={`${at}.indicators.${i}`}
          indicator={ind}
          years={p.years}
          errors={errors}
          change={(c) => setIndicator(i, c)}
          onRemove={() => change((x) => ({ ...x, indicators: x.indicators.filter((_, k) => k !== i) }))}
          onMove={(d) => change((x) => ({ ...x, indicators: move(x.indicators, i, d) }))}
          index={i}
          count={f.indicators.length}
        />
      ))}
      <button
        type="button"
        className="fr-btn fr-btn--tertiary fr-btn--sm fr-icon-add-line fr-btn--icon-left"
        onClick={() => change((x) => ({ ...x, indicators: [...x.indicators, newIndicator()] }))}
      >
        Ajouter un indicateur <span className="fr-sr-only">à la fiche {f.number}</span>
      </button>
    </fieldset>
  );
}

function IndicatorEditor(p: {
  at: string;
  indicator: IndicatorForm;
  years: number[];
  errors: Errors;
  index: number;
  count: number;
  change: (c: (x: IndicatorForm) => IndicatorForm) => void;
  onMove: (d: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { at, indicator: ind, errors, change } = p;
  const id = planFieldId(at);
  return (
    <div className="cat-plan-indicator">
      <div className="cat-row">
        <TextField
          id={`${id}-label`}
          label={`Indicateur ${p.index + 1}`}
          value={ind.label}
          error={errors[`${at}.label`]}
          onChange={(v) => change((x) => ({ ...x, label: v }))}
          required
        />
        <TextField
          id={`${id}-unit`}
          label="Unité"
          hint="personnes, %, €…"
          value={ind.unit}
          error={errors[`${at}.unit`]}
          onChange={(v) => change((x) => ({ ...x, unit: v }))}
          required
        />
        <div className="fr-select-group">
          <label className="fr-label" htmlFor={`${id}-measure`}>
            Mesure
          </label>
          <select
            id={`${id}-measure`}
            className="fr-select"
            value={ind.measure}
            onChange={(e) => change((x) => ({ ...x, measure: e.target.value as IndicatorForm['measure'] }))}
          >
            {MEASURES.map((m) => (
              <option key={m} value={m}>
                {MEASURE_LABELS[m]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <fieldset className="cat-plan-targets" aria-labelledby={`${id}-targets`}>
        <legend className="fr-fieldset__legend--regular fr-text--sm" id={`${id}-targets`}>
          Cibles par année (facultatives)
        </legend>
        {p.years.map((y) => (
          <TextField
            key={y}
            id={planFieldId(`${at}.targets.${y}`)}
            label={String(y)}
            inputMode="numeric"
            value={ind.targets[String(y)] ?? ''}
            error={errors[`${at}.targets.${y}`]}
            onChange={(v) => change((x) => ({ ...x, targets: { ...x.targets, [String(y)]: v } }))}
          />
        ))}
      </fieldset>
      <Moves
        what={`l’indicateur ${p.index + 1}`}
        index={p.index}
        count={p.count}
        onMove={p.onMove}
        onRemove={p.onRemove}
      />
    </div>
  );
}
