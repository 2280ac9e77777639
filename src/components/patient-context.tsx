import { createContext, useContext } from 'react';
import type { PatientBannerModel } from '../domain/patient-display';

/**
 * Whose record this is, for anything drawn away from the banner (a modal dialog covers
 * it): every dialog names the patient (NHS CUI: patient identification on every view).
 */
export const PatientContext = createContext<PatientBannerModel | undefined>(undefined);

export function usePatient(): PatientBannerModel | undefined {
  return useContext(PatientContext);
}

/** "JONES, Margaret Ann (Mrs) · Born 04-Mar-1948 · NHS number 943 476 5919", or why not. */
export function patientLine(model: PatientBannerModel | undefined): string {
  if (!model) return 'Patient details not loaded: check who the patient is in your clinical system';
  return [model.name ?? 'Name not recorded', `Born ${model.born ?? 'not recorded'}`, `NHS number ${model.nhsNumber ?? 'not recorded'}`].join(' · ');
}
