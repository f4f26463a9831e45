import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '@/app/app';
import { startApp } from '@/app/bootstrap';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// No top-level await: it would turn off the bundler's merging of shared chunks.
void startApp().then((start) =>
  createRoot(root).render(
    <StrictMode>
      <App start={start} />
    </StrictMode>,
  ),
);
