import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext } from 'react';
import { api, unwrap } from '../api/client';
import { ApiError } from '../api/errors';
import type { User as CurrentUser } from '../api/types';

const Auth = createContext<{ user: CurrentUser | null; loading: boolean; refresh: () => Promise<void>; logout: () => Promise<void> }>({
  user: null,
  loading: true,
  refresh: async () => {},
  logout: async () => {},
});

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const me = useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        return (await unwrap(api.GET('/api/v1/auth/me'))) as CurrentUser;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
  });
  const value = {
    user: me.data ?? null,
    loading: me.isLoading,
    refresh: async () => {
      await qc.invalidateQueries({ queryKey: ['me'] });
    },
    logout: async () => {
      await api.POST('/api/v1/auth/logout');
      qc.clear();
      qc.setQueryData(['me'], null);
    },
  };
  return <Auth.Provider value={value}>{children}</Auth.Provider>;
}

export const useAuth = () => useContext(Auth);
