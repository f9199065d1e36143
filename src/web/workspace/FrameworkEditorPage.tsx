import { useEffect, useId, useState, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import type { FrameworkNodeTree, PlanDetail } from '../../shared/api-types';
import { frameworkNodeInputSchema } from '../../shared/schemas/plan.schema';
import { ApiError, getPlans } from '../api/client';
import { useLoader } from '../api/useApi';
import { plans } from '../api/workspace';
import { ApiErrorMessage, ErrorState } from '../components/ErrorSummary';
import { Loading } from '../components/Loading';
import { Localized, useText } from '../components/Localized';
import { PageHeading } from '../components/PageHeading';
import { useLabels as usePublicLabels } from '../i18n/labels';
import { useDocumentTitle } from '../lib/documentTitle';
import { childrenOf, flattenFramework, moveTargets, parentIdOf, sortedByPosition } from '../lib/framework';
import { usePaths } from '../lib/paths';
import { ConfirmAction } from './ConfirmAction';
import { FormErrorSummary, SelectField, StatusMessage, TextField } from './form';
import { RequireRole } from './guards';
import { HistorySection } from './HistorySection';
import { controlPathFor, issuesFromZod } from './issues';
import { useSubmitState } from './versionedForm';
import { WorkspaceBreadcrumb } from './WorkspaceBreadcrumb';

const hidden = (chunks: ReactNode[]) => <span className="visually-hidden">{chunks}</span>;

interface NodeDraft {
  code: string;
  kind: string;
  en: string;
  fr: string;
}

interface MoveDraft {
  parentId: string | null;
  position: number;
  code: string;
}

type Open =
  | { mode: 'edit' | 'move' | 'history'; node: FrameworkNodeTree }
  | { mode: 'add'; parent: FrameworkNodeTree | null }
  | null;

const NODE_FIELDS = new Set(['code', 'kind', 'title.en', 'title.fr']);
const MOVE_FIELDS = new Set(['parentId', 'position', 'code']);

/** A field of the tree's inline forms as they name it. */
function useNodeFieldLabel() {
  const intl = useIntl();
  return (path: string) => {
    switch (path) {
      case 'code':
        return intl.formatMessage({ id: 'frameworkEditor.code' });
      case 'kind':
        return intl.formatMessage({ id: 'frameworkEditor.kind' });
      case 'parentId':
        return intl.formatMessage({ id: 'frameworkEditor.newParent' });
      case 'position':
        return intl.formatMessage({ id: 'frameworkEditor.place' });
      case 'title.en':
      case 'title.fr':
        return intl.formatMessage(
          { id: 'editor.inLanguage' },
          { field: intl.formatMessage({ id: 'editor.titleField' }), lang: path.slice(-2) },
        );
      default:
        return '';
    }
  };
}

/** The frame of the tree's inline forms: a heading, what to fix, the fields, then save and cancel. */
function InlineForm({
  heading,
  submitLabel,
  state,
  known,
  onSubmit,
  onCancel,
  children,
}: {
  heading: ReactNode;
  submitLabel: ReactNode;
  state: ReturnType<typeof useSubmitState>;
  known: ReadonlySet<string>;
  onSubmit: () => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const headingId = useId();
  const label = useNodeFieldLabel();
  return (
    <form
      className="tree__form"
      aria-labelledby={headingId}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <h3 id={headingId}>{heading}</h3>
      <FormErrorSummary
        issues={state.issues}
        labelFor={label}
        targetFor={(p) => controlPathFor(p, known)}
        focusKey={state.failures}
      />
      {children}
      <div className="form-actions">
        <button type="submit" className="button button--small" aria-disabled={state.busy || undefined}>
          {submitLabel}
        </button>
        <button type="button" className="button button--secondary button--small" onClick={onCancel}>
          <FormattedMessage id="form.cancel" />
        </button>
      </div>
    </form>
  );
}

/** The inline form that renames a node or adds one below another (or at the top level). */
function NodeForm({
  initial,
  heading,
  submitLabel,
  onSave,
  onCancel,
}: {
  initial: NodeDraft;
  heading: ReactNode;
  submitLabel: ReactNode;
  onSave: (draft: NodeDraft) => Promise<void>;
  onCancel: () => void;
}) {
  const intl = useIntl();
  const state = useSubmitState();
  const [draft, setDraft] = useState(initial);
  useEffect(() => {
    document.getElementById('f-code')?.focus();
  }, []);

  const check = () => {
    const parsed = frameworkNodeInputSchema.safeParse({
      code: draft.code,
      kind: draft.kind,
      title: { en: draft.en, fr: draft.fr },
    });
    return parsed.success ? [] : issuesFromZod(intl, parsed.error);
  };

  const byPath = state.byPath;
  return (
    <InlineForm
      heading={heading}
      submitLabel={submitLabel}
      state={state}
      known={NODE_FIELDS}
      onSubmit={() => void state.submit(check, () => onSave(draft))}
      onCancel={onCancel}
    >
      <div className="field-row">
        <TextField
          path="code"
          label={<FormattedMessage id="frameworkEditor.code" />}
          hint={<FormattedMessage id="frameworkEditor.codeHint" />}
          issues={byPath}
          value={draft.code}
          onChange={(v) => setDraft((d) => ({ ...d, code: v }))}
          spellCheck={false}
        />
        <TextField
          path="kind"
          label={<FormattedMessage id="frameworkEditor.kind" />}
          hint={<FormattedMessage id="frameworkEditor.kindHint" />}
          issues={byPath}
          value={draft.kind}
          onChange={(v) => setDraft((d) => ({ ...d, kind: v }))}
          spellCheck={false}
        />
      </div>
      <div className="field-row">
        {(['en', 'fr'] as const).map((lang) => (
          <TextField
            key={lang}
            path={`title.${lang}`}
            lang={lang}
            label={
              <FormattedMessage
                id="editor.inLanguage"
                values={{ field: <FormattedMessage id="editor.titleField" />, lang }}
              />
            }
            issues={byPath}
            value={draft[lang]}
            onChange={(v) => setDraft((d) => ({ ...d, [lang]: v }))}
          />
        ))}
      </div>
    </InlineForm>
  );
}

/** The inline form that moves a node under another parent (or to the top level), at a chosen place. */
function MoveForm({
  node,
  framework,
  name,
  onSave,
  onCancel,
}: {
  node: FrameworkNodeTree;
  framework: readonly FrameworkNodeTree[];
  name: (n: FrameworkNodeTree) => string;
  onSave: (move: MoveDraft) => Promise<void>;
  onCancel: () => void;
}) {
  const intl = useIntl();
  const state = useSubmitState();
  const siblingsUnder = (parentId: string | null) => childrenOf(framework, parentId).filter((c) => c.id !== node.id);
  const [parentId, setParentId] = useState(parentIdOf(framework, node.id) ?? '');
  const [position, setPosition] = useState(() =>
    String(
      Math.max(
        0,
        childrenOf(framework, parentId || null).findIndex((c) => c.id === node.id),
      ),
    ),
  );
  const [code, setCode] = useState(node.code);
  useEffect(() => {
    document.getElementById('f-parentId')?.focus();
  }, []);

  const siblings = siblingsUnder(parentId || null);
  const parentOptions = moveTargets(framework, node.id).map((f) => ({
    value: f.node.id,
    label: `${'\u2003'.repeat(f.depth)}${name(f.node)}`,
  }));
  const placeOptions = [
    { value: '0', label: intl.formatMessage({ id: 'frameworkEditor.placeFirst' }) },
    ...siblings.map((s, i) => ({
      value: String(i + 1),
      label: intl.formatMessage({ id: 'frameworkEditor.placeAfter' }, { name: name(s) }),
    })),
  ];
  const move = (): MoveDraft => ({ parentId: parentId || null, position: Number(position), code });

  const check = () => {
    const m = move();
    const parsed = frameworkNodeInputSchema.safeParse({
      parentId: m.parentId,
      code: m.code,
      kind: node.kind,
      title: node.title,
      description: node.description,
      position: m.position,
    });
    return parsed.success ? [] : issuesFromZod(intl, parsed.error);
  };

  return (
    <InlineForm
      heading={<FormattedMessage id="frameworkEditor.moveTitle" values={{ name: name(node) }} />}
      submitLabel={<FormattedMessage id="frameworkEditor.moveSubmit" />}
      state={state}
      known={MOVE_FIELDS}
      onSubmit={() => void state.submit(check, () => onSave(move()))}
      onCancel={onCancel}
    >
      <SelectField
        path="parentId"
        label={<FormattedMessage id="frameworkEditor.newParent" />}
        hint={<FormattedMessage id="frameworkEditor.newParentHint" />}
        issues={state.byPath}
        value={parentId}
        placeholder={intl.formatMessage({ id: 'frameworkEditor.topLevel' })}
        options={parentOptions}
        onChange={(v) => {
          setParentId(v);
          // A new parent: at the end of its parts, unless the officer chooses otherwise.
          setPosition(String(siblingsUnder(v || null).length));
        }}
      />
      <div className="field-row">
        <SelectField
          path="position"
          label={<FormattedMessage id="frameworkEditor.place" />}
          issues={state.byPath}
          value={position}
          options={placeOptions}
          onChange={setPosition}
        />
        <TextField
          path="code"
          label={<FormattedMessage id="frameworkEditor.code" />}
          hint={<FormattedMessage id="frameworkEditor.moveCodeHint" />}
          issues={state.byPath}
          value={code}
          onChange={setCode}
          spellCheck={false}
        />
      </div>
    </InlineForm>
  );
}

/**
 * A node's history inside the tree, with a restore per version. A refused restore (the code is
 * taken now, the former parent is gone or retired) says why next to the restore button.
 */
function NodeHistory({
  node,
  label,
  onRestored,
  onClose,
}: {
  node: FrameworkNodeTree;
  label: string;
  onRestored: (version: number) => void;
  onClose: () => void;
}) {
  const [reloads, setReloads] = useState(0);
  const [restored, setRestored] = useState<{ version: number; name: string; n: number } | null>(null);
  const detail = useLoader(`node-version:${node.id}:${reloads}`, async (signal) => {
    const res = await plans.node(node.id, signal);
    return res.version ?? res.data.version;
  });
  return (
    <div className="tree__form tree__history">
      {restored && (
        <StatusMessage focus key={restored.n}>
          <FormattedMessage id="frameworkEditor.restored" values={{ name: restored.name, version: restored.version }} />
        </StatusMessage>
      )}
      {detail.error ? (
        <ApiErrorMessage error={detail.error} onRetry={detail.reload} />
      ) : detail.data === undefined ? (
        <Loading />
      ) : (
        <HistorySection
          level={3}
          className="history-panel"
          title={<FormattedMessage id="frameworkEditor.historyTitle" values={{ name: label }} />}
          loaderKey={`node-history:${node.id}:${reloads}`}
          load={(signal) => plans.nodeHistory(node.id, signal)}
          currentVersion={detail.data}
          onRestore={async (version) => {
            const res = await plans.node(node.id);
            await plans.restoreNodeVersion(node.id, version, res.version ?? res.data.version);
            setRestored((prev) => ({ version, name: label, n: (prev?.n ?? 0) + 1 }));
            setReloads((n) => n + 1);
            onRestored(version);
          }}
        />
      )}
      <p>
        <button
          type="button"
          id={`node-${node.id}-history-close`}
          className="button button--secondary button--small"
          onClick={onClose}
        >
          <FormattedMessage id="frameworkEditor.closeHistory" />
        </button>
      </p>
    </div>
  );
}

function PlanFramework({ slug }: { slug: string }) {
  const intl = useIntl();
  const text = useText();
  const labels = usePublicLabels();
  const paths = usePaths();
  const plan = useLoader(`framework:${slug}`, async (signal) => (await plans.get(slug, signal)).data, {
    keepPrevious: true,
  });
  const allPlans = useLoader('framework-plans', (signal) => getPlans(signal));
  const [open, setOpen] = useState<Open>(null);
  const [announcement, setAnnouncement] = useState('');
  const [focusAfter, setFocusAfter] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const p: PlanDetail | undefined = plan.data;
  useDocumentTitle(p ? intl.formatMessage({ id: 'frameworkEditor.title' }, { plan: text(p.shortTitle) }) : null);

  useEffect(() => {
    if (!focusAfter || plan.loading) return;
    const el = document.getElementById(focusAfter);
    if (el) {
      el.focus();
      setFocusAfter(null);
    }
  }, [focusAfter, plan.loading, plan.data]);

  if (plan.error && !p) return <ErrorState error={plan.error} onRetry={plan.reload} />;
  if (!p) return <Loading label={<FormattedMessage id="loading.plan" />} />;

  const name = (n: FrameworkNodeTree) => `${n.code} ${text(n.title)}`;

  /** Runs a change, then reloads the plan, says what happened and puts the focus back. */
  const change = async (run: () => Promise<void>, said: string, focusId: string) => {
    setError(null);
    try {
      await run();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setError(err);
      return;
    }
    setOpen(null);
    setAnnouncement(said);
    setFocusAfter(focusId);
    plan.reload();
  };

  /** The node's current fields (and version), read just before a change. */
  const current = async (id: string) => {
    const res = await plans.node(id);
    const n = res.data;
    return {
      version: res.version ?? n.version,
      input: {
        parentId: n.ancestors[n.ancestors.length - 1]?.id ?? null,
        code: n.code,
        kind: n.kind,
        title: n.title,
        description: n.description,
        position: n.position,
      },
    };
  };

  const move = (n: FrameworkNodeTree, to: number, direction: 'up' | 'down') =>
    change(
      async () => {
        const { version, input } = await current(n.id);
        await plans.updateNode(n.id, version, { ...input, position: to });
      },
      intl.formatMessage({ id: 'frameworkEditor.moved' }, { name: name(n), direction }),
      `node-${n.id}-${direction}`,
    );

  const saveEdit = (n: FrameworkNodeTree) => async (d: NodeDraft) => {
    const { version, input } = await current(n.id);
    await plans.updateNode(n.id, version, {
      ...input,
      code: d.code,
      kind: d.kind,
      title: { en: d.en || null, fr: d.fr || null },
    });
    setOpen(null);
    setAnnouncement(intl.formatMessage({ id: 'frameworkEditor.saved' }, { name: `${d.code} ${d.en || d.fr}` }));
    setFocusAfter(`node-${n.id}-edit`);
    plan.reload();
  };

  const saveMove = (n: FrameworkNodeTree) => async (m: MoveDraft) => {
    const { version, input } = await current(n.id);
    await plans.updateNode(n.id, version, { ...input, parentId: m.parentId, code: m.code, position: m.position });
    const parent = m.parentId ? flattenFramework(p.framework).find((f) => f.node.id === m.parentId)?.node : undefined;
    setOpen(null);
    setAnnouncement(
      intl.formatMessage(
        { id: 'frameworkEditor.movedUnder' },
        { name: `${m.code} ${text(n.title)}`, parent: parent ? name(parent) : '', top: parent ? 'no' : 'yes' },
      ),
    );
    setFocusAfter(`node-${n.id}-move`);
    plan.reload();
  };

  const saveNew = (parent: FrameworkNodeTree | null) => async (d: NodeDraft) => {
    const created = await plans.addNode(p.id, {
      parentId: parent?.id ?? null,
      code: d.code,
      kind: d.kind,
      title: { en: d.en || null, fr: d.fr || null },
    });
    setOpen(null);
    setAnnouncement(intl.formatMessage({ id: 'frameworkEditor.added' }, { name: `${d.code} ${d.en || d.fr}` }));
    setFocusAfter(`node-${created.data.id}-edit`);
    plan.reload();
  };

  const nextCode = (parent: FrameworkNodeTree | null, siblings: readonly FrameworkNodeTree[]) =>
    parent ? `${parent.code}.${siblings.length + 1}` : String(siblings.length + 1);
  const childKind = (parent: FrameworkNodeTree | null, siblings: readonly FrameworkNodeTree[]) =>
    siblings[0]?.kind ?? (parent === null ? 'pillar' : parent.kind === 'pillar' ? 'area' : 'action_line');

  const renderNodes = (nodes: readonly FrameworkNodeTree[]) => {
    const ordered = sortedByPosition(nodes);
    return ordered.map((n, i) => {
      const retired = n.status === 'retired';
      const children = sortedByPosition(n.children);
      return (
        <li key={n.id} className="tree__node">
          <div className="tree__row">
            <span className={retired ? 'tree__label tree__label--retired' : 'tree__label'}>
              <span className="visually-hidden">{labels.nodeKind(n.kind)} </span>
              {n.code} <Localized value={n.title} />
            </span>
            {retired && (
              <span className="muted">
                <FormattedMessage id="editor.retiredNode" />
              </span>
            )}
            <span className="tree__actions">
              <button
                type="button"
                id={`node-${n.id}-edit`}
                className="button button--secondary button--small"
                onClick={() => setOpen({ mode: 'edit', node: n })}
              >
                <FormattedMessage id="frameworkEditor.edit" values={{ name: n.code, hidden }} />
              </button>
              <button
                type="button"
                id={`node-${n.id}-move`}
                className="button button--secondary button--small"
                onClick={() => setOpen({ mode: 'move', node: n })}
              >
                <FormattedMessage id="frameworkEditor.move" values={{ name: n.code, hidden }} />
              </button>
              {i > 0 && (
                <button
                  type="button"
                  id={`node-${n.id}-up`}
                  className="button button--secondary button--small"
                  onClick={() => void move(n, i - 1, 'up')}
                >
                  <FormattedMessage id="frameworkEditor.moveUp" values={{ name: n.code, hidden }} />
                </button>
              )}
              {i < ordered.length - 1 && (
                <button
                  type="button"
                  id={`node-${n.id}-down`}
                  className="button button--secondary button--small"
                  onClick={() => void move(n, i + 1, 'down')}
                >
                  <FormattedMessage id="frameworkEditor.moveDown" values={{ name: n.code, hidden }} />
                </button>
              )}
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => setOpen({ mode: 'add', parent: n })}
              >
                <FormattedMessage id="frameworkEditor.addBelow" values={{ name: n.code, hidden }} />
              </button>
              {retired ? (
                <button
                  type="button"
                  id={`node-${n.id}-status`}
                  className="button button--secondary button--small"
                  onClick={() =>
                    void change(
                      async () => {
                        const { version } = await current(n.id);
                        await plans.setNodeStatus(n.id, version, 'reinstate');
                      },
                      intl.formatMessage({ id: 'frameworkEditor.reinstated' }, { name: name(n) }),
                      `node-${n.id}-status`,
                    )
                  }
                >
                  <FormattedMessage id="frameworkEditor.reinstate" values={{ name: n.code, hidden }} />
                </button>
              ) : (
                <ConfirmAction
                  small
                  destructive
                  label={<FormattedMessage id="frameworkEditor.retire" values={{ name: n.code, hidden }} />}
                  question={<FormattedMessage id="frameworkEditor.retireQuestion" values={{ name: name(n) }} />}
                  confirmLabel={<FormattedMessage id="frameworkEditor.retireConfirm" />}
                  onConfirm={async () => {
                    const { version } = await current(n.id);
                    await plans.setNodeStatus(n.id, version, 'retire');
                    setAnnouncement(intl.formatMessage({ id: 'frameworkEditor.retired' }, { name: name(n) }));
                    setFocusAfter(`node-${n.id}-status`);
                    plan.reload();
                  }}
                />
              )}
              <button
                type="button"
                id={`node-${n.id}-history`}
                className="button button--secondary button--small"
                aria-expanded={open?.mode === 'history' && open.node.id === n.id}
                onClick={() =>
                  setOpen(open?.mode === 'history' && open.node.id === n.id ? null : { mode: 'history', node: n })
                }
              >
                <FormattedMessage id="frameworkEditor.history" values={{ name: n.code, hidden }} />
              </button>
            </span>
          </div>
          {open?.mode === 'edit' && open.node.id === n.id && (
            <NodeForm
              initial={{ code: n.code, kind: n.kind, en: n.title.en ?? '', fr: n.title.fr ?? '' }}
              heading={<FormattedMessage id="frameworkEditor.editTitle" values={{ name: name(n) }} />}
              submitLabel={<FormattedMessage id="editor.save" />}
              onSave={saveEdit(n)}
              onCancel={() => {
                setOpen(null);
                setFocusAfter(`node-${n.id}-edit`);
              }}
            />
          )}
          {open?.mode === 'move' && open.node.id === n.id && (
            <MoveForm
              node={n}
              framework={p.framework}
              name={name}
              onSave={saveMove(n)}
              onCancel={() => {
                setOpen(null);
                setFocusAfter(`node-${n.id}-move`);
              }}
            />
          )}
          {open?.mode === 'history' && open.node.id === n.id && (
            <NodeHistory
              node={n}
              label={name(n)}
              onRestored={(version) => {
                setAnnouncement(intl.formatMessage({ id: 'frameworkEditor.restored' }, { name: name(n), version }));
                plan.reload();
              }}
              onClose={() => {
                setOpen(null);
                setFocusAfter(`node-${n.id}-history`);
              }}
            />
          )}
          {open?.mode === 'add' && open.parent?.id === n.id && (
            <NodeForm
              initial={{ code: nextCode(n, children), kind: childKind(n, children), en: '', fr: '' }}
              heading={<FormattedMessage id="frameworkEditor.addTitle" values={{ name: name(n) }} />}
              submitLabel={<FormattedMessage id="frameworkEditor.add" />}
              onSave={saveNew(n)}
              onCancel={() => setOpen(null)}
            />
          )}
          {children.length > 0 && <ul>{renderNodes(children)}</ul>}
        </li>
      );
    });
  };

  const roots = sortedByPosition(p.framework);
  return (
    <div className="workspace-page">
      <WorkspaceBreadcrumb
        trail={[{ label: <FormattedMessage id="frameworkEditor.plansTitle" />, to: paths.frameworkEditor() }]}
        current={text(p.shortTitle)}
      />
      <PageHeading>
        <FormattedMessage id="frameworkEditor.title" values={{ plan: text(p.shortTitle) }} />
      </PageHeading>
      <p className="lead">
        <FormattedMessage id="frameworkEditor.intro" />
      </p>
      <ul className="link-list">
        <li>
          <Link to={paths.planDetails(p.slug)}>
            <FormattedMessage id="frameworkEditor.detailsLink" />
          </Link>
        </li>
        <li>
          <Link to={paths.plan(p.slug)}>
            <FormattedMessage id="frameworkEditor.publicPage" />
          </Link>
        </li>
        {(allPlans.data?.items ?? [])
          .filter((o) => o.partnership.id === p.partnership.id && o.id !== p.id && o.periodStart > p.periodStart)
          .map((o) => (
            <li key={o.id}>
              <Link to={paths.crosswalkEditor(p.slug, o.slug)}>
                <FormattedMessage id="frameworkEditor.crosswalkLink" values={{ plan: text(o.shortTitle) }} />
              </Link>
            </li>
          ))}
      </ul>
      <div className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>
      {error && <ApiErrorMessage error={error} />}
      {plan.error && <ApiErrorMessage error={plan.error} onRetry={plan.reload} />}
      <section className="section section--tight" aria-labelledby="tree-title">
        <h2 id="tree-title">
          <FormattedMessage id="frameworkEditor.treeTitle" />
        </h2>
        {roots.length === 0 ? (
          <p className="empty-state">
            <FormattedMessage id="plan.noFramework" />
          </p>
        ) : (
          <ul className={plan.loading ? 'tree is-stale' : 'tree'} aria-labelledby="tree-title">
            {renderNodes(roots)}
          </ul>
        )}
        {open?.mode === 'add' && open.parent === null ? (
          <NodeForm
            initial={{ code: nextCode(null, roots), kind: childKind(null, roots), en: '', fr: '' }}
            heading={<FormattedMessage id="frameworkEditor.addRootTitle" />}
            submitLabel={<FormattedMessage id="frameworkEditor.add" />}
            onSave={saveNew(null)}
            onCancel={() => setOpen(null)}
          />
        ) : (
          <p className="form-actions">
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setOpen({ mode: 'add', parent: null })}
            >
              <FormattedMessage id="frameworkEditor.addRoot" />
            </button>
          </p>
        )}
      </section>
    </div>
  );
}

function PlanList() {
  const intl = useIntl();
  const paths = usePaths();
  const labels = usePublicLabels();
  useDocumentTitle(intl.formatMessage({ id: 'frameworkEditor.plansTitle' }));
  const list = useLoader('framework-plans', (signal) => getPlans(signal));
  return (
    <div className="workspace-page">
      <WorkspaceBreadcrumb current={<FormattedMessage id="frameworkEditor.plansTitle" />} />
      <PageHeading>
        <FormattedMessage id="frameworkEditor.plansTitle" />
      </PageHeading>
      <p className="lead">
        <FormattedMessage id="frameworkEditor.plansIntro" />
      </p>
      {list.error && <ApiErrorMessage error={list.error} onRetry={list.reload} />}
      {!list.data && !list.error && <Loading />}
      {list.data && (
        <ul className="link-list">
          {list.data.items.map((p) => (
            <li key={p.id}>
              <Link to={paths.frameworkEditor(p.slug)}>
                <Localized value={p.shortTitle} />
              </Link>{' '}
              <span className="muted">
                ({p.periodStart}–{p.periodEnd}, {labels.planStatus(p.status)})
              </span>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to={paths.planLoad()}>
          <FormattedMessage id="workspace.planLoad" />
        </Link>
      </p>
    </div>
  );
}

/** `/:lang/workspace/plans` and `…/plans/:slug` (administrators): the plans' frameworks. */
export default function FrameworkEditorPage() {
  const { slug } = useParams();
  return (
    <RequireRole action="plan:manage">{slug ? <PlanFramework key={slug} slug={slug} /> : <PlanList />}</RequireRole>
  );
}
