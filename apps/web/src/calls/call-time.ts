// Dates and amounts of calls for projects, in French and in Europe/Paris (pure, unit-tested in
// node): a deadline typed as a Paris date and time becomes the right instant on either side of a
// daylight-saving change, and an instant reads back as the Paris date and time it is.

const PARIS = 'Europe/Paris';
const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: PARIS,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The Paris wall-clock fields of an instant. */
function parisFields(ms: number): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const p = Object.fromEntries(parts.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return { y: +p.year!, mo: +p.month!, d: +p.day!, h: +p.hour!, mi: +p.minute!, s: +p.second! };
}

/** Paris's offset from UTC at an instant, in ms (+1 h in winter, +2 h in summer). */
function parisOffset(ms: number): number {
  const f = parisFields(ms);
  return Date.UTC(f.y, f.mo - 1, f.d, f.h, f.mi, f.s) - Math.floor(ms / 1000) * 1000;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})$/;

/**
 * The instant of a Paris date (`2027-01-31`) and time (`23:59`), as an ISO string; null when either
 * is not a real date or time. A time skipped by the spring change (02:30 on the last Sunday of
 * March) is read as the same wall time before the change (03:30 summer time).
 */
export function parisToIso(date: string, time: string): string | null {
  const dm = DATE.exec(date);
  const tm = TIME.exec(time);
  if (!dm || !tm) return null;
  const [y, mo, d, h, mi] = [+dm[1]!, +dm[2]!, +dm[3]!, +tm[1]!, +tm[2]!];
  if (h > 23 || mi > 59) return null;
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  // The offset at the guess, then at the result: two passes settle both sides of a change.
  let ms = wall - parisOffset(wall);
  ms = wall - parisOffset(ms);
  return new Date(ms).toISOString();
}

/** The Paris date and time of an instant: `{ date: '2027-01-31', time: '23:59' }`. */
export function isoToParis(iso: string | null): { date: string; time: string } {
  if (!iso || Number.isNaN(Date.parse(iso))) return { date: '', time: '' };
  const f = parisFields(Date.parse(iso));
  const two = (n: number) => String(n).padStart(2, '0');
  return { date: `${f.y}-${two(f.mo)}-${two(f.d)}`, time: `${two(f.h)}:${two(f.mi)}` };
}

const dayFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, day: 'numeric', month: 'long', year: 'numeric' });

/** « 31 janvier 2027 à 23 h 59 » (Europe/Paris). */
export function dateTimeFr(iso: string): string {
  const { time } = isoToParis(iso);
  const [h, m] = time.split(':');
  return `${dayFormat.format(new Date(iso))} à ${h} h ${m}`;
}

/** « Date limite : 31 janvier 2027 à 23 h 59 ». */
export const deadlineLabel = (iso: string): string => `Date limite : ${dateTimeFr(iso)}`;

const euroFormat = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 2 });
const roundEuroFormat = new Intl.NumberFormat('fr-FR', {
  style: 'currency',
  currency: 'EUR',
  maximumFractionDigits: 0,
});

/** « 150 000 € », « 1 234,50 € » (narrow no-break spaces, as Intl writes them). */
export const euros = (n: number): string => (Number.isInteger(n) ? roundEuroFormat : euroFormat).format(n);

/** An amount typed in French (« 150 000,50 ») as euros; null when it is not one. */
export function parseEuros(text: string): number | null {
  const t = text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return null;
  return Number(t);
}
