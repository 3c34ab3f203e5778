/**
 * Questions that need an answer before going on (finalise, delete, leave, restore), asked in the
 * app's own dialog instead of window.confirm: styled, translated, keyboard-operable, and safe
 * by default (focus starts on "Hủy").
 */
import { create } from 'zustand';
import { useTranslation } from '../i18n';
import { Dialog } from './Dialog';

interface Question {
  message: string;
  /** The button that goes on ("Xóa", "Chốt bản chính thức"...). */
  confirmLabel: string;
  danger?: boolean;
  /** Points listed above the question, under their lead line ("The report still lacks:" ...). */
  details?: { lead: string; items: string[] };
}

interface ConfirmStore {
  question: (Question & { answer(yes: boolean): void }) | null;
}

const useConfirmStore = create<ConfirmStore>(() => ({ question: null }));

/** Asks; resolves true when the person confirms, false when they cancel or press Escape. */
export function confirm(question: Question): Promise<boolean> {
  useConfirmStore.getState().question?.answer(false);
  return new Promise((resolve) => {
    useConfirmStore.setState({
      question: {
        ...question,
        answer(yes) {
          useConfirmStore.setState({ question: null });
          resolve(yes);
        },
      },
    });
  });
}

export function ConfirmHost() {
  const { t } = useTranslation();
  const question = useConfirmStore((s) => s.question);
  if (!question) return null;
  return (
    <Dialog shape="modal" role="alertdialog" labelledBy="confirm-message" onClose={() => question.answer(false)}>
      <div className="modal confirm">
        {question.details && (
          <>
            <p className="confirm-message">{question.details.lead}</p>
            <ul className="confirm-details">
              {question.details.items.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          </>
        )}
        <p id="confirm-message" className="confirm-message">
          {question.message}
        </p>
        <footer className="drawer-foot">
          <span className="spacer" />
          <button type="button" autoFocus onClick={() => question.answer(false)}>
            {t('common.cancel')}
          </button>
          <button type="button" className={question.danger ? 'danger' : 'primary'} onClick={() => question.answer(true)}>
            {question.confirmLabel}
          </button>
        </footer>
      </div>
    </Dialog>
  );
}
