// Commune or postcode field with suggestions from the API (ARIA 1.2 combobox with a listbox).
// Text typed but not picked is resolved when the form is submitted (see resolve()), never dropped.
import type { CommuneSummary } from '@catalogue/contracts';
import { useEffect, useId, useImperativeHandle, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { api } from '../app/api.js';
import { communeQuery, resolveTypedCommune } from './typed-commune.js';

export interface ChosenCommune {
  insee: string;
  label: string;
}

export interface CommuneFieldHandle {
  /**
   * The commune the field stands for when its form is submitted: the chosen one, or the one the
   * typed text names (then shown as chosen); null when empty. 'pending' when the person must pick
   * among several or correct the text: the field then says so, offers the choices and takes the focus.
   */
  resolve(): Promise<ChosenCommune | null | 'pending'>;
}

interface Props {
  ref?: Ref<CommuneFieldHandle>;
  slug: string;
  value: ChosenCommune | null;
  /** Text shown when no commune is chosen (e.g. "Autour de moi"). */
  placeholder?: string;
  onChange: (commune: ChosenCommune | null) => void;
  /** The whole commune picked from the suggestions (its centre places a map pin). */
  onPick?: (commune: CommuneSummary) => void;
  label?: string;
  hint?: string;
  required?: boolean;
  /** Error message shown under the field (DSFR error state). */
  error?: string | null | undefined;
}

export const communeLabel = (c: CommuneSummary): string => `${c.name} (${c.postcodes[0] ?? c.insee.slice(0, 2)})`;

export function CommuneField({
  ref,
  slug,
  value,
  placeholder,
  onChange,
  onPick,
  label = 'Où ?',
  hint = 'Commune ou code postal',
  required,
  error,
}: Props) {
  const id = useId();
  const inputId = `${id}-lieu`;
  const listId = `${id}-suggestions`;
  const messageId = `${id}-message`;
  const [text, setText] = useState(value?.label ?? '');
  const [suggestions, setSuggestions] = useState<CommuneSummary[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState('');
  /** Why the typed text was not searched (set by resolve(), cleared by typing or picking). */
  const [notice, setNotice] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  const typed = useRef(false);
  const input = useRef<HTMLInputElement>(null);
  const closing = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // Follow the chosen commune when it changes from outside (back button, "around me").
  useEffect(() => {
    setText(value?.label ?? '');
  }, [value?.insee, value?.label]);

  useEffect(() => {
    if (!typed.current) return;
    const q = text.trim();
    if (q.length < 2 || q === value?.label) {
      setSuggestions([]);
      setOpen(false);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api.communes(slug, q, controller.signal).then(
        (rows) => {
          setSuggestions(rows);
          setOpen(true);
          setActive(rows.length ? 0 : -1);
          setStatus(
            rows.length
              ? `${rows.length} commune${rows.length > 1 ? 's' : ''} proposée${rows.length > 1 ? 's' : ''}`
              : 'Aucune commune trouvée',
          );
        },
        () => undefined,
      );
    }, 120);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text, slug, value?.label]);

  /** Shows the commune as chosen. */
  const select = (c: CommuneSummary): ChosenCommune => {
    typed.current = false;
    const chosen = { insee: c.insee, label: communeLabel(c) };
    setText(chosen.label);
    setOpen(false);
    setSuggestions([]);
    setNotice(null);
    return chosen;
  };

  const choose = (c: CommuneSummary): void => {
    onChange(select(c));
    onPick?.(c);
  };

  useImperativeHandle(ref, () => ({
    async resolve() {
      const t = text.trim();
      if (t === '') return null;
      if (value && t === value.label) return value;
      const rows = await api.communes(slug, communeQuery(t)).catch(() => null);
      const found = rows
        ? resolveTypedCommune(t, rows)
        : { kind: 'unknown' as const, message: 'Les communes n’ont pas pu être chargées : réessayez.' };
      if (found.kind === 'found') return select(found.commune);
      clearTimeout(closing.current);
      if (found.kind === 'choose') {
        setSuggestions(found.communes);
        setActive(0);
        setOpen(true);
        setNotice({ kind: 'info', text: found.message });
      } else {
        setOpen(false);
        setNotice({ kind: 'error', text: found.message });
      }
      input.current?.focus();
      return 'pending';
    },
  }));

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'ArrowDown' && suggestions.length) {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (a + 1) % suggestions.length);
    } else if (e.key === 'ArrowUp' && suggestions.length) {
      e.preventDefault();
      setActive((a) => (a <= 0 ? suggestions.length - 1 : a - 1));
    } else if (e.key === 'Enter' && open && suggestions[active]) {
      e.preventDefault();
      choose(suggestions[active]!);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      setOpen(false);
    }
  };

  const message = notice ?? (error ? { kind: 'error' as const, text: error } : null);
  const invalid = message?.kind === 'error';
  return (
    <div className={`fr-input-group cat-combobox${message ? ` fr-input-group--${message.kind}` : ''}`}>
      <label className="fr-label" htmlFor={inputId}>
        {label}
        {required ? ' *' : ''}
        <span className="fr-hint-text">{hint}</span>
      </label>
      <input
        ref={input}
        id={inputId}
        className={`fr-input${invalid ? ' fr-input--error' : ''}`}
        required={required}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={message ? messageId : undefined}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder}
        value={text}
        onChange={(e) => {
          typed.current = true;
          setText(e.target.value);
          setNotice(null);
          if (e.target.value.trim() === '' && value) onChange(null);
        }}
        onKeyDown={onKeyDown}
        onFocus={() => clearTimeout(closing.current)}
        onBlur={() => {
          closing.current = setTimeout(() => setOpen(false), 150);
        }}
      />
      {message && (
        // Announced at once when resolve() sets it (the search did not run); a form's own error is read with the field.
        <p
          id={messageId}
          className={message.kind === 'error' ? 'fr-error-text' : 'fr-info-text'}
          role={notice ? 'alert' : undefined}
        >
          {message.text}
        </p>
      )}
      <ul
        id={listId}
        role="listbox"
        aria-label="Communes proposées"
        className="cat-combobox__list"
        hidden={!open || suggestions.length === 0}
      >
        {suggestions.map((c, i) => (
          <li
            key={c.insee}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'is-active' : undefined}
            onMouseDown={(e) => {
              e.preventDefault();
              choose(c);
            }}
          >
            {c.name} <span className="cat-muted">{c.postcodes.join(', ')}</span>
          </li>
        ))}
      </ul>
      <p className="fr-sr-only" role="status">
        {open ? status : ''}
      </p>
    </div>
  );
}
