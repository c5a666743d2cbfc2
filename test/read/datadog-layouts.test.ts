import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fieldsFromJson } from '../../src/read/datadog-layouts.js';
import type { Fields } from '../../src/read/fields.js';

const KEYS = ['i', 'stat', 'pid', 'event', 'level', 'timestamp', 'host', 'service', 'pod_name', 'env', 'container_id'];
/** The fields a lookup answers for the keys the tool asks about. */
function view(fields: Fields | undefined): Record<string, unknown> | undefined {
  if (fields === undefined) return undefined;
  return Object.fromEntries(KEYS.map((key) => [key, fields(key)]).filter(([, value]) => value !== undefined));
}

const STAT = '/app/x.py:0: size=1840 KiB, count=12, average=153 KiB';
const STRUCTLOG = { i: 1, stat: STAT, pid: 4127, event: 'top_current', level: 'info', timestamp: '2026-11-02T00:05:03.123456Z' };

describe('fieldsFromJson', () => {
  it('takes a structlog object as it is', () => {
    assert.deepEqual(view(fieldsFromJson(STRUCTLOG)), STRUCTLOG);
  });

  it('prefers the structlog keys to the envelope, and the envelope to the tags', () => {
    const log = { type: 'log', attributes: { timestamp: 'envelope-time', host: 'envelope-host', tags: ['host:tag-host', 'pod_name:p'], attributes: { timestamp: 'own-time' } } };
    assert.deepEqual(view(fieldsFromJson(log)), { timestamp: 'own-time', host: 'envelope-host', pod_name: 'p' });
  });

  it('reads a v2 Log: structlog keys from attributes.attributes, host and service from attributes, tags as fields', () => {
    const log = {
      id: 'AQAAAY',
      type: 'log',
      attributes: { timestamp: '2026-11-02T00:05:03.123Z', host: 'web-1', service: 'shop', status: 'info', message: 'top_current', tags: ['pod_name:shop-7d9f', 'env:prod'], attributes: STRUCTLOG },
    };
    assert.deepEqual(view(fieldsFromJson(log)), { pod_name: 'shop-7d9f', env: 'prod', host: 'web-1', service: 'shop', ...STRUCTLOG });
  });

  it('reads a v1 list entry from its content', () => {
    const entry = { id: 'AQAAAY', content: { timestamp: '2026-11-02T00:05:03.123Z', host: 'web-1', service: 'shop', message: '', tags: [], attributes: STRUCTLOG } };
    assert.deepEqual(view(fieldsFromJson(entry)), { host: 'web-1', service: 'shop', ...STRUCTLOG });
  });

  it('reads an archive line, falling back to the JSON message when attributes hold no statistic', () => {
    const line = { _id: 'abc', date: '2026-11-02T00:05:03.123Z', host: 'web-1', service: 'shop', message: JSON.stringify(STRUCTLOG), attributes: {}, tags: ['container_id:c0ffee'] };
    assert.deepEqual(view(fieldsFromJson(line)), { container_id: 'c0ffee', host: 'web-1', service: 'shop', ...STRUCTLOG });
  });

  it('reads a text message (key=value) when that is all the log kept', () => {
    const line = { _id: 'abc', date: '2026-11-02T00:05:03.123Z', host: 'web-1', message: `event='top_current' stat='${STAT}'` };
    const fields = view(fieldsFromJson(line));
    assert.equal(fields?.['stat'], STAT);
    assert.equal(fields?.['timestamp'], '2026-11-02T00:05:03.123Z');
  });

  it('reads a tag name up to its first colon, the last of repeated names winning, and skips what is not a name:value text', () => {
    const tags = ['env:staging', 'pod_name', 'container_id:', 42, 'env:prod:eu', 'pod_name:web-1:8080', ':orphan', null];
    const fields = fieldsFromJson({ type: 'log', attributes: { tags, attributes: STRUCTLOG } });
    assert.equal(fields?.('env'), 'prod:eu');
    assert.equal(fields?.('pod_name'), 'web-1:8080');
    assert.equal(fields?.('container_id'), '');
    assert.equal(fields?.('pod_name:web-1'), undefined);
    assert.equal(fields?.(''), undefined);
    assert.equal(fields?.('region'), undefined);
  });

  it('gives nothing for a value that is not an object', () => {
    assert.equal(fieldsFromJson([1, 2]), undefined);
    assert.equal(fieldsFromJson('top_current'), undefined);
  });
});
