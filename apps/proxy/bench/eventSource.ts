/**
 * A small EventSource for Node 20 (which has none), over fetch: what the browser's does for the
 * hooks — named events, `id:` kept and sent back as Last-Event-ID on reconnect, `retry:`,
 * comments ignored, `onerror` then a reconnect when the stream drops. Enough of the WHATWG
 * algorithm for the bench to drive the hooks' own live code (HttpAyoClient.subscribe).
 */

type Listener = (event: MessageEvent<string>) => void;

export interface BenchEventSourceOptions {
  /** Sent with every (re)connect, as a browser sends the shopper's cookie. */
  headers?: Record<string, string>;
  /** First reconnect delay (ms) until the server sends `retry:` (browsers use about 3 s). */
  retryMs?: number;
}

/** An EventSource class whose instances send these headers (for `globalThis.EventSource`). */
export function eventSourceClass(options: BenchEventSourceOptions = {}) {
  return class BenchEventSource extends FetchEventSource {
    constructor(url: string | URL, init?: EventSourceInit) {
      super(url, init, options);
    }
  };
}

export class FetchEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  readonly url: string;
  readonly withCredentials: boolean;
  readyState = FetchEventSource.CONNECTING;
  onopen: ((event: Event) => void) | null = null;
  onmessage: Listener | null = null;
  onerror: ((event: Event) => void) | null = null;
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly abort = new AbortController();
  private lastEventId = '';
  private retryMs: number;

  constructor(
    url: string | URL,
    init: EventSourceInit | undefined,
    private readonly options: BenchEventSourceOptions = {},
  ) {
    this.url = String(url);
    this.withCredentials = init?.withCredentials ?? false;
    this.retryMs = options.retryMs ?? 3_000;
    void this.run();
  }

  addEventListener(type: string, listener: Listener): void {
    let set = this.listeners.get(type);
    if (!set) {
      set = new Set();
      this.listeners.set(type, set);
    }
    set.add(listener);
  }

  removeEventListener(type: string, listener: Listener): void {
    this.listeners.get(type)?.delete(listener);
  }

  close(): void {
    this.readyState = FetchEventSource.CLOSED;
    this.abort.abort();
  }

  private async run(): Promise<void> {
    while (this.readyState !== FetchEventSource.CLOSED) {
      try {
        const res = await fetch(this.url, {
          headers: {
            accept: 'text/event-stream',
            'cache-control': 'no-cache',
            ...this.options.headers,
            ...(this.lastEventId ? { 'last-event-id': this.lastEventId } : {}),
          },
          signal: this.abort.signal,
        });
        if (!res.ok || !res.body || !res.headers.get('content-type')?.startsWith('text/event-stream')) {
          // Not an event stream: a browser fails the connection for good.
          await res.body?.cancel().catch(() => undefined);
          this.fail();
          this.close();
          return;
        }
        this.readyState = FetchEventSource.OPEN;
        this.onopen?.(new Event('open'));
        await this.read(res.body);
      } catch {
        // network error or abort: reconnect below unless closed
      }
      if (this.readyState === FetchEventSource.CLOSED) return;
      this.readyState = FetchEventSource.CONNECTING;
      this.fail();
      await new Promise((r) => setTimeout(r, this.retryMs));
    }
  }

  private fail(): void {
    this.onerror?.(new Event('error'));
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    let data: string[] = [];
    let type = '';
    // The last event ID buffer outlives each event (WHATWG): set from it at each dispatch.
    let id = this.lastEventId;
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      // Lines end with CRLF, LF or CR; a CR at the very end may be half of a CRLF still to come.
      let start = 0;
      for (let i = 0; i < buffer.length; i++) {
        const ch = buffer[i];
        if (ch !== '\n' && ch !== '\r') continue;
        if (ch === '\r' && i === buffer.length - 1) break;
        const line = buffer.slice(start, i);
        if (ch === '\r' && buffer[i + 1] === '\n') i++;
        start = i + 1;
        if (line === '') {
          this.lastEventId = id;
          if (data.length) this.dispatch(type || 'message', data.join('\n'));
          data = [];
          type = '';
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        let value = colon < 0 ? '' : line.slice(colon + 1);
        if (value.startsWith(' ')) value = value.slice(1);
        if (field === 'data') data.push(value);
        else if (field === 'event') type = value;
        else if (field === 'id' && !value.includes('\0')) id = value;
        else if (field === 'retry' && /^\d+$/.test(value)) this.retryMs = Number(value);
      }
      buffer = buffer.slice(start);
    }
  }

  private dispatch(type: string, data: string): void {
    const event = new MessageEvent<string>(type, { data, lastEventId: this.lastEventId });
    if (type === 'message') this.onmessage?.(event);
    for (const l of [...(this.listeners.get(type) ?? [])]) l(event);
  }
}
