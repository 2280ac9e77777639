/** The signed-in user's resource, as a URL under the launching server. */
export interface UserReference {
  resourceType: 'Practitioner' | 'PractitionerRole';
  id: string;
  url: string;
}

const ID = /^[A-Za-z0-9\-.]{1,64}$/; // FHIR R4 id datatype

/**
 * Resolves the id_token's `fhirUser` claim (SMART App Launch 2.2 "Scopes for requesting
 * identity data": a Practitioner, PractitionerRole, RelatedPerson, Patient or Person, as
 * an absolute or relative URL) to a URL under `iss`.
 *
 * fhirclient's `request` adds the bearer token to any absolute URL it is given, so a claim
 * pointing anywhere but the launching server is ignored: the token goes only to the server
 * that issued it for (docs/standards.md, "Browser security"). Types other than Practitioner and
 * PractitionerRole are not read by this viewer (its users are professionals).
 */
export function resolveFhirUser(fhirUser: string | undefined, iss: string): UserReference | undefined {
  if (!fhirUser) return undefined;
  const base = iss.replace(/\/+$/, '');
  let relative: string;
  if (/^https?:\/\//i.test(fhirUser)) {
    if (!fhirUser.startsWith(`${base}/`)) return undefined;
    relative = fhirUser.slice(base.length + 1);
  } else {
    relative = fhirUser.replace(/^\/+/, '');
  }
  const [type, id, ...rest] = relative.split('/');
  if (rest.length > 0 || !id || !ID.test(id)) return undefined;
  if (type !== 'Practitioner' && type !== 'PractitionerRole') return undefined;
  return { resourceType: type, id, url: `${base}/${type}/${id}` };
}
