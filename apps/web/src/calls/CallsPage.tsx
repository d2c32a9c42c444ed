// Placeholder wired into the router; replaced by the page itself.
import { Layout } from '../layout/Layout.js';

export function CallsPage({ slug }: { slug: string }) {
  return (
    <Layout>
      <div className="fr-container fr-my-5w" data-slug={slug}>
        <h1>Appels à projets</h1>
      </div>
    </Layout>
  );
}
