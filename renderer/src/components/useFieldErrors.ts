/** Field errors from the shared zod schema (instant) or from main's VALIDATION error. */
import { useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { AppError, fieldIssues } from '../../../shared/errors';

export type FieldErrors = Record<string, string>;

export function issuesToErrors(issues: { path: string; code: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) errors[issue.path] ??= issue.code;
  return errors;
}

/** The first field marked invalid, in the dialog on top (or the page), takes the focus. */
function focusFirstInvalid(): void {
  const dialogs = document.querySelectorAll('dialog[open]');
  const scope = dialogs.length ? dialogs[dialogs.length - 1]! : document;
  scope.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}

export function useFieldErrors() {
  const [errors, setErrors] = useState<FieldErrors>({});
  // After a failed save, once the errors are drawn, the person is taken to the first one.
  const focusAfterRender = useRef(false);
  useEffect(() => {
    if (!focusAfterRender.current) return;
    focusAfterRender.current = false;
    focusFirstInvalid();
  }, [errors]);
  return {
    errors,
    /** Validates with the same schema main uses; returns the parsed value or null. */
    check<S extends z.ZodType>(schema: S, value: unknown): z.output<S> | null {
      const parsed = schema.safeParse(value);
      if (parsed.success) {
        setErrors({});
        return parsed.data;
      }
      focusAfterRender.current = true;
      setErrors(issuesToErrors(fieldIssues(parsed.error)));
      return null;
    },
    /** Shows main's field errors; returns false when the error was not a validation one. */
    fromError(error: unknown): boolean {
      if (error instanceof AppError && error.code === 'VALIDATION' && error.fields?.length) {
        focusAfterRender.current = true;
        setErrors(issuesToErrors(error.fields));
        return true;
      }
      return false;
    },
    clear(path?: string) {
      setErrors((e) => {
        if (!path) return {};
        const { [path]: _removed, ...rest } = e;
        return rest;
      });
    },
  };
}
