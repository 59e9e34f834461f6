// The inbox's keyboard shortcuts (j/k, Enter/o, /, g then a letter, 1–8, ?). They stay quiet while
// the user types in a field, holds a modifier, or works in a dialog or an open list.
import { useEffect, useRef } from 'react';
import type { MessageView } from '@ecoute/shared/agent-contract';
import { VIEWS } from '../../../lib/contract-values.ts';

export interface InboxShortcuts {
  next: () => void;
  previous: () => void;
  /** Enter or o; Enter on a focused link or button is left to the browser. */
  open: () => void;
  focusSearch: () => void;
  showView: (view: MessageView) => void;
  help: () => void;
}

/** g then this letter goes to that view. */
export const VIEW_LETTERS: Record<string, MessageView> = {
  u: 'unanswered',
  m: 'mine',
  t: 'team',
  c: 'commitments_due',
  o: 'overdue',
  x: 'closed',
  s: 'spam',
  a: 'all',
};

const SEQUENCE_TIMEOUT_MS = 1_500;

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target.closest('input, textarea, select')) return true;
  // Inside a dialog, a menu or a list box, letters belong to them (typeahead, their own keys).
  return Boolean(target.closest('[role="dialog"], [role="alertdialog"], [role="listbox"], [role="menu"]'));
}

export function useInboxShortcuts(actions: InboxShortcuts): void {
  // The latest actions without re-subscribing the listener on every render.
  const latest = useRef(actions);
  useEffect(() => {
    latest.current = actions;
  });

  useEffect(() => {
    let pendingG: number | undefined;
    const clearPending = () => {
      window.clearTimeout(pendingG);
      pendingG = undefined;
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      const run = latest.current;
      const handled = () => event.preventDefault();
      if (pendingG !== undefined) {
        clearPending();
        const view = VIEW_LETTERS[event.key];
        if (view) {
          handled();
          run.showView(view);
        }
        return;
      }
      const number = Number(event.key);
      if (Number.isInteger(number) && number >= 1 && number <= VIEWS.length) {
        handled();
        run.showView(VIEWS[number - 1]!);
        return;
      }
      switch (event.key) {
        case 'j':
          handled();
          run.next();
          break;
        case 'k':
          handled();
          run.previous();
          break;
        case 'o':
          handled();
          run.open();
          break;
        case 'Enter':
          if (event.target instanceof HTMLElement && event.target.closest('a, button')) return;
          handled();
          run.open();
          break;
        case '/':
          handled();
          run.focusSearch();
          break;
        case '?':
          handled();
          run.help();
          break;
        case 'g':
          handled();
          pendingG = window.setTimeout(clearPending, SEQUENCE_TIMEOUT_MS);
          break;
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => {
      clearPending();
      document.removeEventListener('keydown', onKeyDown);
    };
  }, []);
}
