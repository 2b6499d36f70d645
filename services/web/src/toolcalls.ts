// What a tool call chip says: a short label, whether it failed, and its result for the details.

import type { ToolCall } from './api';

export interface ToolCallView {
  label: string;
  failed: boolean;
  error?: string;
  detail: string;
}

/** The tools whose calls change the task list, so the list must be reloaded after them. */
const MUTATING_TOOLS = new Set(['add_task', 'complete_task', 'delete_task', 'update_task']);

export function changesTasks(calls: readonly ToolCall[]): boolean {
  return calls.some((call) => MUTATING_TOOLS.has(call.name) && !describeToolCall(call).failed);
}

function argumentHint(args: Record<string, unknown>): string {
  for (const key of ['title', 'task_id', 'id', 'status', 'search']) {
    const value = args?.[key];
    if (typeof value === 'string' && value) return value.length > 40 ? `${value.slice(0, 39)}…` : value;
    if (typeof value === 'number') return `#${value}`;
  }
  return '';
}

export function describeToolCall(call: ToolCall): ToolCallView {
  const result = call.result as { error?: unknown } | null | undefined;
  const error =
    result && typeof result === 'object' && !Array.isArray(result) && result.error !== undefined
      ? String(result.error)
      : undefined;
  const hint = argumentHint(call.arguments ?? {});
  return {
    label: hint ? `${call.name} · ${hint}` : call.name,
    failed: error !== undefined,
    error,
    detail: JSON.stringify({ arguments: call.arguments ?? {}, result: call.result ?? null }, null, 2),
  };
}
