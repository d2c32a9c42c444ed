// Writes a body produced batch by batch to the response, waiting for the client to take each one
// (backpressure), and stops reading as soon as the client goes away.
import { Logger } from '@nestjs/common';
import type { Response } from 'express';

const logger = new Logger('DataInclusionExport');

export async function streamTo(res: Response, chunks: AsyncGenerator<string>): Promise<void> {
  let gone = false;
  const onClose = () => {
    if (!res.writableFinished) gone = true;
  };
  res.on('close', onClose);
  try {
    for await (const chunk of chunks) {
      if (gone || res.destroyed) break; // leaving the loop ends the generator: no further batch is read
      if (!res.write(chunk)) {
        if (gone || res.destroyed) break;
        await new Promise<void>((resolve) => {
          const done = () => {
            res.off('drain', done);
            res.off('close', done);
            resolve();
          };
          res.on('drain', done);
          res.on('close', done);
        });
      }
    }
    if (!gone && !res.destroyed) res.end();
  } catch (error) {
    // The status line is gone already: cut the connection so the client sees an incomplete file.
    logger.error(`export interrupted: ${error instanceof Error ? error.message : String(error)}`);
    res.destroy(error instanceof Error ? error : undefined);
  } finally {
    res.off('close', onClose);
  }
}
