/**
 * "Đã khôi phục bản nháp… — Bỏ bản nháp": what was typed came back from a draft. Discarding it
 * removes the notice and the button that had the focus, so the focus goes to the first field after
 * it: the keyboard (Esc, Ctrl+Enter) keeps working in the form.
 */
import { useRef } from 'react';
import { useTranslation } from '../i18n';

const FIELDS = 'input:not([type=hidden]):not(:disabled), textarea:not(:disabled), select:not(:disabled)';

export function DraftNotice({ text, onDiscard }: { text: string; onDiscard(): void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  return (
    <div className="notice" ref={ref}>
      {text}{' '}
      <button
        type="button"
        className="link"
        onClick={() => {
          const notice = ref.current!;
          const fields = [...(notice.closest('form, dialog, section') ?? document).querySelectorAll<HTMLElement>(FIELDS)];
          const next = fields.find((field) => notice.compareDocumentPosition(field) & Node.DOCUMENT_POSITION_FOLLOWING);
          onDiscard();
          requestAnimationFrame(() => next?.focus());
        }}
      >
        {t('activity.discardDraft')}
      </button>
    </div>
  );
}
