// What the weekly digest and the Customer Day reminder say, in the subscriber's language (the digest)
// or in both (the reminder: people have no language of their own yet).
import type { Locale } from '@ecoute/shared/locale';

export interface DigestStrings {
  subject: (about: string, from: string, to: string) => string;
  team: (name: string) => string;
  tag: (tag: string) => string;
  intro: (about: string, from: string, to: string) => string;
  received: (count: number) => string;
  answered: (count: number) => string;
  unansweredNow: (count: number) => string;
  taggedOnly: (tag: string) => string;
  verbatimsTitle: string;
  noVerbatims: string;
  unsubscribe: string;
  why: string;
  customerDay: {
    subject: (day: string) => string;
    text: (day: string) => string;
    open: string;
    why: string;
  };
}

export const DIGEST_STRINGS: Record<Locale, DigestStrings> = {
  fr: {
    subject: (about, from, to) => `La semaine de ${about} : du ${from} au ${to}`,
    team: (name) => `l’équipe ${name}`,
    tag: (tag) => `« ${tag} »`,
    intro: (about, from, to) => `Ce que les clients ont dit à ${about} du ${from} au ${to}.`,
    received: (count) => `Messages reçus : ${count}`,
    answered: (count) => `Messages reçus qui ont eu une réponse : ${count}`,
    unansweredNow: (count) => `Sans réponse en ce moment : ${count}`,
    taggedOnly: (tag) => `Ces chiffres portent sur les messages étiquetés « ${tag} ».`,
    verbatimsTitle: 'Leurs mots :',
    noVerbatims: 'Aucun message cette semaine.',
    unsubscribe: 'Ne plus recevoir ce résumé',
    why: 'Vous recevez ce résumé chaque semaine parce qu’un responsable d’Ecoute vous y a abonné.',
    customerDay: {
      subject: (day) => `Journée client dans une semaine : le ${day}`,
      text: (day) => `La prochaine Journée client a lieu le ${day}. Son rapport est prêt à être relu et publié.`,
      open: 'Ouvrir le rapport',
      why: 'Vous recevez ce rappel parce que vous êtes responsable ou administrateur.',
    },
  },
  en: {
    subject: (about, from, to) => `The week of ${about}: ${from} to ${to}`,
    team: (name) => `the ${name} team`,
    tag: (tag) => `“${tag}”`,
    intro: (about, from, to) => `What customers told ${about} from ${from} to ${to}.`,
    received: (count) => `Messages received: ${count}`,
    answered: (count) => `Messages received that got an answer: ${count}`,
    unansweredNow: (count) => `Unanswered right now: ${count}`,
    taggedOnly: (tag) => `These numbers are about the messages tagged “${tag}”.`,
    verbatimsTitle: 'In their own words:',
    noVerbatims: 'No messages this week.',
    unsubscribe: 'Stop receiving this digest',
    why: 'You receive this digest every week because an Ecoute manager subscribed you.',
    customerDay: {
      subject: (day) => `Customer Day in a week: ${day}`,
      text: (day) => `The next Customer Day is on ${day}. Its report is ready to be reviewed and published.`,
      open: 'Open the report',
      why: 'You receive this reminder because you are a manager or an admin.',
    },
  },
};
