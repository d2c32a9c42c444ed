// What the offers module lets other modules read of the published catalogue (the search builds
// its index and its result lists from it). Public data only: no access check needed.
import { Injectable } from '@nestjs/common';
import { OffersCatalogueRepository, type OfferListRow } from './offers-catalogue.repository.js';

export type { OfferListRow };

/** One published offer in the compact form the search's in-memory index is built from. */
export interface IndexedOffer {
  id: string;
  /** As published (the map's markers show it). */
  title: string;
  themeIndex: string[];
  audiences: string[];
  access: string;
  modes: string[];
  /** Epoch ms until which a session has places left; null when none. */
  openUntil: number | null;
  zoneKeys: string[];
  titleKey: string;
  places: { lat: number; lng: number }[];
  /** Space-separated lexemes of the offer's search vector (PostgreSQL's French analysis). */
  lexemes: string;
  /** Those found in the title (weight A), the summary (B), the structure and labels (C). */
  lexemesA: string;
  lexemesB: string;
  lexemesC: string;
}

@Injectable()
export class OffersCatalogue {
  constructor(private readonly offers: OffersCatalogueRepository) {}

  /** The version of the tenant's catalogue, bumped by triggers on every change. */
  catalogueVersion(): Promise<number> {
    return this.offers.catalogueVersion();
  }

  /** Every published offer of the tenant, for the search index. */
  loadIndexedOffers(): Promise<IndexedOffer[]> {
    return this.offers.loadIndexedOffers();
  }

  /** The list fields of these published offers. */
  listByIds(ids: string[]): Promise<OfferListRow[]> {
    return this.offers.listByIds(ids);
  }

  /** The texts of these published offers in which a word may be written (to show a correction as written). */
  textsOf(ids: string[]): Promise<string[]> {
    return this.offers.textsOf(ids);
  }
}
