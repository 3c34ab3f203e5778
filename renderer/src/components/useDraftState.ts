/**
 * A drawer form's values, kept as a draft in the encrypted database while they are typed: a form
 * closed by mistake, a reload or a crash gives them back the next time the same form opens.
 */
import { useEffect, useRef, useState } from 'react';
import { discardDraft, keepDraft, loadDraft } from '../stores/drafts';

export function useDraftState<T extends object>(key: string, initial: () => T) {
  const [values, setValues] = useState<T>(initial);
  const [restored, setRestored] = useState(false);
  const touched = useRef(false);

  useEffect(() => {
    let live = true;
    loadDraft<T>(key).then(
      (saved) => {
        // Typing that began before the draft arrived wins over it.
        if (!live || !saved || touched.current) return;
        setValues({ ...initial(), ...saved });
        setRestored(true);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
    // Loaded once per form; `initial` only builds the empty values.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  return {
    values,
    restored,
    update(patch: Partial<T>) {
      touched.current = true;
      setValues((current) => {
        const next = { ...current, ...patch };
        keepDraft(key, next);
        return next;
      });
    },
    /** The record was saved or deleted: nothing left to keep. */
    forget() {
      void discardDraft(key);
    },
    /** The person chose to start again from the record (or from empty). */
    drop() {
      void discardDraft(key);
      setValues(initial());
      setRestored(false);
    },
  };
}
