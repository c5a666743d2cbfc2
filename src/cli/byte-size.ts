const FACTORS: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  k: 1024,
  kib: 1024,
  kb: 1000,
  m: 1024 ** 2,
  mib: 1024 ** 2,
  mb: 1000 ** 2,
  g: 1024 ** 3,
  gib: 1024 ** 3,
  gb: 1000 ** 3,
};

/** `512MiB`, `1.5 KiB`, `2048`, `4kb` → bytes; undefined when not a size. K, M, G alone are binary. */
export function parseByteSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  if (m === null) return undefined;
  const factor = FACTORS[(m[2] ?? '').toLowerCase()];
  return factor === undefined ? undefined : Number(m[1]) * factor;
}
