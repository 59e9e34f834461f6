// A client of the live inbox (GET /api/v1/events) for tests: reads the Server-Sent Events stream
// as a browser's EventSource would parse it, keeps every event, and knows when the server ends it.
export interface StreamEvent {
  id: string | undefined;
  event: string;
  data: any;
}

export interface EventStream {
  status: number;
  headers: Headers;
  events: StreamEvent[];
  /** Comment lines received (heartbeats). */
  comments: number;
  /** Waits for an event matching `match` (among those received so far too). */
  next(match: (event: StreamEvent) => boolean, timeoutMs?: number): Promise<StreamEvent>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

export async function openEventStream(
  url: string,
  cookie: string,
  headers: Record<string, string> = {},
): Promise<EventStream> {
  const controller = new AbortController();
  const response = await fetch(`${url}/api/v1/events`, {
    headers: { accept: 'text/event-stream', cookie, ...headers },
    signal: controller.signal,
  });
  const events: StreamEvent[] = [];
  const waiters = new Set<() => void>();
  const stream: EventStream = {
    status: response.status,
    headers: response.headers,
    events,
    comments: 0,
    next: (match, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(match);
          if (!found) return false;
          waiters.delete(check as () => void);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check as () => void);
          reject(new Error(`no such event in ${timeoutMs} ms; received: ${JSON.stringify(events)}`));
        }, timeoutMs);
        if (!check()) waiters.add(check as () => void);
      }),
    ended: Promise.resolve(),
    close: () => controller.abort(),
  };
  if (!response.ok || !response.body) {
    stream.ended = response.text().then(() => {});
    return stream;
  }
  const body = response.body.pipeThrough(new TextDecoderStream()).getReader();
  stream.ended = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await body.read();
        if (done) break;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = { id: undefined as string | undefined, event: 'message', data: [] as string[] };
          let comment = true;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            comment = false;
            const colon = line.indexOf(':');
            const name = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (name === 'id') fields.id = value;
            else if (name === 'event') fields.event = value;
            else if (name === 'data') fields.data.push(value);
          }
          if (comment) {
            stream.comments++;
            continue;
          }
          events.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data.join('\n')) });
          for (const waiter of [...waiters]) waiter();
        }
      }
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    }
  })();
  return stream;
}
