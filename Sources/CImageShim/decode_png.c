// libpng reports errors by longjmp to a setjmp point; Swift cannot call setjmp, so the
// whole read runs here.
#include "CImageShim.h"

#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Largest decoded image accepted, in bytes (a corrupt header can claim any size).
#define CS_MAX_DECODED_BYTES ((size_t)1 << 31)

typedef struct {
    const unsigned char *bytes;
    size_t count;
    size_t offset;
    char *message;
    size_t message_size;
} cs_png_source;

static void cs_png_read(png_structp png, png_bytep target, png_size_t length) {
    cs_png_source *source = (cs_png_source *)png_get_io_ptr(png);
    if (length > source->count - source->offset) {
        png_error(png, "the file ends before the image data does (truncated file)");
    }
    memcpy(target, source->bytes + source->offset, length);
    source->offset += length;
}

static void cs_png_error(png_structp png, png_const_charp text) {
    cs_png_source *source = (cs_png_source *)png_get_error_ptr(png);
    snprintf(source->message, source->message_size, "libpng: %s", text);
    png_longjmp(png, 1);
}

static void cs_png_warning(png_structp png, png_const_charp text) {
    (void)png;
    (void)text;
}

int cs_png_decode(const unsigned char *bytes, size_t count, cs_image *image,
                  char *message, size_t message_size) {
    memset(image, 0, sizeof(*image));
    cs_png_source source = {bytes, count, 0, message, message_size};
    if (count < 8 || png_sig_cmp(bytes, 0, 8) != 0) {
        snprintf(message, message_size, "not a PNG file (bad signature)");
        return 1;
    }
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &source, cs_png_error,
                                             cs_png_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!png || !info) {
        png_destroy_read_struct(png ? &png : NULL, NULL, NULL);
        snprintf(message, message_size, "libpng could not allocate its state");
        return 1;
    }
    unsigned char *volatile samples = NULL;
    png_bytep *volatile rows = NULL;
    if (setjmp(png_jmpbuf(png))) {
        free(samples);
        free(rows);
        png_destroy_read_struct(&png, &info, NULL);
        return 1;
    }
    png_set_read_fn(png, &source, cs_png_read);
    png_read_info(png, info);

    png_set_expand(png);
    png_set_strip_alpha(png);
    if (png_get_bit_depth(png, info) == 16) {
        png_set_swap(png);
    }
    png_set_interlace_handling(png);
    png_read_update_info(png, info);

    png_uint_32 width = png_get_image_width(png, info);
    png_uint_32 height = png_get_image_height(png, info);
    size_t row_bytes = png_get_rowbytes(png, info);
    if (row_bytes == 0 || height > CS_MAX_DECODED_BYTES / row_bytes) {
        png_error(png, "the image is too large to decode");
    }
    samples = malloc(row_bytes * height);
    rows = malloc(sizeof(png_bytep) * height);
    if (!samples || !rows) {
        png_error(png, "out of memory for the decoded image");
    }
    for (png_uint_32 y = 0; y < height; y++) {
        rows[y] = samples + y * row_bytes;
    }
    png_read_image(png, rows);
    png_read_end(png, NULL);

    image->width = width;
    image->height = height;
    image->channels = png_get_channels(png, info);
    image->bit_depth = png_get_bit_depth(png, info);
    image->samples = samples;
    free(rows);
    png_destroy_read_struct(&png, &info, NULL);
    return 0;
}

void cs_image_free(cs_image *image) {
    free(image->samples);
    image->samples = NULL;
}
