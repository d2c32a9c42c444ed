// One agreement: the parties, the action and its call, the amount and the schedule (editable by the
// agents while it is a draft), the dates, the indicators and their targets, the bilans; the PDF;
// sending it for signature (agents), the signed PDF (the structure or an agent), the draft offer
// it created, and its history.
import type { Agreement, Me } from '@catalogue/contracts';
import { useState } from 'react';
import { Link } from '../app/router.js';
import { paths } from '../app/routes.js';
import { useLoad } from '../app/use-load.js';
import { Loading } from '../layout/Layout.js';
import { dateTimeLabel, messageOf, Notice, Page, SignedIn, useAction } from '../backoffice/ui.js';
import { AgreementStatusBadge } from './AgreementsPage.js';
import { AGREEMENT_STATUS, dayLabel, eurosLabel } from './agreement-text.js';
import { agreementsApi } from './agreements-api.js';
import { SignedUpload } from './SignedUpload.js';
import { TermsEditor } from './TermsEditor.js';
import './agreements.css';

export function AgreementPage({ slug, id }: { slug: string; id: string }) {
  return <SignedIn title="Convention">{(me) => <AgreementView me={me} slug={slug} id={id} />}</SignedIn>;
}

function AgreementView({ me, slug, id }: { me: Me; slug: string; id: string }) {
  const [reload, setReload] = useState(0);
  const [fresh, setFresh] = useState<Agreement | null>(null);
  const loaded = useLoad(`${slug}|${id}|${reload}`, (signal) => agreementsApi.get(slug, id, signal));
  const a = fresh ?? loaded.data;
  const action = useAction();
  const crumbs = [
    { label: 'Mon espace', to: paths.space() },
    { label: 'Conventions', to: paths.agreements(slug) },
  ];
  const tenantName = me.capabilities.tenants.find((t) => t.tenant === slug)?.tenantName ?? slug;
  if (!a)
    return (
      <Page title="Convention" crumbs={crumbs}>
        <h1>Convention</h1>
        {loaded.status === 'error' ? (
          <Notice kind="error">{messageOf(loaded.error)}</Notice>
        ) : (
          <Loading label="Chargement…" />
        )}
      </Page>
    );
  const update = (next: Agreement) => {
    setFresh(next);
    setReload((n) => n + 1);
  };
  return (
    <Page title={a.title} crumbs={crumbs}>
      <div className="cat-agreement-head">
        <h1 className="fr-mb-1w">{a.title}</h1>
        <AgreementStatusBadge status={a.status} />
      </div>
      <p className="fr-text--lead">
        Convention de {eurosLabel(a.amount)}, du {dayLabel(a.startsOn)} au {dayLabel(a.endsOn)}.
      </p>

      {a.offerId && (
        <Notice kind="success" title="L’offre brouillon a été créée">
          <p>
            Préremplie depuis le dossier, elle attend d’être complétée puis soumise à la modération.{' '}
            <Link className="fr-link" to={paths.boOffer(slug, a.offerId)}>
              La compléter
            </Link>
          </p>
        </Notice>
      )}
      {action.error && <Notice kind="error">{action.error}</Notice>}

      <div className="cat-actions fr-mb-3w">
        <a
          className="fr-btn fr-btn--secondary fr-icon-download-line fr-btn--icon-left"
          href={agreementsApi.pdfUrl(slug, a.id)}
          download
        >
          Télécharger la convention (PDF)
        </a>
        {a.can.send && (
          <button
            type="button"
            className="fr-btn fr-icon-send-plane-line fr-btn--icon-left"
            disabled={action.busy}
            onClick={() => void action.run(() => agreementsApi.send(slug, a.id)).then((r) => r && update(r))}
          >
            Envoyer pour signature
          </button>
        )}
        {a.can.close && (
          <button
            type="button"
            className="fr-btn fr-btn--tertiary"
            disabled={action.busy}
            onClick={() => void action.run(() => agreementsApi.close(slug, a.id)).then((r) => r && update(r))}
          >
            Clore la convention
          </button>
        )}
      </div>

      {(a.status === 'signed' || a.status === 'running' || a.status === 'closed') && (
        <p>
          <Link
            className="fr-link fr-icon-survey-line fr-link--icon-left"
            to={`${paths.bilans(slug)}?convention=${a.id}`}
          >
            Bilans de cette convention
          </Link>
        </p>
      )}

      {a.can.sign && <SignedUpload slug={slug} id={a.id} csrfToken={me.csrfToken} onSigned={update} />}

      <div className="cat-agreement-grid">
        <section className="cat-bo-card" aria-labelledby="parties">
          <h2 className="fr-h5" id="parties">
            Parties
          </h2>
          <dl className="cat-dl">
            <dt>Le financeur</dt>
            <dd>{tenantName}</dd>
            <dt>Le porteur</dt>
            <dd>
              {a.organizationName}
              {a.organizationSiret && <> — SIRET {a.organizationSiret}</>}
              {a.organizationAddress && (
                <>
                  <br />
                  {a.organizationAddress}
                </>
              )}
            </dd>
          </dl>
        </section>
        <section className="cat-bo-card" aria-labelledby="action">
          <h2 className="fr-h5" id="action">
            Action
          </h2>
          <dl className="cat-dl">
            <dt>Appel à projets</dt>
            <dd>{a.callTitle}</dd>
            <dt>Fiches action</dt>
            <dd>
              {a.fiches.length ? (
                <ul className="fr-mb-0">
                  {a.fiches.map((f) => (
                    <li key={f.id}>
                      Fiche {f.number} : {f.title} <span className="cat-muted">(axe {f.axis.number})</span>
                    </li>
                  ))}
                </ul>
              ) : (
                'Aucune'
              )}
            </dd>
            <dt>Montant</dt>
            <dd>{eurosLabel(a.amount)}</dd>
            <dt>Durée</dt>
            <dd>
              du {dayLabel(a.startsOn)} au {dayLabel(a.endsOn)}
            </dd>
          </dl>
        </section>
      </div>

      {a.can.edit ? (
        <section className="cat-bo-card">
          <TermsEditor key={a.version} slug={slug} agreement={a} onSaved={update} />
        </section>
      ) : (
        <ReadOnlyTerms a={a} />
      )}

      <section className="cat-bo-card" aria-labelledby="history">
        <h2 className="fr-h5" id="history">
          Historique
        </h2>
        <ol className="cat-timeline">
          {a.events.map((e, i) => (
            <li key={i}>
              <strong>{AGREEMENT_STATUS[e.toStatus].label}</strong> — {dateTimeLabel(e.at)}
              {e.actorName && <> par {e.actorName}</>}
              {e.message && <span className="cat-muted"> ({e.message})</span>}
            </li>
          ))}
        </ol>
      </section>
    </Page>
  );
}

function ReadOnlyTerms({ a }: { a: Agreement }) {
  return (
    <>
      <section className="cat-bo-card" aria-labelledby="schedule">
        <h2 className="fr-h5" id="schedule">
          Échéancier des versements
        </h2>
        <div className="cat-table-wrap cat-table-stack fr-table fr-table--no-caption">
          <table>
            <caption>Échéancier</caption>
            <thead>
              <tr>
                <th scope="col">Échéance</th>
                <th scope="col">Montant</th>
                <th scope="col">Date prévue</th>
              </tr>
            </thead>
            <tbody>
              {a.paymentSchedule.map((t, i) => (
                <tr key={i}>
                  <td>{t.label}</td>
                  <td data-label="Montant">{eurosLabel(t.amount)}</td>
                  <td data-label="Date prévue">{dayLabel(t.dueOn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="cat-bo-card" aria-labelledby="indicators">
        <h2 className="fr-h5" id="indicators">
          Indicateurs et bilans
        </h2>
        {a.indicators.length ? (
          <ul>
            {a.indicators.map((i, n) => (
              <li key={n}>
                {i.label} :{' '}
                {i.target === null
                  ? 'cible à préciser'
                  : `${new Intl.NumberFormat('fr-FR').format(i.target)} ${i.unit}`}
              </li>
            ))}
          </ul>
        ) : (
          <p>Aucun indicateur.</p>
        )}
        <p className="fr-mb-0">
          {a.bilanDueDates.length
            ? `Bilan${a.bilanDueDates.length > 1 ? 's' : ''} à remettre au plus tard le ${a.bilanDueDates.map(dayLabel).join(', le ')}.`
            : 'Bilan à remettre au terme de l’action.'}
        </p>
      </section>
    </>
  );
}
