import '../ui/styles/tokens.css';
import '../ui/styles/base.css';
import '../ui/styles/controls.css';
import '../ui/styles/blocks.css';
import './frame.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { bindConnection } from '../stores/connection';
import { bindLanguage } from '../stores/language';
import { bindSession, restoreSession } from '../stores/session';
import { App } from './App';
import { initI18n } from './i18n';

initI18n();
bindLanguage();
bindConnection();
bindSession();
void restoreSession();

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
