// Every check, in the order their findings are computed.
import type { Check } from '../rule';

export const CHECKS: Check[] = [];
