import { FormattedMessage, FormattedNumber, useIntl } from 'react-intl';
import type {
  ActivityResult,
  ActivitySector,
  OtherLanguageText,
  OtherRecipient,
  ResultIndicator,
} from '../../shared/api-types';
import { useLabels } from '../i18n/labels';
import { Localized, LocalizedBlock } from './Localized';
import { PartialDateText } from './PartialDateText';
import { TableScroller } from './TableScroller';

/** The name of a recipient outside the ASEAN member states: the interface's own country name, else the official one. */
function RecipientName({ recipient }: { recipient: OtherRecipient }) {
  const labels = useLabels();
  const intl = useIntl();
  if (recipient.kind === 'country') {
    const name = labels.country(recipient.code);
    if (name !== recipient.code) return <>{name}</>;
  }
  const code =
    recipient.kind === 'region' && recipient.vocabulary
      ? intl.formatMessage(
          { id: 'activity.regionCode' },
          { vocabulary: labels.regionVocabulary(recipient.vocabulary), code: recipient.code },
        )
      : recipient.code;
  if (recipient.label) {
    return (
      <>
        <Localized value={recipient.label} /> ({code})
      </>
    );
  }
  if (recipient.name) return <>{`${recipient.name} (${code})`}</>;
  return <>{code}</>;
}

/** Recipients beyond the ASEAN member states and Timor-Leste, joined as a list. */
export function OtherRecipients({ recipients }: { recipients: OtherRecipient[] }) {
  return (
    <ul className="plain-list inline-list">
      {recipients.map((r) => (
        <li key={`${r.kind}-${r.vocabulary ?? ''}-${r.code}`}>
          <RecipientName recipient={r} />
        </li>
      ))}
    </ul>
  );
}

function SectorName({ sector }: { sector: ActivitySector }) {
  if (sector.label) return <Localized value={sector.label} />;
  if (sector.name) return <>{sector.name}</>;
  return <FormattedMessage id="sectors.unnamed" />;
}

/** The activity's sectors with their official names, vocabularies and shares. */
export function Sectors({ sectors }: { sectors: ActivitySector[] }) {
  const labels = useLabels();
  return (
    <TableScroller labelledBy="sectors-caption">
      <table className="table table--sectors">
        <caption id="sectors-caption">
          <FormattedMessage id="sectors.caption" />
        </caption>
        <thead>
          <tr>
            <th scope="col">
              <FormattedMessage id="sectors.code" />
            </th>
            <th scope="col">
              <FormattedMessage id="sectors.name" />
            </th>
            <th scope="col">
              <FormattedMessage id="sectors.vocabulary" />
            </th>
            <th scope="col" className="num">
              <FormattedMessage id="sectors.share" />
            </th>
          </tr>
        </thead>
        <tbody>
          {sectors.map((s) => (
            <tr key={`${s.vocabulary}-${s.code}`}>
              <th scope="row">
                <code>{s.code}</code>
              </th>
              <td>
                <SectorName sector={s} />
              </td>
              <td>{labels.sectorVocabulary(s.vocabulary)}</td>
              <td className="num">
                {s.percentage === null ? (
                  <FormattedMessage id="sectors.noShare" />
                ) : (
                  <FormattedNumber value={s.percentage / 100} style="percent" maximumFractionDigits={2} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroller>
  );
}

function Value({ value }: { value: string | null }) {
  return value === null ? <FormattedMessage id="results.noValue" /> : <>{value}</>;
}

function Indicator({ indicator, id }: { indicator: ResultIndicator; id: string }) {
  const labels = useLabels();
  const captionId = `${id}-caption`;
  return (
    <div className="indicator">
      <TableScroller labelledBy={captionId}>
        <table className="table table--indicator">
          <caption id={captionId}>
            <FormattedMessage id="results.indicatorCaption" values={{ title: <Localized value={indicator.title} /> }} />
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <FormattedMessage id="results.period" />
              </th>
              <th scope="col" className="num">
                <FormattedMessage id="results.target" />
              </th>
              <th scope="col" className="num">
                <FormattedMessage id="results.actual" />
              </th>
            </tr>
          </thead>
          <tbody>
            {(indicator.baselineYear !== null || indicator.baselineValue !== null) && (
              <tr className="indicator__baseline">
                <th scope="row">
                  <FormattedMessage
                    id="results.baseline"
                    values={{ year: indicator.baselineYear === null ? 'none' : String(indicator.baselineYear) }}
                  />
                </th>
                <td className="num" colSpan={2}>
                  <Value value={indicator.baselineValue} />
                </td>
              </tr>
            )}
            {indicator.periods.map((p, i) => (
              <tr key={i}>
                <th scope="row">
                  <PartialDateText value={p.start} /> – <PartialDateText value={p.end} />
                </th>
                <td className="num">
                  <Value value={p.target} />
                </td>
                <td className="num">
                  <Value value={p.actual} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroller>
      <p className="indicator__meta">
        <FormattedMessage
          id="results.measure"
          values={{ measure: labels.indicatorMeasure(indicator.measure), ascending: String(indicator.ascending) }}
        />
      </p>
      <LocalizedBlock value={indicator.description} className="indicator__description" />
    </div>
  );
}

function Result({ result, index }: { result: ActivityResult; index: number }) {
  const labels = useLabels();
  const headingId = `result-${index + 1}-title`;
  return (
    <section className="result" aria-labelledby={headingId}>
      <h3 id={headingId} className="result__title">
        <Localized value={result.title} />
      </h3>
      <p className="result__type">
        <FormattedMessage id="results.type" values={{ type: labels.resultType(result.type) }} />
      </p>
      <LocalizedBlock value={result.description} className="prose" />
      {result.indicators.length === 0 ? (
        <p className="empty-state">
          <FormattedMessage id="results.noIndicators" />
        </p>
      ) : (
        result.indicators.map((ind, j) => (
          <Indicator key={j} indicator={ind} id={`result-${index + 1}-indicator-${j + 1}`} />
        ))
      )}
    </section>
  );
}

/** The results the activity aims at, each indicator as a table of baseline, targets and actual values. */
export function Results({ results }: { results: ActivityResult[] }) {
  return (
    <div className="results">
      {results.map((r, i) => (
        <Result key={i} result={r} index={i} />
      ))}
    </div>
  );
}

/** Titles, summaries and descriptions in languages other than English and French, each marked with its language. */
export function OtherLanguageTexts({ texts }: { texts: OtherLanguageText[] }) {
  const labels = useLabels();
  return (
    <dl className="other-languages">
      {texts.map((t) => (
        <div key={`${t.field}-${t.lang}`}>
          <dt>
            <FormattedMessage
              id="otherLanguages.item"
              values={{ field: labels.narrativeField(t.field), language: labels.language(t.lang) }}
            />
          </dt>
          <dd lang={t.lang}>
            {t.text
              .split(/\n\s*\n/)
              .map((p) => p.trim())
              .filter(Boolean)
              .map((p, i) => (
                <p key={i}>{p}</p>
              ))}
          </dd>
        </div>
      ))}
    </dl>
  );
}
