import { fitText, textWidth } from './fit-text.js';

/** A plain text table: columns padded to their widest cell, numbers right-aligned. */
export interface Column {
  readonly title: string;
  readonly align: 'left' | 'right';
  /** May be cut to fit the width: from the start (paths keep their file name) or the end. */
  readonly cut?: 'start' | 'end';
}

export interface TableOptions {
  readonly indent?: string;
  /** The widest a line may be; cuttable columns give way, the rightmost first. */
  readonly maxWidth?: number;
  /** Wraps a padded cell in escapes (colour); row -1 is the header. Widths count the text alone. */
  readonly style?: (text: string, row: number, column: number) => string;
}

const GAP = '  ';
/** A cut column keeps at least this many characters. */
const MIN_CUT_WIDTH = 12;

export function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[], options: TableOptions = {}): string {
  const { indent = '  ', maxWidth = Infinity, style = (text: string) => text } = options;
  const widths = columns.map((column, i) => Math.max(textWidth(column.title), ...rows.map((row) => textWidth(row[i] ?? ''))));
  let excess = indent.length + widths.reduce((sum, width) => sum + width, 0) + GAP.length * (columns.length - 1) - maxWidth;
  // Cuttable columns give way from the right: labels before the module path.
  for (let i = columns.length - 1; i >= 0 && excess > 0; i--) {
    if (columns[i]?.cut === undefined) continue;
    const take = Math.min(excess, Math.max(0, (widths[i] as number) - MIN_CUT_WIDTH));
    widths[i] = (widths[i] as number) - take;
    excess -= take;
  }
  const line = (cells: readonly string[], row: number): string =>
    (
      indent +
      columns
        .map((column, i) => {
          const width = widths[i] as number;
          const cell = fitText(cells[i] ?? '', width, column.cut ?? 'end');
          // The last column, left-aligned, needs no padding (which styling would keep from being trimmed).
          const last = i === columns.length - 1 && column.align === 'left';
          const pad = last ? '' : ' '.repeat(width - textWidth(cell));
          return style(column.align === 'right' ? pad + cell : cell + pad, row, i);
        })
        .join(GAP)
    ).trimEnd();
  return [line(columns.map((column) => column.title), -1), ...rows.map((row, r) => line(row, r))].join('\n');
}
