import { Navigate, Route, Routes } from 'react-router-dom';
import { ServerStatus } from './components/ServerStatus';
import { AdminPage } from './pages/AdminPage';
import { BudgetPage } from './pages/BudgetPage';
import { CashFlowPage } from './pages/CashFlowPage';
import { HomePage } from './pages/HomePage';
import { LandingPage } from './pages/LandingPage';
import { Layout } from './pages/Layout';
import { OAuthLinkPage } from './pages/OAuthLinkPage';
import { RecurringPage } from './pages/RecurringPage';
import { SettingsPage } from './pages/SettingsPage';
import { TransactionsPage } from './pages/TransactionsPage';
import { TrendsPage } from './pages/TrendsPage';

export function App() {
  return (
    <>
      <ServerStatus />
      <Routes>
        <Route path="/login" element={<LandingPage />} />
        <Route element={<Layout />}>
          <Route index element={<HomePage />} />
          <Route path="budget" element={<BudgetPage />} />
          <Route path="transactions" element={<TransactionsPage />} />
          <Route path="trends" element={<TrendsPage />} />
          <Route path="cash-flow" element={<CashFlowPage />} />
          <Route path="recurring" element={<RecurringPage />} />
          <Route path="settings" element={<SettingsPage />} />
          <Route path="admin" element={<AdminPage />} />
          <Route path="oauth-link" element={<OAuthLinkPage />} />
        </Route>
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </>
  );
}
