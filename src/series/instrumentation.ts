/**
 * Frames that are not the service's own memory, left out unless `--include-all`: tracemalloc's
 * own snapshots (`tracemalloc.py`), and the interpreter's `<frozen ...>` and `<unknown>` frames.
 */
export function isInstrumentationFrame(filename: string): boolean {
  if (filename.startsWith('<')) return filename.startsWith('<frozen ') || filename === '<unknown>';
  const slash = Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\'));
  return filename.slice(slash + 1) === 'tracemalloc.py';
}
