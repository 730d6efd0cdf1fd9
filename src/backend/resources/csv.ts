/**
 * CSV as RFC 4180 has it: comma-separated, fields with commas, quotes or line breaks quoted, quotes doubled,
 * CRLF or LF line ends, an optional UTF-8 BOM. Cells are written verbatim (no spreadsheet formula escaping, which
 * would change the data on a round trip).
 */
import { HttpError } from './http';

export function formatCsv(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return [header, ...rows].map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n';
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) || cell !== cell.trim() ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** Rows of cells. @throws HttpError 400 on an unterminated quote or a stray quote inside a bare field. */
export function parseCsv(input: string): string[][] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let quoteStartLine = 0;
  let i = 0;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  const endRow = () => {
    endCell();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        if (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          throw new HttpError(400, `CSV line ${line}: unexpected character after a closing quote`);
        }
        continue;
      }
      if (c === '\n') {
        line += 1;
      }
      cell += c;
      i += 1;
      continue;
    }
    if (c === '"') {
      if (cell !== '') {
        throw new HttpError(400, `CSV line ${line}: quote inside an unquoted field (quote the whole field)`);
      }
      quoted = true;
      quoteStartLine = line;
      i += 1;
    } else if (c === ',') {
      endCell();
      i += 1;
    } else if (c === '\r' || c === '\n') {
      endRow();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line += 1;
    } else {
      cell += c;
      i += 1;
    }
  }
  if (quoted) {
    throw new HttpError(400, `CSV line ${quoteStartLine}: quoted field never closed`);
  }
  if (cell !== '' || row.length > 0) {
    endRow();
  }
  return rows;
}
