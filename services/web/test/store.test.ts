// The store's flows against a loopback server that keeps tasks as the backend does: sign-in,
// the task list following the chat, the conversation restored, and a 401 back to the prompt.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SessionStore, tokenSubject, validateUserName } from '../src/session';
import { AppStore } from '../src/store';

class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  get length() { return this.items.size; }
  clear() { this.items.clear(); }
  getItem(key: string) { return this.items.get(key) ?? null; }
  key(index: number) { return [...this.items.keys()][index] ?? null; }
  removeItem(key: string) { this.items.delete(key); }
  setItem(key: string, value: string) { this.items.set(key, value); }
}

const jwt = (claims: object) => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;
const goodToken = jwt({ sub: 'carol' });

let server: Server;
let base = '';
let requireToken = false;
let tasks: { id: number; title: string; completed: boolean }[] = [];
let messages: { role: string; content: string; tool_calls: unknown[] }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const send = (status: number, body?: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(body === undefined ? '' : JSON.stringify(body));
      };
      if (requireToken && req.headers.authorization !== `Bearer ${goodToken}`)
        return send(401, { error: { code: 'unauthorized', message: 'invalid token signature' } });
      const url = req.url!;
      if (req.method === 'POST' && url.endsWith('/chat')) {
        const { message } = JSON.parse(raw);
        const title = String(message).replace(/^add a task to /, '');
        const task = { id: tasks.length + 1, title, completed: false };
        tasks.push(task);
        const calls = [{ name: 'add_task', arguments: { title }, result: task }];
        messages.push({ role: 'user', content: message, tool_calls: [] }, { role: 'assistant', content: `Added task ${task.id}`, tool_calls: calls });
        return send(200, { conversation_id: 5, response: `Added task ${task.id}`, tool_calls: calls });
      }
      if (url.includes('/conversations/5/messages')) return send(200, { conversation_id: 5, messages });
      if (url.includes('/conversations/')) return send(404, { error: { code: 'conversation_not_found', message: 'conversation not found' } });
      const complete = url.match(/tasks\/(\d+)\/complete$/);
      if (req.method === 'PATCH' && complete) {
        const task = tasks.find((t) => t.id === Number(complete[1]));
        if (!task) return send(404, { error: { code: 'task_not_found', message: `task ${complete[1]} not found` } });
        task.completed = !task.completed;
        return send(200, task);
      }
      if (req.method === 'GET' && url.includes('/tasks')) {
        const status = new URL(url, 'http://x').searchParams.get('status');
        return send(200, tasks.filter((t) => status === 'all' || !status || t.completed === (status === 'completed')));
      }
      send(404, { error: { code: 'not_found', message: 'no such route' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => { requireToken = false; tasks = []; messages = []; });

describe('session helpers', () => {
  it('validates user names and reads the JWT subject', () => {
    expect(validateUserName('  alice ')).toBeNull();
    expect(validateUserName('')).toMatch(/Enter a user name/);
    expect(validateUserName('a/b')).toMatch(/letters/);
    expect(tokenSubject(goodToken)).toBe('carol');
    expect(tokenSubject('not-a-token')).toBeNull();
    expect(tokenSubject(jwt({ name: 'no sub' }))).toBeNull();
  });
});

describe('AppStore', () => {
  it('signs in by name, reloads the tasks after a chat that adds one, and restores the conversation', async () => {
    const local = new MemoryStorage();
    const store = new AppStore(new SessionStore(local, new MemoryStorage()), base);
    await store.start();
    expect(store.state.authRequired).toBe(false);
    await store.signIn('alice');
    expect(await store.send('add a task to buy milk')).toBe(true);
    expect(store.state.tasks.map((t) => t.title)).toEqual(['buy milk']);
    expect(store.state.entries.at(-1)!.toolCalls[0].name).toBe('add_task');

    const reloaded = new AppStore(new SessionStore(local, new MemoryStorage()), base);
    await reloaded.start();
    expect(reloaded.state.session).toEqual({ user: 'alice' });
    expect(reloaded.state.conversationId).toBe(5);
    expect(reloaded.state.entries.map((e) => e.content)).toEqual(['add a task to buy milk', 'Added task 1']);

    reloaded.newConversation();
    expect(reloaded.state.entries).toEqual([]);
    expect(new SessionStore(local, new MemoryStorage()).conversation('alice')).toBeUndefined();
  });

  it('completes a task and filters the list', async () => {
    const store = new AppStore(new SessionStore(new MemoryStorage(), new MemoryStorage()), base);
    await store.start();
    await store.signIn('alice');
    await store.send('add a task to buy milk');
    await store.send('add a task to call mum');
    await store.toggle(1);
    await store.setFilter('pending');
    expect(store.state.tasks.map((t) => t.title)).toEqual(['call mum']);
    await store.setFilter('completed');
    expect(store.state.tasks.map((t) => t.title)).toEqual(['buy milk']);
  });

  it('shows an API error inline with its message and keeps the session', async () => {
    const store = new AppStore(new SessionStore(new MemoryStorage(), new MemoryStorage()), base);
    await store.start();
    await store.signIn('alice');
    await store.toggle(99);
    expect(store.state.tasksError).toBe('task 99 not found');
    expect(store.state.session).not.toBeNull();
  });

  it('asks for a token when the server wants one, keeps it per tab, and goes back to the prompt on 401', async () => {
    requireToken = true;
    const local = new MemoryStorage();
    const perTab = new MemoryStorage();
    const store = new AppStore(new SessionStore(local, perTab), base);
    await store.start();
    expect(store.state.authRequired).toBe(true);

    await store.signIn('garbage');
    expect(store.state.session).toBeNull();
    expect(store.state.promptError).toMatch(/not a JWT/);

    await store.signIn(jwt({ sub: 'carol', forged: true }));
    expect(store.state.session).toBeNull();
    expect(store.state.promptError).toMatch(/rejected the token \(invalid token signature\)/);
    expect(perTab.length).toBe(0);

    await store.signIn(goodToken);
    expect(store.state.session).toEqual({ user: 'carol', token: goodToken });
    expect(perTab.getItem('todo-web.token')).toBe(goodToken);
    expect(local.getItem('todo-web.user')).toBeNull();
    expect(await store.send('add a task to buy milk')).toBe(true);
  });
});
