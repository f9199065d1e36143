import { useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import type { OrganisationSummary, PlanDetail } from '../../shared/api-types';
import { ACTIVITY_STATUSES, ACTIVITY_TYPES, COUNTRY_CODES, REGION_CODE } from '../../shared/vocab';
import type { QueryValue } from '../api/client';
import { useLabels } from '../i18n/labels';
import { flattenFramework } from '../lib/framework';
import { useText } from './Localized';

export interface FilterOptions {
  plans: PlanDetail[];
  organisations: OrganisationSummary[];
}

export interface FilterValues {
  plan: string;
  pillar: string;
  node: string;
  organisation: string;
  country: string[];
  status: string[];
  type: string[];
  yearFrom: string;
  yearTo: string;
  q: string;
}

const splitList = (values: string[]) =>
  values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);

/** The form's starting values, read leniently from the URL (even when the URL is invalid). */
export function valuesFromParams(params: URLSearchParams): FilterValues {
  const one = (name: string) => splitList(params.getAll(name)).join(',');
  return {
    plan: one('plan'),
    pillar: one('pillar'),
    node: one('node'),
    organisation: one('organisation'),
    country: splitList(params.getAll('country')),
    status: splitList(params.getAll('status')),
    type: splitList(params.getAll('type')),
    yearFrom: params.get('yearFrom') ?? '',
    yearTo: params.get('yearTo') ?? '',
    q: params.get('q') ?? '',
  };
}

export function valuesToParams(v: FilterValues): Record<string, QueryValue> {
  return {
    plan: v.plan.trim(),
    pillar: v.pillar.trim(),
    node: v.node.trim(),
    organisation: v.organisation.trim(),
    country: v.country,
    status: v.status,
    type: v.type,
    yearFrom: v.yearFrom.trim(),
    yearTo: v.yearTo.trim(),
    q: v.q.trim(),
  };
}

export const fieldId = (name: string) => `filter-${name}`;

interface FieldProps {
  name: string;
  label: ReactNode;
  error?: string | undefined;
  hint?: ReactNode;
  children: (describedBy: string | undefined) => ReactNode;
}

function Field({ name, label, error, hint, children }: FieldProps) {
  const hintId = `${fieldId(name)}-hint`;
  const errorId = `${fieldId(name)}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label htmlFor={fieldId(name)} className="field__label">
        {label}
      </label>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field__error">
          <span className="visually-hidden">
            <FormattedMessage id="filters.errorPrefix" />{' '}
          </span>
          {error}
        </p>
      )}
      {children(describedBy)}
    </div>
  );
}

interface SelectFieldProps {
  name: string;
  label: ReactNode;
  error?: string | undefined;
  value: string;
  /** The first option, which clears the filter ("All plans"). */
  anyLabel: string;
  onChange: (value: string) => void;
  children: ReactNode;
}

/** A labelled drop-down whose first option clears the filter. */
function SelectField({ name, label, error, value, anyLabel, onChange, children }: SelectFieldProps) {
  return (
    <Field name={name} label={label} error={error}>
      {(describedBy) => (
        <select
          id={fieldId(name)}
          name={name}
          className="select"
          value={value}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          onChange={(e) => onChange(e.target.value)}
        >
          <option value="">{anyLabel}</option>
          {children}
        </select>
      )}
    </Field>
  );
}

interface CheckboxGroupProps {
  name: 'country' | 'status' | 'type';
  legend: ReactNode;
  options: { value: string; label: string }[];
  selected: string[];
  error?: string | undefined;
  onChange: (values: string[]) => void;
}

function CheckboxGroup({ name, legend, options, selected, error, onChange }: CheckboxGroupProps) {
  const errorId = `${fieldId(name)}-error`;
  const toggle = (value: string, on: boolean) =>
    onChange(on ? [...selected, value] : selected.filter((v) => v !== value));
  // Values in the URL that are not options (invalid ones) stay visible so they can be unticked.
  const extra = selected.filter((v) => !options.some((o) => o.value === v)).map((v) => ({ value: v, label: v }));
  return (
    <fieldset
      className={error ? 'field fieldset field--error' : 'field fieldset'}
      aria-describedby={error ? errorId : undefined}
    >
      <legend className="field__label">{legend}</legend>
      {error && (
        <p id={errorId} className="field__error">
          <span className="visually-hidden">
            <FormattedMessage id="filters.errorPrefix" />{' '}
          </span>
          {error}
        </p>
      )}
      <div className="checkboxes">
        {[...options, ...extra].map((o, i) => {
          const id = i === 0 ? fieldId(name) : `${fieldId(name)}-${o.value}`;
          return (
            <div className="checkbox" key={o.value}>
              <input
                type="checkbox"
                id={id}
                name={name}
                value={o.value}
                checked={selected.includes(o.value)}
                onChange={(e) => toggle(o.value, e.target.checked)}
              />
              <label htmlFor={id}>{o.label}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

interface Props {
  initial: FilterValues;
  options: FilterOptions | undefined;
  fieldErrors: Record<string, string>;
  clearHref: string;
  onApply: (values: FilterValues) => void;
}

/** The activity filters; a plain form that works with the keyboard alone. Applied on submit. */
export function FilterForm({ initial, options, fieldErrors, clearHref, onApply }: Props) {
  const intl = useIntl();
  const labels = useLabels();
  const text = useText();
  const headingId = useId();
  const [v, setV] = useState<FilterValues>(initial);
  const set = <K extends keyof FilterValues>(key: K, value: FilterValues[K]) =>
    setV((prev) => ({ ...prev, [key]: value }));

  const plans = useMemo(() => options?.plans ?? [], [options]);
  const shownPlans = v.plan ? plans.filter((p) => p.id === v.plan || p.slug === v.plan) : plans;
  const planLabel = (p: PlanDetail) => text(p.shortTitle) || text(p.title);
  const planOption = (p: PlanDetail) => (
    <option key={p.id} value={p.id}>
      {planLabel(p)}
    </option>
  );
  // With several partnerships, the plans are grouped under each partnership's name.
  const partnershipGroups = [...new Map(plans.map((p) => [p.partnership.id, p.partnership])).values()].map((ps) => ({
    ...ps,
    plans: plans.filter((p) => p.partnership.id === ps.id),
  }));

  const pillarGroups = shownPlans.map((p) => ({
    plan: p,
    pillars: flattenFramework(p.framework).filter((f) => f.depth === 0),
  }));
  const nodeGroups = shownPlans.flatMap((p) =>
    flattenFramework(p.framework)
      .filter((f) => f.depth === 0 && (!v.pillar || v.pillar.split(',').includes(f.node.id)))
      .map((root) => ({
        plan: p,
        root: root.node,
        nodes: flattenFramework(root.node.children).map((f) => ({ node: f.node, depth: f.depth })),
      }))
      .filter((g) => g.nodes.length > 0),
  );

  const orgs = useMemo(
    () => [...(options?.organisations ?? [])].sort((a, b) => text(a.name).localeCompare(text(b.name), intl.locale)),
    [options, text, intl.locale],
  );

  const countryOptions = [
    { value: REGION_CODE, label: labels.country(REGION_CODE) },
    ...[...COUNTRY_CODES]
      .map((c) => ({ value: c, label: labels.country(c) }))
      .sort((a, b) => a.label.localeCompare(b.label, intl.locale)),
  ];

  /** Keeps a value the options do not list (several ids, or one not loaded yet) selectable. */
  const keepOption = (value: string, known: boolean) =>
    value && !known ? (
      <option value={value}>
        {value.includes(',')
          ? intl.formatMessage({ id: 'filters.severalSelected' }, { count: value.split(',').length })
          : value}
      </option>
    ) : null;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    onApply(v);
  };

  const changePlan = (plan: string) =>
    setV((prev) => ({ ...prev, plan, pillar: plan ? '' : prev.pillar, node: plan ? '' : prev.node }));
  const changePillar = (pillar: string) => setV((prev) => ({ ...prev, pillar, node: '' }));

  const nodeKnown = nodeGroups.some((g) => g.nodes.some((n) => n.node.id === v.node));
  const pillarKnown = pillarGroups.some((g) => g.pillars.some((f) => f.node.id === v.pillar));
  const planKnown = plans.some((p) => p.id === v.plan);
  const orgKnown = orgs.some((o) => o.id === v.organisation);

  return (
    <form className="filter-form" onSubmit={onSubmit} aria-labelledby={headingId} noValidate>
      <h2 id={headingId} className="filter-form__title">
        <FormattedMessage id="filters.title" />
      </h2>

      <Field
        name="q"
        label={<FormattedMessage id="filters.q" />}
        error={fieldErrors.q}
        hint={<FormattedMessage id="filters.qHint" />}
      >
        {(describedBy) => (
          <input
            type="search"
            id={fieldId('q')}
            name="q"
            className="input"
            value={v.q}
            maxLength={200}
            aria-describedby={describedBy}
            aria-invalid={fieldErrors.q ? true : undefined}
            onChange={(e) => set('q', e.target.value)}
          />
        )}
      </Field>

      <SelectField
        name="plan"
        label={<FormattedMessage id="filters.plan" />}
        error={fieldErrors.plan}
        value={v.plan}
        anyLabel={intl.formatMessage({ id: 'filters.anyPlan' })}
        onChange={(value) => changePlan(value)}
      >
        {keepOption(v.plan, planKnown)}
        {partnershipGroups.length > 1
          ? partnershipGroups.map((g) => (
              <optgroup key={g.id} label={text(g.name)}>
                {g.plans.map(planOption)}
              </optgroup>
            ))
          : plans.map(planOption)}
      </SelectField>

      <SelectField
        name="pillar"
        label={<FormattedMessage id="filters.pillar" />}
        error={fieldErrors.pillar}
        value={v.pillar}
        anyLabel={intl.formatMessage({ id: 'filters.anyPillar' })}
        onChange={(value) => changePillar(value)}
      >
        {keepOption(v.pillar, pillarKnown)}
        {pillarGroups.map((g) =>
          g.pillars.length === 0 ? null : (
            <optgroup key={g.plan.id} label={planLabel(g.plan)}>
              {g.pillars.map((f) => (
                <option key={f.node.id} value={f.node.id}>
                  {`${f.node.code} ${text(f.node.title)}`}
                </option>
              ))}
            </optgroup>
          ),
        )}
      </SelectField>

      <SelectField
        name="node"
        label={<FormattedMessage id="filters.node" />}
        error={fieldErrors.node}
        value={v.node}
        anyLabel={intl.formatMessage({ id: 'filters.anyNode' })}
        onChange={(value) => set('node', value)}
      >
        {keepOption(v.node, nodeKnown)}
        {nodeGroups.map((g) => (
          <optgroup
            key={g.root.id}
            label={`${shownPlans.length > 1 ? `${planLabel(g.plan)} · ` : ''}${g.root.code} ${text(g.root.title)}`}
          >
            {g.nodes.map((n) => (
              <option key={n.node.id} value={n.node.id}>
                {`${'\u2003'.repeat(n.depth)}${n.node.code} ${text(n.node.title)}`}
              </option>
            ))}
          </optgroup>
        ))}
      </SelectField>

      <SelectField
        name="organisation"
        label={<FormattedMessage id="filters.organisation" />}
        error={fieldErrors.organisation}
        value={v.organisation}
        anyLabel={intl.formatMessage({ id: 'filters.anyOrganisation' })}
        onChange={(value) => set('organisation', value)}
      >
        {keepOption(v.organisation, orgKnown)}
        {orgs.map((o) => (
          <option key={o.id} value={o.id}>
            {o.acronym ? `${text(o.name)} (${o.acronym})` : text(o.name)}
          </option>
        ))}
      </SelectField>

      <fieldset
        className={fieldErrors.yearFrom || fieldErrors.yearTo ? 'field fieldset field--error' : 'field fieldset'}
      >
        <legend className="field__label">
          <FormattedMessage id="filters.years" />
        </legend>
        <p className="field__hint" id="filter-years-hint">
          <FormattedMessage id="filters.yearsHint" />
        </p>
        {(['yearFrom', 'yearTo'] as const).map((name) =>
          fieldErrors[name] ? (
            <p key={name} id={`${fieldId(name)}-error`} className="field__error">
              <span className="visually-hidden">
                <FormattedMessage id="filters.errorPrefix" />{' '}
              </span>
              {fieldErrors[name]}
            </p>
          ) : null,
        )}
        <div className="year-range">
          {(['yearFrom', 'yearTo'] as const).map((name) => (
            <div key={name} className="year-range__item">
              <label htmlFor={fieldId(name)} className="field__sublabel">
                <FormattedMessage id={name === 'yearFrom' ? 'filters.yearFrom' : 'filters.yearTo'} />
              </label>
              <input
                type="text"
                inputMode="numeric"
                autoComplete="off"
                id={fieldId(name)}
                name={name}
                className="input input--year"
                maxLength={4}
                value={v[name]}
                aria-describedby={['filter-years-hint', fieldErrors[name] ? `${fieldId(name)}-error` : '']
                  .filter(Boolean)
                  .join(' ')}
                aria-invalid={fieldErrors[name] ? true : undefined}
                onChange={(e) => set(name, e.target.value)}
              />
            </div>
          ))}
        </div>
      </fieldset>

      <CheckboxGroup
        name="status"
        legend={<FormattedMessage id="filters.status" />}
        options={ACTIVITY_STATUSES.map((s) => ({ value: s, label: labels.activityStatus(s) }))}
        selected={v.status}
        error={fieldErrors.status}
        onChange={(values) => set('status', values)}
      />

      <CheckboxGroup
        name="type"
        legend={<FormattedMessage id="filters.type" />}
        options={ACTIVITY_TYPES.map((t) => ({ value: t, label: labels.activityType(t) }))}
        selected={v.type}
        error={fieldErrors.type}
        onChange={(values) => set('type', values)}
      />

      <CheckboxGroup
        name="country"
        legend={<FormattedMessage id="filters.country" />}
        options={countryOptions}
        selected={v.country}
        error={fieldErrors.country}
        onChange={(values) => set('country', values)}
      />

      <div className="filter-form__actions">
        <button type="submit" className="button">
          <FormattedMessage id="filters.apply" />
        </button>
        <Link to={clearHref} className="filter-form__clear">
          <FormattedMessage id="filters.clear" />
        </Link>
      </div>
    </form>
  );
}
