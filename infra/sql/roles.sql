-- Préparer une base PostgreSQL externe (≥ 15) pour le catalogue, en superutilisateur :
--   psql "postgres://postgres@hote/postgres" -v owner_password=... -v app_password=... \
--        -v backup_password=... -f infra/sql/roles.sql
-- puis lancer l'application avec
--   DATABASE_OWNER_URL=postgres://catalogue_owner:...@hote/catalogue   (migrations, référentiels)
--   DATABASE_URL=postgres://catalogue_app:...@hote/catalogue           (requêtes de l'API, sous RLS)
-- et, pour npm run backup / npm run restore seulement (docs/sauvegarde.md),
--   DATABASE_BACKUP_URL=postgres://catalogue_backup:...@hote/catalogue
-- C'est ce que fait le serveur embarqué à chaque démarrage (apps/api/src/common/database/embedded-postgres.ts).

CREATE ROLE catalogue_owner LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD :'owner_password';
-- Le rôle applicatif ne possède aucune table et ne contourne jamais la sécurité par ligne.
CREATE ROLE catalogue_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD :'app_password';
-- Sauvegarde et restauration (docs/adr/013-sauvegarde.md) : lit toutes les lignes (BYPASSRLS), agit
-- avec les droits du propriétaire, et charge une restauration déclencheurs coupés.
CREATE ROLE catalogue_backup LOGIN NOSUPERUSER BYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD :'backup_password';
GRANT catalogue_owner TO catalogue_backup;
GRANT SET ON PARAMETER session_replication_role TO catalogue_backup;
CREATE DATABASE catalogue OWNER catalogue_owner;

\connect catalogue
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT ALL ON SCHEMA public TO catalogue_owner;
GRANT USAGE ON SCHEMA public TO catalogue_app;
-- earthdistance n'est pas une extension « de confiance » : un superutilisateur la crée.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS earthdistance;
CREATE EXTENSION IF NOT EXISTS btree_gin;
-- Les tables créées par les migrations (en catalogue_owner) sont lisibles et modifiables par l'application.
ALTER DEFAULT PRIVILEGES FOR ROLE catalogue_owner IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO catalogue_app;
ALTER DEFAULT PRIVILEGES FOR ROLE catalogue_owner IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO catalogue_app;
