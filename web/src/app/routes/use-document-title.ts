// The tab's title for pages outside the signed-in frame (which sets it through Page).
import { useEffect } from 'react';

export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Ecoute`;
  }, [title]);
}
