import { IterableReadableStream } from '@langchain/core/utils/stream';

/**
 * The stream `open` returns, with every failure, opening it or mid-stream, passed through `classify`:
 * what ChatTokenOff and the gateway's routed model do around LangChain's `stream` (which races each chunk
 * against the call's signal and would surface a fired timeout or abort as a bare DOMException).
 */
export async function classifiedStream<T>(
  open: () => Promise<IterableReadableStream<T>>,
  classify: (error: unknown) => unknown,
): Promise<IterableReadableStream<T>> {
  let inner: IterableReadableStream<T>;
  try {
    inner = await open();
  } catch (error) {
    throw classify(error);
  }
  return IterableReadableStream.fromAsyncGenerator(
    (async function* () {
      try {
        yield* inner;
      } catch (error) {
        throw classify(error);
      }
    })(),
  );
}
