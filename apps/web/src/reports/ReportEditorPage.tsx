// Placeholder (issue 15 groundwork): replaced by the real page.
import { SignedIn } from '../backoffice/ui.js';

export function ReportEditorPage({ slug }: { slug: string }) {
  void slug;
  return <SignedIn title="Rapport d’exécution">{() => <p>Page en construction.</p>}</SignedIn>;
}
