// The département's communes as circles (no commune outlines ship with the project: only their
// points), sized by population and filled by distance band; a popup per commune. Plain Leaflet,
// like the other maps of map/.
import 'leaflet/dist/leaflet.css';
import '../map/map.css';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { coverageBand, type CoverageCommune, type OutlineGeometry } from '@catalogue/contracts';
import { config } from '../app/config.js';
import { bboxToLatLngBounds, outlineToLatLngs, type Bbox } from '../map/geometry.js';
import { BAND_COLOURS, distanceText, populationText } from './coverage-view.js';

export interface CoverageMapProps {
  label: string;
  communes: CoverageCommune[];
  frame: Bbox;
  outline: OutlineGeometry | null;
  offerHref: (id: string) => string;
}

/** Radius (px) growing with the square root of the population, so areas compare like populations. */
const radiusOf = (population: number): number => Math.min(22, 3 + Math.sqrt(population) / 12);

/** The popup, built as DOM nodes (names are data: never parsed as HTML). */
function popupOf(c: CoverageCommune, offerHref: (id: string) => string): HTMLElement {
  const box = document.createElement('div');
  const add = (tag: string, text: string) =>
    box.appendChild(Object.assign(document.createElement(tag), { textContent: text }));
  add('strong', c.name);
  add('p', `${populationText(c.population)} · ${distanceText(c)}`).className = 'fr-mb-0';
  if (c.nearestOfferId && c.nearestOfferTitle) {
    const p = add('p', 'Offre la plus proche : ');
    p.className = 'fr-mb-0';
    p.appendChild(
      Object.assign(document.createElement('a'), {
        href: offerHref(c.nearestOfferId),
        textContent: c.nearestOfferTitle,
      }),
    );
  }
  return box;
}

export function CoverageMap({ label, communes, frame, outline, offerHref }: CoverageMapProps) {
  const element = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);

  useEffect(() => {
    const m = L.map(element.current!, { zoomSnap: 0.5, maxZoom: config.tiles.maxZoom, minZoom: 5 });
    m.attributionControl.setPrefix(false);
    if (config.tiles.url)
      L.tileLayer(config.tiles.url, {
        attribution: config.tiles.attribution,
        maxZoom: config.tiles.maxZoom,
        crossOrigin: true,
      }).addTo(m);
    if (outline)
      L.polygon(outlineToLatLngs(outline), { color: '#000091', weight: 2, fill: false, interactive: false }).addTo(m);
    m.fitBounds(bboxToLatLngBounds(frame), { animate: false, padding: [8, 8] });
    m.getContainer().setAttribute('aria-label', label);
    m.getContainer().setAttribute('role', 'region');
    layer.current = L.layerGroup().addTo(m);
    map.current = m;
    return () => {
      m.remove();
      map.current = null;
    };
    // The frame and outline are the tenant's: they do not change while the page is open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const group = layer.current;
    if (!group) return;
    group.clearLayers();
    // Largest first, so that small communes stay clickable on top of their neighbours.
    for (const c of [...communes].sort((a, b) => b.population - a.population)) {
      L.circleMarker([c.lat, c.lng], {
        radius: radiusOf(c.population),
        color: '#3a3a3a',
        weight: 1,
        fillColor: BAND_COLOURS[coverageBand(c)],
        fillOpacity: 0.8,
        className: 'cat-coverage-commune',
      })
        .bindPopup(() => popupOf(c, offerHref))
        .bindTooltip(c.name)
        .addTo(group);
    }
  }, [communes, offerHref]);

  return <div ref={element} className="cat-map" />;
}
