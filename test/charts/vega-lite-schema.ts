/** Validation against the Vega-Lite JSON schema that vega-lite ships (build/vega-lite-schema.json, draft-07), with ajv. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv } from 'ajv';

const require = createRequire(import.meta.url);
const schemaPath = join(dirname(require.resolve('vega-lite')), 'vega-lite-schema.json');
// vega-lite's schema uses non-standard annotation keywords and formats: strict mode off, as vega-lite's own tests do.
const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(
  JSON.parse(readFileSync(schemaPath, 'utf8')),
);

/** Schema errors of `spec` as `path: message` lines; empty when valid. */
export function vegaLiteSchemaErrors(spec: unknown): string[] {
  if (validate(spec)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`);
}
