import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { UserLine } from '../components/user-line';
import { signedInAs } from '../domain/user-display';
import type { SmartSession } from '../smart';
import { sessionQueries } from './session.queries';

/** Who is signed in, from the id_token's fhirUser and their PractitionerRole. */
export function UserHeader({ session }: { session: SmartSession }) {
  const query = useQuery(sessionQueries.user(session));
  const text = useMemo(() => (query.data ? signedInAs(query.data.practitioner, query.data.role) : undefined), [query.data]);
  if (query.isPending) return <UserLine problem="Checking who is signed in…" />;
  if (query.isError) return <UserLine problem="The signed-in user could not be shown." />;
  return <UserLine signedInAs={text} problem="Signed-in user not known." />;
}
