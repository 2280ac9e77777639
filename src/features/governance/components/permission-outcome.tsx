import { useFocusOnMount } from '../../../components/focus-on-mount';
import { PERMISSION_TEXT, purposeOfUse, type PermissionBasis } from '../../../domain/policy/permission';

const PURPOSE_WORDS = { TREAT: 'treatment', ETREAT: 'emergency treatment', HLEGAL: 'a legal duty', COC: 'coordination of care' } as const;

/** After the decision: the basis the record is being viewed on, kept in view. */
export function PermissionSummary({ basis }: { basis: PermissionBasis }) {
  const ref = useFocusOnMount<HTMLParagraphElement>();
  return (
    <p className="governance-basis" ref={ref} tabIndex={-1}>
      {`Viewing on this basis: ${PERMISSION_TEXT[basis]} (purpose: ${PURPOSE_WORDS[purposeOfUse(basis)]}). Every access is recorded in the audit trail.`}
    </p>
  );
}

/** The patient refused: nothing was or will be retrieved, and the app says so plainly. */
export function PermissionRefused() {
  const ref = useFocusOnMount<HTMLDivElement>();
  return (
    <div className="state governance-refused" role="status" ref={ref} tabIndex={-1}>
      <p className="state-title">Nothing has been retrieved</p>
      <p>
        The patient refused permission, so no records were asked for from other organisations. The decision has been recorded in the
        audit trail. If the situation changes, open the record again from your clinical system.
      </p>
    </div>
  );
}
