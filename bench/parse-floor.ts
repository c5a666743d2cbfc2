/**
 * The parsing floor: the least a Node program must do to pull tracemalloc records out of a
 * JSON-lines export — read it, decode it, split it into lines, and JSON.parse the lines that name
 * a tracemalloc event. No validation, no series, no statistics. Prints `{"lines", "parsed"}`.
 *
 *     node dist/bench/parse-floor.js FILE
 */
import { createReadStream } from 'node:fs';

const isTracemalloc = (line: string): boolean => line.includes('"top_current"') || line.includes('"since_start"');

let lines = 0;
let parsed = 0;
const take = (line: string): void => {
  lines += 1;
  if (isTracemalloc(line)) {
    JSON.parse(line);
    parsed += 1;
  }
};

let rest = '';
for await (const chunk of createReadStream(process.argv[2] as string, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
  const parts = (rest + (chunk as string)).split('\n');
  rest = parts.pop() as string;
  for (const line of parts) take(line);
}
if (rest !== '') take(rest);
process.stdout.write(`${JSON.stringify({ lines, parsed })}\n`);
