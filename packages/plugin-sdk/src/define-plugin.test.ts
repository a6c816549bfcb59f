import { describe, expect, it } from 'vitest';
import { definePlugin } from './define-plugin.js';

const step = { kind: 'step-type' as const, expand: () => ({ run: 'echo hi' }) };

describe('definePlugin', () => {
  it('returns a frozen plugin', () => {
    const plugin = definePlugin({ name: 'say-hi', version: '1.0.0', description: 'says hi', config: {}, extension: step });
    expect(plugin.name).toBe('say-hi');
    expect(Object.isFrozen(plugin)).toBe(true);
  });

  it('refuses a bad name, a bad version and a missing kind with ERR_PLUGIN_INVALID', () => {
    expect(() => definePlugin({ name: 'Say Hi', version: '1', description: '', config: {}, extension: {} as never })).toThrow(
      expect.objectContaining({ code: 'ERR_PLUGIN_INVALID', details: { problems: [expect.stringContaining('name'), expect.stringContaining('version'), 'extension has no kind'] } }),
    );
  });
});
