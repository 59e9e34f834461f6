// Words of the customer-facing pages, in the languages Ecoute speaks.
import type { Locale } from '@ecoute/shared/locale';

const fr = {
  trackingTitle: (reference: string) => `Votre message ${reference}`,
  yourMessage: 'Votre message',
  timeline: 'Suivi',
  status: { unanswered: 'En attente de réponse', committed: 'Réponse donnée, suivi en cours', closed: 'Traité' },
  author: { customer: 'Vous', team: 'Notre équipe', system: 'Accusé de réception' },
  commitmentsTitle: 'Nous nous engageons à :',
  dueBy: (date: string) => `d’ici le ${date}`,
  commitmentStatus: { open: 'en cours', fulfilled: 'tenu', dropped: 'abandonné' },
  followUp: { commitment_fulfilled: 'Engagement tenu :', commitment_dropped: 'Engagement abandonné :' },
  addTitle: 'Ajouter quelque chose',
  addLabel: 'Votre message',
  send: 'Envoyer',
  errors: {
    notFound: {
      title: 'Page introuvable',
      text: 'Ce lien de suivi ou ce formulaire n’existe pas. Vérifiez l’adresse reçue.',
    },
    tooLarge: {
      title: 'Message trop long',
      text: 'Un message compte 10 000 caractères au plus. Revenez en arrière avec le bouton Précédent de votre navigateur : votre texte y est encore. Raccourcissez-le ou envoyez-le en plusieurs fois.',
    },
    limited: {
      title: 'Trop de messages à la fois',
      text: 'Patientez quelques minutes, revenez en arrière avec le bouton Précédent de votre navigateur et envoyez à nouveau : votre texte y est encore.',
    },
    unreadable: {
      title: 'Message illisible',
      text: 'Ce qui a été envoyé n’a pas pu être lu. Revenez en arrière avec le bouton Précédent de votre navigateur et envoyez à nouveau.',
    },
    failed: {
      title: 'Un problème est survenu',
      text: 'Un problème est survenu de notre côté. Revenez en arrière avec le bouton Précédent de votre navigateur : votre texte y est encore. Réessayez dans un instant.',
    },
  },
  formTitle: (name: string) => `Écrivez-nous — ${name}`,
  formIntro: 'Dites-nous, avec vos mots, ce que vous avez à nous dire. Une personne vous répondra.',
  bodyLabel: 'Votre message',
  nameLabel: 'Votre nom (facultatif)',
  emailLabel: 'Votre e-mail (facultatif)',
  emailHint: 'Seulement pour vous envoyer notre réponse.',
  honeypotLabel: 'Ne remplissez pas ce champ',
  invalid: 'Le message n’a pas été envoyé : corrigez les champs indiqués.',
  limited: 'Trop de messages à la fois : patientez un instant puis envoyez à nouveau.',
  otherSite:
    'Ce message vient d’un autre site, dont ce formulaire n’accepte pas les messages. Il n’a pas été envoyé : relisez-le ci-dessous puis envoyez-le d’ici.',
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
  commitmentsTitle: 'We commit to:',
  dueBy: (date: string) => `by ${date}`,
  commitmentStatus: { open: 'in progress', fulfilled: 'done', dropped: 'dropped' },
  followUp: { commitment_fulfilled: 'Commitment kept:', commitment_dropped: 'Commitment dropped:' },
  addTitle: 'Add something',
  addLabel: 'Your message',
  send: 'Send',
  errors: {
    notFound: {
      title: 'Page not found',
      text: 'This tracking link or form does not exist. Please check the address you received.',
    },
    tooLarge: {
      title: 'Message too long',
      text: 'A message has 10,000 characters at most. Go back with your browser’s Back button: your text is still there. Shorten it or send it in several parts.',
    },
    limited: {
      title: 'Too many messages at once',
      text: 'Please wait a few minutes, go back with your browser’s Back button and send again: your text is still there.',
    },
    unreadable: {
      title: 'Message unreadable',
      text: 'What was sent could not be read. Go back with your browser’s Back button and send again.',
    },
    failed: {
      title: 'Something went wrong',
      text: 'Something went wrong on our side. Go back with your browser’s Back button: your text is still there. Try again in a moment.',
    },
  },
  formTitle: (name: string) => `Write to us — ${name}`,
  formIntro: 'Tell us, in your own words, what you have to say. A person will answer you.',
  bodyLabel: 'Your message',
  nameLabel: 'Your name (optional)',
  emailLabel: 'Your email (optional)',
  emailHint: 'Only used to send you our answer.',
  honeypotLabel: 'Leave this field empty',
  invalid: 'The message was not sent: please correct the fields shown.',
  limited: 'Too many messages at once: please wait a moment and send again.',
  otherSite:
    'This message comes from another website, whose messages this form does not accept. It was not sent: check it below, then send it from here.',
  problems: {
    body: 'Please write your message (10,000 characters at most).',
    name: 'The name cannot be longer than 120 characters.',
    email: 'This email address is not valid.',
    other: 'This field is not valid.',
  },
};

export const STRINGS: Record<Locale, typeof fr> = { fr, en };
