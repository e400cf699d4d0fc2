// What a host page downloads for the widget — the wasm, the entry module and
// the glue, the stylesheet — raw, gzip (level 9) and brotli (quality 11): the
// benchmark's transfer figures and the test command's size gate.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** The files' total size in `dist`: raw, gzip (level 9), brotli (quality 11). */
export function measure(dist, files) {
  let raw = 0; let gz = 0; let br = 0;
  for (const f of files) {
    const data = fs.readFileSync(path.join(dist, f));
    raw += data.length;
    gz += zlib.gzipSync(data, { level: 9 }).length;
    br += zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return { raw, gz, br };
}

export function transfer(dist, version) {
  const size = (files) => measure(dist, files);
  const wasm = size([`claim-cards-${version}.wasm`]);
  const js = size(['claim-cards.js', `claim-cards-${version}.js`]);
  const css = size([`claim-cards-${version}.css`]);
  return {
    wasm_gzip: wasm.gz, js_gzip: js.gz, css_gzip: css.gz,
    total_gzip: wasm.gz + js.gz + css.gz, total_raw: wasm.raw + js.raw + css.raw,
    wasm_brotli: wasm.br, js_brotli: js.br, css_brotli: css.br, total_brotli: wasm.br + js.br + css.br,
  };
}

/** The crate's version (the versioned file names). */
export function version(root) {
  return fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8').match(/^version = "(.+)"/m)[1];
}
