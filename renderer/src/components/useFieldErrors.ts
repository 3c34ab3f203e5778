/** Field errors from the shared zod schema (instant) or from main's VALIDATION error. */
import { useState } from 'react';
import type { z } from 'zod';
import { AppError, fieldIssues } from '../../../shared/errors';

export type FieldErrors = Record<string, string>;

export function issuesToErrors(issues: { path: string; code: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) errors[issue.path] ??= issue.code;
  return errors;
}

export function useFieldErrors() {
  const [errors, setErrors] = useState<FieldErrors>({});
  return {
    errors,
    /** Validates with the same schema main uses; returns the parsed value or null. */
    check<S extends z.ZodType>(schema: S, value: unknown): z.output<S> | null {
      const parsed = schema.safeParse(value);
      if (parsed.success) {
        setErrors({});
        return parsed.data;
      }
      setErrors(issuesToErrors(fieldIssues(parsed.error)));
      return null;
    },
    /** Shows main's field errors; returns false when the error was not a validation one. */
    fromError(error: unknown): boolean {
      if (error instanceof AppError && error.code === 'VALIDATION' && error.fields?.length) {
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
