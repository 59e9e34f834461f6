import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CUSTOMER_STRINGS } from '../shared/src/customer-strings.ts';
import { WIDGET_STRINGS_FILE, widgetStringsJson } from './embed-strings.ts';

describe('the widget’s copy of the customer catalogue', () => {
  it('is the catalogue’s, as the build writes it (run `npm run build -w web` after changing a locale)', () => {
    expect(readFileSync(WIDGET_STRINGS_FILE, 'utf8')).toBe(widgetStringsJson());
  });

  it('asks in the hosted form’s words, in every language', () => {
    const copy = JSON.parse(readFileSync(WIDGET_STRINGS_FILE, 'utf8'));
    expect(Object.keys(copy)).toEqual(Object.keys(CUSTOMER_STRINGS));
    for (const [locale, t] of Object.entries(CUSTOMER_STRINGS)) {
      expect(copy[locale]).toMatchObject({ body: t.bodyLabel, send: t.send, notAccepted: t.widget.notAccepted });
    }
  });
});
