// Wires the store to the two views and starts the app.

import './style.css';
import { SessionStore } from './session';
import { AppStore, type AppState } from './store';
import { createPrompt } from './views/prompt';
import { createWorkspace } from './views/workspace';

const app = document.getElementById('app')!;
const store = new AppStore(new SessionStore(localStorage, sessionStorage));
const prompt = createPrompt((value) => void store.signIn(value));
const workspace = createWorkspace(store);
let shown: 'prompt' | 'workspace' | null = null;
let promptMode: boolean | null = null;

function show(state: AppState): void {
  const view = state.session ? 'workspace' : 'prompt';
  if (view === 'workspace') workspace.render(state);
  else prompt.render(state.authRequired, state.promptError);
  if (view !== shown) app.replaceChildren(view === 'workspace' ? workspace.root : prompt.root);
  // Focus follows the view: the composer, or the prompt's one visible field.
  if (view !== shown || (view === 'prompt' && state.authRequired !== promptMode)) {
    const target = view === 'workspace' ? '#message' : state.authRequired ? '#prompt-token' : '#prompt-name';
    app.querySelector<HTMLElement>(target)?.focus();
  }
  shown = view;
  promptMode = state.authRequired;
}

store.subscribe(show);
show(store.state);
void store.start();
