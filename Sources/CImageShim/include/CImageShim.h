#ifndef CORTEXSCOPE_CIMAGESHIM_H
#define CORTEXSCOPE_CIMAGESHIM_H

#include <stddef.h>

// Decoded samples of one image, row-major, interleaved. channels is 1 (grey) or 3 (RGB);
// bit_depth is 8 (one byte a sample) or 16 (native-endian uint16 a sample). Alpha is
// dropped. samples is malloc'd: release it with cs_image_free.
typedef struct {
    unsigned int width;
    unsigned int height;
    unsigned int channels;
    unsigned int bit_depth;
    void *samples;
} cs_image;

// Decode a PNG held in memory with libpng. Returns 0 on success; otherwise nonzero with
// a message from libpng (or this shim) in message. libpng's errors longjmp back here,
// so no error ends the process.
int cs_png_decode(const unsigned char *bytes, size_t count, cs_image *image,
                  char *message, size_t message_size);

// Decode a JPEG held in memory with libjpeg. Returns 0 on success; otherwise nonzero with
// libjpeg's message. A premature end of data or corrupt entropy-coded data, which libjpeg
// reports only as a warning, is treated as an error.
int cs_jpeg_decode(const unsigned char *bytes, size_t count, cs_image *image,
                   char *message, size_t message_size);

// Release the samples of an image decoded by this shim (safe on a zeroed image).
void cs_image_free(cs_image *image);

#endif
