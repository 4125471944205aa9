// Zod's own messages ("Invalid input: expected string, received undefined") are English and
// technical. Every schema of the app names its fields' errors itself; whatever is left (a
// field missing from a tampered form) gets one plain, translated sentence instead.
import { z } from 'zod';
import { m } from '../paraglide/messages.js';

z.config({ customError: () => m.common_form_field_invalid() });
