/**
 * Numbers typed the Vietnamese way (1.500.000; 2.500,75) or plainly (1500000). The text stays as
 * typed while it is being typed, is tidied to 1.500.000 when the person leaves the field, and a
 * negative number or text that is no number is said beside the field, never dropped.
 */
import { useState } from 'react';
import { readNumber, type NumberReading } from '../../../shared/parse';
import { useTranslation } from '../i18n';
import { Field } from './fields';
import { useTypedText } from './useTypedText';

interface NumberProps {
  label: string;
  required?: boolean;
  /** Validation code from the form, or null. */
  error?: string | null;
  hint?: string;
  wide?: boolean;
  /** null when empty; NaN for text that is no number (the schema refuses it). */
  value: number | null;
  onChange(value: number | null): void;
  name?: string;
}

// Typed amounts are written back in the Vietnamese form in both languages: "1,500" reads as 1,5
// (shared/parse), so an English grouping would change the amount when the field is edited again.
const inputNumberFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 4 });

function show(value: number | null): string {
  return value === null || Number.isNaN(value) ? '' : inputNumberFormat.format(value);
}

function toValue(reading: NumberReading): number | null {
  if (reading.kind === 'empty') return null;
  return reading.kind === 'invalid' ? Number.NaN : reading.value;
}

function problem(reading: NumberReading): string | null {
  if (reading.kind === 'negative') return 'negative_number';
  return reading.kind === 'invalid' ? 'number_format' : null;
}

export function NumberField({ value, onChange, name, error, ...field }: NumberProps) {
  const { t } = useTranslation();
  const { text, setText, emitted } = useTypedText(value, show);
  const [ownError, setOwnError] = useState<string | null>(null);
  const reading = readNumber(text);
  const shown = ownError ?? (error ? (problem(reading) ?? error) : null);

  return (
    <Field {...field} error={shown} hint={field.hint ?? t('input.numberHint')}>
      {(id, describedBy) => (
        <input
          id={id}
          name={name}
          inputMode="decimal"
          autoComplete="off"
          aria-describedby={describedBy}
          aria-invalid={Boolean(shown)}
          aria-required={field.required || undefined}
          value={text}
          onChange={(e) => {
            const next = readNumber(e.target.value);
            setText(e.target.value);
            setOwnError(null);
            const nextValue = toValue(next);
            emitted(nextValue);
            onChange(nextValue);
          }}
          onBlur={() => {
            if (reading.kind === 'number') setText(show(reading.value));
            setOwnError(problem(reading));
          }}
        />
      )}
    </Field>
  );
}
