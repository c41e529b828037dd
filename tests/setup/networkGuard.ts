import { afterEach } from 'vitest';
import { installNetworkGuard, takeViolations } from '../support/networkGuard';

installNetworkGuard();

// A refused connection whose error a library swallowed still fails the test that made it.
afterEach(() => {
  const refused = takeViolations();
  if (refused.length > 0) {
    throw new Error(`This test tried to reach the network: ${refused.map((v) => v.target).join(', ')}`);
  }
});
