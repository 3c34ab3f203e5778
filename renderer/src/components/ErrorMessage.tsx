/** An error shown where the person is looking, read out by screen readers; nothing when there is none. */
export function ErrorMessage({ text }: { text: string | null | undefined }) {
  if (!text) return null;
  return (
    <div className="form-error" role="alert">
      {text}
    </div>
  );
}
