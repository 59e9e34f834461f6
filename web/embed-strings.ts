// The widget's words: its part of the customer catalogue (shared/src/locales/), copied into
// web/embed/strings.json so that the widget carries only its own sentences. build-embed.ts writes
// the copy on every build; embed-strings.test.ts fails when the committed one is stale.
import { CUSTOMER_STRINGS } from '../shared/src/customer-strings.ts';

export const WIDGET_STRINGS_FILE = new URL('./embed/strings.json', import.meta.url);

export function widgetStrings() {
  const entries = Object.entries(CUSTOMER_STRINGS).map(([locale, t]) => [
    locale,
    // The hosted form's labels: the widget asks for the same things in the same words.
    {
      body: t.bodyLabel,
      name: t.nameLabel,
      email: t.emailLabel,
      emailHint: t.emailHint,
      send: t.send,
      emailInvalid: t.problems.email,
      ...t.widget,
    },
  ]);
  return Object.fromEntries(entries);
}

export const widgetStringsJson = () => `${JSON.stringify(widgetStrings(), null, 2)}\n`;
