import { createContext, useContext } from 'react';
import type { RoleCategory } from '../domain/role';

/**
 * The signed-in user's role category, for parts of the page that arrange themselves by
 * who is looking (the summary's section order). A context rather than props because the
 * role is read once at the top (App) and used several levels down, through components
 * that have no other reason to know about users. 'unknown' until the role is known.
 */
export const UserRoleContext = createContext<RoleCategory>('unknown');

export function useUserRole(): RoleCategory {
  return useContext(UserRoleContext);
}
