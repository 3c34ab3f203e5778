/**
 * Notifications in the bottom-right corner, away from the work. A message leaves by itself after
 * a while, but not while the pointer or the keyboard is on it; one that offers an action (Hoàn tác)
 * stays until the action is used or the message is closed.
 */
import { useEffect, useState } from 'react';
import { useAppStore, type Toast } from '../stores/app';
import { useTranslation } from '../i18n';

const SHOWN_MS = 8000;

export function Toasts() {
  const toasts = useAppStore((s) => s.toasts);
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} />
      ))}
    </div>
  );
}

function ToastItem({ toast }: { toast: Toast }) {
  const { t } = useTranslation();
  const dismiss = useAppStore((s) => s.dismiss);
  const [held, setHeld] = useState(false);
  useEffect(() => {
    if (toast.action || held) return;
    const timer = setTimeout(() => dismiss(toast.id), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [toast, held, dismiss]);
  const hold = () => setHeld(true);
  const release = () => setHeld(false);
  return (
    <div className={`toast toast-${toast.kind}`} onMouseEnter={hold} onMouseLeave={release} onFocus={hold} onBlur={release}>
      <span>{toast.text}</span>
      {toast.action && (
        <button
          type="button"
          className="toast-action"
          onClick={() => {
            toast.action!.run();
            dismiss(toast.id);
          }}
        >
          {toast.action.label}
        </button>
      )}
      <button type="button" className="toast-close" aria-label={t('common.close')} onClick={() => dismiss(toast.id)}>
        ×
      </button>
    </div>
  );
}
