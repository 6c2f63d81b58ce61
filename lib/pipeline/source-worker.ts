// Running from TypeScript source (tsx scripts, Vitest), a worker entry is a .ts file that Node cannot
// load in a worker thread; Next's build bundles worker entries itself (Turbopack, new Worker(new
// URL(…))). This bundles the entry with esbuild (already installed with tsx) into a temporary .mjs
// once per process, dependencies included (the file lives in the temporary directory, away from
// node_modules). Never reached in the production server, whose entry URLs point at .js chunks.
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

const built = new Map<string, Promise<URL>>();

export function bundleSourceWorker(entry: URL): Promise<URL> {
  let pending = built.get(entry.href);
  if (!pending) {
    pending = (async () => {
      const esbuild = await import(/* turbopackIgnore: true */ /* webpackIgnore: true */ "esbuild");
      const outfile = path.join(os.tmpdir(), `shoplens-worker-${process.pid}-${built.size}.mjs`);
      await esbuild.build({
        entryPoints: [entry.pathname],
        bundle: true,
        platform: "node",
        format: "esm",
        outfile,
        logLevel: "silent",
      });
      return pathToFileURL(outfile);
    })();
    built.set(entry.href, pending);
  }
  return pending;
}
