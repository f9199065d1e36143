import type { Locator, Page } from 'playwright-core';

/** What the browser shows for the element that has the focus. */
export interface FocusInfo {
  /** e.g. `a[href="/en/activities"] "Activities"`; `body` when nothing has the focus. */
  label: string;
  tag: string;
  /** Rendered with a box of at least 2×2 px, not hidden, not transparent, and on screen. */
  visible: boolean;
  /** Why it does not count as visible, when it does not. */
  hiddenReason: string;
  /** A focus indicator is drawn: an outline, a box shadow, or a changed background. */
  indicator: boolean;
  outline: string;
  boxShadow: string;
  tabIndex: number;
}

/**
 * (The functions handed to page.evaluate declare no named helpers: they run in the page, where the
 * test runtime's helpers do not exist.)
 */
export async function focusInfo(page: Page): Promise<FocusInfo> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body || el === document.documentElement) {
      return {
        label: 'body',
        tag: 'body',
        visible: false,
        hiddenReason: 'nothing focused',
        indicator: false,
        outline: '',
        boxShadow: '',
        tabIndex: -1,
      };
    }
    const text = (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
    const attrs = ['id', 'href', 'name', 'value', 'type']
      .map((a) => (el.hasAttribute(a) ? `[${a}="${el.getAttribute(a)}"]` : ''))
      .join('');
    const label = `${el.tagName.toLowerCase()}${attrs}${text ? ` "${text}"` : ''}`;
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    let hiddenReason = '';
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) hiddenReason = 'hidden';
    else if (rect.width < 2 || rect.height < 2) hiddenReason = `box ${rect.width}×${rect.height}`;
    else if (rect.bottom <= 0 || rect.right <= 0 || rect.top >= innerHeight || rect.left >= innerWidth)
      hiddenReason = `off screen at ${Math.round(rect.left)},${Math.round(rect.top)}`;
    else if (el.closest('[aria-hidden="true"]')) hiddenReason = 'aria-hidden';
    else {
      for (let a: HTMLElement | null = el; a; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.clipPath !== 'none' || (s.clip !== 'auto' && s.position === 'absolute')) {
          hiddenReason = `clipped by ${a.tagName.toLowerCase()}.${a.className}`;
          break;
        }
      }
    }
    const outlineWidth = parseFloat(style.outlineWidth) || 0;
    const outline =
      style.outlineStyle !== 'none' &&
      outlineWidth > 0 &&
      style.outlineColor !== 'transparent' &&
      !/rgba\(.*,\s*0\)$/.test(style.outlineColor);
    const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
    return {
      label,
      tag: el.tagName.toLowerCase(),
      visible: hiddenReason === '',
      hiddenReason,
      indicator: outline || shadow,
      outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
      boxShadow: style.boxShadow,
      tabIndex: el.tabIndex,
    };
  });
}

/** Whether the element is rendered, within the viewport's width, and not cut off by a clipping ancestor. */
export async function clipping(locator: Locator): Promise<string | null> {
  return locator.evaluate((el) => {
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return 'not rendered';
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return `empty box ${r.width}×${r.height}`;
    const vw = document.documentElement.clientWidth;
    if (r.left < -1 || r.right > vw + 1)
      return `outside the viewport width (${Math.round(r.left)}–${Math.round(r.right)} of ${vw})`;
    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
      return 'text cut off inside the element';
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
      const ar = a.getBoundingClientRect();
      if (r.left < ar.left - 1 || r.right > ar.right + 1 || r.top < ar.top - 1 || r.bottom > ar.bottom + 1)
        return `clipped by ${a.tagName.toLowerCase()}.${a.className}`;
    }
    return null;
  });
}

export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** The elements that stick out past the right edge, to say what overflows. */
export async function overflowingElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const out: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll<HTMLElement>('*'))) {
      const r = el.getBoundingClientRect();
      if (r.right <= vw + 1 || r.width === 0) continue;
      // Report the outermost offender only.
      const parent = el.parentElement;
      if (parent && parent.getBoundingClientRect().right > vw + 1) continue;
      const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
      out.push(
        `${el.tagName.toLowerCase()}.${String(el.className)} "${text}" right=${Math.round(r.right)} (viewport ${vw})`,
      );
    }
    return out.slice(0, 10);
  });
}
