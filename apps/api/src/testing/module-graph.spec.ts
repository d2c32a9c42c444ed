// The module graph of docs/architecture.md is the code's: regenerated here and compared.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Module, forwardRef, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { appModuleGraph, architectureDocWithModuleGraph, moduleGraph, renderModuleGraph } from './module-graph.js';

describe('module graph', () => {
  it('docs/architecture.md shows the modules and imports of the code', () => {
    const { current, expected } = architectureDocWithModuleGraph();
    assert.ok(current === expected, 'docs/architecture.md: the module graph is out of date, run npm run docs:modules');
  });

  it('reaches every module of the app from AppModule, without Nest’s own', () => {
    const graph = appModuleGraph();
    const names = graph.modules.map((m) => m.name);
    for (const name of ['AppModule', 'CoreModule', 'OffersModule', 'TenancyModule', 'TenantsModule'])
      assert.ok(names.includes(name), name);
    assert.ok(!names.includes('DiscoveryModule'));
    assert.deepEqual(graph.framework, ['DiscoveryModule']);
    assert.ok(graph.modules.find((m) => m.name === 'CoreModule')!.global);
  });

  it('follows dynamic modules and forwardRef, once per edge, sorted', () => {
    @Module({})
    class Leaf {}
    @Module({ imports: [forwardRef(() => Cyclic)] })
    class Other {}
    @Module({ imports: [Other, Leaf] })
    class Cyclic {}
    @Module({})
    class Dynamic {
      static with(): DynamicModule {
        return { module: Dynamic, imports: [Leaf], controllers: [] };
      }
    }
    @Module({ imports: [Dynamic.with(), Cyclic, DiscoveryModule, Cyclic] })
    class Root {}
    const graph = moduleGraph(Root);
    assert.deepEqual(
      graph.modules.map((m) => m.name),
      ['Cyclic', 'Dynamic', 'Leaf', 'Other', 'Root'],
    );
    assert.deepEqual(graph.edges, [
      ['Cyclic', 'Leaf'],
      ['Cyclic', 'Other'],
      ['Dynamic', 'Leaf'],
      ['Other', 'Cyclic'],
      ['Root', 'Cyclic'],
      ['Root', 'Dynamic'],
    ]);
    assert.deepEqual(graph.framework, ['DiscoveryModule']);
    assert.match(renderModuleGraph(graph), /```mermaid\nflowchart TD\n {2}Cyclic\n/);
  });
});
