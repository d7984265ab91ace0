import { gates } from '../core/gate.js';

// Every test checks the gates (core/gate.ts): a file a gate would skip is analyzed anyway, and a finding there
// fails the test instead of being dropped. test/core/gate.test.ts tests the skip itself.
gates.verify = true;
