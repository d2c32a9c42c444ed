// leaflet.markercluster extends the global `L`: expose Leaflet before the plugin is evaluated.
import L from 'leaflet';

(globalThis as unknown as { L: typeof L }).L = L;
