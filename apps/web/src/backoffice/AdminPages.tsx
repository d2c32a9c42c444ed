// Département admins (settings, staff, audit log), invitations, and the platform admin's page
// that opens a new département.
import type { Me, StaffRole, TenantCapabilities, TenantSettings } from '@catalogue/contracts';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation } from '../app/router.js';
import { paths } from '../app/routes.js';
import { refreshSession } from '../app/session.js';
import { useLoad } from '../app/use-load.js';
import { ErrorState, Loading } from '../layout/Layout.js';
import { admin, orgs } from './bo-api.js';
import { adminRoleToDrop, staffRolesLabel } from './people.js';
import {
  DELAY_FIELDS,
  DELAY_KEYS,
  delayBoundsLabel,
  delaysFormOf,
  delaysFromForm,
  validateDelays,
  type DelayKey,
  type DelaysForm,
} from './settings-form.js';
import {
  ChoiceGroup,
  Forbidden,
  Notice,
  Page,
  SelectField,
  SignedIn,
  TextField,
  dateTimeLabel,
  canIn,
  useAction,
} from './ui.js';

function AdminOnly({
  slug,
  title,
  capability,
  children,
}: {
  slug: string;
  title: string;
  capability: keyof TenantCapabilities;
  children: (me: Me) => React.ReactNode;
}) {
  return (
    <SignedIn title={title}>
      {(me) =>
        canIn(me, slug)[capability] ? (
          children(me)
        ) : (
          <Page title={title} crumbs={[{ label: 'Mon espace', to: paths.space() }]}>
            <h1>{title}</h1>
            <Forbidden what="Cette page est réservée aux administrateurs du département." />
          </Page>
        )
      }
    </SignedIn>
  );
}

function Settings({ slug, me }: { slug: string; me: Me }) {
  const [version, setVersion] = useState(0);
  const settings = useLoad(`settings:${slug}:${version}`, (s) => admin.settings(slug, s));
  const staff = useLoad(`staff:${slug}:${version}`, (s) => admin.staff(slug, s));
  const [moderation, setModeration] = useState<TenantSettings['moderation'] | null>(null);
  const [fourEyes, setFourEyes] = useState<boolean | null>(null);
  const [delays, setDelays] = useState<DelaysForm | null>(null);
  const [delayErrors, setDelayErrors] = useState<Partial<Record<DelayKey, string>>>({});
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<StaffRole>('agent');
  const [saved, setSaved] = useState<string | null>(null);
  const action = useAction();
  const current: Pick<TenantSettings, 'moderation' | 'fourEyes'> = {
    moderation: moderation ?? settings.data?.moderation ?? 'before',
    fourEyes: fourEyes ?? settings.data?.fourEyes ?? false,
  };
  const currentDelays: DelaysForm | null = delays ?? (settings.data ? delaysFormOf(settings.data) : null);
  const saveDelays = (e: FormEvent): void => {
    e.preventDefault();
    if (!currentDelays) return;
    const problems = validateDelays(currentDelays);
    setDelayErrors(problems);
    if (Object.keys(problems).length) return;
    void action.run(() => admin.saveSettings(slug, delaysFromForm(currentDelays))).then(reload('Délais enregistrés.'));
  };
  // The API's 400 names the field at fault: its message goes under that field.
  const apiField = action.lastError?.status === 400 ? action.lastError.parameter : undefined;
  const apiDelayField = DELAY_KEYS.find((k) => k === apiField) ?? null;
  const reload = (message: string) => (r: unknown) => {
    if (r === undefined) return;
    setSaved(message);
    setVersion((v) => v + 1);
  };
  const addStaff = (e: FormEvent): void => {
    e.preventDefault();
    void action
      .run(() => admin.addStaff(slug, email.trim(), role).then(() => true))
      .then(reload(`${email.trim()} ajouté à l’équipe.`));
    setEmail('');
  };
  return (
    <Page title="Réglages et équipe" crumbs={[{ label: 'Mon espace', to: paths.space() }]}>
      <h1>Réglages et équipe</h1>
      {saved && <Notice kind="success">{saved}</Notice>}
      {action.error && !apiDelayField && <Notice kind="error">{action.error}</Notice>}
      <section className="cat-bo-card" aria-labelledby="set-moderation">
        <h2 className="fr-h5" id="set-moderation">
          Modération
        </h2>
        {settings.status === 'error' && !settings.data ? (
          <ErrorState title="Réglages indisponibles" message={settings.error.message} />
        ) : (
          <>
            <ChoiceGroup
              id="moderation"
              legend="Quand un agent relit-il les offres ?"
              type="radio"
              value={[current.moderation]}
              onChange={(v) => setModeration(v[0] as TenantSettings['moderation'])}
              options={[
                {
                  code: 'before',
                  label: 'Avant publication (recommandé) : une offre soumise attend la validation d’un agent',
                },
                { code: 'after', label: 'Après publication : une offre soumise est publiée tout de suite, puis relue' },
              ]}
            />
            <div className="fr-toggle cat-toggle fr-mb-3w">
              <input
                type="checkbox"
                className="fr-toggle__input"
                id="four-eyes"
                aria-describedby="four-eyes-hint"
                checked={current.fourEyes}
                onChange={(e) => setFourEyes(e.target.checked)}
              />
              <label
                className="fr-toggle__label"
                htmlFor="four-eyes"
                data-fr-checked-label="Activée"
                data-fr-unchecked-label="Désactivée"
              >
                Double validation
              </label>
              <p className="fr-hint-text" id="four-eyes-hint">
                Un agent ne peut ni valider une structure, ni accepter la modification d’une structure, ni publier une
                offre (ou sa modification) qu’il a créée ou modifiée en dernier : une autre personne de l’équipe s’en
                charge.
              </p>
            </div>
            <button
              type="button"
              className="fr-btn"
              disabled={action.busy || !settings.data}
              onClick={() =>
                void action.run(() => admin.saveSettings(slug, current)).then(reload('Réglages enregistrés.'))
              }
            >
              Enregistrer les réglages
            </button>
          </>
        )}
      </section>
      <section className="cat-bo-card" aria-labelledby="set-registrations">
        <h2 className="fr-h5" id="set-registrations">
          Inscriptions et données personnelles
        </h2>
        {settings.status === 'error' && !settings.data ? (
          <ErrorState title="Réglages indisponibles" message={settings.error.message} />
        ) : !currentDelays ? (
          <Loading label="Chargement…" />
        ) : (
          <form onSubmit={saveDelays} noValidate>
            {DELAY_KEYS.map((k) => (
              <TextField
                key={k}
                id={`settings-${k}`}
                label={DELAY_FIELDS[k].label}
                hint={`${DELAY_FIELDS[k].hint} ${delayBoundsLabel(k)}`}
                type="number"
                inputMode="numeric"
                value={currentDelays[k]}
                onChange={(v) => setDelays({ ...currentDelays, [k]: v })}
                error={delayErrors[k] ?? (apiDelayField === k ? (action.error ?? undefined) : undefined)}
                required
              />
            ))}
            <button type="submit" className="fr-btn" disabled={action.busy}>
              Enregistrer les délais
            </button>
          </form>
        )}
      </section>
      <section className="cat-bo-card" aria-labelledby="set-staff">
        <h2 className="fr-h5" id="set-staff">
          Équipe du département
        </h2>
        {staff.data ? (
          <div className="cat-table-wrap cat-table-stack fr-table fr-table--no-caption">
            <table>
              <caption>Équipe</caption>
              <thead>
                <tr>
                  <th scope="col">Personne</th>
                  <th scope="col">Rôles</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {staff.data.map((p) => {
                  const dropAdmin = adminRoleToDrop(p.roles);
                  const who = p.name || p.email;
                  return (
                    <tr key={p.userId}>
                      <td>
                        {p.name} <span className="cat-muted">{p.email}</span>
                        {p.userId === me.id && <span className="cat-muted"> (vous)</span>}
                      </td>
                      <td data-label="Rôles">{staffRolesLabel(p.roles)}</td>
                      <td>
                        <div className="cat-actions cat-actions--tight">
                          {dropAdmin && (
                            <button
                              type="button"
                              className="fr-btn fr-btn--sm fr-btn--tertiary"
                              aria-label={`Retirer le rôle d’administrateur à ${who} (reste agent)`}
                              onClick={() =>
                                void action
                                  .run(() => admin.removeStaffRole(slug, dropAdmin).then(() => true))
                                  .then(reload(`${who} n’est plus administrateur (reste agent).`))
                              }
                            >
                              Retirer le rôle d’administrateur
                            </button>
                          )}
                          <button
                            type="button"
                            className="fr-btn fr-btn--sm fr-btn--tertiary"
                            aria-label={`Retirer de l’équipe : ${who}`}
                            onClick={() =>
                              void action
                                .run(() => admin.removeStaffPerson(slug, p.userId).then(() => true))
                                .then(reload(`${who} retiré de l’équipe.`))
                            }
                          >
                            Retirer de l’équipe
                          </button>
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : staff.status === 'error' ? (
          <p>Équipe indisponible.</p>
        ) : (
          <Loading label="Chargement…" />
        )}
        <form onSubmit={addStaff} noValidate className="cat-subform">
          <div className="cat-row">
            <TextField id="staff-email" label="Adresse électronique" type="email" value={email} onChange={setEmail} />
            <SelectField
              id="staff-role"
              label="Rôle"
              value={role}
              onChange={(v) => setRole(v as StaffRole)}
              options={[
                { code: 'agent', label: 'Agent' },
                { code: 'admin', label: 'Administrateur (et agent)' },
              ]}
            />
          </div>
          <button type="submit" className="fr-btn fr-btn--sm" disabled={action.busy || !email.trim()}>
            Ajouter à l’équipe
          </button>
        </form>
      </section>
    </Page>
  );
}

export const SettingsPage = ({ slug }: { slug: string }) => (
  <AdminOnly slug={slug} title="Réglages et équipe" capability="manageSettings">
    {(me) => <Settings slug={slug} me={me} />}
  </AdminOnly>
);

function Audit({ slug }: { slug: string }) {
  const { search } = useLocation();
  const [target, setTarget] = useState(new URLSearchParams(search).get('cible') ?? '');
  const [applied, setApplied] = useState(target);
  const log = useLoad(`audit:${slug}:${applied}`, (s) => admin.audit(slug, applied.trim() || null, s));
  return (
    <Page title="Journal d’audit" crumbs={[{ label: 'Mon espace', to: paths.space() }]}>
      <h1>Journal d’audit</h1>
      <p className="fr-text--sm">
        Connexions, rôles et adhésions, décisions de modération, exports. Personne ne peut modifier ce journal.
      </p>
      <form
        className="cat-filters-bar"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied(target);
        }}
      >
        <TextField
          id="audit-target"
          label="Identifiant de l’élément concerné"
          hint="Facultatif (offre, structure, personne)"
          value={target}
          onChange={setTarget}
        />
        <div>
          <button type="submit" className="fr-btn fr-mb-3w">
            Filtrer
          </button>
        </div>
      </form>
      {log.status === 'error' && !log.data && <ErrorState title="Journal indisponible" message={log.error.message} />}
      {!log.data && log.status === 'loading' && <Loading label="Chargement…" />}
      {log.data && (
        <div className="cat-table-wrap fr-table">
          <table>
            <caption className="fr-sr-only">Entrées du journal</caption>
            <thead>
              <tr>
                <th scope="col">Quand</th>
                <th scope="col">Qui</th>
                <th scope="col">Action</th>
                <th scope="col">Détail</th>
                <th scope="col">IP</th>
              </tr>
            </thead>
            <tbody>
              {log.data.map((a) => (
                <tr key={a.id}>
                  <td>{dateTimeLabel(a.at)}</td>
                  <td>{a.actor.email ?? '—'}</td>
                  <td>
                    <code>{a.action}</code>
                  </td>
                  <td>{a.summary}</td>
                  <td>{a.ip ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}

export const AuditPage = ({ slug }: { slug: string }) => (
  <AdminOnly slug={slug} title="Journal d’audit" capability="readAudit">
    {() => <Audit slug={slug} />}
  </AdminOnly>
);

export function InvitationPage({ slug }: { slug: string }) {
  const { search } = useLocation();
  const token = new URLSearchParams(search).get('jeton');
  return <SignedIn title="Invitation">{() => <AcceptInvitation slug={slug} token={token} />}</SignedIn>;
}

function AcceptInvitation({ slug, token }: { slug: string; token: string | null }) {
  const action = useAction();
  const [done, setDone] = useState(false);
  const started = useRef(false);
  const accept = (): void => {
    if (!token || started.current) return;
    started.current = true;
    void action
      .run(() => orgs.acceptInvitation(slug, token).then(() => true))
      .then(async (ok) => {
        if (ok) {
          await refreshSession();
          setDone(true);
        } else started.current = false;
      });
  };
  return (
    <Page title="Invitation" crumbs={[{ label: 'Mon espace', to: paths.space() }]} narrow>
      <h1>Rejoindre une structure</h1>
      {!token ? (
        <Notice kind="error">Lien d’invitation incomplet.</Notice>
      ) : done ? (
        <>
          <Notice kind="success">Vous avez rejoint la structure.</Notice>
          <Link className="fr-btn" to={paths.space()}>
            Accéder à mon espace
          </Link>
        </>
      ) : (
        <>
          {action.error && (
            <Notice kind="error">
              {action.lastError?.status === 400 || action.lastError?.status === 404
                ? 'Cette invitation a expiré, a déjà servi ou ne vous est pas destinée.'
                : action.error}
            </Notice>
          )}
          <p>Vous avez été invité à rejoindre une structure de ce département.</p>
          <button type="button" className="fr-btn" disabled={action.busy} onClick={accept}>
            Accepter l’invitation
          </button>
        </>
      )}
    </Page>
  );
}

export function PlatformAdminPage() {
  return (
    <SignedIn title="Administration de la plateforme">
      {(me) =>
        me.capabilities.platform.createTenants ? (
          <CreateTenant />
        ) : (
          <Page title="Administration de la plateforme">
            <h1>Administration de la plateforme</h1>
            <Forbidden what="Cette page est réservée aux administrateurs de la plateforme." />
          </Page>
        )
      }
    </SignedIn>
  );
}

function CreateTenant() {
  const [code, setCode] = useState('');
  const [slug, setSlug] = useState('');
  const [name, setName] = useState('');
  const [admins, setAdmins] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<string | null>(null);
  const action = useAction();
  useEffect(() => {
    const p = action.lastError?.parameter;
    if (p) setErrors({ [p.startsWith('admins') ? 'admins' : p]: action.lastError!.message });
  }, [action.lastError]);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const list = admins.split(/[\s,;]+/).filter(Boolean);
    const next: Record<string, string> = {};
    if (!/^(\d{2,3}|2[AB])$/i.test(code.trim()))
      next.code = 'Code du département : 2 ou 3 caractères (ex. 26, 2A, 974).';
    if (list.length === 0) next.admins = 'Indiquez au moins une adresse d’administrateur.';
    setErrors(next);
    if (Object.keys(next).length) return;
    void action
      .run(() =>
        admin
          .createTenant({
            code: code.trim().toUpperCase(),
            admins: list,
            ...(slug.trim() ? { slug: slug.trim() } : {}),
            ...(name.trim() ? { name: name.trim() } : {}),
          })
          .then(() => true),
      )
      .then((ok) => {
        if (ok) setCreated(slug.trim() || code.trim());
      });
  };
  return (
    <Page title="Ouvrir un département" crumbs={[{ label: 'Mon espace', to: paths.space() }]} narrow>
      <h1>Ouvrir un département</h1>
      <p>
        Les communes, intercommunalités et le contour sont chargés depuis les données de référence. Les administrateurs
        reçoivent un courriel.
      </p>
      {created && <Notice kind="success">Département ouvert. Ses administrateurs ont été prévenus.</Notice>}
      {action.error && !action.lastError?.parameter && <Notice kind="error">{action.error}</Notice>}
      <form className="cat-bo-card" onSubmit={submit} noValidate>
        <TextField
          id="tenant-code"
          label="Code du département"
          hint="Ex. : 26, 2A, 974"
          value={code}
          onChange={setCode}
          error={errors.code}
          required
        />
        <TextField
          id="tenant-slug"
          label="Adresse courte"
          hint="Facultatif : déduite du nom (ex. drome)"
          value={slug}
          onChange={setSlug}
          error={errors.slug}
        />
        <TextField
          id="tenant-name"
          label="Nom affiché"
          hint="Facultatif : le nom officiel du département"
          value={name}
          onChange={setName}
          error={errors.name}
        />
        <TextField
          id="tenant-admins"
          label="Administrateurs"
          hint="Adresses électroniques, séparées par des virgules"
          value={admins}
          onChange={setAdmins}
          error={errors.admins}
          required
        />
        <button type="submit" className="fr-btn" disabled={action.busy}>
          Ouvrir le département
        </button>
      </form>
    </Page>
  );
}
