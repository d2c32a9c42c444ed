// An offer's back-office page: the form (members of its structure), its status, the agent's
// comment, the pending revision, the allowed actions, the moderation (agents) and the history.
import type {
  BackOfficeOffer,
  BackOfficeOrganization,
  Me,
  OfferHistoryEntry,
  OfferStatusCode,
  TenantDetail,
} from '@catalogue/contracts';
import { useEffect, useState } from 'react';
import { api } from '../app/api.js';
import { Link, navigate, useLocation } from '../app/router.js';
import { paths } from '../app/routes.js';
import { useLabels, type Labels } from '../app/taxonomy.js';
import { useLoad } from '../app/use-load.js';
import { ErrorState, Loading } from '../layout/Layout.js';
import { offers, orgs } from './bo-api.js';
import {
  FIELD_LABELS,
  emptyOfferForm,
  formKeyOfApiField,
  offerFormFromDetail,
  offerWriteFromForm,
  validateOfferForm,
  type OfferForm,
} from './offer-form.js';
import { OfferFields, fieldIdOf } from './OfferFields.js';
import {
  ErrorSummary,
  Forbidden,
  Notice,
  OfferStatusBadge,
  OverdueBadge,
  Page,
  SignedIn,
  TextArea,
  dateTimeLabel,
  canIn,
  canInStructure,
  offerStatusLabel,
  useAction,
} from './ui.js';

const ACTION_LABELS: Record<OfferHistoryEntry['action'], string> = {
  created: 'Création',
  edited: 'Modification',
  submitted: 'Soumission à la modération',
  changes_requested: 'Modifications demandées',
  published: 'Publication',
  archived: 'Archivage',
  confirmed: 'Confirmée à jour',
};

function History({ entries }: { entries: OfferHistoryEntry[] }) {
  if (entries.length === 0) return <p>Aucun événement.</p>;
  return (
    <ol className="cat-history">
      {entries.map((h) => (
        <li key={h.id}>
          <p className="fr-mb-0">
            <strong>{ACTION_LABELS[h.action] ?? h.action}</strong>
            {h.onRevision && <span className="cat-muted"> (modification de l’offre publiée)</span>}
            {h.from && h.to && h.from !== h.to && (
              <span>
                {' '}
                : {offerStatusLabel(h.from)} → {offerStatusLabel(h.to)}
              </span>
            )}
          </p>
          <p className="fr-text--sm fr-mb-0 cat-muted">
            {dateTimeLabel(h.at)} — {h.actor ? h.actor.name || h.actor.email : 'système'}
          </p>
          {h.changedFields.length > 0 && (
            <p className="fr-text--sm fr-mb-0">
              Champs modifiés : {h.changedFields.map((f) => FIELD_LABELS[f] ?? f).join(', ')}
            </p>
          )}
          {h.comment && <p className="cat-history__comment">{h.comment}</p>}
        </li>
      ))}
    </ol>
  );
}

/** Agents: publish, or ask for changes with a comment. */
function Moderation({ slug, offer, onDone }: { slug: string; offer: BackOfficeOffer; onDone: () => void }) {
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string | undefined>();
  const action = useAction();
  const pending = offer.status === 'submitted' || offer.revision?.status === 'submitted' || offer.needsReview;
  if (!pending) return <p className="fr-text--sm">Rien à modérer pour l’instant.</p>;
  return (
    <div>
      {offer.revision?.status === 'submitted' && (
        <p className="fr-text--sm">
          Il s’agit d’une modification de l’offre publiée : la version publiée reste visible jusqu’à votre décision.
        </p>
      )}
      {offer.needsReview && <p className="fr-text--sm">Publiée sans modération préalable : à relire.</p>}
      {action.error && <Notice kind="error">{action.error}</Notice>}
      <button
        type="button"
        className="fr-btn fr-icon-check-line fr-btn--icon-left fr-mb-2w"
        disabled={action.busy}
        onClick={() => void action.run(() => offers.publish(slug, offer.id)).then((r) => r && onDone())}
      >
        Publier
      </button>
      <TextArea
        id="review-comment"
        label="Commentaire pour la structure"
        hint="Ce qu’il faut corriger ou compléter"
        value={comment}
        onChange={setComment}
        error={commentError}
        rows={4}
        maxLength={2000}
      />
      <button
        type="button"
        className="fr-btn fr-btn--secondary"
        disabled={action.busy}
        onClick={() => {
          if (!comment.trim()) {
            setCommentError('Écrivez ce qu’il faut modifier : la structure le lira.');
            return;
          }
          setCommentError(undefined);
          void action
            .run(() => offers.requestChanges(slug, offer.id, comment.trim()))
            .then((r) => {
              if (r) {
                setComment('');
                onDone();
              }
            });
        }}
      >
        Demander des modifications
      </button>
    </div>
  );
}

interface EditorProps {
  slug: string;
  tenant: TenantDetail;
  labels: Labels;
  /** Existing offer, or null for a new one of `organization`. */
  offer: BackOfficeOffer | null;
  organization: { id: string; name: string };
  canEdit: boolean;
  onSaved: (o: BackOfficeOffer, message: string) => void;
}

function Editor({ slug, tenant, labels, offer, organization, canEdit, onSaved }: EditorProps) {
  const initial = (): OfferForm => {
    if (!offer) return emptyOfferForm();
    const source = offer.revision?.offer ?? offer;
    return offerFormFromDetail(source, offer.updateFrequencyMonths);
  };
  const [form, setForm] = useState<OfferForm>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [archiving, setArchiving] = useState(false);
  const action = useAction();
  const status: OfferStatusCode = offer?.status ?? 'draft';
  const revisionSubmitted = offer?.revision?.status === 'submitted';
  const editable = canEdit && (status === 'draft' || status === 'published') && !revisionSubmitted;

  useEffect(() => {
    const err = action.lastError;
    const key = err?.status === 400 ? formKeyOfApiField(err.parameter) : null;
    if (key && err) setErrors({ [key]: err.message });
  }, [action.lastError]);

  const save = async (submit: boolean): Promise<void> => {
    const problems = validateOfferForm(form);
    setErrors(problems);
    if (Object.keys(problems).length) return;
    const result = await action.run(async () => {
      let saved = offer
        ? await offers.update(slug, offer.id, offerWriteFromForm(form))
        : await offers.create(slug, offerWriteFromForm(form, organization.id));
      if (submit) saved = await offers.submit(slug, saved.id);
      return saved;
    });
    if (result)
      onSaved(
        result,
        submit
          ? result.status === 'published' && !result.revision
            ? 'Offre publiée.'
            : 'Offre soumise à la modération du département.'
          : 'Offre enregistrée.',
      );
  };
  const simple = (fn: () => Promise<BackOfficeOffer>, message: string): void =>
    void action.run(fn).then((r) => r && onSaved(r, message));

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save(false);
      }}
    >
      <ErrorSummary errors={errors} fieldId={fieldIdOf} />
      {action.error && !formKeyOfApiField(action.lastError?.parameter) && <Notice kind="error">{action.error}</Notice>}
      <OfferFields
        slug={slug}
        tenant={tenant}
        labels={labels}
        form={form}
        onChange={setForm}
        errors={errors}
        disabled={!editable}
      />
      {canEdit && (editable || status === 'published') && (
        <div className="cat-sticky-actions">
          <div className="cat-actions">
            {editable && (
              <>
                <button
                  type="submit"
                  className="fr-btn fr-btn--secondary fr-icon-save-line fr-btn--icon-left"
                  disabled={action.busy}
                >
                  Enregistrer
                </button>
                <button
                  type="button"
                  className="fr-btn fr-icon-send-plane-line fr-btn--icon-left"
                  disabled={action.busy}
                  onClick={() => void save(true)}
                >
                  {status === 'published' ? 'Soumettre la modification' : 'Soumettre'}
                </button>
              </>
            )}
            {offer && status === 'published' && (
              <button
                type="button"
                className="fr-btn fr-btn--tertiary fr-icon-check-line fr-btn--icon-left"
                disabled={action.busy}
                onClick={() => simple(() => offers.confirm(slug, offer.id), 'Offre confirmée à jour.')}
              >
                Toujours à jour
              </button>
            )}
            {offer && status === 'published' && !archiving && (
              <button
                type="button"
                className="fr-btn fr-btn--tertiary fr-icon-archive-line fr-btn--icon-left"
                onClick={() => setArchiving(true)}
              >
                Archiver
              </button>
            )}
            {offer && archiving && (
              <>
                <button
                  type="button"
                  className="fr-btn fr-btn--sm"
                  disabled={action.busy}
                  onClick={() =>
                    simple(
                      () => offers.archive(slug, offer.id),
                      'Offre archivée : elle n’apparaît plus dans le catalogue.',
                    )
                  }
                >
                  Confirmer l’archivage
                </button>
                <button
                  type="button"
                  className="fr-btn fr-btn--sm fr-btn--tertiary"
                  onClick={() => setArchiving(false)}
                >
                  Annuler
                </button>
              </>
            )}
          </div>
        </div>
      )}
    </form>
  );
}

function StatusPanel({ slug, offer }: { slug: string; offer: BackOfficeOffer }) {
  return (
    <section className="cat-bo-card" aria-labelledby="offer-status">
      <h2 className="fr-h5" id="offer-status">
        État
      </h2>
      <p className="cat-chips-inline">
        <OfferStatusBadge status={offer.status} />
        {offer.overdue && <OverdueBadge />}
        {offer.needsReview && <span className="fr-badge fr-badge--sm fr-badge--info">À relire</span>}
      </p>
      {offer.revision && (
        <p className="fr-text--sm">
          Modification{' '}
          {offer.revision.status === 'submitted' ? 'soumise, en attente de modération' : 'en cours (brouillon)'} depuis
          le {dateTimeLabel(offer.revision.updatedAt)} ; la version publiée reste visible.
        </p>
      )}
      <p className="fr-text--sm fr-mb-0">
        Mise à jour tous les {offer.updateFrequencyMonths} mois ; confirmée le {dateTimeLabel(offer.confirmedAt)}.
        {offer.submittedAt && ` Soumise le ${dateTimeLabel(offer.submittedAt)}.`}
      </p>
      {offer.status === 'published' && (
        <Link className="fr-link fr-text--sm" to={paths.offer(slug, offer.id)}>
          Voir dans le catalogue
        </Link>
      )}
    </section>
  );
}

/** The message of a save that created the offer, shown by the offer's own page. */
let carriedFlash: string | null = null;

function OfferSpace({ slug, id, me }: { slug: string; id: string | null; me: Me }) {
  const { search } = useLocation();
  const organizationId = id ? null : new URLSearchParams(search).get('structure');
  const [version, setVersion] = useState(0);
  const [flash, setFlash] = useState<string | null>(() => {
    const f = carriedFlash;
    carriedFlash = null;
    return f;
  });
  const tenant = useLoad(`tenant:${slug}`, () => api.tenant(slug));
  const labels = useLabels();
  const offer = useLoad(`bo-offer:${id}:${version}`, (s) => (id ? offers.get(slug, id, s) : Promise.resolve(null)));
  const history = useLoad(`bo-history:${id}:${version}`, (s) =>
    id ? offers.history(slug, id, s) : Promise.resolve([]),
  );
  const org = useLoad(`bo-org:${organizationId}`, (s) =>
    organizationId ? orgs.get(slug, organizationId, s) : Promise.resolve(null as BackOfficeOrganization | null),
  );

  const crumbs = [{ label: 'Mon espace', to: paths.space() }];
  if (!id && !organizationId)
    return (
      <Page title="Nouvelle offre" crumbs={crumbs}>
        {<Forbidden what="Ouvrez la page de votre structure pour écrire une offre." />}
      </Page>
    );
  const failure =
    (offer.status === 'error' && offer.error) ||
    (org.status === 'error' && org.error) ||
    (tenant.status === 'error' && tenant.error);
  if (failure) {
    return (
      <Page title="Offre" crumbs={crumbs}>
        {failure.notFound ? (
          <Forbidden what="Cette offre est introuvable, ou vous n’y avez pas accès." />
        ) : (
          <ErrorState title="Offre indisponible" message={failure.message} />
        )}
      </Page>
    );
  }
  const o = offer.data ?? null;
  const organization = o ? o.organization : org.data ? { id: org.data.id, name: org.data.name } : null;
  if (!tenant.data || !labels || !organization || (id && !o))
    return <Page title="Offre">{<Loading label="Chargement de l’offre…" />}</Page>;

  const mine = canInStructure(me, slug, organization.id);
  const member = mine !== null;
  const agent = canIn(me, slug).moderateOffers;
  const title = o ? o.title : 'Nouvelle offre';
  const comment = o?.revision?.reviewComment ?? o?.reviewComment ?? null;
  crumbs.push({ label: organization.name, to: paths.boOrganization(slug, organization.id) });
  if (agent) crumbs.splice(1, 0, { label: 'Modération', to: paths.moderation(slug) });

  return (
    <Page title={title} crumbs={crumbs}>
      <div className="cat-bo-header">
        <h1>{title}</h1>
        {o && (
          <span className="cat-status-now">
            <OfferStatusBadge status={o.status} />
          </span>
        )}
      </div>
      <p className="cat-muted">{organization.name}</p>
      {flash && (
        <Notice kind="success">
          <p>{flash}</p>
        </Notice>
      )}
      {comment && (
        <Notice kind="warning" title="Le département demande des modifications">
          <p className="cat-review-comment">{comment}</p>
          {member && <p className="fr-text--sm">Corrigez l’offre puis soumettez-la de nouveau.</p>}
        </Notice>
      )}
      {o?.status === 'submitted' && member && !agent && (
        <Notice kind="info">
          Offre en attente de modération : vous pourrez la modifier de nouveau après la décision du département.
        </Notice>
      )}
      {!member && !agent && (
        <Forbidden what="Seuls les membres de la structure et les agents du département peuvent voir cette offre." />
      )}
      <div className="cat-bo-grid">
        <div>
          {(member || agent) && (
            <Editor
              key={`${o?.id ?? 'new'}:${version}`}
              slug={slug}
              tenant={tenant.data}
              labels={labels}
              offer={o}
              organization={organization}
              canEdit={mine?.editOffers ?? false}
              onSaved={(saved, message) => {
                setFlash(message);
                window.scrollTo(0, 0);
                if (!id) {
                  carriedFlash = message;
                  navigate(paths.boOffer(slug, saved.id), { replace: true });
                } else setVersion((v) => v + 1);
              }}
            />
          )}
        </div>
        {o && (
          <aside className="cat-bo-aside">
            <StatusPanel slug={slug} offer={o} />
            {agent && (
              <section className="cat-bo-card" aria-labelledby="offer-moderation">
                <h2 className="fr-h5" id="offer-moderation">
                  Modération
                </h2>
                <Moderation
                  slug={slug}
                  offer={o}
                  onDone={() => {
                    setFlash('Décision enregistrée ; la structure est prévenue par courriel.');
                    setVersion((v) => v + 1);
                  }}
                />
              </section>
            )}
            <section className="cat-bo-card" aria-labelledby="offer-history">
              <h2 className="fr-h5" id="offer-history">
                Historique
              </h2>
              {history.data ? (
                <History entries={history.data} />
              ) : history.status === 'error' ? (
                <p>Historique indisponible.</p>
              ) : (
                <Loading label="Chargement…" />
              )}
            </section>
          </aside>
        )}
      </div>
    </Page>
  );
}

export function OfferEditorPage({ slug, id }: { slug: string; id: string | null }) {
  return <SignedIn title="Offre">{(me) => <OfferSpace key={id ?? 'new'} slug={slug} id={id} me={me} />}</SignedIn>;
}
