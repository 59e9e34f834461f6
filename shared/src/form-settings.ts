// A form's settings as admins write them: the key pages embed, the sites allowed to post, the
// widget's accent and the acknowledgement's words. Pure, so that the API refuses and the settings
// page warns alike; the TypeBox shapes are in agent-contract.ts.
import { unknownAcknowledgementPlaceholders } from './acknowledgement.ts';
import { LOCALES, type Locale } from './locale.ts';
import { originProblem } from './origins.ts';

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

/**
 * What is wrong with the fields given, by field as the API names them (`allowedOrigins.1`,
 * `acknowledgements.fr`): what a schema cannot say (canonical origins, contrast, placeholders).
 */
export function formSettingsProblems(draft: FormSettingsDraft): Record<string, string> {
  const problems: Record<string, string> = {};
  draft.allowedOrigins?.forEach((origin, index) => {
    const problem = originProblem(origin);
    if (problem) problems[`allowedOrigins.${index}`] = problem;
    else if (draft.allowedOrigins!.indexOf(origin) !== index) problems[`allowedOrigins.${index}`] = 'is listed twice';
  });
  if (draft.accent) {
    const contrast = contrastWithWhite(draft.accent);
    if (contrast === undefined) problems.accent = 'must be a colour written #rgb or #rrggbb';
    else if (contrast < ACCENT_MIN_CONTRAST)
      problems.accent = `is too light: white text on it has a contrast of ${contrast.toFixed(1)}:1, ${ACCENT_MIN_CONTRAST}:1 is needed`;
  }
  for (const locale of LOCALES) {
    const text = draft.acknowledgements?.[locale];
    if (!text) continue;
    const unknown = unknownAcknowledgementPlaceholders(text);
    if (unknown.length > 0) problems[`acknowledgements.${locale}`] = `${unknown.join(', ')} is not a placeholder`;
  }
  return problems;
}
