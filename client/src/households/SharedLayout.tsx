import { useEffect, useRef } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate, useParams } from 'react-router-dom';
import type { ReceivedShare } from '../api/types';
import { useCurrentUser } from '../auth/queries';
import { Loading } from '../components/Card';
import { ErrorText } from '../components/ErrorText';
import { useToast } from '../components/toasts';
import { useSharedWithMe } from './queries';
import { moneyOf, ownPath, sharedPages, sharedViewing, ViewingContext } from './viewing';

/** The pages of someone's money shared with this person, under /shared/:ownerId: each asks
 * the owner's routes. A share that ended (or never was) sends back to one's own money. */
export function SharedLayout() {
  const me = useCurrentUser();
  const ownerId = Number(useParams().ownerId);
  const { pathname } = useLocation();
  const received = useSharedWithMe(me.id);
  const share = received.data?.find((s) => s.owner.id === ownerId);

  if (received.isPending) return <Loading />;
  if (received.error) return <ErrorText error={received.error} />;
  if (!share) return <BackToOwn to={ownPath(pathname)} />;
  const viewing = sharedViewing(share);
  const pages = sharedPages(share);
  // An address the share does not cover (a budget no longer shared, another page): its home.
  if (!pages.includes(ownPath(pathname))) return <Navigate to={viewing.base} replace />;
  return (
    <ViewingContext.Provider value={viewing}>
      <SharedBanner share={share} back={ownPath(pathname)} />
      <Outlet />
    </ViewingContext.Provider>
  );
}

function SharedBanner({ share, back }: { share: ReceivedShare; back: string }) {
  const count = share.account_ids.length;
  return (
    <p className="shared-banner" data-testid="shared-banner">
      <span>
        <strong>{moneyOf(share.owner.username)}</strong>: {count} account{count === 1 ? '' : 's'}
        {share.budget && ' and the budget'} shared with you,{' '}
        <span data-testid="shared-role">{share.role === 'edit' ? 'you can edit' : 'view only'}</span>.
      </span>
      <Link to={back} data-testid="shared-back">
        Back to my money
      </Link>
    </p>
  );
}

/** The share is gone: said once, and the same page of one's own money instead. */
function BackToOwn({ to }: { to: string }) {
  const navigate = useNavigate();
  const toast = useToast();
  const said = useRef(false);
  useEffect(() => {
    if (!said.current) toast('That money is not shared with you any more: back to your own.', 'info');
    said.current = true;
    void navigate(to, { replace: true });
  }, [navigate, to, toast]);
  return null;
}
