// The CSV exports as streams: rows read through one cursor in batches, each batch written as one chunk,
// the next read only when the client has taken the ones before (Readable.from pulls on demand), so
// memory stays flat whatever the period. UTF-8 with a BOM (spreadsheets otherwise guess the encoding),
// the locale's separator, a header row that names the time zone, and no cell a spreadsheet would run
// as a formula.
import { Readable } from 'node:stream';
import { stringify, type Options } from 'csv-stringify/sync';
import {
  COMMITMENT_EXPORT_COLUMNS,
  CSV_SEPARATOR,
  EXPORT_HEADERS,
  MESSAGE_EXPORT_COLUMNS,
  neutraliseFormula,
} from '@ecoute/shared/exports';
import type { Locale } from '@ecoute/shared/locale';
import type { SQL } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import {
  commitmentExportQuery,
  messageExportQuery,
  readInBatches,
  type ExportFilters,
  type ExportRow,
} from '../db/exports.repo.ts';
import { findTeamName } from '../db/teams.repo.ts';
import type { Db } from '../db/transaction.ts';
import { DomainError } from './errors.ts';

/**
 * Rows fetched and written at once: large enough that a fetch, a stringify call and a socket write
 * cost little per row, small enough that two batches (written, and fetched ahead) weigh a few MB.
 */
export const EXPORT_BATCH_SIZE = 5_000;

export interface ExportRequest {
  filters: ExportFilters;
  locale: Locale;
  /** Tests make batches small to cross their edges with few rows. */
  batchSize?: number;
}

export interface CsvExport {
  filename: string;
  stream: Readable;
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

/** The file, chunk by chunk: the BOM and the header row, then each batch of rows as one chunk. */
async function* csvChunks(headers: string[], locale: Locale, batches: AsyncIterable<ExportRow[]>) {
  const options: Options = {
    delimiter: CSV_SEPARATOR[locale],
    record_delimiter: 'windows',
    cast: { string: neutraliseFormula },
  };
  yield Buffer.from(stringify([headers], { ...options, bom: true }));
  for await (const rows of batches) yield Buffer.from(stringify(rows, options));
}

const filenameOf = (what: string, { from, to }: ExportFilters) =>
  `ecoute-${what}${from ? `-from-${from}` : ''}${to ? `-to-${to}` : ''}.csv`;

async function exportCsv(
  db: Database,
  { filters, locale, batchSize = EXPORT_BATCH_SIZE }: ExportRequest,
  what: 'messages' | 'commitments',
  columns: readonly string[],
  query: SQL,
): Promise<CsvExport> {
  await checkFilters(db, filters);
  const headerOf: Record<string, string> = EXPORT_HEADERS[locale][what];
  const chunks = csvChunks(
    columns.map((column) => headerOf[column]!),
    locale,
    readInBatches(db, query, batchSize),
  );
  // Bytes, not objects: the stream holds at most one batch beyond the one being written. A failed
  // fetch, or a client gone, ends the generator, which closes the cursor.
  return { filename: filenameOf(what, filters), stream: Readable.from(chunks, { objectMode: false }) };
}

/** Messages received in the period (spam included, its status says so), oldest first, with their times. */
export const exportMessagesCsv = (db: Database, request: ExportRequest) =>
  exportCsv(db, request, 'messages', MESSAGE_EXPORT_COLUMNS, messageExportQuery(request.filters));

/** Commitments made in the period, oldest first, with their message's reference and what became of them. */
export const exportCommitmentsCsv = (db: Database, request: ExportRequest) =>
  exportCsv(db, request, 'commitments', COMMITMENT_EXPORT_COLUMNS, commitmentExportQuery(request.filters));
