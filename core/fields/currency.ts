/**
 * ISO 4217 knowledge Carnet needs: minor-unit digits and which symbols stand for which codes.
 * Kept as data rather than asked of Intl, so that every host (Apps Script, Office, Node) agrees.
 */

const ZERO_DIGITS = new Set('BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF'.split(' '));
const THREE_DIGITS = new Set('BHD IQD JOD KWD LYD OMR TND'.split(' '));
const FOUR_DIGITS = new Set('CLF UYW'.split(' '));

/** Minor-unit digits for an ISO 4217 currency (JPY 0, KWD/BHD/TND 3, default 2). */
export function currencyDigits(code: string): number {
  const c = code.trim().toUpperCase();
  if (ZERO_DIGITS.has(c)) return 0;
  if (THREE_DIGITS.has(c)) return 3;
  if (FOUR_DIGITS.has(c)) return 4;
  return 2;
}

/** Active ISO 4217 codes: a three-letter word next to an amount is a currency only if listed here. */
export const ISO_CURRENCIES: ReadonlySet<string> = new Set(
  (
    'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN ' +
    'BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP ' +
    'GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF ' +
    'KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR ' +
    'MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK ' +
    'SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI ' +
    'UYU UYW UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG ZWL'
  ).split(' '),
);

const DOLLARS = 'USD CAD AUD NZD HKD SGD TWD MXN ARS CLP COP UYU DOP CUP BSD BBD BZD BMD FJD JMD KYD LRD NAD SBD SRD TTD XCD'.split(' ');
const KRONER = 'SEK NOK DKK ISK'.split(' ');

/**
 * Symbols and local abbreviations → the codes they may mean, the most likely first (it is the one
 * named when the field's currency is not among them). Longest first, so `US$` wins over `$`.
 */
export const CURRENCY_SYMBOLS: readonly (readonly [string, readonly string[]])[] = (
  [
    ['US$', ['USD']],
    ['CA$', ['CAD']],
    ['AU$', ['AUD']],
    ['NZ$', ['NZD']],
    ['HK$', ['HKD']],
    ['C$', ['CAD']],
    ['A$', ['AUD']],
    ['S$', ['SGD']],
    ['R$', ['BRL']],
    ['CN¥', ['CNY']],
    ['JP¥', ['JPY']],
    ['руб.', ['RUB']],
    ['руб', ['RUB']],
    ['р.', ['RUB']],
    ['kr.', KRONER],
    ['kr', KRONER],
    ['zł', ['PLN']],
    ['Fr.', ['CHF']],
    ['$', DOLLARS],
    ['€', ['EUR']],
    ['£', ['GBP']],
    ['¥', ['JPY', 'CNY']],
    ['₽', ['RUB']],
    ['₴', ['UAH']],
    ['₸', ['KZT']],
    ['₹', ['INR']],
    ['₩', ['KRW']],
    ['₺', ['TRY']],
    ['₪', ['ILS']],
    ['₫', ['VND']],
    ['฿', ['THB']],
    ['₦', ['NGN']],
    ['₱', ['PHP']],
  ] as const
)
  .slice()
  .sort((a, b) => b[0].length - a[0].length);
