import '@gouvfr/dsfr/dist/dsfr.main.min.css';
import '@gouvfr/dsfr/dist/utility/icons/icons-system/icons-system.main.min.css';
import '@gouvfr/dsfr/dist/utility/icons/icons-map/icons-map.main.min.css';
import '@gouvfr/dsfr/dist/utility/icons/icons-business/icons-business.main.min.css';
import '@gouvfr/dsfr/dist/utility/icons/icons-device/icons-device.main.min.css';
import '@gouvfr/dsfr/dist/utility/icons/icons-development/icons-development.main.min.css';
import '@gouvfr/dsfr/dist/utility/icons/icons-arrows/icons-arrows.main.min.css';
import './styles/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
