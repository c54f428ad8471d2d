/**
 * The transactions picked for a bulk edit: some of the list's rows (a click, a shift-click
 * for the run since the last one, a whole page), or every transaction the list's filters
 * match.
 */
export interface Selection {
  ids: ReadonlySet<number>;
  /** Every match, on every page: the edit goes by the filters, not by ids. */
  allMatching: boolean;
  /** The row last clicked: a shift-click picks the run from it. */
  anchor: number | null;
}

export const NOTHING: Selection = { ids: new Set(), allMatching: false, anchor: null };

/** After a click on a row's box: `shift` picks (or drops) every row from the anchor. */
export function clicked(selection: Selection, id: number, shift: boolean, pageIds: readonly number[]): Selection {
  const on = !selection.ids.has(id);
  const ids = new Set(selection.ids);
  const from = selection.anchor === null ? -1 : pageIds.indexOf(selection.anchor);
  const to = pageIds.indexOf(id);
  const run = shift && from >= 0 && to >= 0 ? pageIds.slice(Math.min(from, to), Math.max(from, to) + 1) : [id];
  for (const each of run) {
    if (on) ids.add(each);
    else ids.delete(each);
  }
  return { ids, allMatching: false, anchor: id };
}

/** Every row of the page picked, or none. */
export function wholePage(selection: Selection, pageIds: readonly number[], on: boolean): Selection {
  const ids = new Set(selection.ids);
  for (const id of pageIds) {
    if (on) ids.add(id);
    else ids.delete(id);
  }
  return { ids, allMatching: false, anchor: null };
}

/** How many the edit will reach. */
export function count(selection: Selection, total: number): number {
  return selection.allMatching ? total : selection.ids.size;
}
