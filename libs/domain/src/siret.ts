/** La Poste's establishments share SIREN 356000000 and use a different checksum. */
const LA_POSTE_SIREN = '356000000';

/** Luhn checksum over a string of digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** A SIRET is 14 digits passing the Luhn check (La Poste: digit sum multiple of 5). */
export function isValidSiret(value: string): boolean {
  if (!/^\d{14}$/.test(value)) return false;
  if (value.startsWith(LA_POSTE_SIREN) && value !== `${LA_POSTE_SIREN}00012`) {
    return [...value].reduce((s, c) => s + Number(c), 0) % 5 === 0;
  }
  return luhnValid(value);
}

/** Completes 13 digits with the Luhn check digit. */
export function withLuhnCheckDigit(thirteen: string): string {
  if (!/^\d{13}$/.test(thirteen)) throw new Error('13 digits expected');
  for (let d = 0; d <= 9; d++) {
    if (luhnValid(`${thirteen}${d}`)) return `${thirteen}${d}`;
  }
  throw new Error('unreachable');
}
