#!/usr/bin/env node
// npm run docs:modules: compiles the API, then rewrites the module graph of docs/architecture.md
// (between <!-- module-graph:start --> and <!-- module-graph:end -->) from the modules' metadata.
// apps/api/src/testing/module-graph.spec.ts fails until this is run after a change of the graph.
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ensureDependencies, root, run } from './lib.mjs';

ensureDependencies();
if (process.env.SKIP_BUILD !== '1')
  run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'apps/api/tsconfig.json']);

const { ARCHITECTURE_DOC, architectureDocWithModuleGraph } = await import(
  join(root, 'apps/api/dist/testing/module-graph.js')
);
const { current, expected } = architectureDocWithModuleGraph();
if (current === expected) console.log(`${relative(root, ARCHITECTURE_DOC)} : graphe des modules déjà à jour`);
else {
  writeFileSync(ARCHITECTURE_DOC, expected);
  console.log(`${relative(root, ARCHITECTURE_DOC)} : graphe des modules réécrit`);
}
