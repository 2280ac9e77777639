import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { patientLine, usePatient } from './patient-context';

export interface DialogProps {
  title: string;
  /** A short line above the title ("Medication", "Encounter"). */
  caption?: string;
  onClose: () => void;
  children: ReactNode;
}

/**
 * A modal dialog on the native <dialog> element, whose showModal() makes the rest of the
 * page inert and keeps focus inside. Focus goes to the title on opening and back to
 * whatever opened it on closing (WCAG 2.4.3 focus order); Escape, the Close button and a
 * click on the backdrop all close it. Tab wraps from the last control to the first: a
 * modal dialog makes its own page inert, but inside an EHR's iframe the browser would
 * otherwise tab out to the host page. Where showModal is missing (jsdom) the dialog is
 * simply shown open and Escape still closes it. The patient is named at the top, since
 * the dialog covers the banner.
 */
export function Dialog({ title, caption, onClose, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const titleId = useId();
  const patientId = useId();
  const patient = usePatient();
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
    headingRef.current?.focus();
    return () => {
      if (dialog?.open && typeof dialog.close === 'function') dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className="record-dialog"
      aria-labelledby={titleId}
      aria-describedby={patientId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        } else if (e.key === 'Tab' && ref.current) {
          wrapFocus(e, ref.current);
        }
      }}
      onClick={(e) => {
        if (e.target === ref.current) onClose(); // the backdrop: the dialog box itself is covered by its inner frame
      }}
    >
      <div className="record-dialog-frame">
        <p className="record-dialog-patient" id={patientId}>
          <span className="record-dialog-patient-label">Patient: </span>
          {patientLine(patient)}
        </p>
        <div className="record-dialog-header">
          <h2 id={titleId} ref={headingRef} tabIndex={-1} className="record-dialog-title">
            {caption && (
              <span className="nhsuk-caption-m record-dialog-caption">
                {caption}
                <span className="nhsuk-u-visually-hidden"> - </span>
              </span>
            )}
            {title}
          </h2>
          <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small record-dialog-close" onClick={onClose}>
            Close
          </button>
        </div>
        <div className="record-dialog-body">{children}</div>
      </div>
    </dialog>
  );
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea, summary, [tabindex="0"]';

/** Keeps Tab and Shift+Tab among the dialog's own visible controls (WAI-ARIA APG, dialog pattern). */
function wrapFocus(e: KeyboardEvent<HTMLDialogElement>, dialog: HTMLDialogElement): void {
  const controls = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0);
  const first = controls[0];
  const last = controls[controls.length - 1];
  if (!first || !last) return;
  const active = document.activeElement;
  if (e.shiftKey && (active === first || !dialog.contains(active) || active === dialog.querySelector('h2'))) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && active === last) {
    e.preventDefault();
    first.focus();
  }
}
