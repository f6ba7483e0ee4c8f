/** A bad input: one sentence naming the input, the value and what is allowed. */
export class InputError extends Error {
  constructor(
    readonly input: string,
    readonly value: string,
    allowed: string
  ) {
    super(`Input "${input}" has value ${quote(value)}: ${allowed}.`);
    this.name = 'InputError';
  }
}

export class MissingInputError extends Error {
  constructor(readonly input: string, why = 'it is required') {
    super(`Input "${input}" is missing: ${why}.`);
    this.name = 'InputError';
  }
}

function quote(value: string): string {
  const shown = value.length > 80 ? `${value.slice(0, 80)}…` : value;
  return JSON.stringify(shown);
}
