import { Suspense, lazy, useEffect, useState, type MouseEvent } from 'react';
import { NavLink, Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useLogout } from '../auth/mutations';
import { useMe } from '../auth/queries';
import { Loading } from '../components/Card';
import { ErrorText } from '../components/ErrorText';
import { NoticeBell } from '../notices/NoticeBell';
import { useRealtime } from '../realtime/useRealtime';
import type { User } from '../api/types';
import { usePreferences } from '../users/preferences';
import { useCategoryGroups } from '../categories/queries';
import { useTwoFactor } from '../two-factor/queries';
import { useSharedWithMe } from '../households/queries';
import { MoneySwitcher } from '../households/MoneySwitcher';
import { ownPath, sharedBase, sharedOwnerOf, sharedPages } from '../households/viewing';
import { setCategoryNames } from '../lib/categories';
import { BottomNav } from './BottomNav';
import { navItems, sharedNavItems, type NavItem } from './navLinks';

// Only for someone the server sends to set up a second factor: its own script.
const TwoFactorCard = lazy(() => import('../two-factor/TwoFactorCard').then((m) => ({ default: m.TwoFactorCard })));

/** Pages for a logged-in user: the nav, the socket, and the page. */
export function Layout() {
  const me = useMe();
  const location = useLocation();

  if (me.error)
    return (
      <main className="page">
        <ErrorText error={me.error} />
      </main>
    );
  // The person remembered on this browser while the server is asked: the page starts its
  // requests now; the answer confirms them, or sends a stranger to log in.
  if (me.data) return <AuthenticatedLayout user={me.data} />;
  if (me.isPending)
    return (
      <main className="page">
        <Loading />
      </main>
    );
  return <Navigate to="/login" replace state={{ from: location.pathname + location.search + location.hash }} />;
}

// Pages that show their own visible h1; the others get the tab's name as a hidden one.
const OWN_HEADING = new Set(['/budget']);

/** "Skip to content": past the nav, to the page (a plain #main link would change the route's
 * hash). */
function skipToContent(event: MouseEvent<HTMLAnchorElement>) {
  event.preventDefault();
  document.getElementById('main')?.focus();
}

function AuthenticatedLayout({ user }: { user: User }) {
  const logout = useLogout();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const twoFactor = useTwoFactor();
  // The server refuses the socket until the second factor it requires is set up.
  useRealtime(user.id, twoFactor.data?.setup_required === true);
  // The person's theme, currency and time zone: this page re-renders with them once known.
  usePreferences(user.id);
  // Someone's money shared with this person, when the address says so (households).
  const owner = sharedOwnerOf(pathname);
  const received = useSharedWithMe(user.id);
  const share = received.data?.find((s) => s.owner.id === owner);
  // The names and colours the person shown gave their categories: every page shows them.
  const groups = useCategoryGroups(owner ?? user.id);
  useEffect(() => {
    if (groups.data) setCategoryNames(groups.data);
  }, [groups.data]);

  // Latched: once sent to the setup, the person stays there until they go on (the
  // recovery codes are shown after the setup is complete).
  const [settingUp, setSettingUp] = useState(false);
  if (twoFactor.data?.setup_required && !settingUp) setSettingUp(true);

  const items: NavItem[] =
    owner === null ? navItems(user.is_admin) : share ? sharedNavItems(sharedBase(owner), sharedPages(share)) : [];
  const title = items.find(({ to }) => to === pathname)?.label ?? 'Pattern';
  useEffect(() => {
    document.title = title === 'Pattern' ? title : `${title} · Pattern`;
  }, [title]);

  return (
    <>
      <a className="skip-link" href="#main" onClick={skipToContent} data-testid="skip-link">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Pattern</span>
        <nav className="nav" aria-label="Main">
          {items.map(({ to, label, key }) => (
            <NavLink key={to} to={to} end={key === 'home'} data-testid={`nav-${key}`}>
              {label}
            </NavLink>
          ))}
        </nav>
        {received.data && received.data.length > 0 && <MoneySwitcher shares={received.data} />}
        <div className="whoami">
          <NoticeBell userId={user.id} />
          <span className="username" data-testid="current-username">
            {user.username}
          </span>
          <button
            type="button"
            className="button-secondary"
            data-testid="logout"
            disabled={logout.isPending}
            onClick={() => logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) })}
          >
            Log out
          </button>
        </div>
      </header>
      <main className="page" id="main" tabIndex={-1}>
        {settingUp ? (
          <div className="stack-lg" data-testid="two-factor-required">
            <h1>Set up two-factor authentication</h1>
            <p>This server asks everyone to log in with a second factor. Set one up to go on.</p>
            <Suspense fallback={<p>Loading…</p>}>
              <TwoFactorCard />
            </Suspense>
            {twoFactor.data && !twoFactor.data.setup_required && (
              <div className="row">
                <button type="button" onClick={() => setSettingUp(false)} data-testid="two-factor-continue">
                  Continue to Pattern
                </button>
              </div>
            )}
          </div>
        ) : (
          <>
            {!OWN_HEADING.has(ownPath(pathname)) && <h1 className="visually-hidden">{title}</h1>}
            <Outlet />
          </>
        )}
      </main>
      <BottomNav items={items} />
    </>
  );
}
