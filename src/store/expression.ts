/** Builds a DynamoDB update expression with placeholder names and values, so any attribute name is safe. */
export class UpdateExpression {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, unknown> = {};
  private readonly sets: string[] = [];
  private readonly removes: string[] = [];

  /** `#n` for an attribute name. */
  name(attribute: string): string {
    const placeholder = `#${attribute.replace(/[^A-Za-z0-9_]/g, '_')}`;
    this.names[placeholder] = attribute;
    return placeholder;
  }

  /** `:v` for a value. */
  value(value: unknown): string {
    const placeholder = `:v${Object.keys(this.values).length}`;
    this.values[placeholder] = value;
    return placeholder;
  }

  /** SET attribute = value. */
  set(attribute: string, value: unknown): this {
    return this.setTo(attribute, this.value(value));
  }

  /** SET attribute = an expression built from placeholders (e.g. list_append). */
  setTo(attribute: string, expression: string): this {
    this.sets.push(`${this.name(attribute)} = ${expression}`);
    return this;
  }

  /** REMOVE attribute. */
  remove(attribute: string): this {
    this.removes.push(this.name(attribute));
    return this;
  }

  /** The UpdateExpression text. */
  toString(): string {
    return [
      this.sets.length ? `SET ${this.sets.join(', ')}` : '',
      this.removes.length ? `REMOVE ${this.removes.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join(' ');
  }
}
