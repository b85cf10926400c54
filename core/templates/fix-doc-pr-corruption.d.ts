/** docxtemplater's module that renumbers drawings' ids after loops repeat them (it ships no types of its own). */
declare module 'docxtemplater/js/modules/fix-doc-pr-corruption.js' {
  import type Docxtemplater from 'docxtemplater';
  const fixDocPrCorruption: Docxtemplater.DXT.Module;
  export default fixDocPrCorruption;
}
