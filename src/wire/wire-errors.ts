/**
 * The errors src/wire throws. Each failure mode has its own class and stable
 * `code`; every one is a {@link CatapultError}.
 */
import { CatapultError, type CatapultErrorOptions } from '../util/catapult-error';

/** A RecordIO length header held something other than decimal digits. */
export class RecordIOHeaderError extends CatapultError {
  constructor(message: string, options?: CatapultErrorOptions) {
    super('CATAPULT_RECORDIO_BAD_HEADER', message, options);
  }
}

/** A RecordIO record (or its length header) is larger than the decoder allows. */
export class RecordIORecordTooLargeError extends CatapultError {
  constructor(message: string, options?: CatapultErrorOptions) {
    super('CATAPULT_RECORDIO_RECORD_TOO_LARGE', message, options);
  }
}

/** A RecordIO stream ended inside a record or a length header. */
export class RecordIOTruncatedError extends CatapultError {
  constructor(message: string, options?: CatapultErrorOptions) {
    super('CATAPULT_RECORDIO_TRUNCATED', message, options);
  }
}

/** Bytes could not be decoded as the expected message. */
export class WireDecodeError extends CatapultError {
  constructor(message: string, options?: CatapultErrorOptions) {
    super('CATAPULT_WIRE_DECODE_FAILED', message, options);
  }
}

/** A plain message could not be encoded (a wrong type, a missing required field, ...). */
export class WireEncodeError extends CatapultError {
  constructor(message: string, options?: CatapultErrorOptions) {
    super('CATAPULT_WIRE_ENCODE_FAILED', message, options);
  }
}

/** A stout duration string (`5secs`, `1.5mins`) could not be parsed. */
export class DurationParseError extends CatapultError {
  constructor(message: string, options?: CatapultErrorOptions) {
    super('CATAPULT_DURATION_INVALID', message, options);
  }
}

/** A master's ZooKeeper entry is not a usable MasterInfo. */
export class MasterInfoError extends CatapultError {
  constructor(message: string, options?: CatapultErrorOptions) {
    super('CATAPULT_MASTER_INFO_INVALID', message, options);
  }
}
