import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

// The bench's Go program, go/hub, built once into node_modules/.cache/bench-go
// and again only when its source changes (the binary's name holds a hash of
// it). It imports only gorilla/websocket, and builds offline in GOPATH mode: Debian's golang-github-gorilla-websocket-dev
// puts it under /usr/share/gocode; elsewhere `go get` puts it in ~/go.

/** A folder of go/ holding `<name>.go`. */
export type GoProgram = 'hub';

const packageDir = join(import.meta.dirname, '..');
const cacheDir = join(packageDir, 'node_modules', '.cache', 'bench-go');
const debianGoPath = '/usr/share/gocode';

/** What to install, said when Go is missing. */
export const INSTALL_GO =
  'install Go and gorilla/websocket: apt-get install -y golang-go golang-github-gorilla-websocket-dev ' +
  '(Debian, Ubuntu), or install Go (brew install go) and run GO111MODULE=off go get github.com/gorilla/websocket';

export function hasGo(): boolean {
  try {
    execFileSync('go', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The path of the built program, building it first if its source changed. */
export function buildGoProgram(name: GoProgram): string {
  const source = join(packageDir, 'go', name, `${name}.go`);
  const hash = createHash('sha256').update(readFileSync(source)).digest('hex').slice(0, 12);
  const binary = join(cacheDir, `${name}-${hash}${process.platform === 'win32' ? '.exe' : ''}`);
  if (existsSync(binary)) return binary;
  mkdirSync(cacheDir, { recursive: true });
  // Builds of an older source are of no more use (7 MB each).
  for (const file of readdirSync(cacheDir)) {
    if (file.startsWith(`${name}-`)) rmSync(join(cacheDir, file));
  }
  const goPath = existsSync(join(debianGoPath, 'src', 'github.com', 'gorilla', 'websocket'))
    ? { GOPATH: debianGoPath }
    : {};
  try {
    execFileSync('go', ['build', '-o', binary, source], {
      env: {
        ...process.env,
        ...goPath,
        GO111MODULE: 'off',
        GOCACHE: join(cacheDir, 'go-build'),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`go build of go/${name} failed (${INSTALL_GO}):\n${stderr}`);
  }
  return binary;
}
