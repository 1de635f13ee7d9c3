import { describe, expect, it } from 'vitest';
import { gatewayModels } from './gateway-models.js';
import { useFlowEmulator } from './test-support/flow-emulator.js';

const setup = useFlowEmulator();

describe('gatewayModels', () => {
  it('hands every run over one gateway the same provider, with one routed model per model and settings', () => {
    const gateway = setup.gateway();
    const provider = gatewayModels(gateway);
    expect(gatewayModels(gateway)).toBe(provider);
    expect(Object.isFrozen(provider)).toBe(true);
    const cool = provider.chatModel('gemini-2.5-flash', { temperature: 0 });
    expect(provider.chatModel('gemini-2.5-flash', { temperature: 0 })).toBe(cool);
    expect(provider.chatModel('gemini-2.5-flash', { temperature: 1 })).not.toBe(cool);
    expect(provider.chatModel('gemini-2.5-pro', { temperature: 0 })).not.toBe(cool);
  });

  it('gives another gateway its own provider', () => {
    expect(gatewayModels(setup.gateway())).not.toBe(gatewayModels(setup.gateway()));
  });
});
