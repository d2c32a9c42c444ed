// A map to place one point (a structure's or a place's pin): click the map or drag the pin; the
// pin, once focused, also moves with the arrow keys. Lives in map/ with the only other Leaflet code.
import 'leaflet/dist/leaflet.css';
import './map.css';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import type { OutlineGeometry } from '@catalogue/contracts';
import { config } from '../app/config.js';
import { bboxToLatLngBounds, outlineToLatLngs, type Bbox } from './geometry.js';

export interface Pin {
  lat: number;
  lng: number;
}

export interface PinMapProps {
  /** Accessible name of the map region. */
  label: string;
  value: Pin | null;
  onChange: (pin: Pin) => void;
  /** Shown when there is no pin yet (the département). */
  frame: Bbox;
  outline?: OutlineGeometry | null | undefined;
  className?: string;
  /** Read-only: the pin shows but does not move. */
  disabled?: boolean;
}

const pinIcon = L.divIcon({ className: 'cat-marker cat-marker--pin', iconSize: [26, 26], iconAnchor: [13, 13] });
/** Arrow keys move the pin by this many screen pixels. */
const KEY_STEP_PX = 10;
const round = (v: number): number => Math.round(v * 1e6) / 1e6;

export function PinMap({ label, value, onChange, frame, outline, className, disabled = false }: PinMapProps) {
  const element = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const marker = useRef<L.Marker | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;
  const locked = useRef(disabled);
  locked.current = disabled;

  useEffect(() => {
    const m = L.map(element.current!, { zoomSnap: 0.5, maxZoom: config.tiles.maxZoom, minZoom: 4 });
    m.attributionControl.setPrefix(false);
    if (config.tiles.url)
      L.tileLayer(config.tiles.url, {
        attribution: config.tiles.attribution,
        maxZoom: config.tiles.maxZoom,
        crossOrigin: true,
      }).addTo(m);
    m.fitBounds(bboxToLatLngBounds(frame), { animate: false, padding: [8, 8] });
    const pin = L.marker([0, 0], {
      icon: pinIcon,
      draggable: true,
      keyboard: true,
      title: 'Repère : déplacez-le (glisser, ou flèches du clavier)',
      alt: 'Repère',
    });
    const emit = (ll: L.LatLng): void => changed.current({ lat: round(ll.lat), lng: round(ll.lng) });
    pin.on('dragend', () => emit(pin.getLatLng()));
    pin.on('add', () => {
      const el = pin.getElement();
      el?.setAttribute('role', 'button');
      el?.setAttribute('aria-label', 'Repère sur la carte : flèches du clavier pour le déplacer');
      el?.addEventListener('keydown', (e: KeyboardEvent) => {
        const d = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] }[e.key];
        if (!d || locked.current) return;
        e.preventDefault();
        e.stopPropagation();
        const p = m.latLngToContainerPoint(pin.getLatLng()).add([d[0]! * KEY_STEP_PX, d[1]! * KEY_STEP_PX]);
        const ll = m.containerPointToLatLng(p);
        pin.setLatLng(ll);
        emit(ll);
      });
    });
    m.on('click', (e: L.LeafletMouseEvent) => {
      if (locked.current) return;
      pin.setLatLng(e.latlng);
      if (!m.hasLayer(pin)) pin.addTo(m);
      emit(e.latlng);
    });
    map.current = m;
    marker.current = pin;
    const resize = new ResizeObserver(() => m.invalidateSize({ pan: false }));
    resize.observe(element.current!);
    return () => {
      resize.disconnect();
      m.remove();
      map.current = null;
      marker.current = null;
    };
    // The frame only matters at creation; later the pin leads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const m = map.current!;
    if (!outline) return;
    const layer = L.polygon(outlineToLatLngs(outline), {
      color: '#000091',
      weight: 2,
      opacity: 0.8,
      fillOpacity: 0.03,
      interactive: false,
    }).addTo(m);
    return () => {
      layer.remove();
    };
  }, [outline]);

  useEffect(() => {
    const pin = marker.current!;
    if (disabled) pin.dragging?.disable();
    else pin.dragging?.enable();
    // The handler exists once the marker is on the map: also applied when it is added.
    pin.options.draggable = !disabled;
  }, [disabled]);

  // Follow the value given from outside (a commune chosen: its centre), keeping the zoom if visible.
  const lat = value?.lat ?? null;
  const lng = value?.lng ?? null;
  useEffect(() => {
    const m = map.current!;
    const pin = marker.current!;
    if (lat === null || lng === null) {
      pin.remove();
      return;
    }
    const here = L.latLng(lat, lng);
    if (pin.getLatLng().equals(here) && m.hasLayer(pin)) return;
    pin.setLatLng(here);
    if (!m.hasLayer(pin)) pin.addTo(m);
    if (!m.getBounds().pad(-0.1).contains(here) || m.getZoom() < 11)
      m.setView(here, Math.max(m.getZoom(), 13), { animate: false });
  }, [lat, lng]);

  return (
    <div
      ref={element}
      className={`cat-map cat-pinmap ${className ?? ''}`}
      role="region"
      aria-label={label}
      data-pin={lat !== null && lng !== null ? `${lat},${lng}` : ''}
    />
  );
}
