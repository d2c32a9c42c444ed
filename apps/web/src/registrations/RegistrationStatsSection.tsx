// The dashboard's « Inscriptions » section: the département's aggregate counts only (no person):
// states, channels, wait lists, no-shows, time to decision, and the fill rate of each session.
import { REGISTRATION_STATUSES } from '@catalogue/contracts';
import { useState } from 'react';
import { useLoad } from '../app/use-load.js';
import { ErrorState, Loading } from '../layout/Layout.js';
import { partner } from './partner-api.js';
import { STATUS_BADGES, STATUS_LABELS, durationLabel, percentLabel, shortSessionLabel } from './partner-labels.js';
import './partner.css';

const n = new Intl.NumberFormat('fr-FR');
/** Sessions shown before « Voir toutes les sessions ». */
const FIRST_SESSIONS = 10;

export function RegistrationStatsSection({ slug }: { slug: string }) {
  const data = useLoad(`registration-stats:${slug}`, (s) => partner.stats(slug, s));
  const d = data.data;
  const [all, setAll] = useState(false);
  const total = d ? REGISTRATION_STATUSES.reduce((sum, s) => sum + (d.byStatus[s] ?? 0), 0) : 0;
  const sessions = d ? (all ? d.sessions : d.sessions.slice(0, FIRST_SESSIONS)) : [];
  return (
    <section className="cat-bo-card fr-mt-3w" aria-labelledby="dash-registrations">
      <h2 className="fr-h4" id="dash-registrations">
        Inscriptions
      </h2>
      {data.status === 'error' && !d && <ErrorState title="Chiffres indisponibles" message={data.error.message} />}
      {!d && data.status === 'loading' && <Loading label="Chargement des inscriptions…" />}
      {d && (
        <>
          <p className="fr-text--sm">Chiffres d’ensemble du département : aucune personne n’y est nommée.</p>
          <div className="cat-stats cat-stats--compact">
            <div className="cat-stat">
              <strong>{n.format(total)}</strong> inscriptions en tout
            </div>
            <div className="cat-stat">
              <strong>{n.format(d.byChannel.self)}</strong> inscriptions directes
            </div>
            <div className="cat-stat">
              <strong>{n.format(d.byChannel.prescription)}</strong> prescriptions
            </div>
            <div className="cat-stat">
              <strong>{n.format(d.waitlisted)}</strong> en liste d’attente
            </div>
            <div className="cat-stat">
              <strong>{n.format(d.promoted)}</strong> places données depuis une liste d’attente
            </div>
            <div className="cat-stat">
              <strong>{n.format(d.noShows)}</strong> absences non excusées
            </div>
            <div className="cat-stat">
              <strong>{durationLabel(d.medianHoursToDecision)}</strong> délai médian de réponse des structures
            </div>
          </div>
          <h3 className="fr-h6">Par état</h3>
          <ul className="cat-plain-list cat-by-status">
            {REGISTRATION_STATUSES.map((s) => (
              <li key={s}>
                <span className={`fr-badge fr-badge--sm ${STATUS_BADGES[s]}`}>{STATUS_LABELS[s]}</span>{' '}
                <strong>{n.format(d.byStatus[s] ?? 0)}</strong>
              </li>
            ))}
          </ul>
          <h3 className="fr-h6 fr-mt-3w fr-mb-1v">Remplissage des sessions</h3>
          <p className="fr-text--sm">Sessions des 90 derniers et des 90 prochains jours, les plus pleines d’abord.</p>
          <div className="cat-fill">
            {d.sessions.length === 0 ? (
              <p>Aucune session dans les 90 derniers ou prochains jours.</p>
            ) : (
              <div className="fr-table fr-table--no-caption cat-table-wrap cat-fill__table">
                <table>
                  <caption>Remplissage des sessions des 90 derniers et des 90 prochains jours</caption>
                  <thead>
                    <tr>
                      <th scope="col">Offre et session</th>
                      <th scope="col">Places prises</th>
                      <th scope="col">Remplissage</th>
                      <th scope="col">Liste d’attente</th>
                    </tr>
                  </thead>
                  <tbody>
                    {sessions.map((s) => (
                      <tr key={s.id}>
                        <th scope="row">
                          {s.offerTitle}
                          <span className="cat-fill__when">{shortSessionLabel(s.startsAt)}</span>
                        </th>
                        <td data-label="Places prises">
                          {n.format(s.accepted)} / {n.format(s.capacity)}
                        </td>
                        <td data-label="Remplissage">
                          <span className="cat-fill__rate">
                            <span className="cat-fill__bar" aria-hidden="true">
                              <span style={{ width: `${Math.min(100, Math.round(s.fillRate * 100))}%` }} />
                            </span>
                            {percentLabel(s.fillRate)}
                          </span>
                        </td>
                        <td data-label="Liste d’attente">{n.format(s.waitlist)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {d.sessions.length > FIRST_SESSIONS && (
              <button type="button" className="fr-btn fr-btn--sm fr-btn--tertiary" onClick={() => setAll((v) => !v)}>
                {all ? `Voir les ${FIRST_SESSIONS} plus pleines seulement` : `Voir les ${d.sessions.length} sessions`}
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
}
