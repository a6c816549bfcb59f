import { describe, expect, it } from 'vitest';
import type { ManualInput } from '../plan.js';
import { resolveInputs } from './resolve-inputs.js';

const spec: Record<string, ManualInput> = {
  target: { type: 'choice', required: true, options: ['staging', 'prod'], default: 'staging' },
  count: { type: 'number', required: false, default: 1 },
  dry: { type: 'boolean', required: false, default: false },
  note: { type: 'string', required: false },
  ticket: { type: 'string', required: true },
};

describe('resolveInputs', () => {
  it('applies defaults and keeps given values', () => {
    expect(resolveInputs(spec, { ticket: 'T-1' })).toEqual({
      inputs: { target: 'staging', count: 1, dry: false, ticket: 'T-1' },
      errors: [],
    });
  });

  it('coerces strings from a command line', () => {
    const { inputs, errors } = resolveInputs(spec, { ticket: '42', count: ' 3 ', dry: 'TRUE', target: 'prod', note: 'x' });
    expect(errors).toEqual([]);
    expect(inputs).toEqual({ target: 'prod', count: 3, dry: true, note: 'x', ticket: '42' });
    expect(resolveInputs(spec, { ticket: 7, count: 2.5, dry: 'false' }).inputs).toMatchObject({ ticket: '7', count: 2.5, dry: false });
  });

  it('reports wrong types', () => {
    const { errors } = resolveInputs(spec, { ticket: 'x', count: 'three', dry: 'yes' });
    expect(errors).toEqual([
      { input: 'count', code: 'ERR_PIPELINE_INPUT_TYPE', message: 'input "count" must be a number, got "three"' },
      { input: 'dry', code: 'ERR_PIPELINE_INPUT_TYPE', message: 'input "dry" must be true or false, got "yes"' },
    ]);
    expect(resolveInputs(spec, { ticket: 'x', count: '' }).errors[0]?.code).toBe('ERR_PIPELINE_INPUT_TYPE');
    expect(resolveInputs(spec, { ticket: 'x', count: 'Infinity' }).errors[0]?.code).toBe('ERR_PIPELINE_INPUT_TYPE');
  });

  it('reports a choice outside its options with a suggestion', () => {
    expect(resolveInputs(spec, { ticket: 'x', target: 'prd' }).errors).toEqual([
      {
        input: 'target',
        code: 'ERR_PIPELINE_INPUT_CHOICE',
        message: 'input "target" must be one of "staging", "prod", got "prd"',
        suggestions: ['did you mean "prod"?'],
      },
    ]);
  });

  it('reports missing required inputs', () => {
    expect(resolveInputs(spec, {}).errors).toEqual([
      { input: 'ticket', code: 'ERR_PIPELINE_INPUT_REQUIRED', message: 'input "ticket" is required' },
    ]);
  });

  it('reports unknown inputs with did-you-mean', () => {
    const { errors, inputs } = resolveInputs(spec, { ticket: 'x', taget: 'prod', zzz: '1' });
    expect(errors).toEqual([
      {
        input: 'taget',
        code: 'ERR_PIPELINE_INPUT_UNKNOWN',
        message: 'unknown input "taget" (declared: target, count, dry, note, ticket)',
        suggestions: ['did you mean "target"?'],
      },
      { input: 'zzz', code: 'ERR_PIPELINE_INPUT_UNKNOWN', message: 'unknown input "zzz" (declared: target, count, dry, note, ticket)' },
    ]);
    expect(inputs.target).toBe('staging');
    expect(resolveInputs({}, { a: '1' }).errors[0]?.message).toBe('unknown input "a"; the pipeline declares no inputs');
  });

  it('does not treat prototype names as declared inputs', () => {
    expect(resolveInputs({}, { constructor: 'x', toString: 'y' }).errors.map((e) => e.input)).toEqual(['constructor', 'toString']);
  });
});
