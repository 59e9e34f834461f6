// The widget's words, in French and English.
export const STRINGS = {
  en: {
    body: 'Your message',
    name: 'Your name (optional)',
    email: 'Your email (optional)',
    emailHint: 'Only used to send you our answer.',
    send: 'Send',
    sending: 'Sending…',
    empty: 'Please write your message.',
    invalid: 'Please check the fields shown.',
    emailInvalid: 'This email address is not valid.',
    tooLong: 'This is too long.',
    queued: 'Your message is saved on this device and will be sent automatically as soon as we can be reached.',
    queuedInPage:
      'Your message could not be sent yet. It will be sent automatically as soon as we can be reached, if this page stays open.',
    refused: 'Your message could not be sent:',
    notAccepted:
      'This form does not accept messages from this website. Your text is still here: copy it to send it another way.',
    sent: 'Your message has been sent.',
    reference: 'Reference:',
    follow: 'Follow the answer',
    another: 'Write another message',
  },
  fr: {
    body: 'Votre message',
    name: 'Votre nom (facultatif)',
    email: 'Votre e-mail (facultatif)',
    emailHint: 'Seulement pour vous envoyer notre réponse.',
    send: 'Envoyer',
    sending: 'Envoi…',
    empty: 'Écrivez votre message.',
    invalid: 'Vérifiez les champs indiqués.',
    emailInvalid: 'Cette adresse e-mail n’est pas valide.',
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

export type Lang = keyof typeof STRINGS;
