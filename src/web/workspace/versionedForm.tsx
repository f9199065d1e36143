/**
 * The flow every versioned workspace form shares: validate with the shared schema → save against
 * the version read (If-Match) → on a 409 carrying the stored record, offer a field-by-field merge →
 * save the merged record against the stored version, or discard and load the stored copy.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { z } from 'zod';
import { ApiError } from '../api/client';
import { ConflictPanel, type Choice } from './ConflictPanel';
import { useFailureIssues } from './failures';
import { FormErrorSummary, StatusMessage } from './form';
import { controlPathFor, issuesByPath, issuesFromZod, type FormIssue } from './issues';
import { applyChoices, suggestChoices } from './merge';

/** The state a submit goes through: what to fix, how many failed attempts (to move the focus), busy. */
export function useSubmitState() {
  const toIssues = useFailureIssues();
  const [issues, setIssues] = useState<FormIssue[]>([]);
  const [failures, setFailures] = useState(0);
  const [busy, setBusy] = useState(false);

  const fail = (found: FormIssue[]) => {
    setIssues(found);
    setFailures((n) => n + 1);
  };

  /**
   * Runs `check`; when it finds nothing, runs `save`. A failed save becomes form issues (the
   * server's field errors, or one message saying what happened).
   */
  const submit = async (check: () => FormIssue[], save: () => Promise<void>) => {
    if (busy) return;
    const found = check();
    if (found.length) return fail(found);
    setBusy(true);
    try {
      await save();
      setIssues([]);
    } catch (err) {
      fail(toIssues(err));
    } finally {
      setBusy(false);
    }
  };

  return { issues, byPath: issuesByPath(issues), failures, busy, fail, clear: () => setIssues([]), submit };
}

export interface FieldChoice<K extends string = string> {
  field: K;
  choice: Choice;
}

/** How a form merges the officer's copy with the stored one. */
export interface MergeRules<F, K extends string> {
  /** The fields where the stored copy differs from mine, each with a suggested choice. */
  choices: (base: F, mine: F, theirs: F) => FieldChoice<K>[];
  /** Mine, with the fields chosen as "theirs" taken from the stored copy. */
  apply: (mine: F, theirs: F, choices: readonly FieldChoice<K>[]) => F;
}

/** Merge rules for forms whose fields are dotted paths compared as plain values (see merge.ts). */
export function pathMerge<F extends object>(fields: readonly string[]): MergeRules<F, string> {
  return {
    choices: (base, mine, theirs) => suggestChoices(fields, base, mine, theirs),
    apply: (mine, theirs, choices) => applyChoices(mine, theirs, [...choices]),
  };
}

interface Options<F extends object, S extends z.ZodType, R, K extends string> {
  initial: F;
  /** The version the form was read at; undefined for a new record. */
  version: number | undefined;
  schema: S;
  /** The form as the API input (what the schema checks). */
  toInput: (form: F) => unknown;
  /** Checks the schema cannot make (they are reported with its issues). */
  check?: (form: F) => FormIssue[];
  /**
   * Sends the record: `input` as the form built it, `parsed` as the schema read it, `basedOn`
   * the version edited (undefined: a new record).
   */
  write: (input: unknown, parsed: z.output<S>, basedOn: number | undefined) => Promise<R>;
  onSaved: (result: R, form: F) => void;
  /** The form for the stored record a 409 answer carries (`mine`: the form that was sent). */
  fromCurrent: (current: unknown, mine: F) => F;
  merge: MergeRules<F, K>;
}

export interface Conflict<F, K extends string> {
  theirs: F;
  version: number;
  choices: FieldChoice<K>[];
}

/** A versioned form's state and actions; render its feedback with `<SaveFeedback>`. */
export function useVersionedForm<F extends object, S extends z.ZodType, R, K extends string>(
  options: Options<F, S, R, K>,
) {
  const intl = useIntl();
  const submitState = useSubmitState();
  const [form, setForm] = useState<F>(options.initial);
  const [base, setBase] = useState<F>(options.initial);
  const [version, setVersion] = useState(options.version);
  const [reloaded, setReloaded] = useState(false);
  const [conflict, setConflict] = useState<Conflict<F, K> | null>(null);

  const set = <Key extends keyof F>(key: Key, value: F[Key]) => setForm((prev) => ({ ...prev, [key]: value }));

  const save = (values: F, basedOn: number | undefined, baseForm: F) => {
    const input = options.toInput(values);
    const parsed = options.schema.safeParse(input);
    return submitState.submit(
      () => [...(parsed.success ? [] : issuesFromZod(intl, parsed.error)), ...(options.check?.(values) ?? [])],
      async () => {
        if (!parsed.success) return;
        try {
          const saved = await options.write(input, parsed.data, basedOn);
          options.onSaved(saved, values);
        } catch (err) {
          if (err instanceof ApiError && err.status === 409 && err.problem.current && err.problem.currentVersion) {
            const theirs = options.fromCurrent(err.problem.current, values);
            setConflict({
              theirs,
              version: err.problem.currentVersion,
              choices: options.merge.choices(baseForm, values, theirs),
            });
            return;
          }
          throw err;
        }
      },
    );
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (submitState.busy) return;
    setReloaded(false);
    void save(form, version, base);
  };

  const choose = (field: string, choice: Choice) =>
    setConflict((prev) =>
      prev ? { ...prev, choices: prev.choices.map((c) => (c.field === field ? { ...c, choice } : c)) } : prev,
    );

  const saveMerged = () => {
    if (!conflict || submitState.busy) return;
    const merged = options.merge.apply(form, conflict.theirs, conflict.choices);
    setForm(merged);
    setBase(conflict.theirs);
    setVersion(conflict.version);
    setConflict(null);
    void save(merged, conflict.version, conflict.theirs);
  };

  const discardMine = () => {
    if (!conflict) return;
    setForm(conflict.theirs);
    setBase(conflict.theirs);
    setVersion(conflict.version);
    setConflict(null);
    setReloaded(true);
  };

  return {
    form,
    setForm,
    set,
    version,
    reloaded,
    conflict,
    issues: submitState.issues,
    byPath: submitState.byPath,
    failures: submitState.failures,
    busy: submitState.busy,
    onSubmit,
    choose,
    saveMerged,
    discardMine,
  };
}

/** What `<SaveFeedback>` reads of a versioned form. */
export interface VersionedForm<F, K extends string> {
  form: F;
  version: number | undefined;
  reloaded: boolean;
  conflict: Conflict<F, K> | null;
  issues: readonly FormIssue[];
  failures: number;
  busy: boolean;
  choose: (field: string, choice: Choice) => void;
  saveMerged: () => void;
  discardMine: () => void;
}

interface FeedbackProps<F extends object, K extends string> {
  state: VersionedForm<F, K>;
  /** "Title (English)": a field's name as the form shows it. */
  fieldLabel: (path: string) => string;
  /** A field's value in one copy of the form, for the conflict panel. */
  describe: (form: F, field: K) => ReactNode;
  /** The paths of the form's controls, for linking errors to them. */
  knownPaths: ReadonlySet<string>;
}

/** Above a versioned form: "your edits were discarded", the conflict panel, and the error summary. */
export function SaveFeedback<F extends object, K extends string>({
  state,
  fieldLabel,
  describe,
  knownPaths,
}: FeedbackProps<F, K>) {
  const { conflict } = state;
  return (
    <>
      {state.reloaded && (
        <StatusMessage focus>
          <FormattedMessage id="conflict.reloaded" values={{ version: state.version ?? 0 }} />
        </StatusMessage>
      )}
      {conflict && (
        <ConflictPanel
          rows={conflict.choices.map((c) => ({
            key: c.field,
            label: fieldLabel(c.field),
            mine: describe(state.form, c.field),
            theirs: describe(conflict.theirs, c.field),
            choice: c.choice,
          }))}
          theirVersion={conflict.version}
          busy={state.busy}
          onChoose={state.choose}
          onSave={state.saveMerged}
          onDiscard={state.discardMine}
        />
      )}
      <FormErrorSummary
        issues={state.issues}
        labelFor={fieldLabel}
        targetFor={(p) => controlPathFor(p, knownPaths)}
        focusKey={state.failures}
      />
    </>
  );
}
