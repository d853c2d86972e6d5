// Entry of the manager window: the site overview.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../shared/i18n';
import '../shared/base.css';
import './manager.css';
import { ManagerApp } from './ManagerApp';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ManagerApp />
  </StrictMode>,
);
