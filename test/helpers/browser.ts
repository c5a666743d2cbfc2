/**
 * Opens a rendered page in Debian's headless Chromium (driven by playwright-core, which downloads
 * no browser of its own) and records what a self-contained page must not do: log errors, throw,
 * or fetch anything but itself.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { PNG } from 'pngjs';

/** Where Debian's `chromium` package puts the browser; `.ci/run` installs it when missing. */
export const CHROMIUM = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** What the page did while it loaded and while the test looked at it. */
export interface PageLog {
  /** `console.error` and the browser's own error messages (a failed load, a blocked script). */
  readonly consoleErrors: string[];
  /** Uncaught exceptions in the page's scripts. */
  readonly pageErrors: string[];
  /** Every request for something other than the page's own file or a `data:` URL. */
  readonly foreignRequests: string[];
}

/** Fails, rather than skips, when the browser is not installed: a skipped check is a lost one. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} not found: the HTML report tests need Debian's Chromium. .ci/run installs it ` +
        '(apt-get update && apt-get install -y --no-install-recommends chromium); run that once on this machine.',
    );
  }
}

/**
 * Launches headless Chromium, opens a local file in a fresh page of the given viewport, hands
 * the page and its log to `use`, and closes the browser whatever happens.
 */
export async function withFilePage<T>(
  file: string,
  use: (page: Page, log: PageLog) => Promise<T>,
  viewport: { width: number; height: number } = { width: 1280, height: 900 },
): Promise<T> {
  requireChromium();
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport, deviceScaleFactor: 1 });
    const url = pathToFileURL(file).href;
    const log: PageLog = { consoleErrors: [], pageErrors: [], foreignRequests: [] };
    page.on('console', (message) => {
      if (message.type() === 'error') log.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => log.pageErrors.push(String(error)));
    page.on('request', (request) => {
      const requested = request.url();
      if (requested !== url && !requested.startsWith('data:')) log.foreignRequests.push(requested);
    });
    const response = await page.goto(url, { waitUntil: 'load' });
    if (response !== null && !response.ok()) throw new Error(`${url}: status ${response.status()}`);
    return await use(page, log);
  } finally {
    await browser.close();
  }
}

/** How much a screenshot shows: enough differing pixels and colours mean it is not blank. */
export interface PixelStats {
  readonly width: number;
  readonly height: number;
  /** Share of pixels (0–1) whose colour differs from the top-left pixel's, the background's. */
  readonly differingShare: number;
  /** Distinct RGBA colours, counted up to `cap`. */
  readonly distinctColours: number;
}

export function pixelStats(png: Buffer, cap = 100_000): PixelStats {
  const image = PNG.sync.read(png);
  const data = image.data;
  const pixels = image.width * image.height;
  const background = data.readUInt32BE(0);
  const colours = new Set<number>();
  let differing = 0;
  for (let offset = 0; offset < pixels * 4; offset += 4) {
    const colour = data.readUInt32BE(offset);
    if (colour !== background) differing += 1;
    if (colours.size < cap) colours.add(colour);
  }
  return {
    width: image.width,
    height: image.height,
    differingShare: pixels === 0 ? 0 : differing / pixels,
    distinctColours: colours.size,
  };
}
