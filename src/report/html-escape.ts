const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML and SVG, in element content and quoted attributes alike; control characters dropped. */
export function escapeHtml(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '').replace(/[&<>"']/g, (c) => ENTITIES[c] as string);
}

/** A coordinate for SVG: one decimal is finer than a pixel and keeps the file small. */
export function coordinate(value: number): string {
  return String(Math.round(value * 10) / 10);
}
