import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { projectToLimit } from '../../src/report/projection.js';
import type { Finding } from '../../src/report/report.js';
import { finding as suspect } from '../helpers/findings.js';

const MiB = 1024 ** 2;
const TO = '2026-11-03T00:00:00.000Z';

function finding(module: string, sizeLast: number, growth: [number, number, number] | null, host = 'web-1'): Finding {
  return suspect({
    module,
    labels: { host },
    verdict: growth === null ? 'flat' : 'leak',
    points: 100,
    to: TO,
    sizeFirst: sizeLast,
    sizeLast,
    growthBytesPerHour: growth?.[0] ?? 0,
    growthLow: growth?.[1] ?? 0,
    growthHigh: growth?.[2] ?? 0,
  });
}

describe('projectToLimit', () => {
  it('divides the headroom over the process by the growth, with the interval at both ends', () => {
    const leak = finding('/app/leak.py', 2 * MiB, [1 * MiB, 0.5 * MiB, 2 * MiB]);
    const series = [leak, finding('/app/pool.py', 6 * MiB, null), finding('/app/other-host.py', 100 * MiB, null, 'web-2')];
    const projection = projectToLimit([leak], series, 16 * MiB).get(leak);
    assert.ok(projection);
    assert.equal(projection.processBytes, 8 * MiB, 'only the same process counts');
    assert.equal(projection.hours, 8);
    assert.equal(projection.reachesAt, '2026-11-03T08:00:00.000Z');
    assert.equal(projection.earliest, '2026-11-03T04:00:00.000Z');
    assert.equal(projection.latest, '2026-11-03T16:00:00.000Z');
  });
  it('adds up the suspects of one process', () => {
    const a = finding('/app/a.py', 1 * MiB, [1 * MiB, 1 * MiB, 1 * MiB]);
    const b = finding('/app/b.py', 1 * MiB, [3 * MiB, 3 * MiB, 3 * MiB]);
    const projections = projectToLimit([a, b], [a, b], 10 * MiB);
    assert.equal(projections.get(a)?.processGrowthBytesPerHour, 4 * MiB);
    assert.equal(projections.get(b)?.hours, 2);
  });
  it('leaves the latest date open when the interval reaches zero growth', () => {
    const leak = finding('/app/leak.py', 1 * MiB, [1 * MiB, -0.1 * MiB, 2 * MiB]);
    assert.equal(projectToLimit([leak], [leak], 10 * MiB).get(leak)?.latest, null);
  });
  it('says a process already past the limit reaches it now', () => {
    const leak = finding('/app/leak.py', 20 * MiB, [1 * MiB, 1 * MiB, 1 * MiB]);
    const projection = projectToLimit([leak], [leak], 10 * MiB).get(leak);
    assert.equal(projection?.hours, 0);
    assert.equal(projection?.reachesAt, TO);
  });
  it('gives no date past what a Date holds', () => {
    const leak = finding('/app/leak.py', 0, [1e-6, 1e-6, 1e-6]);
    assert.equal(projectToLimit([leak], [leak], 1024 * MiB).get(leak)?.reachesAt, null);
  });
});
