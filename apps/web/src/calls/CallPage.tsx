// Placeholder wired into the router; replaced by the page itself.
import { Layout } from '../layout/Layout.js';

export function CallPage({ slug, id }: { slug: string; id: string }) {
  return (
    <Layout>
      <div className="fr-container fr-my-5w" data-slug={slug} data-id={id}>
        <h1>Appel à projets</h1>
      </div>
    </Layout>
  );
}
