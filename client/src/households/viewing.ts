import { createContext, useContext } from 'react';
import type { ReceivedShare } from '../api/types';
import { useCurrentUser } from '../auth/queries';

/**
 * Whose money a page shows. One's own by default; under /shared/:ownerId, the owner's (the
 * shared pages' layout provides it once the share is known). The pages ask the owner's
 * routes with `userId`, and the server narrows each answer to what is shared.
 */
export interface Viewing {
  userId: number;
  /** The share shown, or null for one's own money. */
  share: ReceivedShare | null;
  /** May change what is shown: one's own money, or a share with the role "edit". */
  canEdit: boolean;
  /** What the pages' addresses start with: '' for one's own, else '/shared/<ownerId>'. */
  base: string;
}

export const ViewingContext = createContext<Viewing | null>(null);

export function useViewing(): Viewing {
  const shared = useContext(ViewingContext);
  const me = useCurrentUser();
  return shared ?? { userId: me.id, share: null, canEdit: true, base: '' };
}

export function sharedViewing(share: ReceivedShare): Viewing {
  return { userId: share.owner.id, share, canEdit: share.role === 'edit', base: sharedBase(share.owner.id) };
}

const SHARED = /^\/shared\/(\d+)(?=\/|$)/;

export function sharedBase(ownerId: number): string {
  return `/shared/${ownerId}`;
}

/** The owner whose money the address shows, if it is a shared page's. */
export function sharedOwnerOf(pathname: string): number | null {
  const match = SHARED.exec(pathname);
  return match ? Number(match[1]) : null;
}

/** The address of the same page of one's own money ('/shared/5/trends' → '/trends'). */
export function ownPath(pathname: string): string {
  return pathname.replace(SHARED, '') || '/';
}

/** The pages a shared view has, home first: its budget only when the budget is shared. */
export function sharedPages(share: Pick<ReceivedShare, 'budget'>): string[] {
  return ['/', ...(share.budget ? ['/budget'] : []), '/transactions', '/accounts', '/trends'];
}

/** The address of a page of someone's shared money: '/shared/5' for its home. */
export function sharedHref(ownerId: number, page: string): string {
  return page === '/' ? sharedBase(ownerId) : `${sharedBase(ownerId)}${page}`;
}

/** "alice’s money". */
export function moneyOf(name: string): string {
  return `${name}’s money`;
}
