// Settings the server writes into index.html (<meta name="catalogue-config">): map tiles.
export interface WebConfig {
  tiles: { url: string | null; attribution: string; maxZoom: number };
}

const DEFAULTS: WebConfig = {
  tiles: {
    url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
    attribution: '© les contributeurs d’OpenStreetMap',
    maxZoom: 19,
  },
};

function read(): WebConfig {
  const raw = document.querySelector('meta[name="catalogue-config"]')?.getAttribute('content');
  try {
    const parsed = JSON.parse(raw || '{}') as Partial<WebConfig>;
    return { tiles: { ...DEFAULTS.tiles, ...(parsed.tiles ?? {}) } };
  } catch {
    return DEFAULTS;
  }
}

export const config: WebConfig = read();
