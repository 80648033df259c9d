/** An instruction: runs one opcode on a frame (pc already past it, static gas paid) and says how it went. */
import type { Frame } from './frame.js';
import type { Status } from './status.js';

export type Instruction = (f: Frame) => Status;
