/** Transactions without a category (or subcategory) are summed together, under this name. */
export function categoryName(category: string | null): string {
  return category ?? 'Uncategorized';
}
