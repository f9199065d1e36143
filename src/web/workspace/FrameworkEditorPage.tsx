import { useEffect, useId, useState, type FormEvent } from 'react';
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
import { sortedByPosition } from '../lib/framework';
import { usePaths } from '../lib/paths';
import { useFailureIssues } from './failures';
import { ConfirmAction } from './ConfirmAction';
import { FormErrorSummary, TextField } from './form';
import { RequireRole } from './guards';
import { controlPathFor, issuesByPath, issuesFromZod, type FormIssue } from './issues';
import { WorkspaceBreadcrumb } from './WorkspaceBreadcrumb';

const hidden = (chunks: React.ReactNode[]) => <span className="visually-hidden">{chunks}</span>;

interface NodeDraft {
  code: string;
  kind: string;
  en: string;
  fr: string;
}

type Open = { mode: 'edit'; node: FrameworkNodeTree } | { mode: 'add'; parent: FrameworkNodeTree | null } | null;

const FIELDS = new Set(['code', 'kind', 'title.en', 'title.fr']);

/** The inline form that renames a node or adds one below another (or at the top level). */
function NodeForm({
  initial,
  heading,
  submitLabel,
  onSave,
  onCancel,
}: {
  initial: NodeDraft;
  heading: React.ReactNode;
  submitLabel: React.ReactNode;
  onSave: (draft: NodeDraft) => Promise<void>;
  onCancel: () => void;
}) {
  const intl = useIntl();
  const toIssues = useFailureIssues();
  const headingId = useId();
  const [draft, setDraft] = useState(initial);
  const [issues, setIssues] = useState<FormIssue[]>([]);
  const [failures, setFailures] = useState(0);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    document.getElementById('f-code')?.focus();
  }, []);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const parsed = frameworkNodeInputSchema.safeParse({
      code: draft.code,
      kind: draft.kind,
      title: { en: draft.en, fr: draft.fr },
    });
    if (!parsed.success) {
      setIssues(issuesFromZod(intl, parsed.error));
      setFailures((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      await onSave(draft);
    } catch (err) {
      setIssues(toIssues(err));
      setFailures((n) => n + 1);
      setBusy(false);
    }
  };

  const byPath = issuesByPath(issues);
  const label = (path: string) => {
    switch (path) {
      case 'code':
        return intl.formatMessage({ id: 'frameworkEditor.code' });
      case 'kind':
        return intl.formatMessage({ id: 'frameworkEditor.kind' });
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

  return (
    <form className="tree__form" aria-labelledby={headingId} noValidate onSubmit={(e) => void onSubmit(e)}>
      <h3 id={headingId}>{heading}</h3>
      <FormErrorSummary
        issues={issues}
        labelFor={label}
        targetFor={(p) => controlPathFor(p, FIELDS)}
        focusKey={failures}
      />
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
        <TextField
          path="title.en"
          lang="en"
          label={
            <FormattedMessage
              id="editor.inLanguage"
              values={{ field: <FormattedMessage id="editor.titleField" />, lang: 'en' }}
            />
          }
          issues={byPath}
          value={draft.en}
          onChange={(v) => setDraft((d) => ({ ...d, en: v }))}
        />
        <TextField
          path="title.fr"
          lang="fr"
          label={
            <FormattedMessage
              id="editor.inLanguage"
              values={{ field: <FormattedMessage id="editor.titleField" />, lang: 'fr' }}
            />
          }
          issues={byPath}
          value={draft.fr}
          onChange={(v) => setDraft((d) => ({ ...d, fr: v }))}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button--small" aria-disabled={busy || undefined}>
          {submitLabel}
        </button>
        <button type="button" className="button button--secondary button--small" onClick={onCancel}>
          <FormattedMessage id="form.cancel" />
        </button>
      </div>
    </form>
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
      <p>
        <Link to={paths.plan(p.slug)}>
          <FormattedMessage id="frameworkEditor.publicPage" />
        </Link>
      </p>
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
