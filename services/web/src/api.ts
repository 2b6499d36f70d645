// The backend's public HTTP API (README, "HTTP API"), typed. The only module that calls fetch.

export interface ToolCall {
  name: string;
  arguments: Record<string, unknown>;
  result: unknown;
}

export interface ChatReply {
  conversation_id: number;
  response: string;
  tool_calls: ToolCall[];
}

export interface Task {
  id: number;
  title: string;
  description: string;
  completed: boolean;
  priority: 'low' | 'medium' | 'high';
  due_date: string | null;
  tags: string[];
  created_at: string;
  updated_at: string;
}

export interface Message {
  id: number;
  conversation_id: number;
  role: 'user' | 'assistant';
  content: string;
  tool_calls: ToolCall[];
  created_at: string;
}

export type TaskFilter = 'all' | 'pending' | 'completed';

/** Who the requests are made for: the user id in the path and, with auth on, the bearer token. */
export interface Credentials {
  user: string;
  token?: string;
}

/** A failed request: the HTTP status (0 when the server could not be reached) and the JSON error. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get unauthorized(): boolean {
    return this.status === 401;
  }
}

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** Reads `{"error": {"code", "message", "field"?}}`; anything else becomes a readable status line. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; field?: unknown } };
    const error = body.error;
    if (error && typeof error.message === 'string') {
      return new ApiError(
        response.status,
        typeof error.code === 'string' ? error.code : `http_${response.status}`,
        error.message,
        typeof error.field === 'string' ? error.field : undefined,
      );
    }
  } catch {
    // Not JSON: a proxy's HTML page, for instance. Fall through to the status line.
  }
  const reason = response.statusText || 'error';
  return new ApiError(response.status, `http_${response.status}`, `the server answered ${response.status} ${reason}`);
}

export class ApiClient {
  private readonly fetchImpl: FetchLike;

  constructor(
    private readonly baseUrl: string,
    private readonly credentials: () => Credentials,
    fetchImpl?: FetchLike,
  ) {
    this.fetchImpl = fetchImpl ?? ((input, init) => fetch(input, init));
  }

  chat(message: string, conversationId?: number): Promise<ChatReply> {
    const body: Record<string, unknown> = { message };
    if (conversationId !== undefined) body.conversation_id = conversationId;
    return this.request<ChatReply>('POST', 'chat', body);
  }

  async messages(conversationId: number): Promise<Message[]> {
    const page = await this.request<{ messages: Message[] }>(
      'GET',
      `conversations/${encodeURIComponent(String(conversationId))}/messages`,
    );
    return page.messages;
  }

  listTasks(filter: TaskFilter = 'all'): Promise<Task[]> {
    return this.request<Task[]>('GET', `tasks?status=${filter}&sort=created`);
  }

  toggleComplete(id: number): Promise<Task> {
    return this.request<Task>('PATCH', `tasks/${id}/complete`);
  }

  async deleteTask(id: number): Promise<void> {
    await this.request<void>('DELETE', `tasks/${id}`);
  }

  /** Whether the server wants a bearer token: an anonymous read answers 401 only with auth on. */
  async requiresToken(): Promise<boolean> {
    const response = await this.send('GET', `${this.baseUrl}/api/web-probe/tasks?status=pending`, undefined, {});
    if (response.status === 401) return true;
    if (!response.ok) throw await errorFromResponse(response);
    return false;
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const { user, token } = this.credentials();
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    const url = `${this.baseUrl}/api/${encodeURIComponent(user)}/${path}`;
    const response = await this.send(method, url, body, headers);
    if (!response.ok) throw await errorFromResponse(response);
    if (response.status === 204) return undefined as T;
    try {
      return (await response.json()) as T;
    } catch {
      throw new ApiError(response.status, 'bad_response', 'the server sent a response that is not JSON');
    }
  }

  private async send(method: string, url: string, body: unknown, headers: Record<string, string>): Promise<Response> {
    const init: RequestInit = { method, headers: { ...headers } };
    if (body !== undefined) {
      (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    try {
      return await this.fetchImpl(url, init);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new ApiError(0, 'unreachable', `cannot reach the server (${why}); check that it is running`);
    }
  }
}
