/**
 * Date formatters, one per locale and set of options, kept for the life of the extension:
 * making an `Intl.DateTimeFormat` costs far more than using one (the first in a process
 * loads ICU's data, about 14 ms in the extension host), and tree rows format a date each
 * time they are drawn.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

/** Throws, like the constructor, for a locale tag Intl does not accept (nothing is kept then). */
export function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}\n${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}
