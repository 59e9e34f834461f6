// What jsdom lacks and every browser has, for the component tests (imported by them, never by the app).
if (!globalThis.CSS?.escape) {
  // react-aria's popovers and dialogs escape a meta name with it.
  globalThis.CSS = { ...globalThis.CSS, escape: (value: string) => value.replace(/["\\\]]/g, '\\$&') } as typeof CSS;
}
