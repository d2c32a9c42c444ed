// Placeholder (issue 16 groundwork): replaced by the real page.
import { Layout } from '../layout/Layout.js';

export function OpenDataPage({ slug }: { slug: string }) {
  void slug;
  return (
    <Layout>
      <div className="fr-container fr-my-5w">
        <h1>Données ouvertes</h1>
        <p>Page en construction.</p>
      </div>
    </Layout>
  );
}
