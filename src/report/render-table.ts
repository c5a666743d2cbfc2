/** A plain text table: columns padded to their widest cell, numbers right-aligned. */
export interface Column {
  readonly title: string;
  readonly align: 'left' | 'right';
}

export function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[], indent = '  '): string {
  const widths = columns.map((column, i) => Math.max(column.title.length, ...rows.map((row) => [...(row[i] ?? '')].length)));
  const line = (cells: readonly string[]): string =>
    indent +
    columns
      .map((column, i) => {
        const cell = cells[i] ?? '';
        const pad = ' '.repeat((widths[i] as number) - [...cell].length);
        return column.align === 'right' ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  return [line(columns.map((column) => column.title)), ...rows.map(line)].join('\n');
}
