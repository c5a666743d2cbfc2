import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, render } from '../src/index.js';
import { record } from './helpers/records.js';

const KiB = 1024;

describe('analyze (the library entry point)', () => {
  const records = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].flatMap((h) => [
    record('/app/conn.py', h, 1800 * KiB + 20 * KiB * h, { resolution: KiB }),
    record('/app/pool.py', h, 2560 * KiB, { resolution: KiB }),
  ]);

  it('reports records held in memory, with their suspects, and renders them', () => {
    const report = analyze(records);
    assert.deepEqual(report.input.files, []);
    assert.equal(report.input.lines, 0);
    assert.equal(report.input.records, 24);
    assert.deepEqual(report.suspects.map((finding) => finding.module), ['/app/conn.py']);
    assert.equal(report.series.find((finding) => finding.module === '/app/pool.py')?.verdict, 'flat');
    assert.match(render(report, 'text'), /\/app\/conn\.py .* leak/);
    assert.equal(JSON.parse(render(report, 'json')).tool, 'leak-suspects');
  });

  it('takes settings: an impossible minimum growth leaves no suspect', () => {
    assert.equal(analyze(records, { minGrowthBytesPerHour: 1024 * KiB }).suspects.length, 0);
  });
});
