// A form's settings as admins write them: the key pages embed, the sites allowed to post, the
// widget's accent and the acknowledgement's words. Pure, so that the API refuses and the settings
// page warns alike; the TypeBox shapes are in agent-contract.ts.
import { unknownAcknowledgementPlaceholders } from './acknowledgement.ts';
import { LOCALES, type Locale } from './locale.ts';
import { canonicalOrigin } from './origins.ts';

export const FORM_LIMITS = {
  key: 50,
  name: 100,
  allowedOrigins: 50,
  origin: 300,
  acknowledgement: 1_000,
} as const;

/** In URLs (`/f/shop`, `<ecoute-form form="shop">`): lower-case letters, digits and inner hyphens. */
export const FORM_KEY_PATTERN = '^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$';

/** `#rgb` or `#rrggbb`: opaque, so that its contrast with the widget's white is what it says. */
export const ACCENT_PATTERN = '^#(?:[0-9a-fA-F]{3}){1,2}$';
/** WCAG AA for normal text: the widget writes white on the accent (its button) and the accent on white (links). */
export const ACCENT_MIN_CONTRAST = 4.5;

/** The accent's contrast ratio with white (1 to 21), or undefined when it is not a `#rgb`/`#rrggbb` colour. */
export function contrastWithWhite(accent: string): number | undefined {
  if (!new RegExp(ACCENT_PATTERN).test(accent)) return undefined;
  const hex = accent.length === 4 ? [...accent.slice(1)].map((digit) => digit + digit).join('') : accent.slice(1);
  const [r, g, b] = [0, 2, 4].map((start) => {
    const channel = parseInt(hex.slice(start, start + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return 1.05 / (luminance + 0.05);
}

export interface FormSettingsDraft {
  allowedOrigins?: readonly string[] | undefined;
  accent?: string | null | undefined;
  acknowledgements?: Partial<Record<Locale, string | null>> | undefined;
}

/** What a schema cannot say about a form's settings: each the API words in English, the SPA in the admin's language. */
export type FormSettingsProblem =
  | { code: 'origin_not_canonical'; canonical: string }
  | { code: 'origin_invalid' }
  | { code: 'origin_listed_twice' }
  | { code: 'accent_invalid' }
  | { code: 'accent_too_light'; contrast: number }
  | { code: 'unknown_placeholders'; placeholders: string[] };

/**
 * What is wrong with the fields given, by field as the API names them (`allowedOrigins.1`,
 * `acknowledgements.fr`): origins browsers never send, a pale accent, placeholders no message fills.
 */
export function formSettingsProblems(draft: FormSettingsDraft): Record<string, FormSettingsProblem> {
  const problems: Record<string, FormSettingsProblem> = {};
  draft.allowedOrigins?.forEach((origin, index) => {
    const canonical = canonicalOrigin(origin);
    const field = `allowedOrigins.${index}`;
    if (canonical === undefined) problems[field] = { code: 'origin_invalid' };
    else if (canonical !== origin) problems[field] = { code: 'origin_not_canonical', canonical };
    else if (draft.allowedOrigins!.indexOf(origin) !== index) problems[field] = { code: 'origin_listed_twice' };
  });
  if (draft.accent) {
    const contrast = contrastWithWhite(draft.accent);
    if (contrast === undefined) problems.accent = { code: 'accent_invalid' };
    else if (contrast < ACCENT_MIN_CONTRAST) problems.accent = { code: 'accent_too_light', contrast };
  }
  for (const locale of LOCALES) {
    const text = draft.acknowledgements?.[locale];
    const placeholders = text ? unknownAcknowledgementPlaceholders(text) : [];
    if (placeholders.length > 0)
      problems[`acknowledgements.${locale}`] = { code: 'unknown_placeholders', placeholders };
  }
  return problems;
}

/** The problem in the API's words (`error.fields`). */
export function describeFormSettingsProblem(problem: FormSettingsProblem): string {
  switch (problem.code) {
    case 'origin_not_canonical':
      return `is not an origin as browsers send it: write ${problem.canonical}`;
    case 'origin_invalid':
      return 'must be an origin (https://shop.example, with a port when not the default one) or *';
    case 'origin_listed_twice':
      return 'is listed twice';
    case 'accent_invalid':
      return 'must be a colour written #rgb or #rrggbb';
    case 'accent_too_light':
      return `is too light: white text on it has a contrast of ${problem.contrast.toFixed(1)}:1, ${ACCENT_MIN_CONTRAST}:1 is needed`;
    case 'unknown_placeholders':
      return `${problem.placeholders.join(', ')} is not a placeholder (use {{name}} and {{reference}})`;
  }
}
