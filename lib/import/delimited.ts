// Line-oriented delimited files for the command-line evaluators (transactions, ratings,
// interactions): CSV (RFC 4180 quoting), tab-separated, or whitespace-separated as in the CDNOW and
// MovieLens files. One record per line, blank lines kept as empty records so that record i is line
// i + 1 and errors can name the line.
import { parse } from "csv-parse/sync";

export type Separator = "," | "\t" | "whitespace";

export function splitRecords(text: string, separator: Separator): string[][] {
  if (separator === "whitespace") {
    return text
      .replace(/^\uFEFF/, "")
      .split(/\r?\n/)
      .map((line) => {
        const trimmed = line.trim();
        return trimmed === "" ? [] : trimmed.split(/\s+/);
      });
  }
  try {
    return parse(text, {
      bom: true,
      delimiter: separator,
      trim: true,
      relax_column_count: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (err) {
    throw new RangeError(`Not a valid ${separator === "\t" ? "tab-separated" : "CSV"} file: ${(err as Error).message}`);
  }
}

export const isBlankRecord = (r: readonly string[]) => r.length === 0 || (r.length === 1 && r[0] === "");

/**
 * The header (the first non-blank record, or the given column names when the file has none) and the
 * index of the first data record.
 */
export function headerOf(
  records: readonly string[][],
  columns: readonly string[] | undefined,
): { header: string[]; start: number } | null {
  if (columns) return { header: [...columns], start: 0 };
  const first = records.findIndex((r) => !isBlankRecord(r));
  if (first < 0) return null;
  return { header: records[first] as string[], start: first + 1 };
}

/** The index of a named column, or an error naming the columns there are ("_" columns are ignored). */
export function columnIndex(header: readonly string[], name: string, flag: string, named: boolean): number {
  const j = header.indexOf(name);
  if (j < 0) {
    const shown = header.filter((h) => h !== "_").join(", ");
    throw new RangeError(
      `No column named "${name}" (columns: ${shown}). Name it with ${flag}${named ? " or in --columns" : ""}.`,
    );
  }
  return j;
}

/** One line per kind of problem with a count and the first few lines, for the command line. */
export function describeRowErrors(errors: readonly { problem: string; message: string }[], show = 5): string {
  const byKind = new Map<string, { message: string }[]>();
  for (const e of errors) byKind.set(e.problem, [...(byKind.get(e.problem) ?? []), e]);
  return [...byKind.values()]
    .map((list) => {
      const first = list.slice(0, show).map((e) => `    ${e.message}`);
      const more = list.length > show ? [`    … and ${list.length - show} more`] : [];
      return [`  ${list.length} row(s):`, ...first, ...more].join("\n");
    })
    .join("\n");
}
