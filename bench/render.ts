/** One log event as structlog holds it (keys in order), and the two line shapes it is written in. */

/** A Python float: rendered `2.0`, not `2`, by Python's json. */
export class Float {
  constructor(readonly value: number) {}
  toJSON(): number {
    return this.value;
  }
}

export type Fields = Record<string, string | number | Float>;

/**
 * structlog's `JSONRenderer(ensure_ascii=False)`: `json.dumps` with its default `", "` and `": "`
 * separators, non-ASCII characters written as they are (UTF-8), not as `\uXXXX`.
 */
export function structlogLine(fields: Fields): string {
  let out = '';
  for (const key in fields) {
    const value = fields[key] as string | number | Float;
    out += `${out === '' ? '{' : ', '}"${key}": ${pythonValue(value)}`;
  }
  return `${out}}\n`;
}

const NEEDS_ESCAPE = /["\\\x00-\x1f]/;

function pythonValue(value: string | number | Float): string {
  if (typeof value === 'string') return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
  if (typeof value === 'number') return String(value);
  return Number.isInteger(value.value) ? value.value.toFixed(1) : String(value.value);
}

const DATADOG_STATUS: Readonly<Record<string, string>> = { debug: 'debug', info: 'info', warning: 'warn', error: 'error' };

/**
 * One `Log` of the Datadog Logs API v2 (`GET /api/v2/logs/events`), compact as the API returns
 * it: reserved attributes (timestamp in milliseconds, host, service, status, message, tags) at
 * the top of `attributes`, the event's own keys in `attributes.attributes`.
 */
export function datadogV2Line(fields: Fields, id: string): string {
  const host = String(fields['host']);
  const service = String(fields['service']);
  const log = {
    id,
    type: 'log',
    attributes: {
      timestamp: `${String(fields['timestamp']).slice(0, 23)}Z`,
      host,
      service,
      status: DATADOG_STATUS[String(fields['level'])] ?? 'info',
      message: String(fields['event']),
      tags: ['env:prod', `host:${host}`, `service:${service}`, 'source:python', 'version:2026.11.1'],
      attributes: fields,
    },
  };
  return `${JSON.stringify(log)}\n`;
}
