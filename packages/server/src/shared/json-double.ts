/** A double as protobuf JSON writes it. */
export function jsonDouble(value: number): number | string {
  return Number.isFinite(value) ? value : String(value);
}
