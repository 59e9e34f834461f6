// What Ecoute says to customers in French: the acknowledgement, the hosted form, the tracking page,
// its error pages and the widget. The reference catalogue: every other language has the same keys.
export const fr = {
  acknowledgement: {
    greeting: (name: string | undefined) => (name ? `Bonjour ${name},` : 'Bonjour,'),
    received: (reference: string) =>
      `merci pour votre message : nous l’avons bien reçu sous la référence ${reference}.`,
    reading: 'Une personne de notre équipe le lit et vous répondra personnellement.',
    follow: (trackingUrl: string) => `Vous pouvez suivre sa réponse et nous écrire à nouveau ici : ${trackingUrl}`,
  },
  /** The emails Ecoute writes to the customer (server/src/mail/outbound/compose.ts). */
  email: {
    subject: {
      acknowledgement: (reference: string) => `[${reference}] Nous avons bien reçu votre message`,
      reply: (reference: string) => `Re: [${reference}] Nous avons bien reçu votre message`,
      commitment_kept: (reference: string) => `[${reference}] Engagement tenu`,
      commitment_dropped: (reference: string) => `[${reference}] Un engagement que nous ne tiendrons pas`,
    },
    yourWords: 'Vous nous avez écrit :',
    replyIntro: 'Notre réponse :',
    kept: (description: string) => `Nous nous étions engagés à : ${description}. C’est fait.`,
    keptOutcome: 'Ce que nous avons fait :',
    dropped: (description: string) => `Nous nous étions engagés à : ${description}. Nous ne pourrons pas le faire.`,
    droppedReason: 'Pourquoi :',
    answerByEmail: 'Vous pouvez répondre directement à cet e-mail : votre réponse rejoindra votre message.',
    track: 'Suivre votre message',
    stop: 'Ne plus recevoir d’e-mails pour ce message',
    automatic: 'Cet e-mail a été envoyé automatiquement.',
  },
  trackingTitle: (reference: string) => `Votre message ${reference}`,
  yourMessage: 'Votre message',
  timeline: 'Suivi',
  status: { unanswered: 'En attente de réponse', committed: 'Réponse donnée, suivi en cours', closed: 'Traité' },
  author: { customer: 'Vous', team: 'Notre équipe', system: 'Accusé de réception' },
  commitmentsTitle: 'Nous nous engageons à :',
  dueBy: (date: string) => `d’ici le ${date}`,
  commitmentStatus: { open: 'en cours', fulfilled: 'tenu', dropped: 'abandonné' },
  followUp: { commitment_fulfilled: 'Engagement tenu :', commitment_dropped: 'Engagement abandonné :' },
  /** The customer's choice about emails: on the tracking page and behind the link in every email. */
  emails: {
    title: 'E-mails',
    state: {
      on: 'Nous vous écrivons par e-mail à chaque étape : notre réponse, puis ce que deviennent nos engagements.',
      off: 'Les e-mails sont arrêtés : nous ne vous écrivons plus au sujet de ce message. Tout reste sur cette page.',
      bouncing:
        'Nos e-mails n’arrivent pas à votre adresse (ils nous reviennent) : nous avons cessé d’en envoyer. Tout reste sur cette page.',
    },
    turnOff: 'Ne plus recevoir d’e-mails sur ce message',
    turnOn: 'Recevoir à nouveau les e-mails',
    pageTitle: (reference: string) => `E-mails sur votre message ${reference}`,
    confirm:
      'Voulez-vous ne plus recevoir d’e-mails au sujet de ce message ? Vous pourrez toujours le suivre sur sa page, et y réactiver les e-mails.',
    cannotTurnOn:
      'Les e-mails ne peuvent pas être réactivés : ceux que nous envoyons à votre adresse nous reviennent sans être distribués. Seule une autre adresse y changerait quelque chose.',
    back: 'Revenir à votre message',
  },
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
  /** Only the widget says these (it also uses the form's labels, `send` and `problems.email`). */
  widget: {
    sending: 'Envoi…',
    empty: 'Écrivez votre message.',
    invalid: 'Vérifiez les champs indiqués.',
    tooLong: 'C’est trop long.',
    queued: 'Votre message est gardé sur cet appareil et sera envoyé automatiquement dès que possible.',
    queuedInPage:
      'Votre message n’a pas encore pu être envoyé. Il sera envoyé automatiquement dès que possible, si cette page reste ouverte.',
    refused: 'Votre message n’a pas pu être envoyé :',
    notAccepted:
      'Ce formulaire n’accepte pas les messages de ce site. Votre texte est toujours là : copiez-le pour l’envoyer autrement.',
    sent: 'Votre message a été envoyé.',
    reference: 'Référence :',
    follow: 'Suivre la réponse',
    another: 'Écrire un autre message',
  },
};

export type CustomerStrings = typeof fr;
