import { z } from 'zod';
import { DEFAULT_REPORTING_CURRENCY, REPORTING_CURRENCIES } from '../coverage';
import { optionalText } from './fields';

/** The longest note a crosswalk entry keeps. */
export const MAX_CROSSWALK_NOTE = 2000;

/** The statuses of the activities a carry-over may take along (those still to run or running). */
export const CARRY_OVER_STATUSES = ['planned', 'ongoing'] as const;
export type CarryOverStatus = (typeof CARRY_OVER_STATUSES)[number];

/** The most activities one carry-over may name. */
export const MAX_CARRY_OVER_ACTIVITIES = 2000;

const nodeId = (message: string) => z.string({ error: message }).trim().min(1, message).max(200);

const NEW_NODE = 'Choose a part of the new plan, or null for "dropped".';

/** The new-plan node: an id, or null when the old node is dropped. */
const toNodeId = z.union([nodeId(NEW_NODE), z.null()], { error: NEW_NODE });

/**
 * `POST /api/v1/plans/{from}/crosswalk/{to}/entries`: map a node of the old plan to a node of the new one, or
 * record that it is dropped (`toNodeId` null), with an optional note. Shared by the API, the crosswalk editor
 * and the CLI.
 */
export const crosswalkEntryInputSchema = z
  .object({
    fromNodeId: nodeId('Choose the part of the old plan to map.'),
    toNodeId,
    note: optionalText(MAX_CROSSWALK_NOTE),
  })
  .strict();

export type CrosswalkEntryInput = z.output<typeof crosswalkEntryInputSchema>;
export type CrosswalkEntryInputDraft = z.input<typeof crosswalkEntryInputSchema>;

/**
 * `PUT /api/v1/crosswalk-entries/{id}` (with `If-Match`): change where an entry points or its note; a field left
 * out stays as it is.
 */
export const crosswalkEntryUpdateSchema = z
  .object({
    toNodeId: toNodeId.optional(),
    note: optionalText(MAX_CROSSWALK_NOTE).optional(),
  })
  .strict();

export type CrosswalkEntryUpdate = z.output<typeof crosswalkEntryUpdateSchema>;

const STATUSES = `Use one or more of: ${CARRY_OVER_STATUSES.join(', ')}.`;

/**
 * `POST /api/v1/plans/{from}/crosswalk/{to}/carry-over`: link the old plan's planned or ongoing activities to the
 * new plan's nodes the crosswalk maps their nodes to. `dryRun` previews without writing; `activityIds` narrows to
 * the activities chosen in the preview.
 */
export const carryOverInputSchema = z
  .object({
    dryRun: z.boolean({ error: 'Use true to preview, false to carry the activities over.' }),
    statuses: z
      .array(z.enum(CARRY_OVER_STATUSES, { error: STATUSES }), { error: STATUSES })
      .min(1, STATUSES)
      .default([...CARRY_OVER_STATUSES]),
    activityIds: z
      .array(z.string().trim().min(1, 'Give activity ids.').max(200), { error: 'Give a list of activity ids.' })
      .max(MAX_CARRY_OVER_ACTIVITIES, `Carry over at most ${MAX_CARRY_OVER_ACTIVITIES} activities at a time.`)
      .optional(),
  })
  .strict();

export type CarryOverInput = z.output<typeof carryOverInputSchema>;

/** `GET /api/v1/plans/{from}/compare/{to}`: the reporting currency of the commitments. */
export const planComparisonQuerySchema = z
  .object({
    currency: z
      .enum(REPORTING_CURRENCIES, { error: `Use one of: ${REPORTING_CURRENCIES.join(', ')}.` })
      .default(DEFAULT_REPORTING_CURRENCY),
  })
  .strict();

export type PlanComparisonQuery = z.output<typeof planComparisonQuerySchema>;
