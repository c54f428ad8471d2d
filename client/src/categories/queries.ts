import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { CategoryGroup, CategoryTree } from '../api/types';
import { setCategoryNames } from '../lib/categories';
import { useCategories } from '../transactions/queries';

export const categoryKeys = {
  all: ['category-groups'] as const,
  groups: (userId: number) => [...categoryKeys.all, userId] as const,
};

/** The person's groups and categories: Plaid's, their own and any in use, with the names
 * and colours they gave them. Each answer becomes the names every page shows. */
export function useCategoryGroups(userId: number) {
  return useQuery({
    queryKey: categoryKeys.groups(userId),
    queryFn: async (): Promise<CategoryGroup[]> => {
      const groups = await api<CategoryGroup[]>(`/users/${userId}/category-groups`);
      setCategoryNames(groups);
      return groups;
    },
    staleTime: 60_000,
  });
}

/** What a picker offers: the person's categories not hidden, and any other in use. */
export function pickerCategories(
  groups: CategoryGroup[] | undefined,
  inUse: CategoryTree[] | undefined,
): CategoryTree[] {
  const offered = new Map<string, Set<string>>();
  for (const group of groups ?? []) {
    if (group.hidden) continue;
    offered.set(group.code, new Set(group.categories.filter((c) => !c.hidden).map((c) => c.code)));
  }
  for (const used of inUse ?? []) {
    const codes = offered.get(used.category) ?? new Set<string>();
    used.subcategories.forEach((code) => codes.add(code));
    offered.set(used.category, codes);
  }
  return [...offered].map(([category, codes]) => ({ category, subcategories: [...codes] }));
}

export function usePickerCategories(userId: number): { data: CategoryTree[] | undefined } {
  const groups = useCategoryGroups(userId);
  const inUse = useCategories(userId);
  if (!groups.data && !inUse.data) return { data: undefined };
  return { data: pickerCategories(groups.data, inUse.data) };
}
