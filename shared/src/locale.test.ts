import { describe, expect, it } from 'vitest';
import { detectLocale, messageLocale, normalizeLocale } from './locale.ts';

describe('normalizeLocale', () => {
  it.each([
    ['fr', 'fr'],
    ['fr-CA', 'fr'],
    ['FR_be', 'fr'],
    [' en-GB ', 'en'],
    ['de', undefined],
    ['', undefined],
    [undefined, undefined],
    ['french', undefined],
  ])('%j → %j', (input, expected) => expect(normalizeLocale(input)).toBe(expected));
});

describe('detectLocale', () => {
  it('recognises French and English from common words', () => {
    expect(detectLocale('Bonjour, je ne suis pas content de la livraison et du service.')).toBe('fr');
    expect(detectLocale('Hello, I am not happy with the delivery and the service.')).toBe('en');
  });
  it('gives no answer when the text gives no clear sign', () => {
    expect(detectLocale('OK 👍')).toBeUndefined();
    expect(detectLocale('12345')).toBeUndefined();
    expect(detectLocale('')).toBeUndefined();
  });
});

describe('messageLocale', () => {
  it('prefers the requested locale, then the text, then the form default', () => {
    expect(messageLocale('en', 'Bonjour, je ne suis pas content du tout', 'fr')).toBe('en');
    expect(messageLocale(undefined, 'Bonjour, je ne suis pas content du tout', 'en')).toBe('fr');
    expect(messageLocale('xx', '!!!', 'fr')).toBe('fr');
  });
});
