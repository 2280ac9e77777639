/**
 * Is the Patient the launching server returned the one the launch named? The launch
 * context's `patient` is the identity every other organisation is searched and matched
 * against (hazard log H1); a read answered with another resource (a proxy, a cache, a
 * server bug) must never become that identity. Pure.
 */
export function launchPatientProblem(resource: unknown, launchPatientId: string): string | undefined {
  const r = resource as { resourceType?: unknown; id?: unknown } | null;
  if (r?.resourceType !== 'Patient') return 'The clinical system did not answer with a patient record';
  if (r.id !== launchPatientId) return 'The clinical system answered with a different patient record from the one this page was opened for';
  return undefined;
}

/** The read of the launching Patient came back with another patient, or something else. */
export class WrongLaunchPatient extends Error {
  override readonly name = 'WrongLaunchPatient';
}
