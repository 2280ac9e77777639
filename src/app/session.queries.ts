import { queryOptions } from '@tanstack/react-query';
import { launchPatientProblem, WrongLaunchPatient } from '../domain/launch-patient';
import type { SmartSession } from '../smart';

/**
 * Query options for reads at the launching server. Keys start with the server (`iss`) as
 * feature keys start with their endpoint id (architecture habit 1).
 */
export const sessionQueries = {
  patient: (session: SmartSession) =>
    queryOptions({
      queryKey: ['smart', session.iss, 'Patient', session.patientId] as const,
      queryFn: async () => {
        const patient = await session.readPatient();
        const problem = launchPatientProblem(patient, session.patientId);
        if (problem) throw new WrongLaunchPatient(problem);
        return patient;
      },
    }),
  user: (session: SmartSession) =>
    queryOptions({
      queryKey: ['smart', session.iss, 'user', session.fhirUser ?? null] as const,
      queryFn: () => session.readUser(),
    }),
};
