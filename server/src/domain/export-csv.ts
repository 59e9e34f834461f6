// The CSV exports as streams: keyset pages read one after the other, only when the client has taken
// the rows before (Readable.from pulls the next page on demand), so memory stays flat whatever the
// period. UTF-8 with a BOM (spreadsheets otherwise guess the encoding), the locale's separator, a
// header row that names the time zone, and no cell a spreadsheet would run as a formula.
import { pipeline, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import {
  COMMITMENT_EXPORT_COLUMNS,
  CSV_SEPARATOR,
  EXPORT_HEADERS,
  MESSAGE_EXPORT_COLUMNS,
  neutraliseFormula,
} from '@ecoute/shared/exports';
import type { Locale } from '@ecoute/shared/locale';
import {
  findCommitmentExportPage,
  findMessageExportPage,
  type ExportCursor,
  type ExportFilters,
} from '../db/exports.repo.ts';
import { findTeamName } from '../db/teams.repo.ts';
import type { Db } from '../db/transaction.ts';
import { DomainError } from './errors.ts';

/** Rows read per query: large enough that round trips cost little, small enough to hold at once. */
export const EXPORT_PAGE_SIZE = 5_000;

export interface ExportRequest {
  filters: ExportFilters;
  locale: Locale;
  /** Tests make pages small to cross their edges with few rows. */
  pageSize?: number;
}

export interface CsvExport {
  filename: string;
  stream: Readable;
}

type ReadPage<R> = (after: ExportCursor | undefined, limit: number) => Promise<R[]>;

/**
 * The rows, page after page. The next page is read while the client takes this one, so the database
 * and the writing overlap; never more than one page ahead, so memory stays bounded by two pages.
 */
async function* rowsByPage<R extends { id: string; sortKey: string }>(read: ReadPage<R>, pageSize: number) {
  let page = read(undefined, pageSize);
  for (;;) {
    const rows = await page;
    const last = rows.at(-1);
    const more = last !== undefined && rows.length === pageSize;
    if (more) {
      page = read([last.sortKey, last.id], pageSize);
      // A client gone before this page is awaited must not leave its failure unhandled.
      page.catch(() => {});
    }
    yield* rows;
    if (!more) return;
  }
}

async function checkFilters(db: Db, { from, to, teamId }: ExportFilters): Promise<void> {
  if (from && to && from > to) {
    throw new DomainError('invalid_input', 'invalid_period', 'The period ends before it starts.', {
      fields: { to: 'must be on or after from' },
    });
  }
  if (teamId && !(await findTeamName(db, teamId))) {
    throw new DomainError('invalid_input', 'unknown_team', 'There is no such team.', {
      fields: { teamId: 'no team has this id' },
    });
  }
}

function csvOf<R extends { id: string; sortKey: string }>(
  columns: readonly string[],
  headers: Record<string, string>,
  locale: Locale,
  rows: AsyncIterable<R>,
): Readable {
  const csv = stringify({
    bom: true,
    delimiter: CSV_SEPARATOR[locale],
    record_delimiter: 'windows',
    header: true,
    columns: columns.map((key) => ({ key, header: headers[key]! })),
    cast: { string: neutraliseFormula },
  });
  // A failed page, or a client gone, destroys both ends: no further page is read.
  return pipeline(Readable.from(rows), csv, () => {});
}

const filenameOf = (what: string, { from, to }: ExportFilters) =>
  `ecoute-${what}${from ? `-from-${from}` : ''}${to ? `-to-${to}` : ''}.csv`;

async function exportCsv<R extends { id: string; sortKey: string }>(
  db: Db,
  { filters, locale, pageSize = EXPORT_PAGE_SIZE }: ExportRequest,
  what: 'messages' | 'commitments',
  columns: readonly string[],
  readPage: (filters: ExportFilters, after: ExportCursor | undefined, limit: number) => Promise<R[]>,
): Promise<CsvExport> {
  await checkFilters(db, filters);
  const rows = rowsByPage((after, limit) => readPage(filters, after, limit), pageSize);
  return { filename: filenameOf(what, filters), stream: csvOf(columns, EXPORT_HEADERS[locale][what], locale, rows) };
}

/** Messages received in the period (spam included, its status says so), oldest first, with their times. */
export const exportMessagesCsv = (db: Db, request: ExportRequest) =>
  exportCsv(db, request, 'messages', MESSAGE_EXPORT_COLUMNS, (...page) => findMessageExportPage(db, ...page));

/** Commitments made in the period, oldest first, with their message's reference and what became of them. */
export const exportCommitmentsCsv = (db: Db, request: ExportRequest) =>
  exportCsv(db, request, 'commitments', COMMITMENT_EXPORT_COLUMNS, (...page) => findCommitmentExportPage(db, ...page));
