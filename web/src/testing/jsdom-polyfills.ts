// What jsdom lacks and every browser has, for the component tests (imported by them, never by the app).
if (!globalThis.CSS?.escape) {
  // react-aria's popovers and dialogs escape a meta name with it.
  globalThis.CSS = { ...globalThis.CSS, escape: (value: string) => value.replace(/["\\\]]/g, '\\$&') } as typeof CSS;
}
if (!('EventSource' in globalThis)) {
  // The live stream (components/layouts/live-updates.tsx): here it reaches no server and stays connecting.
  class StillConnecting extends EventTarget {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSED = 2;
    readonly url: string;
    readonly withCredentials = false;
    readyState = 0;
    constructor(url: string | URL) {
      super();
      this.url = String(url);
    }
    close(): void {
      this.readyState = 2;
    }
  }
  globalThis.EventSource = StillConnecting as unknown as typeof EventSource;
}
