// React access to the transport (chosen once in main.tsx) and to the logged-in user.
import { createContext, useContext } from 'react';
import type { User } from '../../shared/api/contract';
import type { AppTransport } from './transport';

export const TransportContext = createContext<AppTransport | null>(null);

export function useTransport(): AppTransport {
  const t = useContext(TransportContext);
  if (!t) throw new Error('useTransport outside <TransportContext.Provider>');
  return t;
}

export interface Session {
  user: User;
  /** Replace the user (after a password change). */
  setUser(user: User): void;
  logout(): Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a logged-in shell');
  return s;
}
