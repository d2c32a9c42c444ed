// Create a structure: SIRET checked as typed (and against the structures already registered),
// name, kind, address with commune autocomplete and a pin the person can move, contact.
import type { BackOfficeOrganization } from '@catalogue/contracts';
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../app/api.js';
import { navigate } from '../app/router.js';
import { paths } from '../app/routes.js';
import { refreshSession } from '../app/session.js';
import { useLabels } from '../app/taxonomy.js';
import { useLoad } from '../app/use-load.js';
import { NotFound } from '../layout/Layout.js';
import type { Bbox } from '../map/geometry.js';
import { PinMap } from '../map/PinMap.js';
import { CommuneField } from '../search/CommuneField.js';
import { orgs } from './bo-api.js';
import { emptyOrganizationForm, normalizeSiret, organizationInputFromForm, siretProblem, validateOrganizationForm, type OrganizationForm } from './organization-form.js';
import { ErrorSummary, Notice, Page, SelectField, SignedIn, TextArea, TextField, useAction } from './ui.js';

type SiretCheck = { state: 'idle' } | { state: 'checking' } | { state: 'free' } | { state: 'taken'; organization: BackOfficeOrganization };

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

const FIELD_IDS: Record<string, string> = { commune: 'org-commune-anchor' };
const fieldId = (key: string): string => FIELD_IDS[key] ?? `org-${key}`;

function OrganizationFormPage({ slug }: { slug: string }) {
  const tenant = useLoad(`tenant:${slug}`, () => api.tenant(slug));
  const labels = useLabels();
  const [form, setForm] = useState<OrganizationForm>(emptyOrganizationForm);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [joinSent, setJoinSent] = useState(false);
  const save = useAction();
  const join = useAction();
  const check = useSiretCheck(slug, form.siret);
  const set = <K extends keyof OrganizationForm>(key: K, value: OrganizationForm[K]): void => setForm((f) => ({ ...f, [key]: value }));

  useEffect(() => {
    const err = save.lastError;
    if (err?.status === 400 && err.parameter) setErrors({ [err.parameter === 'communeInsee' ? 'commune' : err.parameter]: err.message });
  }, [save.lastError]);

  if (tenant.status === 'error' && tenant.error.notFound) return <NotFound what="département" />;
  const liveSiret = normalizeSiret(form.siret).length >= 14 ? siretProblem(form.siret) : null;

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const next = validateOrganizationForm(form);
    if (check.state === 'taken') next.siret = 'Cette structure est déjà inscrite : demandez plutôt à la rejoindre.';
    setErrors(next);
    if (Object.keys(next).length) return;
    void save.run(() => orgs.create(slug, organizationInputFromForm(form))).then(async (created) => {
      if (!created) return;
      await refreshSession();
      navigate(paths.boOrganization(slug, created.id));
    });
  };
  const takenId = save.lastError?.code === 'siret_exists' ? String(save.lastError.body?.organizationId ?? '') : check.state === 'taken' ? check.organization.id : '';

  return (
    <Page title="Créer une structure" crumbs={[{ label: 'Mon espace', to: paths.space() }]}>
      <h1>Créer une structure{tenant.data ? ` — ${tenant.data.name}` : ''}</h1>
      <p className="fr-text--sm">Les champs marqués d’un astérisque (*) sont obligatoires. Le département validera la structure avant que ses offres puissent être publiées.</p>
      <form onSubmit={submit} noValidate>
        <ErrorSummary errors={errors} fieldId={fieldId} />
        {save.error && !save.lastError?.parameter && save.lastError?.code !== 'siret_exists' && <Notice kind="error">{save.error}</Notice>}
        <fieldset className="cat-bo-card">
          <legend className="fr-h5">Identité</legend>
          <TextField
            id="org-siret"
            label="SIRET"
            hint="14 chiffres, sur l’avis de situation Sirene ou une facture"
            inputMode="numeric"
            autoComplete="off"
            value={form.siret}
            onChange={(v) => set('siret', v)}
            error={errors.siret ?? liveSiret ?? undefined}
            required
            after={
              <p className="fr-text--sm fr-mt-1w fr-mb-0" role="status">
                {check.state === 'checking' && 'Vérification…'}
                {check.state === 'free' && <span className="fr-message fr-message--valid">SIRET valide : cette structure n’est pas encore inscrite.</span>}
              </p>
            }
          />
          {takenId && (
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
                      void join.run(() => orgs.join(slug, takenId).then(() => true)).then((ok) => {
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
          )}
          <TextField id="org-name" label="Nom de la structure" value={form.name} onChange={(v) => set('name', v)} error={errors.name} required maxLength={200} />
          <SelectField
            id="org-kind"
            label="Type de structure"
            value={form.kind}
            onChange={(v) => set('kind', v)}
            options={labels?.taxonomy.organizationKinds ?? []}
            placeholder="Choisir un type"
            error={errors.kind}
            required
          />
          <TextArea id="org-description" label="Présentation" hint="En quelques phrases : missions, publics accompagnés" value={form.description} onChange={(v) => set('description', v)} rows={3} maxLength={5000} />
          <div className="fr-checkbox-group">
            <input type="checkbox" id="org-prescriber" checked={form.prescriber} onChange={(e) => set('prescriber', e.target.checked)} />
            <label className="fr-label" htmlFor="org-prescriber">
              Structure prescriptrice
              <span className="fr-hint-text">Ses membres orientent des personnes vers les offres (référents).</span>
            </label>
          </div>
        </fieldset>
        <fieldset className="cat-bo-card">
          <legend className="fr-h5">Adresse</legend>
          <TextField id="org-address" label="Adresse" hint="Numéro et voie" autoComplete="street-address" value={form.address} onChange={(v) => set('address', v)} error={errors.address} required />
          <div id="org-commune-anchor">
            <CommuneField
              slug={slug}
              label="Commune"
              hint="Nom ou code postal, puis choisir dans la liste"
              required
              error={errors.commune}
              value={form.commune}
              onChange={(c) => set('commune', c)}
              onPick={(c) => setForm((f) => ({ ...f, lat: c.lat, lng: c.lng }))}
            />
          </div>
          <p className="fr-text--sm fr-mt-n2w fr-mb-1w" id="org-pin-help">
            Le repère est placé au centre de la commune : cliquez sur la carte ou faites-le glisser pour le mettre à l’adresse exacte.
          </p>
          {tenant.data && (
            <div className="cat-pinbox">
              <PinMap
                label="Carte : emplacement de la structure"
                value={form.lat !== null && form.lng !== null ? { lat: form.lat, lng: form.lng } : null}
                onChange={(p) => setForm((f) => ({ ...f, lat: p.lat, lng: p.lng }))}
                frame={tenant.data.bbox as Bbox}
                outline={tenant.data.outline}
              />
            </div>
          )}
        </fieldset>
        <fieldset className="cat-bo-card">
          <legend className="fr-h5">Contact</legend>
          <div className="cat-row">
            <TextField id="org-email" label="Adresse électronique" type="email" autoComplete="email" value={form.email} onChange={(v) => set('email', v)} error={errors.email} />
            <TextField id="org-phone" label="Téléphone" type="tel" autoComplete="tel" value={form.phone} onChange={(v) => set('phone', v)} error={errors.phone} />
          </div>
          <TextField id="org-website" label="Site internet" hint="https://…" type="url" value={form.website} onChange={(v) => set('website', v)} error={errors.website} />
        </fieldset>
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
