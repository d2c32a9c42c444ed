// Sign-in, sign-up, forgotten password, and the pages the emails link to (verification, new
// password, magic link). Answers never tell whether an account exists.
import { AUTH_LIMITS, isEmailAddress, type Me } from '@catalogue/contracts';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../app/api.js';
import { Link, navigate, useLocation } from '../app/router.js';
import { afterSignUp, matchRoute, paths, safeReturnPath } from '../app/routes.js';
import { setSession, useSession } from '../app/session.js';
import { useLoad } from '../app/use-load.js';
import { auth } from './bo-api.js';
import { passwordProblem } from './organization-form.js';
import { Notice, Page, SelectField, TextField, useAction } from './ui.js';

const tokenOf = (search: string): string | null => new URLSearchParams(search).get('jeton');

export function PasswordField({
  id,
  label,
  value,
  onChange,
  error,
  autoComplete,
  hint,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
  autoComplete: string;
  hint?: string;
}) {
  const [shown, setShown] = useState(false);
  return (
    <TextField
      id={id}
      label={label}
      hint={hint}
      type={shown ? 'text' : 'password'}
      value={value}
      onChange={onChange}
      error={error}
      required
      autoComplete={autoComplete}
      maxLength={AUTH_LIMITS.passwordMaxLength}
      after={
        <div className="fr-checkbox-group fr-checkbox-group--sm fr-mt-1w">
          <input type="checkbox" id={`${id}-show`} checked={shown} onChange={(e) => setShown(e.target.checked)} />
          <label className="fr-label" htmlFor={`${id}-show`}>
            Afficher le mot de passe
          </label>
        </div>
      }
    />
  );
}

function afterSignIn(me: Me, search: string): void {
  setSession(me);
  navigate(safeReturnPath(new URLSearchParams(search).get('retour')) ?? paths.space(), { replace: true });
}

export function LoginPage() {
  const { search } = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [magicEmail, setMagicEmail] = useState('');
  const [magicSent, setMagicSent] = useState(false);
  const login = useAction();
  const magic = useAction();
  const oidc = useLoad('oidc', () => auth.oidc());
  const ssoError = new URLSearchParams(search).get('erreur') === 'sso';

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    void login
      .run(() => auth.login(email.trim(), password))
      .then((me) => {
        if (me) afterSignIn(me, search);
      });
  };
  const sendMagic = (e: FormEvent): void => {
    e.preventDefault();
    void magic.run(() => auth.magicLink(magicEmail.trim()).then(() => true)).then((ok) => ok && setMagicSent(true));
  };
  const loginError = login.lastError?.status === 401 ? 'Adresse électronique ou mot de passe incorrect.' : login.error;

  return (
    <Page title="Se connecter" narrow>
      <h1>Se connecter</h1>
      <p>
        Un seul compte par adresse électronique, que vous cherchiez une action pour vous-même ou que vous soyez un
        professionnel (structure partenaire, référent, agent du département).
      </p>
      {ssoError && (
        <Notice kind="error">
          La connexion par le service d’identification n’a pas abouti. Réessayez, ou connectez-vous avec votre mot de
          passe.
        </Notice>
      )}
      {oidc.status === 'ok' && oidc.data.enabled && (
        <div className="cat-bo-card">
          <h2 className="fr-h5">Avec votre compte professionnel</h2>
          <a className="fr-btn fr-btn--secondary" href={auth.oidcLoginUrl}>
            Se connecter avec {oidc.data.label}
          </a>
        </div>
      )}
      <form className="cat-bo-card" onSubmit={submit} noValidate>
        <h2 className="fr-h5">Avec votre mot de passe</h2>
        {loginError && <Notice kind="error">{loginError}</Notice>}
        <TextField
          id="login-email"
          label="Adresse électronique"
          hint="Format attendu : nom@domaine.fr"
          type="email"
          autoComplete="username"
          value={email}
          onChange={setEmail}
          required
        />
        <PasswordField
          id="login-password"
          label="Mot de passe"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
        />
        <p>
          <Link className="fr-link" to={paths.forgotPassword()}>
            Mot de passe oublié ?
          </Link>
        </p>
        <button className="fr-btn" type="submit" disabled={login.busy}>
          Se connecter
        </button>
      </form>
      <form className="cat-bo-card" onSubmit={sendMagic} noValidate>
        <h2 className="fr-h5">Recevoir un lien de connexion</h2>
        <p className="fr-text--sm">
          Sans mot de passe : un lien valable {AUTH_LIMITS.magicLinkMinutes} minutes vous est envoyé par courriel.
        </p>
        {magicSent ? (
          <Notice kind="success">
            Si un compte existe pour cette adresse, un lien de connexion vient d’y être envoyé.
          </Notice>
        ) : (
          <>
            {magic.error && <Notice kind="error">{magic.error}</Notice>}
            <TextField
              id="magic-email"
              label="Adresse électronique"
              type="email"
              autoComplete="email"
              value={magicEmail}
              onChange={setMagicEmail}
              required
            />
            <button className="fr-btn fr-btn--secondary" type="submit" disabled={magic.busy}>
              Recevoir un lien de connexion
            </button>
          </>
        )}
      </form>
      <NoAccountYet back={new URLSearchParams(search).get('retour')} />
    </Page>
  );
}

/** The département the visitor came from (the page they were on before « Se connecter »), if any. */
function departementOf(back: string | null): string | null {
  const path = safeReturnPath(back);
  if (!path) return null;
  const route = matchRoute(path.split(/[?#]/)[0]!);
  return 'slug' in route && route.slug ? route.slug : null;
}

/**
 * Which account is which: a personal one (a beneficiary's, in a département: the one the visitor
 * came from, or one to choose) or a professional one.
 */
function NoAccountYet({ back }: { back: string | null }) {
  const slug = departementOf(back);
  const tenants = useLoad(slug ? 'no-tenants' : 'tenants', () => (slug ? Promise.resolve([]) : api.tenants()));
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState<string | undefined>();
  const choose = (e: FormEvent): void => {
    e.preventDefault();
    if (!chosen) {
      setError('Choisissez votre département.');
      return;
    }
    navigate(paths.beneficiaryRegister(chosen));
  };
  return (
    <section aria-labelledby="pas-de-compte">
      <h2 className="fr-h5" id="pas-de-compte">
        Pas encore de compte ?
      </h2>
      <div className="cat-row">
        <div className="cat-bo-card">
          <h3 className="fr-h6">Vous cherchez une action pour vous-même ?</h3>
          <p className="fr-text--sm">Un compte personnel, pour vous inscrire aux actions et suivre vos inscriptions.</p>
          {slug ? (
            <Link className="fr-btn" to={paths.beneficiaryRegister(slug, back ?? undefined)}>
              Créer un compte personnel
            </Link>
          ) : (
            <form onSubmit={choose} noValidate>
              <SelectField
                id="personal-tenant"
                label="Votre département"
                value={chosen}
                onChange={(v) => {
                  setChosen(v);
                  setError(undefined);
                }}
                options={(tenants.data ?? []).map((t) => ({ code: t.slug, label: `${t.name} (${t.code})` }))}
                placeholder="Choisir un département"
                error={error}
                required
              />
              <button className="fr-btn" type="submit">
                Créer un compte personnel
              </button>
            </form>
          )}
        </div>
        <div className="cat-bo-card">
          <h3 className="fr-h6">Vous êtes un professionnel ?</h3>
          <p className="fr-text--sm">Structure partenaire, référent, agent du département.</p>
          <Link className="fr-btn fr-btn--secondary" to={paths.register()}>
            Créer un compte professionnel
          </Link>
        </div>
      </div>
    </section>
  );
}

export function RegisterPage() {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sent, setSent] = useState(false);
  const action = useAction();

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (!name.trim()) next.name = 'Indiquez vos prénom et nom.';
    if (!isEmailAddress(email.trim())) next.email = 'Adresse électronique invalide (exemple : nom@domaine.fr).';
    const pw = passwordProblem(password, AUTH_LIMITS.passwordMinLength, AUTH_LIMITS.passwordMaxLength);
    if (pw) next.password = pw;
    setErrors(next);
    if (Object.keys(next).length) return;
    void action
      .run(() => auth.register(email.trim(), password, name.trim()).then(() => true))
      .then((ok) => ok && setSent(true));
  };
  useEffect(() => {
    const p = action.lastError?.parameter;
    if (p) setErrors((e) => ({ ...e, [p]: action.lastError!.message }));
  }, [action.lastError]);

  return (
    <Page title="Créer un compte" narrow>
      <h1>Créer un compte professionnel</h1>
      <p className="fr-text--sm">
        Pour les structures partenaires, les référents et les agents du département. Vous cherchez une action pour
        vous-même ? Créez plutôt un compte personnel depuis la page « Se connecter » de votre département.
      </p>
      {sent ? (
        <Notice kind="success" title="Vérifiez votre messagerie">
          <p>
            Un courriel vient d’être envoyé à <strong>{email.trim()}</strong> : ouvrez le lien qu’il contient (valable{' '}
            {AUTH_LIMITS.verifyEmailHours} heures) pour activer votre compte.
          </p>
        </Notice>
      ) : (
        <form className="cat-bo-card" onSubmit={submit} noValidate>
          <p className="fr-text--sm">Les champs marqués d’un astérisque (*) sont obligatoires.</p>
          {action.error && !action.lastError?.parameter && <Notice kind="error">{action.error}</Notice>}
          <TextField
            id="name"
            label="Prénom et nom"
            autoComplete="name"
            value={name}
            onChange={setName}
            error={errors.name}
            required
            maxLength={AUTH_LIMITS.nameMaxLength}
          />
          <TextField
            id="email"
            label="Adresse électronique professionnelle"
            hint="Format attendu : nom@domaine.fr"
            type="email"
            autoComplete="email"
            value={email}
            onChange={setEmail}
            error={errors.email}
            required
          />
          <PasswordField
            id="password"
            label="Mot de passe"
            hint={`Au moins ${AUTH_LIMITS.passwordMinLength} caractères ; une phrase facile à retenir convient.`}
            autoComplete="new-password"
            value={password}
            onChange={setPassword}
            error={errors.password}
          />
          <button className="fr-btn" type="submit" disabled={action.busy}>
            Créer mon compte
          </button>
        </form>
      )}
      <p>
        Déjà un compte ?{' '}
        <Link className="fr-link" to={paths.login()}>
          Se connecter
        </Link>
      </p>
    </Page>
  );
}

export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const action = useAction();
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    void action.run(() => auth.passwordReset(email.trim()).then(() => true)).then((ok) => ok && setSent(true));
  };
  return (
    <Page title="Mot de passe oublié" crumbs={[{ label: 'Se connecter', to: paths.login() }]} narrow>
      <h1>Mot de passe oublié</h1>
      {sent ? (
        <Notice kind="success" title="Courriel envoyé">
          <p>
            Si un compte existe pour cette adresse, un lien pour choisir un nouveau mot de passe vient d’y être envoyé.
            Il est valable une heure.
          </p>
        </Notice>
      ) : (
        <form className="cat-bo-card" onSubmit={submit} noValidate>
          {action.error && <Notice kind="error">{action.error}</Notice>}
          <TextField
            id="reset-email"
            label="Adresse électronique"
            type="email"
            autoComplete="email"
            value={email}
            onChange={setEmail}
            required
          />
          <button className="fr-btn" type="submit" disabled={action.busy}>
            Recevoir un lien
          </button>
        </form>
      )}
    </Page>
  );
}

/** Runs a token's confirmation once (the token is single-use: StrictMode must not send it twice). */
function useTokenOnce<T>(token: string | null, confirm: (token: string) => Promise<T>) {
  const action = useAction();
  const [result, setResult] = useState<T | null>(null);
  const started = useRef(false);
  useEffect(() => {
    if (!token || started.current) return;
    started.current = true;
    void action.run(() => confirm(token)).then((r) => r !== undefined && setResult(r));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [token]);
  return { ...action, result };
}

function BadLink({ what }: { what: string }) {
  return (
    <Notice kind="error" title="Lien invalide ou expiré">
      <p>Ce lien de {what} a déjà servi ou a expiré. Demandez-en un nouveau.</p>
    </Notice>
  );
}

/** Where to go once the address is verified: for a personal account, straight to its département's actions. */
function VerifiedNext({ me }: { me: Me }) {
  const registering = me.capabilities.tenants.filter((t) => t.capabilities.registerSelf);
  // The offer the person was registering to when they created their account (same browser).
  const [back] = useState(() => afterSignUp.take());
  return (
    <ul className="fr-btns-group fr-btns-group--inline-md">
      {back && (
        <li>
          <Link className="fr-btn" to={back}>
            Reprendre mon inscription
          </Link>
        </li>
      )}
      {registering.map((t) => (
        <li key={t.tenant}>
          <Link className={`fr-btn${back ? ' fr-btn--secondary' : ''}`} to={paths.search(t.tenant)}>
            Chercher une action ({t.tenantName})
          </Link>
        </li>
      ))}
      <li>
        <Link className={`fr-btn${registering.length ? ' fr-btn--secondary' : ''}`} to={paths.space()}>
          Accéder à mon espace
        </Link>
      </li>
    </ul>
  );
}

export function VerifyEmailPage() {
  const { search } = useLocation();
  const token = tokenOf(search);
  const v = useTokenOnce(token, (t) => auth.verifyEmail(t));
  useEffect(() => {
    if (v.result) setSession(v.result);
  }, [v.result]);
  return (
    <Page title="Vérification de l’adresse" narrow>
      <h1>Vérification de votre adresse</h1>
      {!token || v.error ? (
        <>
          <BadLink what="vérification" />
          <Link className="fr-btn" to={paths.login()}>
            Se connecter
          </Link>
        </>
      ) : v.result ? (
        <>
          <Notice kind="success" title="Adresse vérifiée">
            <p>Votre compte est actif et vous êtes connecté.</p>
          </Notice>
          <VerifiedNext me={v.result} />
        </>
      ) : (
        <p role="status">Vérification en cours…</p>
      )}
    </Page>
  );
}

export function MagicLinkPage() {
  const { search } = useLocation();
  const token = tokenOf(search);
  const v = useTokenOnce(token, (t) => auth.magicLinkConfirm(t));
  useEffect(() => {
    if (v.result) afterSignIn(v.result, search);
  }, [v.result, search]);
  return (
    <Page title="Connexion par lien" narrow>
      <h1>Connexion par lien</h1>
      {!token || v.error ? (
        <>
          <BadLink what="connexion" />
          <Link className="fr-btn" to={paths.login()}>
            Se connecter
          </Link>
        </>
      ) : (
        <p role="status">Connexion en cours…</p>
      )}
    </Page>
  );
}

export function NewPasswordPage() {
  const { search } = useLocation();
  const token = tokenOf(search);
  const session = useSession();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState(false);
  const action = useAction();
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const problem = passwordProblem(password, AUTH_LIMITS.passwordMinLength, AUTH_LIMITS.passwordMaxLength);
    setError(problem ?? undefined);
    if (problem || !token) return;
    void action
      .run(() => auth.passwordResetConfirm(token, password).then(() => true))
      .then((ok) => ok && setDone(true));
  };
  return (
    <Page title="Nouveau mot de passe" narrow>
      <h1>Choisir un nouveau mot de passe</h1>
      {!token ? (
        <BadLink what="réinitialisation" />
      ) : done ? (
        <>
          <Notice kind="success" title="Mot de passe changé">
            <p>Vos autres sessions ont été fermées. Connectez-vous avec votre nouveau mot de passe.</p>
          </Notice>
          <Link className="fr-btn" to={session.status === 'signed-in' ? paths.space() : paths.login()}>
            {session.status === 'signed-in' ? 'Accéder à mon espace' : 'Se connecter'}
          </Link>
        </>
      ) : (
        <form className="cat-bo-card" onSubmit={submit} noValidate>
          {action.error &&
            (action.lastError?.status === 400 && action.lastError.parameter !== 'password' ? (
              <BadLink what="réinitialisation" />
            ) : (
              <Notice kind="error">{action.error}</Notice>
            ))}
          <PasswordField
            id="new-password"
            label="Nouveau mot de passe"
            hint={`Au moins ${AUTH_LIMITS.passwordMinLength} caractères.`}
            autoComplete="new-password"
            value={password}
            onChange={setPassword}
            error={error}
          />
          <button className="fr-btn" type="submit" disabled={action.busy}>
            Enregistrer le mot de passe
          </button>
        </form>
      )}
    </Page>
  );
}
