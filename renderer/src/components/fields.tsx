/** Form controls with a label, a hint and the error shown right under the field. */
import { useId, type ReactNode } from 'react';
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
        {required && (
          <span className="required" aria-label={t('common.required')}>
            {' '}
            *
          </span>
        )}
      </label>
      {children(id, error || hint ? messageId : undefined)}
      {error ? (
        // Read with the field (aria-describedby) when the focus goes to it, not announced at once.
        <div className="field-error" id={messageId}>
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
          <textarea
            id={id}
            name={name}
            autoComplete="off"
            aria-describedby={describedBy}
            aria-invalid={Boolean(field.error)}
            aria-required={field.required || undefined}
            value={value}
            placeholder={placeholder}
            rows={3}
            onChange={(e) => onChange(e.target.value)}
          />
        ) : (
          <input
            id={id}
            name={name}
            type={type}
            autoComplete="off"
            aria-describedby={describedBy}
            aria-invalid={Boolean(field.error)}
            aria-required={field.required || undefined}
            value={value}
            placeholder={placeholder}
            autoFocus={autoFocus}
            onChange={(e) => onChange(e.target.value)}
          />
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
        <select
          id={id}
          name={name}
          aria-describedby={describedBy}
          aria-invalid={Boolean(field.error)}
          aria-required={field.required || undefined}
          value={value ?? ''}
          onChange={(e) => onChange((e.target.value || null) as T | null)}
        >
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

/** The end of an inline edit form: cancel, and save (the form's submit). */
export function EditActions({ onCancel }: { onCancel(): void }) {
  const { t } = useTranslation();
  return (
    <div className="actions">
      <button type="button" onClick={onCancel}>
        {t('common.cancel')}
      </button>
      <button type="submit" className="primary">
        {t('common.save')}
      </button>
    </div>
  );
}
