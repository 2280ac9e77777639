import type { ReactNode } from 'react';
import type { PatientBannerModel } from '../domain/patient-display';

/** The banner's place on the page, the same while loading, failed or shown. */
export function PatientBannerFrame({ children }: { children: ReactNode }) {
  return (
    <section className="patient-banner" aria-label="Patient">
      {children}
    </section>
  );
}

/**
 * The patient banner, NHS Common User Interface order: name as `FAMILY, Given (Title)`,
 * then date of birth with age, gender and NHS number. Every field says "not recorded"
 * rather than vanishing, so an absent value is never mistaken for a layout gap.
 * Presentational: the model comes from domain/patient-display.ts.
 */
export function PatientBanner({ model }: { model: PatientBannerModel }) {
  return (
    <PatientBannerFrame>
      <PatientBannerContent model={model} />
    </PatientBannerFrame>
  );
}

/** The banner's content without its frame, for a frame that also shows loading states. */
export function PatientBannerContent({ model }: { model: PatientBannerModel }) {
  const { name, born, age, gender, nhsNumber, deceased } = model;
  const ageText = age ? ` (${age})` : '';
  return (
    <>
      <h2 className="patient-name">
        {name ?? 'Name not recorded'}
      </h2>
      {deceased && <p className="deceased-marker">Deceased</p>}
      <dl className="patient-details">
        <div>
          <dt>Born</dt>
          <dd>{born ? `${born}${deceased ? '' : ageText}` : 'not recorded'}</dd>
        </div>
        {deceased && (
          <div>
            <dt>Died</dt>
            <dd>{deceased.date ? `${deceased.date}${ageText}` : 'date not recorded'}</dd>
          </div>
        )}
        <div>
          <dt>Gender</dt>
          <dd>{gender}</dd>
        </div>
        <div>
          <dt>NHS number</dt>
          <dd className={nhsNumber ? 'nhs-number' : undefined}>{nhsNumber ?? 'not recorded'}</dd>
        </div>
      </dl>
    </>
  );
}
