/** Form controls with a label, a hint and the error shown right under the field. */
import { useEffect, useId, useState, type ReactNode } from 'react';
import { formatDate } from '../format';
import { parseDateInput, parseNumber } from '../parse';
import { useTranslation } from '../i18n';

interface FieldProps {
  label: string;
  required?: boolean;
  /** Validation code (validation.<code>) or null. */
  error?: string | null;
  hint?: string;
  children: (id: string, describedBy: string | undefined) => ReactNode;
  wide?: boolean;
}

export function Field({ label, required, error, hint, children, wide }: FieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const messageId = `${id}-message`;
  return (
    <div className={`field${wide ? ' field-wide' : ''}${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && <span className="required" aria-label={t('common.required')}> *</span>}
      </label>
      {children(id, error || hint ? messageId : undefined)}
      {error ? (
        <div className="field-error" id={messageId} role="alert">
          {t(`validation.${error}`)}
        </div>
      ) : hint ? (
        <div className="field-hint" id={messageId}>
          {hint}
        </div>
      ) : null}
    </div>
  );
}

interface TextProps extends Omit<FieldProps, 'children'> {
  value: string;
  onChange(value: string): void;
  placeholder?: string;
  multiline?: boolean;
  autoFocus?: boolean;
  name?: string;
  type?: 'text' | 'password' | 'email';
}

export function TextField({ value, onChange, placeholder, multiline, autoFocus, name, type = 'text', ...field }: TextProps) {
  return (
    <Field {...field}>
      {(id, describedBy) =>
        multiline ? (
          <textarea id={id} name={name} aria-describedby={describedBy} aria-invalid={Boolean(field.error)} value={value} placeholder={placeholder} rows={3} onChange={(e) => onChange(e.target.value)} />
        ) : (
          <input id={id} name={name} type={type} aria-describedby={describedBy} aria-invalid={Boolean(field.error)} value={value} placeholder={placeholder} autoFocus={autoFocus} onChange={(e) => onChange(e.target.value)} />
        )
      }
    </Field>
  );
}

interface SelectProps<T extends string> extends Omit<FieldProps, 'children'> {
  value: T | null;
  options: readonly { value: T; label: string }[];
  onChange(value: T | null): void;
  /** Text of the empty choice; without it a value must be chosen. */
  emptyLabel?: string;
  name?: string;
}

export function SelectField<T extends string>({ value, options, onChange, emptyLabel, name, ...field }: SelectProps<T>) {
  return (
    <Field {...field}>
      {(id, describedBy) => (
        <select id={id} name={name} aria-describedby={describedBy} aria-invalid={Boolean(field.error)} value={value ?? ''} onChange={(e) => onChange((e.target.value || null) as T | null)}>
          {(emptyLabel !== undefined || value === null) && <option value="">{emptyLabel ?? ''}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

interface DateProps extends Omit<FieldProps, 'children'> {
  /** yyyy-MM-dd, or '' when empty. */
  value: string;
  onChange(value: string): void;
  name?: string;
}

/** A dd/mm/yyyy text box: keeps what the person typed until it is a date, stores ISO. */
export function DateField({ value, onChange, name, ...field }: DateProps) {
  const [text, setText] = useState(formatDate(value));
  useEffect(() => {
    if (parseDateInput(text) !== (value || null)) setText(formatDate(value));
    // Only an outside change of value should rewrite the text.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  return (
    <Field {...field} hint={field.hint ?? 'dd/mm/yyyy'}>
      {(id, describedBy) => (
        <input
          id={id}
          name={name}
          inputMode="numeric"
          placeholder="dd/mm/yyyy"
          aria-describedby={describedBy}
          aria-invalid={Boolean(field.error)}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            const iso = parseDateInput(e.target.value);
            onChange(iso ?? (e.target.value.trim() ? `invalid:${e.target.value}` : ''));
          }}
          onBlur={() => {
            const iso = parseDateInput(text);
            if (iso) setText(formatDate(iso));
          }}
        />
      )}
    </Field>
  );
}

interface NumberProps extends Omit<FieldProps, 'children'> {
  value: number | null;
  onChange(value: number | null): void;
  name?: string;
  step?: number;
}

/** Numbers typed the Vietnamese way: "1.500.000" or "1500000". */
export function NumberField({ value, onChange, name, ...field }: NumberProps) {
  const [text, setText] = useState(formatNumberInput(value));
  useEffect(() => {
    if (parseNumber(text) !== value) setText(formatNumberInput(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  return (
    <Field {...field}>
      {(id, describedBy) => (
        <input
          id={id}
          name={name}
          inputMode="decimal"
          aria-describedby={describedBy}
          aria-invalid={Boolean(field.error)}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            onChange(parseNumber(e.target.value));
          }}
          onBlur={() => {
            const parsed = parseNumber(text);
            if (parsed !== null && !Number.isNaN(parsed)) setText(formatNumberInput(parsed));
          }}
        />
      )}
    </Field>
  );
}

const inputNumberFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

function formatNumberInput(value: number | null): string {
  return value === null || Number.isNaN(value) ? '' : inputNumberFormat.format(value);
}
