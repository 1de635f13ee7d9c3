import { packageTestConfig } from '../../vitest.shared.js';

export default packageTestConfig({ testTimeout: 300_000, hookTimeout: 60_000 });
