// The committee: a call's submitted applications ranked by their instructors' scores, a simulation
// against the envelope (select, change the amount, see what is left), then the decisions recorded
// one by one with their result (the agreement of each selected application).
import type { ApplicationStatus, Call, Me, Ranking } from '@catalogue/contracts';
import { useState } from 'react';
import { ApiRequestError } from '../app/api.js';
import { Link } from '../app/router.js';
import { paths } from '../app/routes.js';
import { useLoad } from '../app/use-load.js';
import { ErrorState } from '../layout/Layout.js';
import { ErrorSummary, messageOf, Notice, Page, SignedIn, TextArea } from '../backoffice/ui.js';
import { applicationsApi } from './applications-api.js';
import { euros } from './application-text.js';
import { StatusBadge } from './application-ui.js';
import { scoreLabel } from './agent-forms.js';
import {
  decidable,
  initialSimulation,
  plannedDecisions,
  reasonsOf,
  setAmount,
  setLineReasons,
  simulationErrors,
  simulationTotals,
  toggleLine,
  totalsLabel,
  type Simulation,
} from './ranking-simulation.js';

const TITLE = 'Classement et comité';
const fid = (k: string) => `rk-${k.replace(/[^A-Za-z0-9_-]+/g, '-')}`;

type Result = { ok: true; agreementId: string | null; status: ApplicationStatus } | { ok: false; message: string };

function Committee({
  slug,
  call,
  ranking,
  results,
  setResults,
  onRecorded,
}: {
  slug: string;
  call: Call;
  ranking: Ranking;
  results: Record<string, Result>;
  setResults: (r: Record<string, Result>) => void;
  onRecorded: () => void;
}) {
  const [sim, setSim] = useState<Simulation>(() => initialSimulation(ranking));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const totals = simulationTotals(ranking, sim);
  const open = ranking.lines.filter(decidable);

  const record = async () => {
    const errs = simulationErrors(ranking, sim);
    setErrors(errs);
    if (Object.keys(errs).length) return;
    setBusy(true);
    const out: Record<string, Result> = {};
    setResults(out);
    for (const d of plannedDecisions(ranking, sim)) {
      try {
        const a = await applicationsApi.decide(slug, d.applicationId, d.body);
        out[d.applicationId] = { ok: true, agreementId: a.agreementId, status: a.status };
      } catch (e) {
        out[d.applicationId] = {
          ok: false,
          message: e instanceof ApiRequestError ? messageOf(e) : 'Erreur inattendue.',
        };
      }
      setResults({ ...out });
    }
    setBusy(false);
    onRecorded();
  };

  const byId = new Map(ranking.lines.map((l) => [l.applicationId, l]));
  return (
    <>
      <div className={`cat-app-envelope${totals.over ? ' cat-app-envelope--over' : ''}`} aria-live="polite">
        <p>{totalsLabel(totals)}</p>
        {totals.over && (
          <p className="fr-text--sm">
            Attention : la sélection dépasse l’enveloppe. Retirez un dossier ou réduisez un montant.
          </p>
        )}
      </div>
      {/* The deadline decides, as the API does, even before the clock job marks the call closed. */}
      {call.status === 'published' && (!call.closesAt || Date.parse(call.closesAt) > Date.now()) && (
        <Notice kind="info">
          L’appel à projets est encore ouvert : les décisions pourront être enregistrées après sa clôture.
        </Notice>
      )}
      <ErrorSummary errors={errors} fieldId={fid} />
      <div className="fr-table fr-table--sm cat-app-ranking">
        <div className="fr-table__wrapper">
          <div className="fr-table__container">
            <div className="fr-table__content">
              <table>
                <caption>
                  Dossiers déposés, du mieux noté au moins bien noté ({ranking.instructorCount}{' '}
                  {ranking.instructorCount > 1 ? 'instructeurs' : 'instructeur'})
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Retenir</th>
                    <th scope="col" className="cat-num">
                      Rang
                    </th>
                    <th scope="col">Structure</th>
                    <th scope="col" className="cat-num">
                      Note
                    </th>
                    <th scope="col" className="cat-num">
                      Évaluations
                    </th>
                    <th scope="col" className="cat-num">
                      Demandé
                    </th>
                    <th scope="col">Montant accordé</th>
                    <th scope="col">Décision</th>
                  </tr>
                </thead>
                <tbody>
                  {ranking.lines.map((l) => {
                    const s = sim.lines[l.applicationId];
                    const r = results[l.applicationId];
                    const amountErr = errors[`amount.${l.applicationId}`];
                    return (
                      <tr key={l.applicationId}>
                        <td>
                          {s && (
                            <div className="fr-checkbox-group fr-checkbox-group--sm">
                              <input
                                type="checkbox"
                                id={fid(`select.${l.applicationId}`)}
                                checked={s.selected}
                                disabled={busy}
                                onChange={(e) => setSim(toggleLine(sim, l.applicationId, e.target.checked))}
                              />
                              <label className="fr-label" htmlFor={fid(`select.${l.applicationId}`)}>
                                <span className="fr-sr-only">Retenir {l.organizationName}</span>
                              </label>
                            </div>
                          )}
                        </td>
                        <td className="cat-num">{l.rank ?? '—'}</td>
                        <td className="cat-app-title-cell">
                          <Link to={paths.application(slug, l.applicationId)}>{l.organizationName}</Link>
                          {l.ineligible && (
                            <>
                              {' '}
                              <span className="fr-badge fr-badge--sm fr-badge--error">Inéligible</span>
                            </>
                          )}
                        </td>
                        <td className="cat-num">{scoreLabel(l.score)}</td>
                        <td className="cat-num">{l.scoreCount}</td>
                        <td className="cat-num">{euros(l.amountRequested)}</td>
                        <td className="cat-app-grant">
                          {s?.selected ? (
                            <div className={`fr-input-group fr-mb-0${amountErr ? ' fr-input-group--error' : ''}`}>
                              <label className="fr-label fr-sr-only" htmlFor={fid(`amount.${l.applicationId}`)}>
                                Montant accordé à {l.organizationName}
                              </label>
                              <input
                                id={fid(`amount.${l.applicationId}`)}
                                className={`fr-input${amountErr ? ' fr-input--error' : ''}`}
                                inputMode="decimal"
                                value={s.amount}
                                disabled={busy}
                                aria-invalid={amountErr ? true : undefined}
                                aria-describedby={amountErr ? `${fid(`amount.${l.applicationId}`)}-error` : undefined}
                                onChange={(e) => setSim(setAmount(sim, l.applicationId, e.target.value))}
                              />
                              {amountErr && (
                                <p className="fr-error-text" id={`${fid(`amount.${l.applicationId}`)}-error`}>
                                  {amountErr}
                                </p>
                              )}
                            </div>
                          ) : l.status === 'selected' ? (
                            euros(l.amountGranted)
                          ) : (
                            '—'
                          )}
                        </td>
                        <td className="cat-app-decision-cell">
                          {r?.ok === false ? (
                            <p className="fr-error-text fr-mt-0">{r.message}</p>
                          ) : r?.ok ? (
                            <>
                              <StatusBadge status={r.status} />
                              {r.agreementId && <br />}
                              {r.agreementId && (
                                <Link className="fr-link fr-text--sm" to={paths.agreement(slug, r.agreementId)}>
                                  Convention
                                </Link>
                              )}
                            </>
                          ) : s ? (
                            <span className="fr-text--sm">
                              {s.selected ? 'Retenu (simulation)' : 'Non retenu (simulation)'}
                            </span>
                          ) : (
                            <StatusBadge status={l.status} />
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </div>
        </div>
      </div>
      {open.length > 0 && (
        <section className="cat-bo-card" aria-labelledby="reasons-title">
          <h2 className="fr-h4" id="reasons-title">
            Motifs des décisions
          </h2>
          <p className="fr-text--sm">
            Repris dans la lettre envoyée à chaque structure. Écrits une fois, modifiables dossier par dossier.
          </p>
          <TextArea
            id={fid('selectReasons')}
            label="Motivation des dossiers retenus"
            value={sim.selectReasons}
            onChange={(selectReasons) => setSim({ ...sim, selectReasons })}
            rows={2}
            required
          />
          <TextArea
            id={fid('rejectReasons')}
            label="Motifs des dossiers non retenus"
            value={sim.rejectReasons}
            onChange={(rejectReasons) => setSim({ ...sim, rejectReasons })}
            rows={2}
            required
          />
          <details className="fr-mb-2w">
            <summary>Adapter le motif d’un dossier</summary>
            {open.map((l) => (
              <TextArea
                key={l.applicationId}
                id={fid(`reasons.${l.applicationId}`)}
                label={`${l.organizationName} — ${sim.lines[l.applicationId]?.selected ? 'retenu' : 'non retenu'}`}
                value={reasonsOf(sim, l.applicationId)}
                onChange={(v) => setSim(setLineReasons(sim, l.applicationId, v))}
                error={errors[`reasons.${l.applicationId}`]}
                rows={2}
              />
            ))}
          </details>
          <p className="fr-text--sm">
            {totals.selectedCount} {totals.selectedCount > 1 ? 'dossiers retenus' : 'dossier retenu'},{' '}
            {open.length - totals.selectedCount} non {open.length - totals.selectedCount > 1 ? 'retenus' : 'retenu'}.
            Chaque structure est informée par courriel avec sa lettre de notification.
          </p>
          <button type="button" className="fr-btn" disabled={busy || totals.over} onClick={() => void record()}>
            Enregistrer les décisions
          </button>
          {busy && (
            <p role="status" className="fr-text--sm">
              Enregistrement en cours…
            </p>
          )}
        </section>
      )}
      {Object.keys(results).length > 0 && (
        <section className="cat-bo-card" aria-labelledby="results-title" aria-live="polite">
          <h2 className="fr-h4" id="results-title">
            Résultat de l’enregistrement
          </h2>
          <ul>
            {Object.entries(results).map(([id, r]) => (
              <li key={id}>
                {byId.get(id)?.organizationName} :{' '}
                {r.ok ? (
                  <>
                    {r.status === 'selected' ? 'retenu' : 'non retenu'}
                    {r.agreementId && (
                      <>
                        {' — '}
                        <Link to={paths.agreement(slug, r.agreementId)}>voir la convention</Link>
                      </>
                    )}
                  </>
                ) : (
                  <span className="fr-error-text fr-mt-0 fr-mb-0" style={{ display: 'inline' }}>
                    {r.message}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function RankingView({ slug, id }: { slug: string; id: string; me: Me }) {
  const [round, setRound] = useState(0);
  const [results, setResults] = useState<Record<string, Result>>({});
  const call = useLoad(`call:${slug}:${id}`, (s) => applicationsApi.call(slug, id, s));
  const ranking = useLoad(`ranking:${slug}:${id}:${round}`, (s) => applicationsApi.ranking(slug, id, s));
  return (
    <Page
      title={TITLE}
      crumbs={[
        { label: 'Mon espace', to: paths.space() },
        { label: 'Appels à projets', to: paths.boCalls(slug) },
        ...(call.data ? [{ label: call.data.title, to: paths.boCall(slug, id) }] : []),
      ]}
    >
      <h1 className="fr-h2">{TITLE}</h1>
      {call.data && <p className="fr-text--lead">{call.data.title}</p>}
      {(ranking.status === 'error' && !ranking.data) || (call.status === 'error' && !call.data) ? (
        <ErrorState
          title="Le classement n’a pas pu être affiché"
          message={messageOf(ranking.status === 'error' ? ranking.error : (call as { error: ApiRequestError }).error)}
        />
      ) : ranking.data && call.data ? (
        ranking.data.lines.length === 0 ? (
          <p>Aucun dossier déposé pour cet appel à projets.</p>
        ) : (
          // Once recorded, the ranking is read again and a new simulation starts from its decisions.
          <Committee
            key={ranking.data.lines.map((l) => l.status).join()}
            slug={slug}
            call={call.data}
            ranking={ranking.data}
            results={results}
            setResults={setResults}
            onRecorded={() => setRound((r) => r + 1)}
          />
        )
      ) : (
        <div className="cat-app-skeleton" aria-busy="true">
          <p className="cat-loading" role="status">
            Chargement du classement…
          </p>
        </div>
      )}
    </Page>
  );
}

export function RankingPage({ slug, id }: { slug: string; id: string }) {
  return <SignedIn title={TITLE}>{(me) => <RankingView slug={slug} id={id} me={me} />}</SignedIn>;
}
