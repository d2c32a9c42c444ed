#!/usr/bin/env node
// The web app is a placeholder page until the catalogue interface lands: copy it to apps/web/dist.
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './lib.mjs';

const out = join(root, 'apps/web/dist');
mkdirSync(out, { recursive: true });
cpSync(join(root, 'apps/web/public'), out, { recursive: true });
