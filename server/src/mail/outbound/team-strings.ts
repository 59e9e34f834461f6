// What Ecoute writes to the team about a message (reminders), in the message's language: the team
// answers customers in it, and the agent app's own words are the SPA's, not the server's.
import type { Locale } from '@ecoute/shared/locale';

export interface TeamStrings {
  subject: {
    commitment_due: (reference: string, description: string) => string;
    commitment_overdue: (reference: string, description: string) => string;
    unanswered: (reference: string) => string;
  };
  due: (description: string, dueOn: string) => string;
  overdue: (description: string, dueOn: string) => string;
  unanswered: (since: string) => string;
  customerWrote: string;
  open: string;
  why: string;
}

export const TEAM_STRINGS: Record<Locale, TeamStrings> = {
  fr: {
    subject: {
      commitment_due: (reference, description) => `[${reference}] Engagement dû demain : ${description}`,
      commitment_overdue: (reference, description) => `[${reference}] Engagement en retard : ${description}`,
      unanswered: (reference) => `[${reference}] Message toujours sans réponse`,
    },
    due: (description, dueOn) => `L’engagement « ${description} » est dû demain (${dueOn}).`,
    overdue: (description, dueOn) => `L’engagement « ${description} » était dû le ${dueOn} et n’est pas encore tenu.`,
    unanswered: (since) => `Ce client attend une réponse depuis ${since}.`,
    customerWrote: 'Le client a écrit :',
    open: 'Ouvrir le message',
    why: 'Vous recevez ce rappel parce que cet engagement vous est confié ou que vous êtes responsable de l’équipe.',
  },
  en: {
    subject: {
      commitment_due: (reference, description) => `[${reference}] Commitment due tomorrow: ${description}`,
      commitment_overdue: (reference, description) => `[${reference}] Commitment overdue: ${description}`,
      unanswered: (reference) => `[${reference}] Message still unanswered`,
    },
    due: (description, dueOn) => `The commitment “${description}” is due tomorrow (${dueOn}).`,
    overdue: (description, dueOn) => `The commitment “${description}” was due on ${dueOn} and is not kept yet.`,
    unanswered: (since) => `This customer has been waiting for an answer since ${since}.`,
    customerWrote: 'The customer wrote:',
    open: 'Open the message',
    why: 'You receive this reminder because the commitment is yours or because you manage the team.',
  },
};
