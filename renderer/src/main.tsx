import '@mantine/core/styles.css';
import '@mantine/spotlight/styles.css';
import './app/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { browserServiceWorkerHost, registerServiceWorker, wantsServiceWorker } from './platform/service-worker';
import { InsecurePage } from './session/InsecurePage';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// A web page from a plain http:// network address lacks the browser cryptography the app needs (InsecurePage).
createRoot(root).render(
  <StrictMode>{window.isSecureContext ? <App /> : <InsecurePage origin={location.origin} />}</StrictMode>,
);

// The web build caches its app shell for offline starts (platform/service-worker.ts); once the page has loaded, so
// the worker's first download does not compete with the page's own.
const worker = wantsServiceWorker();
if (worker) {
  const register = () => void registerServiceWorker(browserServiceWorkerHost(worker));
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
