import type { Taxonomy } from '@catalogue/contracts';
import { useEffect, useState } from 'react';
import { api } from './api.js';

export interface Labels {
  taxonomy: Taxonomy;
  theme(code: string): string;
  audience(code: string): string;
  access(code: string): string;
  mode(code: string): string;
  cost(code: string): string;
  mobilisation(code: string): string;
  serviceType(code: string): string;
  organizationKind(code: string): string;
  funding(code: string): string;
  /** Category code of a theme code (`mobilite--x` → `mobilite`); the code itself for a category. */
  categoryOf(code: string): string;
}

function labeller(items: { code: string; label: string }[]): (code: string) => string {
  const map = new Map(items.map((i) => [i.code, i.label]));
  return (code) => map.get(code) ?? code;
}

export function labelsOf(taxonomy: Taxonomy): Labels {
  const themes = labeller([...taxonomy.themeCategories, ...taxonomy.themes]);
  const categoryByTheme = new Map(taxonomy.themes.map((t) => [t.code, t.category ?? t.code]));
  return {
    taxonomy,
    theme: themes,
    audience: labeller(taxonomy.audiences),
    access: labeller(taxonomy.accessModes),
    mode: labeller(taxonomy.modes),
    cost: labeller(taxonomy.costs),
    mobilisation: labeller(taxonomy.mobilisationModes),
    serviceType: labeller(taxonomy.serviceTypes),
    organizationKind: labeller(taxonomy.organizationKinds),
    funding: labeller(taxonomy.fundingSources),
    categoryOf: (code) => categoryByTheme.get(code) ?? code,
  };
}

/** The référentiels' labels (loaded once per page load); null until they arrive. */
export function useLabels(): Labels | null {
  const [labels, setLabels] = useState<Labels | null>(null);
  useEffect(() => {
    let live = true;
    api.taxonomy().then(
      (t) => live && setLabels(labelsOf(t)),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return labels;
}
