// Placeholder (issue 15 groundwork): replaced by the real page.
import { SignedIn } from '../backoffice/ui.js';

export function ReportPage({ slug, year }: { slug: string; year: number }) {
  void slug;
  void year;
  return <SignedIn title="Rapport d’exécution">{() => <p>Page en construction.</p>}</SignedIn>;
}
