/**
 * The population file (`populations/*.json`): who the simulated users are and how they
 * answer. Every number is a parameter that cites its source or says it is an assumption:
 * `{ "value": 0.6, "source": "…" }` or `{ "value": 0.3, "assumption": true, "reason": "…" }`.
 * The zod schema here is the one definition: the loader validates with it and the JSON
 * Schema beside the files (`populations/population.schema.json`) is generated from it.
 */
import * as z from 'zod';
import { BROWSER_VALUES, HOST_OS_VALUES, OS_VALUES } from '../../rules/catalog.js';

type Range = { readonly min: number; readonly max: number };
const PROBABILITY: Range = { min: 0, max: 1 };
const FACTOR: Range = { min: 0, max: 10 };
const MEAN: Range = { min: 0, max: 50 };
const SHARE: Range = { min: 0, max: 1_000_000 };

const citation = {
  source: z.string().min(1).max(1000).meta({
    description: 'Where the number comes from: a published figure and where it was published.',
  }),
};
const assumption = {
  assumption: z
    .literal(true)
    .meta({ description: 'The number is this model’s assumption, not a measurement.' }),
  reason: z.string().min(1).max(1000).meta({ description: 'Why this value: what it is shaped after.' }),
};

/** A number with its source, or marked as an assumption with a reason (one shared definition per range). */
function param(range: Range, id: string, description: string) {
  const value = z.number().min(range.min).max(range.max);
  return z
    .union([z.strictObject({ value, ...citation }), z.strictObject({ value, ...assumption })])
    .meta({ id, description });
}

const PROBABILITY_PARAM = param(
  PROBABILITY,
  'probability',
  'A probability (0-1), with its source or marked as an assumption.',
);
const FACTOR_PARAM = param(
  FACTOR,
  'factor',
  'A multiplier (0-10), with its source or marked as an assumption.',
);
const MEAN_PARAM = param(MEAN, 'mean', 'A mean count (0-50), with its source or marked as an assumption.');
const SHARE_PARAM = param(
  SHARE,
  'share',
  'A relative weight (normalized with its siblings), with its source or marked as an assumption.',
);
const SESSIONS_PARAM = param(
  { min: 1, max: 20 },
  'sessionsPerDay',
  'Sessions per day (1-20), with its source or marked as an assumption.',
);

const probability = (d: string) => PROBABILITY_PARAM.meta({ description: d });
const factor = (d: string) => FACTOR_PARAM.meta({ description: d });
const share = (d: string) => SHARE_PARAM.meta({ description: d });

const PlatformSchema = z
  .strictObject({
    os: z.enum(OS_VALUES),
    osVersion: z
      .string()
      .regex(/^\d{1,4}(\.\d{1,4}){0,2}$/)
      .optional(),
    apiLevel: z.number().int().min(1).max(100).optional(),
    targetSdk: z.number().int().min(1).max(100).optional(),
    browser: z.enum(BROWSER_VALUES).optional(),
    hostOs: z.enum(HOST_OS_VALUES).optional(),
    installedToHomeScreen: z.boolean().optional(),
  })
  .meta({ description: "The context's platform object for users of this kind (DESIGN.md section 2)." });

const outcomeWeights = {
  deny: share('Of the users who do not allow: the weight of a denial ("Don\'t allow", "Block").'),
  dismiss: share('Of the users who do not allow: the weight of a dismissal (closed without choosing).'),
};
const ignoreWeight = {
  ignore: share('Of the users who do not allow: the weight of ignoring the prompt until it goes away.'),
};
const allow = probability('The share of dialogs answered "Allow".');
/** iOS and Safari dialogs have two buttons: whoever does not allow, denies. */
const twoButtons = z.strictObject({ allow }).meta({ id: 'twoButtonDialog' });
const android = z.strictObject({ allow, ...outcomeWeights }).meta({ id: 'androidDialog' });
const browser = z.strictObject({ allow, ...outcomeWeights, ...ignoreWeight }).meta({ id: 'browserDialog' });
const primedCold = <S extends z.ZodType>(s: S, what: string) =>
  z
    .strictObject({
      primed: s.meta({ description: `${what} right after the user accepted the soft prompt.` }),
      cold: s.meta({ description: `${what} without a soft prompt (asked at launch).` }),
    })
    .optional();

const HOURS = z
  .union([
    z.strictObject({ weights: z.array(z.number().min(0).max(SHARE.max)).length(24), ...citation }),
    z.strictObject({ weights: z.array(z.number().min(0).max(SHARE.max)).length(24), ...assumption }),
  ])
  .meta({ description: 'Relative weight of each local hour 0-23 as a session start.' });

/** The population file's zod schema. */
export const PopulationSchema = z
  .strictObject({
    $schema: z.string().optional().meta({ description: 'Path to this schema, for editors.' }),
    name: z.string().min(1).max(100),
    description: z.string().max(2000).optional(),
    platforms: z
      .array(
        z.strictObject({
          name: z.string().min(1).max(100),
          share: share('How many users have this platform.'),
          platform: PlatformSchema,
        }),
      )
      .min(1)
      .max(100)
      .meta({ description: 'The platform and version mix.' }),
    offsets: z
      .array(
        z.strictObject({
          minutes: z.number().int().min(-720).max(840).meta({ description: 'UTC offset in minutes.' }),
          share: share('How many users live at this offset.'),
        }),
      )
      .min(1)
      .max(100)
      .meta({ description: 'Where users live: their UTC offsets (quiet hours and local hours use them).' }),
    sessions: z.strictObject({
      returnRate: probability('The share of users who come back after their first session.'),
      activeDayRate: probability('For a user who comes back: the chance of using the app on a given day.'),
      dailyChurn: probability('For a user who came back: the chance of leaving for good, each day.'),
      perActiveDay: SESSIONS_PARAM.meta({
        description: 'Mean sessions on a day the app is used (at least 1).',
      }),
      hours: HOURS,
    }),
    keyActions: z
      .array(
        z.strictObject({
          name: z
            .string()
            .min(1)
            .max(100)
            .meta({ description: 'The trigger the app sends, e.g. order_placed.' }),
          moment: z.enum(['intent', 'neutral', 'task', 'asked']).meta({
            description:
              'intent: a moment whose benefit a soft prompt can name (an order, a follow); neutral: browsing; task: mid-task (checkout); asked: the user asked to be notified (a "notify me" click).',
          }),
          when: z.enum(['any', 'first-session']).optional().meta({
            description: 'first-session: happens at most once, in the first session (onboarding).',
          }),
          perSession: MEAN_PARAM.meta({
            description: 'Mean occurrences per session (first-session: the chance it happens).',
          }),
        }),
      )
      .max(50),
    responses: z.strictObject({
      softPrompt: z.strictObject({
        accept: probability('The share of soft prompts accepted at a moment of intent after session 1.'),
        notNowShare: probability(
          'Of those who do not accept: the share who tap "Not now" (the rest dismiss).',
        ),
        moments: z.strictObject({
          start: factor('Accept multiplier for a prompt at a session start (no moment).'),
          intent: factor('Accept multiplier at a moment of intent.'),
          neutral: factor('Accept multiplier while browsing.'),
          task: factor('Accept multiplier mid-task.'),
          asked: factor('Accept multiplier when the user just asked to be notified ("notify me").'),
        }),
        firstSession: factor('Accept multiplier for a prompt in the first session.'),
        repeat: factor('Accept multiplier per soft prompt already shown to the user.'),
      }),
      systemDialog: z.strictObject({
        ios: primedCold(twoButtons, 'The iOS alert'),
        android: primedCold(android, 'The Android 13+ runtime dialog'),
        chromium: primedCold(browser, 'The Chromium (Chrome, Edge, Opera, Samsung) prompt'),
        firefox: primedCold(browser, 'The Firefox doorhanger'),
        safari: primedCold(twoButtons, 'The Safari (and iOS web app) dialog'),
      }),
      settingsLink: z.strictObject({
        open: probability('The share of settings links opened.'),
        enable: probability('Of the opened: the share who turn notifications on.'),
      }),
      optOutDaily: probability(
        'For an opted-in user: the chance of turning notifications off in settings, each day.',
      ),
    }),
  })
  .meta({
    title: 'push-prompt-engine population',
    description:
      'Simulated users for push-prompt simulate: platforms, sessions, key actions, local times and the response model. Every number cites a source or is marked as an assumption.',
  });

export type PopulationJson = z.infer<typeof PopulationSchema>;

/** The context's platform object of one kind of user. */
export type PopulationPlatform = PopulationJson['platforms'][number]['platform'];

/**
 * The population file's JSON Schema (draft-07), as written to `populations/population.schema.json`.
 *
 * @example
 * writeFileSync('populations/population.schema.json', renderPopulationJsonSchema());
 */
export function renderPopulationJsonSchema(): string {
  const schema = z.toJSONSchema(PopulationSchema, { target: 'draft-7', io: 'input' });
  return `${JSON.stringify(schema, null, 2)}\n`;
}
