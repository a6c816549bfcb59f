import { z } from 'zod';
import { EXTENSION_KEY, pipelineSchema } from './schema/pipeline-schema.js';

export const PIPELINE_SCHEMA_ID = 'https://ritmo.dev/schemas/pipeline.json';

/**
 * The JSON Schema (draft 2020-12) of a pipeline file, for editors (completion, hover, structure
 * errors). Generated from the same zod definitions the compiler validates with; value checks that
 * JSON Schema cannot express (cron, globs, durations, cross-field rules) are the compiler's.
 */
export function pipelineJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(pipelineSchema, { target: 'draft-2020-12', unrepresentable: 'any', io: 'input' }) as Record<string, unknown>;
  // `x-*` keys hold YAML anchors and are ignored by the compiler.
  return { ...schema, $id: PIPELINE_SCHEMA_ID, title: 'Ritmo pipeline', patternProperties: { [EXTENSION_KEY.source]: {} } };
}
