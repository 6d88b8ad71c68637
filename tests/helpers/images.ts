/**
 * Test images made with sharp (never hand-written bytes), and an upload helper for the
 * in-process app.
 */
import sharp from 'sharp';

export type TestFormat = 'png' | 'jpeg' | 'webp';

/** A small picture in `format`: a coloured rectangle with a darker square in one corner. */
export async function makeImage(format: TestFormat, width = 40, height = 30): Promise<Buffer> {
  const square = await sharp({ create: { width: Math.max(1, width >> 2), height: Math.max(1, height >> 2), channels: 3, background: '#113355' } })
    .png()
    .toBuffer();
  const base = sharp({ create: { width, height, channels: 3, background: '#2a9d8f' } }).composite([{ input: square, top: 0, left: 0 }]);
  return base.toFormat(format).toBuffer();
}

/**
 * A JPEG carrying EXIF with a GPS position, a camera model and orientation 6 (rotate 90°
 * clockwise), plus an ICC profile: everything the server must strip.
 */
export async function makeJpegWithGps(width = 40, height = 20): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#e76f51' } })
    .jpeg()
    .withIccProfile('p3')
    .withExif({
      IFD0: { Make: 'TestCam', Model: 'Geo 1', Copyright: 'Urzad Gminy Tuczno' },
      // IFD3 is the GPS directory.
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '53/1 12/1 30/1', GPSLongitudeRef: 'E', GPSLongitude: '16/1 28/1 0/1' },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}
