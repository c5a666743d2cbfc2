/**
 * Streams the raw JSON text of each element of the record array of one big JSON document (a
 * Datadog Logs API response, v2 `{"data": [...]}` or v1 `{"logs": [...]}`, or a bare top-level
 * array), so the caller can `JSON.parse` each small element on its own.
 *
 * How it works: a byte-level state machine over the chunks, never decoding them.
 * - Outside the record array it reads the top level token by token (`{`, a key, `:`, a value,
 *   `,` or `}`) and skips the values it does not want (`meta`, `links`, ...) without keeping them.
 * - A value (an element, or a skipped value) is scanned by counting depth: `{` and `[` push the
 *   closing byte they expect on a small stack, `}` and `]` must match its top. Strings are jumped
 *   over with `Buffer#indexOf('"')` (memchr); a quote preceded by an odd run of backslashes is
 *   escaped and the search goes on. So brackets, commas and quotes inside strings never count.
 * - State (state, depth, inside-a-string, a pending escape at the end of a chunk) lives in the
 *   splitter between chunks, so a value, a string or an escape can be cut anywhere. An element is
 *   kept as copies of its pieces of each chunk it spans and decoded only once complete, so a
 *   multi-byte UTF-8 character cut in two is decoded whole. Memory is bounded by the largest
 *   element, never the document.
 * - It checks structure (brackets, `,` between elements, nothing after the document), not element
 *   contents: the caller's `JSON.parse` does that. Newlines are counted outside strings only (a raw
 *   newline inside a string is invalid JSON, which the caller's parse reports).
 *
 * Hand-written rather than a library: `stream-json` (`StreamArray`) and `@streamparser/json`
 * tokenize the whole document into events and build each element back into objects, so every
 * string is decoded and every token handled in JavaScript; neither hands out the element's text,
 * which the caller wants to parse (and point at, on error) itself. (Compared from their
 * documentation, not benchmarked: neither is a dependency.) Here the bytes inside strings, most
 * of a log, cost one memchr, and only the wanted elements are decoded.
 */

export interface JsonElement {
  /** Where the element sits, for messages: "data[17]", "logs[3]", or "[42]" for a top-level array. */
  readonly path: string;
  /** The element's JSON text exactly as in the input (decoded UTF-8). */
  readonly text: string;
  /** 1-based line of the input on which the element starts. */
  readonly line: number;
}

/** Thrown (after all complete elements before it were yielded) when the document is cut short or broken. */
export class JsonDocumentError extends Error {
  constructor(
    message: string,
    /** The 1-based line where the problem was found (for a truncated document, its last line). */
    readonly line: number,
  ) {
    super(message);
    this.name = 'JsonDocumentError';
  }
}

/** The keys of a top-level object whose array holds the records: v2 `data`, v1 `logs`. */
const RECORD_KEYS = new Set(['data', 'logs']);

/**
 * Streams the elements of the record array of a JSON document: a top-level array, or the array under
 * the first of the keys `data` / `logs` found at the top level of a top-level object (other top-level
 * keys — meta, links, nextLogId, status — are skipped, before or after the array). A top-level object
 * with no such array yields nothing (no error); a `data` or `logs` that is not an array is skipped too.
 */
export async function* jsonArrayElements(chunks: AsyncIterable<Buffer>): AsyncGenerator<JsonElement> {
  const splitter = new ElementSplitter();
  let head: Buffer | undefined = Buffer.alloc(0); // the first bytes, until a BOM can be ruled out
  for await (const received of chunks) {
    let chunk = received;
    if (head !== undefined) {
      head = Buffer.concat([head, chunk]);
      if (head.length < BOM.length) continue;
      chunk = withoutBom(head);
      head = undefined;
    }
    if (chunk.length === 0) continue;
    splitter.feed(chunk);
    for (let element = splitter.next(); element !== undefined; element = splitter.next()) yield element;
  }
  if (head !== undefined && head.length > 0) {
    splitter.feed(withoutBom(head));
    for (let element = splitter.next(); element !== undefined; element = splitter.next()) yield element;
  }
  splitter.end();
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function withoutBom(buf: Buffer): Buffer {
  return buf.subarray(0, BOM.length).equals(BOM) ? buf.subarray(BOM.length) : buf;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const NEWLINE = 0x0a;

/** What a byte means to the value scanner; most bytes are OTHER and cost one table load. */
const OTHER = 0;
const OPENS = 1;
const CLOSES = 2;
const STARTS_STRING = 3;
const ENDS_LINE = 4;
const BYTE_CLASS = new Uint8Array(256);
BYTE_CLASS[OPEN_BRACE] = OPENS;
BYTE_CLASS[OPEN_BRACKET] = OPENS;
BYTE_CLASS[CLOSE_BRACE] = CLOSES;
BYTE_CLASS[CLOSE_BRACKET] = CLOSES;
BYTE_CLASS[QUOTE] = STARTS_STRING;
BYTE_CLASS[NEWLINE] = ENDS_LINE;

/** Bytes a number, `true`, `false` or `null` is made of; anything else ends it. */
const IN_SCALAR = new Uint8Array(256);
for (const c of '0123456789+-.eEtruefalsn') IN_SCALAR[c.charCodeAt(0)] = 1;

function isWhitespace(b: number): boolean {
  return b === 0x20 || b === NEWLINE || b === 0x0d || b === 0x09;
}

/** Where the splitter is in the document. */
const S = {
  documentStart: 0, // expecting `[` or `{`
  keyOrEnd: 1, // after the top-level `{`
  key: 2, // after a `,` in the top-level object
  inKey: 3,
  colon: 4,
  memberValue: 5, // after `:`: the record array, or a value to skip
  skipping: 6,
  commaOrObjectEnd: 7,
  elementOrEnd: 8, // after the record array's `[`
  element: 9, // after a `,` in the record array
  inElement: 10,
  commaOrArrayEnd: 11,
  documentEnd: 12,
} as const;
type State = (typeof S)[keyof typeof S];

class ElementSplitter {
  private state: State = S.documentStart;
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  private line = 1;

  // The value being scanned (an element or a skipped value).
  /** Closing bytes expected by the open containers; `depth` of them are in use. */
  private stack: Uint8Array = new Uint8Array(64);
  private depth = 0;
  private inString = false;
  /** The previous chunk ended in an unpaired backslash inside a string: the next byte is escaped. */
  private escaped = false;
  /** The value is a number or literal, which ends at the first byte not part of it. */
  private inScalar = false;

  // The top-level object.
  private key: number[] = [];
  private foundRecords = false;

  // The record array.
  private prefix = '';
  private index = 0;
  private elementStart = 0;
  private elementLine = 0;
  /** Copies of the current element's bytes from earlier chunks. */
  private pieces: Buffer[] = [];

  feed(chunk: Buffer): void {
    this.buf = chunk;
    this.pos = 0;
  }

  /** The next complete element in the current chunk, or undefined once the chunk is used up. */
  next(): JsonElement | undefined {
    const buf = this.buf;
    const end = buf.length;
    let i = this.pos;
    while (i < end) {
      const state = this.state;
      if (state === S.inElement) {
        const after = this.scanValue(buf, i, end);
        if (after < 0) break;
        this.state = S.commaOrArrayEnd;
        this.pos = after;
        return this.finishElement(buf, after);
      }
      if (state === S.skipping) {
        const after = this.scanValue(buf, i, end);
        if (after < 0) break;
        this.state = S.commaOrObjectEnd;
        i = after;
      } else if (state === S.inKey) {
        i = this.scanKey(buf, i, end);
      } else {
        const b = buf[i]!;
        if (isWhitespace(b)) {
          if (b === NEWLINE) this.line += 1;
          i += 1;
        } else {
          this.structural(b, i);
          i += 1;
        }
      }
    }
    if (this.state === S.inElement) {
      // Copy: the stream may reuse the chunk's memory once we ask for the next one.
      this.pieces.push(Buffer.from(buf.subarray(this.elementStart)));
      this.elementStart = 0;
    }
    this.pos = end;
    return undefined;
  }

  /** Called when the input has ended: throws unless the document was complete. */
  end(): void {
    if (this.state === S.documentEnd) return;
    if (this.state === S.documentStart) throw new JsonDocumentError('empty JSON document', this.line);
    throw new JsonDocumentError(`truncated JSON document: ${this.whereTruncated()}`, this.line);
  }

  /** Handles one byte (not whitespace) of the document's structure around the values. */
  private structural(b: number, i: number): void {
    switch (this.state) {
      case S.documentStart:
        if (b === OPEN_BRACKET) this.enterRecords('');
        else if (b === OPEN_BRACE) this.state = S.keyOrEnd;
        else this.unexpected(b, '"[" or "{" to start a JSON document');
        return;
      case S.keyOrEnd:
      case S.key:
        if (b === QUOTE) {
          this.key = [];
          this.state = S.inKey;
        } else if (b === CLOSE_BRACE && this.state === S.keyOrEnd) this.state = S.documentEnd;
        else this.unexpected(b, this.state === S.keyOrEnd ? 'a key or "}"' : 'a key');
        return;
      case S.colon:
        if (b === COLON) this.state = S.memberValue;
        else this.unexpected(b, `":" after the key "${this.keyText()}"`);
        return;
      case S.memberValue:
        if (b === OPEN_BRACKET && !this.foundRecords && RECORD_KEYS.has(this.keyText())) {
          this.foundRecords = true;
          this.enterRecords(this.keyText());
        } else {
          this.startValue(b, `a value for the key "${this.keyText()}"`);
          this.state = S.skipping;
        }
        return;
      case S.commaOrObjectEnd:
        if (b === COMMA) this.state = S.key;
        else if (b === CLOSE_BRACE) this.state = S.documentEnd;
        else this.unexpected(b, '"," or "}" in the top-level object');
        return;
      case S.elementOrEnd:
      case S.element:
        if (b === CLOSE_BRACKET && this.state === S.elementOrEnd) {
          this.leaveRecords();
          return;
        }
        this.startValue(b, this.state === S.elementOrEnd ? 'an element or "]"' : 'an element after ","');
        this.state = S.inElement;
        this.elementStart = i;
        this.elementLine = this.line;
        return;
      case S.commaOrArrayEnd:
        if (b === COMMA) this.state = S.element;
        else if (b === CLOSE_BRACKET) this.leaveRecords();
        else this.unexpected(b, `"," or "]" after ${this.path(this.index - 1)}`);
        return;
      case S.documentEnd:
        this.unexpected(b, 'the end of the document');
        return;
      default:
        throw new Error(`json-elements: no structural byte in state ${this.state}`);
    }
  }

  private enterRecords(prefix: string): void {
    this.prefix = prefix;
    this.index = 0;
    this.state = S.elementOrEnd;
  }

  private leaveRecords(): void {
    this.state = this.prefix === '' ? S.documentEnd : S.commaOrObjectEnd;
  }

  /** Starts scanning the value whose first byte is `b` (already consumed). */
  private startValue(b: number, expected: string): void {
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
    this.inScalar = false;
    if (b === OPEN_BRACE || b === OPEN_BRACKET) {
      this.stack[0] = b + 2; // `{` + 2 is `}`, `[` + 2 is `]`
      this.depth = 1;
    } else if (b === QUOTE) {
      this.inString = true;
    } else if (IN_SCALAR[b] === 1) {
      this.inScalar = true;
    } else {
      this.unexpected(b, expected);
    }
  }

  /**
   * Goes on scanning the current value from `buf[i]`. Returns the index just after the value's
   * last byte, or -1 when the chunk ended first (the state is kept for the next chunk).
   */
  private scanValue(buf: Buffer, start: number, end: number): number {
    let i = start;
    if (this.inScalar) {
      while (i < end && IN_SCALAR[buf[i]!] === 1) i += 1;
      if (i === end) return -1;
      this.inScalar = false;
      return i;
    }
    let depth = this.depth;
    if (this.inString) {
      i = this.skipString(buf, i, end);
      if (i < 0) return -1;
      if (depth === 0) return i;
    }
    let stack = this.stack;
    while (i < end) {
      const b = buf[i]!;
      const kind = BYTE_CLASS[b]!;
      if (kind === OTHER) {
        i += 1;
      } else if (kind === STARTS_STRING) {
        i = this.skipString(buf, i + 1, end);
        if (i < 0) {
          this.depth = depth;
          return -1;
        }
      } else if (kind === OPENS) {
        if (depth === stack.length) {
          stack = growStack(stack);
          this.stack = stack;
        }
        stack[depth] = b + 2;
        depth += 1;
        i += 1;
      } else if (kind === CLOSES) {
        if (stack[depth - 1] !== b) {
          this.unexpected(b, `"${String.fromCharCode(stack[depth - 1]!)}"`);
        }
        depth -= 1;
        i += 1;
        if (depth === 0) {
          this.depth = 0;
          return i;
        }
      } else {
        this.line += 1;
        i += 1;
      }
    }
    this.depth = depth;
    return -1;
  }

  /**
   * Skips the rest of a string from `buf[i]` (just after its opening quote, or the start of a
   * chunk). Returns the index after the closing quote, or -1 when the chunk ended first.
   */
  private skipString(buf: Buffer, start: number, end: number): number {
    let i = start;
    if (this.escaped) {
      this.escaped = false;
      i += 1;
    }
    for (;;) {
      const quote = buf.indexOf(QUOTE, i);
      if (quote === -1) {
        this.inString = true;
        this.escaped = oddBackslashesBefore(buf, end, i);
        return -1;
      }
      if (!oddBackslashesBefore(buf, quote, i)) {
        this.inString = false;
        return quote + 1;
      }
      i = quote + 1;
    }
  }

  /** Reads a top-level key (rare: a few per document), byte by byte. */
  private scanKey(buf: Buffer, start: number, end: number): number {
    let i = start;
    while (i < end) {
      const b = buf[i]!;
      i += 1;
      if (this.escaped) {
        this.escaped = false;
      } else if (b === BACKSLASH) {
        this.escaped = true;
      } else if (b === QUOTE) {
        this.state = S.colon;
        return i;
      }
      if (this.key.length < 64) this.key.push(b);
    }
    return i;
  }

  private keyText(): string {
    return Buffer.from(this.key).toString('utf8');
  }

  private finishElement(buf: Buffer, after: number): JsonElement {
    let text: string;
    if (this.pieces.length === 0) {
      text = buf.toString('utf8', this.elementStart, after);
    } else {
      this.pieces.push(buf.subarray(0, after));
      text = Buffer.concat(this.pieces).toString('utf8');
      this.pieces = [];
    }
    const element: JsonElement = { path: this.path(), text, line: this.elementLine };
    this.index += 1;
    return element;
  }

  private path(index = this.index): string {
    return `${this.prefix}[${index}]`;
  }

  /** What was left unfinished when the input ended. */
  private whereTruncated(): string {
    const array = this.prefix === '' ? 'the top-level array' : `the "${this.prefix}" array`;
    switch (this.state) {
      case S.inElement:
        return `ends inside ${this.path()}, which starts at line ${this.elementLine}`;
      case S.elementOrEnd:
      case S.element:
      case S.commaOrArrayEnd:
        return this.index === 0
          ? `ends inside ${array} before its first element`
          : `ends inside ${array} after ${this.path(this.index - 1)}`;
      case S.skipping:
        return `ends inside the value of "${this.keyText()}"`;
      default:
        return 'ends inside the top-level object';
    }
  }

  private unexpected(b: number, expected: string): never {
    const shown = b >= 0x20 && b < 0x7f ? `"${String.fromCharCode(b)}"` : `byte 0x${b.toString(16).padStart(2, '0')}`;
    throw new JsonDocumentError(`unexpected ${shown} at line ${this.line} (expected ${expected})`, this.line);
  }
}

/** True if an odd number of backslashes directly precede `buf[at]`, looking no further back than `from`. */
function oddBackslashesBefore(buf: Buffer, at: number, from: number): boolean {
  let k = at - 1;
  while (k >= from && buf[k] === BACKSLASH) k -= 1;
  return ((at - 1 - k) & 1) === 1;
}

function growStack(stack: Uint8Array): Uint8Array {
  const grown = new Uint8Array(stack.length * 2);
  grown.set(stack);
  return grown;
}
