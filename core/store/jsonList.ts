/** A JSON list of strings as the store keeps them (cancer types, section sources); anything else reads as empty. */
export function parseStringList(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
