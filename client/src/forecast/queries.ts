import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Forecast, ForecastSettings } from '../api/types';
import { recurringKeys } from '../recurring/queries';

// Under the recurring keys: a sync or a change to a stream changes the forecast too.
export const forecastKeys = {
  of: (userId: number) => [...recurringKeys.all, 'forecast', userId] as const,
};

export function useForecast(userId: number) {
  return useQuery({
    queryKey: forecastKeys.of(userId),
    queryFn: () => api<Forecast>(`/users/${userId}/forecast`),
  });
}

export function useForecastSettings(userId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ForecastSettings) =>
      api<Forecast>(`/users/${userId}/forecast/settings`, { method: 'PUT', body }),
    onSuccess: (forecast) => queryClient.setQueryData(forecastKeys.of(userId), forecast),
  });
}
