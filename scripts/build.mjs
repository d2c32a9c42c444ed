#!/usr/bin/env node
import { build, ensureDependencies } from './lib.mjs';
ensureDependencies();
build();
