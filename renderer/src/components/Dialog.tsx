/**
 * The app's one dialog, on the browser's modal <dialog>: the page behind it is inert, focus moves
 * in and Tab cycles inside it, Escape and a click outside close it, and focus returns where it was.
 * Three shapes: a drawer at the side (forms), a centred modal, the search box.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

interface DialogProps {
  shape: 'drawer' | 'modal' | 'search';
  /** The accessible name, or the id of the heading that gives it. */
  label?: string;
  labelledBy?: string;
  /** 'alertdialog' for a question that must be answered. */
  role?: 'dialog' | 'alertdialog';
  onClose(): void;
  children: ReactNode;
}

export function Dialog({ shape, label, labelledBy, role, onClose, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current!;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    return () => {
      dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  // In <body>, so a form opened from another form is not nested in it (submit, keys).
  return createPortal(
    <dialog
      ref={ref}
      className={`dialog dialog-${shape}`}
      aria-label={label}
      aria-labelledby={labelledBy}
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      onCancel={(e) => {
        // Escape: the owner decides (it may keep the dialog, e.g. to ask first).
        e.preventDefault();
        onClose();
      }}
      onKeyDown={(e) => {
        // The page behind is inert, but Tab would still leave for the browser's own controls.
        if (e.key !== 'Tab' || e.defaultPrevented) return;
        const focusable = [...ref.current!.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null || el === document.activeElement);
        const first = focusable[0];
        const last = focusable[focusable.length - 1];
        if (!first || !last) return;
        if (e.shiftKey && document.activeElement === first) {
          e.preventDefault();
          last.focus();
        } else if (!e.shiftKey && document.activeElement === last) {
          e.preventDefault();
          first.focus();
        }
      }}
      onMouseDown={(e) => {
        // A press on the dialog element itself, outside its box, is on the backdrop.
        if (e.target !== ref.current) return;
        const box = ref.current.getBoundingClientRect();
        const inside = e.clientX >= box.left && e.clientX <= box.right && e.clientY >= box.top && e.clientY <= box.bottom;
        if (!inside) onClose();
      }}
    >
      {children}
    </dialog>,
    document.body,
  );
}
