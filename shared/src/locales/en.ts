// What Ecoute says to customers in English: the same keys as the French catalogue.
import type { CustomerStrings } from './fr.ts';

export const en: CustomerStrings = {
  acknowledgement: {
    greeting: (name) => (name ? `Hello ${name},` : 'Hello,'),
    received: (reference) => `thank you for your message: we have received it under reference ${reference}.`,
    reading: 'A person on our team is reading it and will answer you personally.',
    follow: (trackingUrl) => `You can follow the answer and write to us again here: ${trackingUrl}`,
  },
  email: {
    subject: {
      acknowledgement: (reference) => `[${reference}] We have received your message`,
      reply: (reference) => `Re: [${reference}] We have received your message`,
      commitment_kept: (reference) => `[${reference}] Commitment kept`,
      commitment_dropped: (reference) => `[${reference}] A commitment we will not keep`,
    },
    yourWords: 'You wrote to us:',
    replyIntro: 'Our answer:',
    kept: (description) => `We committed to: ${description}. It is done.`,
    keptOutcome: 'What we did:',
    dropped: (description) => `We committed to: ${description}. We will not be able to do it.`,
    droppedReason: 'Why:',
    answerByEmail: 'You can answer this email directly: your answer will join your message.',
    track: 'Follow your message',
    stop: 'Stop emails about this message',
    automatic: 'This email was sent automatically.',
  },
  trackingTitle: (reference) => `Your message ${reference}`,
  yourMessage: 'Your message',
  timeline: 'Follow-up',
  status: { unanswered: 'Waiting for an answer', committed: 'Answered, follow-up in progress', closed: 'Done' },
  author: { customer: 'You', team: 'Our team', system: 'Acknowledgement' },
  commitmentsTitle: 'We commit to:',
  dueBy: (date) => `by ${date}`,
  commitmentStatus: { open: 'in progress', fulfilled: 'done', dropped: 'dropped' },
  followUp: { commitment_fulfilled: 'Commitment kept:', commitment_dropped: 'Commitment dropped:' },
  emails: {
    title: 'Emails',
    state: {
      on: 'We email you at each step: our answer, then what becomes of our commitments.',
      off: 'Emails are off: we no longer write to you about this message. Everything stays on this page.',
      bouncing:
        'Our emails do not reach your address (they come back to us), so we stopped sending them. Everything stays on this page.',
    },
    turnOff: 'Stop emails about this message',
    turnOn: 'Receive emails again',
    pageTitle: (reference) => `Emails about your message ${reference}`,
    confirm:
      'Do you want to stop receiving emails about this message? You can still follow it on its page, and turn emails back on there.',
    cannotTurnOn:
      'Emails cannot be turned back on: the ones we send to your address come back undelivered. Only another address would change that.',
    back: 'Back to your message',
  },
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
  formTitle: (name) => `Write to us — ${name}`,
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
  widget: {
    sending: 'Sending…',
    empty: 'Please write your message.',
    invalid: 'Please check the fields shown.',
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
};
