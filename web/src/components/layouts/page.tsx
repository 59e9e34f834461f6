// A page's frame: its heading, the document title, and where focus goes after a navigation, so that
// keyboard and screen-reader users land on the new page instead of on a link that is gone.
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';

export interface PageProps {
  title: string;
  /** Shown before the heading (a back link); after it come the page's own actions. */
  before?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}

export function Page({ title, before, actions, children, className }: PageProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  // The first page of a visit ('default' location) keeps the browser's own focus.
  const arrived = useLocation().key !== 'default';
  const { language } = useTranslation().i18n;
  const titledIn = useRef(language);
  useEffect(() => {
    document.title = `${title} · Ecoute`;
    if (arrived && titledIn.current === language) heading.current?.focus();
    // Only a new title (a new page or view) moves focus: not a search typed on the same page, nor the
    // same title in another language (the user who chose it stays on the language switch).
  }, [title]);
  useEffect(() => {
    titledIn.current = language;
  }, [language]);
  return (
    <div className={['page', className ?? ''].filter(Boolean).join(' ')}>
      {before}
      <div className="page__header">
        <h1 className="page__title" ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {actions ? <div className="page__actions">{actions}</div> : null}
      </div>
      {children}
    </div>
  );
}
