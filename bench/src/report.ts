/** The bench's table and JSON: one row per metric, both libraries measured in the same run. */

/** One measured metric. */
export interface Row {
  readonly id: string;
  readonly metric: string;
  readonly unit: string;
  /** Which direction is better. */
  readonly better: 'lower' | 'higher';
  readonly ropcKit: number;
  readonly oidc: number;
}

/** `ropcKit / oidc`, or null when it has no meaning (division by zero). */
export function ratio(row: Row): number | null {
  if (row.oidc === 0) return row.ropcKit === 0 ? 1 : null;
  return row.ropcKit / row.oidc;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(1);
}

function formatRatio(row: Row): string {
  const r = ratio(row);
  if (r === null) return 'n/a';
  return `${r < 0.1 && r > 0 ? r.toFixed(3) : r.toFixed(2)}x`;
}

/** The side-by-side table as plain text. */
export function formatTable(rows: readonly Row[], oidcName: string): string {
  const header = ['metric', 'unit', 'ropc-kit', oidcName, 'ratio', 'better'];
  const body = rows.map((row) => [
    row.metric,
    row.unit,
    formatNumber(row.ropcKit),
    formatNumber(row.oidc),
    formatRatio(row),
    row.better,
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((cells) => cells[column]?.length ?? 0)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (column < 2 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** The JSON written to `bench/results/latest.json`. */
export function toJson(rows: readonly Row[], meta: Record<string, unknown>): string {
  const results = rows.map((row) => ({ ...row, ratio: ratio(row) }));
  return `${JSON.stringify({ ...meta, results }, null, 2)}\n`;
}
