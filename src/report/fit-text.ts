/** Characters as a terminal counts them (code points; the report's text has no wide characters). */
export function textWidth(text: string): number {
  return [...text].length;
}

/** The text cut to `width` characters with an ellipsis at the cut end: `start` keeps a path's file name. */
export function fitText(text: string, width: number, cut: 'start' | 'end'): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  return cut === 'start' ? `…${chars.slice(chars.length - width + 1).join('')}` : `${chars.slice(0, width - 1).join('')}…`;
}
