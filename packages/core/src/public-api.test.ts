import { expect, it } from 'vitest';
import { describePublicApi } from '../../../api/describe-public-api.js';

describePublicApi('@tokenflow/core', new URL('..', import.meta.url), () => {
  it('makes gateways only through createGateway, which checks the options: ModelGateway is a type, not a constructor', async () => {
    const root: Record<string, unknown> = await import('./index.js');
    const gatewayEntry: Record<string, unknown> = await import('./gateway/index.js');
    expect(typeof root.createGateway).toBe('function');
    expect(Object.keys(root)).not.toContain('ModelGateway');
    expect(Object.keys(gatewayEntry)).not.toContain('ModelGateway');
    expect(Object.keys(gatewayEntry)).not.toContain('RoutedChatModel');
  });
});
