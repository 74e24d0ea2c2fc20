// Renderer entry: languages first, then the transport (chosen once, here), then the app.
import './app/zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { TransportContext } from './app/context';
import { chooseTransport } from './app/transport';
import { initI18n } from './i18n';
import './styles.css';

initI18n();
const transport = chooseTransport();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <TransportContext.Provider value={transport}>
      <App />
    </TransportContext.Provider>
  </StrictMode>,
);
