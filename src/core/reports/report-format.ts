import type { LocalizedText } from '../../shared/localized';
import { resolveText } from '../../shared/localized';
import { currencyExponent } from '../../shared/money';
import { datePrecision, type PartialDate } from '../../shared/partial-date';
import { REGION_CODE, type Language } from '../../shared/vocab';
import { message, type ReportMessageKey } from './report-messages';

/** The Intl locale of each report language. */
export const REPORT_LOCALES: Record<Language, 'en-CA' | 'fr-CA'> = { en: 'en-CA', fr: 'fr-CA' };

/**
 * Formats numbers, money, dates, vocabulary and localized text for one report language, with Intl
 * in `en-CA` or `fr-CA`. Renderers print only what this gives them, so every format agrees.
 */
export class ReportFormatter {
  readonly locale: 'en-CA' | 'fr-CA';
  private readonly numbers: Intl.NumberFormat;
  private readonly percents: Intl.NumberFormat;
  private readonly moneyFormats = new Map<string, Intl.NumberFormat>();
  private readonly regions: Intl.DisplayNames;

  constructor(readonly lang: Language) {
    this.locale = REPORT_LOCALES[lang];
    this.numbers = new Intl.NumberFormat(this.locale);
    this.percents = new Intl.NumberFormat(this.locale, { style: 'percent', maximumFractionDigits: 1 });
    this.regions = new Intl.DisplayNames([this.locale], { type: 'region' });
  }

  /** A message of the report catalogue. */
  t(key: ReportMessageKey, values?: Record<string, string | number>): string {
    return message(this.lang, key, values);
  }

  number(n: number): string {
    return this.numbers.format(n);
  }

  /** `percent` on the 0–100 scale (as the coverage roll-ups give it); a dash when null. */
  percent(percent: number | null): string {
    return percent === null ? this.t('none') : this.percents.format(percent / 100);
  }

  /** Major units of an amount in minor units (for spreadsheets). */
  major(amountMinor: number, currency: string): number {
    return amountMinor / 10 ** currencyExponent(currency);
  }

  money(amountMinor: number, currency: string): string {
    let f = this.moneyFormats.get(currency);
    if (!f) {
      const digits = currencyExponent(currency);
      f = new Intl.NumberFormat(this.locale, {
        style: 'currency',
        currency,
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
      this.moneyFormats.set(currency, f);
    }
    return f.format(this.major(amountMinor, currency));
  }

  /** A partial date at its own precision: "2013", "May 2013", "May 3, 2013". */
  partialDate(value: PartialDate | null): string {
    if (value === null) return this.t('none');
    const precision = datePrecision(value);
    const [y, m, d] = value.split('-').map(Number);
    const date = new Date(Date.UTC(y!, (m ?? 1) - 1, d ?? 1));
    const options: Intl.DateTimeFormatOptions =
      precision === 'year'
        ? { year: 'numeric', timeZone: 'UTC' }
        : precision === 'month'
          ? { year: 'numeric', month: 'long', timeZone: 'UTC' }
          : { dateStyle: 'long', timeZone: 'UTC' };
    return new Intl.DateTimeFormat(this.locale, options).format(date);
  }

  /** A span of partial dates, "2011 – 2013". */
  span(start: PartialDate | null, end: PartialDate | null): string {
    if (start === null && end === null) return this.t('none');
    return `${this.partialDate(start)} – ${this.partialDate(end)}`;
  }

  /** An instant as a long date and time in UTC. */
  dateTime(iso: string): string {
    const f = new Intl.DateTimeFormat(this.locale, {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: 'UTC',
    });
    return `${f.format(new Date(iso))} UTC`;
  }

  /** The text in the report's language, else the other one marked with its language tag. */
  text(value: LocalizedText | null | undefined): { text: string; fallback: boolean; lang: Language } {
    const r = resolveText(value, this.lang);
    if (!r) return { text: this.t('none'), fallback: false, lang: this.lang };
    return r.fallback ? { text: `${r.text} ${this.fallbackMark}`, fallback: true, lang: r.lang } : r;
  }

  /** The separator between a label and its value: ": " in English, " : " (no-break space) in French. */
  get colon(): string {
    return this.lang === 'fr' ? '\u00a0: ' : ': ';
  }

  /** The mark put after text shown in the other language: "[fr]" in an English report. */
  get fallbackMark(): string {
    return `[${this.lang === 'en' ? 'fr' : 'en'}]`;
  }

  /** The name of a country code, or of the region for `ASEAN`. */
  country(code: string): string {
    if (code === REGION_CODE) return this.t('region');
    return this.regions.of(code) ?? code;
  }

  /** An organisation as "Name (ACRONYM)". */
  organisation(o: { name: LocalizedText; acronym: string | null; id: string }): string {
    const name = resolveText(o.name, this.lang);
    if (!name) return o.acronym ?? o.id;
    const text = name.fallback ? `${name.text} ${this.fallbackMark}` : name.text;
    return o.acronym && o.acronym !== name.text ? `${text} (${o.acronym})` : text;
  }
}
