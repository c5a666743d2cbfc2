import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classify, type Evidence } from '../../src/trend/classify.js';
import { DEFAULT_TREND_SETTINGS } from '../../src/trend/settings.js';

const KiB = 1024;
const base: Evidence = {
  recentRate: 0,
  recentQ: 1,
  overallRate: 0,
  overallUpQ: 1,
  overallDownQ: 1,
  medianSize: 1024 * KiB,
  spanHours: 24,
  largestJump: 0,
  totalRise: 0,
  variation: 0.01,
  changed: false,
  regimeSpread: 4 * KiB,
  serialCorrelation: 0.1,
  recentRise: 72 * KiB,
  regimeNoise: 1 * KiB,
  finalHalfHigh: 3.2 * KiB,
};
const verdict = (evidence: Partial<Evidence>): string => classify({ ...base, ...evidence }, DEFAULT_TREND_SETTINGS);

describe('classify', () => {
  it('calls growth in the latest regime a leak only when significant and large enough', () => {
    assert.equal(verdict({ recentRate: 3 * KiB, recentQ: 1e-9, overallUpQ: 1e-9 }), 'leak');
    assert.equal(verdict({ recentRate: 3 * KiB, recentQ: 1e-9, overallUpQ: 0.3 }), 'flat', 'the latest regime alone is not enough');
    assert.equal(verdict({ recentRate: 3 * KiB, recentQ: 1e-9, overallUpQ: 1e-9, recentRise: 35 * KiB, regimeNoise: 59 * KiB }), 'flat', 'a rise lost in the noise');
    assert.equal(verdict({ recentRate: 3 * KiB, recentQ: 1e-9, overallUpQ: 1e-9, finalHalfHigh: 1 * KiB, totalRise: 72 * KiB }), 'plateau', 'growth that is levelling off');
    assert.equal(verdict({ recentRate: 3 * KiB, recentQ: 0.2 }), 'flat');
    assert.equal(verdict({ recentRate: 500, recentQ: 1e-9 }), 'flat');
  });

  it('holds a large module to a growth relative to its size', () => {
    const huge = { medianSize: 512 * 1024 * KiB, recentQ: 1e-9, overallUpQ: 1e-9 };
    assert.equal(verdict({ ...huge, recentRate: 10 * KiB, finalHalfHigh: 10 * KiB }), 'flat');
    assert.equal(verdict({ ...huge, recentRate: 100 * KiB, finalHalfHigh: 100 * KiB, recentRise: 2400 * KiB }), 'leak');
  });

  it('tells a plateau from a step by whether one jump makes most of the rise', () => {
    const grewOnce = { overallRate: 0, overallUpQ: 1e-6, totalRise: 1000 * KiB };
    assert.equal(verdict({ ...grewOnce, largestJump: 40 * KiB }), 'plateau');
    assert.equal(verdict({ ...grewOnce, largestJump: 900 * KiB }), 'step');
  });

  it('needs evidence of growth, and a rise worth an hour of the minimum and clear of the noise', () => {
    assert.equal(verdict({ overallUpQ: 0.3, totalRise: 1000 * KiB }), 'flat');
    assert.equal(verdict({ overallUpQ: 0.3, changed: true, totalRise: 1000 * KiB }), 'plateau');
    assert.equal(verdict({ overallUpQ: 1e-6, totalRise: 500 }), 'flat');
    assert.equal(verdict({ changed: true, totalRise: 10 * KiB, regimeSpread: 5 * KiB }), 'flat');
  });

  it('calls significant decline shrinking, and trendless spread noisy', () => {
    assert.equal(verdict({ overallRate: -20 * KiB, overallDownQ: 1e-5 }), 'shrinking');
    assert.equal(verdict({ overallRate: -3.6 * KiB, overallDownQ: 0.03, spanHours: 12, medianSize: 150 * KiB, variation: 0.33 }), 'noisy', 'a drift inside the noise');
    assert.equal(verdict({ variation: 0.6 }), 'noisy');
    assert.equal(verdict({ variation: 0.6, serialCorrelation: 0.9 }), 'flat', 'a smooth saw-tooth is not noise');
    assert.equal(verdict({ variation: 0.1 }), 'flat');
  });
});
