/**
 * zod's English messages ("expected string, received number") for the records and reports it
 * validates. The command imports `zod/mini`, which loads no messages of its own, rather than
 * `zod`, whose every locale made up 734 KB of the command's 1.46 MB bundle (see README).
 */
import * as z from 'zod/mini';
import { en } from 'zod/locales';

z.config(en());
