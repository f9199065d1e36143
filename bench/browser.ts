import fs from 'node:fs';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface HomePageResult {
  /** The page's scripts compressed with gzip (default level), as the server sends them to a gzip-only client. */
  jsGzipBytes: number;
  /** What the browser actually received for them (the server may choose brotli). */
  jsTransferredBytes: number;
  scripts: number;
  /** Median Largest Contentful Paint over the runs, each in a fresh browser context (empty cache). */
  lcpMs: number;
}

declare global {
  interface Window {
    __lcp?: number;
  }
}

/** Opens the public home page in Chromium `runs` times and reports its scripts' size and its LCP. */
export async function measureHomePage(baseUrl: string, runs = 3): Promise<HomePageResult | { skipped: string }> {
  if (!fs.existsSync(CHROMIUM)) return { skipped: `no Chromium at ${CHROMIUM}` };
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const lcps: number[] = [];
    let js = { gzip: 0, transferred: 0, scripts: 0 };
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.addInitScript(() => {
        new PerformanceObserver((list) => {
          const entries = list.getEntries();
          const last = entries[entries.length - 1];
          if (last) window.__lcp = last.startTime;
        }).observe({ type: 'largest-contentful-paint', buffered: true });
      });
      const scripts: Promise<{ gzip: number; transferred: number }>[] = [];
      page.on('response', (response) => {
        if (response.request().resourceType() !== 'script') return;
        scripts.push(
          (async () => {
            const [body, sizes] = await Promise.all([response.body(), response.request().sizes()]);
            return { gzip: zlib.gzipSync(body).length, transferred: sizes.responseBodySize };
          })().catch(() => ({ gzip: 0, transferred: 0 })),
        );
      });
      await page.goto(`${baseUrl}/en`, { waitUntil: 'networkidle' });
      await page.waitForFunction(() => window.__lcp !== undefined, undefined, { timeout: 10_000 });
      lcps.push(await page.evaluate(() => window.__lcp ?? Number.NaN));
      // Scripts that arrive later (a chunk loaded on demand) are not part of the first view.
      page.removeAllListeners('response');
      const sizes = await Promise.all(scripts);
      js = {
        gzip: sizes.reduce((a, s) => a + s.gzip, 0),
        transferred: sizes.reduce((a, s) => a + s.transferred, 0),
        scripts: sizes.length,
      };
      await context.close();
    }
    lcps.sort((a, b) => a - b);
    return {
      jsGzipBytes: js.gzip,
      jsTransferredBytes: js.transferred,
      scripts: js.scripts,
      lcpMs: lcps[Math.floor(lcps.length / 2)] ?? Number.NaN,
    };
  } finally {
    await browser.close();
  }
}
