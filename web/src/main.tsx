import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { setSpan } from './route';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  // The years of the loaded library bound every date of the app: learn them before the first route is read.
  fetch('/api/span')
    .then((r) => (r.ok ? r.json() : {}))
    .then(setSpan, () => {})
    .finally(() =>
      createRoot(root).render(
        <StrictMode>
          <App />
        </StrictMode>,
      ),
    );
}
