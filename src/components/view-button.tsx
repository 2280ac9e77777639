/**
 * "View" for one item, opening its detail (the source record and where it came from).
 * The visible word is short so that dense rows stay readable; the accessible name adds
 * which item, and starts with the visible word (WCAG 2.5.3 label in name).
 */
export function ViewButton({ item, onClick }: { item: string; onClick: () => void }) {
  return (
    <button type="button" className="nhsuk-link view-button" aria-haspopup="dialog" aria-label={`View ${item}`} onClick={onClick}>
      View
    </button>
  );
}
