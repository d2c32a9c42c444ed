// Edit a structure's details (its admins, the département's agents), with the creation's fields and
// checks. Once the structure is validated, its name, SIRET and prescriber flag change only when an
// agent accepts (ADR 008): the page says so before saving and after.
import type { BackOfficeOrganization, Me } from '@catalogue/contracts';
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../app/api.js';
import { Link } from '../app/router.js';
import { paths } from '../app/routes.js';
import { useLoad } from '../app/use-load.js';
import { ErrorState, Loading } from '../layout/Layout.js';
import { orgs } from './bo-api.js';
import { IdentityChangePanel, IDENTITY_LABELS } from './IdentityChange.js';
import {
  formFieldOfParameter,
  normalizeSiret,
  organizationFormFrom,
  organizationPatchFromForm,
  reviewedFieldsOf,
  siretProblem,
  validateOrganizationEdit,
  type OrganizationForm,
} from './organization-form.js';
import { OrganizationFields, organizationFieldId } from './OrganizationFields.js';
import { ErrorSummary, Forbidden, Notice, Page, SignedIn, canIn, canInStructure, useAction } from './ui.js';

function EditForm({
  slug,
  organization,
  agent,
  onSaved,
}: {
  slug: string;
  organization: BackOfficeOrganization;
  agent: boolean;
  onSaved: (o: BackOfficeOrganization, message: string) => void;
}) {
  const tenant = useLoad(`tenant:${slug}`, () => api.tenant(slug));
  const initial = organizationFormFrom(organization);
  const [form, setForm] = useState<OrganizationForm>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [nothing, setNothing] = useState(false);
  const save = useAction();
  const pending = organization.identityChange?.status === 'pending';
  const reviewed = organization.status === 'validated';

  useEffect(() => {
    const err = save.lastError;
    if (err?.status === 400 && err.parameter) setErrors({ [formFieldOfParameter(err.parameter)]: err.message });
    if (err?.code === 'siret_exists') setErrors({ siret: err.message });
  }, [save.lastError]);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const next = validateOrganizationEdit(initial, form);
    setErrors(next);
    if (Object.keys(next).length) return;
    const patch = organizationPatchFromForm(initial, form);
    setNothing(Object.keys(patch).length === 0);
    if (Object.keys(patch).length === 0) return;
    const asked = reviewedFieldsOf(patch);
    void save
      .run(() => orgs.update(slug, organization.id, patch))
      .then((saved) => {
        if (!saved) return;
        const waits = asked.length > 0 && saved.identityChange?.status === 'pending';
        const what = asked.map((k) => IDENTITY_LABELS[k].toLowerCase()).join(', ');
        onSaved(
          saved,
          waits
            ? `Modifications enregistrées. Le changement (${what}) attend la validation d’un agent du département : il sera public une fois accepté.`
            : 'Modifications enregistrées.',
        );
      });
  };
  const liveSiret =
    normalizeSiret(form.siret).length >= 14 && normalizeSiret(form.siret) !== normalizeSiret(initial.siret)
      ? siretProblem(form.siret)
      : null;

  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} fieldId={organizationFieldId} />
      {save.error && !save.lastError?.parameter && save.lastError?.code !== 'siret_exists' && (
        <Notice kind="error">{save.error}</Notice>
      )}
      {nothing && <Notice kind="info">Aucune modification à enregistrer.</Notice>}
      <OrganizationFields
        slug={slug}
        tenant={tenant.data}
        form={form}
        setForm={setForm}
        errors={errors}
        liveSiretError={liveSiret}
        identityLocked={reviewed && pending}
        identityNotice={
          reviewed && (
            <div className="fr-mb-2w">
              {pending ? (
                <Notice kind="info" title="Une modification attend la décision du département">
                  <p>
                    Le nom, le SIRET et le caractère prescripteur ne sont pas modifiables d’ici là. Vous pouvez retirer
                    la modification depuis la page de la structure.
                  </p>
                </Notice>
              ) : (
                <Notice kind="info" title="Soumis à la validation du département">
                  <p>
                    Le nom, le SIRET et le caractère prescripteur d’une structure validée ne changent qu’après l’accord
                    d’un agent du département : d’ici là, le public voit les valeurs actuelles. Les autres informations
                    sont modifiées aussitôt.
                    {agent &&
                      ' Vos propres modifications d’agent s’appliquent aussitôt, sauf si la double validation est activée.'}
                  </p>
                </Notice>
              )}
            </div>
          )
        }
      />
      <div className="cat-actions">
        <button type="submit" className="fr-btn" disabled={save.busy}>
          Enregistrer les modifications
        </button>
        <Link className="fr-btn fr-btn--secondary" to={paths.boOrganization(slug, organization.id)}>
          Retour à la structure
        </Link>
      </div>
    </form>
  );
}

function EditOrganization({ slug, id, me }: { slug: string; id: string; me: Me }) {
  const [version, setVersion] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const org = useLoad(`bo-org-edit:${id}:${version}`, (s) => orgs.get(slug, id, s));
  // The form is long: after saving, bring its outcome into view (and to screen readers).
  useEffect(() => {
    if (message) document.getElementById('save-status')?.focus();
  }, [message, org.data]);
  const can = canIn(me, slug);
  const mine = canInStructure(me, slug, id);
  const allowed = can.editStructures || (mine?.editStructure ?? false);
  const crumbs = [
    { label: 'Mon espace', to: paths.space() },
    ...(org.data ? [{ label: org.data.name, to: paths.boOrganization(slug, id) }] : []),
  ];
  if (!allowed) {
    return (
      <Page title="Modifier la structure" crumbs={crumbs}>
        <h1>Modifier la structure</h1>
        <Forbidden what="Seuls les administrateurs de la structure et les agents du département peuvent la modifier." />
      </Page>
    );
  }
  if (org.status === 'error' && !org.data) {
    return (
      <Page title="Modifier la structure" crumbs={crumbs}>
        {org.error.notFound ? (
          <Forbidden what="Cette structure est introuvable." />
        ) : (
          <ErrorState title="Structure indisponible" message={org.error.message} />
        )}
      </Page>
    );
  }
  if (!org.data) return <Page title="Modifier la structure">{<Loading label="Chargement de la structure…" />}</Page>;
  const o = org.data;
  return (
    <Page title={`Modifier ${o.name}`} crumbs={crumbs}>
      <h1>Modifier la structure</h1>
      <p className="fr-text--sm">Les champs marqués d’un astérisque (*) sont obligatoires.</p>
      {message && (
        <div id="save-status" tabIndex={-1} role="status">
          <Notice kind="success">
            <p>{message}</p>
          </Notice>
        </div>
      )}
      <IdentityChangePanel
        slug={slug}
        organization={o}
        canDecide={false}
        canWithdraw={mine?.withdrawChange ?? false}
        onDone={() => setVersion((v) => v + 1)}
      />
      <EditForm
        key={`${o.id}:${version}`}
        slug={slug}
        organization={o}
        agent={can.reviewStructures}
        onSaved={(_, m) => {
          setMessage(m);
          setVersion((v) => v + 1);
        }}
      />
    </Page>
  );
}

export function EditOrganizationPage({ slug, id }: { slug: string; id: string }) {
  return <SignedIn title="Modifier la structure">{(me) => <EditOrganization slug={slug} id={id} me={me} />}</SignedIn>;
}
