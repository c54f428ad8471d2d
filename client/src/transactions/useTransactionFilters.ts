import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { MULTI, PAGE_SIZE, SINGLE, filtersFrom, pageFrom, sizeFrom } from './listPage';

export type FilterPatch = Partial<Record<(typeof SINGLE)[number], string | undefined>> &
  Partial<Record<(typeof MULTI)[number], string[] | undefined>>;

/** The list's filters and page live in the URL, so a view can be reloaded or shared. */
export function useTransactionFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFrom(params), [params]);
  const page = pageFrom(params);
  const size = sizeFrom(params);

  /** Change some filters and go back to the first page. */
  const update = useCallback(
    (patch: FilterPatch) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(patch)) {
            next.delete(key);
            if (Array.isArray(value)) value.forEach((v) => next.append(key, v));
            else if (value) next.set(key, value);
          }
          next.delete('page');
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  const setPage = useCallback(
    (p: number, options?: { replace?: boolean }) =>
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        if (p > 0) next.set('page', String(p));
        else next.delete('page');
        return next;
      }, options),
    [setParams],
  );

  /** Rows per page; back to the first page, where the same rows start. */
  const setSize = useCallback(
    (s: number) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (s === PAGE_SIZE) next.delete('size');
          else next.set('size', String(s));
          next.delete('page');
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  const clear = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);

  return { filters, page, size, update, setPage, setSize, clear };
}
