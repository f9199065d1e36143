import { useState, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import type { CarryOverResult, CrosswalkEntry, FrameworkNodeTree, PlanDetail } from '../../shared/api-types';
import {
  CARRY_OVER_STATUSES,
  carryOverInputSchema,
  crosswalkEntryInputSchema,
  type CarryOverStatus,
} from '../../shared/schemas/crosswalk.schema';
import { ApiError } from '../api/client';
import { crosswalks } from '../api/crosswalks';
import { useLoader } from '../api/useApi';
import { plans } from '../api/workspace';
import { ApiErrorMessage, ErrorState } from '../components/ErrorSummary';
import { Loading } from '../components/Loading';
import { useText } from '../components/Localized';
import { PageHeading } from '../components/PageHeading';
import { useLabels as usePublicLabels } from '../i18n/labels';
import { useDocumentTitle } from '../lib/documentTitle';
import { flattenFramework } from '../lib/framework';
import { usePaths } from '../lib/paths';
import { CheckboxGroupField, FormErrorSummary, SelectField, TextField } from './form';
import { RequireRole } from './guards';
import { controlPathFor, issuesFromZod } from './issues';
import { useSubmitState } from './versionedForm';
import { WorkspaceBreadcrumb } from './WorkspaceBreadcrumb';

const hidden = (chunks: ReactNode[]) => <span className="visually-hidden">{chunks}</span>;

/** The value of the "new part" choice that records the old part as dropped. */
const DROPPED = '__dropped__';
const ENTRY_FIELDS = new Set(['fromNodeId', 'toNodeId', 'note']);

interface Loaded {
  from: PlanDetail;
  to: PlanDetail;
  entries: CrosswalkEntry[];
}

function Crosswalk({ fromSlug, toSlug }: { fromSlug: string; toSlug: string }) {
  const intl = useIntl();
  const text = useText();
  const paths = usePaths();
  const labels = usePublicLabels();
  const loaded = useLoader<Loaded>(
    `crosswalk:${fromSlug}:${toSlug}`,
    async (signal) => {
      const [from, to, crosswalk] = await Promise.all([
        plans.get(fromSlug, signal),
        plans.get(toSlug, signal),
        crosswalks.get(fromSlug, toSlug, signal),
      ]);
      return { from: from.data, to: to.data, entries: crosswalk.entries };
    },
    { keepPrevious: true },
  );
  const mapState = useSubmitState();
  const [draft, setDraft] = useState({ fromNodeId: '', toNodeId: '', note: '' });
  const [announcement, setAnnouncement] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const carryState = useSubmitState();
  const [statuses, setStatuses] = useState<CarryOverStatus[]>([...CARRY_OVER_STATUSES]);
  const [preview, setPreview] = useState<CarryOverResult | null>(null);
  const [done, setDone] = useState<CarryOverResult | null>(null);

  const d = loaded.data;
  useDocumentTitle(
    d
      ? intl.formatMessage(
          { id: 'crosswalkEditor.title' },
          { from: text(d.from.shortTitle), to: text(d.to.shortTitle) },
        )
      : null,
  );
  if (loaded.error && !d) return <ErrorState error={loaded.error} onRetry={loaded.reload} />;
  if (!d) return <Loading />;

  const oldNodes = flattenFramework(d.from.framework);
  const newNodes = flattenFramework(d.to.framework);
  const newById = new Map(newNodes.map((f) => [f.node.id, f.node]));
  const name = (n: FrameworkNodeTree) => `${n.code} ${text(n.title)}`;
  const indent = (depth: number) => `${'\u2003'.repeat(depth)}`;
  const entriesOf = (id: string) => d.entries.filter((e) => e.fromNodeId === id);
  const decided = oldNodes.filter((f) => entriesOf(f.node.id).length > 0).length;

  const fieldLabel = (path: string) => {
    switch (path) {
      case 'fromNodeId':
        return intl.formatMessage({ id: 'crosswalkEditor.oldPart' });
      case 'toNodeId':
        return intl.formatMessage({ id: 'crosswalkEditor.newPart' });
      case 'note':
        return intl.formatMessage({ id: 'crosswalkEditor.note' });
      default:
        return '';
    }
  };

  const input = () => ({
    fromNodeId: draft.fromNodeId,
    toNodeId: draft.toNodeId === DROPPED ? null : draft.toNodeId,
    note: draft.note,
  });

  const addMapping = () =>
    void mapState.submit(
      () => {
        if (draft.toNodeId === '') {
          return [{ path: 'toNodeId', message: intl.formatMessage({ id: 'crosswalkEditor.chooseNewPart' }) }];
        }
        const parsed = crosswalkEntryInputSchema.safeParse(input());
        return parsed.success ? [] : issuesFromZod(intl, parsed.error);
      },
      async () => {
        const old = oldNodes.find((f) => f.node.id === draft.fromNodeId)?.node;
        await crosswalks.add(fromSlug, toSlug, input());
        const target = draft.toNodeId === DROPPED ? null : newById.get(draft.toNodeId);
        setAnnouncement(
          intl.formatMessage(
            { id: 'crosswalkEditor.added' },
            { old: old ? name(old) : '', target: target ? name(target) : '', dropped: target ? 'no' : 'yes' },
          ),
        );
        setDraft({ fromNodeId: draft.fromNodeId, toNodeId: '', note: '' });
        setPreview(null);
        loaded.reload();
      },
    );

  const removeEntry = async (entry: CrosswalkEntry, old: FrameworkNodeTree) => {
    setError(null);
    try {
      await crosswalks.remove(entry.id, entry.version);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setError(err);
      loaded.reload();
      return;
    }
    setAnnouncement(intl.formatMessage({ id: 'crosswalkEditor.removed' }, { old: name(old) }));
    setPreview(null);
    loaded.reload();
    document.getElementById('f-fromNodeId')?.focus();
  };

  const carry = (dryRun: boolean) =>
    void carryState.submit(
      () => {
        const parsed = carryOverInputSchema.safeParse({ dryRun, statuses });
        return parsed.success ? [] : issuesFromZod(intl, parsed.error);
      },
      async () => {
        const result = await crosswalks.carryOver(fromSlug, toSlug, {
          dryRun,
          statuses,
          ...(dryRun || !preview ? {} : { activityIds: preview.activities.map((a) => a.id) }),
        });
        if (dryRun) {
          setPreview(result);
          setDone(null);
        } else {
          setPreview(null);
          setDone(result);
        }
      },
    );

  const resultText = (r: CarryOverResult) =>
    intl.formatMessage(
      { id: r.dryRun ? 'crosswalkEditor.previewSummary' : 'crosswalkEditor.doneSummary' },
      { activities: r.activities.length, links: r.linksAdded, notCarried: r.notCarried },
    );

  return (
    <div className="workspace-page">
      <WorkspaceBreadcrumb
        trail={[
          { label: <FormattedMessage id="frameworkEditor.plansTitle" />, to: paths.frameworkEditor() },
          { label: text(d.from.shortTitle), to: paths.frameworkEditor(d.from.slug) },
        ]}
        current={<FormattedMessage id="crosswalkEditor.breadcrumb" values={{ to: text(d.to.shortTitle) }} />}
      />
      <PageHeading>
        <FormattedMessage
          id="crosswalkEditor.title"
          values={{ from: text(d.from.shortTitle), to: text(d.to.shortTitle) }}
        />
      </PageHeading>
      <p className="lead">
        <FormattedMessage id="crosswalkEditor.intro" />
      </p>
      <p id="crosswalk-progress">
        <FormattedMessage
          id="crosswalkEditor.progress"
          values={{ decided, total: oldNodes.length, undecided: oldNodes.length - decided }}
        />
      </p>
      <div className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>
      {error && <ApiErrorMessage error={error} />}
      {loaded.error && <ApiErrorMessage error={loaded.error} onRetry={loaded.reload} />}

      <section className="section section--tight" aria-labelledby="map-title">
        <h2 id="map-title">
          <FormattedMessage id="crosswalkEditor.mapTitle" />
        </h2>
        <form
          aria-labelledby="map-title"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            addMapping();
          }}
        >
          <FormErrorSummary
            issues={mapState.issues}
            labelFor={fieldLabel}
            targetFor={(p) => controlPathFor(p, ENTRY_FIELDS)}
            focusKey={mapState.failures}
          />
          <div className="field-row">
            <SelectField
              path="fromNodeId"
              label={<FormattedMessage id="crosswalkEditor.oldPart" />}
              issues={mapState.byPath}
              value={draft.fromNodeId}
              onChange={(v) => setDraft((x) => ({ ...x, fromNodeId: v }))}
              placeholder={intl.formatMessage({ id: 'crosswalkEditor.choose' })}
              options={oldNodes.map((f) => ({ value: f.node.id, label: `${indent(f.depth)}${name(f.node)}` }))}
            />
            <SelectField
              path="toNodeId"
              label={<FormattedMessage id="crosswalkEditor.newPart" />}
              hint={<FormattedMessage id="crosswalkEditor.newPartHint" />}
              issues={mapState.byPath}
              value={draft.toNodeId}
              onChange={(v) => setDraft((x) => ({ ...x, toNodeId: v }))}
              placeholder={intl.formatMessage({ id: 'crosswalkEditor.choose' })}
              options={[
                { value: DROPPED, label: intl.formatMessage({ id: 'crosswalkEditor.dropped' }) },
                ...newNodes
                  .filter((f) => f.node.status !== 'retired')
                  .map((f) => ({ value: f.node.id, label: `${indent(f.depth)}${name(f.node)}` })),
              ]}
            />
          </div>
          <TextField
            path="note"
            label={<FormattedMessage id="crosswalkEditor.note" />}
            optional
            issues={mapState.byPath}
            value={draft.note}
            onChange={(v) => setDraft((x) => ({ ...x, note: v }))}
          />
          <div className="form-actions">
            <button type="submit" className="button" aria-disabled={mapState.busy || undefined}>
              <FormattedMessage id="crosswalkEditor.add" />
            </button>
          </div>
        </form>
      </section>

      <section className="section section--tight" aria-labelledby="decisions-title">
        <h2 id="decisions-title">
          <FormattedMessage id="crosswalkEditor.decisionsTitle" />
        </h2>
        <ul className={loaded.loading ? 'tree is-stale' : 'tree'} aria-labelledby="decisions-title">
          {oldNodes.map(({ node, depth }) => {
            const own = entriesOf(node.id);
            return (
              <li key={node.id} style={{ marginInlineStart: `${depth * 1.5}rem` }} data-node={node.code}>
                <strong>{name(node)}</strong>{' '}
                <span className="muted">
                  {own.length === 0 ? (
                    <FormattedMessage id="crosswalkEditor.undecided" />
                  ) : own.some((e) => e.toNodeId === null) ? (
                    <FormattedMessage id="crosswalkEditor.droppedState" />
                  ) : (
                    <FormattedMessage id="crosswalkEditor.continued" values={{ count: own.length }} />
                  )}
                </span>
                {!own.some((e) => e.toNodeId === null) && (
                  <>
                    {' '}
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      onClick={() => {
                        setDraft({ fromNodeId: node.id, toNodeId: '', note: '' });
                        document.getElementById('f-toNodeId')?.focus();
                      }}
                    >
                      <FormattedMessage id="crosswalkEditor.mapThis" values={{ old: name(node), hidden }} />
                    </button>
                  </>
                )}
                {own.length > 0 && (
                  <ul>
                    {own.map((e) => {
                      const target = e.toNodeId ? newById.get(e.toNodeId) : undefined;
                      return (
                        <li key={e.id}>
                          {e.toNodeId === null ? (
                            <FormattedMessage id="crosswalkEditor.dropped" />
                          ) : (
                            <>
                              <span aria-hidden="true">→ </span>
                              {target ? name(target) : e.toNodeId}
                            </>
                          )}
                          {e.note && <span className="muted"> — {e.note}</span>}{' '}
                          <button
                            type="button"
                            className="button button--secondary button--small"
                            onClick={() => void removeEntry(e, node)}
                          >
                            <FormattedMessage
                              id="crosswalkEditor.remove"
                              values={{
                                old: name(node),
                                target: target ? name(target) : intl.formatMessage({ id: 'crosswalkEditor.dropped' }),
                                hidden,
                              }}
                            />
                          </button>
                        </li>
                      );
                    })}
                  </ul>
                )}
              </li>
            );
          })}
        </ul>
      </section>

      <section className="section section--tight" aria-labelledby="carry-title">
        <h2 id="carry-title">
          <FormattedMessage id="crosswalkEditor.carryTitle" />
        </h2>
        <p>
          <FormattedMessage id="crosswalkEditor.carryIntro" />
        </p>
        <form
          aria-labelledby="carry-title"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            carry(true);
          }}
        >
          <FormErrorSummary
            issues={carryState.issues}
            labelFor={(p) => (p === 'statuses' ? intl.formatMessage({ id: 'crosswalkEditor.statuses' }) : '')}
            targetFor={(p) => controlPathFor(p, new Set(['statuses']))}
            focusKey={carryState.failures}
          />
          <CheckboxGroupField
            path="statuses"
            legend={<FormattedMessage id="crosswalkEditor.statuses" />}
            issues={carryState.byPath}
            options={CARRY_OVER_STATUSES.map((s) => ({ value: s, label: labels.activityStatus(s) }))}
            selected={statuses}
            onChange={(v) => {
              setStatuses(
                v.filter((s): s is CarryOverStatus => (CARRY_OVER_STATUSES as readonly string[]).includes(s)),
              );
              setPreview(null);
            }}
          />
          <div className="form-actions">
            <button type="submit" className="button button--secondary" aria-disabled={carryState.busy || undefined}>
              <FormattedMessage id="crosswalkEditor.preview" />
            </button>
          </div>
        </form>
        <div role="status" aria-live="polite" id="carry-result">
          {preview && <p>{resultText(preview)}</p>}
          {done && <p className="status-message">{resultText(done)}</p>}
        </div>
        {preview && preview.activities.length > 0 && (
          <>
            <table className="table">
              <caption>
                <FormattedMessage id="crosswalkEditor.previewCaption" />
              </caption>
              <thead>
                <tr>
                  <th scope="col">
                    <FormattedMessage id="crosswalkEditor.activity" />
                  </th>
                  <th scope="col">
                    <FormattedMessage id="crosswalkEditor.status" />
                  </th>
                  <th scope="col">
                    <FormattedMessage id="crosswalkEditor.newLinks" />
                  </th>
                </tr>
              </thead>
              <tbody>
                {preview.activities.map((a) => (
                  <tr key={a.id}>
                    <td>{text(a.title)}</td>
                    <td>{labels.activityStatus(a.status)}</td>
                    <td>
                      {a.addedNodeIds
                        .map((id) => {
                          const n = newById.get(id);
                          return n ? name(n) : id;
                        })
                        .join('; ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="form-actions">
              <button
                type="button"
                className="button"
                aria-disabled={carryState.busy || undefined}
                onClick={() => carry(false)}
              >
                <FormattedMessage id="crosswalkEditor.confirm" values={{ count: preview.activities.length }} />
              </button>
            </p>
          </>
        )}
        <p>
          <Link to={paths.frameworkEditor(d.to.slug)}>
            <FormattedMessage id="crosswalkEditor.newPlanLink" values={{ plan: text(d.to.shortTitle) }} />
          </Link>
        </p>
      </section>
    </div>
  );
}

/** `/:lang/workspace/plans/:slug/crosswalk/:toSlug` (administrators): map a plan's parts to its successor's. */
export default function CrosswalkEditorPage() {
  const { slug, toSlug } = useParams();
  return (
    <RequireRole action="plan:manage">
      {slug && toSlug ? <Crosswalk key={`${slug}:${toSlug}`} fromSlug={slug} toSlug={toSlug} /> : null}
    </RequireRole>
  );
}
