import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';

/**
 * Page models: what a visitor does on each screen, in the visitor's words, built on accessible roles
 * and names so the tests also check that screens are reachable that way.
 */
export class Portal {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  async open(path: string): Promise<void> {
    await this.page.goto(this.baseUrl + path);
    await this.heading().waitFor();
  }

  async expectHeading(text: string | RegExp): Promise<void> {
    const pattern =
      typeof text === 'string' ? { source: text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), flags: '' } : text;
    await this.page.waitForFunction(
      ({ source, flags }) => new RegExp(source, flags).test(document.querySelector('h1')?.textContent ?? ''),
      { source: pattern.source, flags: pattern.flags },
    );
  }

  /** Follows a link by its accessible name, within `scope` when given. */
  async follow(name: string | RegExp, scope: Locator | Page = this.page): Promise<void> {
    await scope
      .getByRole('link', { name, exact: typeof name === 'string' })
      .first()
      .click();
  }

  main(): Locator {
    return this.page.getByRole('main');
  }

  path(): string {
    return new URL(this.page.url()).pathname;
  }

  search(): URLSearchParams {
    return new URL(this.page.url()).searchParams;
  }

  async horizontalOverflow(): Promise<number> {
    return this.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  }
}

export class HomePage extends Portal {
  async openPillar(title: string): Promise<void> {
    await this.follow(title, this.main());
    await this.expectHeading(title);
  }
}

export class FrameworkNodePage extends Portal {
  async openArea(title: string): Promise<void> {
    await this.follow(title, this.main());
    await this.expectHeading(title);
  }

  /** Titles of the activities listed under this node. */
  async activityTitles(): Promise<string[]> {
    const list = this.main().getByRole('list', { name: /^Activities under/ });
    await list.waitFor();
    return list.getByRole('heading').allInnerTexts();
  }

  async openActivity(title: RegExp): Promise<void> {
    await this.follow(title, this.main());
    await this.expectHeading(title);
  }
}

export class ActivityListPage extends Portal {
  async resultSummary(): Promise<string> {
    const status = this.main().getByText(/^Showing \d+–\d+ of \d+$/);
    await status.waitFor();
    return status.innerText();
  }

  async total(): Promise<number> {
    const m = /of (\d+)$/.exec(await this.resultSummary());
    assert.ok(m, 'result summary shows a total');
    return Number(m[1]);
  }

  /** The total once the list no longer shows `previous` (after a filter change re-renders it). */
  async totalOtherThan(previous: number): Promise<number> {
    await this.page.waitForFunction((prev) => {
      const m = /Showing \d+–\d+ of (\d+)/.exec(document.querySelector('main')?.textContent ?? '');
      return m !== null && Number(m[1]) !== prev;
    }, previous);
    return this.total();
  }

  async tick(group: string, option: string): Promise<void> {
    await this.main().getByRole('group', { name: group }).getByRole('checkbox', { name: option }).check();
  }

  async apply(): Promise<void> {
    await this.main().getByRole('button', { name: 'Apply filters' }).click();
  }
}

/** The search page and the header's search box, in a visitor's words. */
export class SearchResultsPage extends Portal {
  /** The page's own search field. */
  field(): Locator {
    return this.main().getByRole('searchbox', { name: 'Words to search for' });
  }

  /** The header's search box, on every page. */
  headerBox(): Locator {
    return this.page.getByRole('banner').getByRole('search').getByRole('searchbox');
  }

  hits(): Locator {
    return this.main().locator('.search-hits > li');
  }

  /** The polite live region that announces the results. */
  status(): Locator {
    return this.main().locator('.search-status');
  }

  facet(name: string): Locator {
    return this.main().getByRole('group', { name, exact: true });
  }

  /** Waits until the page shows the answer for the words `q` (and no request is pending). */
  async answered(q: string): Promise<void> {
    await this.page.waitForFunction(
      (words) =>
        document.querySelector('main [aria-busy="true"]') === null &&
        document.querySelector('main [data-answered]')?.getAttribute('data-answered') === words,
      q,
    );
  }

  /** The total announced in the status ("12 results for …"), 0 for "No results". */
  async total(): Promise<number> {
    const text = (await this.status().innerText()).replace(/[\s\u202f\u00a0]/g, '');
    const m = /^(\d+)/.exec(text);
    return m ? Number(m[1]) : 0;
  }

  /** The count a facet shows next to one of its values, e.g. Kind of result › Activities (7). */
  async facetCount(group: string, option: RegExp): Promise<number> {
    const label = await this.facet(group).locator('label').filter({ hasText: option }).first().innerText();
    const m = /\((\d+)\)\s*$/.exec(label.replace(/[\u202f\u00a0]/g, ''));
    assert.ok(m, `a count in "${label}"`);
    return Number(m[1]);
  }

  /** The words marked in the hits' titles and snippets. */
  async markedWords(): Promise<string[]> {
    return this.hits().locator('mark').allInnerTexts();
  }
}
