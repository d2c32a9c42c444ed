// Placeholder (issue 16 groundwork): replaced by the real page.
import { SignedIn } from '../backoffice/ui.js';

export function OfferImportPage({ slug, organizationId }: { slug: string; organizationId: string }) {
  void slug;
  void organizationId;
  return <SignedIn title="Importer des offres depuis un tableur">{() => <p>Page en construction.</p>}</SignedIn>;
}
