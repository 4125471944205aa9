// Compiles messages/ into src/lib/paraglide (generated, not committed).
import { compile } from '@inlang/paraglide-js';
import { paraglideOptions } from './i18n-options.js';

await compile(paraglideOptions);
