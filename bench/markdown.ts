/** A Markdown table, the given columns right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], rightAligned: readonly number[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  const rule = header.map((_, k) => (rightAligned.includes(k) ? '---:' : '---'));
  return [line(header), line(rule), ...rows.map(line)].join('\n');
}
