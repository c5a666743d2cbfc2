import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { JsonDocumentError, jsonArrayElements, type JsonElement } from '../../src/read/json-elements.js';

/** Yields `bytes` cut at the given offsets (ascending). */
async function* cutAt(bytes: Buffer, cuts: readonly number[]): AsyncGenerator<Buffer> {
  let from = 0;
  for (const cut of cuts) {
    yield bytes.subarray(from, cut);
    from = cut;
  }
  yield bytes.subarray(from);
}

async function* oneBytePerChunk(bytes: Buffer): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; i += 1) yield bytes.subarray(i, i + 1);
}

function bytesOf(doc: string | Buffer): Buffer {
  return typeof doc === 'string' ? Buffer.from(doc) : doc;
}

async function collect(chunks: AsyncIterable<Buffer>): Promise<JsonElement[]> {
  const elements: JsonElement[] = [];
  for await (const element of jsonArrayElements(chunks)) elements.push(element);
  return elements;
}

async function elementsOf(doc: string | Buffer): Promise<JsonElement[]> {
  return collect(cutAt(bytesOf(doc), []));
}

/** The elements yielded before the document failed, and the error it failed with. */
async function failureOf(doc: string | Buffer): Promise<{ elements: JsonElement[]; error: JsonDocumentError }> {
  const elements: JsonElement[] = [];
  try {
    for await (const element of jsonArrayElements(cutAt(bytesOf(doc), []))) elements.push(element);
  } catch (error) {
    assert.ok(error instanceof JsonDocumentError, `expected a JsonDocumentError, got ${String(error)}`);
    return { elements, error };
  }
  assert.fail('expected the document to be rejected');
}

function parsed(elements: readonly JsonElement[]): unknown[] {
  return elements.map((e) => JSON.parse(e.text) as unknown);
}

function paths(elements: readonly JsonElement[]): string[] {
  return elements.map((e) => e.path);
}

/** Datadog Logs API v2 `Log` objects, with the strings that trip naive splitters. */
const logs = [
  {
    id: 'AQAAAYxyz',
    type: 'log',
    attributes: {
      attributes: { i: 1, stat: '/app/cache.py:0: size=12.5 KiB, count=40, average=320 B', event: 'top_current' },
      host: 'web-1',
      message: 'brackets ] [ } { and commas , , inside a string',
      tags: ['env:prod', 'version:1.2'],
    },
  },
  {
    id: 'AQAAAYabc',
    type: 'log',
    attributes: {
      attributes: { stat: 'C:\\app\\x.py:0: size=1 B, count=1', event: 'since_start' },
      message: 'quoted "}]" and a trailing backslash \\',
      odd: '\\"', // a backslash then a quote: both escaped
      path: 'C:\\\\server\\share\\',
      unicode: '\u0000\u001f \u2028 \ud83d\ude00',
    },
  },
  {
    id: 'AQAAAYdef',
    type: 'log',
    attributes: { host: 'café-ünïcødé', service: '日本語', message: 'emoji 😀 and Zoë', empty: '', nested: [[{}], [[]]] },
  },
];

const v2 = { data: logs, meta: { page: { after: 'eyJhZnRlciI6IkFRIn0=' } }, links: { next: 'https://x/?page[cursor]=a' } };

describe('jsonArrayElements', () => {
  it('yields each element of a compact v2 response under "data", skipping meta and links', async () => {
    const elements = await elementsOf(JSON.stringify(v2));
    assert.deepEqual(parsed(elements), logs);
    assert.deepEqual(paths(elements), ['data[0]', 'data[1]', 'data[2]']);
    assert.deepEqual(
      elements.map((e) => e.line),
      [1, 1, 1],
    );
  });

  it('yields the exact text and starting line of each element of a pretty-printed response', async () => {
    const doc = JSON.stringify(v2, null, 2);
    const elements = await elementsOf(doc);
    assert.deepEqual(parsed(elements), logs);
    assert.deepEqual(paths(elements), ['data[0]', 'data[1]', 'data[2]']);
    // Each element of "data" opens on a line of its own holding only its indented "{".
    const starts = doc.split('\n').flatMap((line, n) => (line === '    {' ? [n + 1] : []));
    assert.deepEqual(
      elements.map((e) => e.line),
      starts,
    );
    for (const element of elements) {
      assert.ok(doc.includes(element.text), 'the text is a verbatim slice of the document');
      assert.match(element.text, /^\{\n {6}"id"[^]*\n {4}\}$/);
    }
  });

  it('yields the elements of a v1 response under "logs", skipping nextLogId and status', async () => {
    const v1Logs = logs.map((log) => ({ id: log.id, content: { timestamp: '2024-05-01T10:00:00Z', ...log.attributes } }));
    const doc = JSON.stringify({ logs: v1Logs, nextLogId: 'AQAAAYnext', status: 'done' });
    const elements = await elementsOf(doc);
    assert.deepEqual(parsed(elements), v1Logs);
    assert.deepEqual(paths(elements), ['logs[0]', 'logs[1]', 'logs[2]']);
  });

  it('yields the elements of a bare top-level array, with paths like "[2]"', async () => {
    const elements = await elementsOf(JSON.stringify(logs, null, 2));
    assert.deepEqual(parsed(elements), logs);
    assert.deepEqual(paths(elements), ['[0]', '[1]', '[2]']);
  });

  it('finds the record array after other keys, and skips values of any kind before it', async () => {
    const doc = JSON.stringify({
      meta: { page: { after: 'x]}' }, elapsed: 12, warnings: [{ code: 'x', title: '"]"' }] },
      status: 'done',
      count: -1.5e3,
      ok: true,
      none: null,
      data: logs,
    });
    const elements = await elementsOf(doc);
    assert.deepEqual(parsed(elements), logs);
    assert.deepEqual(paths(elements), ['data[0]', 'data[1]', 'data[2]']);
  });

  it('takes only the first data/logs array and skips a "data" that is not an array', async () => {
    const doc = '{"data": {"not": "an array"}, "logs": [1, 2], "data": [3]}';
    const elements = await elementsOf(doc);
    assert.deepEqual(parsed(elements), [1, 2]);
    assert.deepEqual(paths(elements), ['logs[0]', 'logs[1]']);
  });

  it('yields elements of any JSON type, scalars included', async () => {
    const values = [1, 'two', null, true, false, -3.5e-2, [], {}, [1, [2, [3]]], 'a ] , } "', 0];
    const elements = await elementsOf(JSON.stringify(values));
    assert.deepEqual(parsed(elements), values);
    const spaced = await elementsOf(' [ 1 ,\n\t"two" , null\r\n, true ] \n');
    assert.deepEqual(parsed(spaced), [1, 'two', null, true]);
  });

  it('yields nothing for an empty array', async () => {
    assert.deepEqual(await elementsOf('{"data": [], "meta": {}}'), []);
    assert.deepEqual(await elementsOf('[ ]'), []);
    assert.deepEqual(await elementsOf('[]'), []);
  });

  it('yields nothing, and does not fail, for an object with no data or logs array', async () => {
    assert.deepEqual(await elementsOf('{"meta": {"page": {}}, "status": "done", "links": ["data"]}'), []);
    assert.deepEqual(await elementsOf('{}'), []);
    assert.deepEqual(await elementsOf('\n{ }\n'), []);
  });

  it('skips a leading UTF-8 byte order mark, even one cut across chunks', async () => {
    const doc = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(v2))]);
    assert.deepEqual(parsed(await elementsOf(doc)), logs);
    assert.deepEqual(parsed(await collect(cutAt(doc, [1, 2]))), logs);
    assert.deepEqual(parsed(await collect(cutAt(Buffer.from('\ufeff[7]'), [1]))), [7]);
  });

  it('yields the same elements however the document is cut in two, at every byte offset', async () => {
    for (const doc of [JSON.stringify(v2), JSON.stringify({ meta: { a: '\\"' }, logs }, null, 1)]) {
      const bytes = Buffer.from(doc);
      const expected = await elementsOf(bytes);
      assert.deepEqual(parsed(expected), logs);
      // The cuts below include the middle of multi-byte characters and of escapes.
      assert.ok(bytes.includes(Buffer.from('😀')) && bytes.includes(Buffer.from('\\\\')) && bytes.includes(Buffer.from('\\"')));
      for (let cut = 0; cut <= bytes.length; cut += 1) {
        const elements = await collect(cutAt(bytes, [cut]));
        assert.deepEqual(elements, expected, `cut at byte ${cut}`);
      }
    }
  });

  it('yields the same elements from one-byte chunks and from random cuts', async () => {
    const bytes = Buffer.from(JSON.stringify(v2, null, 2));
    const expected = await elementsOf(bytes);
    assert.deepEqual(await collect(oneBytePerChunk(bytes)), expected);
    let seed = 7;
    const random = (): number => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let round = 0; round < 200; round += 1) {
      const cuts = Array.from({ length: 1 + Math.floor(random() * 12) }, () => Math.floor(random() * bytes.length));
      cuts.sort((a, b) => a - b);
      assert.deepEqual(await collect(cutAt(bytes, cuts)), expected, `cuts ${cuts.join(',')}`);
    }
  });

  it('joins an element spanning many chunks, even when the producer reuses its buffer', async () => {
    const big = { message: 'x"]}'.repeat(50_000), list: Array.from({ length: 2000 }, (_, i) => ({ i, s: `é${i}` })) };
    const bytes = Buffer.from(JSON.stringify({ data: [1, big, 2] }));
    async function* reusingOneBuffer(): AsyncGenerator<Buffer> {
      const scratch = Buffer.alloc(4096);
      for (let from = 0; from < bytes.length; from += scratch.length) {
        const n = bytes.copy(scratch, 0, from, from + scratch.length);
        yield scratch.subarray(0, n);
        scratch.fill(0x7b); // "{" everywhere: stale bytes would corrupt what was kept
      }
    }
    const elements = await collect(reusingOneBuffer());
    assert.deepEqual(parsed(elements), [1, big, 2]);
  });

  it('follows nesting deeper than its initial bracket stack', async () => {
    const deep = JSON.parse('['.repeat(300) + '"]]"' + ']'.repeat(300)) as unknown;
    const elements = await elementsOf(JSON.stringify({ data: [deep, { x: 1 }] }));
    assert.deepEqual(parsed(elements), [deep, { x: 1 }]);
  });

  describe('a truncated document', () => {
    it('yields every complete element, then fails naming the element it ends inside', async () => {
      const doc = JSON.stringify(v2, null, 2);
      const cut = doc.indexOf('"id": "AQAAAYdef"');
      const { elements, error } = await failureOf(doc.slice(0, cut));
      assert.deepEqual(parsed(elements), logs.slice(0, 2));
      assert.match(error.message, /^truncated JSON document: ends inside data\[2\], which starts at line \d+$/);
      assert.equal(error.line, doc.slice(0, cut).split('\n').length);
    });

    it('fails when it ends inside a string of the last element, or inside a scalar element', async () => {
      const inString = await failureOf('{"data": [{"a": 1}, {"b": "open ]}');
      assert.deepEqual(parsed(inString.elements), [{ a: 1 }]);
      assert.match(inString.error.message, /ends inside data\[1\]/);
      const inScalar = await failureOf('[1, 23');
      assert.deepEqual(parsed(inScalar.elements), [1]);
      assert.match(inScalar.error.message, /ends inside \[1\]/);
    });

    it('fails when it ends between elements or before the closing bracket', async () => {
      const afterComma = await failureOf('{"data": [{"a": 1},\n');
      assert.deepEqual(parsed(afterComma.elements), [{ a: 1 }]);
      assert.equal(afterComma.error.message, 'truncated JSON document: ends inside the "data" array after data[0]');
      assert.equal(afterComma.error.line, 2);
      const unopened = await failureOf('[');
      assert.equal(unopened.error.message, 'truncated JSON document: ends inside the top-level array before its first element');
      const unclosed = await failureOf('{"data": [1]');
      assert.deepEqual(parsed(unclosed.elements), [1]);
      assert.equal(unclosed.error.message, 'truncated JSON document: ends inside the top-level object');
    });

    it('fails when it ends inside a skipped value', async () => {
      const { elements, error } = await failureOf('{"meta": {"page": [');
      assert.deepEqual(elements, []);
      assert.equal(error.message, 'truncated JSON document: ends inside the value of "meta"');
    });

    it('fails on an empty or blank input', async () => {
      assert.equal((await failureOf('')).error.message, 'empty JSON document');
      assert.equal((await failureOf(' \n\n')).error.line, 3);
    });
  });

  describe('a broken document', () => {
    it('fails on garbage after an element, with its line, after yielding the elements before it', async () => {
      const { elements, error } = await failureOf('{"data": [\n  {"a": 1},\n  {"b": 2} x\n]}');
      assert.deepEqual(parsed(elements), [{ a: 1 }, { b: 2 }]);
      assert.equal(error.message, 'unexpected "x" at line 3 (expected "," or "]" after data[1])');
      assert.equal(error.line, 3);
    });

    it('fails on a "}" where the record array\'s "]" was expected', async () => {
      const { elements, error } = await failureOf('[{"a": 1}}');
      assert.deepEqual(parsed(elements), [{ a: 1 }]);
      assert.match(error.message, /^unexpected "\}" at line 1 \(expected "," or "\]"/);
    });

    it('fails on mismatched brackets inside an element', async () => {
      const { elements, error } = await failureOf('[{"a": 1},\n{"a": [1, 2}, {"b": 3}]');
      assert.deepEqual(parsed(elements), [{ a: 1 }]);
      assert.equal(error.message, 'unexpected "}" at line 2 (expected "]")');
    });

    it('fails on a missing or doubled comma, and on a trailing comma', async () => {
      assert.match((await failureOf('[1 2]')).error.message, /^unexpected "2" at line 1 \(expected "," or "\]" after \[0\]\)$/);
      assert.match((await failureOf('[1,,2]')).error.message, /^unexpected "," at line 1 \(expected an element after ","\)$/);
      assert.match((await failureOf('[1,]')).error.message, /^unexpected "\]" at line 1/);
    });

    it('fails on something other than an array or object, or on anything after the document', async () => {
      assert.match((await failureOf('"data"')).error.message, /^unexpected """ at line 1 \(expected "\[" or "\{"/);
      assert.match((await failureOf('\u0001')).error.message, /^unexpected byte 0x01 at line 1/);
      const after = await failureOf('[1]\n[2]');
      assert.deepEqual(parsed(after.elements), [1]);
      assert.equal(after.error.message, 'unexpected "[" at line 2 (expected the end of the document)');
    });

    it('fails on a malformed top-level object', async () => {
      assert.match((await failureOf('{"data" [1]}')).error.message, /^unexpected "\[" at line 1 \(expected ":" after the key "data"\)$/);
      assert.match((await failureOf('{data: [1]}')).error.message, /^unexpected "d" at line 1 \(expected a key or "\}"\)$/);
      assert.match((await failureOf('{"meta": 1 "data": []}')).error.message, /^unexpected """ at line 1 \(expected "," or "\}"/);
    });
  });
});
