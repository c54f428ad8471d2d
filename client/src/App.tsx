import { Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { Loading } from './components/Card';
import { ServerStatus } from './components/ServerStatus';
import { LandingPage } from './pages/LandingPage';
import { Layout } from './pages/Layout';
import { pages, type LazyPage } from './pages/lazyPages';

/** A page loaded on first use: "Loading…" in its place meanwhile, the navigation kept. */
function show({ Component }: LazyPage) {
  return (
    <Suspense fallback={<Loading />}>
      <Component />
    </Suspense>
  );
}

export function App() {
  return (
    <>
      <ServerStatus />
      <Routes>
        <Route path="/login" element={<LandingPage />} />
        <Route element={<Layout />}>
          <Route index element={show(pages.home)} />
          <Route path="budget" element={show(pages.budget)} />
          <Route path="transactions" element={show(pages.transactions)} />
          <Route path="accounts" element={show(pages.accounts)} />
          <Route path="trends" element={show(pages.trends)} />
          <Route path="cash-flow" element={show(pages.cashFlow)} />
          <Route path="recurring" element={show(pages.recurring)} />
          <Route path="categories" element={show(pages.categories)} />
          <Route path="settings" element={show(pages.settings)} />
          <Route path="admin" element={show(pages.admin)} />
          <Route path="oauth-link" element={show(pages.oauthLink)} />
          <Route path="household/join" element={show(pages.householdJoin)} />
          <Route path="shared/:ownerId" element={show(pages.shared)}>
            <Route index element={show(pages.home)} />
            <Route path="budget" element={show(pages.budget)} />
            <Route path="transactions" element={show(pages.transactions)} />
            <Route path="accounts" element={show(pages.accounts)} />
            <Route path="trends" element={show(pages.trends)} />
            {/* Any other page: the shared view's first (households/SharedLayout). */}
            <Route path="*" element={null} />
          </Route>
        </Route>
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </>
  );
}
