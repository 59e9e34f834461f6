import { describe, expect, it } from 'vitest';
import {
  TEMPLATE_VARIABLES,
  renderTemplate,
  reviewReply,
  unknownPlaceholders,
  type TemplateContext,
} from './templates.ts';

const context: TemplateContext = {
  customer: { name: 'Marie-Hélène Dubois', email: 'mh@example.org' },
  reference: 'EC-7K2Q9',
  agent: { name: 'Sam' },
  form: { name: 'Boutique' },
};

describe('renderTemplate', () => {
  it('fills every documented variable', () => {
    const template = TEMPLATE_VARIABLES.map((variable) => `[{{${variable}}}]`).join(' ');
    expect(renderTemplate(template, context)).toBe(
      '[Marie-Hélène Dubois] [Marie-Hélène] [mh@example.org] [EC-7K2Q9] [Sam] [Boutique]',
    );
  });

  it('allows spaces inside the braces and repeats', () => {
    expect(renderTemplate('{{ reference }} / {{reference}}', context)).toBe('EC-7K2Q9 / EC-7K2Q9');
  });

  it('leaves unknown variables as typed, so that the review flags them', () => {
    expect(renderTemplate('Bonjour {{customer.nom}}, {{ reference }}', context)).toBe(
      'Bonjour {{customer.nom}}, EC-7K2Q9',
    );
  });

  it('leaves no stray space before a comma or a full stop when a name is missing', () => {
    const anonymous = { ...context, customer: { name: null, email: null } };
    expect(renderTemplate('Bonjour {{customer.name}},\nmerci.', anonymous)).toBe('Bonjour,\nmerci.');
    expect(renderTemplate('Merci {{customer.firstName}}.', anonymous)).toBe('Merci.');
    // French typography keeps its space before ; : ! ?
    expect(renderTemplate('Bonjour {{customer.name}} !', context)).toBe('Bonjour Marie-Hélène Dubois !');
  });

  it('takes the first word of the name as the first name, whatever the spacing', () => {
    const spaced = { ...context, customer: { name: '  Jean   Dupont ', email: null } };
    expect(renderTemplate('{{customer.firstName}}', spaced)).toBe('Jean');
  });

  it('does not interpret the values it inserts', () => {
    const tricky = { ...context, customer: { name: '{{reference}} $& $1', email: null } };
    expect(renderTemplate('Bonjour {{customer.name}}', tricky)).toBe('Bonjour {{reference}} $& $1');
  });
});

describe('reviewReply', () => {
  const template = 'Bonjour {{customer.name}},\nmerci pour votre message {{reference}}.';
  const rendered = renderTemplate(template, context);
  const review = (body: string, customerName: string | null = context.customer.name) =>
    reviewReply({ body, renderedTemplates: [rendered], customerName });

  it('flags a template sent as it is, whatever the spacing, case or accents', () => {
    expect(review(rendered)).toEqual(['unedited_template']);
    expect(review(`  ${rendered.toUpperCase().replace('\n', '   ')}  `)).toEqual(['unedited_template']);
    expect(review(rendered.normalize('NFD'))).toEqual(['unedited_template']);
  });

  it('does not flag a template that was added to', () => {
    expect(review(`${rendered}\nVotre colis part demain.`)).toEqual([]);
  });

  it('flags a reply that does not use the customer’s known name', () => {
    expect(review('Merci pour votre message.')).toEqual(['not_addressed']);
    // A name inside another word is not the name.
    expect(review('Bonjour, voici le dubonnet.', 'Dubo')).toEqual(['not_addressed']);
  });

  it('does not take a name’s particles, which are everyday words, for the name', () => {
    const about = 'Bonjour, nous regardons la question de la livraison.';
    expect(review(about, 'Jean de La Fontaine')).toEqual(['not_addressed']);
    expect(review(about, 'Marie Le Goff')).toEqual(['not_addressed']);
    expect(review('Hello, we looked into da delivery.', 'Ana Da Silva')).toEqual(['not_addressed']);
    expect(review('Bonjour Monsieur de La Fontaine, la livraison arrive.', 'Jean de La Fontaine')).toEqual([]);
    expect(review('Bonjour, la livraison arrive.', 'De La')).toEqual([]);
  });

  it('finds names in scripts written without spaces', () => {
    expect(review('王小明您好，您的包裹明天到。', '王小明')).toEqual([]);
    expect(review('山田太郎様、ご連絡ありがとうございます。', '山田 太郎')).toEqual([]);
    expect(review('您好，您的包裹明天到。', '王小明')).toEqual(['not_addressed']);
  });

  it('accepts any part of the name, hyphenated or not, with or without accents', () => {
    for (const body of [
      'Bonjour Marie-Hélène,',
      'Bonjour Marie,',
      'Chère Helene,',
      'Madame DUBOIS,',
      'Bonjour marie-helene dubois.',
    ]) {
      expect(review(body), body).toEqual([]);
    }
    expect(review('Bonjour O’Neil,', 'Seán O’Neil')).toEqual([]);
  });

  it('has nothing to say about the name when there is none', () => {
    expect(review('Merci pour votre message.', null)).toEqual([]);
    expect(review('Merci pour votre message.', '   ')).toEqual([]);
  });

  it('ignores one-letter name parts, and names that have nothing else', () => {
    expect(review('Bonjour Martin', 'J Martin')).toEqual([]);
    expect(review('Bonjour J.', 'J Martin')).toEqual(['not_addressed']);
    // Nothing in these could be used: warning about them would be a warning nobody can act on.
    for (const name of ['A', '.', '—', 'x y']) expect(review('Bonjour, à bientôt.', name), name).toEqual([]);
  });

  it('flags placeholders left in, even unknown ones', () => {
    expect(review('Bonjour Marie, {{ customer.nom }}')).toEqual(['unfilled_placeholder']);
    expect(review('Bonjour Marie, votre dossier {{dossier}}.')).toEqual(['unfilled_placeholder']);
    expect(review('Bonjour Marie, {{customer-name}}')).toEqual(['unfilled_placeholder']);
    expect(review('Bonjour Marie, {{ customer name }} et {{}}')).toEqual(['unfilled_placeholder']);
    expect(review('Bonjour Marie, {une accolade} ne gêne pas.')).toEqual([]);
    expect(review('Bonjour Marie {{customer.name}.')).toEqual(['unfilled_placeholder']);
    expect(review('Bonjour Marie, {pas un modèle}')).toEqual([]);
  });

  it('reports every problem at once, in a stable order', () => {
    const unedited = renderTemplate('Merci, {{oups}}', context);
    expect(reviewReply({ body: unedited, renderedTemplates: [unedited], customerName: 'Marie' })).toEqual([
      'unedited_template',
      'not_addressed',
      'unfilled_placeholder',
    ]);
  });

  it('finds nothing in a personal reply', () => {
    expect(review('Bonjour Marie-Hélène, votre colis EC-7K2Q9 part demain, avec nos excuses.')).toEqual([]);
  });
});

describe('unknownPlaceholders', () => {
  it('names what is written as a placeholder but is no variable, once each, as written', () => {
    expect(unknownPlaceholders('Bonjour {{customer.name}}, {{ reference }}.')).toEqual([]);
    expect(
      unknownPlaceholders('Bonjour {{customer-name}} {{ customer name }} {{unknown.var}} {{unknown.var}} {{}}'),
    ).toEqual(['{{customer-name}}', '{{ customer name }}', '{{unknown.var}}', '{{}}']);
    expect(unknownPlaceholders('Une {accolade} simple, et {customer.name} sans la seconde.')).toEqual([]);
    expect(unknownPlaceholders('Hi {{customer.name}, and customer.name}}')).toEqual(['{{', '}}']);
  });
});
