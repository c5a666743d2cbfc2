/**
 * `ndjson.parse()` alone: pipes the file through it and counts the objects, so the table shows
 * what a stream JSON-lines parser costs before any work is done. Prints `{"objects"}`.
 *
 *     node dist/bench/ndjson-count.js FILE
 */
import { createReadStream } from 'node:fs';
import { parse } from 'ndjson';

let objects = 0;
createReadStream(process.argv[2] as string)
  .pipe(parse({ strict: false }))
  .on('data', () => {
    objects += 1;
  })
  .on('end', () => process.stdout.write(`${JSON.stringify({ objects })}\n`));
