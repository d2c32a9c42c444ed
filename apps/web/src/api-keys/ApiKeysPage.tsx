// Placeholder (issue 16 groundwork): replaced by the real page.
import { SignedIn } from '../backoffice/ui.js';

export function ApiKeysPage({ slug }: { slug: string }) {
  void slug;
  return <SignedIn title="Clés d’API">{() => <p>Page en construction.</p>}</SignedIn>;
}
