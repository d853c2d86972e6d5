// Entry of the desktop app's unlock window: the site passphrase in, the station's windows after.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../shared/i18n';
import '../shared/base.css';
import './unlock.css';
import { UnlockApp } from './UnlockApp';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <UnlockApp isNewSite={new URLSearchParams(location.search).get('site') === 'new'} />
  </StrictMode>,
);
