// Commune or postcode field with suggestions from the API (ARIA 1.2 combobox with a listbox).
import type { CommuneSummary } from '@catalogue/contracts';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { api } from '../app/api.js';

export interface ChosenCommune {
  insee: string;
  label: string;
}

interface Props {
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

export function CommuneField({ slug, value, placeholder, onChange, onPick, label = 'Où ?', hint = 'Commune ou code postal', required, error }: Props) {
  const id = useId();
  const inputId = `${id}-lieu`;
  const listId = `${id}-suggestions`;
  const [text, setText] = useState(value?.label ?? '');
  const [suggestions, setSuggestions] = useState<CommuneSummary[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState('');
  const typed = useRef(false);

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
          setStatus(rows.length ? `${rows.length} commune${rows.length > 1 ? 's' : ''} proposée${rows.length > 1 ? 's' : ''}` : 'Aucune commune trouvée');
        },
        () => undefined,
      );
    }, 120);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text, slug, value?.label]);

  const choose = (c: CommuneSummary): void => {
    typed.current = false;
    const chosen = { insee: c.insee, label: communeLabel(c) };
    setText(chosen.label);
    setOpen(false);
    setSuggestions([]);
    onChange(chosen);
    onPick?.(c);
  };

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

  return (
    <div className={`fr-input-group cat-combobox${error ? ' fr-input-group--error' : ''}`}>
      <label className="fr-label" htmlFor={inputId}>
        {label}
        {required ? ' *' : ''}
        <span className="fr-hint-text">{hint}</span>
      </label>
      <input
        id={inputId}
        className={`fr-input${error ? ' fr-input--error' : ''}`}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
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
          if (e.target.value.trim() === '' && value) onChange(null);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      <ul id={listId} role="listbox" aria-label="Communes proposées" className="cat-combobox__list" hidden={!open || suggestions.length === 0}>
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
      {error && (
        <p id={`${id}-error`} className="fr-error-text">
          {error}
        </p>
      )}
      <p className="fr-sr-only" role="status">
        {open ? status : ''}
      </p>
    </div>
  );
}
