// Entry of the pre-registration window: details in, a sticker out.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../shared/i18n';
import '../shared/base.css';
import './guide.css';
import { GuideApp } from './GuideApp';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <GuideApp />
  </StrictMode>,
);
