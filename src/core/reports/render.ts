import type { ReportFormat } from '../../shared/schemas/report-query.schema';
import { renderHtml } from './html.renderer';
import type { ReportModel } from './report-model';
import { reportFileName } from './report-sections';

export interface RenderedReport {
  body: Buffer;
  contentType: string;
  fileName: string;
}

const CONTENT_TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * Renders the report's model in one format. The PDF, DOCX and XLSX renderers (and their libraries,
 * tens of megabytes in memory) are loaded on first use, so processes that never render them, such
 * as an import, do not carry them.
 */
export async function renderReport(m: ReportModel, format: ReportFormat): Promise<RenderedReport> {
  let body: Buffer;
  switch (format) {
    case 'html':
      body = Buffer.from(renderHtml(m), 'utf8');
      break;
    case 'pdf':
      body = await (await import('./pdf.renderer')).renderPdf(m);
      break;
    case 'docx':
      body = await (await import('./docx.renderer')).renderDocx(m);
      break;
    case 'xlsx':
      body = await (await import('./xlsx.renderer')).renderXlsx(m);
      break;
  }
  return { body, contentType: CONTENT_TYPES[format], fileName: reportFileName(m, format) };
}
