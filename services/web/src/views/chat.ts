// The conversation: one bubble per message, each tool call a chip that expands to its result.

import type { ToolCall } from '../api';
import { h } from '../dom';
import { describeToolCall } from '../toolcalls';

export interface ChatEntry {
  role: 'user' | 'assistant';
  content: string;
  toolCalls: ToolCall[];
}

export function toolCallChip(call: ToolCall): HTMLElement {
  const view = describeToolCall(call);
  return h(
    'details',
    { class: view.failed ? 'chip chip-failed' : 'chip', 'data-tool': call.name },
    h(
      'summary',
      { title: view.failed ? `failed: ${view.error}` : 'show the result' },
      h('span', { class: 'chip-mark', 'aria-hidden': 'true' }, view.failed ? '✕' : '✓'),
      view.label,
      view.failed ? h('span', { class: 'visually-hidden' }, ' (failed)') : null,
    ),
    view.failed ? h('p', { class: 'chip-error' }, view.error ?? '') : null,
    h('pre', { class: 'chip-detail' }, view.detail),
  );
}

export function messageBubble(entry: ChatEntry): HTMLElement {
  const chips = entry.toolCalls.length
    ? h('div', { class: 'chips', 'aria-label': 'tool calls' }, ...entry.toolCalls.map(toolCallChip))
    : null;
  return h(
    'li',
    { class: `message message-${entry.role}` },
    h('span', { class: 'visually-hidden' }, entry.role === 'user' ? 'You: ' : 'Assistant: '),
    h('p', { class: 'message-text' }, entry.content),
    chips,
  );
}

export function renderConversation(list: HTMLElement, entries: readonly ChatEntry[], pending: string | null): void {
  list.replaceChildren(...entries.map(messageBubble));
  if (pending !== null) {
    list.append(messageBubble({ role: 'user', content: pending, toolCalls: [] }));
    list.append(h('li', { class: 'message message-assistant message-pending', 'aria-live': 'polite' }, 'Thinking…'));
  }
  if (!entries.length && pending === null) {
    list.append(
      h('li', { class: 'empty' }, 'Ask for something, like "add a task to buy milk" or "what\'s pending?"'),
    );
  }
}
