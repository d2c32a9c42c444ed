// The agent's editor of a draft agreement's terms: title, dates, the payment schedule (lines of
// label / amount / date, with the live sum against the amount and the shared rule's message), the
// indicators' targets and the bilan due dates. Checked by agreementTermsErrors before sending, the
// same rule the API applies; the API's answer is shown the same way.
import { agreementTermsErrors, type Agreement } from '@catalogue/contracts';
import { useState, type FormEvent } from 'react';
import { ApiRequestError } from '../app/api.js';
import { ErrorSummary, messageOf, Notice, TextField } from '../backoffice/ui.js';
import { addLine, linesOf, scheduleState, tranchesOf, type TrancheLine } from './agreement-text.js';
import { agreementsApi } from './agreements-api.js';

const fieldId = (key: string) => `ag-${key.replace(/\./g, '-')}`;

export function TermsEditor({
  slug,
  agreement: a,
  onSaved,
}: {
  slug: string;
  agreement: Agreement;
  onSaved: (a: Agreement) => void;
}) {
  const [title, setTitle] = useState(a.title);
  const [startsOn, setStartsOn] = useState(a.startsOn);
  const [endsOn, setEndsOn] = useState(a.endsOn);
  const [lines, setLines] = useState<TrancheLine[]>(() => linesOf(a.paymentSchedule));
  const [targets, setTargets] = useState<string[]>(() =>
    a.indicators.map((i) => (i.target === null ? '' : String(i.target))),
  );
  const [bilans, setBilans] = useState<string[]>(a.bilanDueDates);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const schedule = scheduleState(lines, a.amount);

  const setLine = (i: number, patch: Partial<TrancheLine>) =>
    setLines((ls) => ls.map((l, n) => (n === i ? { ...l, ...patch } : l)));
  const targetValues = targets.map((t) => (t.trim() === '' ? null : Number(t.replace(',', '.'))));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const terms = {
      title,
      startsOn,
      endsOn,
      paymentSchedule: tranchesOf(lines),
      indicatorTargets: targetValues,
      bilanDueDates: bilans,
    };
    const found = Object.fromEntries(
      agreementTermsErrors(terms, a.amount, a.indicators.length).map((x) => [x.field, x.message]),
    );
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      onSaved(await agreementsApi.edit(slug, a.id, { ...terms, version: a.version }));
      setSaved(true);
    } catch (err) {
      if (err instanceof ApiRequestError && err.status === 400) {
        const fields = (err.body?.fields as { field: string; message: string }[] | undefined) ?? [
          { field: err.parameter ?? 'title', message: err.message },
        ];
        setErrors(Object.fromEntries(fields.map((f) => [f.field, f.message])));
      } else if (err instanceof ApiRequestError) setErrors({ form: messageOf(err) });
      else throw err;
    } finally {
      setBusy(false);
    }
  }

  const err = (key: string) => errors[key];
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="terms-title">
      <h2 className="fr-h4" id="terms-title">
        Conditions de la convention
      </h2>
      <ErrorSummary errors={errors} fieldId={fieldId} />
      {saved && <Notice kind="success">Conditions enregistrées.</Notice>}
      <TextField
        id={fieldId('title')}
        label="Titre de l’action"
        value={title}
        onChange={setTitle}
        error={err('title')}
        required
      />
      <div className="cat-terms-dates">
        <TextField
          id={fieldId('startsOn')}
          label="Début"
          type="date"
          value={startsOn}
          onChange={setStartsOn}
          error={err('startsOn')}
          required
        />
        <TextField
          id={fieldId('endsOn')}
          label="Fin"
          type="date"
          value={endsOn}
          onChange={setEndsOn}
          error={err('endsOn')}
          required
        />
      </div>

      <fieldset
        className={`fr-fieldset${schedule.errors.paymentSchedule ? ' fr-fieldset--error' : ''}`}
        id={fieldId('paymentSchedule')}
        aria-describedby="schedule-sum"
      >
        <legend className="fr-fieldset__legend">Échéancier des versements</legend>
        {lines.map((l, i) => (
          <div className="cat-tranche fr-fieldset__element" key={i} role="group" aria-label={`Échéance ${i + 1}`}>
            <TextField
              id={fieldId(`paymentSchedule.${i}.label`)}
              label={`Échéance ${i + 1} : libellé`}
              value={l.label}
              onChange={(v) => setLine(i, { label: v })}
              error={err(`paymentSchedule.${i}.label`)}
            />
            <TextField
              id={fieldId(`paymentSchedule.${i}.amount`)}
              label="Montant (€)"
              inputMode="text"
              value={l.amount}
              onChange={(v) => setLine(i, { amount: v })}
              error={err(`paymentSchedule.${i}.amount`)}
            />
            <TextField
              id={fieldId(`paymentSchedule.${i}.dueOn`)}
              label="Date prévue"
              type="date"
              value={l.dueOn}
              onChange={(v) => setLine(i, { dueOn: v })}
              error={err(`paymentSchedule.${i}.dueOn`)}
            />
            <button
              type="button"
              className="fr-btn fr-btn--tertiary fr-btn--sm fr-icon-delete-line fr-btn--icon-left"
              onClick={() => setLines((ls) => ls.filter((_, n) => n !== i))}
              disabled={lines.length === 1}
            >
              Retirer<span className="fr-sr-only"> l’échéance {i + 1}</span>
            </button>
          </div>
        ))}
        <div className="fr-fieldset__element">
          <button
            type="button"
            className="fr-btn fr-btn--secondary fr-btn--sm fr-icon-add-line fr-btn--icon-left"
            onClick={() => setLines((ls) => addLine(ls, a.amount, endsOn))}
          >
            Ajouter une échéance
          </button>
        </div>
        <div className="fr-fieldset__element" id="schedule-sum" aria-live="polite">
          <p className="fr-mb-1v">
            Somme des échéances : <strong>{schedule.totalLabel}</strong> sur{' '}
            {new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(a.amount)}
          </p>
          <p className={schedule.balanced ? 'fr-valid-text' : 'fr-error-text'}>
            {schedule.errors.paymentSchedule ?? schedule.leftLabel}
          </p>
        </div>
      </fieldset>

      {a.indicators.length > 0 && (
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend">Cibles des indicateurs</legend>
          {a.indicators.map((ind, i) => (
            <div className="fr-fieldset__element" key={i}>
              <TextField
                id={fieldId(`indicatorTargets.${i}`)}
                label={ind.label}
                hint={`En ${ind.unit} ; vide : sans cible`}
                inputMode="numeric"
                value={targets[i] ?? ''}
                onChange={(v) => setTargets((ts) => ts.map((t, n) => (n === i ? v : t)))}
                error={err(`indicatorTargets.${i}`)}
              />
            </div>
          ))}
        </fieldset>
      )}

      <fieldset className="fr-fieldset" id={fieldId('bilanDueDates')}>
        <legend className="fr-fieldset__legend">
          Bilans à remettre
          <span className="fr-hint-text">Pendant ou après la période de la convention</span>
        </legend>
        {bilans.map((d, i) => (
          <div className="fr-fieldset__element cat-bilan" key={i}>
            <TextField
              id={fieldId(`bilanDueDates.${i}`)}
              label={`Bilan ${i + 1} : au plus tard le`}
              type="date"
              value={d}
              onChange={(v) => setBilans((bs) => bs.map((b, n) => (n === i ? v : b)))}
              error={err(`bilanDueDates.${i}`)}
            />
            <button
              type="button"
              className="fr-btn fr-btn--tertiary fr-btn--sm"
              onClick={() => setBilans((bs) => bs.filter((_, n) => n !== i))}
            >
              Retirer<span className="fr-sr-only"> le bilan {i + 1}</span>
            </button>
          </div>
        ))}
        <div className="fr-fieldset__element">
          <button
            type="button"
            className="fr-btn fr-btn--secondary fr-btn--sm fr-icon-add-line fr-btn--icon-left"
            onClick={() => setBilans((bs) => [...bs, endsOn])}
          >
            Ajouter un bilan
          </button>
        </div>
      </fieldset>
      <button type="submit" className="fr-btn" disabled={busy}>
        {busy ? 'Enregistrement…' : 'Enregistrer les conditions'}
      </button>
    </form>
  );
}
