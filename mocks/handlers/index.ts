/** All MSW handlers over the simulated world (Node: tests and scripts). */
export { fhirHandlers } from './fhir';
