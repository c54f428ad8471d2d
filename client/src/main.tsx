import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App } from './App';
import { ToastProvider } from './components/toasts';
import { createQueryClient, forgetSessionWhenLost } from './queryClient';
import { registerServiceWorker } from './lib/serviceWorker';
import { startLoading } from './start';
import './styles.css';

registerServiceWorker();

const queryClient = createQueryClient();
forgetSessionWhenLost(queryClient);

// The first render waits for the opening page's script (its requests already under way), so
// that it shows the page itself, not "Loading…" (pages/lazyPages.ts).
void startLoading(queryClient, window.location).finally(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <ToastProvider>
            <App />
          </ToastProvider>
        </BrowserRouter>
      </QueryClientProvider>
    </StrictMode>,
  ),
);
