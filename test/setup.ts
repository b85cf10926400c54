/**
 * Loads what core loads on demand before a command (core/app/registry.ts), so that tests calling
 * core's functions directly — normalizeValue and the phone numbers it reads — find it loaded.
 */

import { loadPhoneRules } from '../core/fields/phone.js';

await loadPhoneRules();
