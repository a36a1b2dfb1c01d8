-- push-prompt report as one SQL query (DESIGN.md section 11), for DuckDB and, with the
-- JSON functions renamed, for a warehouse. The same definitions as `push-prompt report`
-- (src/authoring/report); test/authoring/report-sql.test.ts runs both on a generated log
-- and checks that every number agrees. docs/experiments.md explains each column.
--
-- Inputs, set before the query (DuckDB):
--   SET VARIABLE log_path = 'decisions.jsonl';   -- a path, a glob ('logs/*.jsonl') or a list
--   SET VARIABLE rules_json = (SELECT content FROM read_text('rules/default.json'));
--                                                -- optional: the rule set the log was made with
-- then run this file (duckdb CLI: `.read sql/report.sql`).
--
-- One row per experiment and arm, ordered as the CLI prints them. The log-wide numbers
-- (records, skipped, users_seen) repeat on every row. The sample-ratio p-value needs the
-- incomplete gamma function, which SQL lacks: the query gives the chi-square statistic, its
-- degrees of freedom and `srm_mismatch` (the statistic above the p = 0.001 critical value,
-- tabulated for df 1-30); the CLI prints the p-value itself.
--
-- Definitions (the same as the CLI's):
--   enrolled       a decision record lists the experiment in decision.experiments; a user
--                  seen in several arms counts in the first (earliest `at`, then arm name)
--                  and is a conflict
--   prompted       a soft-prompt ask (ask record, or an ask in a decision's context.asks)
--                  at or after the user's first enrollment in the experiment
--   soft_accepted  the same, with outcome "accepted"
--   opted_in       the user's last known permission is granted, provisional or ephemeral;
--                  denied: it is denied. Observations: permission records (at = record at),
--                  system-prompt ask outcomes granted / provisional / denied (at = ask at),
--                  decision contexts' permission (at = record at). Latest `at` wins; at the
--                  same instant permission record > ask > context, then the higher status
--                  code (not-determined/default 1, denied 2, provisional 3, ephemeral 4,
--                  granted 5).
-- A line that is not JSON or not a valid record (the checks below mirror the zod schemas
-- in src/authoring/logs/records.ts) is skipped and counted.
WITH
raw AS (
  SELECT line
  FROM read_json(getvariable('log_path'), format = 'newline_delimited', records = false,
                 columns = {line: 'JSON'}, ignore_errors = true)
),
-- One parse per line: the JSON types and texts of every field the checks read (a list of
-- paths parses the document once; one call per path would parse it each time).
extracted AS (
  SELECT
    json_type(line, ['$', '$.userId', '$.ruleSet', '$.context', '$.decision', '$.decision.ruleSet',
      '$.decision.ruleId', '$.decision.params', '$.decision.trace', '$.decision.issues',
      '$.decision.retryAt', '$.decision.experiments', '$.ask', '$.context.asks',
      '$.context.permission']) AS ty,
    json_extract_string(line, ['$.type', '$.at', '$.userId', '$.decision.action', '$.decision.reason',
      '$.decision.retryAt', '$.ask.kind', '$.ask.at', '$.ask.outcome', '$.permission',
      '$.context.permission']) AS tx,
    json_extract(line, ['$.decision.experiments', '$.context.asks']) AS js
  FROM raw
),
fields AS (
  SELECT
    ty[1] AS root_type, ty[2] AS user_id_type, ty[3] AS rule_set_type, ty[4] AS context_type,
    ty[5] AS decision_type, ty[6] AS decision_rule_set_type, ty[7] AS rule_id_type,
    ty[8] AS params_type, ty[9] AS trace_type, ty[10] AS issues_type, ty[11] AS retry_at_type,
    ty[12] AS experiments_type, ty[13] AS ask_type, ty[14] AS context_asks_type,
    ty[15] AS context_permission_type,
    tx[1] AS type, tx[2] AS at_text, tx[3] AS user_id, tx[4] AS action, tx[5] AS reason,
    tx[6] AS retry_at, tx[7] AS ask_kind, tx[8] AS ask_at, tx[9] AS ask_outcome,
    tx[10] AS permission, tx[11] AS context_permission,
    js[1] AS experiments, js[2] AS context_asks
  FROM extracted
),
-- Each line and whether it is a valid record (the zod schemas' checks).
lines AS (
  SELECT *,
    CAST(floor(epoch_us(try_cast(upper(at_text) AS TIMESTAMPTZ)) / 1000) AS BIGINT) AS at_ms,
    coalesce(
      root_type = 'OBJECT'
      -- `at`: RFC 3339 with an offset, a real date (the regex for the shape, the cast for the calendar)
      AND regexp_full_match(at_text, '\d{4}-\d{2}-\d{2}[Tt]([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)')
      AND length(at_text) BETWEEN 20 AND 40 AND try_cast(upper(at_text) AS TIMESTAMPTZ) IS NOT NULL
      AND CASE type
        WHEN 'decision' THEN
          (user_id_type IS NULL OR (user_id_type = 'VARCHAR' AND length(user_id) BETWEEN 1 AND 200))
          AND rule_set_type = 'VARCHAR' AND context_type = 'OBJECT' AND decision_type = 'OBJECT'
          AND action IN ('show-soft-prompt', 'show-settings-link', 'wait')
          AND reason IN ('rule-matched', 'already-granted', 'unsupported', 'no-rule-matched', 'cooldown',
            'max-shows', 'session-cap', 'quiet-hours', 'snoozed', 'permission-blocked', 'browser-embargo',
            'holdout', 'invalid-context')
          AND decision_rule_set_type = 'VARCHAR'
          AND coalesce(rule_id_type = 'VARCHAR', true)
          AND coalesce(params_type = 'OBJECT', true)
          AND coalesce(trace_type = 'ARRAY', true)
          AND coalesce(issues_type = 'ARRAY', true)
          AND (retry_at_type = 'NULL' OR (regexp_full_match(retry_at, '\d{4}-\d{2}-\d{2}[Tt]([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)')
      AND length(retry_at) BETWEEN 20 AND 40 AND try_cast(upper(retry_at) AS TIMESTAMPTZ) IS NOT NULL))
          AND (experiments_type IS NULL
            OR (experiments_type = 'ARRAY'
              AND list_bool_and(list_transform(json_extract(experiments, '$[*]'),
                e -> coalesce(json_type(e, '$.id') = 'VARCHAR' AND json_type(e, '$.arm') = 'VARCHAR', false)))
                IS NOT false))
        WHEN 'ask' THEN
          user_id_type = 'VARCHAR' AND length(user_id) BETWEEN 1 AND 200
          AND ask_type = 'OBJECT'
          AND regexp_full_match(ask_at, '\d{4}-\d{2}-\d{2}[Tt]([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)')
      AND length(ask_at) BETWEEN 20 AND 40 AND try_cast(upper(ask_at) AS TIMESTAMPTZ) IS NOT NULL
          AND (ask_kind, ask_outcome) IN (
            ('soft-prompt', 'accepted'), ('soft-prompt', 'declined'), ('soft-prompt', 'dismissed'),
            ('system-prompt', 'granted'), ('system-prompt', 'denied'), ('system-prompt', 'dismissed'),
            ('system-prompt', 'ignored'), ('system-prompt', 'provisional'),
            ('settings-link', 'opened'), ('settings-link', 'dismissed'))
        WHEN 'permission' THEN
          user_id_type = 'VARCHAR' AND length(user_id) BETWEEN 1 AND 200
          AND permission IN ('not-determined', 'provisional', 'ephemeral', 'granted', 'denied', 'default')
        ELSE false
      END,
      false) AS valid
  FROM fields
),
records AS (SELECT * FROM lines WHERE valid),
totals AS (
  SELECT
    count(*) FILTER (WHERE valid) AS records,
    count(*) FILTER (WHERE NOT valid) AS skipped,
    count(DISTINCT user_id) FILTER (WHERE valid) AS users_seen
  FROM lines
),
-- Every ask: ask records' asks, and the asks decision contexts carry (invalid ones dropped).
asks AS (
  SELECT user_id, ask_kind AS kind, ask_outcome AS outcome,
    CAST(floor(epoch_us(try_cast(upper(ask_at) AS TIMESTAMPTZ)) / 1000) AS BIGINT) AS at_ms
  FROM records WHERE type = 'ask'
  UNION ALL
  SELECT user_id, f[1], f[3], CAST(floor(epoch_us(try_cast(upper(f[2]) AS TIMESTAMPTZ)) / 1000) AS BIGINT)
  FROM (
    SELECT user_id, json_extract_string(a, ['$.kind', '$.at', '$.outcome']) AS f
    FROM (
      SELECT user_id, unnest(json_extract(context_asks, '$[*]')) AS a
      FROM records WHERE type = 'decision' AND user_id IS NOT NULL AND context_asks_type = 'ARRAY'
    )
  )
  WHERE regexp_full_match(f[2], '\d{4}-\d{2}-\d{2}[Tt]([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)')
    AND length(f[2]) BETWEEN 20 AND 40 AND try_cast(upper(f[2]) AS TIMESTAMPTZ) IS NOT NULL
    AND (f[1], f[3]) IN (
      ('soft-prompt', 'accepted'), ('soft-prompt', 'declined'), ('soft-prompt', 'dismissed'),
      ('system-prompt', 'granted'), ('system-prompt', 'denied'), ('system-prompt', 'dismissed'),
      ('system-prompt', 'ignored'), ('system-prompt', 'provisional'),
      ('settings-link', 'opened'), ('settings-link', 'dismissed'))
),
soft AS (
  SELECT user_id, max(at_ms) AS soft_at, max(at_ms) FILTER (WHERE outcome = 'accepted') AS accepted_at
  FROM asks WHERE kind = 'soft-prompt' GROUP BY user_id
),
-- Permission observations: (user, at, source rank, status code).
observations AS (
  SELECT user_id, at_ms, 3 AS source, permission AS status FROM records WHERE type = 'permission'
  UNION ALL
  SELECT user_id, at_ms, 2, outcome FROM asks
  WHERE kind = 'system-prompt' AND outcome IN ('granted', 'provisional', 'denied')
  UNION ALL
  SELECT user_id, at_ms, 1, context_permission FROM records
  WHERE type = 'decision' AND user_id IS NOT NULL AND context_permission_type = 'VARCHAR'
),
coded AS (
  SELECT user_id, at_ms, source,
    CASE status WHEN 'not-determined' THEN 1 WHEN 'default' THEN 1 WHEN 'denied' THEN 2
      WHEN 'provisional' THEN 3 WHEN 'ephemeral' THEN 4 WHEN 'granted' THEN 5 END AS code
  FROM observations
),
latest AS (
  -- at_ms * 64 + source * 8 + code orders by instant, then source, then status code.
  SELECT user_id, arg_max(code, at_ms * 64 + source * 8 + code) AS code
  FROM coded WHERE code IS NOT NULL GROUP BY user_id
),
enrollments AS (
  SELECT user_id, at_ms, f[1] AS experiment, f[2] AS arm
  FROM (
    SELECT user_id, at_ms, json_extract_string(e, ['$.id', '$.arm']) AS f
    FROM (
      SELECT user_id, at_ms, unnest(json_extract(experiments, '$[*]')) AS e
      FROM records WHERE type = 'decision' AND user_id IS NOT NULL AND experiments_type = 'ARRAY'
    )
  )
),
-- Per user and experiment: the first enrollment instant, the first arm (earliest, then by
-- name) and whether another arm was ever seen.
spans AS (
  SELECT experiment, user_id, min(at_ms) AS enrolled_at, count(DISTINCT arm) > 1 AS conflict
  FROM enrollments GROUP BY experiment, user_id
),
firsts AS (
  SELECT e.experiment, e.user_id, min(e.arm) AS arm, s.enrolled_at, s.conflict
  FROM enrollments e
  JOIN spans s ON s.experiment = e.experiment AND s.user_id = e.user_id AND s.enrolled_at = e.at_ms
  GROUP BY e.experiment, e.user_id, s.enrolled_at, s.conflict
),
counted AS (
  SELECT f.experiment, f.arm,
    count(*) AS users,
    count(*) FILTER (WHERE s.soft_at >= f.enrolled_at) AS prompted,
    count(*) FILTER (WHERE s.accepted_at >= f.enrolled_at) AS soft_accepted,
    count(*) FILTER (WHERE l.code >= 3) AS opted_in,
    count(*) FILTER (WHERE l.code = 2) AS denied,
    count(*) FILTER (WHERE f.conflict) AS conflicts
  FROM firsts f
  LEFT JOIN soft s ON s.user_id = f.user_id
  LEFT JOIN latest l ON l.user_id = f.user_id
  GROUP BY f.experiment, f.arm
),
-- The rule set's experiments and arms, in the order written (json_each's id is document order).
declared AS (
  SELECT e.key AS experiment, e.id AS experiment_order, a.key AS arm, a.id AS arm_order,
    CAST(json_extract_string(a.value, '$.weight') AS DOUBLE) AS weight,
    coalesce(json_extract_string(a.value, '$.holdout') = 'true', false) AS holdout
  FROM json_each(coalesce(getvariable('rules_json'), '{}')::JSON, '$.experiments') e,
    json_each(e.value, '$.arms') a
),
-- Every arm to report: the rule set's, then the others the log names (even when every user
-- seen in them was first seen in another arm), by name.
seen AS (SELECT DISTINCT experiment, arm FROM enrollments),
arms AS (
  SELECT
    coalesce(d.experiment, s.experiment) AS experiment,
    coalesce(d.arm, s.arm) AS arm,
    d.experiment IS NOT NULL AS is_declared,
    d.experiment_order, d.arm_order, d.weight,
    coalesce(d.holdout, false) AS holdout,
    coalesce(c.users, 0) AS users, coalesce(c.prompted, 0) AS prompted,
    coalesce(c.soft_accepted, 0) AS soft_accepted, coalesce(c.opted_in, 0) AS opted_in,
    coalesce(c.denied, 0) AS denied, coalesce(c.conflicts, 0) AS conflicts
  FROM declared d
  FULL JOIN seen s ON s.experiment = d.experiment AND s.arm = d.arm
  LEFT JOIN counted c ON c.experiment = coalesce(d.experiment, s.experiment) AND c.arm = coalesce(d.arm, s.arm)
),
experiments AS (
  SELECT experiment,
    bool_or(is_declared) AS declared,
    bool_or(NOT is_declared) AS has_undeclared,
    min(experiment_order) AS experiment_order,
    count(*) AS arm_count,
    sum(users) AS users,
    sum(conflicts) AS conflicts,
    sum(CASE WHEN is_declared THEN weight ELSE 1 END) AS weight_sum,
    coalesce(arg_min(arm, arm_order) FILTER (WHERE holdout), arg_min(arm, arm_order) FILTER (WHERE is_declared)) AS declared_baseline,
    min(arm) AS first_by_name
  FROM arms GROUP BY experiment
),
per_arm AS (
  SELECT a.*, x.experiment_order AS x_order, x.users AS experiment_users, x.conflicts AS experiment_conflicts,
    CASE WHEN x.declared THEN x.declared_baseline ELSE x.first_by_name END AS baseline,
    CASE WHEN x.declared THEN (CASE WHEN bool_or(a.holdout) OVER (PARTITION BY a.experiment) THEN 'holdout' ELSE 'first-arm' END)
      ELSE 'first-arm-by-name' END AS baseline_kind,
    CASE WHEN x.declared THEN 'rules' ELSE 'equal' END AS srm_weights,
    CASE WHEN x.declared AND x.has_undeclared OR x.arm_count < 2 THEN NULL
      WHEN x.users = 0 THEN 0.0
      ELSE (a.users - x.users * (CASE WHEN x.declared THEN a.weight ELSE 1 END) / x.weight_sum) ** 2
        / (x.users * (CASE WHEN x.declared THEN a.weight ELSE 1 END) / x.weight_sum) END AS chi_part,
    CASE WHEN x.declared AND x.has_undeclared OR x.arm_count < 2 THEN NULL ELSE x.arm_count - 1 END AS srm_df
  FROM arms a JOIN experiments x USING (experiment)
),
-- Wilson score interval (z = 1.959963984540054) of each arm's opt-in rate.
wilson AS (
  SELECT *,
    CASE WHEN users > 0 THEN opted_in / users END AS p,
    CASE WHEN users > 0 THEN (opted_in / users + 1.959963984540054 ** 2 / (2 * users)) / (1 + 1.959963984540054 ** 2 / users) END AS center,
    CASE WHEN users > 0 THEN 1.959963984540054 / (1 + 1.959963984540054 ** 2 / users)
      * sqrt((opted_in / users) * (1 - opted_in / users) / users + 1.959963984540054 ** 2 / (4 * users * users)) END AS half
  FROM per_arm
),
bounds AS (
  SELECT *,
    CASE WHEN users = 0 THEN NULL WHEN opted_in = 0 THEN 0.0 ELSE least(1.0, greatest(0.0, center - half)) END AS ci_lo,
    CASE WHEN users = 0 THEN NULL WHEN opted_in = users THEN 1.0 ELSE least(1.0, greatest(0.0, center + half)) END AS ci_hi
  FROM wilson
),
-- Newcombe's hybrid score interval (method 10) for p(arm) - p(baseline).
lifted AS (
  SELECT a.*,
    sum(a.chi_part) OVER (PARTITION BY a.experiment) AS srm_chi_square,
    CASE WHEN a.arm <> a.baseline AND a.users > 0 AND b.users > 0 THEN a.p - b.p END AS lift_diff,
    CASE WHEN a.arm <> a.baseline AND a.users > 0 AND b.users > 0 THEN
      greatest(-1.0, least(1.0, a.p - b.p - sqrt((a.p - a.ci_lo) ** 2 + (b.ci_hi - b.p) ** 2))) END AS lift_ci_lo,
    CASE WHEN a.arm <> a.baseline AND a.users > 0 AND b.users > 0 THEN
      greatest(-1.0, least(1.0, a.p - b.p + sqrt((a.ci_hi - a.p) ** 2 + (b.p - b.ci_lo) ** 2))) END AS lift_ci_hi
  FROM bounds a
  LEFT JOIN bounds b ON b.experiment = a.experiment AND b.arm = a.baseline
),
-- chi-square critical values at p = 0.001 (scipy.stats.chi2.isf(0.001, df)).
critical (df, value) AS (
  VALUES (1, 10.827566), (2, 13.815511), (3, 16.266236), (4, 18.466827), (5, 20.515006),
    (6, 22.457744), (7, 24.321886), (8, 26.124482), (9, 27.877165), (10, 29.588298),
    (11, 31.264134), (12, 32.90949), (13, 34.528179), (14, 36.123274), (15, 37.697298),
    (16, 39.252355), (17, 40.790217), (18, 42.312396), (19, 43.820196), (20, 45.314747),
    (21, 46.797038), (22, 48.267942), (23, 49.728232), (24, 51.178598), (25, 52.619656),
    (26, 54.051962), (27, 55.47602), (28, 56.892285), (29, 58.301173), (30, 59.703064)
)
SELECT
  l.experiment, l.arm, l.holdout, CAST(l.weight AS INTEGER) AS weight,
  l.users, l.prompted, l.soft_accepted, l.opted_in, l.denied,
  l.p AS opt_in_rate, l.ci_lo AS opt_in_ci_lo, l.ci_hi AS opt_in_ci_hi,
  l.baseline, l.baseline_kind, l.lift_diff, l.lift_ci_lo, l.lift_ci_hi,
  l.experiment_users, l.experiment_conflicts AS conflicts,
  l.srm_chi_square, l.srm_df, l.srm_weights,
  CASE WHEN l.srm_df IS NULL THEN NULL ELSE l.srm_chi_square > c.value END AS srm_mismatch,
  t.records, t.skipped, t.users_seen
FROM lifted l
LEFT JOIN critical c ON c.df = l.srm_df
CROSS JOIN totals t
ORDER BY l.x_order NULLS LAST, l.experiment, l.arm_order NULLS LAST, l.arm;
