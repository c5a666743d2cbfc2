import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeInputs, fileInput, render, type AnalyzeOptions } from '../src/index.js';
import { sample } from './helpers/paths.js';

/** Every renderer's output: the JSON report, and the charts and sparklines drawn from the points. */
async function rendered(files: readonly string[], options: Partial<AnalyzeOptions>, spillFromPoints: number) {
  const { report, plots } = await analyzeInputs(files.map(fileInput), { ...options, spillFromPoints });
  return { records: report.input.records, outputs: (['json', 'text', 'markdown', 'html'] as const).map((format) => render(report, format, { plots })) };
}

describe('analyzeInputs with points in a temporary file', () => {
  const cases: [string, string[], Partial<AnalyzeOptions>][] = [
    ['the story', [sample('story.jsonl')], {}],
    ['an export read twice (duplicates, out of order)', [sample('story.jsonl'), sample('story.jsonl')], {}],
    ['restarts', [sample('scenarios/restarts-leak.jsonl.gz')], {}],
    ['a fleet, in a window', [sample('scenarios/fleet-one-leaks.jsonl.gz')], { window: { hours: 12 } }],
  ];
  for (const [name, files, options] of cases) {
    it(`reports ${name} as it does from memory`, async () => {
      const fromMemory = await rendered(files, options, Infinity);
      const fromFile = await rendered(files, options, 100);
      assert.ok(fromMemory.records > 1000, 'enough points to go to the file many times');
      assert.deepEqual(fromFile, fromMemory);
    });
  }
});
