import '@mantine/core/styles.css';
import '@mantine/spotlight/styles.css';
import './app/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { InsecurePage } from './session/InsecurePage';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// A web page from a plain http:// network address lacks the browser cryptography the app needs (InsecurePage).
createRoot(root).render(
  <StrictMode>{window.isSecureContext ? <App /> : <InsecurePage origin={location.origin} />}</StrictMode>,
);
