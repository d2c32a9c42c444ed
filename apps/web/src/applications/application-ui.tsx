// Pieces shared by the application pages: status badge, deadline, log, decision, documents, and
// the read-only rendering of the answers (the agents' view, and the structure's once submitted).
import {
  budgetTotal,
  questionVisible,
  type AnswerValue,
  type Application,
  type ApplicationDocument,
  type ApplicationStatus,
  type Call,
  type CallQuestion,
} from '@catalogue/contracts';
import { api } from '../app/api.js';
import { Link } from '../app/router.js';
import { paths } from '../app/routes.js';
import { useLoad } from '../app/use-load.js';
import { dateTimeLabel } from '../backoffice/ui.js';
import { applicationsApi } from './applications-api.js';
import { atLabel, deadlineLabel, eventLabel, euros, STATUS_LABELS, timeLeftLabel } from './application-text.js';
import './applications.css';

export function StatusBadge({ status }: { status: ApplicationStatus }) {
  const s = STATUS_LABELS[status] ?? { label: status, kind: '' };
  return <p className={`fr-badge fr-badge--sm ${s.kind}`}>{s.label}</p>;
}

/** « Date limite de dépôt : 31 janvier 2027 à 23 h 59 — Plus que 11 jours ». */
export function Deadline({ closesAt, open }: { closesAt: string | null; open: boolean }) {
  if (!closesAt) return null;
  return (
    <p className="fr-mb-1w">
      <span className="fr-icon-time-line fr-icon--sm" aria-hidden="true" /> Date limite de dépôt :{' '}
      <strong>{deadlineLabel(closesAt)}</strong>
      {open && <span className="cat-muted"> — {timeLeftLabel(closesAt, new Date())}</span>}
    </p>
  );
}

export function Timeline({ events }: { events: Application['events'] }) {
  if (!events.length) return <p className="cat-muted">Aucun événement.</p>;
  return (
    <ol className="cat-history cat-app-timeline">
      {[...events].reverse().map((e, i) => (
        <li key={`${e.at}-${i}`}>
          <strong>{eventLabel(e)}</strong>
          <br />
          <span className="fr-text--sm cat-muted">
            {dateTimeLabel(e.at)}
            {e.actorName ? ` — ${e.actorName}` : ''}
          </span>
          {e.message && <p className="cat-history__comment fr-text--sm">{e.message}</p>}
        </li>
      ))}
    </ol>
  );
}

const sizeLabel = (bytes: number): string =>
  bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))}\u00a0ko`
    : `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)}\u00a0Mo`;

/** A download link (an attachment, never shown inline). */
export function DocumentLink({ slug, appId, doc }: { slug: string; appId: string; doc: ApplicationDocument }) {
  return (
    <a className="fr-link fr-link--download" href={applicationsApi.documentUrl(slug, appId, doc.id)} download>
      {doc.fileName}
      <span className="fr-link__detail">
        {doc.mediaType.split('/').pop()?.toUpperCase().slice(0, 5)} – {sizeLabel(doc.sizeBytes)}
      </span>
    </a>
  );
}

export { sizeLabel };

/** The decision once taken: what the structure and the agents read. */
export function DecisionBlock({ slug, app }: { slug: string; app: Application }) {
  if (app.status !== 'selected' && app.status !== 'rejected') return null;
  const selected = app.status === 'selected';
  return (
    <div className={`fr-alert fr-alert--${selected ? 'success' : 'info'} fr-mb-3w`}>
      <h2 className="fr-alert__title">{selected ? 'Dossier retenu' : 'Dossier non retenu'}</h2>
      {app.decidedAt && <p className="fr-text--sm">Décision du {atLabel(app.decidedAt)}</p>}
      {selected && (
        <p>
          Montant accordé : <strong>{euros(app.amountGranted)}</strong> (demandé : {euros(app.amountRequested)})
        </p>
      )}
      {app.decisionReasons && (
        <p>
          {selected ? 'Motivation' : 'Motifs'} : {app.decisionReasons}
        </p>
      )}
      <ul className="cat-app-links">
        <li>
          <a className="fr-link fr-link--download" href={applicationsApi.letterUrl(slug, app.id)} download>
            Lettre de notification<span className="fr-link__detail">PDF</span>
          </a>
        </li>
        {selected && app.agreementId && (
          <li>
            <Link
              className="fr-link fr-icon-arrow-right-line fr-link--icon-right"
              to={paths.agreement(slug, app.agreementId)}
            >
              Voir la convention
            </Link>
          </li>
        )}
      </ul>
    </div>
  );
}

/** The name of a commune (INSEE code) or an EPCI (SIREN) of the département. */
export function PlaceName({ slug, code }: { slug: string; code: string }) {
  const epci = /^\d{9}$/.test(code);
  const name = useLoad(`place:${slug}:${code}`, async () =>
    epci
      ? ((await api.zones(slug)).epcis.find((z) => z.code === code)?.name ?? code)
      : `${(await api.commune(slug, code)).name} (${code})`,
  );
  return <>{name.data ?? code}</>;
}

function AnswerText({ slug, q, v }: { slug: string; q: CallQuestion; v: AnswerValue | undefined }) {
  if (v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length))
    return <span className="cat-muted">Non renseigné</span>;
  switch (q.type) {
    case 'amount':
      return <>{euros(v as number)}</>;
    case 'number':
      return <>{new Intl.NumberFormat('fr-FR').format(v as number)}</>;
    case 'date':
      return (
        <>
          {new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(
            new Date(`${v as string}T00:00:00Z`),
          )}
        </>
      );
    case 'yes_no':
      return <>{v ? 'Oui' : 'Non'}</>;
    case 'multi_choice':
      return (
        <ul className="fr-mb-0">
          {(v as string[]).map((o) => (
            <li key={o}>{o}</li>
          ))}
        </ul>
      );
    case 'commune':
      return <PlaceName slug={slug} code={v as string} />;
    case 'long_text':
      return <span className="cat-app-pre">{v as string}</span>;
    default:
      return <>{String(v)}</>;
  }
}

function LinesTable({ q, v }: { q: CallQuestion; v: AnswerValue | undefined }) {
  const lines = Array.isArray(v) ? (v as Record<string, string | number>[]) : [];
  if (!lines.length) return <span className="cat-muted">Non renseigné</span>;
  const cols =
    q.type === 'budget_table'
      ? [
          { key: 'label', label: 'Poste', amount: false },
          { key: 'amount', label: 'Montant', amount: true },
        ]
      : (q.fields ?? []).map((f) => ({ key: f.key, label: f.label, amount: f.type === 'amount' }));
  return (
    <div className="fr-table fr-table--sm fr-mb-0 cat-app-table">
      <div className="fr-table__wrapper">
        <div className="fr-table__container">
          <div className="fr-table__content">
            <table>
              <caption className="fr-sr-only">{q.label}</caption>
              <thead>
                <tr>
                  {cols.map((c) => (
                    <th key={c.key} scope="col" className={c.amount ? 'cat-num' : undefined}>
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {lines.map((l, i) => (
                  <tr key={i}>
                    {cols.map((c) => (
                      <td key={c.key} className={c.amount ? 'cat-num' : undefined}>
                        {c.amount && typeof l[c.key] === 'number' ? euros(l[c.key] as number) : String(l[c.key] ?? '')}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
              {q.type === 'budget_table' && (
                <tfoot>
                  <tr>
                    <th scope="row">Total</th>
                    <td className="cat-num">
                      <strong>{euros(budgetTotal(lines as { label: string; amount: number }[]))}</strong>
                    </td>
                  </tr>
                </tfoot>
              )}
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}

/** Every visible question with its answer, the documents joined, and the amount requested. */
export function AnswersView({ slug, call, app }: { slug: string; call: Call; app: Application }) {
  const questions = call.questions.filter((q) => questionVisible(q, app.answers));
  return (
    <>
      <dl className="cat-app-answers">
        {questions.map((q) => (
          <div key={q.key}>
            <dt>{q.label}</dt>
            <dd>
              {q.type === 'file' ? (
                <DocList slug={slug} app={app} docKey={q.key} />
              ) : q.type === 'budget_table' || q.type === 'repeat' ? (
                <LinesTable q={q} v={app.answers[q.key]} />
              ) : (
                <AnswerText slug={slug} q={q} v={app.answers[q.key]} />
              )}
            </dd>
          </div>
        ))}
        {call.documents.map((d) => (
          <div key={`doc-${d.key}`}>
            <dt>{d.label}</dt>
            <dd>
              <DocList slug={slug} app={app} docKey={d.key} />
            </dd>
          </div>
        ))}
        <div>
          <dt>Montant demandé</dt>
          <dd>
            <strong>{euros(app.amountRequested)}</strong>
          </dd>
        </div>
      </dl>
    </>
  );
}

function DocList({ slug, app, docKey }: { slug: string; app: Application; docKey: string }) {
  const docs = app.documents.filter((d) => d.key === docKey);
  if (!docs.length) return <span className="cat-muted">Aucune pièce jointe</span>;
  return (
    <ul className="cat-app-links">
      {docs.map((d) => (
        <li key={d.id}>
          <DocumentLink slug={slug} appId={app.id} doc={d} />
        </li>
      ))}
    </ul>
  );
}
