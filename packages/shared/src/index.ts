export { errorCatalog, isErrorCode, type ErrorCode, type ErrorSpec } from './error-catalog.js';
export { RitmoError, isRitmoError, type RitmoErrorOptions } from './ritmo-error.js';
export { toError } from './to-error.js';
export { ok, err, type Result } from './result.js';
export { createSilentLogger, type Logger } from './logger.js';
export { createSystemClock, createManualClock, type Clock } from './clock.js';
export { newId } from './ids.js';
export { parseDuration, formatDuration } from './duration.js';
