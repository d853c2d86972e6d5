// A request the hub answers with a status other than 200 and { error, message }: the code a program reads and the
// words a person reads.
export class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
