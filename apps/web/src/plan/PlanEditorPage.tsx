// Placeholder wired into the router; replaced by the page itself.
import { Layout } from '../layout/Layout.js';

export function PlanEditorPage({ slug }: { slug: string }) {
  return (
    <Layout>
      <div className="fr-container fr-my-5w" data-slug={slug}>
        <h1>Modifier le plan d’insertion</h1>
      </div>
    </Layout>
  );
}
