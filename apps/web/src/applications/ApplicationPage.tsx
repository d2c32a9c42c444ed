// An application (dossier): the structure fills and submits it; the call's instructors and the
// admins read, score and decide. Which view shows depends on what the API answers: the scores are
// there only for the instruction.
import type { Application, Call, Me } from '@catalogue/contracts';
import { useState } from 'react';
import { Link } from '../app/router.js';
import { paths } from '../app/routes.js';
import { useLoad } from '../app/use-load.js';
import { ErrorState } from '../layout/Layout.js';
import { canIn, messageOf, Page, SignedIn } from '../backoffice/ui.js';
import { applicationsApi } from './applications-api.js';
import { isEditable } from './application-form.js';
import { Deadline, StatusBadge, Timeline } from './application-ui.js';
import { AgentView } from './AgentView.js';
import { StructureView } from './StructureView.js';
import { euros } from './application-text.js';

const TITLE = 'Dossier de candidature';

function Loaded({ slug, me, app: initial, call }: { slug: string; me: Me; app: Application; call: Call }) {
  const [app, setApp] = useState(initial);
  const agent = app.scores !== undefined;
  const can = canIn(me, slug);
  const crumbs = agent
    ? [
        { label: 'Mon espace', to: paths.space() },
        { label: 'Appels à projets', to: paths.boCalls(slug) },
        { label: call.title, to: paths.boCall(slug, call.id) },
      ]
    : [
        { label: 'Mon espace', to: paths.space() },
        { label: 'Mes dossiers', to: paths.applications(slug) },
      ];
  return (
    <Page title={agent ? app.organizationName : call.title} crumbs={crumbs}>
      <div className="cat-bo-header">
        <h1 className="fr-h2">{agent ? app.organizationName : call.title}</h1>
        <StatusBadge status={app.status} />
      </div>
      <div className="fr-mb-3w">
        <p className="fr-mb-1w">
          {agent ? (
            <>
              Appel à projets : <Link to={paths.call(slug, call.id)}>{call.title}</Link>
            </>
          ) : (
            <>
              Structure : <strong>{app.organizationName}</strong> —{' '}
              <Link to={paths.call(slug, call.id)}>voir l’appel à projets</Link>
            </>
          )}
        </p>
        <Deadline closesAt={call.closesAt} open={call.status === 'published' && isEditable(app.status)} />
        {agent && (
          <p className="fr-mb-1w">
            Montant demandé : <strong>{euros(app.amountRequested)}</strong>
            {(can.manageCalls || can.assignInstructors) && (
              <>
                {' — '}
                <Link to={paths.ranking(slug, call.id)}>classement de l’appel</Link>
              </>
            )}
          </p>
        )}
      </div>
      {agent ? (
        <AgentView slug={slug} call={call} app={app} setApp={setApp} me={me} />
      ) : (
        <StructureView slug={slug} call={call} app={app} setApp={setApp} />
      )}
      <section className="cat-bo-card" aria-labelledby="log-title">
        <h2 className="fr-h4" id="log-title">
          Historique du dossier
        </h2>
        <Timeline events={app.events} />
      </section>
    </Page>
  );
}

function Application({ slug, id, me }: { slug: string; id: string; me: Me }) {
  const data = useLoad(`application:${slug}:${id}`, async (signal) => {
    const app = await applicationsApi.get(slug, id, signal);
    const call = await applicationsApi.call(slug, app.callId, signal);
    return { app, call };
  });
  if (data.data) return <Loaded slug={slug} me={me} {...data.data} />;
  return (
    <Page title={TITLE} crumbs={[{ label: 'Mon espace', to: paths.space() }]}>
      <h1 className="fr-h2">{TITLE}</h1>
      {data.status === 'error' ? (
        <ErrorState title="Ce dossier n’a pas pu être affiché" message={messageOf(data.error)} />
      ) : (
        <div className="cat-app-skeleton" aria-busy="true">
          <p className="cat-loading" role="status">
            Chargement du dossier…
          </p>
        </div>
      )}
    </Page>
  );
}

export function ApplicationPage({ slug, id }: { slug: string; id: string }) {
  return <SignedIn title={TITLE}>{(me) => <Application slug={slug} id={id} me={me} />}</SignedIn>;
}
