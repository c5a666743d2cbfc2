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
 * Datadog's own time, `host`, `service` and `key:value` tags fill in what the structlog keys
 * lack, and when the attributes hold no statistic, the `message` (the original log line, JSON or
 * text) is read instead.
 */
import { fieldsOf, type Fields } from './fields.js';
import { fieldsFromTextLine } from './text-line.js';

type JsonObject = Record<string, unknown>;

export function fieldsFromJson(value: unknown): Fields | undefined {
  if (!isObject(value)) return undefined;
  const content = value['content'];
  if (isObject(content)) return fromDatadog(content, content['timestamp']);
  const attributes = value['attributes'];
  if (value['type'] === 'log' && isObject(attributes)) return fromDatadog(attributes, attributes['timestamp']);
  if (typeof value['_id'] === 'string' && 'date' in value) return fromDatadog(value, value['date']);
  return fieldsOf(value);
}

/** The structlog keys first, then the envelope's time, host and service, then its tags (read only if asked). */
function fromDatadog(envelope: JsonObject, timestamp: unknown): Fields {
  let own: JsonObject = isObject(envelope['attributes']) ? envelope['attributes'] : {};
  const message = envelope['message'];
  if (own['stat'] === undefined && typeof message === 'string') own = { ...own, ...messageFields(message) };
  return (key) => {
    const value = own[key];
    if (value !== undefined) return value;
    if (key === 'timestamp') return timestamp;
    if ((key === 'host' || key === 'service') && envelope[key] !== undefined) return envelope[key];
    return tagValue(envelope['tags'], key);
  };
}

/** The original log line in `message`: a structlog JSON line, or a text line. */
export function messageFields(message: string): JsonObject {
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

/**
 * The value of `key` in Datadog's tags: `pod_name` in `["env:prod", "pod_name:web-7d9f"]` is
 * `"web-7d9f"`. A tag's name runs to its first colon; when a name repeats, the last tag wins.
 *
 * Looked up, not turned into an object of every tag: the default identity keys include
 * `container_id` and `pod_name`, which a service's structlog keys rarely hold, so every record of
 * a Datadog export asks its tags for them, and building that object for each record took
 * 230 ms of CPU of the bench's 1,139 MB Datadog export (from a profile).
 */
function tagValue(tags: unknown, key: string): string | undefined {
  if (!Array.isArray(tags) || key === '' || key.includes(':')) return undefined;
  for (let i = tags.length - 1; i >= 0; i--) {
    const tag: unknown = tags[i];
    if (typeof tag === 'string' && tag.charCodeAt(key.length) === COLON && tag.startsWith(key)) return tag.slice(key.length + 1);
  }
  return undefined;
}

const COLON = 0x3a;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
