// Placeholder (issue 16 groundwork): replaced by the real page.
import { SignedIn } from '../backoffice/ui.js';

export function DataInclusionImportPage({ slug }: { slug: string }) {
  void slug;
  return <SignedIn title="Importer un fichier data·inclusion">{() => <p>Page en construction.</p>}</SignedIn>;
}
