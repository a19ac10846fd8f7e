package dev.vigil.model.image;

/**
 * What an encoded image's header says, read without decoding a pixel.
 *
 * @param format the format's name in upper case, as ImageIO calls it: {@code JPEG}, {@code PNG}, {@code BMP},
 *               {@code GIF}
 * @param size   the real size of the picture
 */
public record ImageHeader(String format, ImageSize size) {}
