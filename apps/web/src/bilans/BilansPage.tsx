// Placeholder (issue 15 groundwork): replaced by the real page.
import { SignedIn } from '../backoffice/ui.js';

export function BilansPage({ slug }: { slug: string }) {
  void slug;
  return <SignedIn title="Bilans">{() => <p>Page en construction.</p>}</SignedIn>;
}
