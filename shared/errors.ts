/**
 * Errors that cross the contract: a stable code (translated by the UI under
 * errors.<code>), an English message for logs and the CLI, and for validation the
 * failing fields with their own codes (validation.<code>).
 */
import type { z } from 'zod';

export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'UNKNOWN_CHANNEL',
  'NOT_SET_UP',
  'ALREADY_SET_UP',
  'DB_NEWER_VERSION',
  'DB_OPEN_FAILED',
  'DB_LOCKED',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number] | (string & {});

export interface FieldIssue {
  path: string;
  code: string;
}

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  fields?: FieldIssue[];
  params?: Record<string, string | number>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: FieldIssue[];
  readonly params?: Record<string, string | number>;

  constructor(code: ErrorCode, message: string, extra: { fields?: FieldIssue[]; params?: Record<string, string | number> } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fields = extra.fields;
    this.params = extra.params;
  }

  toPayload(): ErrorPayload {
    return { code: this.code, message: this.message, fields: this.fields, params: this.params };
  }

  static from(payload: ErrorPayload): AppError {
    return new AppError(payload.code, payload.message, { fields: payload.fields, params: payload.params });
  }
}

/** zod issues -> our field issues; the schemas put our codes in the messages. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    code: /^[a-z_]+$/.test(issue.message) ? issue.message : 'invalid_choice',
  }));
}

export function validationError(error: z.ZodError): AppError {
  const fields = fieldIssues(error);
  const summary = fields.map((f) => `${f.path || '(input)'}: ${f.code}`).join(', ');
  return new AppError('VALIDATION', `Invalid input (${summary})`, { fields });
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };
