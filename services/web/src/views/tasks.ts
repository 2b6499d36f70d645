// The task list: filter tabs, and per task a completion checkbox and a delete button.

import type { Task, TaskFilter } from '../api';
import { h } from '../dom';

export interface TaskActions {
  toggle(id: number): void;
  remove(id: number): void;
}

export function taskItem(task: Task, actions: TaskActions): HTMLElement {
  const checkboxId = `task-${task.id}-done`;
  const meta = [task.priority !== 'medium' ? `${task.priority} priority` : '', task.due_date ? `due ${task.due_date}` : '']
    .filter(Boolean)
    .join(' · ');
  return h(
    'li',
    { class: task.completed ? 'task task-done' : 'task', 'data-task-id': task.id },
    h('input', {
      type: 'checkbox',
      id: checkboxId,
      checked: task.completed,
      onchange: () => actions.toggle(task.id),
    }),
    h(
      'label',
      { for: checkboxId },
      h('span', { class: 'task-id' }, `#${task.id}`),
      ' ',
      h('span', { class: 'task-title' }, task.title),
      meta ? h('span', { class: 'task-meta' }, meta) : null,
    ),
    h(
      'button',
      { type: 'button', class: 'icon-button', 'aria-label': `Delete task ${task.id}: ${task.title}`, onclick: () => actions.remove(task.id) },
      '✕',
    ),
  );
}

export function renderTasks(list: HTMLElement, tasks: readonly Task[], filter: TaskFilter, actions: TaskActions): void {
  if (!tasks.length) {
    const empty = filter === 'all' ? 'No tasks yet.' : `No ${filter} tasks.`;
    list.replaceChildren(h('li', { class: 'empty' }, empty));
    return;
  }
  list.replaceChildren(...tasks.map((task) => taskItem(task, actions)));
}
