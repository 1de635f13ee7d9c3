export type { ErrorSummary, GatewayEvent, GatewayEventListener, ServedCall } from './gateway-events.js';
