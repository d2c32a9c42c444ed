// A structure's identity change (name, SIRET, prescriber flag) as its members and the agents see
// it: before → after while it waits, with accept / refuse (agents) or withdraw (its admins); then
// its outcome, with the refusal's reason.
import type {
  BackOfficeOrganization,
  OrganizationIdentity,
  OrganizationIdentityChange,
  OrganizationIdentityField,
} from '@catalogue/contracts';
import { useState } from 'react';
import { orgs } from './bo-api.js';
import { Notice, RefusalForm, dateTimeLabel, useAction } from './ui.js';

export const IDENTITY_LABELS: Record<OrganizationIdentityField, string> = {
  name: 'Nom',
  siret: 'SIRET',
  prescriber: 'Structure prescriptrice',
};

const shown = (v: OrganizationIdentity[OrganizationIdentityField] | undefined): string =>
  typeof v === 'boolean' ? (v ? 'Oui' : 'Non') : v || '—';

function Fields({ change }: { change: OrganizationIdentityChange }) {
  const keys = Object.keys(change.proposed) as OrganizationIdentityField[];
  return (
    <dl className="cat-dl">
      {keys.map((k) => (
        <div key={k}>
          <dt>{IDENTITY_LABELS[k]}</dt>
          <dd>
            <span className="fr-sr-only">avant : </span>
            <del>{shown(change.previous[k])}</del> <span aria-hidden="true">→</span>{' '}
            <span className="fr-sr-only">après : </span>
            <strong>{shown(change.proposed[k])}</strong>
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function IdentityChangePanel(p: {
  slug: string;
  organization: BackOfficeOrganization;
  canDecide: boolean;
  canWithdraw: boolean;
  onDone: () => void;
}) {
  const change = p.organization.identityChange;
  const [refusing, setRefusing] = useState(false);
  const action = useAction();
  if (!change) return null;
  const done = (r: unknown): void => {
    if (r !== undefined) p.onDone();
  };
  if (change.status === 'refused') {
    return (
      <Notice
        kind="warning"
        title={`Modification refusée par le département${change.decidedAt ? ` le ${dateTimeLabel(change.decidedAt)}` : ''}`}
      >
        <Fields change={change} />
        <p>Motif : {change.reason}</p>
      </Notice>
    );
  }
  if (change.status === 'accepted') {
    return (
      <Notice
        kind="success"
        title={`Dernière modification acceptée${change.decidedAt ? ` le ${dateTimeLabel(change.decidedAt)}` : ''}`}
      >
        <Fields change={change} />
      </Notice>
    );
  }
  return (
    <section className="cat-change" aria-labelledby={`identity-change-${p.organization.id}`}>
      <h2 className="fr-h6 fr-mb-1w" id={`identity-change-${p.organization.id}`}>
        Modification en attente de validation
      </h2>
      <p className="fr-text--sm fr-mb-1w">
        Demandée {change.requestedBy ? `par ${change.requestedBy.name || change.requestedBy.email} ` : ''}le{' '}
        {dateTimeLabel(change.requestedAt)}. Le public voit les valeurs actuelles jusqu’à la décision d’un agent.
      </p>
      <Fields change={change} />
      {action.error && <Notice kind="error">{action.error}</Notice>}
      {p.canDecide && !refusing && (
        <div className="cat-actions">
          <button
            type="button"
            className="fr-btn fr-btn--sm fr-icon-check-line fr-btn--icon-left"
            disabled={action.busy}
            onClick={() => void action.run(() => orgs.acceptChange(p.slug, p.organization.id, change.id)).then(done)}
          >
            Accepter la modification
          </button>
          <button
            type="button"
            className="fr-btn fr-btn--sm fr-btn--secondary fr-icon-close-line fr-btn--icon-left"
            onClick={() => setRefusing(true)}
          >
            Refuser la modification
          </button>
        </div>
      )}
      {p.canDecide && refusing && (
        <RefusalForm
          id={`change-reason-${change.id}`}
          className="fr-mt-1w"
          label="Motif du refus"
          hint="Envoyé aux administrateurs de la structure."
          tooShort="Indiquez le motif du refus (3 caractères au moins) : il est envoyé aux administrateurs de la structure."
          busy={action.busy}
          onConfirm={(reason) =>
            void action.run(() => orgs.refuseChange(p.slug, p.organization.id, change.id, reason)).then(done)
          }
          onCancel={() => setRefusing(false)}
        />
      )}
      {p.canWithdraw && !p.canDecide && (
        <div className="cat-actions">
          <button
            type="button"
            className="fr-btn fr-btn--sm fr-btn--tertiary"
            disabled={action.busy}
            onClick={() =>
              void action
                .run(() => orgs.withdrawChange(p.slug, p.organization.id, change.id).then(() => true))
                .then(done)
            }
          >
            Retirer la modification
          </button>
        </div>
      )}
    </section>
  );
}
