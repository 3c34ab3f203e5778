/**
 * An inline edit on the Settings page (the user, the mission's names): the values being edited
 * (null when not editing), checked against their schema, saved by a call that answers the app's
 * new state; refusals go beside their fields, anything else to a notice.
 */
import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import type { AppState } from '../../../shared/contract/app';
import { errorText } from '../i18n';
import { useAppStore } from '../stores/app';
import { useFieldErrors } from './useFieldErrors';

export function useSettingsEdit<S extends z.ZodType>(schema: S, saveCall: (values: z.output<S>) => Promise<AppState>, savedText: string) {
  const setState = useAppStore((s) => s.setState);
  const notify = useAppStore((s) => s.notify);
  const { errors, check, fromError } = useFieldErrors();
  const [editing, setEditing] = useState<z.output<S> | null>(null);

  async function save(event: FormEvent) {
    event.preventDefault();
    const values = editing && check(schema, editing);
    if (!values) return;
    try {
      setState(await saveCall(values));
      setEditing(null);
      notify({ kind: 'info', text: savedText });
    } catch (error) {
      if (!fromError(error)) notify({ kind: 'error', text: errorText(error) });
    }
  }

  return { editing, setEditing, errors, save };
}
