import { Injectable } from '@nestjs/common';
import type { QueryToken } from '@catalogue/domain';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import type { CorrectionCandidate } from './typo-correction.js';

export interface TokenInfo {
  /** The word, folded (a-z, 0-9). */
  token: string;
  /** A French stop word ("de", "étaient"): it drops out of the query. */
  stop: boolean;
  /** Some indexed word of the tenant starts with the token. */
  known: boolean;
  /** The token's own stem (French configuration), or null. */
  stem: string | null;
  /**
   * Stems of the tenant's indexed words that complete a known token ("formatio" → format), or the
   * stem of the correction chosen for a typo ("mobilte" → mobilit, see search/typo-correction.ts).
   */
  related: string[];
  /** For an unknown token: the tenant's words closest to it (trigrams), most similar first. */
  candidates: CorrectionCandidate[];
}

/** Minimum trigram similarity for a word to be a candidate correction of a typo. */
const CORRECTION_SIMILARITY = 0.35;
/** Candidates read for a typo; the closest by edit distance among them is chosen. */
const MAX_CANDIDATES = 20;
/** Indexed words a word being typed may complete (shortest first). */
const MAX_COMPLETIONS = 5;

/** The search's vocabulary (search_term, one row per indexed word of a tenant): the search module's only SQL. */
@Injectable()
export class SearchRepository {
  constructor(private readonly db: TenantTransaction) {}

  /**
   * For each query word: is it a stop word (recognised with its accents, before they are removed),
   * its stem, and the stems of the indexed words of the tenant it starts (typing in progress) when
   * it is known, or its closest words (trigram similarity) with their stems when it is not.
   */
  async analyseTokens(tokens: QueryToken[]): Promise<TokenInfo[]> {
    const rows: {
      token: string;
      stop: boolean;
      known: boolean;
      own: string;
      related: string[];
      candidates: { word: string; own: string; similarity: number }[];
    }[] = await this.db.manager().query(
      `SELECT t.token,
                k.stop,
                k.known,
                to_tsquery('fr', t.token)::text AS own,
                ARRAY(SELECT to_tsquery('fr', w)::text FROM unnest(
                  CASE WHEN length(t.token) < 4 OR k.stop OR NOT k.known THEN '{}'::text[]
                       ELSE coalesce((
                         SELECT array_agg(c.word) FROM (
                           SELECT s.word FROM search_term s
                            WHERE s.tenant_id = $1 AND s.word >= t.token COLLATE "C" AND s.word < (t.token || '~') COLLATE "C"
                            ORDER BY length(s.word), s.word LIMIT $5) c), '{}')
                  END) AS w) AS related,
                CASE WHEN length(t.token) < 4 OR k.stop OR k.known THEN '[]'::json
                     ELSE coalesce((
                       SELECT json_agg(json_build_object('word', c.word, 'own', to_tsquery('fr', c.word)::text, 'similarity', c.sim) ORDER BY c.sim DESC, c.word)
                         FROM (SELECT s.word, similarity(s.word, t.token) AS sim FROM search_term s
                                WHERE s.tenant_id = $1 AND s.word % t.token AND similarity(s.word, t.token) >= $3
                                ORDER BY sim DESC, s.word LIMIT $4) c), '[]')
                END AS candidates
           FROM unnest($2::text[], $6::text[]) AS t(token, raw)
          CROSS JOIN LATERAL (
                SELECT numnode(plainto_tsquery('french', t.raw)) = 0 AS stop,
                       EXISTS (SELECT 1 FROM search_term s
                                WHERE s.tenant_id = $1 AND s.word >= t.token COLLATE "C" AND s.word < (t.token || '~') COLLATE "C") AS known) k`,
      [
        this.db.tenant().id,
        tokens.map((t) => t.folded),
        CORRECTION_SIMILARITY,
        MAX_CANDIDATES,
        MAX_COMPLETIONS,
        tokens.map((t) => t.raw),
      ],
    );
    // to_tsquery gives e.g. 'mobilit' (or nothing for a stop word): keep the quoted lexemes.
    const lexemes = (q: string) => [...q.matchAll(/'((?:[^']|'')+)'/g)].map((m) => m[1]!.replace(/''/g, "'"));
    return rows.map((r) => ({
      token: r.token,
      stop: r.stop,
      known: r.known,
      stem: lexemes(r.own)[0] ?? null,
      related: [...new Set(r.related.flatMap(lexemes))],
      candidates: r.candidates.flatMap((c) => {
        const stem = lexemes(c.own)[0];
        return stem ? [{ word: c.word, stem, similarity: c.similarity }] : [];
      }),
    }));
  }
}
