import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createRitmoClient } from '@ritmo/client';
import { App } from './app';
import './index.css';

// Same origin: the browser sends the session cookie with every call.
const client = createRitmoClient();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App client={client} />
    </StrictMode>,
  );
}
