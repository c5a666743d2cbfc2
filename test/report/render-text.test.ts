import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeRecords } from '../../src/analyze.js';
import { renderText } from '../../src/report/render-text.js';
import { record } from '../helpers/records.js';

const KiB = 1024;
const ESCAPE = /\u001b\[[0-9;]*m/g;

function analysis() {
  const hours = Array.from({ length: 25 }, (_, h) => h);
  const module = '/usr/lib/python3.11/site-packages/shop/app/connection_pool_manager.py';
  return analyzeRecords(
    hours.flatMap((h) => [
      record(module, h, 1800 * KiB + 20 * KiB * h, { resolution: KiB, labels: { host: 'web-1', service: 'shop-frontend-api' } }),
      record('/app/pool.py', h, 2560 * KiB, { resolution: KiB, labels: { host: 'web-1', service: 'shop-frontend-api' } }),
    ]),
  );
}

describe('renderText', () => {
  it('draws a sparkline per suspect when it has the points', () => {
    const { report, plots } = analysis();
    const text = renderText(report, { plots });
    assert.match(text, /TREND/);
    const line = /[▁-█]{16}/.exec(text)?.[0] ?? '';
    assert.equal(line.length, 16);
    assert.ok(line.startsWith('▁') && line.endsWith('█'), line);
    assert.deepEqual([...line], [...line].sort(), 'steady growth never steps down');
    assert.doesNotMatch(renderText(report), /TREND/);
  });
  it('paints only when asked, and the paint is all that differs', () => {
    const { report, plots } = analysis();
    const plain = renderText(report, { plots });
    const colored = renderText(report, { plots, color: true });
    assert.doesNotMatch(plain, ESCAPE);
    assert.match(colored, /\u001b\[1;31m1 suspect among 2 series\u001b\[0m/);
    assert.equal(colored.replace(ESCAPE, ''), plain);
  });
  for (const width of [120, 100]) {
    it(`fits a terminal ${width} wide by cutting paths from the start`, () => {
      const { report, plots } = analysis();
      const text = renderText(report, { plots, width });
      const tableLines = text.split('\n').filter((line) => / (leak|flat) /.test(line) && !line.includes(' grew '));
      assert.ok(tableLines.length >= 2);
      for (const line of tableLines) assert.ok([...line].length <= width, `${line} is ${[...line].length} wide`);
      assert.match(text, /…\S*_manager\.py/);
    });
  }
  it('leaves the sparklines out before cutting further', () => {
    const { report, plots } = analysis();
    assert.match(renderText(report, { plots, width: 120 }), /TREND/);
    assert.doesNotMatch(renderText(report, { plots, width: 100 }), /TREND/);
  });
});
