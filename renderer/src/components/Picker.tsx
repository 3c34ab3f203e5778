/**
 * Choose one or several items by typing: every option carries the folded words it
 * answers to (a province answers to its former names too), so "binh duong" finds
 * Thành phố Hồ Chí Minh.
 */
import { useId, useMemo, useRef, useState } from 'react';
import { foldText } from '../../../shared/text';
import { useTranslation } from '../i18n';
import { isComposing } from './keys';

export interface PickerOption {
  value: string;
  label: string;
  /** Folded search terms; the label is always one. */
  terms?: string[];
  detail?: string;
}

interface PickerProps {
  label: string;
  options: readonly PickerOption[];
  selected: readonly string[];
  onChange(selected: string[]): void;
  /** One value only (a filter); otherwise a set (a form field). */
  single?: boolean;
  placeholder?: string;
  hint?: string;
  name?: string;
  /**
   * Options searched elsewhere (in main): told each typed query, and the options it is given
   * are shown as they come instead of being filtered here.
   */
  onQuery?(query: string): void;
}

export function Picker({ label, options, selected, onChange, single, placeholder, hint, name, onQuery }: PickerProps) {
  const { t } = useTranslation();
  const id = useId();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const byValue = useMemo(() => new Map(options.map((o) => [o.value, o])), [options]);
  const matches = useMemo(() => {
    const q = foldText(query);
    const list = options.filter((o) => !selected.includes(o.value));
    if (!q || onQuery) return list;
    return list.filter((o) => [foldText(o.label), ...(o.terms ?? [])].some((term) => term.includes(q)));
  }, [options, query, selected, onQuery]);

  function search(text: string) {
    setQuery(text);
    onQuery?.(text);
  }

  function choose(value: string) {
    onChange(single ? [value] : [...selected, value]);
    search('');
    setActive(0);
    // Closed after every choice, so that the list never covers the next field's click.
    setOpen(false);
  }

  return (
    <div className="field picker">
      <label htmlFor={id}>{label}</label>
      {/* A click anywhere in the box is a click in its input (which keyboard users reach by Tab). */}
      {/* eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-static-element-interactions */}
      <div
        className="picker-box"
        onClick={() => {
          inputRef.current?.focus();
          setOpen(true);
        }}
      >
        {selected.map((value) => (
          <span className="chip" key={value} title={byValue.get(value)?.label ?? value}>
            <span className="chip-text">{byValue.get(value)?.label ?? value}</span>
            <button
              type="button"
              aria-label={`${t('common.unselect')} ${byValue.get(value)?.label ?? value}`}
              onClick={(e) => {
                e.stopPropagation();
                onChange(selected.filter((v) => v !== value));
              }}
            >
              ×
            </button>
          </span>
        ))}
        <input
          id={id}
          name={name}
          ref={inputRef}
          role="combobox"
          aria-expanded={open}
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-activedescendant={open && matches[active] ? `${id}-option-${active}` : undefined}
          autoComplete="off"
          value={query}
          placeholder={selected.length && single ? '' : placeholder}
          onBlur={() => setOpen(false)}
          onChange={(e) => {
            search(e.target.value);
            setOpen(true);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (isComposing(e)) return;
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              if (!open) setOpen(true);
              else setActive((a) => Math.min(a + 1, matches.length - 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((a) => Math.max(a - 1, 0));
            } else if (e.key === 'Enter' && open && matches[active]) {
              e.preventDefault();
              choose(matches[active]!.value);
            } else if (e.key === 'Backspace' && !query && selected.length) {
              onChange(selected.slice(0, -1));
            } else if (e.key === 'Escape' && open) {
              // Closes the list only, not the dialog around the picker.
              e.preventDefault();
              e.stopPropagation();
              setOpen(false);
            } else if (e.key === 'Tab') {
              setOpen(false);
            }
          }}
        />
      </div>
      {hint && <div className="field-hint">{hint}</div>}
      {open && matches.length > 0 && (
        <ul className="picker-list" id={`${id}-list`} role="listbox">
          {matches.slice(0, 50).map((o, i) => (
            <li
              key={o.value}
              id={`${id}-option-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(o.value);
              }}
            >
              {o.label}
              {o.detail && <span className="picker-detail">{o.detail}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
