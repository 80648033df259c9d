/** Tracing: the hooks, the EIP-3155 JSON logger and go-ethereum's structLogs, callTracer, prestateTracer. */
export { NoopTracer, type Tracer, type TxStart } from '../machine/tracer.js';
export { JsonLogger, type JsonLoggerConfig } from './jsonLogger.js';
export { StructLogger, type StructLoggerConfig, type StructLogEntry, type StructLogResult } from './structLogger.js';
export { CallTracer, type CallTracerConfig, type CallFrame, type CallLog } from './callTracer.js';
export { PrestateTracer, type PrestateTracerConfig, type PrestateAccount, type PrestateResult } from './prestateTracer.js';
export { unpackRevert, decodeRevert, type RevertInfo } from './revertReason.js';
export { goJson } from './goJson.js';
