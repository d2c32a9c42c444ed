// The bilan's pieces both sides see: the header, the figures read-only (computed beside declared,
// a difference highlighted with its justification), the indicators, the money, the texts, the
// documents and the events' timeline.
import { BILAN_FIGURE_GROUPS, type Bilan, type BilanFigure } from '@catalogue/contracts';
import { Link } from '../app/router.js';
import { paths } from '../app/routes.js';
import { dateTimeLabel } from '../backoffice/ui.js';
import { eurosLabel } from '../agreements/agreement-text.js';
import { differs, figureLabel } from './bilan-form.js';
import { dueLabel, periodLabel, statusLabel, subjectOf } from './bilan-text.js';
import { BilanStatusBadge, OverdueBilanBadge } from './BilansPage.js';
import { bilansApi } from './bilans-api.js';

export function BilanHeader({ slug, b }: { slug: string; b: Bilan }) {
  return (
    <>
      <div className="cat-bilan-head">
        <h1 className="fr-mb-1w">
          Bilan {b.year} — {subjectOf(b)}
        </h1>
        <div className="cat-bilan-badges">
          <BilanStatusBadge status={b.status} />
          {b.overdue && <OverdueBilanBadge />}
        </div>
      </div>
      <dl className="cat-dl cat-bilan-facts">
        <div>
          <dt>Structure</dt>
          <dd>{b.organizationName}</dd>
        </div>
        <div>
          <dt>Période</dt>
          <dd>{periodLabel(b)}</dd>
        </div>
        <div>
          <dt>À remettre le</dt>
          <dd>{dueLabel(b)}</dd>
        </div>
        <div>
          <dt>Convention</dt>
          <dd>
            {b.agreementId ? (
              <Link className="fr-link" to={paths.agreement(slug, b.agreementId)}>
                {b.agreementTitle ?? 'Voir la convention'}
              </Link>
            ) : (
              'Bilan demandé hors convention'
            )}
          </dd>
        </div>
      </dl>
    </>
  );
}

export const figuresOf = (b: Bilan, keys: readonly string[]): BilanFigure[] =>
  keys.map((k) => b.figures.find((f) => f.key === k)).filter((f): f is BilanFigure => !!f);

/** Computed beside declared, group by group; a declared value that differs is highlighted. */
export function FiguresRead({ b }: { b: Bilan }) {
  return (
    <section className="cat-bo-card" aria-labelledby="bilan-figures">
      <h2 className="fr-h5" id="bilan-figures">
        Chiffres de l’action
      </h2>
      <p className="fr-hint-text">
        La plateforme calcule les chiffres à partir des inscriptions ; la structure peut déclarer une autre valeur,
        justifiée (par exemple pour des personnes venues hors plateforme).
      </p>
      {BILAN_FIGURE_GROUPS.map((g) => {
        const figures = figuresOf(
          b,
          g.figures.map((f) => f.key),
        );
        if (!figures.length) return null;
        return (
          <div key={g.key} className="cat-table-wrap fr-table fr-table--sm fr-mb-2w">
            <table>
              <caption className="fr-h6">{g.label}</caption>
              <thead>
                <tr>
                  <th scope="col">Chiffre</th>
                  <th scope="col">Calculé par la plateforme</th>
                  <th scope="col">Déclaré par la structure</th>
                  <th scope="col">Justification</th>
                </tr>
              </thead>
              <tbody>
                {figures.map((f) => {
                  const diff = differs(f);
                  return (
                    <tr key={f.key} className={diff ? 'cat-bilan-diff' : undefined}>
                      <th scope="row">{f.label}</th>
                      <td>{figureLabel(f.computed, f.unit)}</td>
                      <td>
                        {f.declared === null ? (
                          <span className="cat-muted">identique</span>
                        ) : (
                          <>
                            <strong>{figureLabel(f.declared, f.unit)}</strong>
                            {diff && <span className="fr-badge fr-badge--sm fr-badge--warning fr-ml-1w">Écart</span>}
                          </>
                        )}
                      </td>
                      <td>{f.justification ?? ''}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        );
      })}
    </section>
  );
}

export function IndicatorsRead({ b }: { b: Bilan }) {
  return (
    <section className="cat-bo-card" aria-labelledby="bilan-indicators">
      <h2 className="fr-h5" id="bilan-indicators">
        Indicateurs de la convention
      </h2>
      {b.indicators.length === 0 ? (
        <p>La convention ne fixe pas d’indicateur.</p>
      ) : (
        <div className="cat-table-wrap fr-table fr-table--sm fr-table--no-caption">
          <table>
            <caption>Indicateurs</caption>
            <thead>
              <tr>
                <th scope="col">Indicateur</th>
                <th scope="col">Cible</th>
                <th scope="col">Valeur atteinte</th>
                <th scope="col">Commentaire</th>
              </tr>
            </thead>
            <tbody>
              {b.indicators.map((i, n) => (
                <tr key={n}>
                  <th scope="row">{i.label}</th>
                  <td>{i.target === null ? 'à préciser' : `${figureLabel(i.target)} ${i.unit}`}</td>
                  <td>{i.value === null ? 'non renseignée' : `${figureLabel(i.value)} ${i.unit}`}</td>
                  <td>{i.comment}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Granted, paid, spent: the three amounts side by side. */
export function MoneyFacts({ b, spent }: { b: Bilan; spent: number }) {
  return (
    <dl className="cat-dl cat-bilan-facts">
      <div>
        <dt>Attribué</dt>
        <dd>{eurosLabel(b.money.granted)}</dd>
      </div>
      <div>
        <dt>Versé à ce jour</dt>
        <dd>{eurosLabel(b.money.paid)}</dd>
      </div>
      <div>
        <dt>Dépensé (déclaré)</dt>
        <dd>{eurosLabel(spent)}</dd>
      </div>
    </dl>
  );
}

export function MoneyRead({ b }: { b: Bilan }) {
  return (
    <section className="cat-bo-card" aria-labelledby="bilan-money">
      <h2 className="fr-h5" id="bilan-money">
        Financement
      </h2>
      <MoneyFacts b={b} spent={b.money.spent} />
      {b.money.lines.length === 0 ? (
        <p>Aucune ligne de dépenses.</p>
      ) : (
        <div className="cat-table-wrap fr-table fr-table--sm">
          <table>
            <caption className="fr-h6">Dépenses par poste</caption>
            <thead>
              <tr>
                <th scope="col">Poste</th>
                <th scope="col">Prévu</th>
                <th scope="col">Dépensé</th>
              </tr>
            </thead>
            <tbody>
              {b.money.lines.map((l, n) => (
                <tr key={n}>
                  <th scope="row">{l.label}</th>
                  <td>{l.planned === null ? '—' : eurosLabel(l.planned)}</td>
                  <td>{eurosLabel(l.spent)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export const TEXT_PARTS = [
  { key: 'whatWorked', label: 'Ce qui a fonctionné' },
  { key: 'difficulties', label: 'Difficultés rencontrées' },
  { key: 'outlook', label: 'Perspectives' },
] as const;

export function TextsRead({ b }: { b: Bilan }) {
  return (
    <section className="cat-bo-card" aria-labelledby="bilan-texts">
      <h2 className="fr-h5" id="bilan-texts">
        Bilan qualitatif
      </h2>
      {TEXT_PARTS.map((p) => (
        <div key={p.key}>
          <h3 className="fr-h6 fr-mb-1w">{p.label}</h3>
          <p className="cat-bilan-pre">{b[p.key].trim() || <span className="cat-muted">Non renseigné.</span>}</p>
        </div>
      ))}
    </section>
  );
}

export function DocumentList({
  slug,
  b,
  onRemove,
  busy,
}: {
  slug: string;
  b: Bilan;
  onRemove?: ((docId: string) => void) | undefined;
  busy?: boolean;
}) {
  if (b.documents.length === 0) return <p>Aucune pièce jointe.</p>;
  return (
    <ul>
      {b.documents.map((d) => (
        <li key={d.id}>
          <a className="fr-link" href={bilansApi.documentUrl(slug, b.id, d.id)} download>
            {d.fileName}
          </a>{' '}
          <span className="cat-muted">
            ({Math.max(1, Math.round(d.sizeBytes / 1024))} Ko, {dateTimeLabel(d.uploadedAt)})
          </span>{' '}
          {onRemove && (
            <button
              type="button"
              className="fr-btn fr-btn--sm fr-btn--tertiary-no-outline"
              disabled={busy}
              onClick={() => onRemove(d.id)}
            >
              Supprimer<span className="fr-sr-only"> {d.fileName}</span>
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

export function Timeline({ b }: { b: Bilan }) {
  return (
    <section className="cat-bo-card" aria-labelledby="bilan-history">
      <h2 className="fr-h5" id="bilan-history">
        Historique
      </h2>
      {b.events.length === 0 ? (
        <p>Aucun événement.</p>
      ) : (
        <ol className="cat-timeline">
          {b.events.map((e, i) => (
            <li key={i}>
              <strong>{statusLabel(e.toStatus)}</strong> — {dateTimeLabel(e.at)}
              {e.actorName && <> par {e.actorName}</>}
              {e.message && <p className="cat-bilan-pre cat-muted fr-mb-1w">« {e.message} »</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
