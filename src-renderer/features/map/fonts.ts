import '@fontsource/be-vietnam-pro/500.css';

/**
 * deck.gl rasterises glyphs once from whatever font is loaded at that moment, so the bundled font must be
 * ready before the first label layer is built — otherwise the fallback's glyphs would stick.
 */
export async function loadLabelFont(): Promise<void> {
  try {
    await document.fonts.load('500 16px "Be Vietnam Pro"', 'Cao Lãnh Sa Đéc Hồng Ngự Ấp Đường');
  } catch {
    // The fallback font still covers Vietnamese on Debian (DejaVu Sans); labels stay readable.
  }
}
