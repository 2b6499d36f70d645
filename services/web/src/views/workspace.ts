// The signed-in page: the chat on one side, the task list on the other (stacked when narrow).

import type { TaskFilter } from '../api';
import { h } from '../dom';
import type { AppState, AppStore } from '../store';
import { renderConversation } from './chat';
import { renderTasks } from './tasks';

const FILTERS: TaskFilter[] = ['all', 'pending', 'completed'];

export interface WorkspaceView {
  root: HTMLElement;
  render(state: AppState): void;
}

/** Enter sends, Shift+Enter (or an IME composition) adds a line. */
export function isSendKey(event: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'isComposing' | 'altKey' | 'ctrlKey' | 'metaKey'>): boolean {
  return event.key === 'Enter' && !event.shiftKey && !event.isComposing && !event.altKey && !event.ctrlKey && !event.metaKey;
}

export function createWorkspace(store: AppStore): WorkspaceView {
  const who = h('span', { class: 'who' });
  const header = h('header', { class: 'topbar' },
    h('h1', {}, 'Todo chatbot'),
    who,
    h('button', { type: 'button', id: 'new-conversation', onclick: () => { store.newConversation(); composer.focus(); } }, 'New conversation'),
    h('button', { type: 'button', id: 'sign-out', onclick: () => store.signOut() }, 'Sign out'));

  const conversation = h('ol', { class: 'conversation', 'aria-live': 'polite', 'aria-label': 'Conversation' });
  const chatError = h('p', { class: 'error', role: 'alert', id: 'chat-error' });
  const composer = h('textarea', {
    id: 'message', name: 'message', rows: 2, maxlength: 2000, 'aria-describedby': 'composer-hint chat-error',
    placeholder: 'Add a task to buy milk',
  }) as HTMLTextAreaElement;
  const send = h('button', { type: 'submit', class: 'primary' }, 'Send') as HTMLButtonElement;
  const submit = async () => {
    if (await store.send(composer.value)) composer.value = '';
    composer.focus();
  };
  composer.addEventListener('keydown', (event) => {
    if (isSendKey(event)) {
      event.preventDefault();
      void submit();
    }
  });
  const form = h('form', { class: 'composer', onsubmit: (event: Event) => { event.preventDefault(); void submit(); } },
    h('label', { for: 'message', class: 'visually-hidden' }, 'Message'),
    composer, send,
    h('p', { class: 'hint', id: 'composer-hint' }, 'Enter sends, Shift+Enter adds a line.'));
  const chat = h('section', { class: 'chat', 'aria-label': 'Chat' }, conversation, chatError, form);

  const filterButtons = FILTERS.map((filter) =>
    h('button', { type: 'button', 'data-filter': filter, onclick: () => void store.setFilter(filter) },
      filter[0].toUpperCase() + filter.slice(1)));
  const tasksError = h('p', { class: 'error', role: 'alert', id: 'tasks-error' });
  const taskList = h('ul', { class: 'task-list', 'aria-label': 'Tasks' });
  const tasks = h('section', { class: 'tasks', 'aria-labelledby': 'tasks-heading' },
    h('div', { class: 'tasks-head' },
      h('h2', { id: 'tasks-heading' }, 'Tasks'),
      h('div', { class: 'filters', role: 'group', 'aria-label': 'Show' }, ...filterButtons)),
    tasksError, taskList);

  const root = h('div', { class: 'workspace' }, header, h('main', { class: 'layout' }, chat, tasks));
  const actions = { toggle: (id: number) => void store.toggle(id), remove: (id: number) => void store.remove(id) };
  let shownEntries: AppState['entries'] | null = null;
  let shownPending: string | null = null;

  return {
    root,
    render(state) {
      who.textContent = state.session ? `Signed in as ${state.session.user}` : '';
      if (state.entries !== shownEntries || state.pending !== shownPending) {
        renderConversation(conversation, state.entries, state.pending);
        shownEntries = state.entries;
        shownPending = state.pending;
        conversation.lastElementChild?.scrollIntoView({ block: 'end' });
      }
      chatError.textContent = state.chatError ?? '';
      chatError.hidden = !state.chatError;
      send.disabled = state.pending !== null;
      for (const button of filterButtons) button.setAttribute('aria-pressed', String(button.dataset.filter === state.filter));
      tasksError.textContent = state.tasksError ?? '';
      tasksError.hidden = !state.tasksError;
      renderTasks(taskList, state.tasks, state.filter, actions);
    },
  };
}
