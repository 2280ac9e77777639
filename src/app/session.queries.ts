import { queryOptions } from '@tanstack/react-query';
import type { SmartSession } from '../smart';

/**
 * Query options for reads at the launching server. Keys start with the server (`iss`) as
 * feature keys start with their endpoint id (architecture habit 1).
 */
export const sessionQueries = {
  patient: (session: SmartSession) =>
    queryOptions({
      queryKey: ['smart', session.iss, 'Patient', session.patientId] as const,
      queryFn: () => session.readPatient(),
    }),
  user: (session: SmartSession) =>
    queryOptions({
      queryKey: ['smart', session.iss, 'user', session.fhirUser ?? null] as const,
      queryFn: () => session.readUser(),
    }),
};
