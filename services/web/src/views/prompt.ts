// The sign-in prompt: a user name in demo mode, a bearer token when the server wants one.

import { h } from '../dom';

export interface PromptView {
  root: HTMLElement;
  render(authRequired: boolean | null, error: string | null): void;
}

export function createPrompt(onSubmit: (value: string) => void): PromptView {
  const nameInput = h('input', {
    id: 'prompt-name',
    name: 'user',
    type: 'text',
    autocomplete: 'username',
    autocapitalize: 'none',
    spellcheck: 'false',
    maxlength: 64,
  }) as HTMLInputElement;
  const tokenInput = h('textarea', {
    id: 'prompt-token',
    name: 'token',
    rows: 3,
    spellcheck: 'false',
    autocomplete: 'off',
  }) as HTMLTextAreaElement;
  const nameField = h('div', { class: 'field' }, h('label', { for: 'prompt-name' }, 'Your name'), nameInput,
    h('p', { class: 'hint' }, 'Demo mode: your tasks are kept under this name.'));
  const tokenField = h('div', { class: 'field' }, h('label', { for: 'prompt-token' }, 'Bearer token'), tokenInput,
    h('p', { class: 'hint' }, 'The JWT your sign-in issued. It is kept for this tab only.'));
  const error = h('p', { class: 'error', role: 'alert', id: 'prompt-error' });
  const status = h('p', { class: 'hint' }, 'Asking the server how to sign in…');
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Start');
  let tokenMode = false;
  const form = h('form', {
    class: 'prompt-card',
    onsubmit: (event: Event) => {
      event.preventDefault();
      onSubmit(tokenMode ? tokenInput.value : nameInput.value);
    },
  },
  h('h1', {}, 'Todo chatbot'),
  h('p', {}, 'Talk to your todo list in plain English.'),
  status, nameField, tokenField, error, submit);
  const root = h('section', { class: 'prompt', 'aria-label': 'Sign in' }, form);

  return {
    root,
    render(authRequired, message) {
      tokenMode = authRequired === true;
      status.hidden = authRequired !== null;
      nameField.hidden = authRequired !== false;
      tokenField.hidden = authRequired !== true;
      submit.toggleAttribute('disabled', authRequired === null);
      error.textContent = message ?? '';
      error.hidden = !message;
      if (tokenMode) tokenInput.setAttribute('aria-describedby', 'prompt-error');
      else nameInput.setAttribute('aria-describedby', 'prompt-error');
    },
  };
}
