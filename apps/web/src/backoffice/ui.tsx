// Building blocks of the back-office pages: layout with breadcrumb, sign-in gate, DSFR fields with
// their error messages, error summary, status badges, and a hook for buttons that call the API.
import {
  REFUSAL_REASON_LIMITS,
  type Me,
  type OfferStatusCode,
  type OrganizationStatus,
  type StructureCapabilities,
  type TenantCapabilities,
} from '@catalogue/contracts';
import '@gouvfr/dsfr/dist/utility/icons/icons-user/icons-user.main.min.css';
import '@gouvfr/dsfr/dist/utility/icons/icons-document/icons-document.main.min.css';
import '@gouvfr/dsfr/dist/utility/icons/icons-design/icons-design.main.min.css';
import '@gouvfr/dsfr/dist/utility/icons/icons-buildings/icons-buildings.main.min.css';
import './backoffice.css';
import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiRequestError } from '../app/api.js';
import { Link, useLocation, usePageTitle } from '../app/router.js';
import { paths } from '../app/routes.js';
import { useSession } from '../app/session.js';
import { Layout, Loading } from '../layout/Layout.js';
import { Breadcrumb, type Crumb } from '../layout/Breadcrumb.js';

export type { Crumb };

export function Page({
  title,
  crumbs = [],
  children,
  narrow = false,
}: {
  title: string;
  crumbs?: Crumb[];
  children: ReactNode;
  narrow?: boolean;
}) {
  usePageTitle(title, title);
  const all: Crumb[] = [{ label: 'Accueil', to: '/' }, ...crumbs, { label: title }];
  return (
    <Layout>
      <div className={`fr-container fr-mb-7w ${narrow ? 'cat-narrow' : ''}`}>
        <Breadcrumb crumbs={all} />
        {children}
      </div>
    </Layout>
  );
}

/** Renders its children for a signed-in person; otherwise invites to sign in and come back here. */
export function SignedIn({
  title,
  children,
  signedOutText = 'Cette page est réservée aux professionnels connectés.',
}: {
  title: string;
  children: (me: Me) => ReactNode;
  /** What the page says to someone signed out (pages for everyone say so). */
  signedOutText?: string;
}) {
  const session = useSession();
  const { pathname, search } = useLocation();
  if (session.status === 'loading') {
    return (
      <Layout>
        <div className="fr-container fr-my-5w">
          <Loading label="Chargement…" />
        </div>
      </Layout>
    );
  }
  if (session.status === 'signed-out') {
    return (
      <Page title={title} narrow>
        <h1>{title}</h1>
        <div className="fr-alert fr-alert--info fr-mb-3w">
          <p>{signedOutText}</p>
        </div>
        <Link className="fr-btn" to={paths.login(pathname + search)}>
          Se connecter
        </Link>
      </Page>
    );
  }
  return <>{children(session.me)}</>;
}

/**
 * What the person may do in this département, as the API's policy says in GET /me: the web app
 * never reads roles to decide what to show.
 */
export const canIn = (me: Me, slug: string): TenantCapabilities =>
  me.capabilities.tenants.find((t) => t.tenant === slug)?.capabilities ?? me.capabilities.otherTenants;

/** What the person may do in one of their structures; null when it is not one of theirs. */
export const canInStructure = (me: Me, slug: string, organizationId: string): StructureCapabilities | null =>
  me.capabilities.tenants.find((t) => t.tenant === slug)?.structures.find((s) => s.organizationId === organizationId)
    ?.capabilities ?? null;

export function Forbidden({ what }: { what: string }) {
  return (
    <div className="fr-alert fr-alert--warning fr-my-3w">
      <h2 className="fr-alert__title">Accès réservé</h2>
      <p>{what}</p>
    </div>
  );
}

// ---- Fields --------------------------------------------------------------------------------

interface FieldBase {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean | undefined;
}

function Label({ id, label, hint, required }: FieldBase) {
  return (
    <label className="fr-label" htmlFor={id}>
      {label}
      {required ? ' *' : ''}
      {hint && <span className="fr-hint-text">{hint}</span>}
    </label>
  );
}

function ErrorText({ id, error }: { id: string; error?: string | undefined }) {
  return error ? (
    <p id={`${id}-error`} className="fr-error-text">
      {error}
    </p>
  ) : null;
}

type InputProps = FieldBase & {
  value: string;
  onChange: (v: string) => void;
  type?: string;
  autoComplete?: string;
  inputMode?: 'numeric' | 'email' | 'tel' | 'text';
  maxLength?: number;
  disabled?: boolean;
  after?: ReactNode;
};

export function TextField(p: InputProps) {
  return (
    <div className={`fr-input-group${p.error ? ' fr-input-group--error' : ''}`}>
      <Label {...p} />
      <input
        id={p.id}
        name={p.id}
        className={`fr-input${p.error ? ' fr-input--error' : ''}`}
        type={p.type ?? 'text'}
        value={p.value}
        autoComplete={p.autoComplete}
        inputMode={p.inputMode}
        maxLength={p.maxLength}
        required={p.required}
        disabled={p.disabled}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={p.error ? `${p.id}-error` : undefined}
        onChange={(e) => p.onChange(e.target.value)}
      />
      {p.after}
      <ErrorText id={p.id} error={p.error} />
    </div>
  );
}

export function TextArea(
  p: FieldBase & {
    value: string;
    onChange: (v: string) => void;
    rows?: number;
    maxLength?: number;
    disabled?: boolean;
  },
) {
  return (
    <div className={`fr-input-group${p.error ? ' fr-input-group--error' : ''}`}>
      <Label {...p} />
      <textarea
        id={p.id}
        name={p.id}
        className={`fr-input${p.error ? ' fr-input--error' : ''}`}
        rows={p.rows ?? 4}
        value={p.value}
        maxLength={p.maxLength}
        required={p.required}
        disabled={p.disabled}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={p.error ? `${p.id}-error` : undefined}
        onChange={(e) => p.onChange(e.target.value)}
      />
      <ErrorText id={p.id} error={p.error} />
    </div>
  );
}

/**
 * Refusing with a reason sent to the people concerned: the reason is asked for and checked as the
 * API checks it (REFUSAL_REASON_LIMITS), then confirmed or the refusal cancelled.
 */
export function RefusalForm(p: {
  id: string;
  label: string;
  hint: string;
  tooShort: string;
  busy: boolean;
  className?: string;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (reason.trim().length < REFUSAL_REASON_LIMITS.min) {
      setError(p.tooShort);
      return;
    }
    p.onConfirm(reason.trim());
  };
  return (
    <form onSubmit={submit} noValidate className={`cat-subform${p.className ? ` ${p.className}` : ''}`}>
      <TextArea
        id={p.id}
        label={p.label}
        hint={p.hint}
        value={reason}
        onChange={setReason}
        error={error}
        required
        rows={3}
        maxLength={REFUSAL_REASON_LIMITS.max}
      />
      <div className="cat-actions">
        <button type="submit" className="fr-btn fr-btn--sm" disabled={p.busy}>
          Confirmer le refus
        </button>
        <button type="button" className="fr-btn fr-btn--sm fr-btn--tertiary" onClick={p.onCancel}>
          Annuler
        </button>
      </div>
    </form>
  );
}

export function SelectField(
  p: FieldBase & {
    value: string;
    onChange: (v: string) => void;
    options: { code: string; label: string }[];
    placeholder?: string;
    disabled?: boolean;
  },
) {
  return (
    <div className={`fr-select-group${p.error ? ' fr-select-group--error' : ''}`}>
      <Label {...p} />
      <select
        id={p.id}
        name={p.id}
        className={`fr-select${p.error ? ' fr-select--error' : ''}`}
        value={p.value}
        required={p.required}
        disabled={p.disabled}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={p.error ? `${p.id}-error` : undefined}
        onChange={(e) => p.onChange(e.target.value)}
      >
        {p.placeholder !== undefined && (
          <option value="" disabled={p.required}>
            {p.placeholder}
          </option>
        )}
        {p.options.map((o) => (
          <option key={o.code} value={o.code}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorText id={p.id} error={p.error} />
    </div>
  );
}

/** A group of checkboxes (multiple choice) or radios (single choice) in a DSFR fieldset. */
export function ChoiceGroup(p: {
  id: string;
  legend: string;
  hint?: string;
  error?: string | undefined;
  required?: boolean;
  options: { code: string; label: string }[];
  type: 'checkbox' | 'radio';
  value: string[];
  onChange: (v: string[]) => void;
  inline?: boolean;
  disabled?: boolean;
  columns?: boolean;
}) {
  const toggle = (code: string, on: boolean): void => {
    if (p.type === 'radio') p.onChange([code]);
    else p.onChange(on ? [...p.value, code] : p.value.filter((c) => c !== code));
  };
  return (
    <fieldset
      className={`fr-fieldset${p.error ? ' fr-fieldset--error' : ''}`}
      id={p.id}
      aria-labelledby={`${p.id}-legend${p.error ? ` ${p.id}-error` : ''}`}
      role={p.type === 'radio' ? 'radiogroup' : 'group'}
      disabled={p.disabled}
    >
      <legend className="fr-fieldset__legend fr-fieldset__legend--regular" id={`${p.id}-legend`}>
        {p.legend}
        {p.required ? ' *' : ''}
        {p.hint && <span className="fr-hint-text">{p.hint}</span>}
      </legend>
      <div className={p.columns ? 'cat-choice-columns' : undefined}>
        {p.options.map((o) => {
          const inputId = `${p.id}-${o.code}`;
          return (
            <div key={o.code} className={`fr-fieldset__element${p.inline ? ' fr-fieldset__element--inline' : ''}`}>
              <div className={p.type === 'radio' ? 'fr-radio-group' : 'fr-checkbox-group fr-checkbox-group--sm'}>
                <input
                  type={p.type}
                  id={inputId}
                  name={p.id}
                  value={o.code}
                  checked={p.value.includes(o.code)}
                  onChange={(e) => toggle(o.code, e.target.checked)}
                />
                <label className="fr-label" htmlFor={inputId}>
                  {o.label}
                </label>
              </div>
            </div>
          );
        })}
      </div>
      {p.error && (
        <div className="fr-messages-group" id={`${p.id}-error`} aria-live="polite">
          <p className="fr-message fr-message--error">{p.error}</p>
        </div>
      )}
    </fieldset>
  );
}

/** The list of a form's errors, focused when it appears, each linking to its field. */
export function ErrorSummary({
  errors,
  fieldId,
}: {
  errors: Record<string, string>;
  fieldId: (key: string) => string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors);
  const count = entries.length;
  useEffect(() => {
    if (count > 0) ref.current?.focus();
  }, [count, errors]);
  if (count === 0) return null;
  return (
    <div ref={ref} tabIndex={-1} className="fr-alert fr-alert--error fr-mb-3w" role="alert">
      <h2 className="fr-alert__title">
        {count === 1 ? 'Une information est à corriger' : `${count} informations sont à corriger`}
      </h2>
      <ul>
        {entries.map(([key, message]) => (
          <li key={key}>
            <a
              href={`#${fieldId(key)}`}
              onClick={(e) => {
                e.preventDefault();
                const el = document.getElementById(fieldId(key));
                el?.scrollIntoView({ block: 'center' });
                (el?.matches('fieldset, div')
                  ? el.querySelector<HTMLElement>('input, select, textarea, button')
                  : el
                )?.focus();
              }}
            >
              {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Notice({
  kind,
  title,
  children,
}: {
  kind: 'success' | 'info' | 'warning' | 'error';
  title?: string;
  children?: ReactNode;
}) {
  return (
    <div className={`fr-alert fr-alert--${kind} fr-alert--sm fr-mb-3w`} role={kind === 'error' ? 'alert' : 'status'}>
      {title && <h2 className="fr-alert__title">{title}</h2>}
      {children}
    </div>
  );
}

// ---- Status badges -------------------------------------------------------------------------

const OFFER_STATUS: Record<OfferStatusCode, { label: string; kind: string }> = {
  draft: { label: 'Brouillon', kind: 'fr-badge--new' },
  submitted: { label: 'En attente de modération', kind: 'fr-badge--info' },
  published: { label: 'Publiée', kind: 'fr-badge--success' },
  archived: { label: 'Archivée', kind: '' },
};
export const offerStatusLabel = (s: OfferStatusCode): string => OFFER_STATUS[s]?.label ?? s;

export function OfferStatusBadge({ status }: { status: OfferStatusCode }) {
  const s = OFFER_STATUS[status] ?? { label: status, kind: '' };
  return <p className={`fr-badge fr-badge--sm ${s.kind}`}>{s.label}</p>;
}

const ORG_STATUS: Record<OrganizationStatus, { label: string; kind: string }> = {
  pending: { label: 'En attente de validation', kind: 'fr-badge--new' },
  validated: { label: 'Validée', kind: 'fr-badge--success' },
  rejected: { label: 'Refusée', kind: 'fr-badge--error' },
};
export function OrganizationStatusBadge({ status }: { status: OrganizationStatus }) {
  const s = ORG_STATUS[status] ?? { label: status, kind: '' };
  return <p className={`fr-badge fr-badge--sm ${s.kind}`}>{s.label}</p>;
}

export function OverdueBadge() {
  return <p className="fr-badge fr-badge--sm fr-badge--warning">À mettre à jour</p>;
}

// ---- Actions -------------------------------------------------------------------------------

/** Runs an API call for a button: `busy` meanwhile, then the French error message if it failed. */
export function useAction(): {
  busy: boolean;
  error: string | null;
  run: <T>(fn: () => Promise<T>) => Promise<T | undefined>;
  setError: (e: string | null) => void;
  lastError: ApiRequestError | null;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [lastError, setLastError] = useState<ApiRequestError | null>(null);
  const run = useCallback(async <T,>(fn: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    setLastError(null);
    try {
      return await fn();
    } catch (e) {
      const err =
        e instanceof ApiRequestError
          ? e
          : new ApiRequestError(0, 'client_error', 'Une erreur inattendue s’est produite.');
      setLastError(err);
      setError(messageOf(err));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run, setError, lastError };
}

export function messageOf(e: ApiRequestError): string {
  if (e.status === 401) return 'Votre session a expiré : reconnectez-vous.';
  if (e.status === 403) return 'Vous n’avez pas le droit de faire cette action.';
  if (e.status === 404) return 'Introuvable : l’élément a peut-être été supprimé, ou vous n’y avez pas accès.';
  return e.message;
}

export function dateTimeLabel(iso: string): string {
  return new Intl.DateTimeFormat('fr-FR', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Paris',
  }).format(new Date(iso));
}
