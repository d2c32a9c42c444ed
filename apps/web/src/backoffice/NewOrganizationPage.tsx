// Create a structure: SIRET checked as typed (and against the structures already registered),
// then the fields shared with its edit (OrganizationFields).
import type { OrganizationBySiret } from '@catalogue/contracts';
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../app/api.js';
import { navigate } from '../app/router.js';
import { paths } from '../app/routes.js';
import { refreshSession } from '../app/session.js';
import { useLoad } from '../app/use-load.js';
import { NotFound } from '../layout/Layout.js';
import { orgs } from './bo-api.js';
import {
  emptyOrganizationForm,
  formFieldOfParameter,
  normalizeSiret,
  organizationInputFromForm,
  siretProblem,
  validateOrganizationForm,
  type OrganizationForm,
} from './organization-form.js';
import { OrganizationFields, organizationFieldId } from './OrganizationFields.js';
import { ErrorSummary, Notice, Page, SignedIn, useAction } from './ui.js';

type SiretCheck =
  { state: 'idle' } | { state: 'checking' } | { state: 'free' } | { state: 'taken'; organization: OrganizationBySiret };

/** Live check of a complete, valid SIRET against the département's structures. */
function useSiretCheck(slug: string, siret: string): SiretCheck {
  const [check, setCheck] = useState<SiretCheck>({ state: 'idle' });
  const digits = normalizeSiret(siret);
  useEffect(() => {
    if (siretProblem(digits)) {
      setCheck({ state: 'idle' });
      return;
    }
    const controller = new AbortController();
    setCheck({ state: 'checking' });
    orgs.bySiret(slug, digits, controller.signal).then(
      (organization) => setCheck({ state: 'taken', organization }),
      () => !controller.signal.aborted && setCheck({ state: 'free' }),
    );
    return () => controller.abort();
  }, [slug, digits]);
  return check;
}

function OrganizationFormPage({ slug }: { slug: string }) {
  const tenant = useLoad(`tenant:${slug}`, () => api.tenant(slug));
  const [form, setForm] = useState<OrganizationForm>(emptyOrganizationForm);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [joinSent, setJoinSent] = useState(false);
  const save = useAction();
  const join = useAction();
  const check = useSiretCheck(slug, form.siret);

  useEffect(() => {
    const err = save.lastError;
    if (err?.status === 400 && err.parameter) setErrors({ [formFieldOfParameter(err.parameter)]: err.message });
  }, [save.lastError]);

  if (tenant.status === 'error' && tenant.error.notFound) return <NotFound what="département" />;
  const liveSiret = normalizeSiret(form.siret).length >= 14 ? siretProblem(form.siret) : null;

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const next = validateOrganizationForm(form);
    if (check.state === 'taken') next.siret = 'Cette structure est déjà inscrite : demandez plutôt à la rejoindre.';
    setErrors(next);
    if (Object.keys(next).length) return;
    void save
      .run(() => orgs.create(slug, organizationInputFromForm(form)))
      .then(async (created) => {
        if (!created) return;
        await refreshSession();
        navigate(paths.boOrganization(slug, created.id));
      });
  };
  const takenId =
    save.lastError?.code === 'siret_exists'
      ? String(save.lastError.body?.organizationId ?? '')
      : check.state === 'taken'
        ? check.organization.id
        : '';

  return (
    <Page title="Créer une structure" crumbs={[{ label: 'Mon espace', to: paths.space() }]}>
      <h1>Créer une structure{tenant.data ? ` — ${tenant.data.name}` : ''}</h1>
      <p className="fr-text--sm">
        Les champs marqués d’un astérisque (*) sont obligatoires. Le département validera la structure avant que ses
        offres puissent être publiées.
      </p>
      <form onSubmit={submit} noValidate>
        <ErrorSummary errors={errors} fieldId={organizationFieldId} />
        {save.error && !save.lastError?.parameter && save.lastError?.code !== 'siret_exists' && (
          <Notice kind="error">{save.error}</Notice>
        )}
        <OrganizationFields
          slug={slug}
          tenant={tenant.data}
          form={form}
          setForm={setForm}
          errors={errors}
          liveSiretError={liveSiret}
          siretStatus={
            <p className="fr-text--sm fr-mt-1w fr-mb-0" role="status">
              {check.state === 'checking' && 'Vérification…'}
              {check.state === 'free' && (
                <span className="fr-message fr-message--valid">
                  SIRET valide : cette structure n’est pas encore inscrite.
                </span>
              )}
            </p>
          }
          afterSiret={
            takenId && (
              <Notice kind="info" title="Cette structure est déjà inscrite">
                {check.state === 'taken' && <p>{check.organization.name}</p>}
                {joinSent ? (
                  <p>Demande envoyée : un administrateur de la structure va y répondre.</p>
                ) : (
                  <>
                    <p>Plutôt que de la créer une seconde fois, demandez à la rejoindre.</p>
                    {join.error && <p className="fr-error-text">{join.error}</p>}
                    <button
                      type="button"
                      className="fr-btn fr-btn--sm fr-mt-1w"
                      disabled={join.busy}
                      onClick={() =>
                        void join
                          .run(() => orgs.join(slug, takenId).then(() => true))
                          .then((ok) => {
                            if (ok) {
                              setJoinSent(true);
                              void refreshSession();
                            }
                          })
                      }
                    >
                      Demander à rejoindre
                    </button>
                  </>
                )}
              </Notice>
            )
          }
        />
        <button type="submit" className="fr-btn" disabled={save.busy}>
          Créer la structure
        </button>
      </form>
    </Page>
  );
}

export function NewOrganizationPage({ slug }: { slug: string }) {
  return <SignedIn title="Créer une structure">{() => <OrganizationFormPage slug={slug} />}</SignedIn>;
}
