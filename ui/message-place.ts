/**
 * A core message without the place it starts with ("Sociétés!I3: …"), for a list that shows the
 * place apart. French puts a no-break space before the colon ("Sociétés!I3 : …"): any spacing.
 */
export function afterPlace(message: string, place: string): string {
  if (!message.startsWith(place)) return message;
  const rest = /^[\s\u00a0\u202f]*:\s*/.exec(message.slice(place.length));
  return rest ? message.slice(place.length + rest[0].length) : message;
}
