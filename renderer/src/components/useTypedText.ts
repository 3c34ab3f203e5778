import { useEffect, useRef, useState } from 'react';

/**
 * The text of a field that reads into a value (a date, an amount): kept exactly as typed, so
 * "12/0" or "1.500." survive until they are complete; rewritten only when the value changes
 * from outside (a draft restored, a record loaded, a date picked on the calendar).
 */
export function useTypedText<T>(value: T, show: (value: T) => string) {
  const [text, setText] = useState(() => show(value));
  const emitted = useRef(value);
  useEffect(() => {
    if (Object.is(value, emitted.current)) return;
    emitted.current = value;
    setText(show(value));
    // `show` is a formatter with no state of its own; only the value matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  return {
    text,
    setText,
    /** Records the value this field is about to hand its form, so that it is not echoed back into the text. */
    emitted(next: T) {
      emitted.current = next;
    },
  };
}
