/**
 * The fields of one event from whichever JSON layout carries it:
 *
 * - structlog JSON: the object is the fields;
 * - Datadog Logs API v2 `Log`: `{id, type: "log", attributes: {timestamp, host, service, message,
 *   tags, attributes: {…structlog keys}}}`;
 * - Datadog Logs API v1 list entry: `{id, content: {timestamp, host, service, message, tags,
 *   attributes: {…}}}`;
 * - Datadog log archive line: `{_id, date, host, service, message, tags, attributes: {…}}`.
 *
 * Datadog's own `host`, `service` and `key:value` tags fill in what the structlog keys lack, and
 * when the attributes hold no statistic, the `message` (the original log line, JSON or text) is
 * read instead.
 */
import { fieldsFromTextLine } from './text-line.js';

type Fields = Record<string, unknown>;

export function fieldsFromJson(value: unknown): Fields | undefined {
  if (!isObject(value)) return undefined;
  if (isObject(value['content'])) return fromDatadog(value['content'], value['content']['timestamp']);
  if (value['type'] === 'log' && isObject(value['attributes'])) return fromDatadog(value['attributes'], value['attributes']['timestamp']);
  if (typeof value['_id'] === 'string' && 'date' in value) return fromDatadog(value, value['date']);
  return value;
}

function fromDatadog(envelope: Fields, timestamp: unknown): Fields {
  const inner = isObject(envelope['attributes']) ? envelope['attributes'] : {};
  const fields: Fields = { ...tagFields(envelope['tags']) };
  for (const key of ['host', 'service'] as const) if (envelope[key] !== undefined) fields[key] = envelope[key];
  if (timestamp !== undefined) fields['timestamp'] = timestamp;
  Object.assign(fields, inner);
  if (fields['stat'] === undefined && typeof envelope['message'] === 'string') Object.assign(fields, messageFields(envelope['message']));
  return fields;
}

/** The original log line in `message`: a structlog JSON line, or a text line. */
export function messageFields(message: string): Fields {
  const text = message.trim();
  if (text.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (isObject(parsed)) return parsed;
    } catch {
      // not JSON after all: read it as text
    }
  }
  return fieldsFromTextLine(text);
}

/** `["pod_name:web-7d9f", "env:prod"]` → `{pod_name: "web-7d9f", env: "prod"}`. */
function tagFields(tags: unknown): Fields {
  const fields: Fields = {};
  if (!Array.isArray(tags)) return fields;
  for (const tag of tags) {
    if (typeof tag !== 'string') continue;
    const colon = tag.indexOf(':');
    if (colon > 0) fields[tag.slice(0, colon)] = tag.slice(colon + 1);
  }
  return fields;
}

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
