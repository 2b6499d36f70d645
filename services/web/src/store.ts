// The app's state and every change to it. The only module that talks to the API client; views
// read the state and call these methods.

import { ApiClient, ApiError, type Task, type TaskFilter } from './api';
import { SessionStore, tokenSubject, validateUserName, type Session } from './session';
import { changesTasks } from './toolcalls';
import type { ChatEntry } from './views/chat';

export interface AppState {
  session: Session | null;
  /** null until the server has been asked whether it wants a token. */
  authRequired: boolean | null;
  promptError: string | null;
  entries: ChatEntry[];
  conversationId: number | undefined;
  pending: string | null;
  chatError: string | null;
  tasks: Task[];
  filter: TaskFilter;
  tasksError: string | null;
}

type Listener = (state: AppState) => void;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class AppStore {
  readonly api: ApiClient;
  private listeners: Listener[] = [];
  state: AppState = {
    session: null,
    authRequired: null,
    promptError: null,
    entries: [],
    conversationId: undefined,
    pending: null,
    chatError: null,
    tasks: [],
    filter: 'all',
    tasksError: null,
  };

  constructor(
    private readonly sessions: SessionStore,
    baseUrl = '',
    fetchImpl?: (input: string, init?: RequestInit) => Promise<Response>,
  ) {
    this.api = new ApiClient(baseUrl, () => this.state.session ?? { user: '' }, fetchImpl);
  }

  subscribe(listener: Listener): void {
    this.listeners.push(listener);
  }

  private update(change: Partial<AppState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener(this.state);
  }

  /** Restores the saved session and conversation, or asks the server which prompt to show. */
  async start(): Promise<void> {
    const saved = this.sessions.load();
    if (saved) {
      this.update({ session: saved, authRequired: Boolean(saved.token) });
      await this.enter();
      return;
    }
    await this.detectAuth();
  }

  private async detectAuth(): Promise<void> {
    try {
      this.update({ authRequired: await this.api.requiresToken() });
    } catch (error) {
      // The prompt still works: a name is asked for, and the first request tells the truth.
      this.update({ authRequired: false, promptError: `${messageOf(error)}.` });
    }
  }

  /** Demo mode: `input` is a user name. Auth mode: it is the bearer token, whose `sub` is the user. */
  async signIn(input: string): Promise<void> {
    let session: Session;
    if (this.state.authRequired) {
      const token = input.trim();
      const user = tokenSubject(token);
      if (!user) {
        this.update({ promptError: 'That is not a JWT: paste the whole token (three parts separated by dots).' });
        return;
      }
      session = { user, token };
    } else {
      const problem = validateUserName(input);
      if (problem) {
        this.update({ promptError: problem });
        return;
      }
      session = { user: input.trim() };
    }
    this.sessions.save(session);
    this.update({ session, promptError: null });
    await this.enter();
  }

  signOut(reason: string | null = null): void {
    this.sessions.clear();
    this.update({
      session: null,
      promptError: reason,
      entries: [],
      conversationId: undefined,
      pending: null,
      chatError: null,
      tasks: [],
      tasksError: null,
    });
  }

  private async enter(): Promise<void> {
    const user = this.state.session?.user;
    if (!user) return;
    const conversationId = this.sessions.conversation(user);
    this.update({ conversationId, entries: [], chatError: null });
    await Promise.all([this.loadConversation(conversationId), this.loadTasks()]);
  }

  private async loadConversation(id: number | undefined): Promise<void> {
    if (id === undefined) return;
    try {
      const messages = await this.api.messages(id);
      this.update({
        entries: messages.map((m) => ({ role: m.role, content: m.content, toolCalls: m.tool_calls ?? [] })),
      });
    } catch (error) {
      if (this.rejected(error)) return;
      if (error instanceof ApiError && error.status === 404) {
        // The conversation is gone (a new database, say): start a fresh one without fuss.
        this.sessions.setConversation(this.state.session!.user, undefined);
        this.update({ conversationId: undefined });
        return;
      }
      this.update({ chatError: `Could not load the conversation: ${messageOf(error)}.` });
    }
  }

  async loadTasks(): Promise<void> {
    const filter = this.state.filter;
    try {
      const tasks = await this.api.listTasks(filter);
      if (filter === this.state.filter) this.update({ tasks, tasksError: null });
    } catch (error) {
      if (this.rejected(error)) return;
      this.update({ tasksError: `Could not load the tasks: ${messageOf(error)}.` });
    }
  }

  async send(text: string): Promise<boolean> {
    const message = text.trim();
    if (!message || this.state.pending !== null || !this.state.session) return false;
    this.update({ pending: message, chatError: null });
    try {
      const reply = await this.api.chat(message, this.state.conversationId);
      this.sessions.setConversation(this.state.session.user, reply.conversation_id);
      this.update({
        pending: null,
        conversationId: reply.conversation_id,
        entries: [
          ...this.state.entries,
          { role: 'user', content: message, toolCalls: [] },
          { role: 'assistant', content: reply.response, toolCalls: reply.tool_calls ?? [] },
        ],
      });
      if (changesTasks(reply.tool_calls ?? [])) await this.loadTasks();
      return true;
    } catch (error) {
      this.update({ pending: null });
      if (!this.rejected(error)) this.update({ chatError: messageOf(error) });
      return false;
    }
  }

  newConversation(): void {
    if (this.state.session) this.sessions.setConversation(this.state.session.user, undefined);
    this.update({ conversationId: undefined, entries: [], chatError: null });
  }

  async setFilter(filter: TaskFilter): Promise<void> {
    this.update({ filter });
    await this.loadTasks();
  }

  toggle(id: number): Promise<void> {
    return this.changeTask(() => this.api.toggleComplete(id));
  }

  remove(id: number): Promise<void> {
    return this.changeTask(() => this.api.deleteTask(id));
  }

  private async changeTask(change: () => Promise<unknown>): Promise<void> {
    try {
      await change();
      await this.loadTasks();
    } catch (error) {
      if (this.rejected(error)) return;
      await this.loadTasks();
      this.update({ tasksError: messageOf(error) });
    }
  }

  /** A 401 ends the session: back to the prompt, saying why. */
  private rejected(error: unknown): boolean {
    if (!(error instanceof ApiError) || !error.unauthorized) return false;
    this.update({ authRequired: true });
    this.signOut(`The server rejected the token (${error.message}). Paste a valid token to go on.`);
    return true;
  }
}
