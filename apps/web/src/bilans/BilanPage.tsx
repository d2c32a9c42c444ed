// Placeholder (issue 15 groundwork): replaced by the real page.
import { SignedIn } from '../backoffice/ui.js';

export function BilanPage({ slug, id }: { slug: string; id: string }) {
  void slug;
  void id;
  return <SignedIn title="Bilan">{() => <p>Page en construction.</p>}</SignedIn>;
}
