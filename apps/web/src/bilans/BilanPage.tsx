// One bilan. The structure fills it (BilanEditor) while it may edit; the agents read it with the
// computed and declared values side by side and ask for changes (a message) or validate it. The
// agent's request shows to the structure in an alert; the events' timeline closes the page.
import { BILAN_LIMITS, type Bilan, type Me } from '@catalogue/contracts';
import { useEffect, useState, type FormEvent } from 'react';
import { paths } from '../app/routes.js';
import { useLoad } from '../app/use-load.js';
import { Loading } from '../layout/Layout.js';
import { messageOf, Notice, Page, SignedIn, TextArea, useAction } from '../backoffice/ui.js';
import { BilanEditor, STALE_MESSAGE } from './BilanEditor.js';
import {
  BilanHeader,
  DocumentList,
  FiguresRead,
  IndicatorsRead,
  MoneyRead,
  TextsRead,
  Timeline,
} from './BilanParts.js';
import { bilansApi } from './bilans-api.js';
import './bilans.css';

export function BilanPage({ slug, id }: { slug: string; id: string }) {
  return <SignedIn title="Bilan">{(me) => <BilanView me={me} slug={slug} id={id} />}</SignedIn>;
}

function BilanView({ slug, id }: { me: Me; slug: string; id: string }) {
  const [reload, setReload] = useState(0);
  const [fresh, setFresh] = useState<Bilan | null>(null);
  // The editor keeps what is typed across saves; it starts again only when the bilan is reloaded
  // because another version was saved meanwhile.
  const [editorKey, setEditorKey] = useState(0);
  // After a stale save the editor waits for the reloaded bilan, then starts again from it.
  const [awaitingReset, setAwaitingReset] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'success' | 'warning'; text: string } | null>(null);
  const loaded = useLoad(`${slug}|${id}|${reload}`, async (signal) => {
    const b = await bilansApi.get(slug, id, signal);
    setFresh(null);
    return b;
  });
  const b = fresh ?? loaded.data;
  useEffect(() => {
    if (loaded.status !== 'loading') setAwaitingReset(false);
  }, [loaded.status]);
  const crumbs = [
    { label: 'Mon espace', to: paths.space() },
    { label: 'Bilans', to: paths.bilans(slug) },
  ];
  if (!b)
    return (
      <Page title="Bilan" crumbs={crumbs}>
        <h1>Bilan</h1>
        {loaded.status === 'error' ? (
          <Notice kind="error">{messageOf(loaded.error)}</Notice>
        ) : (
          <Loading label="Chargement du bilan…" />
        )}
      </Page>
    );
  const update = (next: Bilan, text: string) => {
    setFresh(next);
    setNotice(text ? { kind: 'success', text } : null);
  };
  const stale = () => {
    setNotice({ kind: 'warning', text: STALE_MESSAGE });
    setFresh(null);
    setAwaitingReset(true);
    setEditorKey((k) => k + 1);
    setReload((n) => n + 1);
  };
  const reviewing = b.can.requestChanges || b.can.validate;
  return (
    <Page title={`Bilan ${b.year} — ${b.agreementTitle ?? b.offerTitle ?? ''}`} crumbs={crumbs}>
      <BilanHeader slug={slug} b={b} />
      {notice && (
        <Notice kind={notice.kind}>
          <p>{notice.text}</p>
        </Notice>
      )}
      {b.status === 'changes_requested' && b.changesMessage && (
        <div className="fr-alert fr-alert--warning fr-mb-3w">
          <h2 className="fr-alert__title">Le département demande des compléments</h2>
          <p className="cat-bilan-pre">{b.changesMessage}</p>
        </div>
      )}
      {b.status === 'to_come' && (
        <Notice kind="info">
          <p>Ce bilan s’ouvrira à l’approche de la date prévue : la structure sera alors invitée à le remplir.</p>
        </Notice>
      )}
      {!b.can.edit && (b.status === 'open' || b.status === 'changes_requested') && (
        <Notice kind="info">
          <p>La structure remplit ce bilan : vous pourrez le relire une fois transmis.</p>
        </Notice>
      )}
      {b.can.edit && awaitingReset && loaded.status === 'loading' ? (
        <Loading label="Chargement de la dernière version…" />
      ) : b.can.edit ? (
        <BilanEditor
          key={editorKey}
          slug={slug}
          b={b}
          onSaved={update}
          onStale={stale}
          onDocuments={() => setReload((n) => n + 1)}
        />
      ) : (
        <>
          {reviewing && <Review slug={slug} b={b} onDone={update} />}
          <FiguresRead b={b} />
          <IndicatorsRead b={b} />
          <MoneyRead b={b} />
          <TextsRead b={b} />
          <section className="cat-bo-card" aria-labelledby="bilan-documents">
            <h2 className="fr-h5" id="bilan-documents">
              Pièces jointes
            </h2>
            <DocumentList slug={slug} b={b} />
          </section>
        </>
      )}
      <Timeline b={b} />
    </Page>
  );
}

/** The agent's decision: ask for changes (a message the structure reads) or validate. */
function Review({ slug, b, onDone }: { slug: string; b: Bilan; onDone: (b: Bilan, notice: string) => void }) {
  const [asking, setAsking] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [confirmValidate, setConfirmValidate] = useState(false);
  const action = useAction();
  const ask = async (e: FormEvent) => {
    e.preventDefault();
    if (!message.trim()) {
      setError('Message : à renseigner, il dit à la structure ce qui manque.');
      document.getElementById('bilan-changes')?.focus();
      return;
    }
    const next = await action.run(() => bilansApi.requestChanges(slug, b.id, message.trim()));
    if (next) {
      setAsking(false);
      setMessage('');
      onDone(next, 'Les compléments sont demandés : la structure est prévenue par courriel.');
    }
  };
  const validate = async () => {
    const next = await action.run(() => bilansApi.validate(slug, b.id));
    if (next) onDone(next, 'Le bilan est validé : la structure est prévenue par courriel.');
  };
  return (
    <section className="cat-bo-card" aria-labelledby="bilan-review">
      <h2 className="fr-h5" id="bilan-review">
        Relecture
      </h2>
      <p>
        Comparez les valeurs calculées et déclarées : un écart est signalé avec sa justification. Demandez des
        compléments si quelque chose manque, ou validez le bilan.
      </p>
      {action.error && <Notice kind="error">{action.error}</Notice>}
      {!asking && !confirmValidate && (
        <div className="cat-actions">
          {b.can.requestChanges && (
            <button type="button" className="fr-btn fr-btn--secondary" onClick={() => setAsking(true)}>
              Demander des compléments
            </button>
          )}
          {b.can.validate && (
            <button
              type="button"
              className="fr-btn fr-icon-check-line fr-btn--icon-left"
              onClick={() => setConfirmValidate(true)}
            >
              Valider le bilan
            </button>
          )}
        </div>
      )}
      {asking && (
        <form onSubmit={(e) => void ask(e)} noValidate className="cat-subform">
          <TextArea
            id="bilan-changes"
            label="Message à la structure"
            hint="Ce qui manque ou est à corriger ; la structure le reçoit par courriel et le voit en tête du bilan."
            value={message}
            onChange={(v) => {
              setMessage(v);
              setError(undefined);
            }}
            error={error}
            required
            rows={4}
            maxLength={BILAN_LIMITS.changesMessage}
          />
          <div className="cat-actions">
            <button type="submit" className="fr-btn fr-btn--sm" disabled={action.busy}>
              Envoyer la demande
            </button>
            <button type="button" className="fr-btn fr-btn--sm fr-btn--tertiary" onClick={() => setAsking(false)}>
              Annuler
            </button>
          </div>
        </form>
      )}
      {confirmValidate && (
        <div className="cat-subform" role="group" aria-labelledby="validate-q">
          <p id="validate-q">
            <strong>Valider ce bilan ?</strong> Ses chiffres comptent alors dans les indicateurs du plan.
          </p>
          <div className="cat-actions">
            <button
              type="button"
              className="fr-btn fr-btn--sm"
              autoFocus
              disabled={action.busy}
              onClick={() => void validate()}
            >
              Confirmer la validation
            </button>
            <button
              type="button"
              className="fr-btn fr-btn--sm fr-btn--tertiary"
              onClick={() => setConfirmValidate(false)}
            >
              Annuler
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
