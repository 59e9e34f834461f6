// Words of the customer-facing pages, in the languages Ecoute speaks.
import type { Locale } from '@ecoute/shared/locale';

const fr = {
  trackingTitle: (reference: string) => `Votre message ${reference}`,
  yourMessage: 'Votre message',
  timeline: 'Suivi',
  status: { unanswered: 'En attente de réponse', committed: 'Réponse donnée, suivi en cours', closed: 'Traité' },
  author: { customer: 'Vous', team: 'Notre équipe', system: 'Accusé de réception' },
  addTitle: 'Ajouter quelque chose',
  addLabel: 'Votre message',
  send: 'Envoyer',
  notFoundTitle: 'Page introuvable',
  notFoundText: 'Ce lien de suivi ou ce formulaire n’existe pas. Vérifiez l’adresse reçue.',
  formTitle: (name: string) => `Écrivez-nous — ${name}`,
  formIntro: 'Dites-nous, avec vos mots, ce que vous avez à nous dire. Une personne vous répondra.',
  bodyLabel: 'Votre message',
  nameLabel: 'Votre nom (facultatif)',
  emailLabel: 'Votre e-mail (facultatif)',
  emailHint: 'Seulement pour vous envoyer notre réponse.',
  honeypotLabel: 'Ne remplissez pas ce champ',
  invalid: 'Le message n’a pas été envoyé : corrigez les champs indiqués.',
  limited: 'Trop de messages à la fois : patientez un instant puis envoyez à nouveau.',
  problems: {
    body: 'Écrivez votre message (10 000 caractères au plus).',
    name: 'Le nom ne peut pas dépasser 120 caractères.',
    email: 'Cette adresse e-mail n’est pas valide.',
    other: 'Ce champ n’est pas valide.',
  },
};

const en: typeof fr = {
  trackingTitle: (reference: string) => `Your message ${reference}`,
  yourMessage: 'Your message',
  timeline: 'Follow-up',
  status: { unanswered: 'Waiting for an answer', committed: 'Answered, follow-up in progress', closed: 'Done' },
  author: { customer: 'You', team: 'Our team', system: 'Acknowledgement' },
  addTitle: 'Add something',
  addLabel: 'Your message',
  send: 'Send',
  notFoundTitle: 'Page not found',
  notFoundText: 'This tracking link or form does not exist. Please check the address you received.',
  formTitle: (name: string) => `Write to us — ${name}`,
  formIntro: 'Tell us, in your own words, what you have to say. A person will answer you.',
  bodyLabel: 'Your message',
  nameLabel: 'Your name (optional)',
  emailLabel: 'Your email (optional)',
  emailHint: 'Only used to send you our answer.',
  honeypotLabel: 'Leave this field empty',
  invalid: 'The message was not sent: please correct the fields shown.',
  limited: 'Too many messages at once: please wait a moment and send again.',
  problems: {
    body: 'Please write your message (10,000 characters at most).',
    name: 'The name cannot be longer than 120 characters.',
    email: 'This email address is not valid.',
    other: 'This field is not valid.',
  },
};

export const STRINGS: Record<Locale, typeof fr> = { fr, en };
