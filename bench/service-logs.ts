/**
 * The rest of a service's logs — the 70% of an export that is not tracemalloc: access logs,
 * assorted events, a few long exceptions, a few lines that merely contain ": size=", and a few
 * lines with non-ASCII text (user names, paths, messages), as real exports have (SPEC "Scale").
 */
import { Float, type Fields } from './render.js';
import { HEX, type Random } from './random.js';

/** Where the line is logged from: the host's context, bound by structlog. */
export interface LogContext {
  readonly host: string;
  readonly service: string;
  readonly pid: number;
}

/** Chance that a service line carries non-ASCII text: ~0.3% of all lines. */
const NON_ASCII_CHANCE = 0.0042;

const USERS = ['anonymous', 'anonymous', 'anonymous', 'anonymous', 'anonymous', 'anonymous', 'anna.k', 'bob', 'c.ramirez', 'dlee', 'e.novak', 'fatima.z', 'greg', 'hkim', 'ivan.p'];
const NON_ASCII_USERS = ['José', 'Zoë', 'Łukasz', 'François', 'Søren', 'Jürgen Müller', '山田太郎', 'Дмитрий', 'Ana María', 'Çağla'];
const NON_ASCII_PATHS = ['/files/résumé-2026.pdf', '/search?q=café+crème', '/products/naïve-tea', '/uploads/über/straße.png', '/search?q=寿司'];
/** Mostly probes and API clients, some browsers: repeated entries weight the pick. */
const USER_AGENTS = [
  'curl/8.5.0',
  'python-requests/2.32.3',
  'python-requests/2.32.3',
  'Go-http-client/2.0',
  'okhttp/4.12.0',
  'okhttp/4.12.0',
  'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
];
const PATHS = [
  (r: Random) => `/products/${r.int(1000, 99999)}`,
  (r: Random) => `/api/v1/products/${r.int(1000, 99999)}/reviews?page=${r.int(1, 40)}`,
  (r: Random) => `/api/v1/cart/${r.text(12, HEX)}/items`,
  (r: Random) => `/search?q=${r.pick(['shoes', 'red+dress', 'usb-c+cable', 'coffee', 'tent'])}&page=${r.int(1, 9)}`,
  (r: Random) => `/static/js/app.${r.text(8, HEX)}.js`,
  () => '/checkout',
  (r: Random) => `/v2/orders/${r.int(100000, 999999)}/shipments`,
];
const STATUSES = [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 201, 204, 304, 302, 400, 401, 404, 404, 500];

/** One service log line's fields, logged at `timestamp` in `context`. */
export function serviceFields(r: Random, context: LogContext, timestamp: string): Fields {
  const roll = r.next();
  const nonAscii = r.chance(NON_ASCII_CHANCE);
  let fields: Fields;
  let level = 'info';
  let event: string;
  if (roll < 0.72) {
    event = 'request';
    fields = accessLog(r, nonAscii);
    if ((fields['status'] as number) >= 500) level = 'error';
  } else if (roll < 0.995) {
    [event, level, fields] = otherEvent(r, nonAscii);
  } else if (roll < 0.998) {
    event = 'request_failed';
    level = 'error';
    fields = { exception: traceback(r), request_id: r.text(32, HEX) };
  } else {
    // Not tracemalloc, yet contains ": size=": the reader must decode it and then drop it.
    event = 'cache_stats';
    fields = { detail: `lru: size=${r.int(100, 4096)}, hits=${r.int(1000, 99999)}, misses=${r.int(0, 999)}` };
  }
  return { ...fields, host: context.host, service: context.service, pid: context.pid, event, level, timestamp };
}

function accessLog(r: Random, nonAscii: boolean): Fields {
  const duration = (mu: number): Float => new Float(Math.round(Math.exp(r.normal() + mu) * 1e5) / 1e5);
  if (!nonAscii && r.chance(0.3)) {
    return { method: 'GET', path: '/healthz', status: 200, duration: duration(-7.5), user_agent: 'kube-probe/1.29' };
  }
  const fields: Fields = {
    method: r.chance(0.75) ? 'GET' : r.pick(['POST', 'POST', 'PUT', 'DELETE']),
    path: nonAscii && r.chance(0.5) ? r.pick(NON_ASCII_PATHS) : r.pick(PATHS)(r),
    status: r.pick(STATUSES),
    duration: duration(-4),
    user_agent: r.pick(USER_AGENTS),
  };
  const user = nonAscii ? r.pick(NON_ASCII_USERS) : r.pick(USERS);
  if (user !== 'anonymous') fields['user'] = user;
  return fields;
}

function otherEvent(r: Random, nonAscii: boolean): [string, string, Fields] {
  const who = nonAscii ? r.pick(NON_ASCII_USERS) : r.pick(USERS);
  switch (r.int(0, 5)) {
    case 0:
      return ['cache_miss', 'debug', { key: `product:${r.int(1000, 99999)}:v${r.int(1, 9)}`, backend: 'redis', ttl: 300 }];
    case 1:
      return ['db_query', 'debug', {
        statement: `SELECT id, status FROM orders WHERE customer_id = $1 LIMIT ${r.int(10, 100)}`,
        rows: r.int(0, 100),
        duration_ms: new Float(Math.round(r.uniform(0.2, 40) * 1000) / 1000),
      }];
    case 2:
      return ['job_finished', 'info', { job: r.pick(['send_email', 'resize_image', 'sync_inventory', 'rebuild_index']), job_id: r.text(24, HEX), attempt: r.int(1, 3), duration_ms: new Float(Math.round(r.uniform(5, 9000) * 1000) / 1000) }];
    case 3:
      return ['retrying', 'warning', { upstream: r.pick(['payments', 'inventory', 'search']), error: 'upstream timed out after 2.0s', retry_in: new Float(r.pick([0.5, 1, 2, 4])), attempt: r.int(1, 5) }];
    case 4:
      return ['login', 'info', { user: who, method: r.pick(['password', 'sso', 'token']), remote_addr: `10.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}` }];
    default:
      return ['order_placed', 'info', { order_id: r.int(100000, 999999), customer: who, items: r.int(1, 12), total_cents: r.int(500, 250000), currency: 'EUR' }];
  }
}

const FRAMES = [
  ['/srv/app/.venv/lib/python3.11/site-packages/flask/app.py', 'full_dispatch_request', 'rv = self.dispatch_request()'],
  ['/srv/app/.venv/lib/python3.11/site-packages/flask/app.py', 'dispatch_request', 'return self.ensure_sync(self.view_functions[rule.endpoint])(**view_args)'],
  ['/srv/app/app/views.py', 'checkout', 'order = orders.place(cart, customer=current_user, payment=payment_method)'],
  ['/srv/app/app/orders.py', 'place', 'reservation = inventory.reserve(cart.items, timeout=settings.RESERVE_TIMEOUT)'],
  ['/srv/app/app/inventory.py', 'reserve', 'response = self.session.post(url, json=payload, timeout=timeout)'],
  ['/srv/app/.venv/lib/python3.11/site-packages/requests/sessions.py', 'post', 'return self.request("POST", url, data=data, json=json, **kwargs)'],
  ['/srv/app/.venv/lib/python3.11/site-packages/requests/adapters.py', 'send', 'raise ReadTimeout(e, request=request)'],
];

/** A Python traceback, 1–4 KB. */
function traceback(r: Random): string {
  let out = 'Traceback (most recent call last):\n';
  const depth = r.int(4, FRAMES.length);
  const chained = r.int(1, 2);
  for (let round = 0; round < chained; round += 1) {
    if (round > 0) out += '\nDuring handling of the above exception, another exception occurred:\n\nTraceback (most recent call last):\n';
    for (const [file, fn, code] of FRAMES.slice(0, depth)) out += `  File "${file}", line ${r.int(20, 2400)}, in ${fn}\n    ${code}\n`;
  }
  return `${out}requests.exceptions.ReadTimeout: HTTPConnectionPool(host='inventory', port=8080): Read timed out. (read timeout=2.0)`;
}
