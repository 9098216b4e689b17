import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { createAuthQueryClient } from '@ropc-kit/react';
import { App } from './App.tsx';
import { createClientStore } from './clientStore.ts';
import { loadConfig } from './config.ts';
import './styles.css';

const config = loadConfig();
// Created once, outside render: StrictMode's double render must not create a second client.
const clientStore = createClientStore(config);
// The kit's defaults: an AuthError that ends the session is not retried.
const queryClient = createAuthQueryClient();

const container = document.getElementById('root');
if (container === null) throw new Error('index.html must contain <div id="root">');

createRoot(container).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App config={config} clientStore={clientStore} />
    </QueryClientProvider>
  </StrictMode>,
);
