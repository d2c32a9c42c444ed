// A personal account in a département (not a professional's): name, email, and a password or
// sign-in by emailed link. The notice on personal data is shown before the form is sent. Made for
// a phone first: one column, the keyboard each field needs, nothing to scroll sideways.
import { AUTH_LIMITS, RETENTION, isEmailAddress, type TenantDetail } from '@catalogue/contracts';
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../app/api.js';
import { Link } from '../app/router.js';
import { afterSignUp, paths } from '../app/routes.js';
import { useSession } from '../app/session.js';
import { useLoad } from '../app/use-load.js';
import { PasswordField } from '../backoffice/AuthPages.js';
import { auth } from '../backoffice/bo-api.js';
import { passwordProblem } from '../backoffice/organization-form.js';
import { ChoiceGroup, ErrorSummary, Notice, Page, TextField, useAction } from '../backoffice/ui.js';
import { Loading } from '../layout/Layout.js';
import { theDepartement } from '../info/departement-name.js';

type SignIn = 'link' | 'password';

const SIGN_IN_CHOICES: { code: SignIn; label: string }[] = [
  { code: 'link', label: 'Recevoir un lien de connexion par courriel à chaque fois (sans mot de passe)' },
  { code: 'password', label: 'Choisir un mot de passe' },
];

const FIELD_IDS: Record<string, string> = {
  name: 'beneficiary-name',
  email: 'beneficiary-email',
  password: 'beneficiary-password',
};

/** The information notice (RGPD art. 13), before the person gives anything. */
export function PersonalDataNotice({ tenant }: { tenant: Pick<TenantDetail, 'code' | 'name' | 'slug'> }) {
  const who = theDepartement(tenant.code, tenant.name);
  return (
    <section className="fr-callout fr-mb-3w" aria-labelledby="donnees-personnelles-titre">
      <h2 className="fr-callout__title fr-h6" id="donnees-personnelles-titre">
        Vos données personnelles
      </h2>
      <p className="fr-callout__text fr-text--sm">
        {who.charAt(0).toUpperCase() + who.slice(1)} enregistre votre nom et votre adresse électronique pour gérer votre
        compte et, quand vous vous inscrivez à une action, ce que l’inscription demande (le moins possible).
      </p>
      <ul className="fr-text--sm">
        <li>
          <strong>Qui les voit :</strong> vous ; la structure qui organise l’action ; votre référent s’il vous
          accompagne. Les agents du Département ne voient que des statistiques, sans votre nom.
        </li>
        <li>
          <strong>Combien de temps :</strong> votre compte, jusqu’à ce que vous le supprimiez ; vos inscriptions sont
          anonymisées après {RETENTION.registrationPersonDefaultMonths} mois sans activité (délai fixé par le
          Département).
        </li>
        <li>
          <strong>Vos droits :</strong> télécharger vos données ou supprimer votre compte à tout moment, dans « Mon
          compte ».
        </li>
      </ul>
      <p className="fr-text--sm fr-mb-0">
        <Link className="fr-link fr-text--sm" to={paths.info('donnees-personnelles', tenant.slug)}>
          En savoir plus sur vos données personnelles
        </Link>
      </p>
    </section>
  );
}

function RegisterForm({ tenant }: { tenant: TenantDetail }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [signIn, setSignIn] = useState<SignIn>('link');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sent, setSent] = useState<string | null>(null);
  const action = useAction();

  /** A field's value changed: its error, if any, goes until the next check. */
  const edit =
    (key: string, set: (v: string) => void) =>
    (v: string): void => {
      set(v);
      setErrors(({ [key]: _gone, ...rest }) => rest);
    };

  useEffect(() => {
    const p = action.lastError?.parameter;
    if (p && p in FIELD_IDS) setErrors((e) => ({ ...e, [p]: action.lastError!.message }));
  }, [action.lastError]);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (!name.trim()) next.name = 'Indiquez vos prénom et nom.';
    if (!isEmailAddress(email.trim())) next.email = 'Adresse électronique invalide (exemple : nom@domaine.fr).';
    if (signIn === 'password') {
      const problem = passwordProblem(password, AUTH_LIMITS.passwordMinLength, AUTH_LIMITS.passwordMaxLength);
      if (problem) next.password = problem;
    }
    setErrors(next);
    if (Object.keys(next).length) return;
    const address = email.trim();
    void action
      .run(() =>
        auth
          .registerBeneficiary({
            email: address,
            name: name.trim(),
            tenant: tenant.slug,
            ...(signIn === 'password' ? { password } : {}),
          })
          .then(() => true),
      )
      .then((ok) => {
        if (!ok) return;
        afterSignUp.remember(new URLSearchParams(window.location.search).get('retour'));
        setSent(address);
      });
  };

  if (sent)
    return (
      <Notice kind="success" title="Vérifiez votre messagerie">
        <p>
          Un courriel vient d’être envoyé à <strong>{sent}</strong>. Ouvrez le lien qu’il contient (valable{' '}
          {AUTH_LIMITS.verifyEmailHours} heures) : il active votre compte et vous connecte.
        </p>
        <p className="fr-text--sm fr-mb-0">Rien reçu ? Regardez dans les courriers indésirables.</p>
      </Notice>
    );

  return (
    <form onSubmit={submit} noValidate aria-labelledby="creer-compte">
      <ErrorSummary errors={errors} fieldId={(key) => FIELD_IDS[key] ?? key} />
      {action.error && !(action.lastError?.parameter && action.lastError.parameter in FIELD_IDS) && (
        <Notice kind="error">{action.error}</Notice>
      )}
      <p className="fr-text--sm">Tous les champs sont obligatoires.</p>
      <TextField
        id={FIELD_IDS.name!}
        label="Prénom et nom"
        autoComplete="name"
        value={name}
        onChange={edit('name', setName)}
        error={errors.name}
        required
        maxLength={AUTH_LIMITS.nameMaxLength}
      />
      <TextField
        id={FIELD_IDS.email!}
        label="Adresse électronique"
        hint="Format attendu : nom@domaine.fr"
        type="email"
        inputMode="email"
        autoComplete="email"
        value={email}
        onChange={edit('email', setEmail)}
        error={errors.email}
        required
      />
      <ChoiceGroup
        id="beneficiary-sign-in"
        legend="Pour vous connecter ensuite"
        type="radio"
        options={SIGN_IN_CHOICES}
        value={[signIn]}
        onChange={(v) => setSignIn((v[0] as SignIn | undefined) ?? 'link')}
      />
      {signIn === 'password' && (
        <PasswordField
          id={FIELD_IDS.password!}
          label="Mot de passe"
          hint={`Au moins ${AUTH_LIMITS.passwordMinLength} caractères ; une phrase facile à retenir convient.`}
          autoComplete="new-password"
          value={password}
          onChange={edit('password', setPassword)}
          error={errors.password}
        />
      )}
      <PersonalDataNotice tenant={tenant} />
      {/* A group: the button takes the whole width on a phone. */}
      <ul className="fr-btns-group">
        <li>
          <button className="fr-btn" type="submit" disabled={action.busy}>
            Créer mon compte personnel
          </button>
        </li>
      </ul>
    </form>
  );
}

export function BeneficiaryRegisterPage({ slug }: { slug: string }) {
  const tenant = useLoad(`tenant-${slug}`, () => api.tenant(slug));
  const session = useSession({ probe: false });
  const title = 'Créer mon compte personnel';
  if (tenant.status === 'error' && tenant.error.notFound)
    return (
      <Page title="Département introuvable" narrow>
        <h1>Département introuvable</h1>
        <Notice kind="error">Ce département n’a pas (encore) de catalogue sur cette plateforme.</Notice>
        <Link className="fr-btn" to={paths.home()}>
          Choisir un département
        </Link>
      </Page>
    );
  const t = tenant.data;
  return (
    <Page title={title} crumbs={t ? [{ label: t.name, to: paths.search(slug) }] : []} narrow>
      <h1 id="creer-compte">{title}</h1>
      {!t ? (
        tenant.status === 'error' ? (
          <Notice kind="error">{tenant.error.message}</Notice>
        ) : (
          <Loading label="Chargement…" />
        )
      ) : session.status === 'signed-in' ? (
        <Notice kind="info" title="Vous êtes déjà connecté">
          <p>Avec votre compte ({session.me.email}), vous pouvez vous inscrire aux actions ouvertes à l’inscription.</p>
          <Link className="fr-link" to={paths.search(slug)}>
            Chercher une action
          </Link>
        </Notice>
      ) : (
        <>
          <p className="fr-text--lead">
            Un compte pour vous-même, pour vous inscrire aux actions d’insertion ({t.name}) et suivre vos inscriptions.
          </p>
          <RegisterForm tenant={t} />
          <p className="fr-mt-4w">
            Déjà un compte ?{' '}
            <Link className="fr-link" to={paths.login()}>
              Se connecter
            </Link>
          </p>
          <p>
            Vous êtes un professionnel (structure, référent, agent du Département) ?{' '}
            <Link className="fr-link" to={paths.register()}>
              Créer un compte professionnel
            </Link>
          </p>
        </>
      )}
    </Page>
  );
}
