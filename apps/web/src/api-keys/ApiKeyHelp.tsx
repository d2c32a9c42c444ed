// « Comment l’utiliser »: the header to send, a curl example and the routes a key opens.
import { MACHINE_ROUTES } from './api-keys-api.js';

export function ApiKeyHelp({ slug }: { slug: string }) {
  const base = `${window.location.origin}/api/v1/tenants/${slug}`;
  return (
    <section className="cat-bo-card" aria-labelledby="keys-help">
      <h2 className="fr-h5" id="keys-help">
        Comment l’utiliser
      </h2>
      <p>
        Un programme envoie la clé dans l’en-tête <code>Authorization</code> de chaque requête, sans cookie. La clé ne
        permet que la lecture (GET) des données de ce département ; au-delà de 600 requêtes par minute, l’API répond 429
        avec l’en-tête <code>Retry-After</code>.
      </p>
      <pre className="cat-code" tabIndex={0} aria-label="Exemple de requête avec curl">
        <code>{`curl -H "Authorization: Bearer cik_…" \\\n  ${base}/registrations/stats`}</code>
      </pre>
      <p className="fr-mb-1w">Routes ouvertes à une clé :</p>
      <ul>
        {MACHINE_ROUTES.map((r) => (
          <li key={r.path}>
            <code>GET …/{r.path}</code> : {r.what}
          </li>
        ))}
      </ul>
      <p className="fr-text--sm">
        Une clé inconnue, mal écrite ou révoquée reçoit 401 ; toute autre route, ou une modification, reçoit 403.
      </p>
    </section>
  );
}
