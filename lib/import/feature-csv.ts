// A feature file for `analytics segment`: CSV with a header row of numeric columns, and optionally an
// id column passed through. Bad input is refused with the row and column that is wrong.
import { parse } from "csv-parse/sync";
import { createMatrix, type Matrix } from "../analytics/matrix";

export class FeatureFileError extends Error {
  override name = "FeatureFileError";
}

export type FeatureFile = { ids: string[] | null; names: string[]; matrix: Matrix };

export function parseFeatureCsv(text: string, options: { idCol?: string } = {}): FeatureFile {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: false }) as string[][];
  } catch (err) {
    throw new FeatureFileError(`Not a valid CSV file: ${(err as Error).message}`);
  }
  const header = records[0];
  if (!header || header.length === 0)
    throw new FeatureFileError("The file is empty: expected a header row of column names.");
  const idIndex = options.idCol === undefined ? -1 : header.indexOf(options.idCol);
  if (options.idCol !== undefined && idIndex < 0) {
    throw new FeatureFileError(`No column named "${options.idCol}" (columns: ${header.join(", ")}).`);
  }
  const columns = header.map((name, j) => ({ name, j })).filter((c) => c.j !== idIndex);
  if (columns.length === 0) throw new FeatureFileError("No feature columns besides the id column.");
  const rows = records.slice(1);
  if (rows.length === 0) throw new FeatureFileError("The file has a header but no rows.");
  const matrix = createMatrix(rows.length, columns.length);
  const ids: string[] | null = idIndex >= 0 ? [] : null;
  rows.forEach((row, i) => {
    if (ids) ids.push(row[idIndex] ?? "");
    columns.forEach((c, k) => {
      const cell = row[c.j] ?? "";
      // Empty cells and NA/NaN are missing values (imputed); anything else must be a number.
      const value = cell === "" || /^(na|nan|null)$/i.test(cell) ? NaN : Number(cell);
      if (Number.isNaN(value) && !(cell === "" || /^(na|nan|null)$/i.test(cell))) {
        throw new FeatureFileError(
          `Column "${c.name}" is not numeric: row ${i + 2} has "${cell}". Remove text columns or name the id column with --id-col.`,
        );
      }
      if (!Number.isNaN(value) && !Number.isFinite(value))
        throw new FeatureFileError(`Column "${c.name}", row ${i + 2}: ${cell} is not a finite number.`);
      matrix.data[i * columns.length + k] = value;
    });
  });
  return { ids, names: columns.map((c) => c.name), matrix };
}
