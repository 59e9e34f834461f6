// The real widget, as pages embed it (/embed.js, loaded once), with the accent and language being
// edited: what the customer will see. It is a working form: what is sent from it is a real message.
import { useEffect, useRef } from 'react';

/** The widget's own colour, for a form without one (web/embed/styles.ts). */
export const WIDGET_DEFAULT_ACCENT = '#3b5bdb';

let widgetScript: Promise<void> | undefined;

/** `script-src 'self'` allows it: the widget is served by the same Ecoute. */
function loadWidget(): Promise<void> {
  widgetScript ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/embed.js';
    script.async = true;
    script.onload = () => resolve();
    script.onerror = () => {
      widgetScript = undefined;
      reject(new Error('embed.js did not load'));
    };
    document.head.append(script);
  });
  return widgetScript;
}

export interface WidgetPreviewProps {
  formKey: string;
  lang: string;
  accent: string;
}

export function WidgetPreview({ formKey, lang, accent }: WidgetPreviewProps) {
  const host = useRef<HTMLDivElement>(null);
  const widget = useRef<HTMLElement | null>(null);

  useEffect(() => {
    // Made once and kept: a new element per keystroke would lose what was typed in it.
    const element = document.createElement('ecoute-form');
    widget.current = element;
    host.current?.append(element);
    void loadWidget().catch(() => undefined);
    return () => element.remove();
  }, []);

  useEffect(() => {
    const element = widget.current;
    if (!element) return;
    element.setAttribute('form', formKey);
    element.setAttribute('lang', lang);
    element.setAttribute('accent', accent);
  }, [formKey, lang, accent]);

  return <div ref={host} className="widget-preview" />;
}
