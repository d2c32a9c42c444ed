// The key's name as the API checks it (non-blank, at most nameMax characters), said in French.
import { API_KEY_LIMITS } from '@catalogue/contracts';

export function nameError(name: string): string | null {
  if (!name.trim()) return 'Donnez un nom à la clé (par exemple le programme qui l’utilisera).';
  if (name.length > API_KEY_LIMITS.nameMax) return `Le nom fait au plus ${API_KEY_LIMITS.nameMax} caractères.`;
  return null;
}
