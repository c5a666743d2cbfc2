/**
 * The fields of one log event, looked up by key, whatever shape carried them. A lookup rather
 * than a merged object: a Datadog record keeps its fields in layers (the structlog keys, the
 * envelope, the tags), and copying every layer of every record into one object was the largest
 * cost of reading a Datadog export.
 */
export type Fields = (key: string) => unknown;

/** The fields of a plain object. */
export function fieldsOf(object: Readonly<Record<string, unknown>>): Fields {
  return (key) => object[key];
}
