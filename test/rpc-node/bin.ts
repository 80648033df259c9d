/** `bin/evmkit node --port 0 ...args` as a child process: its listening URL, exit code and output. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../../bin/evmkit', import.meta.url));

export function runBin(args: string[]) {
  const child = spawn(BIN, ['node', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c) => (stderr += c));
  const listening = new Promise<string>((resolve, reject) => {
    const check = () => {
      const m = /Listening on (\S+:\d+)/.exec(stdout);
      if (m !== null) resolve(`http://${m[1]}`);
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, listening, exited, output: () => ({ stdout, stderr }) };
}
