/**
 * A date typed as people type it (12/2/2025, 12.02.2025, 12/02/25...) or picked on a calendar.
 * The text stays exactly as typed until it is a date; an impossible or unfinished date keeps
 * its text and says what is wrong. The form receives yyyy-MM-dd, '' or "invalid:<text>", which
 * the shared schema refuses.
 */
import { format as formatIso } from 'date-fns';
import { useEffect, useRef, useState } from 'react';
import { DayPicker } from 'react-day-picker';
import { enUS, vi } from 'react-day-picker/locale';
import 'react-day-picker/style.css';
import { readDate, type DateReading } from '../../../shared/parse';
import { formatDate } from '../format';
import { currentLanguage, useTranslation } from '../i18n';
import { Field } from './fields';
import { isComposing } from './keys';
import { useTypedText } from './useTypedText';

const INVALID = 'invalid:';

interface DateProps {
  label: string;
  required?: boolean;
  /** Validation code from the form, or null. */
  error?: string | null;
  hint?: string;
  wide?: boolean;
  /** yyyy-MM-dd, '' when empty, or "invalid:<text>" for text that is not a date. */
  value: string;
  onChange(value: string): void;
  name?: string;
}

function show(value: string): string {
  return value.startsWith(INVALID) ? value.slice(INVALID.length) : formatDate(value);
}

function toValue(text: string, reading: DateReading): string {
  if (reading.kind === 'date') return reading.iso;
  return reading.kind === 'empty' ? '' : `${INVALID}${text}`;
}

/** What is wrong with text that is not a date, in the words of validation.<code>. */
function problem(reading: DateReading): string | null {
  if (reading.kind === 'incomplete') return 'date_incomplete';
  if (reading.kind === 'impossible') return 'date_impossible';
  return reading.kind === 'invalid' ? 'invalid_date' : null;
}

function isoToDate(iso: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return undefined;
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(y!, m! - 1, d!);
}

export function DateField({ value, onChange, name, error, ...field }: DateProps) {
  const { t } = useTranslation();
  const { text, setText, emitted } = useTypedText(value, show);
  // Shown once the person leaves the field (never while they are still typing).
  const [ownError, setOwnError] = useState<string | null>(null);
  const [calendarOpen, setCalendarOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const popoverRef = useRef<HTMLDivElement>(null);

  function emit(next: string) {
    emitted(next);
    onChange(next);
  }

  function type(nextText: string) {
    setText(nextText);
    setOwnError(null);
    emit(toValue(nextText, readDate(nextText)));
  }

  function pick(date: Date | undefined) {
    setCalendarOpen(false);
    buttonRef.current?.focus();
    if (!date) return;
    const iso = formatIso(date, 'yyyy-MM-dd');
    setText(formatDate(iso));
    setOwnError(null);
    emit(iso);
  }

  useEffect(() => {
    if (!calendarOpen) return;
    const outside = (event: MouseEvent) => {
      const target = event.target as Node;
      if (!popoverRef.current?.contains(target) && !buttonRef.current?.contains(target)) setCalendarOpen(false);
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [calendarOpen]);

  const reading = readDate(text);
  // The form's verdict (on save) names the precise reason when the text itself is the problem.
  const shown = ownError ?? (error ? (problem(reading) ?? error) : null);
  const selected = reading.kind === 'date' ? isoToDate(reading.iso) : undefined;

  return (
    <Field {...field} error={shown} hint={field.hint ?? t('input.dateHint')}>
      {(id, describedBy) => (
        <div className="date-field">
          <input
            id={id}
            name={name}
            inputMode="numeric"
            autoComplete="off"
            placeholder="dd/mm/yyyy"
            aria-describedby={describedBy}
            aria-invalid={Boolean(shown)}
            aria-required={field.required || undefined}
            value={text}
            onChange={(e) => type(e.target.value)}
            onBlur={() => {
              if (reading.kind === 'date') setText(formatDate(reading.iso));
              setOwnError(problem(reading));
            }}
            onKeyDown={(e) => {
              if (isComposing(e)) return;
              if (e.key === 'ArrowDown' && e.altKey) {
                e.preventDefault();
                setCalendarOpen(true);
              }
            }}
          />
          <button
            ref={buttonRef}
            type="button"
            className="icon date-button"
            aria-label={t('input.openCalendar')}
            aria-haspopup="dialog"
            aria-expanded={calendarOpen}
            onClick={() => setCalendarOpen((open) => !open)}
          >
            <CalendarIcon />
          </button>
          {calendarOpen && (
            <div
              ref={popoverRef}
              className="date-popover"
              role="dialog"
              aria-label={t('input.calendar')}
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  // Close the calendar only, not the form around it.
                  e.preventDefault();
                  e.stopPropagation();
                  setCalendarOpen(false);
                  buttonRef.current?.focus();
                }
              }}
            >
              <DayPicker
                mode="single"
                autoFocus
                locale={currentLanguage() === 'vi' ? vi : enUS}
                selected={selected}
                defaultMonth={selected}
                onSelect={pick}
                captionLayout="dropdown"
                startMonth={new Date(1990, 0)}
                endMonth={new Date(2099, 11)}
              />
            </div>
          )}
        </div>
      )}
    </Field>
  );
}

function CalendarIcon() {
  return (
    <svg
      width="16"
      height="16"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <rect x="3" y="4" width="18" height="18" rx="2" />
      <path d="M16 2v4M8 2v4M3 10h18" />
    </svg>
  );
}
