// @vitest-environment jsdom
// How tool calls are described and rendered as chips.
import { describe, expect, it } from 'vitest';
import { changesTasks, describeToolCall } from '../src/toolcalls';
import { messageBubble, renderConversation, toolCallChip } from '../src/views/chat';

const added = { name: 'add_task', arguments: { title: 'buy milk' }, result: { id: 1, title: 'buy milk', completed: false } };
const failed = { name: 'complete_task', arguments: { task_id: 9 }, result: { error: 'task 9 not found' } };

describe('describeToolCall', () => {
  it('labels a call with its tool and its main argument', () => {
    expect(describeToolCall(added)).toMatchObject({ label: 'add_task · buy milk', failed: false });
    expect(describeToolCall(failed)).toMatchObject({ label: 'complete_task · #9', failed: true, error: 'task 9 not found' });
    expect(describeToolCall({ name: 'list_tasks', arguments: {}, result: [] }).label).toBe('list_tasks');
  });

  it('keeps the arguments and the result, pretty-printed, for the details', () => {
    expect(JSON.parse(describeToolCall(added).detail)).toEqual({ arguments: added.arguments, result: added.result });
  });

  it('knows which calls change the task list', () => {
    expect(changesTasks([added])).toBe(true);
    expect(changesTasks([failed])).toBe(false);
    expect(changesTasks([{ name: 'list_tasks', arguments: {}, result: [] }])).toBe(false);
  });
});

describe('toolCallChip', () => {
  it('is a closed <details> that expands to the result', () => {
    const chip = toolCallChip(added) as HTMLDetailsElement;
    expect(chip.tagName).toBe('DETAILS');
    expect(chip.open).toBe(false);
    expect(chip.querySelector('summary')!.textContent).toContain('add_task · buy milk');
    expect(chip.querySelector('pre')!.textContent).toContain('"completed": false');
    expect(chip.classList.contains('chip-failed')).toBe(false);
  });

  it('shows a failed call as failed, with its error text', () => {
    const chip = toolCallChip(failed);
    expect(chip.classList.contains('chip-failed')).toBe(true);
    expect(chip.querySelector('summary')!.textContent).toContain('(failed)');
    expect(chip.querySelector('.chip-error')!.textContent).toBe('task 9 not found');
  });

  it('puts titles in as text, never as HTML', () => {
    const chip = toolCallChip({ name: 'add_task', arguments: { title: '<img src=x onerror=alert(1)>' }, result: {} });
    expect(chip.querySelector('img')).toBeNull();
    expect(chip.textContent).toContain('<img src=x');
  });
});

describe('the conversation', () => {
  it('renders each message with its chips, and a pending turn', () => {
    const list = document.createElement('ol');
    renderConversation(list, [
      { role: 'user', content: 'add a task to buy milk', toolCalls: [] },
      { role: 'assistant', content: 'Added task 1', toolCalls: [added] },
    ], 'what is pending?');
    const items = [...list.children];
    expect(items.map((li) => li.className)).toEqual([
      'message message-user', 'message message-assistant', 'message message-user', 'message message-assistant message-pending']);
    expect(items[1].querySelectorAll('details.chip')).toHaveLength(1);
    expect(items[2].textContent).toContain('what is pending?');
  });

  it('says what to try when empty', () => {
    const list = document.createElement('ol');
    renderConversation(list, [], null);
    expect(list.textContent).toContain('add a task to buy milk');
  });

  it('keeps line breaks of a message', () => {
    expect(messageBubble({ role: 'user', content: 'one\ntwo', toolCalls: [] }).querySelector('p')!.textContent).toBe('one\ntwo');
  });
});
