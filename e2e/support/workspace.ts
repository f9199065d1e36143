import type { Locator, Page } from 'playwright-core';
import type { PlanDetail } from '../../src/shared/api-types';
import { Portal } from './pages';

/** The officers' workspace, in an officer's words, built on accessible roles and names. */
export class Workspace extends Portal {
  /** Signs in through the header's "Sign in" link and the sign-in form. */
  async signIn(email: string, password: string): Promise<void> {
    await this.open('/en/');
    await this.page.getByRole('banner').getByRole('link', { name: 'Sign in' }).click();
    await this.expectHeading('Sign in to the workspace');
    await this.main().getByLabel('E-mail address').fill(email);
    await this.main().getByLabel('Password').fill(password);
    await this.main().getByRole('button', { name: 'Sign in' }).click();
    await this.expectHeading('Workspace');
  }

  /** The English or French box of a bilingual field ("Title", "Summary", "Description"). */
  bilingual(field: string, language: 'English' | 'French'): Locator {
    return this.main()
      .getByRole('group', { name: new RegExp(`^${field}`) })
      .getByLabel(language, { exact: true });
  }

  /** The fieldset of one repeatable row, e.g. "Funding line 1". */
  row(name: string): Locator {
    return this.main().getByRole('group', { name, exact: true });
  }

  staffPanel(): Locator {
    return this.main().getByRole('region', { name: 'Publication and review' });
  }

  /** The confirmation the page shows after an action ("Your changes were saved."). */
  async expectStatus(text: string | RegExp): Promise<void> {
    await this.main().getByRole('status').filter({ hasText: text }).first().waitFor();
  }

  errorSummary(): Locator {
    return this.main().locator('.error-summary');
  }
}

/** Ids of framework nodes of a plan by their codes ("1.1" → id). */
export function nodeIdsByCode(plan: PlanDetail): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (nodes: PlanDetail['framework']) => {
    for (const n of nodes) {
      out.set(n.code, n.id);
      walk(n.children);
    }
  };
  walk(plan.framework);
  return out;
}

/** Calls the API from inside the page, as the signed-in person (cookie and CSRF token). */
export async function apiFromPage(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
  version?: number,
): Promise<{ status: number; body: unknown }> {
  return page.evaluate(
    async ({ method, path, body, version }) => {
      const me = await fetch('/api/v1/auth/me');
      const { csrfToken } = (await me.json()) as { csrfToken: string };
      const headers: Record<string, string> = { 'content-type': 'application/json', 'x-csrf-token': csrfToken };
      if (version !== undefined) headers['if-match'] = `"${version}"`;
      const res = await fetch(`/api/v1${path}`, {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
    },
    { method, path, body, version },
  );
}
