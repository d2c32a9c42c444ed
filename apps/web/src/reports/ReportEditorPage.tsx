// « Rapport d’exécution » in the back office (/{slug}/espace/rapport): per year, per axe and fiche,
// the agent writes the state of progress, the amount voted and the values of the indicators entered
// by hand, saved fiche by fiche; the printable report is one link away.
import {
  FIGURE_SOURCE_LABELS,
  formatFigure,
  REPORT_LIMITS,
  type ExecutionReport,
  type Me,
  type ReportFiche,
} from '@catalogue/contracts';
import { useState } from 'react';
import { Link } from '../app/router.js';
import { paths } from '../app/routes.js';
import { useLoad } from '../app/use-load.js';
import { Loading } from '../layout/Layout.js';
import {
  canIn,
  ErrorSummary,
  Forbidden,
  messageOf,
  Notice,
  Page,
  SelectField,
  SignedIn,
  TextArea,
  TextField,
  useAction,
} from '../backoffice/ui.js';
import { reportApi } from './report-api.js';
import { ficheForm, ficheWrite, reportYears, updatedLine, type FicheForm } from './report-view.js';
import './reports.css';

const TITLE = 'Rapport d’exécution';
const thisYear = () =>
  Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Paris', year: 'numeric' }).format(new Date()));

export function ReportEditorPage({ slug }: { slug: string }) {
  return <SignedIn title={TITLE}>{(me) => <Editor me={me} slug={slug} />}</SignedIn>;
}

function Editor({ me, slug }: { me: Me; slug: string }) {
  const allowed = canIn(me, slug).editReport;
  const [year, setYear] = useState(thisYear);
  const report = useLoad(`report-editor:${slug}:${year}:${allowed}`, (signal) =>
    allowed ? reportApi.get(slug, year, signal) : Promise.resolve(null),
  );
  const crumbs = [{ label: 'Mon espace', to: paths.space() }];
  if (!allowed)
    return (
      <Page title={TITLE} crumbs={crumbs}>
        <h1>{TITLE}</h1>
        <Forbidden what="La rédaction du rapport d’exécution est réservée aux agents du département." />
      </Page>
    );
  const r = report.data ?? null;
  return (
    <Page title={TITLE} crumbs={crumbs}>
      <h1>{TITLE}</h1>
      <p className="fr-text--lead">
        Pour chaque fiche du plan : l’état d’avancement de l’année, le montant voté et les valeurs des indicateurs
        saisis à la main. Les autres chiffres viennent des inscriptions, des bilans et des conventions.
      </p>
      <div className="cat-report-tools">
        <SelectField
          id="editor-year"
          label="Année du rapport"
          value={String(year)}
          onChange={(v) => setYear(Number(v))}
          options={reportYears(thisYear(), r?.plan.periodStart, r?.plan.periodEnd).map((y) => ({
            code: String(y),
            label: String(y),
          }))}
        />
        <p>
          <Link className="fr-link fr-icon-file-text-line fr-link--icon-left" to={paths.report(slug, year)}>
            Voir le rapport {year} à imprimer
          </Link>
        </p>
      </div>
      {report.status === 'error' && (
        <Notice kind="error">
          {report.error.status === 404 ? 'Le plan d’insertion n’a pas encore été saisi.' : messageOf(report.error)}
        </Notice>
      )}
      {!r ? report.status === 'loading' && <Loading label="Chargement du rapport…" /> : <Axes report={r} slug={slug} />}
    </Page>
  );
}

function Axes({ report: r, slug }: { report: ExecutionReport; slug: string }) {
  return (
    <>
      {r.axes.map((axis) => (
        <section key={axis.id} aria-labelledby={`edit-axe-${axis.number}`}>
          <h2 id={`edit-axe-${axis.number}`} className="fr-h3 fr-mt-5w">
            Axe {axis.number} – {axis.title}
          </h2>
          {axis.fiches.map((f) => (
            <FicheEditor key={`${r.year}-${f.id}`} slug={slug} year={r.year} fiche={f} />
          ))}
        </section>
      ))}
    </>
  );
}

function FicheEditor({ slug, year, fiche: initial }: { slug: string; year: number; fiche: ReportFiche }) {
  const [fiche, setFiche] = useState(initial);
  const [form, setForm] = useState<FicheForm>(() => ficheForm(initial));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const action = useAction();
  const prefix = `fiche-${fiche.id}`;
  const fieldId = (key: string) => `${prefix}-${key}`;
  const manual = fiche.indicators.filter((i) => i.measure === 'manual');
  const computed = fiche.indicators.filter((i) => i.measure !== 'manual');
  const change = (c: (f: FicheForm) => FicheForm) => {
    setSaved(false);
    setForm(c);
  };
  const save = async () => {
    const out = ficheWrite(form);
    if (!out.body) {
      setErrors(out.errors);
      return;
    }
    setErrors({});
    const next = await action.run(() => reportApi.saveFiche(slug, year, fiche.id, out.body));
    if (next) {
      setFiche(next);
      setForm(ficheForm(next));
      setSaved(true);
    }
  };
  const updated = updatedLine(fiche.progressUpdatedAt, fiche.progressUpdatedBy);
  return (
    <form
      className="cat-editor-fiche"
      aria-labelledby={`${prefix}-title`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3 id={`${prefix}-title`} className="fr-h5">
        Fiche {fiche.number} – {fiche.title}
      </h3>
      <ErrorSummary errors={errors} fieldId={fieldId} />
      <TextArea
        id={fieldId('progress')}
        label={`État d’avancement ${year}`}
        hint={updated ?? 'Ce qui a été fait dans l’année, les difficultés, les suites.'}
        rows={4}
        maxLength={REPORT_LIMITS.progress}
        value={form.progress}
        error={errors['progress']}
        onChange={(v) => change((f) => ({ ...f, progress: v }))}
      />
      <TextField
        id={fieldId('voted')}
        label="Montant voté (€)"
        hint={`Engagé : ${formatFigure(fiche.funding.committed)} € · versé : ${formatFigure(fiche.funding.paid)} € (conventions)`}
        inputMode="text"
        value={form.voted}
        error={errors['voted']}
        onChange={(v) => change((f) => ({ ...f, voted: v }))}
      />
      {manual.map((i) => (
        <fieldset
          key={i.indicatorId}
          className="cat-editor-indicator"
          aria-labelledby={`${prefix}-${i.indicatorId}-legend`}
        >
          <legend id={`${prefix}-${i.indicatorId}-legend`} className="cat-editor-legend">
            {i.label} ({i.unit}) — cible {year} : {formatFigure(i.target)}
          </legend>
          <div>
            <TextField
              id={fieldId(`value-${i.indicatorId}`)}
              label="Réalisé"
              hint="Vide : non renseigné"
              inputMode="text"
              value={form.values[i.indicatorId]?.value ?? ''}
              error={errors[`value-${i.indicatorId}`]}
              onChange={(v) =>
                change((f) => ({
                  ...f,
                  values: { ...f.values, [i.indicatorId]: { ...f.values[i.indicatorId]!, value: v } },
                }))
              }
            />
          </div>
          <div>
            <TextField
              id={fieldId(`note-${i.indicatorId}`)}
              label="Note (source, date du chiffre)"
              maxLength={REPORT_LIMITS.note}
              value={form.values[i.indicatorId]?.note ?? ''}
              error={errors[`note-${i.indicatorId}`]}
              onChange={(v) =>
                change((f) => ({
                  ...f,
                  values: { ...f.values, [i.indicatorId]: { ...f.values[i.indicatorId]!, note: v } },
                }))
              }
            />
          </div>
        </fieldset>
      ))}
      {computed.length > 0 && (
        <p className="fr-text--sm cat-muted">
          Calculés par la plateforme :{' '}
          {computed
            .map(
              (i) =>
                `${i.label} (${FIGURE_SOURCE_LABELS[i.source].toLowerCase()}) : ${formatFigure(i.achieved, i.hidden)}`,
            )
            .join(' ; ')}
        </p>
      )}
      {action.error && <Notice kind="error">{action.error}</Notice>}
      <div aria-live="polite">{saved && <Notice kind="success">Fiche {fiche.number} enregistrée.</Notice>}</div>
      <button type="submit" className="fr-btn" disabled={action.busy}>
        Enregistrer la fiche {fiche.number}
      </button>
    </form>
  );
}
