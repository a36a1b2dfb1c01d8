/**
 * The `$schema` every shipped rule set carries. A copied preset must still find its
 * schema wherever it lands (a relative "./rule-set.schema.json" only resolves inside this
 * package's rules/ folder), so the presets name the schema of their own release by an
 * absolute URL, as tool configs do (biome's versioned schema URL is the model):
 * `npm run schema` rewrites the line, npm's `version` lifecycle runs it on every bump, and
 * test/presets/all-presets.test.ts fails when a preset names another version.
 */

/** The CDN copy of the schema shipped in the given release. */
export function presetSchemaUrl(version: string): string {
  return `https://unpkg.com/push-prompt-engine@${version}/rules/rule-set.schema.json`;
}

/** The rule file's text with its `"$schema"` value replaced, nothing else touched. */
export function withSchemaUrl(text: string, url: string): string {
  return text.replace(/("\$schema"\s*:\s*)"[^"]*"/, `$1${JSON.stringify(url)}`);
}
