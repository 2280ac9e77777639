import { useMemo } from 'react';
import type { FhirResource } from 'fhir/r4';
import { resourceFields } from '../resource-fields';

/**
 * The whole source resource as a field list, folded away (it is long): for checking what
 * the organisation sent beyond what the summary shows. Values are text, never HTML.
 */
export function ResourceFieldTable({ resource }: { resource: FhirResource }) {
  const { fields, more, tooDeep } = useMemo(() => resourceFields(resource), [resource]);
  return (
    <details className="nhsuk-details detail-fields">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">{`All fields in the source record (${fields.length + more})`}</span>
      </summary>
      <div className="nhsuk-details__text">
        <table className="nhsuk-table nhsuk-table--compact record-table">
          <caption className="nhsuk-u-visually-hidden">{`Fields of ${resource.resourceType}/${resource.id ?? ''}`}</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">Field</th>
              <th scope="col" className="nhsuk-table__header">Value</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {fields.map((f, i) => (
              <tr key={i} className="nhsuk-table__row">
                <th scope="row" className="nhsuk-table__cell field-label">{f.label}</th>
                <td className="nhsuk-table__cell detail-value">{f.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {more > 0 && <p className="section-note">{`${more} more fields are not shown.`}</p>}
        {tooDeep > 0 && <p className="section-note">{`${tooDeep === 1 ? 'One part' : `${tooDeep} parts`} of this record is nested too deeply to display safely, and is not shown.`}</p>}
      </div>
    </details>
  );
}
