#!/usr/bin/env node
// npm run admin:create -- --email personne@exemple.fr [--name "Prénom Nom"] [--password …]
// Creates or promotes a platform admin in the configured database (DATABASE_URL, or the embedded
// PostgreSQL of DATA_DIR, as npm start). Without --password, prints a one-time link to choose it.
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { ensureDependencies, root, compileApi } from './lib.mjs';

const usage = 'Usage : npm run admin:create -- --email personne@exemple.fr [--name "Prénom Nom"] [--password …]';
let args;
try {
  ({ values: args } = parseArgs({
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (e) {
  console.error(`${e.message}\n${usage}`);
  process.exit(2);
}
if (args.help || !args.email) {
  (args.help ? console.log : console.error)(usage);
  process.exit(args.help ? 0 : 2);
}

ensureDependencies();
compileApi();
const { loadConfig, ConfigError } = await import(join(root, 'apps/api/dist/config/env.js'));
const { createPlatformAdmin, openConfiguredDatabase, AdminCreateError } = await import(
  join(root, 'apps/api/dist/modules/platform/admin-create.js')
);

let db;
try {
  const config = loadConfig(process.env, root);
  db = await openConfiguredDatabase(config, (m) => console.log(m));
  const r = await createPlatformAdmin(db.client, {
    email: args.email,
    name: args.name,
    password: args.password,
    publicUrl: config.settings.publicUrl,
  });
  console.log(
    r.created
      ? `Compte créé : ${r.email}, administrateur de la plateforme.`
      : r.promoted
        ? `Compte existant promu administrateur de la plateforme : ${r.email}.`
        : `${r.email} est déjà administrateur de la plateforme${r.passwordSet ? ' (mot de passe remplacé)' : ''}.`,
  );
  if (r.link) console.log(`Pour choisir le mot de passe (lien à usage unique, valable 7 jours) :\n  ${r.link}`);
} catch (e) {
  console.error(e instanceof AdminCreateError || e instanceof ConfigError ? `Erreur : ${e.message}` : e);
  process.exitCode = 1;
} finally {
  await db?.close();
}
// Explicit: the embedded database's exit hook (async-exit-hook, on beforeExit) would otherwise end the process with 0.
process.exit(process.exitCode ?? 0);
