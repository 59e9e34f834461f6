import { describe, expect, it } from 'vitest';
import { acknowledgementText, unknownAcknowledgementPlaceholders } from './acknowledgement.ts';
import { contrastWithWhite, describeFormSettingsProblem, formSettingsProblems } from './form-settings.ts';

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
  it('says a form’s own words, filled, and still adds the tracking link', () => {
    const formText = 'Bonjour {{name}}, la boutique a reçu votre message ({{ reference }}) : réponse sous 48 h.';
    const text = acknowledgementText({
      locale: 'fr',
      name: 'Léa',
      reference: 'EC-7K2Q9',
      trackingUrl: 'https://e.example/t/abc',
      formText,
    });
    expect(text).toBe(
      'Bonjour Léa, la boutique a reçu votre message (EC-7K2Q9) : réponse sous 48 h. ' +
        'Vous pouvez suivre sa réponse et nous écrire à nouveau ici : https://e.example/t/abc',
    );
    expect(acknowledgementText({ locale: 'fr', reference: 'EC-7K2Q9', formText })).toMatch(/^Bonjour, la boutique/);
  });
});

describe('a form’s acknowledgement and accent', () => {
  it('refuses placeholders no message fills, and stray braces', () => {
    expect(unknownAcknowledgementPlaceholders('Hello {{name}}, ref {{reference}}')).toEqual([]);
    expect(unknownAcknowledgementPlaceholders('Hello {{customer.name}} {{trackingUrl}}')).toEqual([
      '{{customer.name}}',
      '{{trackingUrl}}',
    ]);
    expect(unknownAcknowledgementPlaceholders('Hello {{name}')).toEqual(['{{']);
  });
  it('takes opaque hex accents dark enough for white text', () => {
    expect(contrastWithWhite('#fff')).toBeCloseTo(1);
    expect(contrastWithWhite('#000000')).toBeCloseTo(21);
    expect(contrastWithWhite('red')).toBeUndefined();
    expect(formSettingsProblems({ accent: '#3b5bdb' })).toEqual({});
    const pale = formSettingsProblems({ accent: '#ffcc00' }).accent!;
    expect(pale).toEqual({ code: 'accent_too_light', contrast: expect.closeTo(1.51, 2) });
    expect(describeFormSettingsProblem(pale)).toMatch(/too light: white text on it has a contrast of 1\.5:1/);
    expect(formSettingsProblems({ accent: '#3b5bdb80' }).accent).toEqual({ code: 'accent_invalid' });
  });
  it('names each wrong origin by its place in the list', () => {
    expect(
      formSettingsProblems({
        allowedOrigins: ['https://shop.example', 'https://shop.example/', 'https://shop.example'],
      }),
    ).toEqual({
      'allowedOrigins.1': { code: 'origin_not_canonical', canonical: 'https://shop.example' },
      'allowedOrigins.2': { code: 'origin_listed_twice' },
    });
    expect(formSettingsProblems({ allowedOrigins: ['*', 'shop.example'] })).toEqual({
      'allowedOrigins.1': { code: 'origin_invalid' },
    });
  });
});
