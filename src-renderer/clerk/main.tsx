// Entry of the clerk window: one registration desk.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../shared/i18n';
import '../shared/base.css';
import './clerk.css';
import { ClerkApp } from './ClerkApp';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ClerkApp />
  </StrictMode>,
);
