import type { ReportFormat } from '../../shared/schemas/report-query.schema';
import { renderDocx } from './docx.renderer';
import { renderHtml } from './html.renderer';
import { renderPdf } from './pdf.renderer';
import type { ReportModel } from './report-model';
import { reportFileName } from './report-sections';
import { renderXlsx } from './xlsx.renderer';

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

/** Renders the report's model in one format. */
export async function renderReport(m: ReportModel, format: ReportFormat): Promise<RenderedReport> {
  let body: Buffer;
  switch (format) {
    case 'html':
      body = Buffer.from(renderHtml(m), 'utf8');
      break;
    case 'pdf':
      body = await renderPdf(m);
      break;
    case 'docx':
      body = await renderDocx(m);
      break;
    case 'xlsx':
      body = await renderXlsx(m);
      break;
  }
  return { body, contentType: CONTENT_TYPES[format], fileName: reportFileName(m, format) };
}
