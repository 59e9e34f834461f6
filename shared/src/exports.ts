// The CSV exports (messages with their times, commitments): what a request may ask for, and each
// file's columns, named in French and English. The server streams them, the SPA links to them.
import { Type, type Static } from 'typebox';
import { LOCALES, type Locale } from './locale.ts';

const Day = (description: string) => Type.String({ format: 'date', description });

export const ExportQuerySchema = Type.Object({
  from: Type.Optional(Day('Received (messages) or made (commitments) on or after this day, UTC')),
  to: Type.Optional(Day('Received (messages) or made (commitments) on or before this day, UTC')),
  teamId: Type.Optional(Type.String({ format: 'uuid', description: 'Only the messages of this team' })),
  locale: Type.Optional(
    Type.Enum(LOCALES, {
      description: 'Column names and separator: `fr` is `;`, `en` is `,` (default: the browser’s language)',
    }),
  ),
});
export type ExportQuery = Static<typeof ExportQuerySchema>;

/** A spreadsheet opens a CSV with its locale's list separator: `;` where the decimal mark is a comma. */
export const CSV_SEPARATOR: Record<Locale, string> = { fr: ';', en: ',' };

export const MESSAGE_EXPORT_COLUMNS = [
  'reference',
  'receivedAt',
  'acknowledgedAt',
  'firstReplyAt',
  'firstReplyBy',
  'secondsToFirstReply',
  'lastCustomerTurnAt',
  'status',
  'team',
  'assignee',
  'locale',
  'form',
  'tags',
  'customerName',
  'body',
] as const;
export type MessageExportColumn = (typeof MESSAGE_EXPORT_COLUMNS)[number];

export const COMMITMENT_EXPORT_COLUMNS = [
  'reference',
  'description',
  'owner',
  'dueOn',
  'state',
  'madeAt',
  'keptAt',
  'droppedAt',
  'outcome',
] as const;
export type CommitmentExportColumn = (typeof COMMITMENT_EXPORT_COLUMNS)[number];

/** The header row: times say their time zone, so that nobody reads them as local. */
export const EXPORT_HEADERS: Record<
  Locale,
  { messages: Record<MessageExportColumn, string>; commitments: Record<CommitmentExportColumn, string> }
> = {
  fr: {
    messages: {
      reference: 'Référence',
      receivedAt: 'Reçu (UTC)',
      acknowledgedAt: 'Accusé de réception (UTC)',
      firstReplyAt: 'Première réponse (UTC)',
      firstReplyBy: 'Première réponse par',
      secondsToFirstReply: 'Délai de première réponse (secondes, en heures ouvrées de l’équipe)',
      lastCustomerTurnAt: 'Début du dernier tour du client (UTC)',
      status: 'Statut',
      team: 'Équipe',
      assignee: 'Attribué à',
      locale: 'Langue',
      form: 'Formulaire',
      tags: 'Étiquettes',
      customerName: 'Nom du client',
      body: 'Message',
    },
    commitments: {
      reference: 'Référence du message',
      description: 'Engagement',
      owner: 'Responsable',
      dueOn: 'Échéance',
      state: 'État',
      madeAt: 'Pris le (UTC)',
      keptAt: 'Tenu le (UTC)',
      droppedAt: 'Abandonné le (UTC)',
      outcome: 'Ce qui a été fait ou pourquoi',
    },
  },
  en: {
    messages: {
      reference: 'Reference',
      receivedAt: 'Received (UTC)',
      acknowledgedAt: 'Acknowledged (UTC)',
      firstReplyAt: 'First reply (UTC)',
      firstReplyBy: 'First reply by',
      secondsToFirstReply: 'Time to first reply (seconds, in the team’s working hours)',
      lastCustomerTurnAt: 'Customer’s last turn began (UTC)',
      status: 'Status',
      team: 'Team',
      assignee: 'Assignee',
      locale: 'Language',
      form: 'Form',
      tags: 'Tags',
      customerName: 'Customer name',
      body: 'Message',
    },
    commitments: {
      reference: 'Message reference',
      description: 'Commitment',
      owner: 'Owner',
      dueOn: 'Due on',
      state: 'State',
      madeAt: 'Made (UTC)',
      keptAt: 'Kept (UTC)',
      droppedAt: 'Dropped (UTC)',
      outcome: 'What was done, or why not',
    },
  },
};

/**
 * A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a tab or carriage return
 * before one) is given a leading apostrophe, so that it is shown as the text it is (OWASP's advice).
 */
export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
