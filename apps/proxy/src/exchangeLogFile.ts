import { closeSync, createWriteStream, openSync, type WriteStream } from 'node:fs';
import type { ExchangeLogEntry } from '@ayokit/proxy';

/**
 * AYOKIT_EXCHANGE_LOG: checks at startup that the file can be appended to (created 0600 when
 * missing), so a wrong path stops the server instead of silently logging nothing.
 */
export function checkExchangeLogFile(path: string): string {
  try {
    closeSync(openSync(path, 'a', 0o600));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new Error(`AYOKIT_EXCHANGE_LOG: cannot append to ${path} (${code}); give a writable file path.`);
  }
  return path;
}

/** Appends each exchange (already redacted by the proxy) as one JSON line. */
export class ExchangeLogFile {
  private readonly stream: WriteStream;

  constructor(path: string) {
    this.stream = createWriteStream(path, { flags: 'a', mode: 0o600 });
    this.stream.on('error', (error) => console.warn(`[ayokit] exchange log ${path}: ${error.message}`));
  }

  readonly write = (entry: ExchangeLogEntry): void => {
    this.stream.write(`${JSON.stringify(entry)}\n`);
  };

  close(): Promise<void> {
    return new Promise((resolve) => this.stream.end(() => resolve()));
  }
}
