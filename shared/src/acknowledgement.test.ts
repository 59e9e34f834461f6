import { describe, expect, it } from 'vitest';
import { acknowledgementText } from './acknowledgement.ts';

describe('acknowledgementText', () => {
  it('addresses the customer by name, in French, with the reference and link', () => {
    const text = acknowledgementText({
      locale: 'fr',
      name: ' Léa ',
      reference: 'EC-7K2Q9',
      trackingUrl: 'https://e.example/t/abc',
    });
    expect(text).toMatch(/^Bonjour Léa, merci/);
    expect(text).toContain('EC-7K2Q9');
    expect(text).toContain('https://e.example/t/abc');
  });
  it('greets without a name, in English, and leaves the link out when not given', () => {
    const text = acknowledgementText({ locale: 'en', name: '  ', reference: 'EC-22222' });
    expect(text).toMatch(/^Hello, thank you/);
    expect(text).toContain('EC-22222');
    expect(text).not.toContain('http');
  });
});
