import type { Readable } from 'node:stream';
import type { ActivityDetail } from '../../shared/api-types';
import type { LocalizedText } from '../../shared/localized';
import { ACTIVITY_EXPORT_HEADERS, FUNDING_EXPORT_HEADERS } from '../../shared/export-columns';
import { type ActivityExportQuery, type FundingExportQuery } from '../../shared/schemas/export-query.schema';
import type { Language, OrganisationType } from '../../shared/vocab';
import type { Audience } from '../audience';
import {
  ACTIVITY_COLUMNS,
  FUNDING_LINE_COLUMNS,
  pickColumns,
  type ColumnContext,
  type FundingLineRecord,
} from '../exports/export-columns';
import { iatiActivitiesXml, type IatiOrganisationInfo } from '../exports/iati.writer';
import { csvChunks, textStream, xlsxStream, type AboutFacts, type ExportTable } from '../exports/table.writers';
import type { ActivityRepository } from '../repositories/activity.repository';
import { loc } from '../repositories/localized';
import type { ActivityService } from './activity.service';

/** Who publishes the IATI files of this installation (`reporting-org`). */
export interface IatiPublisher {
  ref: string;
  /** IATI OrganisationType code, e.g. 40 (regional NGO) or 80 (other public sector). */
  type: string;
  name: LocalizedText;
}

/**
 * The publisher when none is configured (`IATI_REPORTING_ORG_REF` and friends): a placeholder
 * identifier, to be replaced by the registered one before files are published to the IATI Registry.
 */
export const DEFAULT_IATI_PUBLISHER: IatiPublisher = {
  ref: 'XX-ACTIONLINE',
  type: '80',
  name: { en: 'ActionLine', fr: 'ActionLine' },
};

/** A file ready to send: its media type, a file name to save it under, and its bytes as a stream. */
export interface ExportFile {
  contentType: string;
  fileName: string;
  body: Readable;
}

const MEDIA = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
  iati: 'application/xml; charset=utf-8',
} as const;

const EXTENSION = { csv: 'csv', xlsx: 'xlsx', json: 'json', iati: 'xml' } as const;

const WORDS: Record<
  Language,
  Record<
    | 'about'
    | 'activities'
    | 'funding'
    | 'produced'
    | 'source'
    | 'scope'
    | 'selection'
    | 'language'
    | 'published'
    | 'staff'
    | 'all',
    string
  >
> = {
  en: {
    about: 'About',
    activities: 'Activities',
    funding: 'Funding lines',
    produced: 'Produced',
    source: 'Produced by ActionLine at',
    scope: 'Records',
    selection: 'Selection',
    language: 'Language',
    published: 'published activities only',
    staff: 'every activity the signed-in person may read, whatever its publication state',
    all: 'all activities',
  },
  fr: {
    about: 'À propos',
    activities: 'Activités',
    funding: 'Lignes de financement',
    produced: 'Produit le',
    source: 'Produit par ActionLine à',
    scope: 'Enregistrements',
    selection: 'Sélection',
    language: 'Langue',
    published: 'activités publiées seulement',
    staff: 'toutes les activités que la personne connectée peut lire, quel que soit leur état de publication',
    all: 'toutes les activités',
  },
};

const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', fr: 'Français' };

/** The query string of the selection, for the file's provenance ("plan=…&country=TH"). */
function selectionText(q: ActivityExportQuery | FundingExportQuery, lang: Language): string {
  const skip = new Set(['format', 'lang', 'columns', 'sort']);
  const parts = Object.entries(q)
    .filter(([k, v]) => !skip.has(k) && v !== undefined)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`);
  return parts.length ? parts.join('&') : WORDS[lang].all;
}

function stamp(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * Open-data exports of activities: CSV, XLSX and JSON tables with the columns a user picks, and
 * IATI 2.03 activity XML; and of funding lines (CSV, XLSX). Everything follows the requested
 * language (headers, names of codes, text with fallback; the IATI files' default `xml:lang`),
 * reads the audience's activities in batches and streams, so memory stays flat however many
 * activities there are. The selection is checked before the first byte.
 */
export class ExportService {
  constructor(
    private readonly activities: ActivityService,
    private readonly repo: ActivityRepository,
    private readonly publisher: IatiPublisher,
    /** The clock; tests pin it. */
    private readonly now: () => Date = () => new Date(),
  ) {}

  async activityFile(
    q: ActivityExportQuery,
    audience: Audience,
    userId: string | null,
    baseUrl: string,
  ): Promise<ExportFile> {
    const batches = await this.activities.selectDetails(q, audience, userId);
    const ctx: ColumnContext = { lang: q.lang, baseUrl };
    const fileName = this.fileName('activities', q, EXTENSION[q.format]);
    const contentType = MEDIA[q.format];
    switch (q.format) {
      case 'iati':
        return { contentType, fileName, body: textStream(this.iati(batches, q.lang, baseUrl)) };
      case 'json':
        return { contentType, fileName, body: textStream(this.json(batches, q, audience, baseUrl)) };
      case 'csv':
      case 'xlsx': {
        const table: ExportTable<ActivityDetail> = {
          columns: pickColumns(ACTIVITY_COLUMNS, ACTIVITY_EXPORT_HEADERS, q.columns),
          batches,
          ctx,
        };
        return { contentType, fileName, body: this.table(table, q, audience, baseUrl, WORDS[q.lang].activities) };
      }
    }
  }

  async fundingFile(
    q: FundingExportQuery,
    audience: Audience,
    userId: string | null,
    baseUrl: string,
  ): Promise<ExportFile> {
    const batches = await this.activities.selectDetails(q, audience, userId);
    const lines = async function* (): AsyncGenerator<FundingLineRecord[]> {
      for await (const batch of batches)
        yield batch.flatMap((activity) => activity.funding.map((line) => ({ activity, line })));
    };
    const table: ExportTable<FundingLineRecord> = {
      columns: pickColumns(FUNDING_LINE_COLUMNS, FUNDING_EXPORT_HEADERS, q.columns),
      batches: lines(),
      ctx: { lang: q.lang, baseUrl },
    };
    return {
      contentType: MEDIA[q.format],
      fileName: this.fileName('funding-lines', q, EXTENSION[q.format]),
      body: this.table(table, q, audience, baseUrl, WORDS[q.lang].funding),
    };
  }

  private table<T>(
    table: ExportTable<T>,
    q: ActivityExportQuery | FundingExportQuery,
    audience: Audience,
    baseUrl: string,
    sheetName: string,
  ): Readable {
    if (q.format === 'csv') return textStream(csvChunks(table));
    return xlsxStream(table, sheetName, { title: WORDS[q.lang].about, facts: this.about(q, audience, baseUrl) });
  }

  private about(q: ActivityExportQuery | FundingExportQuery, audience: Audience, baseUrl: string): AboutFacts {
    const w = WORDS[q.lang];
    return [
      [w.produced, this.now().toISOString()],
      [w.source, baseUrl],
      [w.scope, audience === 'staff' ? w.staff : w.published],
      [w.selection, selectionText(q, q.lang)],
      [w.language, LANGUAGE_NAMES[q.lang]],
    ];
  }

  private fileName(kind: string, q: ActivityExportQuery | FundingExportQuery, extension: string): string {
    const scope = q.id?.length === 1 ? q.id[0] : q.plan;
    const safe = (scope ?? 'all').replace(/[^A-Za-z0-9._-]+/g, '-');
    return `actionline-${kind}-${safe}-${q.lang}-${stamp(this.now())}.${extension}`;
  }

  private async *json(
    batches: AsyncIterable<ActivityDetail[]>,
    q: ActivityExportQuery,
    audience: Audience,
    baseUrl: string,
  ): AsyncGenerator<string> {
    const head = {
      producedAt: this.now().toISOString(),
      source: baseUrl,
      scope: audience === 'staff' ? 'staff' : 'published',
      selection: selectionText(q, 'en'),
      lang: q.lang,
    };
    yield `${JSON.stringify(head).slice(0, -1)},"items":[`;
    let first = true;
    for await (const batch of batches) {
      for (const a of batch) {
        yield (first ? '\n' : ',\n') + JSON.stringify(a);
        first = false;
      }
    }
    yield '\n]}\n';
  }

  /** Organisations' IATI facts, read batch by batch as the activities that name them stream past. */
  private async *iati(
    batches: AsyncIterable<ActivityDetail[]>,
    lang: Language,
    baseUrl: string,
  ): AsyncGenerator<string> {
    const organisations = new Map<string, IatiOrganisationInfo>();
    const repo = this.repo;
    const withOrganisations = async function* (): AsyncGenerator<ActivityDetail> {
      for await (const batch of batches) {
        const ids = new Set<string>();
        for (const a of batch) {
          if (a.reportingOrganisation) ids.add(a.reportingOrganisation.id);
          for (const p of a.participants) ids.add(p.organisation.id);
          for (const f of a.funding) for (const o of [f.provider, f.recipient]) if (o) ids.add(o.id);
        }
        const missing = [...ids].filter((id) => !organisations.has(id));
        for (const o of await repo.organisationsByIds(missing)) {
          organisations.set(o.id, {
            iatiIdentifier: o.iati_identifier,
            type: o.type as OrganisationType,
            name: loc(o.name_en, o.name_fr),
            acronym: o.acronym,
          });
        }
        yield* batch;
      }
    };
    yield* iatiActivitiesXml(withOrganisations(), {
      lang,
      generatedAt: this.now(),
      reportingOrg: this.publisher,
      identifierPrefix: this.publisher.ref,
      planUri: (slug) => `${baseUrl}/api/v1/plans/${encodeURIComponent(slug)}`,
      organisation: (id) => organisations.get(id),
    });
  }
}
