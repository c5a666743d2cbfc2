/**
 * Bundles the command (and its two worker threads) from tsc's output in dist/src into dist/cli:
 * a few files instead of about 400 modules. Node 20 spends most of a short run loading modules one
 * by one (resolving, reading and linking each; zod alone is 95 files, @stdlib 163): measured
 * on this project's machine, `--version` took 0.46 s from dist/src and 0.28 s bundled, a 300 KB
 * export 0.51 s and 0.34 s, and the bench's 517 MB export 3.32–3.54 s and 3.12–3.30 s (3 runs
 * each). The library (`import 'leak-suspects'`) stays tsc's modules: its users bundle as they like.
 *
 * Run by `npm run build`, after tsc.
 */
import { chmodSync } from 'node:fs';
import { build } from 'esbuild';

await build({
  // The worker threads are entry points of their own: split-reading.ts and judge-in-parallel.ts
  // start them as `new URL('./read-worker.js', import.meta.url)`, which resolves beside the chunk
  // that says so, so every file lands flat in one directory.
  entryPoints: ['dist/src/cli/bin.js', 'dist/src/read/read-worker.js', 'dist/src/trend/judge-worker.js'],
  outdir: 'dist/cli',
  entryNames: '[name]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Dependencies written as CommonJS (@stdlib, csv-parse's helpers) require node's own modules;
  // an ES module has no `require` of its own, so the bundle makes one.
  banner: { js: "import { createRequire as leakSuspectsCreateRequire } from 'node:module'; const require = leakSuspectsCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
chmodSync('dist/cli/bin.js', 0o755);
// tsc's entry stays runnable too: npx keeps, per checkout, the bin link it made the first time it
// ran the command there, and in checkouts that ran it before it was bundled that link still
// points at dist/src/cli/bin.js (the same command, unbundled): without this, "Permission denied".
chmodSync('dist/src/cli/bin.js', 0o755);
