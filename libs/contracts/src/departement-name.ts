// A département’s name in a sentence (the web’s pages, the API’s letters): « le Département de la Drôme », « de l’Isère », « du Nord ».
// The article follows INSEE's « type de nom en clair » (typeLiaison in @etalab/decoupage-administratif),
// checked for every département by apps/web/src/info/departement-name.spec.ts.

/** Département codes by INSEE type; the others (type 3) take « de la ». */
const CODES_BY_TYPE: Record<'0' | '1' | '2' | '4' | '5', string> = {
  '0': '49 54 71 75 77 974 976 975 977 978 984 986 987 988 989',
  '1': '28 35 37',
  '2': '14 15 18 25 29 30 32 39 41 45 46 47 56 59 62 63 67 68 69 81 82 83 84 90 94 95',
  '4': '04 05 06 08 13 22 40 64 65 66 78 79 88 92',
  '5': '01 02 03 07 09 10 11 12 27 34 36 38 60 61 89 91',
};
const TYPE_BY_CODE = new Map(
  Object.entries(CODES_BY_TYPE).flatMap(([type, codes]) =>
    codes.split(' ').map((code) => [code, Number(type)] as const),
  ),
);

/** « de la Drôme », « de l’Isère », « d’Indre-et-Loire », « du Nord », « des Landes », « de Saône-et-Loire ». */
export function ofDepartement(code: string, name: string): string {
  switch (TYPE_BY_CODE.get(code) ?? 3) {
    case 0:
      return `de ${name}`;
    case 1:
      return `d’${name}`;
    case 2:
      return `du ${name}`;
    case 4:
      return `des ${name}`;
    case 5:
      return `de l’${name}`;
    default:
      return `de la ${name}`;
  }
}

/** « le Département de la Drôme » (the local authority, hence the capital). */
export const theDepartement = (code: string, name: string): string => `le Département ${ofDepartement(code, name)}`;
