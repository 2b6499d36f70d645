// The API client against a real HTTP server on 127.0.0.1 that answers as the backend does.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiClient, ApiError } from '../src/api';

interface Seen { method: string; url: string; auth?: string; type?: string; body: string }
let server: Server;
let base = '';
let seen: Seen[] = [];
let answer: (req: IncomingMessage) => { status: number; body?: string; type?: string } = () => ({ status: 200, body: '[]' });

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, auth: req.headers.authorization, type: req.headers['content-type'], body });
      const out = answer(req);
      res.writeHead(out.status, { 'Content-Type': out.type ?? 'application/json' });
      res.end(out.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => { seen = []; });

describe('ApiClient', () => {
  it('posts a chat turn as JSON with the conversation id, and reads the reply', async () => {
    answer = () => ({ status: 200, body: JSON.stringify({ conversation_id: 7, response: 'Added', tool_calls: [{ name: 'add_task', arguments: { title: 'buy milk' }, result: { id: 1 } }] }) });
    const reply = await new ApiClient(base, () => ({ user: 'alice' })).chat('add a task to buy milk', 7);
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/alice/chat', type: 'application/json', auth: undefined });
    expect(JSON.parse(seen[0].body)).toEqual({ message: 'add a task to buy milk', conversation_id: 7 });
    expect(reply.conversation_id).toBe(7);
    expect(reply.tool_calls[0].name).toBe('add_task');
  });

  it('leaves conversation_id out of the first turn', async () => {
    answer = () => ({ status: 200, body: '{"conversation_id":1,"response":"hi","tool_calls":[]}' });
    await new ApiClient(base, () => ({ user: 'alice' })).chat('hello');
    expect(JSON.parse(seen[0].body)).toEqual({ message: 'hello' });
  });

  it('sends the bearer token and escapes the user id in the path', async () => {
    answer = () => ({ status: 200, body: '[]' });
    await new ApiClient(base, () => ({ user: 'a b/c', token: 'x.y.z' })).listTasks('pending');
    expect(seen[0].url).toBe('/api/a%20b%2Fc/tasks?status=pending&sort=created');
    expect(seen[0].auth).toBe('Bearer x.y.z');
  });

  it('toggles, deletes (204) and reads messages with the right methods and paths', async () => {
    answer = (req) => req.method === 'DELETE' ? { status: 204 }
      : req.url!.includes('messages') ? { status: 200, body: '{"conversation_id":3,"messages":[{"id":1,"role":"user","content":"hi","tool_calls":[]}]}' }
      : { status: 200, body: '{"id":4,"completed":true}' };
    const api = new ApiClient(base, () => ({ user: 'bob' }));
    expect((await api.toggleComplete(4)).completed).toBe(true);
    await expect(api.deleteTask(4)).resolves.toBeUndefined();
    expect((await api.messages(3))[0].content).toBe('hi');
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      'PATCH /api/bob/tasks/4/complete', 'DELETE /api/bob/tasks/4', 'GET /api/bob/conversations/3/messages']);
  });

  it('turns the JSON error body into an ApiError with its message, code and field', async () => {
    answer = () => ({ status: 422, body: '{"error":{"code":"invalid_field","message":"title must not be empty","field":"title"}}' });
    const error = await new ApiClient(base, () => ({ user: 'alice' })).chat('x').catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 422, code: 'invalid_field', message: 'title must not be empty', field: 'title' });
    expect(error.unauthorized).toBe(false);
  });

  it('marks a 401 as unauthorized', async () => {
    answer = () => ({ status: 401, body: '{"error":{"code":"unauthorized","message":"invalid signature"}}' });
    const error = await new ApiClient(base, () => ({ user: 'alice', token: 'a.b.c' })).listTasks().catch((e) => e);
    expect(error.unauthorized).toBe(true);
    expect(error.message).toBe('invalid signature');
  });

  it('explains a non-JSON error page by its status line', async () => {
    answer = () => ({ status: 502, type: 'text/html', body: '<html>Bad Gateway</html>' });
    const error = await new ApiClient(base, () => ({ user: 'alice' })).listTasks().catch((e) => e);
    expect(error).toMatchObject({ status: 502, code: 'http_502' });
    expect(error.message).toMatch(/^the server answered 502/);
  });

  it('says the server cannot be reached when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await new ApiClient(`http://127.0.0.1:${port}`, () => ({ user: 'alice' })).listTasks().catch((e) => e);
    expect(error).toMatchObject({ status: 0, code: 'unreachable' });
    expect(error.message).toMatch(/cannot reach the server/);
  });

  it('detects whether the server wants a token', async () => {
    answer = () => ({ status: 401, body: '{"error":{"code":"unauthorized","message":"send Authorization: Bearer <token>"}}' });
    expect(await new ApiClient(base, () => ({ user: '' })).requiresToken()).toBe(true);
    answer = () => ({ status: 200, body: '[]' });
    expect(await new ApiClient(base, () => ({ user: '' })).requiresToken()).toBe(false);
    expect(seen.every((s) => s.auth === undefined)).toBe(true);
  });
});
