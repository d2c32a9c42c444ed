// The one Leaflet wrapper of the app: it owns the map's lifecycle (create once, update layers when
// props change, remove on unmount) and converts between the app's data and Leaflet.
import 'leaflet/dist/leaflet.css';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import './map.css';
import L from 'leaflet';
import './leaflet-global.js';
import 'leaflet.markercluster';
import { useEffect, useRef } from 'react';
import type { OfferMapPoint, OutlineGeometry } from '@catalogue/contracts';
import { config } from '../app/config.js';
import { navigate } from '../app/router.js';
import {
  bboxFromBounds,
  bboxToLatLngBounds,
  clusterLabel,
  clusterSize,
  outlineToLatLngs,
  type Bbox,
} from './geometry.js';

export interface MapViewProps {
  /** Accessible name of the map region. */
  label: string;
  points: readonly OfferMapPoint[];
  /** Address of a point's page (its popup links there). */
  hrefOf: (id: string) => string;
  outline?: OutlineGeometry | null | undefined;
  /** Box to show; the map fits it again whenever `frameKey` changes. */
  frame: Bbox;
  frameKey: string;
  circle?: { lat: number; lng: number; radiusKm: number } | null | undefined;
  /** Group nearby markers (the results map); off for a handful of places. */
  cluster?: boolean;
  highlightedId?: string | null | undefined;
  onHover?: ((id: string | null) => void) | undefined;
  /** Called after the person moved or zoomed the map (not after the map fitted itself). */
  onUserMove?: ((bbox: Bbox) => void) | undefined;
  className?: string;
}

/** Timing of the last marker render, read by the benchmark (performance entry of the same name). */
export const MARKERS_MEASURE = 'catalogue:markers';

const markerIcon = L.divIcon({ className: 'cat-marker', iconSize: [18, 18], iconAnchor: [9, 9], popupAnchor: [0, -9] });
const markerIconActive = L.divIcon({
  className: 'cat-marker cat-marker--active',
  iconSize: [26, 26],
  iconAnchor: [13, 13],
  popupAnchor: [0, -13],
});

/** A cluster's icon, named for assistive technologies ("12 offres : zoomer pour les voir"). */
class ClusterIcon extends L.DivIcon {
  constructor(private readonly count: number) {
    const size = clusterSize(count);
    const px = size === 'small' ? 34 : size === 'medium' ? 42 : 50;
    super({
      html: `<span aria-hidden="true">${clusterLabel(count)}</span>`,
      className: `cat-cluster cat-cluster--${size}`,
      iconSize: [px, px],
    });
  }
  override createIcon(oldIcon?: HTMLElement): HTMLElement {
    const el = super.createIcon(oldIcon);
    el.setAttribute('aria-label', `${this.count} offres à cet endroit : zoomer pour les voir`);
    return el;
  }
}

const clusterIcon = (cluster: L.MarkerCluster): L.DivIcon => new ClusterIcon(cluster.getChildCount());

interface MapState {
  map: L.Map;
  markers: L.MarkerClusterGroup | L.LayerGroup;
  byId: Map<string, L.Marker>;
  outline: L.Polygon | null;
  circle: L.Circle | null;
  /** True while the map moves by itself (fit, resize): such moves are not the person's. */
  fitting: boolean;
  /** The last frame fitted, and whether the person moved the map since (then resizes keep their view). */
  frame: Bbox | null;
  userMoved: boolean;
  highlighted: { marker: L.Marker; parent: L.Marker | null } | null;
}

function fitFrame(s: MapState, frame: Bbox): void {
  s.frame = frame;
  s.map.fitBounds(bboxToLatLngBounds(frame), { animate: false, padding: [12, 12], maxZoom: 15 });
}

function popupContent(point: OfferMapPoint, href: string): HTMLElement {
  const box = document.createElement('div');
  const title = document.createElement('p');
  title.className = 'fr-text--bold fr-mb-1w';
  title.textContent = point.title;
  const link = document.createElement('a');
  link.href = href;
  link.className = 'fr-link fr-icon-arrow-right-line fr-link--icon-right';
  link.textContent = 'Voir l’offre';
  link.addEventListener('click', (e) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
    e.preventDefault();
    navigate(href);
  });
  box.append(title, link);
  return box;
}

export function MapView(props: MapViewProps) {
  const { label, points, hrefOf, outline, frame, frameKey, circle, cluster = true, highlightedId, className } = props;
  const element = useRef<HTMLDivElement>(null);
  const state = useRef<MapState | null>(null);
  // Latest callbacks, so Leaflet handlers registered once always call the current ones.
  const callbacks = useRef({ onHover: props.onHover, onUserMove: props.onUserMove, hrefOf });
  callbacks.current = { onHover: props.onHover, onUserMove: props.onUserMove, hrefOf };

  // Create the map once; remove it on unmount.
  useEffect(() => {
    // The clustering needs the map's own maxZoom (set here, not only by a tile layer: there may be none).
    const map = L.map(element.current!, {
      zoomSnap: 0.5,
      maxZoom: config.tiles.maxZoom,
      minZoom: 4,
      attributionControl: true,
    });
    map.attributionControl.setPrefix(false);
    if (config.tiles.url) {
      L.tileLayer(config.tiles.url, {
        attribution: config.tiles.attribution,
        maxZoom: config.tiles.maxZoom,
        crossOrigin: true,
      }).addTo(map);
    }
    const markers = cluster
      ? L.markerClusterGroup({
          chunkedLoading: true,
          showCoverageOnHover: false,
          spiderfyOnMaxZoom: true,
          maxClusterRadius: 50,
          iconCreateFunction: clusterIcon,
        })
      : L.layerGroup();
    markers.addTo(map);
    const s: MapState = {
      map,
      markers,
      byId: new Map(),
      outline: null,
      circle: null,
      fitting: false,
      frame: null,
      userMoved: false,
      highlighted: null,
    };
    state.current = s;
    map.on('moveend', () => {
      if (s.fitting) return;
      s.userMoved = true;
      callbacks.current.onUserMove?.(bboxFromBounds(map.getBounds()));
    });
    // A map shown in a hidden tab, or resized with the window, fits its frame again unless the
    // person has moved it.
    const container = element.current!;
    const resize = new ResizeObserver(() => {
      if (state.current !== s) return;
      s.fitting = true;
      map.invalidateSize({ pan: false });
      if (s.frame && !s.userMoved && container.clientHeight > 0) fitFrame(s, s.frame);
      s.fitting = false;
    });
    resize.observe(container);
    return () => {
      resize.disconnect();
      map.remove();
      state.current = null;
    };
  }, [cluster]);

  // Fit the frame when it changes (not when points or highlights do). Runs before the layers are
  // added: Leaflet draws vector layers only on a map that has a view.
  useEffect(() => {
    const s = state.current!;
    s.fitting = true;
    fitFrame(s, frame);
    s.userMoved = false;
    s.fitting = false;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [frameKey]);

  // Outline of the département.
  useEffect(() => {
    const s = state.current!;
    s.outline?.remove();
    s.outline = outline
      ? L.polygon(outlineToLatLngs(outline), {
          color: '#000091',
          weight: 2,
          opacity: 0.8,
          fillColor: '#000091',
          fillOpacity: 0.03,
          interactive: false,
        }).addTo(s.map)
      : null;
  }, [outline]);

  // Radius of the search.
  const [circleLat, circleLng, circleKm] = circle ? [circle.lat, circle.lng, circle.radiusKm] : [null, null, null];
  useEffect(() => {
    const s = state.current!;
    s.circle?.remove();
    s.circle =
      circleLat !== null && circleLng !== null && circleKm !== null
        ? L.circle([circleLat, circleLng], {
            radius: circleKm * 1000,
            color: '#6a6af4',
            weight: 1.5,
            dashArray: '6 6',
            fill: false,
            interactive: false,
          }).addTo(s.map)
        : null;
  }, [circleLat, circleLng, circleKm]);

  // Markers.
  useEffect(() => {
    const s = state.current!;
    const start = performance.now();
    s.highlighted = null;
    s.markers.clearLayers();
    s.byId.clear();
    const markers: L.Marker[] = [];
    for (const p of points) {
      const m = L.marker([p.lat, p.lng], {
        icon: markerIcon,
        title: p.title,
        alt: p.title,
        keyboard: true,
        riseOnHover: true,
      });
      m.bindPopup(() => popupContent(p, callbacks.current.hrefOf(p.id)), { maxWidth: 280 });
      m.on('mouseover', () => callbacks.current.onHover?.(p.id));
      m.on('mouseout', () => callbacks.current.onHover?.(null));
      s.byId.set(p.id, m);
      markers.push(m);
    }
    const done = (): void => {
      element.current?.setAttribute('data-markers', String(markers.length));
      performance.measure(MARKERS_MEASURE, { start, end: performance.now() });
    };
    if (s.markers instanceof L.MarkerClusterGroup) {
      const group = s.markers;
      if (markers.length === 0) done();
      else {
        // The plugin reports the last chunk before it puts the visible clusters on the map, in the
        // same task: a microtask later, the measure includes that step.
        (group.options as L.MarkerClusterGroupOptions).chunkProgress = (processed: number, total: number) => {
          if (processed === total) queueMicrotask(done);
        };
        group.addLayers(markers);
      }
    } else {
      markers.forEach((m) => s.markers.addLayer(m));
      done();
    }
  }, [points]);

  // Highlight the marker (or the cluster holding it) of the hovered or focused result.
  useEffect(() => {
    const s = state.current!;
    const apply = (): void => {
      const previous = s.highlighted;
      if (previous) {
        previous.marker.setIcon(markerIcon).setZIndexOffset(0);
        previous.parent?.getElement()?.classList.remove('cat-cluster--active');
        s.highlighted = null;
      }
      const marker = highlightedId ? s.byId.get(highlightedId) : undefined;
      if (!marker) return;
      const parent =
        s.markers instanceof L.MarkerClusterGroup ? (s.markers.getVisibleParent(marker) as L.Marker | null) : marker;
      if (parent && parent !== marker) {
        parent.getElement()?.classList.add('cat-cluster--active');
        s.highlighted = { marker, parent };
      } else {
        marker.setIcon(markerIconActive).setZIndexOffset(1000);
        s.highlighted = { marker, parent: null };
      }
    };
    apply();
    s.map.on('zoomend', apply);
    return () => {
      s.map.off('zoomend', apply);
    };
  }, [highlightedId, points]);

  return (
    <div ref={element} className={`cat-map ${className ?? ''}`} role="region" aria-label={label} data-markers="" />
  );
}
