// Placeholder (issue 15 groundwork): replaced by the real page.
import { SignedIn } from '../backoffice/ui.js';

export function CoveragePage({ slug }: { slug: string }) {
  void slug;
  return <SignedIn title="Zones blanches">{() => <p>Page en construction.</p>}</SignedIn>;
}
